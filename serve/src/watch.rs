//! Watching the site's files with `notify`: operating-system events, or polling for the
//! folders that do not deliver them. Changes come in debounced batches, as paths from the
//! site root, without editors' temporary files.

use crate::rebuild::from_root;
use crate::Options;
use diagnostics::Diagnostic;
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, NoCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// How long the files must be quiet before a batch of changes is passed on: long enough for
/// an editor's save (write, rename, metadata), short next to a rebuild.
const QUIET: Duration = Duration::from_millis(20);

/// The watcher, native or polling.
enum Backend {
    Native(Debouncer<RecommendedWatcher, NoCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(debouncer) => debouncer.watch(path, mode),
            Backend::Poll(debouncer) => debouncer.watch(path, mode),
        }
    }
}

/// Batches of changed files.
pub struct Changes {
    root: PathBuf,
    backend: Backend,
    events: Receiver<DebounceEventResult>,
    /// Paths watched, from the site root ("" is the root itself, not recursively).
    watching: BTreeSet<String>,
}

impl Changes {
    /// Starts watching `watched` (paths from the site root) and the root itself.
    pub fn start(options: &Options, watched: &[String]) -> Result<Changes, Diagnostic> {
        let root = std::fs::canonicalize(&options.root)
            .map_err(|e| Diagnostic::file(&options.root, format!("cannot read the site folder: {e}")))?;
        let (sender, events) = channel();
        let failed =
            |e: notify::Error| Diagnostic::file(&options.root, format!("cannot watch the site's files: {e}"));
        let backend = match options.poll {
            Some(every) => Backend::Poll(
                new_debouncer_opt(
                    QUIET,
                    None,
                    sender,
                    NoCache,
                    notify::Config::default().with_poll_interval(every),
                )
                .map_err(failed)?,
            ),
            None => Backend::Native(
                new_debouncer_opt(QUIET, None, sender, NoCache, notify::Config::default()).map_err(failed)?,
            ),
        };
        let mut changes = Changes { root, backend, events, watching: BTreeSet::new() };
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
        let key = match mode {
            RecursiveMode::Recursive => format!("{path}/"),
            RecursiveMode::NonRecursive => path.to_owned(),
        };
        if self.watching.contains(&key) {
            return Ok(());
        }
        self.backend.watch(&self.root.join(path), mode)?;
        self.watching.insert(key);
        Ok(())
    }

    /// The next batch of changed files among `watched` (paths from the site root, sorted),
    /// or an error of the watcher; `None` once the watcher stops. Folders created since the
    /// last batch are watched from now on.
    pub fn next(&mut self, watched: &[String]) -> Option<Result<Vec<String>, String>> {
        let first = self.events.recv().ok()?;
        let mut changed = BTreeSet::new();
        for batch in std::iter::once(first).chain(self.events.try_iter()) {
            match batch {
                // Reads (which builds do) are not changes.
                Ok(events) => changed.extend(
                    events
                        .iter()
                        .filter(|event| !event.kind.is_access())
                        .flat_map(|event| event.paths.iter().filter_map(|path| from_root(&self.root, path)))
                        .filter(|path| is_watched(path, watched) && !is_temporary(path)),
                ),
                Err(errors) => {
                    return Some(Err(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))
                }
            }
        }
        self.watch(watched);
        Some(Ok(changed.into_iter().collect()))
    }
}

/// Whether `path` is one of `watched` or inside one of them.
fn is_watched(path: &str, watched: &[String]) -> bool {
    watched
        .iter()
        .any(|w| path == w || path.strip_prefix(w.as_str()).is_some_and(|rest| rest.starts_with('/')))
}

/// Whether `path` names an editor's temporary or backup file (`.name.swp`, `name~`,
/// `#name#`, Vim's `4913` probe), or any hidden file, which builds skip too.
fn is_temporary(path: &str) -> bool {
    let name = Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".tmp"].iter().any(|ext| name.ends_with(ext))
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
        for temporary in ["content/.guia.md.swp", "content/guia.md~", "content/#guia.md#", "content/4913"] {
            assert!(is_temporary(temporary), "{temporary}");
        }
        assert!(!is_temporary("content/guia.md"));
    }
}
