//! Time zones as data: the UTC offsets a zone uses and the instants at which they change.
//!
//! A [`Zone`] is resolved from the IANA database once (feature `tzdb`) and can then be
//! serialized with the policy, so that the WebAssembly build needs no database of its own.

/// Offsets never exceed this many seconds either side of UTC (real zones stay within ±14 h).
pub const MAX_OFFSET_SECONDS: i64 = 26 * 3600;

/// An instant: seconds since 1970-01-01T00:00:00Z.
pub type Instant = i64;

/// A time zone: its IANA name, and its offsets from UTC over the engine's years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    /// The IANA name, e.g. `America/Bogota`.
    pub name: String,
    /// Offset east of UTC, in seconds, before the first transition.
    initial_offset: i32,
    /// `(instant, offset)`: from `instant` on, the zone is `offset` seconds east of UTC.
    /// Sorted by instant; consecutive offsets differ.
    transitions: Vec<(Instant, i32)>,
    /// The largest offset the zone ever uses.
    max_offset: i32,
}

crate::wire::wire!(Zone: via ZoneData);
crate::wire::wire!(ZoneData { name, initial_offset, transitions });

/// A zone as data.
struct ZoneData {
    name: String,
    initial_offset: i32,
    transitions: Vec<(Instant, i32)>,
}

impl TryFrom<ZoneData> for Zone {
    type Error = String;

    fn try_from(data: ZoneData) -> Result<Zone, String> {
        Zone::from_transitions(&data.name, data.initial_offset, data.transitions)
    }
}

impl From<Zone> for ZoneData {
    fn from(zone: Zone) -> ZoneData {
        ZoneData { name: zone.name, initial_offset: zone.initial_offset, transitions: zone.transitions }
    }
}

/// The instants that show a given local wall-clock time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalInstant {
    /// Exactly one instant.
    Single(Instant),
    /// The time occurs twice (clocks went back): the earlier and the later instant.
    Ambiguous(Instant, Instant),
    /// The time never occurs (clocks went forward); the instant at which the gap ends.
    Skipped(Instant),
}

impl Zone {
    /// A zone with one offset for ever.
    pub fn fixed(name: &str, offset_seconds: i32) -> Zone {
        Zone {
            name: name.to_owned(),
            initial_offset: offset_seconds,
            transitions: Vec::new(),
            max_offset: offset_seconds,
        }
    }

    /// A zone from an initial offset and its transitions; they must be sorted and change the
    /// offset each time.
    pub fn from_transitions(
        name: &str,
        initial_offset: i32,
        transitions: Vec<(Instant, i32)>,
    ) -> Result<Zone, String> {
        let max_offset = transitions.iter().map(|t| t.1).fold(initial_offset, i32::max);
        let zone = Zone { name: name.to_owned(), initial_offset, transitions, max_offset };
        zone.check()?;
        Ok(zone)
    }

    /// The largest offset east of UTC the zone ever uses, in seconds.
    pub fn max_offset(&self) -> i32 {
        self.max_offset
    }

    /// Checks the invariants of a zone read from data.
    fn check(&self) -> Result<(), String> {
        let offsets = std::iter::once(self.initial_offset).chain(self.transitions.iter().map(|t| t.1));
        if offsets.clone().any(|o| i64::from(o).abs() >= MAX_OFFSET_SECONDS) {
            return Err(format!("zone {}: an offset is out of range", self.name));
        }
        let ordered = self.transitions.windows(2).all(|w| w[0].0 < w[1].0);
        let changing = offsets.clone().zip(offsets.skip(1)).all(|(a, b)| a != b);
        if !ordered || !changing {
            return Err(format!("zone {}: transitions must be sorted and change the offset", self.name));
        }
        Ok(())
    }

    /// Resolves an IANA zone name with the bundled tz database.
    #[cfg(feature = "tzdb")]
    pub fn from_iana(name: &str) -> Result<Zone, String> {
        use crate::civil::{FIRST_YEAR, LAST_YEAR};
        use crate::error::quoted;
        use chrono::{Offset, TimeZone};
        let tz: chrono_tz::Tz = name.parse().map_err(|_| {
            format!("unknown time zone {}; use an IANA name such as \"America/Bogota\"", quoted(name))
        })?;
        let offset_at = |t: Instant| -> i32 {
            let utc = chrono::DateTime::from_timestamp(t, 0).expect("instant within chrono's range");
            tz.offset_from_utc_datetime(&utc.naive_utc()).fix().local_minus_utc()
        };
        let start = crate::civil::first_day_of_year(FIRST_YEAR) as i64 * 86_400 - 86_400;
        let end = crate::civil::first_day_of_year(LAST_YEAR + 1) as i64 * 86_400 + 86_400;
        // Offsets change at most a few times a year and never twice within six hours, so a
        // six-hour scan finds every change; a binary search then finds its exact second.
        const STEP: i64 = 6 * 3600;
        let initial_offset = offset_at(start);
        let mut transitions = Vec::new();
        let (mut t, mut current) = (start, initial_offset);
        while t < end {
            let next = offset_at(t + STEP);
            if next != current {
                let (mut before, mut after) = (t, t + STEP);
                while after - before > 1 {
                    let mid = before + (after - before) / 2;
                    if offset_at(mid) == current {
                        before = mid;
                    } else {
                        after = mid;
                    }
                }
                transitions.push((after, next));
                current = next;
            }
            t += STEP;
        }
        Zone::from_transitions(name, initial_offset, transitions)
    }

