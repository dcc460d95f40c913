//! Writing the site: into a fresh folder beside the output, swapped in only when complete.
//! This is the only module that writes to disk.

use crate::output_folder::resolve;
use anyhow::{Context, Result};
use diagnostics::{Diagnostic, Diagnostics};
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
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
    /// The folders made so far: the staging folder is this build's alone, so a folder made
    /// stays. Asking the file system again costs two system calls a file (`mkdir`, then a
    /// `stat` when it exists), 100,000 on the 10k corpus with its 50,000 search fragments.
    folders: Mutex<HashSet<PathBuf>>,
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
            let made = self.folders.lock().expect("no panic while locked").contains(dir);
            if !made {
                std::fs::create_dir_all(dir)
                    .map_err(|e| io_problem(dir, format!("cannot create the folder: {e}")))?;
                self.folders.lock().expect("no panic while locked").insert(dir.to_owned());
            }
        }
        if self.link_unchanged(path, bytes, &target) {
            return Ok(());
        }
        // A file already there (a build that failed writes a path twice) may be a link into
        // the previous output: replace the name, never write through it. Creating the file
        // only if it is new costs no look before, where most paths are new.
        let create = || std::fs::OpenOptions::new().write(true).create_new(true).open(&target);
        let created = match create() {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                self.remove(path)?;
                create()
            }
            created => created,
        };
        created
            .and_then(|mut file| file.write_all(bytes))
            .map_err(|e| io_problem(&target, format!("cannot write: {e}")))
    }

    fn remove(&self, path: &str) -> Result<(), Diagnostic> {
        let target = self.root.join(path);
        if target.exists() {
            std::fs::remove_file(&target).map_err(|e| io_problem(&target, format!("cannot replace: {e}")))?;
        }
        Ok(())
    }
}

/// The file that marks a folder as the output of a build, which the next build may replace
/// whole: every build writes it at the top of its output.
pub const OUTPUT_MARKER: &str = ".ayuda-output";

/// What [`OUTPUT_MARKER`] says to whoever opens it.
const OUTPUT_MARKER_TEXT: &str =
    "This folder is a site built by `ayuda build`. The next build into it replaces it whole.\n\
     Without this file, a build refuses to replace the folder.\n";

/// Runs `write` against a staging folder beside `out`, then swaps it in for `out`. If
/// `write` or the swap fails, the staging folder is removed and `out` is left as it was.
///
/// The staging folder is `.NAME.new-PID` beside `out` (NAME is the name of the folder `out`
/// names, even as `.` or `site/..`; PID this process's id). When `out` is a folder, one `renameat2(RENAME_EXCHANGE)` swaps the two, so
/// that a build killed at any moment leaves `out` holding a whole site, the old one or the
/// new one; the old one, then under the staging name, is removed. Where the exchange is not
/// available (not Linux, or a file system without it), `out` is moved aside to
/// `.NAME.old-PID` and the staging folder renamed to `out`: a build killed between those two
/// renames leaves no `out`, and the next build puts the old one back first. When `out` does
/// not exist, the staging folder is simply renamed to it.
///
/// `out` must be missing, an empty folder, or the output of an earlier build, which every
/// build marks with an [`OUTPUT_MARKER`] file: anything else there (a file, a symbolic link,
/// a folder of other files, an output of an ayuda that wrote no marker) is refused before
/// anything is written or removed, since replacing the output throws away what was there.
///
/// Before writing, the staging folders that dead builds left beside `out` are removed (see
/// `clean_up_dead_builds`).
pub fn write_atomically<T>(
    out: &Path,
    write: impl FnOnce(&dyn Sink) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    write_staged(out, write).map_err(|failure| match failure {
        Failure::Problems(problems) => problems,
        Failure::Swap(error) => Diagnostic::file(out, format!("{error:#}")).into(),
    })
}

/// Why [`write_staged`] failed: the writing or a refusal, or the folders around it.
enum Failure {
    Problems(Diagnostics),
    Swap(anyhow::Error),
}

