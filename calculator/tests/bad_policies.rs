//! Every kind of bad policy is refused with the line, the column and the field at fault.

use calculator::Policy;

const GOOD: &str = include_str!("policies/colombia.yaml");

/// Loads the reference policy with one text replaced, expecting an error.
fn error_with(from: &str, to: &str) -> calculator::PolicyError {
    assert!(GOOD.contains(from), "test data: {from:?} not in the policy");
    Policy::from_yaml(&GOOD.replacen(from, to, 1)).expect_err("the policy should be refused")
}

fn assert_error(from: &str, to: &str, line: usize, expected: &str) {
    let error = error_with(from, to);
    assert_eq!(error.line, Some(line), "line of: {error}");
    assert!(error.message.contains(expected), "expected {expected:?} in: {}", error.message);
}

#[test]
fn malformed_yaml() {
    let error = Policy::from_yaml("timezone: [America/Bogota\nschedule: {}").unwrap_err();
    assert!(error.line.is_some(), "{error}");
}

#[test]
fn unknown_keys_name_the_key_and_the_valid_ones() {
    assert_error(
        "definitive_fix: 120d",
        "definitive_fix: 120d\nescalation: []",
        29,
        "unknown field `escalation`",
    );
    assert_error(
        "    response: 2h\n",
        "    response: 2h\n    respuesta: 1h\n",
        17,
        "priorities[0]: unknown field `respuesta`",
    );
}

#[test]
fn unknown_zone_weekday_and_calendar() {
    assert_error("America/Bogota", "America/Bogata", 3, "timezone: unknown time zone \"America/Bogata\"");
    assert_error("  fri:", "  fry:", 9, "schedule: unknown field `fry`, expected one of `mon`");
    assert_error("calendars: [CO]", "calendars: [XX]", 11, "holidays.calendars[0]: unknown calendar \"XX\"");
}

#[test]
fn bad_intervals() {
    assert_error(
        "mon: [\"07:30-12:30\"",
        "mon: [\"07:30-25:00\"",
        5,
        "schedule.mon[0]: \"07:30-25:00\": 25:00 is not a time of day",
    );
    assert_error("tue: [\"07:30-12:30\"", "tue: [\"12:30-07:30\"", 6, "split at 24:00");
    assert_error(
        "wed: [\"07:30-12:30\", \"13:30-17:00\"]",
        "wed: [\"13:30-17:00\", \"07:30-12:30\"]",
        7,
        "schedule.wed: \"07:30-12:30\" comes before",
    );
    assert_error(
        "thu: [\"07:30-12:30\", \"13:30-17:00\"]",
        "thu: [\"07:30-14:00\", \"13:30-17:00\"]",
        8,
        "overlaps",
    );
}

#[test]
fn bad_durations() {
    assert_error(
        "response: 2h",
        "response: 0h",
        16,
        "priorities[0].response: \"0h\": a duration must be longer than zero",
    );
    assert_error("response: 2h", "response: 2 horas", 16, "unknown unit");
    assert_error(
        "definitive_fix: 120d",
        "definitive_fix: 120x",
        28,
        "definitive_fix: \"120x\": unknown unit 'x'",
    );
    assert_error(
        "resolution: 8h",
        "resolution: 1h",
        13,
        "priorities: entry 0 (alta): the resolution target (1h) is shorter than the response target (2h)",
    );
}

#[test]
fn duplicate_ids() {
    assert_error("id: normal", "id: alta", 13, "priorities: entries 0 and 1 have the same id \"alta\"");
    let twice = GOOD.replace(
        "request_types:\n",
        "request_types:\n  - { id: funcional, name: X, contact: { role: X, email: x@example.com } }\n",
    );
    let error = Policy::from_yaml(&twice).unwrap_err();
    assert!(
        error.message.contains("request_types: entries 0 and 1 have the same id \"funcional\""),
        "{error}"
    );
}

