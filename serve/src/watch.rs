//! Watching the site's files: the operating system's events through `notify`, or polling
//! modification times for the folders that do not deliver events. Changes come in batches,
//! as paths from the site root, without editors' temporary files.

use crate::Options;
use diagnostics::Diagnostic;
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, NoCache};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// How long the files must be quiet before a batch of changes is passed on: long enough for
/// an editor's save (write, rename, metadata), short next to a rebuild.
const QUIET: Duration = Duration::from_millis(10);

/// Changed paths (absolute), or what went wrong watching.
type Batch = Result<Vec<PathBuf>, String>;

/// The paths watched: absolute, and whether with everything inside.
type Watched = Arc<Mutex<BTreeSet<(PathBuf, bool)>>>;

/// The watcher: the operating system's events, or a poller.
enum Backend {
    Native(Debouncer<RecommendedWatcher, NoCache>),
    /// The poller thread reads the watched paths from here.
    Poll(Watched),
}

/// Batches of changed files.
pub struct Changes {
    root: PathBuf,
    backend: Backend,
    batches: Receiver<Batch>,
    /// Paths watched, from the site root ("" is the root itself, not recursively).
    watching: BTreeSet<String>,
}

impl Changes {
    /// Starts watching `watched` (paths from the site root) and the root itself.
    pub fn start(options: &Options, watched: &[String]) -> Result<Changes, Diagnostic> {
        let root = std::fs::canonicalize(&options.root)
            .map_err(|e| Diagnostic::file(&options.root, format!("cannot read the site folder: {e}")))?;
        let (sender, batches) = channel();
        let failed =
            |e: notify::Error| Diagnostic::file(&options.root, format!("cannot watch the site's files: {e}"));
        let backend = match options.poll {
            Some(every) => {
                let paths = Watched::default();
                let poller_paths = Arc::clone(&paths);
                std::thread::Builder::new()
                    .name("ayuda-poll".to_owned())
                    .spawn(move || poll(&poller_paths, every, &sender))
                    .map_err(|e| Diagnostic::file(&options.root, format!("cannot start polling: {e}")))?;
                Backend::Poll(paths)
            }
            None => {
                let handler = move |result: DebounceEventResult| {
                    // Reads (which builds do) are not changes.
                    let batch = result
                        .map(|events| {
                            let changes = events.into_iter().filter(|event| !event.kind.is_access());
                            changes.flat_map(|event| event.event.paths).collect()
                        })
                        .map_err(|errors| {
                            errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
                        });
                    let _ = sender.send(batch);
                };
                Backend::Native(
                    new_debouncer_opt(QUIET, None, handler, NoCache, notify::Config::default())
                        .map_err(failed)?,
                )
            }
        };
        let mut changes = Changes { root, backend, batches, watching: BTreeSet::new() };
        changes.watching_path("", RecursiveMode::NonRecursive).map_err(failed)?;
        changes.watch(watched);
        Ok(changes)
    }

    /// Watches the paths of `watched` that exist and are not watched yet: folders with all
    /// they hold, files through their folder (editors replace a file when they save it).
    pub fn watch(&mut self, watched: &[String]) {
        for path in watched {
            let on_disk = self.root.join(path);
            let (target, mode) = if on_disk.is_dir() {
                (path.as_str(), RecursiveMode::Recursive)
            } else if on_disk.is_file() {
                (path.rsplit_once('/').map_or("", |(folder, _)| folder), RecursiveMode::NonRecursive)
            } else {
                continue;
            };
            // A folder that cannot be watched now is tried again after the next change.
            let _ = self.watching_path(target, mode);
        }
    }

    fn watching_path(&mut self, path: &str, mode: RecursiveMode) -> Result<(), notify::Error> {
        let recursive = mode == RecursiveMode::Recursive;
        let key = if recursive { format!("{path}/") } else { path.to_owned() };
        if self.watching.contains(&key) {
            return Ok(());
        }
        let absolute = self.root.join(path);
        match &mut self.backend {
            Backend::Native(debouncer) => debouncer.watch(&absolute, mode)?,
            Backend::Poll(paths) => {
                paths.lock().expect("watched paths").insert((absolute, recursive));
            }
        }
        self.watching.insert(key);
        Ok(())
    }

