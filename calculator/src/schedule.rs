//! Weekly business hours: for each weekday, half-open wall-clock intervals `[start, end)`.

use crate::checked::checked;
use crate::error::quoted;
use crate::holidays::WEEKDAY_KEYS;
use crate::wire::wire;
use serde::Deserialize;
use std::fmt;

/// Minutes in a day; `24:00` is written as this many minutes.
const MINUTES_PER_DAY: u16 = 24 * 60;

/// A wall-clock interval `[start, end)`, in minutes after local midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    /// Opening, in minutes after midnight.
    pub start: u16,
    /// Closing, in minutes after midnight (up to 1440, i.e. `24:00`).
    pub end: u16,
}

fn parse_clock(text: &str, whole: &str) -> Result<u16, String> {
    let invalid = || format!("{}: {} is not a time written HH:MM", quoted(whole), quoted(text));
    let (h, m) = text.split_once(':').ok_or_else(invalid)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(invalid());
    }
    let (hours, minutes): (u16, u16) = (h.parse().map_err(|_| invalid())?, m.parse().map_err(|_| invalid())?);
    if hours > 24 || minutes > 59 || (hours == 24 && minutes > 0) {
        return Err(format!("{}: {text} is not a time of day (00:00 to 24:00)", quoted(whole)));
    }
    Ok(hours * 60 + minutes)
}

impl TryFrom<String> for Interval {
    type Error = String;

    fn try_from(text: String) -> Result<Interval, String> {
        let shape = || format!("{} is not an interval written HH:MM-HH:MM (e.g. 07:30-12:30)", quoted(&text));
        if text.contains(char::is_whitespace) {
            return Err(format!("{}, without spaces", shape()));
        }
        let (a, b) = text.split_once('-').ok_or_else(shape)?;
        let (start, end) = (parse_clock(a, &text)?, parse_clock(b, &text)?);
        if start == MINUTES_PER_DAY {
            return Err(format!("{}: an interval cannot start at 24:00", quoted(&text)));
        }
        if end <= start {
            return Err(format!(
                "{}: the end must come after the start; an interval across midnight must be \
                 split at 24:00 (e.g. \"22:00-24:00\" on one day and \"00:00-06:00\" on the next)",
                quoted(&text)
            ));
        }
        Ok(Interval { start, end })
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clock = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        write!(f, "{}-{}", clock(self.start), clock(self.end))
    }
}

impl From<Interval> for String {
    fn from(interval: Interval) -> String {
        interval.to_string()
    }
}

/// One weekday's intervals: sorted, not overlapping; touching ones are joined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayHours(Vec<Interval>);

checked!(Interval: string);
checked!(DayHours: seq Interval);
checked!(WeekSchedule: map WeekSource);
wire!(Interval: string);
wire!(DayHours: via Vec<Interval>);
wire!(WeekSchedule: via WeekSource);
wire!(WeekSource { mon, tue, wed, thu, fri, sat, sun });

impl TryFrom<Vec<Interval>> for DayHours {
    type Error = String;

    fn try_from(intervals: Vec<Interval>) -> Result<DayHours, String> {
        let mut joined: Vec<Interval> = Vec::with_capacity(intervals.len());
        for interval in intervals {
            match joined.last_mut() {
                Some(last) if interval.start < last.end => {
                    let relation = if interval.start < last.start { "comes before" } else { "overlaps" };
                    return Err(format!(
                        "\"{interval}\" {relation} \"{last}\": list a day's intervals in order, without overlaps"
                    ));
                }
                Some(last) if interval.start == last.end => last.end = interval.end,
                _ => joined.push(interval),
            }
        }
        Ok(DayHours(joined))
    }
}

impl From<DayHours> for Vec<Interval> {
    fn from(hours: DayHours) -> Vec<Interval> {
        hours.0
    }
}

impl DayHours {
    /// The intervals, in order.
    pub fn intervals(&self) -> &[Interval] {
        &self.0
    }
}

/// Business hours for each weekday; a weekday left out is closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekSchedule {
    days: [DayHours; 7],
}

/// The schedule as written in a policy file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekSource {
    #[serde(default)]
    mon: Option<DayHours>,
    #[serde(default)]
    tue: Option<DayHours>,
    #[serde(default)]
    wed: Option<DayHours>,
    #[serde(default)]
    thu: Option<DayHours>,
    #[serde(default)]
    fri: Option<DayHours>,
    #[serde(default)]
    sat: Option<DayHours>,
    #[serde(default)]
    sun: Option<DayHours>,
}

