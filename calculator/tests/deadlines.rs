//! The hand-checked deadlines of the SLA issue, and the semantics around them.

mod common;

use calculator::{ClockStartReason, Seconds, TicketQuery};
use common::{at, colombia, in_zone, show};

fn query(created: calculator::Instant, priority: &str) -> TicketQuery<'_> {
    TicketQuery { created, priority, request_type: None, now: None, workaround: None }
}

#[test]
fn hand_checked_cases() {
    let policy = colombia();
    let cases = [
        ("2025-02-21T16:00:00-05:00", "alta", "2025-02-24T08:30:00", "2025-02-24T15:30:00"),
        ("2025-02-18T12:45:00-05:00", "alta", "2025-02-18T15:30:00", "2025-02-19T12:00:00"),
        ("2025-02-18T17:00:00-05:00", "alta", "2025-02-19T09:30:00", "2025-02-19T16:30:00"),
        ("2025-02-18T12:30:00-05:00", "normal", "2025-02-19T08:00:00", "2025-02-21T11:00:00"),
        ("2025-02-18T10:30:00-05:00", "alta", "2025-02-18T12:30:00", "2025-02-19T10:00:00"),
        ("2025-02-18T15:00:00-05:00", "alta", "2025-02-18T17:00:00", "2025-02-19T14:30:00"),
        ("2025-03-21T16:00:00-05:00", "alta", "2025-03-25T08:30:00", "2025-03-25T15:30:00"),
        ("2025-04-16T16:00:00-05:00", "alta", "2025-04-21T08:30:00", "2025-04-21T15:30:00"),
        ("2025-12-31T15:00:00-05:00", "baja", "2026-01-02T14:30:00", "2026-01-16T09:00:00"),
        ("2025-06-20T09:00:00-05:00", "baja", "2025-06-24T08:30:00", "2025-07-07T12:30:00"),
        ("2025-07-18T16:00:00-05:00", "alta", "2025-07-21T08:30:00", "2025-07-21T15:30:00"),
        ("2025-02-21T22:30:00+01:00", "alta", "2025-02-24T09:00:00", "2025-02-24T16:00:00"),
        ("2025-02-18T10:30:15-05:00", "alta", "2025-02-18T13:30:15", "2025-02-19T10:00:15"),
        ("2026-07-10T16:00:00-05:00", "alta", "2026-07-14T08:30:00", "2026-07-14T15:30:00"),
    ];
    for (created, priority, response, resolution) in cases {
        let report = policy.evaluate(&query(at(&policy, created), priority)).unwrap();
        assert_eq!(
            show(&policy, report.response_due),
            format!("{response}-05:00"),
            "response for {created} {priority}"
        );
        assert_eq!(
            show(&policy, report.resolution_due),
            format!("{resolution}-05:00"),
            "resolution for {created} {priority}"
        );
    }
}

#[test]
fn the_clock_starts_at_creation_inside_hours_and_at_the_next_opening_outside() {
    let policy = colombia();
    let start = |t: &str| show(&policy, policy.clock_start(at(&policy, t)).unwrap());
    assert_eq!(start("2025-02-18T10:00:00-05:00"), "2025-02-18T10:00:00-05:00");
    assert_eq!(start("2025-02-18T07:00:00-05:00"), "2025-02-18T07:30:00-05:00", "before opening");
    assert_eq!(start("2025-02-18T12:30:00-05:00"), "2025-02-18T13:30:00-05:00", "12:30 is outside");
    assert_eq!(start("2025-02-18T17:00:00-05:00"), "2025-02-19T07:30:00-05:00", "17:00 is outside");
    assert_eq!(start("2025-02-22T11:00:00-05:00"), "2025-02-24T07:30:00-05:00", "weekend");
    assert_eq!(start("2025-04-17T09:00:00-05:00"), "2025-04-21T07:30:00-05:00", "Holy Week");
}

#[test]
fn the_report_says_why_the_clock_starts_late() {
    let policy = colombia();
    let reason = |t: &str| policy.evaluate(&query(at(&policy, t), "alta")).unwrap().clock_start_reason;
    assert_eq!(reason("2025-02-18T10:00:00-05:00"), ClockStartReason::BusinessHours);
    assert_eq!(reason("2025-02-18T12:45:00-05:00"), ClockStartReason::OutsideBusinessHours);
    assert_eq!(reason("2025-02-22T10:00:00-05:00"), ClockStartReason::ClosedDay);
    let ClockStartReason::Holiday { names } = reason("2025-04-18T10:00:00-05:00") else {
        panic!("a holiday")
    };
    assert_eq!(names[0].get("es"), "Viernes Santo");
    let ClockStartReason::Holiday { names } = reason("2025-06-30T10:00:00-05:00") else {
        panic!("a holiday")
    };
    assert_eq!(names.len(), 2, "Sagrado Corazón and San Pedro share 2025-06-30");
}

