//! The SLA engine of ayuda: a service-level policy (time zone, weekly business hours,
//! holiday calendars, priorities with response and resolution targets, escalation
//! contacts) and the business-time arithmetic that turns a ticket's creation instant into
//! its deadlines.
//!
//! The crate does no I/O: policies are read from text ([`Policy::from_yaml`]), times from
//! RFC 3339 strings ([`parse_time`]). It builds for `wasm32-unknown-unknown` with default
//! features off; the page calculator then receives the policy in a compact form
//! ([`Policy::to_wire`]), with the zone's offsets already resolved.
//!
//! ```
//! use calculator::{parse_time, format_time, Policy, TicketQuery};
//! let policy = Policy::from_yaml(r#"
//! timezone: America/Bogota
//! schedule: { mon: ["07:30-12:30", "13:30-17:00"], fri: ["07:30-12:30", "13:30-17:00"] }
//! holidays: { calendars: [CO] }
//! priorities:
//!   - { id: alta, name: Alta, description: Servicio caído, response: 2h, resolution: 8h }
//! "#).unwrap();
//! let created = parse_time("2025-02-21T16:00:00-05:00", &policy.zone).unwrap();
//! let query = TicketQuery { created, priority: "alta", request_type: None, now: None, workaround: None };
//! let report = policy.evaluate(&query).unwrap();
//! assert_eq!(format_time(report.response_due, &policy.zone), "2025-02-24T08:30:00-05:00");
//! ```

mod business_time;
mod checked;
pub mod civil;
mod duration;
mod error;
mod holidays;
mod localized;
mod policy;
mod schedule;
#[cfg(feature = "yaml")]
mod source;
mod ticket;
mod timestamp;
#[cfg(feature = "wasm")]
pub mod wasm;
mod wire;
mod zone;

pub use business_time::SEARCH_HORIZON_DAYS;
pub use duration::Seconds;
pub use error::{shortened, PolicyError, SlaError, TimeProblem, ECHO_LIMIT};
pub use holidays::{easter_sunday, Holiday, HolidayRule, Holidays, WEEKDAY_KEYS};
pub use localized::Localized;
pub use policy::{BusinessDuration, CalendarDays, Contact, Email, Id, Policy, Priority, RequestType};
pub use schedule::{Interval, WeekSchedule};
pub use ticket::{
    ClockStartReason, EscalationRecord, InputError, StatusRecord, TargetRecord, TargetStatus, TicketInput,
    TicketQuery, TicketRecord, TicketReport,
};
pub use timestamp::{format_time, parse_time, FIRST_INPUT_YEAR, LAST_INPUT_YEAR};
pub use zone::{Instant, LocalInstant, Zone};
