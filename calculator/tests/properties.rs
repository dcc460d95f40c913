//! Invariants of the business-time arithmetic, over random instants from 2020 to 2040.

mod common;

use calculator::{format_time, parse_time, Policy, Seconds, Zone};
use chrono::Datelike;
use common::{colombia, in_zone};
use proptest::prelude::*;
use std::sync::LazyLock;

static BOGOTA: LazyLock<Policy> = LazyLock::new(colombia);
static MADRID: LazyLock<Policy> = LazyLock::new(|| in_zone("Europe/Madrid"));

/// 2020-01-01T00:00:00Z to 2040-12-31T00:00:00Z.
const FROM: i64 = 1_577_836_800;
const TO: i64 = 2_240_524_800;

fn targets() -> impl Strategy<Value = Seconds> {
    prop_oneof![
        Just(Seconds(2 * 3600)),
        Just(Seconds(8 * 3600)),
        Just(Seconds(24 * 3600)),
        Just(Seconds(80 * 3600)),
        (1i64..200 * 3600).prop_map(Seconds),
    ]
}

fn policies() -> impl Strategy<Value = &'static Policy> {
    prop_oneof![Just(&*BOGOTA), Just(&*MADRID)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_business_time_up_to_due_is_the_target(policy in policies(), created in FROM..TO, target in targets()) {
        let due = policy.due(created, target).unwrap();
        prop_assert_eq!(policy.business_time_between(created, due).unwrap(), target);
    }

    #[test]
    fn due_ends_a_business_second(policy in policies(), created in FROM..TO, target in targets()) {
        // Due is strictly inside an interval or at its end: the second before it is business time.
        let due = policy.due(created, target).unwrap();
        prop_assert_eq!(policy.business_time_between(due - 1, due).unwrap(), Seconds(1));
        prop_assert!(due >= policy.clock_start(created).unwrap() + target.0);
    }

    #[test]
    fn a_later_creation_is_never_due_earlier(policy in policies(), a in FROM..TO, gap in 0i64..30 * 86_400, target in targets()) {
        prop_assert!(policy.due(a, target).unwrap() <= policy.due(a + gap, target).unwrap());
    }

    #[test]
    fn the_offset_a_time_is_written_in_does_not_matter(created in FROM..TO, offset_minutes in -14 * 60i32..14 * 60, target in targets()) {
        let policy = &*BOGOTA;
        let written = format_time(created, &Zone::fixed("test", offset_minutes * 60));
        let parsed = parse_time(&written, &policy.zone).unwrap();
        prop_assert_eq!(parsed, created);
        prop_assert_eq!(policy.due(parsed, target).unwrap(), policy.due(created, target).unwrap());
    }
}

#[test]
fn colombian_holiday_lists_have_the_rule_derived_counts() {
    let policy = &*BOGOTA;
    for year in 2000..=2060 {
        let holidays = policy.holidays.in_year(year);
        let names: usize = holidays.iter().map(|h| h.names.len()).sum();
        // 18 rules, and the 9 July holiday from 2026 on.
        let expected = if year >= 2026 { 19 } else { 18 };
        assert_eq!(names, expected, "holiday names in {year}");
        for holiday in &holidays {
            assert_eq!(holiday.date.year(), year);
            let day = calculator::civil::day_of(holiday.date);
            assert_eq!(policy.holidays.is_closed(day), Some(true), "{} is closed", holiday.date);
        }
        // Moved holidays are Mondays; only the fixed and Easter-week ones are not.
        let not_monday = holidays.iter().filter(|h| h.date.weekday() != chrono::Weekday::Mon).count();
        assert!(not_monday <= 8, "{year}: {not_monday} holidays off Monday");
    }
}

#[test]
fn the_2026_law_adds_9_july_moved_to_monday() {
    let policy = &*BOGOTA;
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert!(!policy.holidays.names_on(date(2026, 7, 13)).is_empty());
    assert!(policy.holidays.names_on(date(2025, 7, 14)).is_empty());
    let twenty_five: Vec<_> = policy.holidays.in_year(2025).iter().map(|h| h.date.to_string()).collect();
    assert_eq!(
        twenty_five,
        [
            "2025-01-01",
            "2025-01-06",
            "2025-03-24",
            "2025-04-17",
            "2025-04-18",
            "2025-05-01",
            "2025-06-02",
            "2025-06-23",
            "2025-06-30",
            "2025-07-20",
            "2025-08-07",
            "2025-08-18",
            "2025-10-13",
            "2025-11-03",
            "2025-11-17",
            "2025-12-08",
            "2025-12-25"
        ]
    );
}