#[test]
fn due_times_are_never_an_opening_and_can_be_a_closing() {
    let policy = colombia();
    let created = at(&policy, "2025-02-18T07:30:00-05:00");
    let due = |h: i64| show(&policy, policy.due(created, Seconds(h * 60)).unwrap());
    assert_eq!(due(5 * 60), "2025-02-18T12:30:00-05:00");
    assert_eq!(due(5 * 60 + 1), "2025-02-18T13:31:00-05:00");
    assert_eq!(due(8 * 60 + 30), "2025-02-18T17:00:00-05:00");
}

#[test]
fn a_target_is_met_at_its_due_instant_and_missed_one_second_later() {
    let policy = colombia();
    let created = at(&policy, "2025-02-18T10:30:00-05:00");
    let due = policy.due(created, Seconds(7200)).unwrap();
    let on_time = policy.target_status(due, due).unwrap();
    assert!(!on_time.overdue);
    assert_eq!(on_time.business_seconds, 0);
    let late = policy.target_status(due, due + 1).unwrap();
    assert!(late.overdue);
    // Due 12:30; at 14:00 the ticket is 30 business minutes late (lunch does not count).
    let later = policy.target_status(due, at(&policy, "2025-02-18T14:00:00-05:00")).unwrap();
    assert_eq!((later.overdue, later.business_seconds), (true, 1800));
    let early = policy.target_status(due, at(&policy, "2025-02-18T11:00:00-05:00")).unwrap();
    assert_eq!((early.overdue, early.business_seconds), (false, 5400));
}

#[test]
fn the_definitive_fix_is_due_the_same_wall_clock_time_120_days_later() {
    let policy = colombia();
    let fix = policy.definitive_fix_due(at(&policy, "2025-02-18T10:00:00-05:00")).unwrap();
    assert_eq!(show(&policy, fix), "2025-06-18T10:00:00-05:00");
    let madrid = in_zone("Europe/Madrid");
    let fix = madrid.definitive_fix_due(at(&madrid, "2025-02-18T10:00:00+01:00")).unwrap();
    assert_eq!(show(&madrid, fix), "2025-06-18T10:00:00+02:00", "across the spring clock change");
}

#[test]
fn escalation_and_status_come_with_the_report() {
    let policy = colombia();
    let created = at(&policy, "2025-02-21T16:00:00-05:00");
    let now = at(&policy, "2025-02-24T09:00:00-05:00");
    let q = TicketQuery { request_type: Some("funcional"), now: Some(now), ..query(created, "alta") };
    let record = policy.evaluate(&q).unwrap().record(&policy, "2025-02-21T16:00:00-05:00");
    assert_eq!(record.escalation.unwrap().email, "funcional@example.com");
    let status = record.status.unwrap();
    assert!(status.response.overdue);
    assert_eq!(status.response.business_time, "30m");
    assert_eq!(status.resolution.business_time, "5h30m", "09:00–12:30 and 13:30–15:30");
}

#[test]
fn unknown_ids_list_the_valid_ones() {
    let policy = colombia();
    let created = at(&policy, "2025-02-21T16:00:00-05:00");
    let error = policy.evaluate(&query(created, "urgente")).unwrap_err().to_string();
    assert_eq!(error, "unknown priority \"urgente\"; valid priorities: alta, normal, baja");
    let q = TicketQuery { request_type: Some("ventas"), ..query(created, "alta") };
    assert!(policy.evaluate(&q).unwrap_err().to_string().contains("valid request types: funcional"));
}

#[test]
fn business_time_is_real_time_across_clock_changes() {
    // 24-hour schedule in Madrid: the spring-forward Sunday has 23 hours, the autumn one 25.
    let text = include_str!("policies/colombia.yaml").replace("America/Bogota", "Europe/Madrid").replace(
        "mon: [\"07:30-12:30\", \"13:30-17:00\"]",
        "sun: [\"00:00-24:00\"]\n  mon: [\"07:30-12:30\", \"13:30-17:00\"]",
    );
    let policy = calculator::Policy::from_yaml(&text).unwrap();
    let spring = policy
        .business_time_between(
            at(&policy, "2025-03-30T00:00:00+01:00"),
            at(&policy, "2025-03-31T00:00:00+02:00"),
        )
        .unwrap();
    assert_eq!(spring, Seconds(23 * 3600));
    let autumn = policy
        .business_time_between(
            at(&policy, "2025-10-26T00:00:00+02:00"),
            at(&policy, "2025-10-27T00:00:00+01:00"),
        )
        .unwrap();
    assert_eq!(autumn, Seconds(25 * 3600));
    // 2h from Sunday 01:00 lands at 04:00 local: the hour 02:00–03:00 does not exist.
    let due = policy.due(at(&policy, "2025-03-30T01:00:00+01:00"), Seconds(7200)).unwrap();
    assert_eq!(show(&policy, due), "2025-03-30T04:00:00+02:00");
}

