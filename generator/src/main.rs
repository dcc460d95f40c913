//! The `ayuda` command line.

use anyhow::{Context, Result};
use ayuda::sla;
use calculator::{parse_time, TicketQuery};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// A build allocates and frees many small strings on every thread; mimalloc does that about
/// a fifth faster than the system allocator (bench/README.md). Built without transparent huge
/// pages, which would add ~50 MB of peak memory for no measured gain.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// ayuda: a static help center with a service-level calculator.
#[derive(Parser)]
#[command(name = "ayuda", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Builds the site into a folder, replacing it only if the whole build succeeds.
    Build(BuildArgs),
    /// Builds the site, then serves it on 127.0.0.1.
    Serve(ServeArgs),
    /// Service-level deadlines, holidays and policy checks.
    #[command(subcommand)]
    Sla(SlaCommand),
}

#[derive(Args)]
struct BuildArgs {
    /// The site folder (with ayuda.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Publish under another base URL.
    #[arg(long)]
    base_url: Option<String>,
    /// Build drafts too.
    #[arg(long)]
    drafts: bool,
    /// Print nothing on success.
    #[arg(long)]
    quiet: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
}

#[derive(Subcommand)]
enum SlaCommand {
    /// When a ticket's response and resolution are due.
    Due(DueArgs),
    /// The holidays of a range of years.
    Holidays(HolidaysArgs),
    /// Validates a policy and summarises it.
    Check(PolicyArg),
}

#[derive(Args)]
struct PolicyArg {
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

#[derive(Args)]
struct DueArgs {
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

#[derive(Args)]
struct HolidaysArgs {
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

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("Error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("Reason: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => {
            build(&args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let (out, report) = build(&args.build)?;
            let listener = std::net::TcpListener::bind(("127.0.0.1", args.port))
                .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
            let base = &report.base_path;
            println!("Serving {} at http://{}{base}/ (Ctrl-C stops)", out.display(), listener.local_addr()?);
            std::io::stdout().flush()?;
            ayuda::serve::serve(&out, base, listener);
            Ok(ExitCode::SUCCESS)
        }
        Command::Sla(SlaCommand::Due(args)) => due(args),
        Command::Sla(SlaCommand::Holidays(args)) => {
            sla::check_years(args.from, args.to)?;
            let policy = sla::load_policy(&args.policy.policy)?;
            let json = matches!(args.format, Format::Json);
            let mut out = std::io::stdout().lock();
            for line in sla::holiday_lines(&policy, args.from, args.to, &args.policy.lang, json) {
                writeln!(out, "{line}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sla(SlaCommand::Check(args)) => {
            let policy = sla::load_policy(&args.policy)?;
            println!("{}: valid", args.policy.display());
            print!("{}", sla::check_summary(&policy, &args.lang, chrono::Local::now().date_naive()));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Builds the site; returns the output folder and what was built.
fn build(args: &BuildArgs) -> Result<(PathBuf, ayuda::build::BuildReport)> {
    let out = args.out.clone().unwrap_or_else(|| args.root.join("public"));
    let started = std::time::Instant::now();
    let options = ayuda::build::BuildOptions {
        root: args.root.clone(),
        out: out.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        progress: !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        today: ayuda::build::build_date()?,
    };
    let report = ayuda::build::build(&options)?;
    if !args.quiet {
        println!(
            "Built {} pages ({} files) into {} in {} ms",
            report.pages,
            report.files,
            out.display(),
            started.elapsed().as_millis()
        );
    }
    Ok((out, report))
}

fn due(args: DueArgs) -> Result<ExitCode> {
    let policy = sla::load_policy(&args.policy.policy)?;
    if let Some(batch) = args.batch {
        let stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let failures = if batch.as_os_str() == "-" {
            sla::run_batch(&policy, std::io::stdin().lock(), stdout)?
        } else {
            let file =
                std::fs::File::open(&batch).with_context(|| format!("cannot read {}", batch.display()))?;
            sla::run_batch(&policy, BufReader::new(file), stdout)?
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
        Format::Text => print!("{}", sla::ticket_text(&policy, &report, &args.policy.lang)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&report.record(&policy, &created_text))?),
    }
    Ok(ExitCode::SUCCESS)
}
