//! Durations as written in policies: `2h`, `90m`, `1h30m`, `45s`, `120d`.

use crate::error::quoted;
use std::fmt;

/// A length of time in whole seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Seconds(pub i64);

/// The largest business duration a policy may set (ten thousand hours).
pub const MAX_BUSINESS_SECONDS: i64 = 10_000 * 3600;

/// Parses a duration made of `<number><unit>` parts, units among `allowed` (a subset of
/// `d`, `h`, `m`, `s`), each unit at most once and in that order. Zero is rejected.
pub fn parse_duration(text: &str, allowed: &[char]) -> Result<Seconds, String> {
    let units = allowed.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ");
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(format!("empty duration; write it like \"2h\" or \"1h30m\" (units: {units})"));
    }
    let mut total: i64 = 0;
    let mut digits = String::new();
    let mut last_rank = None;
    for ch in trimmed.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        let rank = ['d', 'h', 'm', 's'].iter().position(|u| *u == ch);
        let (Some(rank), true) = (rank, allowed.contains(&ch)) else {
            return Err(format!("{}: unknown unit '{ch}' (units: {units})", quoted(text)));
        };
        if digits.is_empty() {
            return Err(format!("{}: a number must come before '{ch}'", quoted(text)));
        }
        if last_rank.is_some_and(|r| r >= rank) {
            return Err(format!("{}: units must appear once each, largest first", quoted(text)));
        }
        last_rank = Some(rank);
        let value: i64 = digits
            .parse()
            .ok()
            .filter(|v| *v <= 1_000_000)
            .ok_or_else(|| format!("{}: the number is too large", quoted(text)))?;
        total += value * [86_400, 3600, 60, 1][rank];
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(format!("{}: the number {digits} has no unit (units: {units})", quoted(text)));
    }
    if total == 0 {
        return Err(format!("{}: a duration must be longer than zero", quoted(text)));
    }
    Ok(Seconds(total))
}

impl fmt::Display for Seconds {
    /// Writes the duration in the policy notation, e.g. `1h30m`, `45m`, `2h0m15s`; `0m` for zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.0.unsigned_abs();
        if self.0 < 0 {
            f.write_str("-")?;
        }
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 || (h > 0 && s > 0) || (h == 0 && s == 0) {
            write!(f, "{m}m")?;
        }
        if s > 0 {
            write!(f, "{s}s")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUSINESS: &[char] = &['h', 'm', 's'];

    #[test]
    fn parses_the_policy_notation() {
        assert_eq!(parse_duration("2h", BUSINESS), Ok(Seconds(7200)));
        assert_eq!(parse_duration("90m", BUSINESS), Ok(Seconds(5400)));
        assert_eq!(parse_duration("1h30m", BUSINESS), Ok(Seconds(5400)));
        assert_eq!(parse_duration("120d", &['d']), Ok(Seconds(120 * 86_400)));
    }

    #[test]
    fn rejects_zero_unknown_units_and_bare_numbers() {
        assert!(parse_duration("0h", BUSINESS).unwrap_err().contains("longer than zero"));
        assert!(parse_duration("2x", BUSINESS).unwrap_err().contains("unknown unit 'x'"));
        assert!(parse_duration("3d", BUSINESS).unwrap_err().contains("unknown unit 'd'"));
        assert!(parse_duration("8", BUSINESS).unwrap_err().contains("has no unit"));
        assert!(parse_duration("30m1h", BUSINESS).unwrap_err().contains("largest first"));
        assert!(parse_duration("", BUSINESS).unwrap_err().contains("empty"));
        assert!(parse_duration("h", BUSINESS).unwrap_err().contains("number must come"));
    }

    #[test]
    fn displays_in_the_same_notation() {
        assert_eq!(Seconds(5400).to_string(), "1h30m");
        assert_eq!(Seconds(7200).to_string(), "2h");
        assert_eq!(Seconds(7215).to_string(), "2h0m15s");
        assert_eq!(Seconds(59).to_string(), "59s");
        assert_eq!(Seconds(0).to_string(), "0m");
        assert_eq!(Seconds(-60).to_string(), "-1m");
    }
}
