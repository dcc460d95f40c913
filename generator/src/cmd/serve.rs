//! `ayuda serve`: the live preview. Builds the site in memory, serves it, and renders again
//! what each edit affects; open pages reload by themselves.

use super::build::SiteArgs;
use anyhow::{bail, Result};
use clap::Args;
use serve::{Event, Options, Preview, Rebuilt};
use std::io::Write;
use std::net::IpAddr;
use std::process::ExitCode;
use std::time::Duration;

/// What to preview and where to listen.
#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; another machine can reach the preview only if this is not
    /// a loopback address.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Watch by polling modification times (for Docker bind mounts, WSL /mnt drives and
    /// network drives, which do not deliver change events).
    #[arg(long)]
    poll: bool,
    /// How often --poll looks, in milliseconds.
    #[arg(long, default_value_t = 300, requires = "poll")]
    poll_interval: u64,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

/// Runs `ayuda serve` until the process is stopped.
pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    // A folder that holds no site is refused before anything is served, as a build refuses it.
    if !args.site.root.join(model::site::CONFIG_FILE).is_file() {
        let problem = model::site::no_site();
        bail!("{}: {problem}", args.site.root.display());
    }
    let listener = std::net::TcpListener::bind((args.bind, args.port)).map_err(|e| {
        let advice = if e.kind() == std::io::ErrorKind::AddrInUse {
            " (another program uses it: choose another port with --port, or --port 0 for any free one)"
        } else {
            ""
        };
        anyhow::anyhow!("cannot listen on {}:{}: {e}{advice}", args.bind, args.port)
    })?;
    let options = Options {
        root: args.site.root.clone(),
        settings: args.site.settings()?,
        poll: args.poll.then(|| Duration::from_millis(args.poll_interval.max(10))),
    };
    let (preview, built) = Preview::start(options);
    crate::return_freed_memory();
    let url = format!("http://{}{}/", listener.local_addr()?, preview.base_path());
    println!("Serving on {url}");
    report(built);
    std::io::stdout().flush()?;
    if args.open {
        open_in_browser(&url);
    }
    preview.serve(listener, report).map_err(|problem| anyhow::anyhow!("{problem}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints what the preview did: one line per rebuild, then its problems.
fn report(event: Event) {
    match event {
        Event::Built { pages, took, diagnostics } => {
            println!("Built {pages} pages in {} ms", took.as_millis());
            print_problems(&diagnostics);
        }
        Event::Rebuilt(rebuilt) => {
            println!("{}", rebuilt_line(&rebuilt));
            crate::return_freed_memory();
        }
        Event::Failed { changed, diagnostics } => {
            println!(
                "{}: {} error(s); still serving the last good build",
                changed.join(", "),
                diagnostics.error_count()
            );
            print_problems(&diagnostics);
        }
        Event::WatchFailed(problem) => println!("Watching failed: {problem}"),
    }
    let _ = std::io::stdout().flush();
}

fn print_problems(diagnostics: &diagnostics::Diagnostics) {
    for problem in diagnostics.iter() {
        println!("  {problem}");
    }
}

/// `content/guia.md: 1 page(s), 3 file(s), 0 removed in 24 ms (reloaded; search index 9 ms)`.
fn rebuilt_line(rebuilt: &Rebuilt) -> String {
    let what = if rebuilt.full { "everything".to_owned() } else { rebuilt.changed.join(", ") };
    let told = match (rebuilt.served_changed, rebuilt.stylesheets_only) {
        (0, _) => "no change",
        (_, true) => "stylesheets swapped",
        _ => "reloaded",
    };
    let warnings = match rebuilt.warnings {
        0 => String::new(),
        n => format!(", {n} warning(s)"),
    };
    format!(
        "{what}: {} page(s), {} file(s), {} removed in {} ms ({told}{warnings}; search index {} ms)",
        rebuilt.pages,
        rebuilt.files,
        rebuilt.removed,
        rebuilt.took.as_millis(),
        rebuilt.search_index_took.as_millis()
    )
}

/// Opens `url` with the desktop's opener; a failure only means the reader opens it.
fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        println!("Could not open a browser: open {url}");
    }
}
