//! Writing the site: into a fresh folder beside the output, swapped in only when complete.
//! This is the only module that writes to disk.

use anyhow::{Context, Result};
use diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where a build puts its files, by path relative to the site's root.
pub trait Sink: Sync {
    /// Stores one file, replacing one of the same path.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Removes a file stored before.
    fn remove(&self, path: &str) -> Result<(), Diagnostic>;
}

/// A site's files in memory, by path: for the dev server, tests and comparisons.
#[derive(Debug, Default)]
pub struct MemorySink(Mutex<BTreeMap<String, Vec<u8>>>);

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.0.lock().expect("sink").insert(path.to_owned(), bytes.to_vec());
        Ok(())
    }

    fn remove(&self, path: &str) -> Result<(), Diagnostic> {
        self.0.lock().expect("sink").remove(path);
        Ok(())
    }
}

impl MemorySink {
    /// The files, sorted by path.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.0.into_inner().expect("sink")
    }

    /// A copy of the files, sorted by path.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.0.lock().expect("sink").clone()
    }
}

/// An I/O failure on an output path, as a diagnostic.
fn io_problem(path: &Path, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::file(path, error.to_string())
}

/// Writes into a staging folder. A file that the previous output already has, byte for
/// byte, is linked from there instead: it keeps its identity and modification time (a sync
/// to the host skips it), and replacing the old output then frees almost nothing.
struct DirSink {
    root: PathBuf,
    previous: Option<PathBuf>,
}

impl DirSink {
    /// Links `target` to the previous output's `path` if that file holds exactly `bytes`.
    fn link_unchanged(&self, path: &str, bytes: &[u8], target: &Path) -> bool {
        let Some(old) = self.previous.as_ref().map(|previous| previous.join(path)) else { return false };
        let same_length =
            std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_length
            && std::fs::read(&old).is_ok_and(|old_bytes| old_bytes == bytes)
            && std::fs::hard_link(&old, target).is_ok()
    }
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = self.root.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| io_problem(dir, format!("cannot create the folder: {e}")))?;
        }
        if self.link_unchanged(path, bytes, &target) {
            return Ok(());
        }
        // A file already there (a build that failed writes a path twice) may be a link into
        // the previous output: replace the name, never write through it.
        self.remove(path)?;
        std::fs::write(&target, bytes).map_err(|e| io_problem(&target, format!("cannot write: {e}")))
    }

    fn remove(&self, path: &str) -> Result<(), Diagnostic> {
        let target = self.root.join(path);
        if target.exists() {
            std::fs::remove_file(&target).map_err(|e| io_problem(&target, format!("cannot replace: {e}")))?;
        }
        Ok(())
    }
}

/// Runs `write` against a staging folder beside `out`, then swaps it in for `out`. If
/// `write` fails, the staging folder is removed and `out` is left as it was.
pub fn write_atomically<T>(
    out: &Path,
    write: impl FnOnce(&dyn Sink) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    swap_in(out, write).map_err(|failure| match failure {
        Failure::Write(problems) => problems,
        Failure::Swap(error) => Diagnostic::file(out, format!("{error:#}")).into(),
    })
}

/// Why [`swap_in`] failed: the writing, or the folders around it.
enum Failure {
    Write(Diagnostics),
    Swap(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Failure {
        Failure::Swap(error)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        Failure::Swap(error.into())
    }
}

fn swap_in<T>(out: &Path, write: impl FnOnce(&dyn Sink) -> Result<T, Diagnostics>) -> Result<T, Failure> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name =
        out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".to_owned());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    std::fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
    let current = out.is_dir().then(|| out.to_owned());
    let value = match write(&DirSink { root: staging.clone(), previous: current }) {
        Ok(value) => value,
        Err(problems) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(Failure::Write(problems));
        }
    };
    if out.exists() {
        std::fs::rename(out, &previous)
            .with_context(|| format!("cannot move the old {} aside", out.display()))?;
    }
    if let Err(error) = std::fs::rename(&staging, out) {
        let _ = std::fs::rename(&previous, out);
        return Err(anyhow::Error::from(error)
            .context(format!("cannot move the new site to {}", out.display()))
            .into());
    }
    if previous.exists() {
        remove_tree(&previous).with_context(|| format!("cannot remove {}", previous.display()))?;
    }
    Ok(value)
}

