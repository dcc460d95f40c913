//! Shared by the engine's integration tests (each test binary uses a part of it).
#![allow(dead_code)]

use calculator::{format_time, parse_time, Instant, Policy};

/// The reference policy of the SLA issue.
pub fn colombia() -> Policy {
    Policy::from_yaml(include_str!("../policies/colombia.yaml")).expect("the reference policy loads")
}

/// A policy in another zone with the same hours (for clock changes).
pub fn in_zone(zone: &str) -> Policy {
    let text = include_str!("../policies/colombia.yaml").replace("America/Bogota", zone);
    Policy::from_yaml(&text).expect("the zone exists")
}

/// Parses a timestamp in the policy's zone, panicking on bad test data.
pub fn at(policy: &Policy, text: &str) -> Instant {
    parse_time(text, &policy.zone).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Formats an instant in the policy's zone.
pub fn show(policy: &Policy, t: Instant) -> String {
    format_time(t, &policy.zone)
}
