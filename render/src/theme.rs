//! The built-in theme, compiled into the binary, and a site's own templates over it.

use diagnostics::{line_column, read_text, Diagnostic};
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
    tera.set_escape_fn(markdown::escape);
    for (name, text, file) in &sources {
        if let Err(e) = tera.add_raw_template(name, text) {
            errors.push(template_error(file, &e));
        }
    }
    if errors.is_empty() {
        if let Err(e) = tera.build_inheritance_chains() {
            errors.push(Diagnostic::file(Path::new("templates"), chain(&e)));
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
