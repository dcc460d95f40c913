//! Reading a policy from its YAML file format.
//!
//! Field values are checked while they are deserialized, so every error carries the line,
//! column and path of the value at fault.

use crate::checked::checked;
use crate::error::quoted;
use crate::error::PolicyError;
use crate::holidays::{ClosedDate, Date, HolidayData, HolidayRule, Holidays};
use crate::policy::{CalendarDays, Policy, Priorities, RequestTypes};
use crate::schedule::WeekSchedule;
use crate::zone::Zone;
use serde::Deserialize;

/// The policy file's top level.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    timezone: ZoneName,
    schedule: WeekSchedule,
    #[serde(default)]
    holidays: HolidaysSection,
    priorities: Priorities,
    #[serde(default)]
    definitive_fix: Option<CalendarDays>,
    #[serde(default)]
    request_types: RequestTypes,
}

/// A time-zone name, resolved against the tz database as it is read.
struct ZoneName(Zone);

checked!(ZoneName: string);
checked!(HolidaysSection: map HolidaysFile);
checked!(BuiltinCalendar: string);

impl TryFrom<String> for ZoneName {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        Zone::from_iana(&name).map(ZoneName)
    }
}

/// The `holidays` section.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidaysFile {
    #[serde(default)]
    calendars: Vec<BuiltinCalendar>,
    #[serde(default)]
    rules: Vec<HolidayRule>,
    #[serde(default)]
    closed: Vec<ClosedDate>,
    #[serde(default)]
    open: Vec<Date>,
}

/// The `holidays` section, checked: no date both closed and open.
#[derive(Default)]
struct HolidaysSection(HolidaysFile);

impl TryFrom<HolidaysFile> for HolidaysSection {
    type Error = String;

    fn try_from(file: HolidaysFile) -> Result<Self, String> {
        if let Some(both) = file.open.iter().find(|open| file.closed.iter().any(|c| c.date() == open.0)) {
            return Err(format!(
                "{} is listed in both `closed` and `open`; keep it in one of them",
                String::from(*both)
            ));
        }
        Ok(HolidaysSection(file))
    }
}

/// The calendars that ship with the engine, by name, with their rules in YAML.
const BUILTIN_CALENDARS: &[(&str, &str)] = &[("CO", include_str!("../calendars/co.yaml"))];

/// A built-in calendar named in a policy, with its rules.
struct BuiltinCalendar(Vec<HolidayRule>);

impl TryFrom<String> for BuiltinCalendar {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        let names = BUILTIN_CALENDARS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        let (_, text) = BUILTIN_CALENDARS.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            format!("unknown calendar {} (built in: {names}); add your own under `rules`", quoted(&name))
        })?;
        let rules =
            yaml_serde::from_str(text).map_err(|e| format!("built-in calendar {name} is broken: {e}"))?;
        Ok(BuiltinCalendar(rules))
    }
}

impl Policy {
    /// Reads and validates a policy from its YAML text.
    pub fn from_yaml(text: &str) -> Result<Policy, PolicyError> {
        let file: PolicyFile = yaml_serde::from_str(text).map_err(|e| policy_error(e, text))?;
        let HolidaysFile { calendars, mut rules, closed, open } = file.holidays.0;
        let mut all_rules: Vec<HolidayRule> = calendars.into_iter().flat_map(|c| c.0).collect();
        all_rules.append(&mut rules);
        Ok(Policy {
            zone: file.timezone.0,
            schedule: file.schedule,
            holidays: Holidays::new(HolidayData { rules: all_rules, closed, open }),
            priorities: file.priorities,
            definitive_fix: file.definitive_fix,
            request_types: file.request_types,
        })
    }
}

/// A YAML error placed and worded as for every other YAML file of a site (see
/// [`diagnostics::yaml_error`]); a missing or unknown top-level field names the policy.
fn policy_error(error: yaml_serde::Error, text: &str) -> PolicyError {
    let (location, mut message) = diagnostics::yaml_error(&error, text, 1);
    if message.starts_with("missing field") || message.starts_with("unknown field") {
        message = format!("policy: {message}");
    }
    PolicyError { line: location.map(|(line, _)| line), column: location.map(|(_, column)| column), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_calendars_parse() {
        for (name, _) in BUILTIN_CALENDARS {
            let calendar = BuiltinCalendar::try_from((*name).to_owned()).unwrap();
            assert!(calendar.0.len() >= 18, "{name} has its rules");
        }
    }
}
