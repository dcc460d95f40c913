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

/// How many characters of a bad value an error message echoes.
pub const ECHO_LIMIT: usize = 80;

/// A bad value cut after [`ECHO_LIMIT`] characters, with "…" (a 50 MB value is not echoed
/// whole): what errors keep of the input they echo.
pub fn shortened(text: &str) -> String {
    match text.char_indices().nth(ECHO_LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A bad value as an error message shows it: [`shortened`], in quotes.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", shortened(text))
}

/// A computation that cannot give an answer. Serialized with a `code` (snake case of the
/// variant) and its fields, so that a page can word it in its own language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SlaError {
    /// A timestamp that is malformed, out of range, or not a real local time.
    #[error("{}", time_message(text, problem))]
    InvalidTime {
        /// The text as given, [`shortened`].
        text: String,
        /// What is wrong with it.
        #[serde(flatten)]
        problem: TimeProblem,
    },
    /// A priority id the policy does not define.
    #[error("unknown priority \"{given}\"; valid priorities: {valid}")]
    UnknownPriority {
        /// What was asked for, [`shortened`].
        given: String,
        /// The policy's ids, comma-separated.
        valid: String,
    },
    /// A request-type id the policy does not define.
    #[error("unknown request type \"{given}\"; valid request types: {valid}")]
    UnknownRequestType {
        /// What was asked for, [`shortened`].
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
    /// A workaround dated before the ticket was created.
    #[error("the workaround ({workaround}) is dated before the ticket was created ({created})")]
    WorkaroundBeforeCreation {
        /// The workaround's time (RFC 3339 in the policy's zone).
        workaround: String,
        /// The creation time (RFC 3339 in the policy's zone).
        created: String,
    },
}

/// What is wrong with a timestamp, serialized with a `problem` code and its fields.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum TimeProblem {
    /// Nothing was given.
    #[error("the date and time are empty; {TIME_SHAPE}")]
    Empty,
    /// Not RFC 3339.
    #[error("{TIME_SHAPE}")]
    Shape,
    /// Fractions of a second.
    #[error("fractions of a second are not supported; give whole seconds")]
    Fraction,
    /// An offset not written `±HH:MM`.
    #[error("the offset must be written ±HH:MM (e.g. -05:00) or Z")]
    OffsetShape,
    /// An offset of 24 hours or more, or more than 59 minutes.
    #[error("the offset is out of range")]
    OffsetRange,
    /// A year outside [`FIRST_INPUT_YEAR`](crate::FIRST_INPUT_YEAR)–[`LAST_INPUT_YEAR`](crate::LAST_INPUT_YEAR).
    #[error("the year {year} is outside the supported range {first}–{last}")]
    YearOutOfRange {
        /// The year given.
        year: i32,
        /// The first year accepted.
        first: i32,
        /// The last year accepted.
        last: i32,
    },
    /// A day the calendar does not have (30 February).
    #[error("{date} is not a date in the calendar")]
    NotADate {
        /// The date as `YYYY-MM-DD`.
        date: String,
    },
    /// An hour, minute or second out of range.
    #[error("{time} is not a time of day")]
    NotATimeOfDay {
        /// The time as `HH:MM:SS`.
        time: String,
    },
    /// A local time skipped by a clock change.
    #[error("this time does not exist in {zone} (the clocks went forward); give the offset or another time")]
    Skipped {
        /// The policy's zone.
        zone: String,
    },
    /// A local time that happens twice at a clock change.
    #[error("this time happens twice in {zone} (the clocks went back); add the offset: {first} or {second}")]
    Ambiguous {
        /// The policy's zone.
        zone: String,
        /// The first of the two instants (RFC 3339).
        first: String,
        /// The second of the two instants (RFC 3339).
        second: String,
    },
}

/// A bad timestamp's message: the text as given, then what is wrong (an empty text is not shown).
fn time_message(text: &str, problem: &TimeProblem) -> String {
    match problem {
        TimeProblem::Empty => problem.to_string(),
        _ => format!("\"{text}\": {problem}"),
    }
}

/// How a timestamp must be written, for the messages above.
const TIME_SHAPE: &str =
    "write it as RFC 3339, e.g. 2025-02-21T16:10:00-05:00 (or without the offset for the support time zone)";
