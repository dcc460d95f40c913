//! `ayuda sla`: deadlines, holidays and policy checks from the command line.

mod batch;
mod report;

pub use batch::run_batch;
pub use report::{check_summary, holiday_lines, ticket_text};

use crate::diagnostics::Diagnostic;
use anyhow::{bail, Result};
use calculator::Policy;
use std::path::Path;

/// Reads and validates the policy file at `path`; a problem is reported against `shown_as`
/// (the name the user knows the file by) with its line, column and field.
pub fn read_policy(path: &Path, shown_as: &Path) -> Result<Policy, Diagnostic> {
    let text = crate::diagnostics::read_text(path, shown_as, "the SLA policy")?;
    Policy::from_yaml(&text).map_err(|e| match (e.line, e.column) {
        (Some(line), Some(column)) => Diagnostic::at(shown_as, line, column, e.message),
        _ => Diagnostic::file(shown_as, e.message),
    })
}

/// Reads a policy for the `ayuda sla` commands; errors read `FILE:LINE:COLUMN: field: what is wrong`.
pub fn load_policy(path: &Path) -> Result<Policy> {
    read_policy(path, path).map_err(|d| anyhow::anyhow!("{d}"))
}

/// Checks a year range for `ayuda sla holidays`.
pub fn check_years(from: i32, to: i32) -> Result<()> {
    let (first, last) = (calculator::civil::FIRST_YEAR, calculator::civil::LAST_YEAR);
    if !(first..=last).contains(&from) || !(first..=last).contains(&to) {
        bail!("years must be between {first} and {last}");
    }
    if from > to {
        bail!("--from {from} is after --to {to}");
    }
    Ok(())
}
