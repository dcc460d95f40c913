//! The rebuild loop: changed files in, the incremental engine renders what they affect into
//! the working files, and a good build is published and announced to open pages.

use crate::served::{Shared, WorkingSink};
use crate::{Event, Options};
use build::{Engine, FsSource, Settings, Update};
use diagnostics::{Diagnostic, Diagnostics};
use std::time::{Duration, Instant};

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// The files that changed, from the site root.
    pub changed: Vec<String>,
    /// Pages rendered again.
    pub pages: usize,
    /// Other files written again (sitemap, feeds, search index, copies...).
    pub files: usize,
    /// Output files removed.
    pub removed: usize,
    /// Whether the whole site was read and rendered again (configuration, templates).
    pub full: bool,
    /// Served files whose bytes changed; none means open pages were not told anything.
    pub served_changed: usize,
    /// Whether open pages only swapped stylesheets instead of reloading.
    pub stylesheets_only: bool,
    /// Warnings of the site as it is now.
    pub warnings: usize,
    /// From the change reaching the engine to open pages being told.
    pub took: Duration,
    /// Then, refreshing the search index files.
    pub search_index_took: Duration,
}

/// The site's engine and working files.
pub struct Rebuilder {
    source: FsSource,
    settings: Settings,
    /// `None` after a problem that stopped a build (an unreadable configuration): the next
    /// rebuild starts from scratch.
    engine: Option<Engine>,
    working: WorkingSink,
    /// Whether a good build has been served: until then, whatever was rendered is.
    served_once: bool,
    /// Whether the next publication replaces every served file (after a fresh start).
    publish_everything: bool,
}

impl Rebuilder {
    /// Builds the site for the first time and serves what it rendered, errors or not.
    pub fn start(options: &Options, shared: &Shared) -> (Rebuilder, Event) {
        let mut rebuilder = Rebuilder {
            source: FsSource::new(&options.root),
            settings: options.settings.clone(),
            engine: None,
            working: WorkingSink::default(),
            served_once: false,
            publish_everything: true,
        };
        let started = Instant::now();
        let diagnostics = match rebuilder.fresh_engine() {
            Ok(diagnostics) => diagnostics,
            Err(problems) => problems,
        };
        rebuilder.publish(shared);
        shared.announce_errors(error_lines(&diagnostics));
        let pages = rebuilder.engine.as_ref().map_or(0, Engine::page_count);
        (rebuilder, Event::Built { pages, took: started.elapsed(), diagnostics })
    }

    /// The folders and files to watch, from the site root: whatever the site reads (its
    /// configuration, its policy, content, static files, templates), and of `themes/` only
    /// the theme in use once a build has told which (all of it until then).
    pub fn watched_folders(&self) -> Vec<String> {
        let theme = self.engine.as_ref().map(|engine| engine.site().theme.clone());
        let mut watched: Vec<String> = build::input_paths(&self.source)
            .into_iter()
            .filter_map(|path| match &theme {
                Some(theme) if path == build::THEMES_FOLDER => theme.clone(),
                _ => Some(path),
            })
            .collect();
        watched.sort();
        watched.dedup();
        watched
    }

    /// Renders the whole site into fresh working files. Returns its diagnostics; only a
    /// problem that stopped the build is an error.
    fn fresh_engine(&mut self) -> Result<Diagnostics, Diagnostics> {
        self.engine = None;
        self.working = WorkingSink::default();
        self.publish_everything = true;
        let mut engine = Engine::new(&self.source, self.settings.clone(), &self.working, None)?;
        engine.defer_search_index();
        let diagnostics = engine.diagnostics().clone();
        self.engine = Some(engine);
        Ok(diagnostics)
    }

    /// Serves the working files, once the build is good (or before anything was served).
    /// Returns the served paths whose bytes changed.
    fn publish(&mut self, shared: &Shared) -> Vec<String> {
        let base_path = self.engine.as_ref().map(|e| e.site().config.base_path.clone()).unwrap_or_default();
        let changed = shared.publish(&self.working, self.publish_everything, &base_path);
        self.publish_everything = false;
        self.served_once = true;
        changed
    }

