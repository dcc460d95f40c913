//! Build errors: each names a file and, when known, a line and column. A build collects all
//! of them and reports them together.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the input, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root when it is inside it.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Diagnostic {
    /// A problem with a whole file.
    pub fn file(file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic { file: file.to_owned(), line: None, column: None, message: message.into() }
    }

    /// A problem at a line and column of a file.
    pub fn at(file: &Path, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic { file: file.to_owned(), line: Some(line), column: Some(column), message: message.into() }
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
        write!(f, ": {}", self.message)
    }
}

/// All the problems that stopped a build, sorted by file and position.
#[derive(Debug)]
pub struct BuildErrors(pub Vec<Diagnostic>);

impl fmt::Display for BuildErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        write!(f, "the build failed with {} error(s); the previous output was left untouched", self.0.len())
    }
}

impl std::error::Error for BuildErrors {}

impl BuildErrors {
    /// Sorts the diagnostics for a stable report.
    pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> BuildErrors {
        diagnostics.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        diagnostics.dedup();
        BuildErrors(diagnostics)
    }
}

/// A YAML error's position in its file, for YAML that starts on line `first_line` of the file,
/// and its message: yaml_serde's " at line L column C" parts, which count from the YAML's own
/// first line, are dropped where they repeat that position and moved to file lines elsewhere.
pub fn yaml_error(error: &yaml_serde::Error, first_line: usize) -> (Option<(usize, usize)>, String) {
    const AT: &str = " at line ";
    let location = error.location().map(|l| (l.line(), l.column()));
    let message = error.to_string();
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(at) = rest.find(AT) {
        out.push_str(&rest[..at]);
        let after = &rest[at + AT.len()..];
        let digits = |text: &str| text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_end = digits(after);
        let place = after[line_end..].strip_prefix(" column ").and_then(|columns| {
            let column_end = digits(columns);
            let position = (after[..line_end].parse().ok()?, columns[..column_end].parse().ok()?);
            Some((position, &columns[column_end..]))
        });
        match place {
            Some((position, tail)) => {
                if Some(position) != location {
                    out.push_str(&format!("{AT}{} column {}", position.0 + first_line - 1, position.1));
                }
                rest = tail;
            }
            None => {
                out.push_str(AT);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (location.map(|(line, column)| (line + first_line - 1, column)), out)
}

/// Where each of the `values` of a top-level `key` is written in a YAML text that starts on
/// line `first_line` of its file, as (line, column): found by its text, in order, from the
/// key on. A value written with escapes (so not found verbatim) gets the key's position.
pub fn yaml_value_positions(
    yaml: &str,
    first_line: usize,
    key: &str,
    values: &[String],
) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(key_index) = key_line(&lines, key) else { return vec![(first_line, 1); values.len()] };
    let key_position = (key_index + first_line, 1);
    // The key's value ends where the next top-level key starts.
    let end = (key_index + 1..lines.len())
        .find(|&i| lines[i].starts_with(|c: char| !c.is_whitespace() && c != '-' && c != '#'))
        .unwrap_or(lines.len());
    // Searching resumes after the previous value, so a repeated value gets its own line.
    let mut cursor = (key_index, key.len());
    values
        .iter()
        .map(|value| {
            let found = (cursor.0..end).find_map(|index| {
                let from = if index == cursor.0 { cursor.1 } else { 0 };
                let at = lines[index].get(from..)?.find(value.as_str())? + from;
                Some((index, at))
            });
            match found {
                Some((index, at)) if !value.is_empty() => {
                    cursor = (index, at + value.len());
                    (index + first_line, lines[index][..at].chars().count() + 1)
                }
                _ => key_position,
            }
        })
        .collect()
}

/// Where a top-level `key` is written in a YAML text that starts on line `first_line` of its
/// file, as (line, column); the YAML's start when the key is not there.
pub fn yaml_key_position(yaml: &str, first_line: usize, key: &str) -> (usize, usize) {
    let lines: Vec<&str> = yaml.lines().collect();
    (key_line(&lines, key).unwrap_or(0) + first_line, 1)
}

/// The index of the line where a top-level `key` starts.
fn key_line(lines: &[&str], key: &str) -> Option<usize> {
    lines.iter().position(|line| line.split_once(':').is_some_and(|(name, _)| name.trim_end() == key))
}

/// Reads a text file; a read error or invalid UTF-8 (with its line and column) is reported
/// against `shown_as`, the name the user knows the file by. `what` names the file's role.
pub fn read_text(path: &Path, shown_as: &Path, what: &str) -> Result<String, Diagnostic> {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::file(shown_as, format!("cannot read {what}: {e}")))?;
    utf8_text(bytes, shown_as)
}

/// The text of a file's bytes, or where its first invalid UTF-8 sequence is.
pub fn utf8_text(bytes: Vec<u8>, shown_as: &Path) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).expect("valid up to there");
        let (line, column) = line_column(valid, valid.len());
        Diagnostic::at(shown_as, line, column, "the file is not valid UTF-8")
    })
}

/// The 1-based line and column of a byte offset in a text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(before.chars().count(), |i| before[i + 1..].chars().count()) + 1;
    (line, column)
}
