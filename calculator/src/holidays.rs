//! Holiday calendars as data: rules that give each year's closed dates.
//!
//! A rule is a fixed date (`date: 01-06`), an offset from Easter Sunday (`easter: -3`) or the
//! n-th weekday of a month (`month: 11, weekday: thu, nth: 4`; `nth: -1` is the last one).
//! Fixed and Easter rules may `move: next_monday` (Colombia's "Ley Emiliani"), and every rule
//! may have a first (`from`) and last (`until`) year.

use crate::checked::checked;
use crate::civil::{self, Day, FIRST_YEAR, LAST_YEAR};
use crate::error::quoted;
use crate::localized::Localized;
use crate::wire::{wire, Reader, Wire, Writer};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

/// Weekday names as written in policy files, Monday first.
pub const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// When a rule's holiday falls in a year, before any move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleDate {
    /// The same month and day every year.
    Fixed { month: u32, day: u32 },
    /// Days after (or, negative, before) Easter Sunday.
    Easter { offset: i32 },
    /// The `nth` given weekday of a month; negative counts from the end.
    NthWeekday { month: u32, weekday: Weekday, nth: i8 },
}

/// One holiday rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolidayRule {
    /// The holiday's name.
    pub name: Localized,
    /// Its date before any move.
    pub date: RuleDate,
    /// Moved to the following Monday when it does not fall on one.
    pub next_monday: bool,
    /// First year the rule applies.
    pub from: Option<i32>,
    /// Last year the rule applies.
    pub until: Option<i32>,
}

/// A rule as written in a policy file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSource {
    name: Localized,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    easter: Option<i32>,
    #[serde(default)]
    month: Option<u32>,
    #[serde(default)]
    weekday: Option<String>,
    #[serde(default)]
    nth: Option<i8>,
    #[serde(default, rename = "move")]
    move_to: Option<String>,
    #[serde(default)]
    from: Option<i32>,
    #[serde(default)]
    until: Option<i32>,
}

impl TryFrom<RuleSource> for HolidayRule {
    type Error = String;

    fn try_from(src: RuleSource) -> Result<Self, String> {
        let date = match (&src.date, src.easter, src.month, &src.weekday, src.nth) {
            (Some(text), None, None, None, None) => parse_month_day(text)?,
            (None, Some(offset), None, None, None) => {
                if !(-100..=100).contains(&offset) {
                    return Err(format!("easter: {offset} is too far from Easter (at most ±100 days)"));
                }
                RuleDate::Easter { offset }
            }
            (None, None, Some(month), Some(weekday), Some(nth)) => {
                if !(1..=12).contains(&month) {
                    return Err(format!("month: {month} is not a month (1–12)"));
                }
                if nth == 0 || !(-5..=5).contains(&nth) {
                    return Err(format!("nth: {nth} must be 1 to 5, or -1 to -5 from the month's end"));
                }
                RuleDate::NthWeekday { month, weekday: parse_weekday(weekday)?, nth }
            }
            _ => {
                return Err("a rule needs exactly one of: `date: MM-DD`, `easter: N`, or \
                            `month`, `weekday` and `nth` together"
                    .to_owned())
            }
        };
        let next_monday = match src.move_to.as_deref() {
            None => false,
            Some("next_monday") if !matches!(date, RuleDate::NthWeekday { .. }) => true,
            Some("next_monday") => return Err("move: a weekday rule cannot be moved".to_owned()),
            Some(other) => return Err(format!("move: unknown value {} (valid: next_monday)", quoted(other))),
        };
        check_rule_year("from", src.from, "for a rule that has always applied")?;
        check_rule_year("until", src.until, "for a rule still in force")?;
        if let (Some(from), Some(until)) = (src.from, src.until) {
            if from > until {
                return Err(format!("from: {from} is after until: {until}"));
            }
        }
        Ok(HolidayRule { name: src.name, date, next_monday, from: src.from, until: src.until })
    }
}

