//! The SLA policy file, read into the one policy type of the SLA engine.

use crate::source::{read_text, Source};
use calculator::Policy;
use diagnostics::Diagnostic;
use std::path::Path;

/// Reads and validates the policy file at `path` (from the site root); a problem is reported
/// with its line, column and field.
pub fn read_policy(source: &dyn Source, path: &str) -> Result<Policy, Diagnostic> {
    let text = read_text(source, path, "the SLA policy")?;
    policy_from_text(&text, Path::new(path))
}

/// Validates a policy's text; a problem is reported against `shown_as` (the name the user
/// knows the file by).
pub fn policy_from_text(text: &str, shown_as: &Path) -> Result<Policy, Diagnostic> {
    Policy::from_yaml(text).map_err(|e| match (e.line, e.column) {
        (Some(line), Some(column)) => Diagnostic::at(shown_as, line, column, e.message),
        _ => Diagnostic::file(shown_as, e.message),
    })
}
