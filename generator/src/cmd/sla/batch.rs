//! `ayuda sla due --batch`: JSON lines in, one JSON line out per input line.

use calculator::{shortened, Policy, TicketInput};
use serde::Serialize;
use std::io::{BufRead, Write};

/// The answer to a line that could not be computed.
#[derive(Serialize)]
struct LineError {
    line: usize,
    error: String,
}

/// Answers each input line in order; a bad line (not UTF-8, not JSON, or without an answer)
/// gets `{"line": N, "error": "…"}` and the batch goes on. Returns how many lines failed.
pub fn run_batch(policy: &Policy, input: impl BufRead, mut output: impl Write) -> std::io::Result<usize> {
    let mut failures = 0;
    for (index, bytes) in input.split(b'\n').enumerate() {
        let bytes = bytes?;
        let answer = utf8_line(&bytes).and_then(|line| answer_line(policy, line)).unwrap_or_else(|error| {
            failures += 1;
            serde_json::to_string(&LineError { line: index + 1, error }).expect("errors serialize")
        });
        writeln!(output, "{answer}")?;
    }
    output.flush()?;
    Ok(failures)
}

/// A line as text, without its `\r\n` or `\n`.
fn utf8_line(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map_err(|e| format!("the line is not valid UTF-8 (invalid byte at column {})", e.valid_up_to() + 1))
}

fn answer_line(policy: &Policy, line: &str) -> Result<String, String> {
    if line.trim().is_empty() {
        return Err("empty line; expected a JSON object".to_owned());
    }
    let input: TicketInput = serde_json::from_str(line).map_err(|e| cut_quoted_names(&e.to_string()))?;
    let report = input.answer(policy).map_err(|e| e.to_string())?;
    Ok(serde_json::to_string(&report.record(policy, &input.created)).expect("records serialize"))
}

/// A JSON error with each `name` it quotes (an unknown field, say) cut like any echoed input.
fn cut_quoted_names(message: &str) -> String {
    let parts = message.split('`').enumerate();
    parts
        .map(|(i, part)| if i % 2 == 1 { shortened(part) } else { part.to_owned() })
        .collect::<Vec<_>>()
        .join("`")
}
