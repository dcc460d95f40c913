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

    /// Whether it stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order of a report: by file, then place, then message.
    fn sort_key(&self) -> (&Path, Option<usize>, Option<usize>, Severity, &str) {
        (&self.file, self.line, self.column, self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
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

    /// Sorted by file and place, each problem once: a stable report.
    pub fn sorted(mut self) -> Diagnostics {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self
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
    fn warnings_alone_are_not_errors() {
        let found: Diagnostics = [Diagnostic::file(Path::new("a"), "x").warning()].into_iter().collect();
        assert!(!found.has_errors() && !found.is_empty());
    }
}