    /// Renders again what `changed` (paths from the site root) affects, publishes the result
    /// if it is good, and tells open pages.
    pub fn rebuild(&mut self, changed: Vec<String>, shared: &Shared) -> Event {
        let started = Instant::now();
        let outcome = match self.engine.as_mut() {
            Some(engine) => engine.update(&self.source, &changed, &self.working).map(|update| {
                let diagnostics = engine.diagnostics().clone();
                (update, diagnostics)
            }),
            None => self
                .fresh_engine()
                .map(|diagnostics| (Update { full: true, ..Update::default() }, diagnostics)),
        };
        let (update, diagnostics) = match outcome {
            Ok(done) => done,
            Err(problems) => {
                // The engine may have written part of a site: start again from scratch.
                self.engine = None;
                shared.announce_errors(error_lines(&problems));
                return Event::Failed { changed, diagnostics: problems };
            }
        };
        if diagnostics.has_errors() && self.served_once {
            shared.announce_errors(error_lines(&diagnostics));
            return Event::Failed { changed, diagnostics };
        }
        let full = update.full;
        let served_changed = self.publish(shared);
        let base_path = shared.base_path();
        let stylesheets_only =
            !served_changed.is_empty() && served_changed.iter().all(|path| path.ends_with(".css"));
        if served_changed.is_empty() {
            shared.announce_errors(Vec::new());
        } else {
            let stylesheets = stylesheets_only
                .then(|| served_changed.iter().map(|path| format!("{base_path}/{path}")).collect());
            shared.announce_change(stylesheets);
        }
        let took = started.elapsed();
        // Off the reload path: pages are told first, the index follows a few ms later.
        let refreshing = Instant::now();
        if let Some(engine) = self.engine.as_mut() {
            match engine.refresh_search_index(&self.working) {
                Ok(_) => {
                    self.publish(shared);
                }
                Err(problem) => {
                    let diagnostics: Diagnostics = std::iter::once(problem).collect();
                    shared.announce_errors(error_lines(&diagnostics));
                    return Event::Failed { changed, diagnostics };
                }
            }
        }
        Event::Rebuilt(Rebuilt {
            changed,
            pages: update.pages.len(),
            files: update.files.len(),
            removed: update.removed.len(),
            full,
            served_changed: served_changed.len(),
            stylesheets_only,
            warnings: diagnostics.iter().filter(|d| !d.is_error()).count(),
            took,
            search_index_took: refreshing.elapsed(),
        })
    }
}

/// The errors among `diagnostics`, one line each, as pages show them.
fn error_lines(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics.iter().filter(|d| d.is_error()).map(Diagnostic::to_string).collect()
}

/// Rebuilds for each batch of changes until the watcher stops.
pub fn run(
    mut rebuilder: Rebuilder,
    mut changes: crate::watch::Changes,
    shared: &Shared,
    report: impl Fn(Event),
) {
    while let Some(batch) = changes.next(&rebuilder.watched_folders()) {
        match batch {
            Ok(changed) if changed.is_empty() => {}
            Ok(changed) => report(rebuilder.rebuild(changed, shared)),
            Err(problem) => report(Event::WatchFailed(problem)),
        }
        // Folders made since, or a theme that the configuration now names.
        changes.watch(&rebuilder.watched_folders());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn watched(site: &str) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/sites").join(site);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let options = Options { root, settings: Settings { load: Default::default(), today }, poll: None };
        Rebuilder::start(&options, &Shared::default()).0.watched_folders()
    }

    #[test]
    fn a_site_is_watched_wherever_it_reads_and_of_the_themes_only_its_own() {
        assert_eq!(
            watched("themed"),
            ["ayuda.yaml", "content", "sla.yaml", "static", "templates", "themes/marca"]
        );
        assert_eq!(watched("basic"), ["ayuda.yaml", "content", "sla.yaml", "static", "templates"]);
        // A configuration that stops the build tells no theme: all of themes/ is watched.
        assert_eq!(
            watched("invalid-config"),
            ["ayuda.yaml", "content", "sla.yaml", "static", "templates", "themes"]
        );
    }
}