impl From<HolidayRule> for RuleSource {
    fn from(rule: HolidayRule) -> RuleSource {
        let mut src = RuleSource {
            name: rule.name,
            date: None,
            easter: None,
            month: None,
            weekday: None,
            nth: None,
            move_to: rule.next_monday.then(|| "next_monday".to_owned()),
            from: rule.from,
            until: rule.until,
        };
        match rule.date {
            RuleDate::Fixed { month, day } => src.date = Some(format!("{month:02}-{day:02}")),
            RuleDate::Easter { offset } => src.easter = Some(offset),
            RuleDate::NthWeekday { month, weekday, nth } => {
                src.month = Some(month);
                src.weekday = Some(WEEKDAY_KEYS[weekday.num_days_from_monday() as usize].to_owned());
                src.nth = Some(nth);
            }
        }
        src
    }
}

/// Checks a rule's `from` or `until` year against the years the engine covers.
fn check_rule_year(field: &str, year: Option<i32>, left_out: &str) -> Result<(), String> {
    match year {
        Some(year) if !(FIRST_YEAR..=LAST_YEAR).contains(&year) => Err(format!(
            "{field}: {year} is outside the years the engine covers ({FIRST_YEAR}–{LAST_YEAR}); \
             leave `{field}` out {left_out}"
        )),
        _ => Ok(()),
    }
}

fn parse_month_day(text: &str) -> Result<RuleDate, String> {
    let invalid = || format!("date: {} is not a month and day written MM-DD (e.g. 07-20)", quoted(text));
    let (m, d) = text.split_once('-').ok_or_else(invalid)?;
    if m.len() != 2 || d.len() != 2 {
        return Err(invalid());
    }
    let (month, day): (u32, u32) = (m.parse().map_err(|_| invalid())?, d.parse().map_err(|_| invalid())?);
    // 2000 is a leap year, so 02-29 is accepted (and skipped in other years).
    NaiveDate::from_ymd_opt(2000, month, day).ok_or_else(invalid)?;
    Ok(RuleDate::Fixed { month, day })
}

/// Parses a weekday key (`mon` … `sun`).
pub fn parse_weekday(text: &str) -> Result<Weekday, String> {
    WEEKDAY_KEYS
        .iter()
        .position(|k| *k == text)
        .map(|i| Weekday::try_from(i as u8).expect("index below 7"))
        .ok_or_else(|| format!("unknown weekday {} (valid: {})", quoted(text), WEEKDAY_KEYS.join(", ")))
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("computus gives a valid date")
}

impl HolidayRule {
    /// The date the rule closes in `year`, if it applies that year.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        if self.from.is_some_and(|f| year < f) || self.until.is_some_and(|u| year > u) {
            return None;
        }
        let date = match self.date {
            RuleDate::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day)?,
            RuleDate::Easter { offset } => easter_sunday(year) + chrono::TimeDelta::days(offset.into()),
            RuleDate::NthWeekday { month, weekday, nth } => nth_weekday(year, month, weekday, nth)?,
        };
        if self.next_monday && date.weekday() != Weekday::Mon {
            return Some(
                date + chrono::TimeDelta::days(7 - i64::from(date.weekday().num_days_from_monday())),
            );
        }
        Some(date)
    }
}

fn nth_weekday(year: i32, month: u32, weekday: Weekday, nth: i8) -> Option<NaiveDate> {
    if nth > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth as u8)
    } else {
        let next_month_first = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let last = next_month_first.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        let date = last - chrono::TimeDelta::days(i64::from(back) + 7 * i64::from(-nth - 1));
        (date.month() == month).then_some(date)
    }
}

/// A calendar date written `YYYY-MM-DD` in policy files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

checked!(Date: string);
checked!(HolidayRule: map RuleSource);
wire!(Date: string);
wire!(HolidayRule: via RuleSource);
wire!(RuleSource { name, date, easter, month, weekday, nth, move_to, from, until });
wire!(Holidays: via HolidayData);
wire!(HolidayData { rules, closed, open });