impl TryFrom<WeekSource> for WeekSchedule {
    type Error = String;

    fn try_from(src: WeekSource) -> Result<WeekSchedule, String> {
        let days =
            [src.mon, src.tue, src.wed, src.thu, src.fri, src.sat, src.sun].map(Option::unwrap_or_default);
        if days.iter().all(|d| d.0.is_empty()) {
            return Err(format!(
                "the schedule has no business time; give at least one weekday ({}) an interval",
                WEEKDAY_KEYS.join(", ")
            ));
        }
        Ok(WeekSchedule { days })
    }
}

impl From<WeekSchedule> for WeekSource {
    fn from(week: WeekSchedule) -> WeekSource {
        let some = |d: &DayHours| (!d.0.is_empty()).then(|| d.clone());
        let [mon, tue, wed, thu, fri, sat, sun] = week.days.each_ref().map(some);
        WeekSource { mon, tue, wed, thu, fri, sat, sun }
    }
}

impl WeekSchedule {
    /// The intervals of a weekday (0 = Monday).
    #[inline]
    pub fn day(&self, weekday: usize) -> &[Interval] {
        &self.days[weekday].0
    }

    /// Business seconds in a week without holidays (wall-clock, ignoring clock changes).
    pub fn seconds_per_week(&self) -> i64 {
        self.days.iter().flat_map(|d| &d.0).map(|i| i64::from(i.end - i.start) * 60).sum()
    }

    /// The length of a business day: the week's business seconds over its days with business
    /// hours (8h30m for Monday to Friday, 07:30–12:30 and 13:30–17:00).
    pub fn seconds_per_business_day(&self) -> i64 {
        let open_days = self.days.iter().filter(|d| !d.0.is_empty()).count() as i64;
        self.seconds_per_week() / open_days.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interval(text: &str) -> Result<Interval, String> {
        Interval::try_from(text.to_owned())
    }

    #[test]
    fn intervals_parse_and_print_back() {
        assert_eq!(interval("07:30-12:30"), Ok(Interval { start: 450, end: 750 }));
        assert_eq!(interval("00:00-24:00").unwrap().to_string(), "00:00-24:00");
    }

    #[test]
    fn malformed_intervals_are_explained() {
        assert!(interval("25:00-26:00").unwrap_err().contains("25:00 is not a time of day"));
        assert!(interval("12:30-07:30").unwrap_err().contains("split at 24:00"));
        assert!(interval("7:30-12:30").unwrap_err().contains("HH:MM"));
        assert!(interval("07:30").unwrap_err().contains("HH:MM-HH:MM"));
        assert_eq!(
            interval("07:30 - 12:30").unwrap_err(),
            "\"07:30 - 12:30\" is not an interval written HH:MM-HH:MM (e.g. 07:30-12:30), without spaces"
        );
        assert!(interval("2-3").unwrap_err().contains("\"2\" is not a time written HH:MM"));
        assert!(interval("24:00-24:00").unwrap_err().contains("cannot start at 24:00"));
        assert!(interval("10:60-11:00").unwrap_err().contains("not a time of day"));
    }

    #[test]
    fn a_day_must_be_sorted_without_overlaps_and_joins_touching_intervals() {
        let day =
            |list: &[&str]| DayHours::try_from(list.iter().map(|t| interval(t).unwrap()).collect::<Vec<_>>());
        assert!(day(&["13:30-17:00", "07:30-12:30"]).unwrap_err().contains("comes before"));
        assert!(day(&["07:30-12:30", "12:00-17:00"]).unwrap_err().contains("overlaps"));
        assert_eq!(
            day(&["07:30-12:30", "12:30-17:00"]).unwrap().intervals(),
            &[Interval { start: 450, end: 1020 }]
        );
    }

    #[test]
    fn a_business_day_is_the_weeks_time_over_its_open_days() {
        let day =
            DayHours::try_from(vec![interval("07:30-12:30").unwrap(), interval("13:30-17:00").unwrap()]);
        let weekday = || Some(day.clone().unwrap());
        let week = WeekSource { mon: weekday(), tue: weekday(), fri: weekday(), ..WeekSource::default() };
        assert_eq!(WeekSchedule::try_from(week).unwrap().seconds_per_business_day(), 8 * 3600 + 30 * 60);
    }

    #[test]
    fn an_empty_week_is_rejected() {
        assert!(WeekSchedule::try_from(WeekSource::default()).unwrap_err().contains("no business time"));
    }
}