impl From<Diagnostic> for Failure {
    fn from(problem: Diagnostic) -> Failure {
        Failure::Problems(problem.into())
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Failure {
        Failure::Swap(error)
    }
}

/// [`write_atomically`], with the swap's own failures apart.
fn write_staged<T>(
    out: &Path,
    write: impl FnOnce(&dyn Sink) -> Result<T, Diagnostics>,
) -> Result<T, Failure> {
    let named = named_output(out);
    let out = named.as_path();
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Err(refusal(out, "this is the root of the file system").into());
    };
    std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = name.to_string_lossy().into_owned();
    // Before the clean-up, which may remove folders, and after it, which may put an output back.
    current_output(out)?;
    clean_up_dead_builds(parent, &name, out);
    let current = current_output(out)?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
    std::fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
    let sink = DirSink { root: staging.clone(), previous: current, folders: Default::default() };
    let written = write(&sink).and_then(|value| {
        sink.put(OUTPUT_MARKER, OUTPUT_MARKER_TEXT.as_bytes())?;
        Ok(value)
    });
    let value = match written {
        Ok(value) => value,
        Err(problems) => {
            let _ = remove_tree(&staging);
            return Err(Failure::Problems(problems));
        }
    };
    if let Err(error) = swap_in(&staging, out, &previous) {
        // The staging folder holds the new site (the swap failed before it went in) or the old
        // output (the swap failed removing it): neither is wanted.
        let _ = remove_tree(&staging);
        return Err(error.into());
    }
    Ok(value)
}

/// The folder `out` names, by a name that has a parent and a last part (`.`, `..` and
/// `site/..` have neither): absolute, with its parent resolved, so that the staging folder
/// goes beside it, not inside it. Its last part stays as it is: a link there is refused.
fn named_output(out: &Path) -> PathBuf {
    let parent = out.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
    match (parent, out.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => resolve(out),
    }
}

/// A build's refusal to write its output to `out`, and `why`.
pub(crate) fn refusal(out: &Path, why: &str) -> Diagnostic {
    Diagnostic::file(
        out,
        format!("cannot write the site here: {why}; a build replaces its output folder whole"),
    )
}

/// The output folder `out` a build may replace, `None` when there is none yet; an error
/// when it may not replace what is there.
fn current_output(out: &Path) -> Result<Option<PathBuf>, Failure> {
    let refuse = |why: &str| refusal(out, why);
    match std::fs::symlink_metadata(out) {
        Ok(metadata) if metadata.is_dir() => {
            let marked = std::fs::symlink_metadata(out.join(OUTPUT_MARKER)).is_ok_and(|m| m.is_file());
            let empty = || std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
            if marked || empty() {
                return Ok(Some(out.to_owned()));
            }
            let why =
                format!("the folder holds files, and no {OUTPUT_MARKER} file says it is the output of an earlier build");
            Err(refuse(&why)
                .with_help(format!(
                    "choose a new or empty folder, or remove this one if nothing in it is needed; \
                     an output of an ayuda older than {OUTPUT_MARKER} files is refused once this way"
                ))
                .into())
        }
        Ok(_) => Err(refuse("it is not a folder")
            .with_help("choose a new or empty folder, or remove this file")
            .into()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => {
            Err(anyhow::Error::from(error).context(format!("cannot read {}", out.display())).into())
        }
    }
}

/// Puts the finished `staging` folder in the place of `out`, then removes the old output.
fn swap_in(staging: &Path, out: &Path, previous: &Path) -> Result<()> {
    let out_is_dir = match std::fs::symlink_metadata(out) {
        Ok(metadata) => metadata.is_dir(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return std::fs::rename(staging, out)
                .with_context(|| format!("cannot move the new site to {}", out.display()));
        }
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", out.display())),
    };
    if !out_is_dir {
        anyhow::bail!("cannot write the site to {}: it is no longer a folder", out.display());
    }
    let exchanged = exchange(staging, out)
        .with_context(|| format!("cannot swap the new site in for {}", out.display()))?;
    if !exchanged {
        return replace_by_renames(staging, out, previous);
    }
    // The staging name now holds the old output.
    remove_tree(staging).with_context(|| format!("cannot remove the old output, now {}", staging.display()))
}

/// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE`); `Ok(false)` when the
/// kernel or the file system cannot do it, which leaves both as they were.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// Swaps two folders in one step: not available here.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// The swap without an exchange: `out` is moved aside to `previous`, `staging` renamed to
/// `out`, then `previous` removed. If the second rename fails, `out` is put back.
fn replace_by_renames(staging: &Path, out: &Path, previous: &Path) -> Result<()> {
    std::fs::rename(out, previous).with_context(|| format!("cannot move the old {} aside", out.display()))?;
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(previous, out);
        return Err(error).with_context(|| format!("cannot move the new site to {}", out.display()));
    }
    remove_tree(previous).with_context(|| format!("cannot remove {}", previous.display()))
}

