//! `ayuda serve`: builds the site, then serves the output on 127.0.0.1.

use super::build::BuildArgs;
use anyhow::{Context, Result};
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

/// What to build and where to listen.
#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
}

/// Runs `ayuda serve` until the process is stopped.
pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    let (out, report) = super::build::build(&args.build)?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", args.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let base = &report.base_path;
    println!("Serving {} at http://{}{base}/ (Ctrl-C stops)", out.display(), listener.local_addr()?);
    std::io::stdout().flush()?;
    crate::server::serve(&out, base, listener);
    Ok(ExitCode::SUCCESS)
}