    /// The next batch of changed files among `watched` (paths from the site root, sorted),
    /// or an error of the watcher; `None` once the watcher stops.
    pub fn next(&mut self, watched: &[String]) -> Option<Result<Vec<String>, String>> {
        let first = self.batches.recv().ok()?;
        let mut changed = BTreeSet::new();
        for batch in std::iter::once(first).chain(self.batches.try_iter()) {
            match batch {
                Ok(paths) => changed.extend(
                    paths
                        .iter()
                        .filter_map(|path| from_root(&self.root, path))
                        .filter(|path| is_watched(path, watched) && !is_temporary(path)),
                ),
                Err(error) => return Some(Err(error)),
            }
        }
        Some(Ok(changed.into_iter().collect()))
    }
}

/// `path` (absolute, from the watcher) from the site root, with `/` separators, if it is
/// inside it.
fn from_root(root: &Path, path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> =
        path.strip_prefix(root).ok()?.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// What polling compares: modification time (to the nanosecond where the file system keeps
/// it) and size.
type Stamp = (Option<SystemTime>, u64);

/// Polls `paths` every `every`, sending the paths whose stamp changed, appeared or went.
///
/// notify's own `PollWatcher` compares modification times in whole seconds, so it misses a
/// save made in the same second as the previous one (the end-to-end test lost edits that
/// way), and its content comparison reads every file on every pass. Comparing full-precision
/// times and sizes costs one `stat` per file.
fn poll(paths: &Watched, every: Duration, sender: &Sender<Batch>) {
    let mut before = scan(paths);
    loop {
        std::thread::sleep(every);
        let now = scan(paths);
        let mut changed: Vec<PathBuf> = now
            .iter()
            .filter(|(path, stamp)| before.get(*path) != Some(stamp))
            .map(|(p, _)| p.clone())
            .collect();
        changed.extend(before.keys().filter(|path| !now.contains_key(*path)).cloned());
        before = now;
        if !changed.is_empty() && sender.send(Ok(changed)).is_err() {
            return;
        }
    }
}

/// The stamp of every file and folder under the watched paths.
fn scan(paths: &Watched) -> HashMap<PathBuf, Stamp> {
    let watched: Vec<(PathBuf, bool)> = paths.lock().expect("watched paths").iter().cloned().collect();
    let mut stamps = HashMap::new();
    for (path, recursive) in watched {
        scan_folder(&path, recursive, &mut stamps);
    }
    stamps
}

fn scan_folder(folder: &Path, recursive: bool, stamps: &mut HashMap<PathBuf, Stamp>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let Ok(metadata) = entry.metadata() else { continue };
        let path = entry.path();
        if metadata.is_dir() {
            if recursive {
                scan_folder(&path, true, stamps);
            } else {
                // A folder made at the top (`static/`) is watched from its first change on.
                stamps.insert(path, (metadata.modified().ok(), 0));
            }
        } else {
            stamps.insert(path, (metadata.modified().ok(), metadata.len()));
        }
    }
}

/// Whether `path` is one of `watched` or inside one of them.
fn is_watched(path: &str, watched: &[String]) -> bool {
    watched
        .iter()
        .any(|w| path == w || path.strip_prefix(w.as_str()).is_some_and(|rest| rest.starts_with('/')))
}

/// Whether `path` names an editor's temporary or backup file, which builds skip (the rule is
/// [`build::is_editor_temporary`]), or any hidden file (`.name.swp`, `.#name`).
fn is_temporary(path: &str) -> bool {
    let hidden =
        Path::new(path).file_name().and_then(|n| n.to_str()).is_some_and(|name| name.starts_with('.'));
    hidden || build::is_editor_temporary(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_watched_paths_and_no_editor_files_pass() {
        let watched = vec!["content".to_owned(), "ayuda.yaml".to_owned(), "themes/claro".to_owned()];
        assert!(is_watched("content/guia.md", &watched));
        assert!(is_watched("ayuda.yaml", &watched));
        assert!(is_watched("themes/claro/templates/page.html", &watched));
        assert!(!is_watched("contentious.md", &watched));
        assert!(!is_watched("public/index.html", &watched));
        assert!(!is_watched("themes/oscuro/x.css", &watched));
        for temporary in [
            "content/.guia.md.swp",
            "content/guia.md~",
            "content/#guia.md#",
            "content/4913",
            "content/guia.md.orig",
        ] {
            assert!(is_temporary(temporary), "{temporary}");
        }
        assert!(!is_temporary("content/guia.md"));
    }
}
