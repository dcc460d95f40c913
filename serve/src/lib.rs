//! The writers' live preview behind `ayuda serve`: builds a site in memory, watches its
//! files, renders again only what an edit affects (with the build's incremental engine), and
//! serves the last good build over HTTP, telling open pages to reload, to swap a stylesheet,
//! or to show the build's errors. It reports what it does as [`Event`]s and prints nothing.

mod http;
mod live_reload;
mod rebuild;
mod served;
mod watch;

pub use rebuild::Rebuilt;

use build::Settings;
use diagnostics::{Diagnostic, Diagnostics};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// What to preview and how to watch it.
#[derive(Clone, Debug)]
pub struct Options {
    /// The site folder (with `ayuda.yaml`).
    pub root: PathBuf,
    /// How to build it.
    pub settings: Settings,
    /// Watch by polling the files' modification times every this often, instead of the
    /// operating system's change events (which Docker bind mounts, WSL's /mnt drives and
    /// network drives do not deliver).
    pub poll: Option<Duration>,
}

/// What the preview did, for the command line to print.
#[derive(Debug)]
pub enum Event {
    /// The first build is done.
    Built {
        /// Pages rendered.
        pages: usize,
        /// How long it took.
        took: Duration,
        /// Every problem found; with errors, pages show them until they are fixed.
        diagnostics: Diagnostics,
    },
    /// Files changed and the site was rendered again.
    Rebuilt(Rebuilt),
    /// Files changed and the site has errors: the last good build stays served, and open
    /// pages show the errors.
    Failed {
        /// The files that changed, from the site root.
        changed: Vec<String>,
        /// Every problem found.
        diagnostics: Diagnostics,
    },
    /// The watcher reported an error (events may have been missed).
    WatchFailed(String),
}

/// A site built in memory, ready to be served.
pub struct Preview {
    options: Options,
    rebuilder: rebuild::Rebuilder,
    shared: Arc<served::Shared>,
}

impl Preview {
    /// Builds the site in memory. Problems in the site do not stop it (pages show them);
    /// the `Event::Built` it returns says what was found.
    pub fn start(options: Options) -> (Preview, Event) {
        let shared = Arc::new(served::Shared::default());
        let (rebuilder, event) = rebuild::Rebuilder::start(&options, &shared);
        (Preview { options, rebuilder, shared }, event)
    }

    /// The path the site is served at (from its base URL), like `/docs`, or empty.
    pub fn base_path(&self) -> String {
        self.shared.base_path()
    }

    /// Serves the site on `listener` and rebuilds it as its files change, until the process
    /// stops. Each rebuild is reported to `report`.
    pub fn serve(
        self,
        listener: std::net::TcpListener,
        report: impl Fn(Event) + Send + 'static,
    ) -> Result<(), Diagnostic> {
        let Preview { options, rebuilder, shared } = self;
        let changes = watch::Changes::start(&options, &rebuilder.watched_folders())?;
        let rebuild_shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("ayuda-rebuild".to_owned())
            .spawn(move || rebuild::run(rebuilder, changes, &rebuild_shared, report))
            .map_err(|e| Diagnostic::file(&options.root, format!("cannot start the rebuild thread: {e}")))?;
        http::serve(listener, shared)
            .map_err(|e| Diagnostic::file(&options.root, format!("the server stopped: {e}")))
    }
}
