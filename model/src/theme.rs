//! The theme a site names, and the template files of the site and that theme, as text. The
//! built-in theme is compiled into the render stage; these files are layered over it.

use crate::source::{read_text, Source};
use diagnostics::Diagnostic;
use std::path::PathBuf;

/// A template file of the site or of its theme.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TemplateFile {
    /// Its name for Tera: its path under `templates/` (`page.html`, `shortcodes/nota.html`).
    pub name: String,
    /// Its text.
    pub text: String,
    /// Where it is, relative to the site root.
    pub file: PathBuf,
}

/// The folder of the theme a site names, `themes/NAME` under the site; `None` for the
/// built-in theme (no name, or `default`).
pub fn folder(source: &dyn Source, name: Option<&str>) -> Result<Option<String>, String> {
    let Some(name) = name.filter(|n| *n != "default") else { return Ok(None) };
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(format!("theme: \"{name}\" must be the name of a folder under themes/"));
    }
    let folder = format!("{}/{name}", crate::site::THEMES_FOLDER);
    if !source.is_dir(&format!("{folder}/templates")) && !source.is_dir(&format!("{folder}/static")) {
        return Err(format!(
            "theme: no theme \"{name}\": themes/{name}/ needs a templates/ or static/ folder (or omit `theme` for the built-in one)"
        ));
    }
    Ok(Some(folder))
}

/// The template files of each folder of `dirs` in turn (`themes/NAME/templates`, then the
/// site's `templates`): a file replaces an earlier one of the same name.
pub fn read_templates(source: &dyn Source, dirs: &[String]) -> (Vec<TemplateFile>, Vec<Diagnostic>) {
    let (mut templates, mut problems) = (Vec::<TemplateFile>::new(), Vec::new());
    for dir in dirs {
        let (files, listing_problems) = source.files(dir, false);
        problems.extend(listing_problems);
        for file in files {
            match read_text(source, &file, "the template") {
                Ok(text) => {
                    let name = file[dir.len() + 1..].to_owned();
                    templates.retain(|t| t.name != name);
                    templates.push(TemplateFile { name, text, file: PathBuf::from(file) });
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    (templates, problems)
}
