//! `ayuda sla`: deadlines, holidays and policy checks from the command line.

mod batch;
mod report;

pub use batch::run_batch;
pub use report::{check_summary, holiday_lines, ticket_text};

use anyhow::{bail, Context, Result};
use calculator::Policy;
use std::path::Path;

/// Reads and validates a policy file; errors read `FILE:LINE:COLUMN: field: what is wrong`.
pub fn load_policy(path: &Path) -> Result<Policy> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the policy {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: the file is not valid UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Policy::from_yaml(&text).map_err(|e| match (e.line, e.column) {
        (Some(line), Some(column)) => anyhow::anyhow!("{}:{line}:{column}: {}", path.display(), e.message),
        _ => anyhow::anyhow!("{}: {}", path.display(), e.message),
    })
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
