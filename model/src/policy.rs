//! The SLA policy file, read into the one policy type of the SLA engine.

use calculator::Policy;
use diagnostics::Diagnostic;
use std::path::Path;

/// Reads and validates the policy file at `path`; a problem is reported against `shown_as`
/// (the name the user knows the file by) with its line, column and field.
pub fn read_policy(path: &Path, shown_as: &Path) -> Result<Policy, Diagnostic> {
    let text = diagnostics::read_text(path, shown_as, "the SLA policy")?;
    Policy::from_yaml(&text).map_err(|e| match (e.line, e.column) {
        (Some(line), Some(column)) => Diagnostic::at(shown_as, line, column, e.message),
        _ => Diagnostic::file(shown_as, e.message),
    })
}