impl Wire for ClosedDate {
    fn write(&self, out: &mut Writer) {
        let (date, name) = match self {
            ClosedDate::Date(date) => (date, None),
            ClosedDate::Named { date, name } => (date, Some(name)),
        };
        date.write(out);
        name.cloned().write(out);
    }
    fn read(input: &mut Reader) -> Result<Self, String> {
        Ok(match (Date::read(input)?, Option::<Localized>::read(input)?) {
            (date, None) => ClosedDate::Date(date),
            (date, Some(name)) => ClosedDate::Named { date, name },
        })
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(text: String) -> Result<Date, String> {
        let field =
            |range: std::ops::Range<usize>| text.get(range).filter(|p| p.bytes().all(|b| b.is_ascii_digit()));
        let shape_ok = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
        let date = match (shape_ok, field(0..4), field(5..7), field(8..10)) {
            (true, Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(
                y.parse().expect("digits"),
                m.parse().expect("digits"),
                d.parse().expect("digits"),
            )
            .ok_or_else(|| format!("{} is no day of the calendar", quoted(&text)))?,
            _ => return Err(format!("{} is not a date written YYYY-MM-DD", quoted(&text))),
        };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            return Err(format!(
                "{} is outside the years the engine covers ({FIRST_YEAR}–{LAST_YEAR})",
                quoted(&text)
            ));
        }
        Ok(Date(date))
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        format!("{:04}-{:02}-{:02}", date.0.year(), date.0.month(), date.0.day())
    }
}

/// A closed date a policy adds: `2025-12-24`, or `{ date: 2025-12-24, name: … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClosedDate {
    /// Just the date.
    Date(Date),
    /// A date and what it is.
    Named {
        /// The date.
        date: Date,
        /// Why it is closed.
        name: Localized,
    },
}

/// A named closed date as written in a policy file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedClosedDate {
    date: Date,
    name: Localized,
}

/// Reads either form, so that a bad date keeps its own message and position (an untagged
/// enum would only say that neither form matched).
impl<'de> Deserialize<'de> for ClosedDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ClosedDateVisitor;
        impl<'de> serde::de::Visitor<'de> for ClosedDateVisitor {
            type Value = ClosedDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date (YYYY-MM-DD) or { date: YYYY-MM-DD, name: … }")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ClosedDate, E> {
                Date::try_from(text.to_owned()).map(ClosedDate::Date).map_err(E::custom)
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<ClosedDate, M::Error> {
                let named = NamedClosedDate::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ClosedDate::Named { date: named.date, name: named.name })
            }
        }
        deserializer.deserialize_any(ClosedDateVisitor)
    }
}

impl ClosedDate {
    /// The closed date.
    pub fn date(&self) -> NaiveDate {
        match self {
            ClosedDate::Date(date) | ClosedDate::Named { date, .. } => date.0,
        }
    }

    /// Its name; "company closure" when none was given.
    pub fn name(&self) -> Localized {
        match self {
            ClosedDate::Date(_) => {
                Localized::new([("es", "Cierre de la empresa"), ("en", "Company closure")])
            }
            ClosedDate::Named { name, .. } => name.clone(),
        }
    }
}

/// A holiday on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    /// The closed date.
    pub date: NaiveDate,
    /// Every holiday that falls on it (two rules can meet on one Monday).
    pub names: Vec<Localized>,
}

/// The days a policy is closed for holidays: its rules, plus extra closed dates, minus dates
/// worked anyway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holidays {
    data: HolidayData,
    /// The day of the first bit: 1 January of [`FIRST_YEAR`].
    first_day: Day,
    /// How many days the table covers, through 31 December of [`LAST_YEAR`].
    day_count: usize,
    /// One bit a day, set for closed days.
    closed_days: Vec<u64>,
}