/// Removes, beside `out` (named `name`, in `parent`), the folders that builds which are no
/// longer running left behind: their staging folders `.NAME.new-PID` (a build killed before
/// its swap, or while it removed the old output) and `.NAME.old-PID` (the old output that
/// the two-rename swap moved aside). When `out` is missing and such an old output is there,
/// the build was killed between its two renames: that output is put back first.
///
/// Only folders whose name is exactly that, with PID the decimal id of a process, are
/// touched; a folder of a process that is running (a concurrent build, or a process that
/// has since reused the id) is kept. This process's own leftovers are removed. Errors are
/// ignored: a folder that cannot be removed now is tried again by the next build.
fn clean_up_dead_builds(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let mut dead: Vec<(PathBuf, bool)> = entries
        .flatten()
        .filter_map(|entry| {
            let (pid, old) = staging_pid(&entry.file_name().to_string_lossy(), name)?;
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            (is_dir && (pid == std::process::id() || !is_running(pid))).then(|| (entry.path(), old))
        })
        .collect();
    dead.sort();
    if std::fs::symlink_metadata(out).is_err() {
        if let Some(index) = dead.iter().position(|(_, old)| *old) {
            let (path, _) = dead.remove(index);
            let _ = std::fs::rename(path, out);
        }
    }
    for (path, _) in dead {
        let _ = remove_tree(&path);
    }
}

/// The process id in a staging folder's name, `.NAME.new-PID` or `.NAME.old-PID` (then
/// `true`); `None` for any other name, such as digits that are not how that id is written.
fn staging_pid(file_name: &str, name: &str) -> Option<(u32, bool)> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let (digits, old) = match (rest.strip_prefix(".new-"), rest.strip_prefix(".old-")) {
        (Some(digits), _) => (digits, false),
        (_, Some(digits)) => (digits, true),
        _ => return None,
    };
    let pid: i32 = digits.parse().ok().filter(|pid| *pid > 0)?;
    (pid.to_string() == digits).then_some((pid as u32, old))
}

/// Whether the process `pid` is running: `kill(pid, 0)` does not answer "no such process".
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let pid = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw);
    pid.is_some_and(|pid| rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH))
}

