//! `ayuda build`: the site into a folder, atomically.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the site is and how to build it.
#[derive(Args)]
pub struct BuildArgs {
    /// The site folder (with ayuda.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Publish under another base URL.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Build drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// Print nothing on success.
    #[arg(long)]
    pub quiet: bool,
}

/// Runs `ayuda build`.
pub fn run(args: &BuildArgs) -> Result<ExitCode> {
    build(args)?;
    Ok(ExitCode::SUCCESS)
}

/// Builds the site; returns the output folder and what was built.
pub fn build(args: &BuildArgs) -> Result<(PathBuf, build::BuildReport)> {
    let out = args.out.clone().unwrap_or_else(|| args.root.join("public"));
    let started = std::time::Instant::now();
    let options = build::BuildOptions {
        root: args.root.clone(),
        out: out.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        progress: !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        today: build::build_date()?,
    };
    let report = build::build(&options)?;
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
