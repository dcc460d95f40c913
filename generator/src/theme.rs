//! The built-in theme, compiled into the binary, and a site's own templates over it.

use crate::diagnostics::{line_column, read_text, Diagnostic};
use std::path::{Path, PathBuf};

/// Templates of the default theme, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("menu.html", include_str!("../../themes/default/templates/menu.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("section.html", include_str!("../../themes/default/templates/section.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("alias.html", include_str!("../../themes/default/templates/alias.html")),
    (
        "shortcodes/sla_priorities.html",
        include_str!("../../themes/default/templates/shortcodes/sla_priorities.html"),
    ),
    (
        "shortcodes/sla_targets.html",
        include_str!("../../themes/default/templates/shortcodes/sla_targets.html"),
    ),
    ("shortcodes/sla_hours.html", include_str!("../../themes/default/templates/shortcodes/sla_hours.html")),
    (
        "shortcodes/sla_escalation.html",
        include_str!("../../themes/default/templates/shortcodes/sla_escalation.html"),
    ),
    (
        "shortcodes/sla_calculator.html",
        include_str!("../../themes/default/templates/shortcodes/sla_calculator.html"),
    ),
    (
        "shortcodes/sla_definitive_fix_days.html",
        include_str!("../../themes/default/templates/shortcodes/sla_definitive_fix_days.html"),
    ),
];

/// The default theme's stylesheet.
pub const STYLESHEET: &str = include_str!("../../themes/default/static/style.css");

/// The default theme's icon.
pub const ICON: &str = include_str!("../../themes/default/static/icon.svg");

/// The folder of the theme a site names, `themes/NAME/` under the site; `None` for the
/// built-in theme (no name, or `default`).
pub fn folder(root: &Path, name: Option<&str>) -> Result<Option<PathBuf>, String> {
    let Some(name) = name.filter(|n| *n != "default") else { return Ok(None) };
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(format!("theme: \"{name}\" must be the name of a folder under themes/"));
    }
    let folder = root.join("themes").join(name);
    if !folder.join("templates").is_dir() && !folder.join("static").is_dir() {
        return Err(format!(
            "theme: no theme \"{name}\": themes/{name}/ needs a templates/ or static/ folder (or omit `theme` for the built-in one)"
        ));
    }
    Ok(Some(folder))
}

/// The templates of a build.
pub struct Templates {
    /// The templates, compiled.
    pub tera: tera::Tera,
    /// Each template's name, text and file, to find where a render error is.
    sources: Vec<(String, String, PathBuf)>,
}

impl Templates {
    /// Where a render error of `template` is. Tera names the template but gives no line, so
    /// the first `quoted` name of its message (a variable, filter, function or template) is
    /// looked up in that template, then in the others; `None` when it is nowhere.
    pub fn locate(&self, template: &str, message: &str) -> Option<(&Path, usize, usize)> {
        let name = message.split('`').nth(1).filter(|name| !name.is_empty())?;
        let own = self.sources.iter().filter(|(n, _, _)| n == template);
        let others = self.sources.iter().filter(|(n, _, _)| n != template);
        own.chain(others).find_map(|(_, text, file)| {
            let (line, column) = line_column(text, text.find(name)?);
            Some((file.as_path(), line, column))
        })
    }
}