    /// The offset in force at an instant.
    pub fn offset_at(&self, t: Instant) -> i32 {
        match self.transitions.partition_point(|&(at, _)| at <= t) {
            0 => self.initial_offset,
            i => self.transitions[i - 1].1,
        }
    }

    /// Local wall-clock seconds (since 1970-01-01T00:00 local) of an instant.
    pub fn to_local(&self, t: Instant) -> i64 {
        t + i64::from(self.offset_at(t))
    }

    /// The offset in force throughout `[from, to)`, if it does not change there.
    pub fn constant_offset(&self, from: Instant, to: Instant) -> Option<i32> {
        let i = self.transitions.partition_point(|&(at, _)| at <= from);
        let unchanged = self.transitions.get(i).is_none_or(|&(at, _)| at >= to);
        unchanged.then(|| if i == 0 { self.initial_offset } else { self.transitions[i - 1].1 })
    }

    /// The stretches of constant offset that cover `[from, to)`: `(start, end, offset)`.
    pub fn segments(&self, from: Instant, to: Instant) -> impl Iterator<Item = (Instant, Instant, i32)> + '_ {
        let first = self.transitions.partition_point(|&(at, _)| at <= from);
        let mut start = from;
        let mut offset = if first == 0 { self.initial_offset } else { self.transitions[first - 1].1 };
        let mut next = first;
        std::iter::from_fn(move || {
            if start >= to {
                return None;
            }
            let end = self.transitions.get(next).map_or(to, |&(at, _)| at.min(to));
            let segment = (start, end, offset);
            if let Some(&(_, after)) = self.transitions.get(next) {
                offset = after;
            }
            next += 1;
            start = end;
            Some(segment)
        })
    }

    /// The instants `t` with `t + offset_at(t)` in the local range `[from, to)`, as disjoint
    /// sorted ranges appended to `out`.
    pub fn local_range_to_instants(&self, from: i64, to: i64, out: &mut Vec<(Instant, Instant)>) {
        let window = (from - MAX_OFFSET_SECONDS, to + MAX_OFFSET_SECONDS);
        if let Some(offset) = self.constant_offset(window.0, window.1) {
            let o = i64::from(offset);
            out.push((from - o, to - o));
            return;
        }
        let first = out.len();
        for (seg_start, seg_end, offset) in self.segments(window.0, window.1) {
            let o = i64::from(offset);
            let (start, end) = ((from - o).max(seg_start), (to - o).min(seg_end));
            if start < end {
                out.push((start, end));
            }
        }
        out[first..].sort_unstable();
        // Ranges from consecutive segments touch where the local clock ran on across a change.
        let mut merged = first;
        for i in first..out.len() {
            if merged > first && out[merged - 1].1 == out[i].0 {
                out[merged - 1].1 = out[i].1;
            } else {
                out[merged] = out[i];
                merged += 1;
            }
        }
        out.truncate(merged);
    }

    /// The instants showing local wall-clock time `local`.
    pub fn resolve_local(&self, local: i64) -> LocalInstant {
        let mut found = Vec::with_capacity(2);
        self.local_range_to_instants(local, local + 1, &mut found);
        match found.as_slice() {
            [(t, _)] => LocalInstant::Single(*t),
            [(a, _), .., (b, _)] => LocalInstant::Ambiguous(*a, *b),
            [] => {
                // Inside a gap: the first instant whose local time is past `local`.
                let mut later = Vec::new();
                self.local_range_to_instants(local, local + MAX_OFFSET_SECONDS, &mut later);
                LocalInstant::Skipped(later.first().map_or(local, |r| r.0))
            }
        }
    }
}

#[cfg(all(test, feature = "tzdb"))]
mod tests {
    use super::*;

    #[test]
    fn bogota_is_five_hours_behind_utc_without_changes_since_1993() {
        let zone = Zone::from_iana("America/Bogota").unwrap();
        // 2025-02-21T21:00:00Z
        assert_eq!(zone.offset_at(1_740_171_600), -5 * 3600);
        assert!(zone.transitions.iter().all(|&(at, _)| at < 800_000_000));
    }

    #[test]
    fn madrid_changes_twice_a_year_at_the_right_second() {
        let zone = Zone::from_iana("Europe/Madrid").unwrap();
        // 2025-03-30T01:00:00Z: clocks go from 02:00 to 03:00 local.
        assert_eq!(zone.offset_at(1_743_296_400 - 1), 3600);
        assert_eq!(zone.offset_at(1_743_296_400), 7200);
        let local_gap = 1_743_296_400 + 3600 + 1800; // 02:30 local, does not exist
        assert_eq!(zone.resolve_local(local_gap), LocalInstant::Skipped(1_743_296_400));
        // 2025-10-26T01:00:00Z: clocks go from 03:00 back to 02:00 local.
        let local_twice = 1_761_440_400 + 7200 - 1800; // 02:30 local, happens twice
        assert_eq!(
            zone.resolve_local(local_twice),
            LocalInstant::Ambiguous(1_761_440_400 - 1800, 1_761_440_400 + 1800)
        );
    }

    #[test]
    fn unknown_names_are_rejected_with_a_hint() {
        assert!(Zone::from_iana("America/Bogata").unwrap_err().contains("IANA name"));
    }

    #[test]
    fn data_with_unsorted_transitions_is_rejected() {
        assert!(Zone::from_transitions("X", 0, vec![(10, 3600), (5, 0)]).is_err());
        assert!(Zone::from_transitions("X", 0, vec![(10, 0)]).is_err());
    }
}
