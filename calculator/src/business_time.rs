//! Business-time arithmetic: due instants, elapsed business time, openings.
//!
//! Business time is the set of instants whose local date (in the policy's zone) is a
//! scheduled weekday that is not a holiday, and whose local wall-clock time lies in one of
//! that weekday's half-open intervals. Its measure is real elapsed time, so a clock change
//! inside an interval lengthens or shortens it.

use crate::civil::{self, Day, LAST_YEAR, SECONDS_PER_DAY};
use crate::duration::Seconds;
use crate::error::SlaError;
use crate::policy::Policy;
use crate::timestamp::format_time;
use crate::zone::Instant;

/// How many consecutive days without business time the engine searches before it reports
/// that the policy leaves no business time (a schedule closed by holidays every day).
pub const SEARCH_HORIZON_DAYS: i32 = 366;

/// A stretch of business time `[start, end)`.
type Span = (Instant, Instant);

/// Walks the business spans of a policy in time order, from a given instant on.
struct Spans<'p> {
    policy: &'p Policy,
    /// Spans found but not yet handed out, sorted, from `pos` on.
    pending: Vec<Span>,
    pos: usize,
    /// The next local day to look at.
    next_day: Day,
    /// Where the walk started, for error messages.
    origin: Instant,
    /// Spans ending at or before this are skipped.
    after: Instant,
}

impl<'p> Spans<'p> {
    /// Spans that end after `t`, in order.
    fn after(policy: &'p Policy, t: Instant) -> Spans<'p> {
        let zone = &policy.zone;
        let day = civil::day_of_local_seconds(zone.to_local(t));
        // Near a clock change a span of the previous local day can still be running at `t`.
        let steady = zone.constant_offset(t - 2 * SECONDS_PER_DAY, t + 2 * SECONDS_PER_DAY).is_some();
        let next_day = if steady { day } else { day - 1 };
        Spans { policy, pending: Vec::with_capacity(8), pos: 0, next_day, origin: t, after: t }
    }

    /// The earliest instant at which a span of `day` or a later day can start.
    fn earliest_start(&self, day: Day) -> Instant {
        i64::from(day) * SECONDS_PER_DAY - i64::from(self.policy.zone.max_offset())
    }

    /// Adds one local day's spans to `pending`.
    fn load_day(&mut self) -> Result<(), SlaError> {
        let day = self.next_day;
        self.next_day += 1;
        let closed =
            self.policy.holidays.is_closed(day).ok_or(SlaError::BeyondCalendar { last_year: LAST_YEAR })?;
        if closed {
            return Ok(());
        }
        if self.pos == self.pending.len() {
            self.pending.clear();
            self.pos = 0;
        }
        let midnight = i64::from(day) * SECONDS_PER_DAY;
        for interval in self.policy.schedule.day(civil::weekday_index(day)) {
            let (from, to) =
                (midnight + i64::from(interval.start) * 60, midnight + i64::from(interval.end) * 60);
            self.policy.zone.local_range_to_instants(from, to, &mut self.pending);
        }
        if !self.pending[self.pos..].is_sorted() {
            self.pending[self.pos..].sort_unstable();
        }
        Ok(())
    }

    /// The next span, in time order.
    fn next(&mut self) -> Result<Span, SlaError> {
        let mut empty_days = 0;
        loop {
            if let Some(&span) = self.pending.get(self.pos) {
                // Safe to hand out once no day still to load can start earlier.
                if span.0 <= self.earliest_start(self.next_day) {
                    self.pos += 1;
                    if span.1 > self.after {
                        return Ok(span);
                    }
                    continue;
                }
            }
            let before = self.pending.len();
            self.load_day()?;
            if self.pending.len() == before {
                empty_days += 1;
                if empty_days > SEARCH_HORIZON_DAYS {
                    return Err(SlaError::NoBusinessTime {
                        after: format_time(self.origin, &self.policy.zone),
                        days: SEARCH_HORIZON_DAYS,
                    });
                }
            } else {
                empty_days = 0;
            }
        }
    }
}

impl Policy {
    /// When the clock starts for a ticket created at `created`: that instant if it is
    /// business time, else the next opening.
    pub fn clock_start(&self, created: Instant) -> Result<Instant, SlaError> {
        let (start, _) = Spans::after(self, created).next()?;
        Ok(start.max(created))
    }

    /// The first instant at or after `t` at which a stretch of business time begins.
    pub fn next_opening(&self, t: Instant) -> Result<Instant, SlaError> {
        let mut spans = Spans::after(self, t);
        loop {
            let (start, _) = spans.next()?;
            if start >= t {
                return Ok(start);
            }
        }
    }

    /// The earliest instant by which `target` business time has elapsed since `created`.
    /// A target reached exactly at a closing time is due at that closing time.
    pub fn due(&self, created: Instant, target: Seconds) -> Result<Instant, SlaError> {
        let mut spans = Spans::after(self, created);
        let mut remaining = target.0;
        loop {
            let (start, end) = spans.next()?;
            let start = start.max(created);
            if remaining <= end - start {
                return Ok(start + remaining);
            }
            remaining -= end - start;
        }
    }

    /// Business time elapsed in `[from, to)`; zero when `to` is not after `from`.
    pub fn business_time_between(&self, from: Instant, to: Instant) -> Result<Seconds, SlaError> {
        let mut spans = Spans::after(self, from);
        let mut total = 0;
        loop {
            let (start, end) = spans.next()?;
            let start = start.max(from);
            if start >= to {
                return Ok(Seconds(total));
            }
            total += end.min(to) - start;
        }
    }
}