/// Loads the built-in templates, then those of each of `template_dirs` in turn over them (a
/// template of the same name replaces the earlier one).
pub fn load(root: &Path, template_dirs: &[PathBuf]) -> Result<Templates, Vec<Diagnostic>> {
    let mut sources: Vec<(String, String, PathBuf)> = TEMPLATES
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned(), Path::new("themes/default/templates").join(n)))
        .collect();
    let mut errors = Vec::new();
    for templates_dir in template_dirs.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(templates_dir).sort_by_file_name().into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(templates_dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            let file = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_owned();
            match read_text(entry.path(), &file, "the template") {
                Ok(text) => {
                    sources.retain(|(n, _, _)| *n != name);
                    sources.push((name, text, file));
                }
                Err(diagnostic) => errors.push(diagnostic),
            }
        }
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escape also rewrites `/`, which makes every URL unreadable in the output.
    tera.set_escape_fn(crate::highlight::escape);
    // Each template is parsed on its own first, for every syntax error with its file; then
    // all are added at once, since one may extend or import another that comes after it.
    for (name, text, file) in &sources {
        if let Err(e) = tera::Template::new(name, None, text) {
            errors.push(template_error(file, &tera::Error::chain(format!("Failed to parse '{name}'"), e)));
        }
    }
    if errors.is_empty() {
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(name, text, _)| (name, text))) {
            errors.push(link_error(&sources, &e));
        }
    }
    if errors.is_empty() {
        Ok(Templates { tera, sources })
    } else {
        Err(errors)
    }
}

/// A Tera error with its whole cause chain on one line.
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// An error of Tera's linking of the templates (a missing or circular parent, a missing file
/// of macros), placed in the template it names first.
fn link_error(sources: &[(String, String, PathBuf)], error: &tera::Error) -> Diagnostic {
    let message = chain(error);
    let named = match &error.kind {
        tera::ErrorKind::MissingParent { current, .. } => Some(current.as_str()),
        tera::ErrorKind::CircularExtend { tpl, .. } => Some(tpl.as_str()),
        _ => message.split(['`', '\'']).skip(1).step_by(2).find(|n| sources.iter().any(|(s, _, _)| s == n)),
    };
    let file = named.and_then(|n| sources.iter().find(|(s, _, _)| s == n)).map(|(_, _, file)| file.as_path());
    Diagnostic::file(file.unwrap_or(Path::new("templates")), format!("template error: {message}"))
}

/// A template syntax error, with the line and column Tera reports in its message.
fn template_error(file: &Path, error: &tera::Error) -> Diagnostic {
    let message = chain(error);
    // Tera's parse errors contain "--> LINE:COLUMN".
    let position = message.split("--> ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, column.parse().ok()?))
    });
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match position {
        Some((line, column)) => Diagnostic::at(file, line, column, format!("template error: {message}")),
        None => Diagnostic::file(file, format!("template error: {message}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder for one test, with these templates.
    fn site(name: &str, templates: &[(&str, &str)]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("ayuda-theme-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in templates {
            let file = root.join("templates").join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        root
    }

    /// The report of `load` on a site with these templates, one diagnostic a line.
    fn errors(name: &str, templates: &[(&str, &str)]) -> String {
        let root = site(name, templates);
        let result = load(&root, &[root.join("templates")]);
        std::fs::remove_dir_all(&root).unwrap();
        match result {
            Ok(_) => String::new(),
            Err(diagnostics) => diagnostics.iter().map(|d| format!("{d}\n")).collect(),
        }
    }

    #[test]
    fn a_template_may_extend_or_import_one_that_comes_after_it() {
        let templates = [
            ("a.html", "{% extends \"z.html\" %}{% block x %}{{ m::hola() }}{% endblock x %}"),
            ("b.html", "{% import \"z-macros.html\" as m %}{{ m::hola() }}"),
            ("z.html", "{% import \"z-macros.html\" as m %}<p>{% block x %}{% endblock x %}</p>"),
            ("z-macros.html", "{% macro hola() %}hola{% endmacro %}"),
        ];
        assert_eq!(errors("order", &templates), "");
    }

    #[test]
    fn a_missing_parent_or_macro_file_is_placed_in_the_template_that_names_it() {
        assert_eq!(
            errors("no-parent", &[("b.html", "{% extends \"falta.html\" %}"), ("c.html", "")]),
            "templates/b.html: template error: Template 'b.html' is inheriting from 'falta.html', \
             which doesn't exist or isn't loaded.\n"
        );
        assert_eq!(
            errors("no-macros", &[("b.html", "{% import \"falta.html\" as f %}"), ("c.html", "")]),
            "templates/b.html: template error: Template `b.html` loads macros from `falta.html` \
             which isn't present in Tera\n"
        );
    }
}
