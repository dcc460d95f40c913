//! `ayuda sla` end to end: the binary, the repo's policy file and the examples.

use assert_cmd::Command;
use std::path::PathBuf;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

fn reference_policy() -> String {
    repo_root().join("calculator/tests/policies/colombia.yaml").display().to_string()
}

fn ayuda() -> Command {
    let mut cmd = Command::cargo_bin("ayuda").unwrap();
    cmd.current_dir(repo_root());
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn due_prints_every_part_of_the_report() {
    let text = stdout_of(ayuda().args([
        "sla",
        "due",
        "--created",
        "2025-02-21T16:10:00-05:00",
        "--priority",
        "alta",
        "--request-type",
        "facturacion",
        "--now",
        "2025-02-24T09:00:00",
        "--workaround",
        "2025-02-24T10:00:00-05:00",
    ]));
    assert!(
        text.contains("Clock start:    2025-02-21T16:10:00-05:00  (created during business hours)"),
        "{text}"
    );
    assert!(text.contains("Response due:   2025-02-24T08:40:00-05:00"), "{text}");
    assert!(text.contains("Resolution due: 2025-02-24T15:40:00-05:00"), "{text}");
    assert!(text.contains("Analista de facturación <facturacion@example.com>"), "{text}");
    assert!(text.contains("Response:       overdue by 20m of business time"), "{text}");
    assert!(text.contains("Resolution:     5h40m of business time left"), "{text}");
    assert!(text.contains("Definitive fix: 2025-06-24T10:00:00-05:00"), "{text}");
}

/// `ayuda sla due --format json` for an "alta" ticket created at `created`.
fn due_json(created: &str) -> serde_json::Value {
    let json = stdout_of(ayuda().args([
        "sla",
        "due",
        "--policy",
        &reference_policy(),
        "--created",
        created,
        "--priority",
        "alta",
        "--format",
        "json",
    ]));
    serde_json::from_str(&json).unwrap()
}

/// What `ayuda sla due` with the reference policy and `args` says on failing.
fn due_error(args: &[&str]) -> String {
    let output = ayuda().args(["sla", "due", "--policy", &reference_policy()]).args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8_lossy(&output.stderr).trim_end().to_owned()
}

#[test]
fn due_as_json_has_the_documented_keys() {
    let value = due_json("2025-04-16T16:00:00-05:00");
    assert_eq!(value["clock_start"], "2025-04-16T16:00:00-05:00");
    assert_eq!(value["response_due"], "2025-04-21T08:30:00-05:00");
    assert_eq!(value["resolution_due"], "2025-04-21T15:30:00-05:00");
    assert!(value.get("status").is_none() && value.get("escalation").is_none());
}

#[test]
fn a_batch_answers_every_line_in_order_and_fails_if_one_did() {
    let input = concat!(
        "{\"created\":\"2025-02-21T16:00:00-05:00\",\"priority\":\"alta\"}\n",
        "{\"created\":\"2025-02-21T16:00:00-05:00\",\"priority\":\"urgente\"}\n",
        "not json\n",
        "{\"created\":\"9999-01-01T00:00:00Z\",\"priority\":\"alta\"}\n",
        "{\"created\":\"2025-06-20T09:00:00-05:00\",\"priority\":\"baja\",\"workaround\":\"2025-06-25T10:00:00-05:00\"}\n",
        "{\"created\":\"2025-06-20T09:00:00-05:00\",\"priority\":\"baja\",\"workaround\":\"2025-02-18T10:00:00-05:00\"}\n",
    );
    let lines = batch_lines(input.as_bytes());
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["response_due"], "2025-02-24T08:30:00-05:00");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["error"], "unknown priority \"urgente\"; valid priorities: alta, normal, baja");
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[3]["error"].as_str().unwrap().contains("the year 9999 is outside"));
    assert_eq!(lines[4]["resolution_due"], "2025-07-07T12:30:00-05:00");
    assert_eq!(lines[4]["definitive_fix_due"], "2025-10-23T10:00:00-05:00");
    assert_eq!(
        lines[5],
        serde_json::json!({"line": 6, "error": "the workaround (2025-02-18T10:00:00-05:00) is dated before \
            the ticket was created (2025-06-20T09:00:00-05:00)"})
    );
}

