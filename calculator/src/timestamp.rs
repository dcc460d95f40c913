//! Reading and writing instants as RFC 3339 text in a zone.
//!
//! Input: `2025-02-21T16:00:00-05:00`, `…Z`, `…+01:00`; seconds may be left out; a time with
//! no offset is wall-clock time in the policy's zone. Output always has seconds and the
//! zone's offset: `2025-02-24T08:30:00-05:00`.

use crate::civil::{self, SECONDS_PER_DAY};
use crate::error::{shortened, SlaError, TimeProblem};
use crate::zone::{Instant, LocalInstant, Zone};
use chrono::{Datelike, NaiveDate};

/// The first year accepted for the instants given to the engine.
pub const FIRST_INPUT_YEAR: i32 = 1971;
/// The last year accepted for the instants given to the engine.
pub const LAST_INPUT_YEAR: i32 = 2099;

fn invalid(text: &str, problem: TimeProblem) -> SlaError {
    SlaError::InvalidTime { text: shortened(text), problem }
}

/// Reads a fixed-width decimal field.
fn number(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
}

/// Parses a timestamp; one without an offset is wall-clock time in `zone`.
pub fn parse_time(text: &str, zone: &Zone) -> Result<Instant, SlaError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(invalid(t, TimeProblem::Empty));
    }
    let b = t.as_bytes();
    let separators_ok =
        b.len() >= 16 && b[4] == b'-' && b[7] == b'-' && matches!(b[10], b'T' | b't' | b' ') && b[13] == b':';
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), true) = (
        number(t, 0..4),
        number(t, 5..7),
        number(t, 8..10),
        number(t, 11..13),
        number(t, 14..16),
        separators_ok,
    ) else {
        return Err(invalid(t, TimeProblem::Shape));
    };
    let mut rest = &t[16..];
    let mut second = 0;
    if let Some(after_colon) = rest.strip_prefix(':') {
        second = number(after_colon, 0..2).ok_or_else(|| invalid(t, TimeProblem::Shape))?;
        rest = &after_colon[2..];
    }
    if rest.starts_with(['.', ',']) {
        return Err(invalid(t, TimeProblem::Fraction));
    }
    let year = year as i32;
    if !(FIRST_INPUT_YEAR..=LAST_INPUT_YEAR).contains(&year) {
        return Err(invalid(
            t,
            TimeProblem::YearOutOfRange { year, first: FIRST_INPUT_YEAR, last: LAST_INPUT_YEAR },
        ));
    }
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        invalid(t, TimeProblem::NotADate { date: format!("{year:04}-{month:02}-{day:02}") })
    })?;
    if hour > 23 || minute > 59 || second > 59 {
        return Err(invalid(
            t,
            TimeProblem::NotATimeOfDay { time: format!("{hour:02}:{minute:02}:{second:02}") },
        ));
    }
    let local =
        i64::from(civil::day_of(date)) * SECONDS_PER_DAY + i64::from(hour * 3600 + minute * 60 + second);
    let offset = match rest {
        "" => None,
        "Z" | "z" => Some(0),
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(invalid(t, TimeProblem::Shape)),
            };
            let (Some(oh), Some(om), true) =
                (number(rest, 1..3), number(rest, 4..6), rest.len() == 6 && &rest[3..4] == ":")
            else {
                return Err(invalid(t, TimeProblem::OffsetShape));
            };
            if oh > 23 || om > 59 {
                return Err(invalid(t, TimeProblem::OffsetRange));
            }
            Some(sign * i64::from(oh * 3600 + om * 60))
        }
    };
    match offset {
        Some(offset) => Ok(local - offset),
        None => match zone.resolve_local(local) {
            LocalInstant::Single(instant) => Ok(instant),
            LocalInstant::Skipped(_) => Err(invalid(t, TimeProblem::Skipped { zone: zone.name.clone() })),
            LocalInstant::Ambiguous(first, second) => Err(invalid(
                t,
                TimeProblem::Ambiguous {
                    zone: zone.name.clone(),
                    first: format_time(first, zone),
                    second: format_time(second, zone),
                },
            )),
        },
    }
}

/// Writes an instant as RFC 3339 in `zone`, with seconds and the zone's offset.
pub fn format_time(instant: Instant, zone: &Zone) -> String {
    let offset = zone.offset_at(instant);
    let local = instant + i64::from(offset);
    let date = civil::date_of(civil::day_of_local_seconds(local));
    let secs = local.rem_euclid(SECONDS_PER_DAY);
    let sign = if offset < 0 { '-' } else { '+' };
    let off = offset.unsigned_abs();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        date.year(),
        date.month(),
        date.day(),
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        off / 3600,
        off / 60 % 60
    )
}

#[cfg(all(test, feature = "tzdb"))]
mod tests {
    use super::*;

    fn bogota() -> Zone {
        Zone::from_iana("America/Bogota").unwrap()
    }

    #[test]
    fn offsets_zulu_and_local_times_name_the_same_instant() {
        let zone = bogota();
        let a = parse_time("2025-02-21T16:00:00-05:00", &zone).unwrap();
        assert_eq!(parse_time("2025-02-21T21:00:00Z", &zone), Ok(a));
        assert_eq!(parse_time("2025-02-21T22:00:00+01:00", &zone), Ok(a));
        assert_eq!(parse_time("2025-02-21T16:00", &zone), Ok(a));
        assert_eq!(parse_time("2025-02-21 16:00:00", &zone), Ok(a));
        assert_eq!(format_time(a, &zone), "2025-02-21T16:00:00-05:00");
    }

    #[test]
    fn bad_timestamps_say_why() {
        let zone = bogota();
        let error = |text: &str| parse_time(text, &zone).unwrap_err().to_string();
        assert!(error("9999-01-01T00:00:00Z").contains("the year 9999 is outside"));
        assert!(error("2025-02-30T10:00:00Z").contains("not a date in the calendar"));
        assert!(error("2025-02-20T25:00:00Z").contains("not a time of day"));
        assert!(error("2025-02-20T10:00:00.5Z").contains("fractions of a second"));
        assert!(error("2025-02-20T10:00:00+5").contains("±HH:MM"));
        assert!(error("yesterday").contains("RFC 3339"));
        assert!(error("").contains("empty"));
    }

    #[test]
    fn local_times_in_a_clock_change_are_refused() {
        let madrid = Zone::from_iana("Europe/Madrid").unwrap();
        let gap = parse_time("2025-03-30T02:30:00", &madrid).unwrap_err().to_string();
        assert!(gap.contains("does not exist in Europe/Madrid"), "{gap}");
        let twice = parse_time("2025-10-26T02:30:00", &madrid).unwrap_err().to_string();
        assert!(twice.contains("2025-10-26T02:30:00+02:00 or 2025-10-26T02:30:00+01:00"), "{twice}");
    }
}