/// What a set of holidays is made of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HolidayData {
    /// Rules, each giving one date a year.
    pub rules: Vec<HolidayRule>,
    /// Extra closed dates.
    pub closed: Vec<ClosedDate>,
    /// Dates the rules close that are worked anyway.
    pub open: Vec<Date>,
}

impl TryFrom<HolidayData> for Holidays {
    type Error = String;

    fn try_from(data: HolidayData) -> Result<Holidays, String> {
        Ok(Holidays::new(data))
    }
}

impl From<Holidays> for HolidayData {
    fn from(holidays: Holidays) -> HolidayData {
        holidays.data
    }
}

impl Holidays {
    /// Compiles rules and dates into a day-indexed table.
    pub fn new(data: HolidayData) -> Holidays {
        let first = civil::first_day_of_year(FIRST_YEAR);
        let days = (civil::first_day_of_year(LAST_YEAR + 1) - first) as usize;
        let mut closed_days = vec![0u64; days.div_ceil(64)];
        let mut set = |date: NaiveDate, closed: bool| {
            let index = civil::day_of(date) - first;
            if (0..days as i32).contains(&index) {
                let (word, bit) = (index as usize / 64, index as usize % 64);
                if closed {
                    closed_days[word] |= 1 << bit;
                } else {
                    closed_days[word] &= !(1 << bit);
                }
            }
        };
        for year in FIRST_YEAR..=LAST_YEAR {
            for rule in &data.rules {
                if let Some(date) = rule.date_in(year) {
                    set(date, true);
                }
            }
        }
        for closed in &data.closed {
            set(closed.date(), true);
        }
        for open in &data.open {
            set(open.0, false);
        }
        Holidays { data, first_day: first, day_count: days, closed_days }
    }

    /// Whether a day is closed; `None` outside the years the table covers.
    #[inline]
    pub fn is_closed(&self, day: Day) -> Option<bool> {
        let index = usize::try_from(day - self.first_day).ok().filter(|i| *i < self.day_count)?;
        Some(self.closed_days[index / 64] & (1 << (index % 64)) != 0)
    }

    /// The holidays of one year, by date.
    pub fn in_year(&self, year: i32) -> Vec<Holiday> {
        let mut found: Vec<(NaiveDate, Localized)> = Vec::new();
        // A rule can move a date across the new year, so look at the neighbouring years too.
        for rule_year in year - 1..=year + 1 {
            for rule in &self.data.rules {
                if let Some(date) = rule.date_in(rule_year).filter(|d| d.year() == year) {
                    found.push((date, rule.name.clone()));
                }
            }
        }
        found.extend(
            self.data.closed.iter().filter(|c| c.date().year() == year).map(|c| (c.date(), c.name())),
        );
        found.retain(|(date, _)| !self.data.open.contains(&Date(*date)));
        found.sort_by_key(|(date, _)| *date);
        let mut holidays: Vec<Holiday> = Vec::new();
        for (date, name) in found {
            match holidays.last_mut() {
                Some(last) if last.date == date => {
                    if !last.names.contains(&name) {
                        last.names.push(name);
                    }
                }
                _ => holidays.push(Holiday { date, names: vec![name] }),
            }
        }
        holidays
    }

