//! The built-in theme, compiled into the binary as data, and a site's own templates over it.

use crate::template_cycles;
use diagnostics::{line_column, Diagnostic};
use markdown::Parameters;
use model::theme::TemplateFile;
use rayon::prelude::*;
use std::path::Path;

/// The built-in theme, `themes/default`: its templates and its static files, compiled in.
static BUILT_IN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../themes/default");

/// A file of the built-in theme, by its path in `themes/default` (`static/style.css`).
pub fn built_in_file(path: &str) -> &'static [u8] {
    BUILT_IN.get_file(path).unwrap_or_else(|| panic!("the built-in theme has {path}")).contents()
}

/// A text file of the built-in theme.
pub fn built_in_text(path: &str) -> &'static str {
    std::str::from_utf8(built_in_file(path)).unwrap_or_else(|_| panic!("{path} is UTF-8"))
}

/// The built-in theme's templates, by name, in path order.
fn built_in_templates() -> Vec<TemplateFile> {
    fn walk(dir: &'static include_dir::Dir<'static>, found: &mut Vec<TemplateFile>) {
        for entry in dir.entries() {
            match entry {
                include_dir::DirEntry::Dir(inner) => walk(inner, found),
                include_dir::DirEntry::File(file) => {
                    let path = file.path().to_string_lossy().replace('\\', "/");
                    let name = path.strip_prefix("templates/").expect("under templates/").to_owned();
                    let text = file.contents_utf8().unwrap_or_else(|| panic!("{path} is UTF-8")).to_owned();
                    found.push(TemplateFile { name, text, file: Path::new("themes/default").join(&path) });
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(BUILT_IN.get_dir("templates").expect("the built-in theme has templates"), &mut found);
    found.sort_by(|a, b| model::source::path_order(&a.name, &b.name));
    found
}

/// The templates of a build.
pub struct Templates {
    /// The templates, compiled.
    pub tera: tera::Tera,
    /// Each template's name, text and file, to find where a render error is.
    sources: Vec<TemplateFile>,
}

impl Templates {
    /// Where a render error of `template` is. Tera names the template but gives no line, so
    /// the first `quoted` name of its message (a variable, filter, function or template) is
    /// looked up in that template, then in the others; `None` when it is nowhere.
    pub fn locate(&self, template: &str, message: &str) -> Option<(&Path, usize, usize)> {
        let name = message.split('`').nth(1).filter(|name| !name.is_empty())?;
        let own = self.sources.iter().filter(|t| t.name == template);
        let others = self.sources.iter().filter(|t| t.name != template);
        own.chain(others).find_map(|TemplateFile { text, file, .. }| {
            let (line, column) = line_column(text, text.find(name)?);
            Some((file.as_path(), line, column))
        })
    }

    /// The arguments shortcode `name` takes: those its template reads as `args.NAME` (or
    /// `args["NAME"]`); any, when it uses `args` otherwise (passes it on, loops over it) or
    /// includes a template (which sees `args` too), or when there is no such shortcode.
    pub fn shortcode_parameters(&self, name: &str) -> Parameters {
        let template = format!("shortcodes/{name}.html");
        let Some(source) = self.sources.iter().find(|t| t.name == template) else { return Parameters::Any };
        let text = source.text.as_str();
        let includes = text
            .match_indices("include")
            .any(|(at, _)| text[..at].trim_end().trim_end_matches('-').ends_with("{%"));
        if includes {
            return Parameters::Any;
        }
        let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut names = Vec::new();
        for (at, word) in text.match_indices("args") {
            if text[..at].ends_with(is_name) {
                continue;
            }
            let after = &text[at + word.len()..];
            let read = if let Some(field) = after.strip_prefix('.') {
                Some(&field[..field.find(|c: char| !is_name(c)).unwrap_or(field.len())])
            } else {
                ["[\"", "['"].iter().find_map(|open| {
                    let quoted = after.strip_prefix(open)?;
                    let close = &open[1..];
                    Some(&quoted[..quoted.find(close)?])
                })
            };
            match read {
                Some(field) if !field.is_empty() => names.push(field.to_owned()),
                _ if after.starts_with(is_name) => {}
                _ => return Parameters::Any,
            }
        }
        names.sort_unstable();
        names.dedup();
        Parameters::Only(names)
    }
}

/// Compiles the built-in templates with the site's and its theme's `files` over them (a
/// template of the same name replaces the built-in one).
pub fn compile(files: &[TemplateFile]) -> Result<Templates, Vec<Diagnostic>> {
    let mut sources = built_in_templates();
    for file in files {
        sources.retain(|t| t.name != file.name);
        sources.push(file.clone());
    }
    let mut errors = Vec::new();
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escape also rewrites `/`, which makes every URL unreadable in the output.
    tera.set_escape_fn(markdown::escape);
    // Each template is parsed alone (on every core: Tera's parser is slow), so that every
    // syntax error is reported, where `add_raw_templates` stops at the first and parses each
    // template a second time; then all go in at once, so that a template may extend one that
    // comes after it.
    let parsed: Vec<_> = sources
        .par_iter()
        .map(|TemplateFile { name, text, file }| {
            tera::Template::new(name, None, text).map_err(|e| {
                template_error(file, &tera::Error::chain(format!("Failed to parse '{name}'"), e))
            })
        })
        .collect();
    for template in parsed {
        match template {
            Ok(template) => {
                tera.templates.insert(template.name.clone(), template);
            }
            Err(problem) => errors.push(problem),
        }
    }
    if errors.is_empty() {
        if let Err(e) = tera.build_inheritance_chains().and_then(|()| tera.check_macro_files()) {
            errors.push(template_cycles::link_error(&sources, &e));
        }
    }
    if errors.is_empty() {
        errors.extend(template_cycles::cycles(&tera, &sources));
    }
    if errors.is_empty() {
        // They only call macros of the theme's menu.html and feedback_widget.html, which a
        // theme's own may lack.
        let internal =
            crate::pages::MENU_PART_TEMPLATES.into_iter().chain([crate::pages::FEEDBACK_ANSWER_TEMPLATE]);
        for (name, text) in internal {
            let _ = tera.add_raw_template(name, text);
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

/// What a render error says: Tera's message with its causes, or, for a filter, test or
/// function that does not exist, that alone, with the name in backticks, where
/// [`Templates::locate`] looks for it.
pub fn render_error(error: &tera::Error) -> String {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        let unknown = match error.downcast_ref::<tera::Error>().map(|e| &e.kind) {
            Some(tera::ErrorKind::FilterNotFound(name)) => Some(("filter", name)),
            Some(tera::ErrorKind::TestNotFound(name)) => Some(("test", name)),
            Some(tera::ErrorKind::FunctionNotFound(name)) => Some(("function", name)),
            _ => None,
        };
        if let Some((what, name)) = unknown {
            return format!("there is no {what} `{name}`");
        }
        cause = error.source();
    }
    chain(error)
}

/// A template syntax error, at the line and column Tera reports in its message, without the
/// excerpt Tera draws around them (the place says where to look); a block tag that is not
/// closed, which Tera reports only at the tag it did not expect, gets a word of help.
fn template_error(file: &Path, error: &tera::Error) -> Diagnostic {
    let message = chain(error);
    // Tera's parse errors contain "--> LINE:COLUMN", an excerpt, then "= what is wrong".
    let position = message.split("--> ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, column.parse().ok()?))
    });
    let message = match (message.split_once("--> "), message.rsplit_once("\n  = ")) {
        (Some((before, _)), Some((_, what))) => format!("{before}{what}"),
        _ => message,
    };
    let message = format!("template error: {}", message.split_whitespace().collect::<Vec<_>>().join(" "));
    let help = unclosed_tag(&message)
        .map(|tag| format!("a {{% {tag} %}} before this line is not closed: add its {{% end{tag} %}}"));
    let diagnostic = match position {
        Some((line, column)) => Diagnostic::at(file, line, column, message),
        None => Diagnostic::file(file, message),
    };
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// The block tag (`if`, `for`, …) whose end Tera's message says it expected.
fn unclosed_tag(message: &str) -> Option<&str> {
    let (_, after) = message.split_once("expected ")?.1.split_once("(`{% end")?;
    after.split_once(" %}`)").map(|(tag, _)| tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shortcode_takes_the_arguments_its_template_reads() {
        let shortcode = |name: &str, text: &str| TemplateFile {
            name: format!("shortcodes/{name}.html"),
            text: text.to_owned(),
            file: Path::new("templates/shortcodes").join(format!("{name}.html")),
        };
        let templates = compile(&[
            shortcode("nota", "<p class=\"{{ args.tipo }}\">{{ args['texto'] }} {{ args.tipo }}</p>"),
            shortcode("lista", "{% for k, v in args %}{{ k }}{% endfor %}"),
            shortcode("incluye", "{% include \"shortcodes/nota.html\" %}"),
            shortcode("fija", "<p>{{ margs }}</p>"),
        ])
        .unwrap();
        let only = |names: &[&str]| Parameters::Only(names.iter().map(|n| n.to_string()).collect());
        assert_eq!(templates.shortcode_parameters("nota"), only(&["texto", "tipo"]));
        assert_eq!(templates.shortcode_parameters("lista"), Parameters::Any);
        assert_eq!(templates.shortcode_parameters("incluye"), Parameters::Any);
        assert_eq!(templates.shortcode_parameters("fija"), only(&[]));
        assert_eq!(templates.shortcode_parameters("sla_targets"), only(&[]));
        assert_eq!(templates.shortcode_parameters("no_existe"), Parameters::Any);
    }
}