/// Removes a folder and everything in it, its top-level entries on several threads at once:
/// on disks that discard freed blocks as they go, unlinking waits on the device, and
/// overlapping those waits halves the time to remove a large site (bench/README.md).
fn remove_tree(root: &Path) -> std::io::Result<()> {
    const THREADS: usize = 8;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(root)?.collect::<std::io::Result<_>>()?;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let remove_entries = || -> std::io::Result<()> {
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(entry) = entries.get(index) else { return Ok(()) };
            if entry.file_type()?.is_dir() {
                std::fs::remove_dir_all(entry.path())?;
            } else {
                std::fs::remove_file(entry.path())?;
            }
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS.min(entries.len())).map(|_| scope.spawn(remove_entries)).collect();
        workers.into_iter().try_for_each(|worker| worker.join().expect("a removal thread panicked"))
    })?;
    std::fs::remove_dir(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder for one test, empty.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ayuda-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A page that fails, for builds that must leave the output as it was.
    fn failure() -> Diagnostics {
        Diagnostic::file(Path::new("content/a.md"), "a page failed").into()
    }

    fn write_site(out: &Path, files: &[&str]) -> Result<(), Diagnostics> {
        write_atomically(out, |sink| Ok(files.iter().try_for_each(|path| sink.put(path, path.as_bytes()))?))
    }

    /// The names of the entries in `dir`.
    fn names_in(dir: &Path) -> Vec<std::ffi::OsString> {
        std::fs::read_dir(dir).unwrap().flatten().map(|entry| entry.file_name()).collect()
    }

    /// Every file under `dir`, relative and sorted.
    fn files_under(dir: &Path) -> Vec<String> {
        fn walk(dir: &Path, base: &Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                if entry.file_type().unwrap().is_dir() {
                    walk(&entry.path(), base, found);
                } else {
                    found.push(entry.path().strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let mut found = Vec::new();
        walk(dir, dir, &mut found);
        found.sort();
        found
    }

    #[test]
    fn a_new_build_replaces_the_whole_previous_output() {
        let parent = scratch("replace");
        let out = parent.join("public");
        let old: Vec<String> = (0..40).map(|i| format!("s{}/a{i}/index.html", i % 9)).collect();
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        write_site(&out, &[&old[..], &["robots.txt"]].concat()).unwrap();
        write_site(&out, &["index.html", "s1/nuevo/index.html"]).unwrap();
        assert_eq!(files_under(&out), ["index.html", "s1/nuevo/index.html"]);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "index.html");
        assert_eq!(names_in(&parent), ["public"], "no staging or old folder is left beside the output");
        std::fs::remove_dir_all(parent).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_carried_over_changed_ones_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let parent = scratch("carry");
        let out = parent.join("public");
        let site = |page: &'static [u8]| {
            write_atomically(&out, |sink| {
                sink.put("a/index.html", b"igual")?;
                Ok(sink.put("b/index.html", page)?)
            })
        };
        site(b"antes").unwrap();
        let inode = |path: &str| std::fs::metadata(out.join(path)).unwrap().ino();
        let (same, changed) = (inode("a/index.html"), inode("b/index.html"));
        site(b"despues").unwrap();
        assert_eq!(inode("a/index.html"), same, "the unchanged file is the same file");
        assert_eq!(std::fs::metadata(out.join("a/index.html")).unwrap().nlink(), 1, "the old output is gone");
        assert_ne!(inode("b/index.html"), changed);
        assert_eq!(std::fs::read(out.join("b/index.html")).unwrap(), b"despues");
        // A failed build after a carried-over one still leaves the output as it was.
        // A failed build that writes a carried-over path a second time leaves it as it was.
        let failed: Result<(), Diagnostics> = write_atomically(&out, |sink| {
            sink.put("a/index.html", b"igual")?;
            sink.put("a/index.html", b"otra cosa")?;
            Err(failure())
        });
        assert!(failed.is_err());
        assert_eq!(files_under(&out), ["a/index.html", "b/index.html"]);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"igual");
        assert_eq!(names_in(&parent), ["public"]);
        std::fs::remove_dir_all(parent).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let parent = scratch("keep");
        let out = parent.join("public");
        write_site(&out, &["index.html", "a/index.html"]).unwrap();
        let failed: Result<(), Diagnostics> = write_atomically(&out, |sink| {
            sink.put("index.html", b"new")?;
            Err(failure())
        });
        assert!(failed.is_err());
        assert_eq!(files_under(&out), ["a/index.html", "index.html"]);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "index.html");
        assert_eq!(names_in(&parent), ["public"]);
        std::fs::remove_dir_all(parent).unwrap();
    }
}
