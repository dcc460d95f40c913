//! What can go wrong when a policy is read or a deadline computed.

use std::fmt;

/// A policy file that could not be loaded: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// 1-based line of the offending value, when known.
    pub line: Option<usize>,
    /// 1-based column of the offending value, when known.
    pub column: Option<usize>,
    /// What is wrong, starting with the field's path (`priorities[1].response: …`).
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for PolicyError {}

/// A computation that cannot give an answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlaError {
    /// A timestamp that is malformed, out of range, or not a real local time.
    #[error("{0}")]
    InvalidTime(String),
    /// A priority id the policy does not define.
    #[error("unknown priority \"{given}\"; valid priorities: {valid}")]
    UnknownPriority {
        /// What was asked for.
        given: String,
        /// The policy's ids, comma-separated.
        valid: String,
    },
    /// A request-type id the policy does not define.
    #[error("unknown request type \"{given}\"; valid request types: {valid}")]
    UnknownRequestType {
        /// What was asked for.
        given: String,
        /// The policy's ids, comma-separated.
        valid: String,
    },
    /// The schedule and holidays leave no business time within the search horizon.
    #[error("no business time within {days} days after {after}; check the schedule and the holidays")]
    NoBusinessTime {
        /// Where the search started (RFC 3339).
        after: String,
        /// The search horizon in days.
        days: i32,
    },
    /// A result would fall outside the years the engine's calendar covers.
    #[error("the computation runs past {last_year}, the last year the engine's calendar covers")]
    BeyondCalendar {
        /// The last year covered.
        last_year: i32,
    },
    /// A workaround was given but the policy sets no definitive-fix period.
    #[error("the policy sets no `definitive_fix` period, so no definitive-fix date can be given")]
    NoDefinitiveFix,
}
