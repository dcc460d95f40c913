//! Everything the policy says about one ticket: when the clock starts, when the response
//! and the resolution are due, where it stands now, whom to escalate to, and when a
//! definitive fix is due after a workaround.

use crate::civil;
use crate::duration::Seconds;
use crate::error::SlaError;
use crate::localized::Localized;
use crate::policy::{Policy, Priority, RequestType};
use crate::timestamp::{format_time, parse_time};
use crate::zone::{Instant, LocalInstant};
use serde::{Deserialize, Serialize};

/// A question about a ticket.
#[derive(Clone, Copy, Debug)]
pub struct TicketQuery<'a> {
    /// When the ticket was created.
    pub created: Instant,
    /// Its priority id.
    pub priority: &'a str,
    /// Its request type id, for the escalation contact.
    pub request_type: Option<&'a str>,
    /// The present instant, for the status of each target.
    pub now: Option<Instant>,
    /// When a temporary workaround was applied, for the definitive-fix date.
    pub workaround: Option<Instant>,
}

/// A ticket question as text: one line of `ayuda sla due --batch`, or the page calculator's
/// query. Times are RFC 3339 (without an offset: the policy's zone).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketInput {
    /// When the ticket was created.
    pub created: String,
    /// Its priority id.
    pub priority: String,
    /// Its request type id.
    #[serde(default)]
    pub request_type: Option<String>,
    /// The present time.
    #[serde(default)]
    pub now: Option<String>,
    /// When a temporary workaround was applied.
    #[serde(default)]
    pub workaround: Option<String>,
}

/// Why a ticket input has no answer, and the field at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct InputError {
    /// What is wrong.
    pub error: SlaError,
    /// The input field at fault, when one is: `created`, `now`, `workaround`, `priority` or
    /// `request_type`.
    pub field: Option<&'static str>,
}

impl TicketInput {
    /// Reads the times in the policy's zone and answers the question.
    pub fn answer<'p>(&self, policy: &'p Policy) -> Result<TicketReport<'p>, InputError> {
        let time = |field: &'static str, text: &str| {
            parse_time(text, &policy.zone).map_err(|error| InputError { error, field: Some(field) })
        };
        let query = TicketQuery {
            created: time("created", &self.created)?,
            priority: &self.priority,
            request_type: self.request_type.as_deref(),
            now: self.now.as_deref().map(|t| time("now", t)).transpose()?,
            workaround: self.workaround.as_deref().map(|t| time("workaround", t)).transpose()?,
        };
        policy.evaluate(&query).map_err(|error| {
            let field = match error {
                SlaError::WorkaroundBeforeCreation { .. } => Some("workaround"),
                SlaError::UnknownPriority { .. } => Some("priority"),
                SlaError::UnknownRequestType { .. } => Some("request_type"),
                _ => None,
            };
            InputError { error, field }
        })
    }
}

/// Why the clock starts when it does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClockStartReason {
    /// The ticket arrived during business hours.
    BusinessHours,
    /// It arrived on a working day, outside the business hours.
    OutsideBusinessHours,
    /// It arrived on a weekday with no business hours (a weekend).
    ClosedDay,
    /// It arrived on a holiday.
    Holiday {
        /// The holiday's names (two can share a day).
        names: Vec<Localized>,
    },
}

/// Where a target stands at a given instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TargetStatus {
    /// Whether the target was missed (the instant is after the due time).
    pub overdue: bool,
    /// Business time left until due, or, when overdue, business time since it was due.
    pub business_seconds: i64,
}

/// What the policy says about a ticket.
#[derive(Clone, Debug)]
pub struct TicketReport<'p> {
    /// When the ticket was created.
    pub created: Instant,
    /// When a workaround was applied, if one was.
    pub workaround: Option<Instant>,
    /// The priority level.
    pub priority: &'p Priority,
    /// When the clock starts.
    pub clock_start: Instant,
    /// Why it starts then.
    pub clock_start_reason: ClockStartReason,
    /// When the first response is due.
    pub response_due: Instant,
    /// When the resolution is due.
    pub resolution_due: Instant,
    /// Whom to escalate to, when a request type was given.
    pub escalation: Option<&'p RequestType>,
    /// Response and resolution status at the query's `now`.
    pub status: Option<(TargetStatus, TargetStatus)>,
    /// When the definitive fix is due, when a workaround was given.
    pub definitive_fix_due: Option<Instant>,
}