#[test]
fn a_schedule_without_business_time() {
    let closed = GOOD
        .lines()
        .filter(|l| !l.contains("-17:00"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("schedule:\n", "schedule: {}\n");
    let error = Policy::from_yaml(&closed).unwrap_err();
    assert_eq!(error.line, Some(4));
    assert!(error.message.contains("schedule: the schedule has no business time"), "{error}");
}

#[test]
fn holidays_that_close_every_day_stop_at_the_search_horizon() {
    // Every Monday to Friday of 2025 closed: no answer, and no endless loop either.
    let mut closed = String::from("  closed:\n");
    let mut day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    while day.format("%Y").to_string() != "2027" {
        closed.push_str(&format!("    - {}\n", day.format("%Y-%m-%d")));
        day = day.succ_opt().unwrap();
    }
    let policy =
        Policy::from_yaml(&GOOD.replace("  calendars: [CO]\n", &format!("  calendars: [CO]\n{closed}")))
            .unwrap();
    let created = calculator::parse_time("2025-01-02T10:00:00-05:00", &policy.zone).unwrap();
    let error = policy.due(created, calculator::Seconds(3600)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no business time within 366 days after 2025-01-02T10:00:00-05:00; check the schedule and the holidays"
    );
}

#[test]
fn bad_holiday_rules_and_dates() {
    let with_rules = |rules: &str| {
        Policy::from_yaml(
            &GOOD.replace("  calendars: [CO]\n", &format!("  calendars: [CO]\n  rules:\n{rules}")),
        )
        .unwrap_err()
    };
    let error = with_rules("    - { name: X, date: \"13-01\" }\n");
    assert!(error.message.contains("holidays.rules[0]: date: \"13-01\" is not a month and day"), "{error}");
    assert_eq!(error.line, Some(13));
    let error = with_rules("    - { name: X, fecha: \"01-01\" }\n");
    assert!(error.message.contains("unknown field `fecha`"), "{error}");
    let error =
        Policy::from_yaml(&GOOD.replace("  calendars: [CO]\n", "  calendars: [CO]\n  open: [2025-02-30]\n"))
            .unwrap_err();
    assert!(error.message.contains("holidays.open[0]: \"2025-02-30\" is no day of the calendar"), "{error}");
}

#[test]
fn contacts_must_have_an_address() {
    assert_error(
        "email: funcional@example.com",
        "email: funcional",
        32,
        "request_types[0].contact.email: \"funcional\" is not an e-mail address",
    );
}

/// Loads the reference policy with `lines` added to its `holidays` section, expecting an error.
fn holidays_error(lines: &str) -> calculator::PolicyError {
    error_with("  calendars: [CO]\n", &format!("  calendars: [CO]\n{lines}"))
}

#[test]
fn a_date_both_closed_and_open_is_refused() {
    let error = holidays_error("  closed: [2025-12-24]\n  open: [2025-12-24]\n");
    assert_eq!((error.line, error.column), (Some(11), Some(3)), "{error}");
    assert_eq!(
        error.message,
        "holidays: 2025-12-24 is listed in both `closed` and `open`; keep it in one of them"
    );
}

#[test]
fn closed_and_open_dates_outside_the_engine_years_are_refused() {
    let error = holidays_error("  closed: [0000-01-01]\n");
    assert_eq!((error.line, error.column), (Some(12), Some(12)), "{error}");
    assert_eq!(
        error.message,
        "holidays.closed[0]: \"0000-01-01\" is outside the years the engine covers (1970–2100)"
    );
    let error = holidays_error("  open: [9999-12-31]\n");
    assert_eq!((error.line, error.column), (Some(12), Some(10)), "{error}");
    assert_eq!(
        error.message,
        "holidays.open[0]: \"9999-12-31\" is outside the years the engine covers (1970–2100)"
    );
}

#[test]
fn intervals_with_spaces_and_unpadded_times_are_refused() {
    let error = error_with("mon: [\"07:30-12:30\"", "mon: [\"07:30 - 12:30\"");
    assert_eq!((error.line, error.column), (Some(5), Some(9)), "{error}");
    assert_eq!(
        error.message,
        "schedule.mon[0]: \"07:30 - 12:30\" is not an interval written HH:MM-HH:MM (e.g. 07:30-12:30), \
         without spaces"
    );
    let error = error_with("mon: [\"07:30-12:30\"", "mon: [\"2-3\"");
    assert_eq!((error.line, error.column), (Some(5), Some(9)), "{error}");
    assert_eq!(error.message, "schedule.mon[0]: \"2-3\": \"2\" is not a time written HH:MM");
    // A rule is checked as a whole: the position is its mapping's.
    let error = holidays_error("  rules: [{ name: X, date: \"2-3\" }]\n");
    assert_eq!((error.line, error.column), (Some(12), Some(11)), "{error}");
    assert_eq!(
        error.message,
        "holidays.rules[0]: date: \"2-3\" is not a month and day written MM-DD (e.g. 07-20)"
    );
}

#[test]
fn rule_years_outside_the_engine_years_are_refused() {
    let error = holidays_error("  rules: [{ name: X, date: \"02-03\", from: 0 }]\n");
    assert_eq!((error.line, error.column), (Some(12), Some(11)), "{error}");
    assert_eq!(
        error.message,
        "holidays.rules[0]: from: 0 is outside the years the engine covers (1970–2100); \
         leave `from` out for a rule that has always applied"
    );
    let error = holidays_error("  rules: [{ name: X, date: \"02-03\", until: 99999 }]\n");
    assert!(error.message.contains("until: 99999 is outside the years"), "{error}");
    assert!(error.message.contains("leave `until` out for a rule still in force"), "{error}");
}

#[test]
fn a_long_bad_value_is_echoed_cut() {
    let long = "y".repeat(10_000);
    let error = error_with("email: funcional@example.com", &format!("email: {long}"));
    assert_eq!(
        error.message,
        format!("request_types[0].contact.email: \"{}…\" is not an e-mail address", "y".repeat(80))
    );
}

#[test]
fn a_date_with_a_wide_character_is_an_error_not_a_panic() {
    // Ten bytes, with "é" across byte 4 where the first "-" is looked for.
    let error = holidays_error("  closed: [\"abcé-01-0\"]\n");
    assert_eq!(error.message, "holidays.closed[0]: \"abcé-01-0\" is not a date written YYYY-MM-DD");
}

#[test]
fn a_repeated_key_is_placed_at_the_repeat_as_in_every_yaml_file() {
    assert_error(
        "definitive_fix: 120d",
        "definitive_fix: 120d\ndefinitive_fix: 90d",
        29,
        "duplicate field `definitive_fix`",
    );
}
