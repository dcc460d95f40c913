//! The service-level policy: one type, read from YAML by the CLI and the site generator, and
//! shipped in a compact form ([`Policy::to_wire`]) to the WebAssembly calculator.

use crate::checked::checked;
use crate::duration::{parse_duration, Seconds, MAX_BUSINESS_SECONDS};
use crate::error::SlaError;
use crate::error::{quoted, shortened};
use crate::holidays::Holidays;
use crate::localized::Localized;
use crate::schedule::WeekSchedule;
use crate::wire::wire;
use crate::zone::Zone;
use serde::Deserialize;

/// A service-level policy, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The zone whose wall clock the schedule and holidays follow.
    pub zone: Zone,
    /// Weekly business hours.
    pub schedule: WeekSchedule,
    /// Closed days.
    pub holidays: Holidays,
    /// Priority levels with their targets, most urgent first.
    pub priorities: Priorities,
    /// Calendar days allowed for a definitive fix after a temporary workaround.
    pub definitive_fix: Option<CalendarDays>,
    /// Kinds of request, each with whom to escalate to.
    pub request_types: RequestTypes,
}

/// An identifier: lowercase letters, digits, `-` and `_`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(String);

checked!(Id: string);
checked!(BusinessDuration: string);
checked!(CalendarDays: string);
checked!(Email: string);
checked!(Priorities: seq Priority);
checked!(RequestTypes: seq RequestType);
wire!(Id: string);
wire!(BusinessDuration: string);
wire!(CalendarDays: string);
wire!(Email: string);
wire!(Priorities: via Vec<Priority>);
wire!(RequestTypes: via Vec<RequestType>);
wire!(Priority { id, name, description, response, resolution });
wire!(Contact { role, email });
wire!(RequestType { id, name, contact });
wire!(Policy { zone, schedule, holidays, priorities, definitive_fix, request_types });

impl TryFrom<String> for Id {
    type Error = String;

    fn try_from(text: String) -> Result<Id, String> {
        let valid = !text.is_empty()
            && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if valid {
            Ok(Id(text))
        } else {
            Err(format!("{} is not an id (lowercase letters, digits, - and _)", quoted(&text)))
        }
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0
    }
}

impl Id {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An amount of business time, written like `2h`, `90m` or `1h30m`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BusinessDuration(pub Seconds);

impl TryFrom<String> for BusinessDuration {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let seconds = parse_duration(&text, &['h', 'm', 's'])?;
        if seconds.0 > MAX_BUSINESS_SECONDS {
            return Err(format!("{} is longer than the 10000h the engine accepts", quoted(&text)));
        }
        Ok(BusinessDuration(seconds))
    }
}

impl From<BusinessDuration> for String {
    fn from(duration: BusinessDuration) -> String {
        duration.0.to_string()
    }
}

/// A number of calendar days, written like `120d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalendarDays(pub u32);

impl TryFrom<String> for CalendarDays {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let days = parse_duration(&text, &['d'])?.0 / 86_400;
        u32::try_from(days)
            .ok()
            .filter(|d| *d <= 3650)
            .map(CalendarDays)
            .ok_or_else(|| format!("{} is longer than the 3650d the engine accepts", quoted(&text)))
    }
}

impl From<CalendarDays> for String {
    fn from(days: CalendarDays) -> String {
        format!("{}d", days.0)
    }
}

/// A priority level and its targets.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// Its id, e.g. `alta`.
    pub id: Id,
    /// Its display name.
    pub name: Localized,
    /// When a ticket has this priority.
    pub description: Localized,
    /// Business time allowed for the first response.
    pub response: BusinessDuration,
    /// Business time allowed for the resolution.
    pub resolution: BusinessDuration,
}

/// Whom to contact.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The role, e.g. "Functional support lead".
    pub role: Localized,
    /// Where to write.
    pub email: Email,
}

/// An e-mail address (checked for the shape `name@domain`, and for nothing that would end it
/// inside a `mailto:` link: white space, `<`, `>`, `"`, `?`, `&`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl TryFrom<String> for Email {
    type Error = String;

    fn try_from(text: String) -> Result<Email, String> {
        let well_formed = text.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty()
                && domain.contains('.')
                && !text.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '?' | '&'))
        });
        if well_formed {
            Ok(Email(text))
        } else {
            Err(format!("{} is not an e-mail address", quoted(&text)))
        }
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl Email {
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A kind of request and whom to escalate it to.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestType {
    /// Its id, e.g. `facturacion`.
    pub id: Id,
    /// Its display name.
    pub name: Localized,
    /// Whom to escalate to.
    pub contact: Contact,
}

/// Anything listed by id.
trait Identified {
    fn id(&self) -> &Id;
}

impl Identified for Priority {
    fn id(&self) -> &Id {
        &self.id
    }
}

impl Identified for RequestType {
    fn id(&self) -> &Id {
        &self.id
    }
}

fn check_unique_ids<T: Identified>(items: &[T]) -> Result<(), String> {
    for (i, item) in items.iter().enumerate() {
        if let Some(first) = items[..i].iter().position(|earlier| earlier.id() == item.id()) {
            return Err(format!("entries {first} and {i} have the same id \"{}\"", item.id().as_str()));
        }
    }
    Ok(())
}

fn list_ids<T: Identified>(items: &[T]) -> String {
    items.iter().map(|i| i.id().as_str()).collect::<Vec<_>>().join(", ")
}

/// The priority levels, at least one, with unique ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Priorities(Vec<Priority>);

impl TryFrom<Vec<Priority>> for Priorities {
    type Error = String;

    fn try_from(list: Vec<Priority>) -> Result<Self, String> {
        if list.is_empty() {
            return Err("at least one priority is needed".to_owned());
        }
        check_unique_ids(&list)?;
        if let Some((i, p)) = list.iter().enumerate().find(|(_, p)| p.resolution < p.response) {
            return Err(format!(
                "entry {i} ({}): the resolution target ({}) is shorter than the response target ({})",
                p.id.as_str(),
                p.resolution.0,
                p.response.0
            ));
        }
        Ok(Priorities(list))
    }
}

impl From<Priorities> for Vec<Priority> {
    fn from(p: Priorities) -> Vec<Priority> {
        p.0
    }
}

/// The request types, with unique ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestTypes(Vec<RequestType>);

impl TryFrom<Vec<RequestType>> for RequestTypes {
    type Error = String;

    fn try_from(list: Vec<RequestType>) -> Result<Self, String> {
        check_unique_ids(&list)?;
        Ok(RequestTypes(list))
    }
}

impl From<RequestTypes> for Vec<RequestType> {
    fn from(r: RequestTypes) -> Vec<RequestType> {
        r.0
    }
}

impl Policy {
    /// The priority levels, most urgent first.
    pub fn priorities(&self) -> &[Priority] {
        &self.priorities.0
    }

    /// The request types.
    pub fn request_types(&self) -> &[RequestType] {
        &self.request_types.0
    }

    /// The priority with this id.
    pub fn priority(&self, id: &str) -> Result<&Priority, SlaError> {
        self.priorities().iter().find(|p| p.id.as_str() == id).ok_or_else(|| SlaError::UnknownPriority {
            given: shortened(id),
            valid: list_ids(self.priorities()),
        })
    }

    /// The request type with this id.
    pub fn request_type(&self, id: &str) -> Result<&RequestType, SlaError> {
        self.request_types().iter().find(|r| r.id.as_str() == id).ok_or_else(|| {
            SlaError::UnknownRequestType { given: shortened(id), valid: list_ids(self.request_types()) }
        })
    }
}
