//! `ayuda sla`: deadlines, holidays and policy checks from the command line.

mod batch;
mod report;

use anyhow::{bail, Context, Result};
use batch::run_batch;
use calculator::{parse_time, Policy, TicketQuery};
use clap::{Args, Subcommand, ValueEnum};
use diagnostics::utf8_text as diagnostics_text;
use model::policy::policy_from_text;
use report::{check_summary, holiday_lines, ticket_text};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The `ayuda sla` commands.
#[derive(Subcommand)]
pub enum SlaCommand {
    /// When a ticket's response and resolution are due.
    Due(DueArgs),
    /// The holidays of a range of years.
    Holidays(HolidaysArgs),
    /// Validates a policy and summarises it.
    Check(PolicyArg),
}

/// The policy file and the language of names.
#[derive(Args)]
pub struct PolicyArg {
    /// The policy file.
    #[arg(long, default_value = "sla.yaml")]
    policy: PathBuf,
    /// Language of names in the output.
    #[arg(long, default_value = "es")]
    lang: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// A ticket, or a batch of them.
#[derive(Args)]
pub struct DueArgs {
    #[command(flatten)]
    policy: PolicyArg,
    /// When the ticket was created (RFC 3339; without an offset: the policy's time zone).
    #[arg(long, required_unless_present = "batch")]
    created: Option<String>,
    /// The ticket's priority id.
    #[arg(long, required_unless_present = "batch")]
    priority: Option<String>,
    /// The request type id, for the escalation contact.
    #[arg(long)]
    request_type: Option<String>,
    /// The present time, for the time left or overdue.
    #[arg(long)]
    now: Option<String>,
    /// When a temporary workaround was applied, for the definitive-fix date.
    #[arg(long)]
    workaround: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// A file of JSON lines (`-` for standard input); one JSON line out per line in.
    #[arg(long, conflicts_with_all = ["created", "priority", "request_type", "now", "workaround"])]
    batch: Option<PathBuf>,
}

/// A range of years.
#[derive(Args)]
pub struct HolidaysArgs {
    #[command(flatten)]
    policy: PolicyArg,
    /// First year.
    #[arg(long)]
    from: i32,
    /// Last year.
    #[arg(long)]
    to: i32,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Runs an `ayuda sla` command.
pub fn run(command: SlaCommand) -> Result<ExitCode> {
    match command {
        SlaCommand::Due(args) => due(args),
        SlaCommand::Holidays(args) => {
            check_years(args.from, args.to)?;
            let policy = load_policy(&args.policy.policy)?;
            let json = matches!(args.format, Format::Json);
            let mut out = std::io::stdout().lock();
            for line in holiday_lines(&policy, args.from, args.to, &args.policy.lang, json) {
                writeln!(out, "{line}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        SlaCommand::Check(args) => {
            let policy = load_policy(&args.policy)?;
            println!("{}: valid", args.policy.display());
            print!("{}", check_summary(&policy, &args.lang, chrono::Local::now().date_naive()));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads a policy for the `ayuda sla` commands; errors read `FILE:LINE:COLUMN: field: what is wrong`.
fn load_policy(path: &Path) -> Result<Policy> {
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read the SLA policy {}", path.display()))?;
    let policy = diagnostics_text(bytes, path).and_then(|text| policy_from_text(&text, path));
    policy.map_err(|d| anyhow::anyhow!("{d}"))
}

/// Checks a year range for `ayuda sla holidays`.
fn check_years(from: i32, to: i32) -> Result<()> {
    let (first, last) = (calculator::civil::FIRST_YEAR, calculator::civil::LAST_YEAR);
    if !(first..=last).contains(&from) || !(first..=last).contains(&to) {
        bail!("years must be between {first} and {last}");
    }
    if from > to {
        bail!("--from {from} is after --to {to}");
    }
    Ok(())
}
fn due(args: DueArgs) -> Result<ExitCode> {
    let policy = load_policy(&args.policy.policy)?;
    if let Some(batch) = args.batch {
        let stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let failures = if batch.as_os_str() == "-" {
            run_batch(&policy, std::io::stdin().lock(), stdout)?
        } else {
            let file =
                std::fs::File::open(&batch).with_context(|| format!("cannot read {}", batch.display()))?;
            run_batch(&policy, BufReader::new(file), stdout)?
        };
        if failures > 0 {
            eprintln!("{failures} line(s) failed");
            return Ok(ExitCode::FAILURE);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let created_text = args.created.expect("clap requires --created without --batch");
    let time = |label: &str, text: &str| {
        parse_time(text, &policy.zone).map_err(|e| anyhow::anyhow!("--{label}: {e}"))
    };
    let query = TicketQuery {
        created: time("created", &created_text)?,
        priority: args.priority.as_deref().expect("clap requires --priority without --batch"),
        request_type: args.request_type.as_deref(),
        now: args.now.as_deref().map(|t| time("now", t)).transpose()?,
        workaround: args.workaround.as_deref().map(|t| time("workaround", t)).transpose()?,
    };
    let report = policy.evaluate(&query)?;
    match args.format {
        Format::Text => print!("{}", ticket_text(&policy, &report, &args.policy.lang)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&report.record(&policy, &created_text))?),
    }
    Ok(ExitCode::SUCCESS)
}
