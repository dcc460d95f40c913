//! ayuda's one error shape: a [`Diagnostic`] names a file and, when known, a line and column,
//! says what is wrong, and may say how to fix it. Every stage reports into a [`Diagnostics`]
//! collector, so that one run shows every problem at once, sorted by place.

mod position;
mod yaml;

pub use position::{line_column, utf8_text};
pub use yaml::{
    yaml_entry_value_position, yaml_error, yaml_key_position, yaml_syntax_error, yaml_value_positions,
    yaml_value_start,
};

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: an error stops a build, a warning does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The site cannot be built as written.
    Error,
    /// Something is left out or likely wrong, and the build goes on.
    Warning,
}

/// One problem in the input, and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// The file, relative to the site root when it is inside it.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is more to say than the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// When the problem is a link to a file that failed to load: that file. Fixing the file's
    /// own errors fixes the link, so a sorted report folds such links into one problem of
    /// that file (marked with the file itself). Boxed: a thin pointer keeps a diagnostic small.
    #[serde(skip)]
    pub link_to_failed: Option<Box<PathBuf>>,
}

impl Diagnostic {
    /// An error with a whole file.
    pub fn file(file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_owned(),
            line: None,
            column: None,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            link_to_failed: None,
        }
    }

    /// An error at a line and column of a file.
    pub fn at(file: &Path, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic { line: Some(line), column: Some(column), ..Diagnostic::file(file, message) }
    }

    /// The same problem, as a warning.
    pub fn warning(self) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..self }
    }

    /// The same problem, with advice on fixing it.
    pub fn with_help(self, help: impl Into<String>) -> Diagnostic {
        Diagnostic { help: Some(help.into()), ..self }
    }

    /// The same problem, marked as a link to `failed`, a file that failed to load.
    pub fn link_to_failed(self, failed: &Path) -> Diagnostic {
        Diagnostic { link_to_failed: Some(Box::new(failed.to_owned())), ..self }
    }

    /// Where it is: `file`, `file:line` or `file:line:column`.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.file.display()),
            (Some(line), None) => format!("{}:{line}", self.file.display()),
            _ => self.file.display().to_string(),
        }
    }

    /// Whether it stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order of a report: by file, then place, then message; the links that a file's
    /// failure broke come after its own problems.
    fn sort_key(&self) -> (&Path, bool, Option<usize>, Option<usize>, Severity, &str) {
        let links_to_it = self.link_to_failed.is_some();
        (&self.file, links_to_it, self.line, self.column, self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.place())?;
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// The problems a run found, collected from every stage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// How many problems are errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, in the order they were found (see [`Diagnostics::sorted`]).
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Sorted by file and place, each problem once: a stable report. Links to a file that
    /// failed to load are folded into one problem of that file, after its own: the cause
    /// comes first, and its consequences do not bury it.
    pub fn sorted(self) -> Diagnostics {
        let mut found = Vec::new();
        let mut by_failed: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        for diagnostic in self.0 {
            match &diagnostic.link_to_failed {
                Some(failed) if **failed != diagnostic.file => {
                    by_failed.entry(PathBuf::clone(failed)).or_default().push(diagnostic)
                }
                _ => found.push(diagnostic),
            }
        }
        for (failed, mut links) in by_failed {
            sort_and_dedup(&mut links);
            found.push(folded_links(&failed, &links));
        }
        sort_and_dedup(&mut found);
        Diagnostics(found)
    }
}

fn sort_and_dedup(found: &mut Vec<Diagnostic>) {
    found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    found.dedup();
}

/// How many places a folded report names before it counts the rest.
const FOLDED_PLACES: usize = 3;

/// One problem of file `failed` for the `links` (sorted, at least one) that lead to it.
fn folded_links(failed: &Path, links: &[Diagnostic]) -> Diagnostic {
    let count = match links.len() {
        1 => "1 link from another page leads here and breaks".to_owned(),
        n => format!("{n} links from other pages lead here and break"),
    };
    let places: Vec<String> = links.iter().take(FOLDED_PLACES).map(Diagnostic::place).collect();
    let more = match links.len().saturating_sub(FOLDED_PLACES) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let message = format!("{count} until this file loads ({}{more})", places.join(", "));
    let folded = Diagnostic::file(failed, message).link_to_failed(failed);
    if links.iter().any(Diagnostic::is_error) {
        folded
    } else {
        folded.warning()
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Diagnostics {
        Diagnostics(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Diagnostics {
        Diagnostics(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    /// One line per problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_sorted_by_place_and_says_what_is_a_warning() {
        let mut found = Diagnostics::new();
        found.push(Diagnostic::at(Path::new("content/b.md"), 3, 1, "broken link"));
        found.push(Diagnostic::file(Path::new("content/.notas"), "skipped: hidden file").warning());
        found.push(
            Diagnostic::at(Path::new("content/b.md"), 1, 2, "front matter: missing field `title`")
                .with_help("every page needs a title"),
        );
        found.push(Diagnostic::at(Path::new("content/b.md"), 3, 1, "broken link"));
        assert_eq!(found.error_count(), 3);
        assert_eq!(
            found.sorted().to_string(),
            "content/.notas: warning: skipped: hidden file\n\
             content/b.md:1:2: front matter: missing field `title` (help: every page needs a title)\n\
             content/b.md:3:1: broken link"
        );
    }

    #[test]
    fn links_to_a_file_that_failed_to_load_fold_into_one_problem_after_its_own() {
        let failed = Path::new("content/roles.md");
        let link = |file: &str, line| {
            Diagnostic::at(Path::new(file), line, 7, "broken link: \"roles.md\" (failed to load)")
                .link_to_failed(failed)
        };
        let mut found: Diagnostics = (1..=4).map(|line| link("content/a.md", line)).collect();
        found.push(link("content/z.md", 2));
        found.push(Diagnostic::at(failed, 1, 1, "the front matter is not closed"));
        found.push(Diagnostic::at(
            Path::new("content/b.md"),
            3,
            1,
            "broken link: \"x.md\" (no file content/x.md)",
        ));
        let report = found.sorted();
        let expected = "content/b.md:3:1: broken link: \"x.md\" (no file content/x.md)\n\
             content/roles.md:1:1: the front matter is not closed\n\
             content/roles.md: 5 links from other pages lead here and break until this file loads \
             (content/a.md:1:7, content/a.md:2:7, content/a.md:3:7 and 2 more)";
        assert_eq!(report.to_string(), expected);
        assert_eq!(report.error_count(), 3);
        assert_eq!(report.sorted().to_string(), expected, "sorting again changes nothing");
    }

    #[test]
    fn warnings_alone_are_not_errors() {
        let found: Diagnostics = [Diagnostic::file(Path::new("a"), "x").warning()].into_iter().collect();
        assert!(!found.has_errors() && !found.is_empty());
    }
}
