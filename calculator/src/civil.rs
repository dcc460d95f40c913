//! Civil-calendar arithmetic on day numbers: days since 1970-01-01 (the Unix epoch).
//!
//! The engine's inner loops work on plain integers; chrono is used only at the edges
//! (parsing, formatting, holiday rules), through the conversions here.

use chrono::{Datelike, NaiveDate};

/// A calendar day, counted from 1970-01-01 (day 0).
pub type Day = i32;

/// Seconds in a civil day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// First year the engine's tables (holidays, zone transitions) cover.
pub const FIRST_YEAR: i32 = 1970;
/// Last year the engine's tables cover; deadlines after it are an error.
pub const LAST_YEAR: i32 = 2100;

/// The epoch date, 1970-01-01.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a valid date")
}

/// The day number of a date.
pub fn day_of(date: NaiveDate) -> Day {
    (date - epoch()).num_days() as Day
}

/// The date of a day number.
pub fn date_of(day: Day) -> NaiveDate {
    epoch() + chrono::TimeDelta::days(i64::from(day))
}

/// Weekday of a day number: 0 = Monday … 6 = Sunday.
pub fn weekday_index(day: Day) -> usize {
    // 1970-01-01 was a Thursday (index 3).
    (day + 3).rem_euclid(7) as usize
}

/// The day number of the first day of `year`.
pub fn first_day_of_year(year: i32) -> Day {
    day_of(NaiveDate::from_ymd_opt(year, 1, 1).expect("year within chrono's range"))
}

/// The day containing a local wall-clock second count.
pub fn day_of_local_seconds(local: i64) -> Day {
    local.div_euclid(SECONDS_PER_DAY) as Day
}

/// Year of a day number.
pub fn year_of(day: Day) -> i32 {
    date_of(day).year()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_know_their_weekday() {
        let date = NaiveDate::from_ymd_opt(2025, 2, 21).unwrap();
        let day = day_of(date);
        assert_eq!(date_of(day), date);
        assert_eq!(weekday_index(day), 4, "2025-02-21 is a Friday");
        assert_eq!(weekday_index(day_of(NaiveDate::from_ymd_opt(1969, 12, 29).unwrap())), 0);
        assert_eq!(year_of(first_day_of_year(2026)), 2026);
    }
}
