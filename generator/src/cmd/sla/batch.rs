//! `ayuda sla due --batch`: JSON lines in, one JSON line out per input line.

use calculator::{Policy, TicketInput};
use serde::Serialize;
use std::io::{BufRead, Write};

/// The answer to a line that could not be computed.
#[derive(Serialize)]
struct LineError {
    line: usize,
    error: String,
}

/// Answers each input line in order; a bad line gets `{"line": N, "error": "…"}` and the batch
/// goes on. Returns how many lines failed.
pub fn run_batch(policy: &Policy, input: impl BufRead, mut output: impl Write) -> std::io::Result<usize> {
    let mut failures = 0;
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        let answer = answer_line(policy, &line).unwrap_or_else(|error| {
            failures += 1;
            serde_json::to_string(&LineError { line: index + 1, error }).expect("errors serialize")
        });
        writeln!(output, "{answer}")?;
    }
    output.flush()?;
    Ok(failures)
}

fn answer_line(policy: &Policy, line: &str) -> Result<String, String> {
    if line.trim().is_empty() {
        return Err("empty line; expected a JSON object".to_owned());
    }
    let input: TicketInput = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let report = input.answer(policy).map_err(|e| e.message)?;
    Ok(serde_json::to_string(&report.record(policy, &input.created)).expect("records serialize"))
}
