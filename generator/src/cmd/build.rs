//! `ayuda build`: the site into a folder, atomically.

use anyhow::{anyhow, Result};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Builds with at least this many pages show progress on a terminal.
const PROGRESS_MIN_PAGES: usize = 500;

/// Where the site is and how to read it: shared by every command that builds or checks one.
#[derive(Args)]
pub struct SiteArgs {
    /// The site folder (with ayuda.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Publish under another base URL.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include drafts (pages with `draft: true`).
    #[arg(long)]
    pub drafts: bool,
}

/// Where the site is, where it goes, and how to build it.
#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site: a new or empty folder, or an earlier output, outside what the
    /// site reads [default: ROOT/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print nothing on success.
    #[arg(long)]
    pub quiet: bool,
}

impl SiteArgs {
    /// What to build besides the files.
    pub fn settings(&self) -> Result<build::Settings> {
        Ok(build::Settings {
            load: build::LoadOptions { base_url: self.base_url.clone(), drafts: self.drafts },
            today: build_date()?,
        })
    }
}

/// The day a build is for: from `SOURCE_DATE_EPOCH` (seconds since 1970, the convention of
/// reproducible builds) when it is set, else today's local date.
pub fn build_date() -> Result<chrono::NaiveDate> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(seconds) => seconds
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|time| time.date_naive())
            .ok_or_else(|| anyhow!("SOURCE_DATE_EPOCH: \"{seconds}\" is not a number of seconds")),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}

/// Runs `ayuda build`.
pub fn run(args: &BuildArgs) -> Result<ExitCode> {
    build(args)?;
    Ok(ExitCode::SUCCESS)
}

/// Builds the site; returns the output folder and what was built. Warnings go to standard
/// error; errors are the error.
pub fn build(args: &BuildArgs) -> Result<(PathBuf, build::BuildReport)> {
    let site = &args.site;
    let out = args.out.clone().unwrap_or_else(|| site.root.join("public"));
    let started = std::time::Instant::now();
    let options =
        build::BuildOptions { root: site.root.clone(), out: out.clone(), settings: site.settings()? };
    let show_progress = !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = |done: usize, total: usize| {
        if total >= PROGRESS_MIN_PAGES && (done.is_multiple_of(250) || done == total) {
            eprint!("\rRendering pages: {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    };
    let had_output = out.exists();
    let report = build::build(&options, show_progress.then_some(&progress as _)).map_err(|problems| {
        let count = problems.error_count();
        let kept = if had_output { "; the previous output was left untouched" } else { "" };
        anyhow!("{problems}\nthe build failed with {count} error(s){kept}")
    })?;
    for warning in report.warnings.iter() {
        eprintln!("{warning}");
    }
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
