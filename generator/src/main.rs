//! The `ayuda` command line: parses arguments, calls the libraries, prints what they return.
//! One file per command under `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// A build allocates and frees many small strings on every thread; mimalloc does that about
/// a fifth faster than the system allocator (bench/README.md). Built without transparent huge
/// pages, which would add ~50 MB of peak memory for no measured gain.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Gives the memory that every thread freed back to the system now. mimalloc purges freed
/// memory only when the thread that freed it allocates again, and the rendering threads sleep
/// after a build: a live preview of 10,000 pages would keep ~40 MB it no longer uses.
pub fn return_freed_memory() {
    // SAFETY: mi_collect only tidies the calling thread's heap; it is safe on any thread.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

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
    Build(cmd::build::BuildArgs),
    /// Runs every check of a build and writes nothing.
    Check(cmd::check::CheckArgs),
    /// Writes a new help center into a new or empty folder.
    Init(cmd::init::InitArgs),
    /// Writes a new article, section or page of questions.
    New(cmd::new::NewArgs),
    /// Searches a built site as its pages do.
    Search(cmd::search::SearchArgs),
    /// Serves the site (on 127.0.0.1 unless --bind says otherwise), rendering again what each edit affects; pages reload by themselves.
    Serve(cmd::serve::ServeArgs),
    /// Service-level deadlines, holidays and policy checks.
    #[command(subcommand)]
    Sla(cmd::sla::SlaCommand),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build(args) => cmd::build::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Init(args) => cmd::init::run(&args),
        Command::New(args) => cmd::new::run(&args),
        Command::Search(args) => cmd::search::run(&args),
        Command::Serve(args) => cmd::serve::run(&args),
        Command::Sla(command) => cmd::sla::run(command),
    };
    match result {
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
