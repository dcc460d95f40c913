//! Lines and columns in text, as people count them: 1-based, in characters.

use crate::Diagnostic;
use std::path::Path;

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