/// Runs `ayuda sla due --batch -` on `input` (expecting a failed line) and reads its JSON lines.
fn batch_lines(input: &[u8]) -> Vec<serde_json::Value> {
    let output = ayuda()
        .args(["sla", "due", "--policy", &reference_policy(), "--batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_batch_line_that_is_not_utf8_is_an_error_and_the_batch_goes_on() {
    let mut input = b"{\"created\":\"2025-02-21T16:00:00-05:00\",\"priority\":\"alta\"}\n".to_vec();
    input.extend_from_slice(b"{\"created\":\"2025-02-21T16:00:00\xff\xfe\",\"priority\":\"alta\"}\r\n");
    input.extend_from_slice(b"{\"created\":\"2025-02-21T16:00:00-05:00\",\"priority\":\"baja\"}");
    let lines = batch_lines(&input);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["response_due"], "2025-02-24T08:30:00-05:00");
    assert_eq!(
        lines[1],
        serde_json::json!({"line": 2, "error": "the line is not valid UTF-8 (invalid byte at column 32)"})
    );
    assert_eq!(lines[2]["priority"], "baja", "the line after the bad one is answered");
}

#[test]
fn a_huge_bad_value_is_echoed_cut_to_80_characters() {
    // The case: a 50 MB value; then other fields and a key, 5 MB each (the test stays
    // under 2 s in a debug build).
    let huge = "9".repeat(50_000_000);
    let large = &huge[..5_000_000];
    let input = format!(
        "{{\"created\":\"{huge}\",\"priority\":\"alta\"}}\n{{\"created\":\"2025-02-21T16:00:00-05:00\",\"priority\":\"{large}\"}}\n{{\"{large}\":1}}\n"
    );
    let lines = batch_lines(input.as_bytes());
    let nines = "9".repeat(80);
    assert_eq!(
        lines[0]["error"],
        format!(
            "\"{nines}…\": write it as RFC 3339, e.g. 2025-02-21T16:10:00-05:00 (or without the offset for \
             the support time zone)"
        )
    );
    assert_eq!(
        lines[1]["error"],
        format!("unknown priority \"{nines}…\"; valid priorities: alta, normal, baja")
    );
}

#[test]
fn created_is_trimmed_of_white_space_in_the_answer_and_the_echo() {
    assert_eq!(due_json("2025-04-16T16:00:00-05:00\n")["created"], "2025-04-16T16:00:00-05:00");
    assert_eq!(
        due_error(&["--created", "yesterday\n", "--priority", "alta"]),
        "Error: --created: \"yesterday\": write it as RFC 3339, e.g. 2025-02-21T16:10:00-05:00 (or without \
         the offset for the support time zone)"
    );
}

#[test]
fn a_workaround_before_the_creation_is_refused() {
    let args = [
        "--created",
        "2025-06-20T09:00:00-05:00",
        "--priority",
        "baja",
        "--workaround",
        "2025-02-18T10:00:00-05:00",
    ];
    assert_eq!(
        due_error(&args),
        "Error: the workaround (2025-02-18T10:00:00-05:00) is dated before the ticket was created \
         (2025-06-20T09:00:00-05:00)"
    );
}

#[test]
fn holidays_list_one_per_line() {
    let json =
        stdout_of(ayuda().args(["sla", "holidays", "--from", "2026", "--to", "2026", "--format", "json"]));
    assert!(json.lines().any(|l| l.starts_with("{\"date\":\"2026-07-13\",\"name\":")), "{json}");
    assert_eq!(json.lines().count(), 19);
    let text = stdout_of(ayuda().args(["sla", "holidays", "--from", "2025", "--to", "2025", "--lang", "en"]));
    assert!(text.contains("2025-04-18  Good Friday"));
    assert!(text.contains("2025-12-24  Year-end closure"), "the demo policy's own closure");
}

#[test]
fn check_summarises_a_valid_policy() {
    let text = stdout_of(ayuda().args(["sla", "check"]));
    assert!(text.starts_with("sla.yaml: valid\n"));
    assert!(text.contains("42h30m a week"));
    assert!(text.contains("Priority alta:          Alta: response 2h, resolution 8h"), "{text}");
}

#[test]
fn a_bad_policy_names_file_line_column_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("sla.yaml");
    let text = std::fs::read_to_string(repo_root().join("sla.yaml"))
        .unwrap()
        .replace("response: 4h", "response: 4x");
    std::fs::write(&bad, text).unwrap();
    let output = ayuda().args(["sla", "check", "--policy", bad.to_str().unwrap()]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("sla.yaml:33:15: priorities[1].response: \"4x\": unknown unit 'x' (units: h, m, s)"),
        "{stderr}"
    );
}

#[test]
fn bad_times_and_ids_are_errors_not_panics() {
    for (args, expected) in [
        (
            vec!["--created", "2025-02-30T10:00", "--priority", "alta"],
            "--created: \"2025-02-30T10:00\": 2025-02-30 is not a date",
        ),
        (vec!["--created", "2025-02-20T10:00", "--priority", "x"], "unknown priority \"x\""),
        (
            vec!["--created", "2025-02-20T10:00", "--priority", "alta", "--request-type", "y"],
            "valid request types: funcional",
        ),
    ] {
        let output = ayuda().args(["sla", "due"]).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(expected), "{stderr}");
    }
}
