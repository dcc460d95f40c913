//! `ayuda check`: every check of a build, writing nothing; the problems on standard output.

use super::build::SiteArgs;
use anyhow::Result;
use clap::{Args, ValueEnum};
use diagnostics::{Diagnostic, Diagnostics};
use std::io::{ErrorKind, Write};
use std::process::ExitCode;

/// What to check and how to report it.
#[derive(Args)]
#[command(after_help = "\
Output:
  standard output  every problem, errors and warnings, one per line, sorted by file and place
  standard error   a summary: `2 errors, 1 warning`, or `no problems`

Exit status: 1 if there is an error (an unreadable ayuda.yaml included), else 0 (warnings alone: 0).")]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How `ayuda check` prints each problem.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Lines like `file:line:column: message` (`file:line:column: warning: message`), as a
    /// build prints them.
    Text,
    /// JSON Lines: one object per problem, with exactly the keys file, line, column (null when
    /// unknown), severity ("error" or "warning"), message, and help when there is one.
    Json,
}

/// Runs `ayuda check`.
pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let source = build::FsSource::new(&args.site.root);
    let problems = build::check(&source, args.site.settings()?).sorted();
    print(&problems, args.format)?;
    eprintln!("{}", summary(&problems));
    Ok(if problems.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Writes every problem on standard output, one per line. A reader that stops reading (a
/// closed pipe) stops the listing, not the check.
fn print(problems: &Diagnostics, format: Format) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written =
        problems.iter().try_for_each(|problem| line(&mut out, problem, format)).and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// One problem as one line.
fn line(out: &mut impl Write, problem: &Diagnostic, format: Format) -> std::io::Result<()> {
    match format {
        Format::Text => writeln!(out, "{problem}"),
        Format::Json => {
            serde_json::to_writer(&mut *out, problem)?;
            writeln!(out)
        }
    }
}

/// `2 errors, 1 warning`, or `no problems`.
fn summary(problems: &Diagnostics) -> String {
    let errors = problems.error_count();
    let warnings = problems.iter().count() - errors;
    let count = |n: usize, what: &str| match n {
        0 => None,
        1 => Some(format!("1 {what}")),
        n => Some(format!("{n} {what}s")),
    };
    let parts: Vec<String> =
        [count(errors, "error"), count(warnings, "warning")].into_iter().flatten().collect();
    if parts.is_empty() {
        "no problems".to_owned()
    } else {
        parts.join(", ")
    }
}