/// Whether the process `pid` is running: without a way to tell, it may be.
#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    true
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
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        let old: Vec<String> = (0..40).map(|i| format!("s{}/a{i}/index.html", i % 9)).collect();
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        write_site(&out, &[&old[..], &["robots.txt"]].concat()).unwrap();
        write_site(&out, &["index.html", "s1/nuevo/index.html"]).unwrap();
        assert_eq!(files_under(&out), [OUTPUT_MARKER, "index.html", "s1/nuevo/index.html"]);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "index.html");
        assert_eq!(names_in(&parent), ["public"], "no staging or old folder is left beside the output");
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_carried_over_changed_ones_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
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
        assert_eq!(files_under(&out), [OUTPUT_MARKER, "a/index.html", "b/index.html"]);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"igual");
        assert_eq!(names_in(&parent), ["public"]);
    }

    #[test]
    fn a_build_over_a_file_is_refused_and_the_file_kept() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        std::fs::write(&out, "notas").unwrap();
        let error = write_site(&out, &["index.html"]).unwrap_err().to_string();
        assert!(
            error.ends_with(
                "public: cannot write the site here: it is not a folder; a build replaces its output folder whole \
                 (help: choose a new or empty folder, or remove this file)"
            ),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "notas");
        assert_eq!(names_in(&parent), ["public"]);
    }

    #[test]
    fn a_folder_of_other_files_is_refused_and_kept_whole() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        std::fs::create_dir_all(out.join("mine")).unwrap();
        std::fs::write(out.join("mine/notes.txt"), "precious").unwrap();
        // A dead build's staging folder is not removed either: nothing is.
        let dead = leftover(&parent, "new", "999999999");
        let wrote = std::sync::atomic::AtomicBool::new(false);
        let error = write_atomically(&out, |sink| {
            wrote.store(true, std::sync::atomic::Ordering::Relaxed);
            Ok(sink.put("index.html", b"x")?)
        })
        .unwrap_err();
        assert!(!wrote.into_inner(), "nothing is written");
        assert_eq!(
            error.to_string(),
            format!(
                "{}: cannot write the site here: the folder holds files, and no .ayuda-output file says it is \
                 the output of an earlier build; a build replaces its output folder whole (help: choose a new or \
                 empty folder, or remove this one if nothing in it is needed; an output of an ayuda older than \
                 .ayuda-output files is refused once this way)",
                out.display()
            )
        );
        assert_eq!(files_under(&out), ["mine/notes.txt"]);
        assert_eq!(std::fs::read_to_string(out.join("mine/notes.txt")).unwrap(), "precious");
        assert!(dead.is_dir());
    }

    #[test]
    fn an_empty_folder_is_filled_a_missing_one_made_and_both_marked() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let (empty, missing) = (parent.join("vacia"), parent.join("nueva/public"));
        std::fs::create_dir_all(&empty).unwrap();
        write_site(&empty, &["index.html"]).unwrap();
        write_site(&missing, &["index.html"]).unwrap();
        for out in [&empty, &missing] {
            assert_eq!(files_under(out), [OUTPUT_MARKER, "index.html"]);
            assert_eq!(std::fs::read_to_string(out.join(OUTPUT_MARKER)).unwrap(), OUTPUT_MARKER_TEXT);
        }
    }

    #[test]
    fn the_two_rename_fallback_replaces_the_output() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        write_site(&out, &["index.html", "a/index.html"]).unwrap();
        let (staging, previous) = (parent.join(".public.new-1"), parent.join(".public.old-1"));
        std::fs::create_dir_all(staging.join("b")).unwrap();
        std::fs::write(staging.join("b/index.html"), "b").unwrap();
        replace_by_renames(&staging, &out, &previous).unwrap();
        assert_eq!(files_under(&out), ["b/index.html"]);
        assert_eq!(names_in(&parent), ["public"]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let (a, b) = (parent.join("a"), parent.join("b"));
        std::fs::create_dir_all(a.join("x")).unwrap();
        std::fs::create_dir_all(b.join("y")).unwrap();
        // A file system that cannot exchange two names must leave both as they were, for
        // the two-rename way to follow.
        let swapped = exchange(&a, &b).unwrap();
        let (in_a, in_b) = if swapped { ("y", "x") } else { ("x", "y") };
        assert_eq!(names_in(&a), [in_a]);
        assert_eq!(names_in(&b), [in_b]);
    }

    #[test]
    fn only_exact_staging_names_are_read_as_a_build_of_this_output() {
        assert_eq!(staging_pid(".public.new-123", "public"), Some((123, false)));
        assert_eq!(staging_pid(".public.old-7", "public"), Some((7, true)));
        for other in [
            ".public.new-12x",
            ".public.new-",
            ".public.new-0",
            ".public.new-012",
            ".public.new-+12",
            ".public.new--12",
            ".public.new-99999999999",
            ".public.tmp-12",
            ".publico.new-12",
            "public.new-12",
            ".sitio.new-12",
        ] {
            assert_eq!(staging_pid(other, "public"), None, "{other}");
        }
    }

    /// A build's staging folder, `.public.{kind}-{pid}`, holding one file.
    fn leftover(parent: &Path, kind: &str, pid: &str) -> PathBuf {
        let dir = parent.join(format!(".public.{kind}-{pid}"));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(dir.join("a/index.html"), "a").unwrap();
        std::fs::write(dir.join(OUTPUT_MARKER), OUTPUT_MARKER_TEXT).unwrap();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn a_build_removes_the_leftovers_of_dead_builds_only() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        write_site(&out, &["index.html"]).unwrap();
        let mut sleeper = std::process::Command::new("sleep").arg("60").spawn().unwrap();
        let live = sleeper.id().to_string();
        let own = std::process::id().to_string();
        leftover(&parent, "new", "999999999");
        leftover(&parent, "old", "999999998");
        leftover(&parent, "new", &own);
        leftover(&parent, "new", &live);
        leftover(&parent, "old", &live);
        leftover(&parent, "new", "12x");
        std::fs::write(parent.join(".public.new-999999997"), "a file, not a build's folder").unwrap();
        write_site(&out, &["index.html", "b/index.html"]).unwrap();
        sleeper.kill().unwrap();
        sleeper.wait().unwrap();
        let mut names = names_in(&parent);
        names.sort();
        let expected = [
            ".public.new-12x".to_owned(),
            ".public.new-999999997".to_owned(),
            format!(".public.new-{live}"),
            format!(".public.old-{live}"),
            "public".to_owned(),
        ];
        let mut expected = expected.map(std::ffi::OsString::from).to_vec();
        expected.sort();
        assert_eq!(names, expected, "a live build's folders and other names are kept");
        assert_eq!(files_under(&parent.join(format!(".public.new-{live}"))), [OUTPUT_MARKER, "a/index.html"]);
        assert_eq!(files_under(&out), [OUTPUT_MARKER, "b/index.html", "index.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_output_of_a_build_killed_between_two_renames_is_put_back() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        leftover(&parent, "old", "999999999");
        leftover(&parent, "new", "999999999");
        let failed: Result<(), Diagnostics> = write_atomically(&out, |sink| {
            sink.put("b/index.html", b"b")?;
            Err(failure())
        });
        assert!(failed.is_err());
        assert_eq!(files_under(&out), [OUTPUT_MARKER, "a/index.html"], "the old output is back");
        assert_eq!(names_in(&parent), ["public"]);
    }

    #[test]
    fn a_failed_swap_removes_its_staging_folder() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        write_site(&out, &["index.html"]).unwrap();
        // The output turns into a file while the build writes: the swap cannot go on.
        let failed = write_atomically(&out, |sink| {
            std::fs::remove_dir_all(&out).unwrap();
            std::fs::write(&out, "notas").unwrap();
            Ok(sink.put("index.html", b"new")?)
        });
        let error = failed.unwrap_err().to_string();
        assert!(error.ends_with("public: it is no longer a folder"), "{error}");
        assert_eq!(names_in(&parent), ["public"], "no staging folder is left beside the output");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "notas");
    }

    #[test]
    fn an_output_named_with_dots_is_the_folder_it_names() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        write_site(&out, &["index.html"]).unwrap();
        std::fs::create_dir(out.join("sub")).unwrap();
        for name in [out.join("sub/.."), out.join("."), parent.join("x/../public")] {
            write_site(&name, &["b/index.html"]).unwrap();
            assert_eq!(files_under(&out), [OUTPUT_MARKER, "b/index.html"], "{}", name.display());
            assert_eq!(
                names_in(&parent),
                ["public"],
                "{}: nothing is left beside the output",
                name.display()
            );
        }
        let root = write_site(Path::new("/"), &["index.html"]).unwrap_err().to_string();
        assert!(
            root.starts_with("/: cannot write the site here: this is the root of the file system"),
            "{root}"
        );
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let scratch = tempfile::tempdir().unwrap();
        let parent = scratch.path().to_path_buf();
        let out = parent.join("public");
        write_site(&out, &["index.html", "a/index.html"]).unwrap();
        let failed: Result<(), Diagnostics> = write_atomically(&out, |sink| {
            sink.put("index.html", b"new")?;
            Err(failure())
        });
        assert!(failed.is_err());
        assert_eq!(files_under(&out), [OUTPUT_MARKER, "a/index.html", "index.html"]);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "index.html");
        assert_eq!(names_in(&parent), ["public"]);
    }
}
