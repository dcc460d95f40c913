//! Human-readable output of `ayuda sla`.

use calculator::{format_time, ClockStartReason, Policy, Seconds, TargetStatus, TicketReport, WEEKDAY_KEYS};
use chrono::Datelike;
use std::fmt::Write;

/// A ticket report as aligned text lines, names in `language`.
pub fn ticket_text(policy: &Policy, report: &TicketReport, language: &str) -> String {
    let time = |t| format_time(t, &policy.zone);
    let mut out = String::new();
    let mut line =
        |label: &str, value: String| writeln!(out, "{label:<16}{value}").expect("writing to a String");
    line("Priority:", format!("{} ({})", report.priority.name.get(language), report.priority.id.as_str()));
    let why = match &report.clock_start_reason {
        ClockStartReason::BusinessHours => "created during business hours".to_owned(),
        ClockStartReason::OutsideBusinessHours => "created outside business hours".to_owned(),
        ClockStartReason::ClosedDay => "created on a day without business hours".to_owned(),
        ClockStartReason::Holiday { names } => {
            format!("holiday: {}", names.iter().map(|n| n.get(language)).collect::<Vec<_>>().join(" / "))
        }
    };
    line("Clock start:", format!("{}  ({why})", time(report.clock_start)));
    line("Response due:", time(report.response_due));
    line("Resolution due:", time(report.resolution_due));
    if let Some(request) = report.escalation {
        line(
            "Escalation:",
            format!(
                "{} <{}> ({})",
                request.contact.role.get(language),
                request.contact.email.as_str(),
                request.name.get(language)
            ),
        );
    }
    if let Some((response, resolution)) = report.status {
        line("Response:", status_text(response));
        line("Resolution:", status_text(resolution));
    }
    if let Some(fix) = report.definitive_fix_due {
        line("Definitive fix:", time(fix));
    }
    out
}

fn status_text(status: TargetStatus) -> String {
    let amount = Seconds(status.business_seconds);
    if status.overdue {
        format!("overdue by {amount} of business time")
    } else {
        format!("{amount} of business time left")
    }
}

/// One `date<TAB>name` line per holiday, or one JSON object per line.
pub fn holiday_lines(policy: &Policy, from: i32, to: i32, language: &str, json: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for year in from..=to {
        for holiday in policy.holidays.in_year(year) {
            for name in &holiday.names {
                let date = holiday.date.format("%Y-%m-%d").to_string();
                lines.push(if json {
                    serde_json::json!({ "date": date, "name": name.get(language) }).to_string()
                } else {
                    format!("{date}  {}", name.get(language))
                });
            }
        }
    }
    lines
}

/// What `ayuda sla check` prints about a valid policy.
pub fn check_summary(policy: &Policy, language: &str, today: chrono::NaiveDate) -> String {
    let mut out = String::new();
    let mut line =
        |label: &str, value: String| writeln!(out, "{label:<23} {value}").expect("writing to a String");
    line("Time zone:", policy.zone.name.clone());
    let days: Vec<String> = WEEKDAY_KEYS
        .iter()
        .enumerate()
        .filter(|(i, _)| !policy.schedule.day(*i).is_empty())
        .map(|(i, key)| {
            let hours: Vec<String> = policy.schedule.day(i).iter().map(|iv| iv.to_string()).collect();
            format!("{key} {}", hours.join(", "))
        })
        .collect();
    line("Business hours:", format!("{} a week", Seconds(policy.schedule.seconds_per_week())));
    for day in days {
        line("", day);
    }
    for p in policy.priorities() {
        line(
            &format!("Priority {}:", p.id.as_str()),
            format!("{}: response {}, resolution {}", p.name.get(language), p.response.0, p.resolution.0),
        );
    }
    if let Some(days) = policy.definitive_fix {
        line("Definitive fix:", format!("{} calendar days after a workaround", days.0));
    }
    for r in policy.request_types() {
        line(
            &format!("Request {}:", r.id.as_str()),
            format!(
                "{} → {} <{}>",
                r.name.get(language),
                r.contact.role.get(language),
                r.contact.email.as_str()
            ),
        );
    }
    let next_year = today.year() + 1;
    let holidays = policy.holidays.in_year(next_year);
    line(&format!("Holidays in {next_year}:"), format!("{} closed days", holidays.len()));
    for holiday in holidays {
        let names: Vec<&str> = holiday.names.iter().map(|n| n.get(language)).collect();
        line("", format!("{}  {}", holiday.date.format("%Y-%m-%d %a"), names.join(" / ")));
    }
    out
}