    /// The names of the holidays on a date (empty if it is not one).
    pub fn names_on(&self, date: NaiveDate) -> Vec<Localized> {
        if self.is_closed(civil::day_of(date)) == Some(false) {
            return Vec::new();
        }
        self.in_year(date.year()).into_iter().find(|h| h.date == date).map(|h| h.names).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_dates_match_the_published_tables() {
        assert_eq!(easter_sunday(2024), ymd(2024, 3, 31));
        assert_eq!(easter_sunday(2025), ymd(2025, 4, 20));
        assert_eq!(easter_sunday(2026), ymd(2026, 4, 5));
        assert_eq!(easter_sunday(2038), ymd(2038, 4, 25));
        assert_eq!(easter_sunday(2285), ymd(2285, 3, 22));
    }

    fn rule(yaml_like: RuleSource) -> Result<HolidayRule, String> {
        HolidayRule::try_from(yaml_like)
    }

    fn source(name: &str) -> RuleSource {
        RuleSource {
            name: Localized::new([("es", name)]),
            date: None,
            easter: None,
            month: None,
            weekday: None,
            nth: None,
            move_to: None,
            from: None,
            until: None,
        }
    }

    #[test]
    fn moved_rules_land_on_the_next_monday_unless_already_monday() {
        let epiphany = rule(RuleSource {
            date: Some("01-06".into()),
            move_to: Some("next_monday".into()),
            ..source("Reyes")
        })
        .unwrap();
        assert_eq!(epiphany.date_in(2025), Some(ymd(2025, 1, 6)), "a Monday stays");
        assert_eq!(epiphany.date_in(2026), Some(ymd(2026, 1, 12)), "a Tuesday moves");
        let thanksgiving =
            rule(RuleSource { month: Some(11), weekday: Some("thu".into()), nth: Some(4), ..source("T") })
                .unwrap();
        assert_eq!(thanksgiving.date_in(2026), Some(ymd(2026, 11, 26)));
        let last_monday_may =
            rule(RuleSource { month: Some(5), weekday: Some("mon".into()), nth: Some(-1), ..source("M") })
                .unwrap();
        assert_eq!(last_monday_may.date_in(2025), Some(ymd(2025, 5, 26)));
        let bounded =
            rule(RuleSource { date: Some("07-09".into()), from: Some(2026), ..source("B") }).unwrap();
        assert_eq!(bounded.date_in(2025), None);
        assert_eq!(bounded.date_in(2026), Some(ymd(2026, 7, 9)));
        let leap = rule(RuleSource { date: Some("02-29".into()), ..source("L") }).unwrap();
        assert_eq!(leap.date_in(2025), None);
    }

    #[test]
    fn malformed_rules_say_what_is_wrong() {
        let both = rule(RuleSource { date: Some("01-01".into()), easter: Some(1), ..source("X") });
        assert!(both.unwrap_err().contains("exactly one of"));
        assert!(rule(RuleSource { date: Some("02-30".into()), ..source("X") })
            .unwrap_err()
            .contains("MM-DD"));
        let bad_move =
            rule(RuleSource { easter: Some(1), move_to: Some("next_friday".into()), ..source("X") });
        assert!(bad_move.unwrap_err().contains("next_monday"));
        let weekday =
            rule(RuleSource { month: Some(1), weekday: Some("lun".into()), nth: Some(1), ..source("X") });
        assert!(weekday.unwrap_err().contains("unknown weekday \"lun\""));
        let years = rule(RuleSource {
            date: Some("01-01".into()),
            from: Some(2030),
            until: Some(2020),
            ..source("X")
        });
        assert!(years.unwrap_err().contains("after until"));
    }

    #[test]
    fn open_dates_reopen_and_closed_dates_close() {
        let new_year = rule(RuleSource { date: Some("01-01".into()), ..source("Año Nuevo") }).unwrap();
        let holidays = Holidays::new(HolidayData {
            rules: vec![new_year],
            closed: vec![ClosedDate::Date(Date(ymd(2025, 12, 24)))],
            open: vec![Date(ymd(2026, 1, 1))],
        });
        assert_eq!(holidays.is_closed(civil::day_of(ymd(2025, 1, 1))), Some(true));
        assert_eq!(holidays.is_closed(civil::day_of(ymd(2026, 1, 1))), Some(false));
        assert_eq!(holidays.is_closed(civil::day_of(ymd(2025, 12, 24))), Some(true));
        assert_eq!(holidays.is_closed(civil::day_of(ymd(2101, 1, 1))), None);
        assert_eq!(holidays.in_year(2026).len(), 0);
        assert_eq!(holidays.names_on(ymd(2025, 12, 24))[0].get("en"), "Company closure");
    }
}