#[test]
fn new_york_hours_follow_the_wall_clock_through_daylight_saving() {
    let policy = in_zone("America/New_York");
    let report = policy.evaluate(&query(at(&policy, "2025-03-07T16:00:00"), "alta")).unwrap();
    assert_eq!(show(&policy, report.response_due), "2025-03-10T08:30:00-04:00");
}

#[test]
fn next_opening_skips_to_the_following_span() {
    let policy = colombia();
    let next = |t: &str| show(&policy, policy.next_opening(at(&policy, t)).unwrap());
    assert_eq!(next("2025-02-18T10:00:00-05:00"), "2025-02-18T13:30:00-05:00");
    assert_eq!(next("2025-02-18T07:30:00-05:00"), "2025-02-18T07:30:00-05:00");
    assert_eq!(next("2025-02-21T17:00:00-05:00"), "2025-02-24T07:30:00-05:00");
}

#[test]
fn the_policy_survives_the_page_calculators_form_unchanged() {
    // The page calculator receives the policy in its compact form, zone offsets included.
    for policy in [colombia(), in_zone("Europe/Madrid")] {
        assert_eq!(calculator::Policy::from_wire(&policy.to_wire()), Ok(policy));
    }
}

#[test]
fn a_workaround_before_the_creation_is_refused_on_the_workaround_field() {
    let policy = colombia();
    let input = calculator::TicketInput {
        created: "2025-06-20T09:00:00-05:00".into(),
        priority: "baja".into(),
        request_type: None,
        now: None,
        workaround: Some("2025-02-18T10:00:00-05:00".into()),
    };
    let error = input.answer(&policy).unwrap_err();
    assert_eq!(error.field, Some("workaround"));
    assert_eq!(
        error.to_string(),
        "the workaround (2025-02-18T10:00:00-05:00) is dated before the ticket was created \
         (2025-06-20T09:00:00-05:00)"
    );
    let same_instant = calculator::TicketInput { workaround: Some(input.created.clone()), ..input };
    assert!(same_instant.answer(&policy).is_ok(), "a workaround at the creation instant is fine");
}

#[test]
fn white_space_around_a_time_is_ignored_and_not_echoed() {
    let policy = colombia();
    let created = "2025-02-21T16:00:00-05:00\n";
    let report = policy.evaluate(&query(at(&policy, created), "alta")).unwrap();
    assert_eq!(report.record(&policy, created).created, "2025-02-21T16:00:00-05:00");
}

#[test]
fn echoed_bad_input_is_cut_after_80_characters() {
    let policy = colombia();
    let long = "x".repeat(50_000);
    let error = calculator::parse_time(&long, &policy.zone).unwrap_err().to_string();
    assert_eq!(error, format!("\"{}…\": write it as RFC 3339, e.g. 2025-02-21T16:10:00-05:00 (or without the offset for the support time zone)", "x".repeat(80)));
    let created = at(&policy, "2025-02-21T16:00:00-05:00");
    let error = policy.evaluate(&query(created, &"ñ".repeat(81))).unwrap_err().to_string();
    assert_eq!(
        error,
        format!("unknown priority \"{}…\"; valid priorities: alta, normal, baja", "ñ".repeat(80))
    );
    let exactly = policy.evaluate(&query(created, &"ñ".repeat(80))).unwrap_err().to_string();
    assert!(exactly.starts_with(&format!("unknown priority \"{}\";", "ñ".repeat(80))), "{exactly}");
}

#[test]
fn errors_serialize_with_a_code_for_the_page_to_word() {
    let policy = colombia();
    let error = calculator::parse_time("1900-01-01T10:00:00-05:00", &policy.zone).unwrap_err();
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        serde_json::json!({
            "code": "invalid_time", "problem": "year_out_of_range", "text": "1900-01-01T10:00:00-05:00",
            "year": 1900, "first": 1971, "last": 2099
        })
    );
    let created = at(&policy, "2025-02-21T16:00:00-05:00");
    let error = policy.evaluate(&query(created, "urgente")).unwrap_err();
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        serde_json::json!({ "code": "unknown_priority", "given": "urgente", "valid": "alta, normal, baja" })
    );
}