impl Policy {
    /// Answers a ticket query.
    pub fn evaluate(&self, query: &TicketQuery) -> Result<TicketReport<'_>, SlaError> {
        let priority = self.priority(query.priority)?;
        let escalation = query.request_type.map(|id| self.request_type(id)).transpose()?;
        let clock_start = self.clock_start(query.created)?;
        let response_due = self.due(query.created, priority.response.0)?;
        let resolution_due = self.due(query.created, priority.resolution.0)?;
        let status = match query.now {
            Some(now) => {
                Some((self.target_status(response_due, now)?, self.target_status(resolution_due, now)?))
            }
            None => None,
        };
        if let Some(workaround) = query.workaround.filter(|w| *w < query.created) {
            return Err(SlaError::WorkaroundBeforeCreation {
                workaround: format_time(workaround, &self.zone),
                created: format_time(query.created, &self.zone),
            });
        }
        let definitive_fix_due = query.workaround.map(|w| self.definitive_fix_due(w)).transpose()?;
        Ok(TicketReport {
            created: query.created,
            workaround: query.workaround,
            priority,
            clock_start,
            clock_start_reason: self.clock_start_reason(query.created, clock_start),
            response_due,
            resolution_due,
            escalation,
            status,
            definitive_fix_due,
        })
    }

    /// Where a target due at `due` stands at `now`. It is met by an action at `now` if and
    /// only if `now <= due`.
    pub fn target_status(&self, due: Instant, now: Instant) -> Result<TargetStatus, SlaError> {
        Ok(if now <= due {
            TargetStatus { overdue: false, business_seconds: self.business_time_between(now, due)?.0 }
        } else {
            TargetStatus { overdue: true, business_seconds: self.business_time_between(due, now)?.0 }
        })
    }

    /// The definitive fix after a workaround applied at `workaround`: the same wall-clock time
    /// the policy's number of calendar days later (if a clock change skips that time, the
    /// first instant after the gap; if it happens twice, the first).
    pub fn definitive_fix_due(&self, workaround: Instant) -> Result<Instant, SlaError> {
        let days = self.definitive_fix.ok_or(SlaError::NoDefinitiveFix)?.0;
        let local = self.zone.to_local(workaround) + i64::from(days) * civil::SECONDS_PER_DAY;
        if civil::year_of(civil::day_of_local_seconds(local)) > civil::LAST_YEAR {
            return Err(SlaError::BeyondCalendar { last_year: civil::LAST_YEAR });
        }
        Ok(match self.zone.resolve_local(local) {
            LocalInstant::Single(t) | LocalInstant::Ambiguous(t, _) | LocalInstant::Skipped(t) => t,
        })
    }

    fn clock_start_reason(&self, created: Instant, clock_start: Instant) -> ClockStartReason {
        if clock_start == created {
            return ClockStartReason::BusinessHours;
        }
        let day = civil::day_of_local_seconds(self.zone.to_local(created));
        if self.schedule.day(civil::weekday_index(day)).is_empty() {
            return ClockStartReason::ClosedDay;
        }
        match self.holidays.names_on(civil::date_of(day)) {
            names if names.is_empty() => ClockStartReason::OutsideBusinessHours,
            names => ClockStartReason::Holiday { names },
        }
    }
}

/// A report as plain data, times written RFC 3339 in the policy's zone: the shape of
/// `ayuda sla due --format json` and of the batch output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TicketRecord {
    /// The creation time as it was given (trimmed).
    pub created: String,
    /// The priority id.
    pub priority: String,
    /// When the clock starts.
    pub clock_start: String,
    /// When the first response is due.
    pub response_due: String,
    /// When the resolution is due.
    pub resolution_due: String,
    /// The escalation contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationRecord>,
    /// Both targets' status at `now`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusRecord>,
    /// When the definitive fix is due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definitive_fix_due: Option<String>,
}

/// The escalation contact, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EscalationRecord {
    /// The request type id.
    pub request_type: String,
    /// The contact's role.
    pub role: Localized,
    /// The contact's e-mail address.
    pub email: String,
}

/// Both targets' status, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusRecord {
    /// The response target.
    pub response: TargetRecord,
    /// The resolution target.
    pub resolution: TargetRecord,
}

/// One target's status, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TargetRecord {
    /// Whether the target was missed.
    pub overdue: bool,
    /// Business time left, or overdue by, in the policy notation (`1h30m`).
    pub business_time: String,
    /// The same in seconds.
    pub business_seconds: i64,
}

impl From<TargetStatus> for TargetRecord {
    fn from(status: TargetStatus) -> TargetRecord {
        TargetRecord {
            overdue: status.overdue,
            business_time: Seconds(status.business_seconds).to_string(),
            business_seconds: status.business_seconds,
        }
    }
}

impl TicketReport<'_> {
    /// The report as data; `created` is echoed as given, without the white space around it
    /// (which [`parse_time`] ignores).
    pub fn record(&self, policy: &Policy, created: &str) -> TicketRecord {
        let time = |t: Instant| format_time(t, &policy.zone);
        TicketRecord {
            created: created.trim().to_owned(),
            priority: self.priority.id.as_str().to_owned(),
            clock_start: time(self.clock_start),
            response_due: time(self.response_due),
            resolution_due: time(self.resolution_due),
            escalation: self.escalation.map(|r| EscalationRecord {
                request_type: r.id.as_str().to_owned(),
                role: r.contact.role.clone(),
                email: r.contact.email.as_str().to_owned(),
            }),
            status: self.status.map(|(response, resolution)| StatusRecord {
                response: response.into(),
                resolution: resolution.into(),
            }),
            definitive_fix_due: self.definitive_fix_due.map(time),
        }
    }
}
