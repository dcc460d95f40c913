//! The SLA policy file, read into the one policy type of the SLA engine.

use crate::source::{read_text, Source};
use calculator::Policy;
use diagnostics::Diagnostic;
use std::path::Path;

/// Reads and validates the policy file at `path` (from the site root); a problem is reported
/// with its line, column and field.
pub fn read_policy(source: &dyn Source, path: &str) -> Result<Policy, Diagnostic> {
    let text = read_text(source, path, "the SLA policy")?;
    policy_from_text(&text, Path::new(path))
}

/// Validates a policy's text; a problem is reported against `shown_as` (the name the user
/// knows the file by), placed and said as in every YAML file of the site.
pub fn policy_from_text(text: &str, shown_as: &Path) -> Result<Policy, Diagnostic> {
    Policy::from_yaml(text).map_err(|e| match repeated_id(text, &e.message).or(e.line.zip(e.column)) {
        Some((line, column)) => Diagnostic::at(shown_as, line, column, e.message),
        None => Diagnostic::file(shown_as, e.message),
    })
}

/// For a list of the policy with two entries of the same id (`priorities: entries 0 and 1
/// have the same id "alta"`, placed at the list): where the second entry's id is written.
fn repeated_id(text: &str, message: &str) -> Option<(usize, usize)> {
    let (list, entries) = message.split_once(": entries ")?;
    let (repeat, _) = entries.split_once(" and ")?.1.split_once(" have the same id ")?;
    diagnostics::yaml_entry_value_position(text, 1, list, repeat.parse().ok()?, "id")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo site's policy, with `from` replaced by `to`.
    fn demo_policy_with(from: &str, to: &str) -> String {
        let policy = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../sla.yaml")).unwrap();
        assert!(policy.contains(from), "{from}");
        policy.replacen(from, to, 1)
    }

    #[test]
    fn a_repeated_id_is_reported_at_the_repeat() {
        let twice = demo_policy_with("  - id: normal\n", "  - id: alta\n");
        let error = policy_from_text(&twice, Path::new("sla.yaml")).unwrap_err();
        assert_eq!(error.to_string(), "sla.yaml:28:9: priorities: entries 0 and 1 have the same id \"alta\"");
        let first =
            "request_types:\n  - { id: funcional, name: X, contact: { role: X, email: x@example.com } }\n";
        let twice = demo_policy_with("request_types:\n", first);
        let error = policy_from_text(&twice, Path::new("sla.yaml")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "sla.yaml:49:9: request_types: entries 0 and 1 have the same id \"funcional\""
        );
    }

    #[test]
    fn a_colon_inside_a_value_says_the_value_goes_in_quotes() {
        let colon = demo_policy_with("timezone: America/Bogota", "timezone: Hora: America/Bogota");
        let error = policy_from_text(&colon, Path::new("sla.yaml")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "sla.yaml:3:15: a `: ` inside a value reads as a key (YAML: mapping values are not allowed in this context); \
             a text with `: ` goes in quotes: `timezone: \"Hora: America/Bogota\"`"
        );
    }

    #[test]
    fn a_bracket_left_open_is_a_syntax_error_where_it_opens() {
        let open = demo_policy_with("timezone: America/Bogota", "timezone: [America/Bogota");
        let error = policy_from_text(&open, Path::new("sla.yaml")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "sla.yaml:3:11: a `[` is not closed, or a `,` is missing inside it: YAML expected `,` or `]` at line 6 column 1; \
             a text that starts with `[` goes in quotes"
        );
    }
}
