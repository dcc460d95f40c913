//! Where a site's files come from: the file system, or files held in memory (tests, the dev
//! server). Paths are relative to the site root with `/` between parts (`content/guia/a.md`),
//! whatever the platform; every stage after this one names files that way.

use diagnostics::Diagnostic;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files of a site.
pub trait Source: Sync {
    /// Every regular file under the folder `dir`, at any depth, in [`path_order`]. Entries that
    /// are not read (links, special files, names that are not UTF-8, editors' temporary files
    /// and hidden files when `skip_hidden`) are reported as warnings; a folder that cannot be
    /// listed, as an error.
    fn files(&self, dir: &str, skip_hidden: bool) -> (Vec<String>, Vec<Diagnostic>);

    /// The bytes of a file.
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>>;

    /// Whether `path` is a folder that holds something.
    fn is_dir(&self, path: &str) -> bool;

    /// Whether `path` is a file.
    fn is_file(&self, path: &str) -> bool;
}

/// The order of files in a site: part by part, as a file manager lists a tree
/// (`a/z.md` before `a-b.md`, since the folder `a` sorts before `a-b.md`).
pub fn path_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

/// A text file of the site, or where it is not valid UTF-8; `what` names its role in a read
/// error ("the site configuration").
pub fn read_text(source: &dyn Source, path: &str, what: &str) -> Result<String, Diagnostic> {
    let bytes = source
        .read(path)
        .map_err(|e| Diagnostic::file(Path::new(path), format!("cannot read {what}: {e}")))?;
    diagnostics::utf8_text(bytes, Path::new(path))
}

/// The problem of a site where `dir`, a folder it reads (`content`, `static`), is a file.
fn not_a_folder(dir: &str) -> Diagnostic {
    Diagnostic::file(Path::new(dir), format!("this is a file, where the folder {dir}/ is expected"))
        .with_help(format!("move the file away or rename it, and put the files of {dir}/ in a folder"))
}

/// Whether a file name is hidden (`.DS_Store`, `.notas.md`).
fn is_hidden(path: &str) -> bool {
    file_name(path).starts_with('.')
}

/// Whether a file is an editor's temporary or backup file, which no folder of a site
/// publishes: `name~` and `#name#` (Emacs), `name.swp`, `name.swx` and the `4913` probe
/// (Vim), `name.tmp`, and the `name.orig` and `name.bak` copies that merge tools and editors
/// leave behind. `ayuda serve` ignores changes to them by the same rule.
pub fn is_editor_temporary(path: &str) -> bool {
    let name = file_name(path);
    name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".orig", ".bak"].iter().any(|ext| name.ends_with(ext))
}

/// The last part of a path.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Why a regular file that a listing finds is not read, if it is not: it is an editor's
/// temporary file, or a hidden file when `skip_hidden`.
fn skip_reason(path: &str, skip_hidden: bool) -> Option<&'static str> {
    if is_editor_temporary(path) {
        Some("skipped: an editor's temporary or backup file")
    } else if skip_hidden && is_hidden(path) {
        Some("skipped: a hidden file")
    } else {
        None
    }
}

/// The site in a folder of the file system.
#[derive(Clone, Debug)]
pub struct FsSource {
    root: PathBuf,
}

impl FsSource {
    /// The site whose root folder (with `ayuda.yaml`) is `root`.
    pub fn new(root: impl Into<PathBuf>) -> FsSource {
        FsSource { root: root.into() }
    }
}

impl Source for FsSource {
    fn files(&self, dir: &str, skip_hidden: bool) -> (Vec<String>, Vec<Diagnostic>) {
        let (mut files, mut problems) = (Vec::new(), Vec::new());
        let top = self.root.join(dir);
        if !top.is_dir() {
            if !dir.is_empty() && top.symlink_metadata().is_ok() {
                problems.push(not_a_folder(dir));
            }
            return (files, problems);
        }
        for entry in walkdir::WalkDir::new(&top).min_depth(1).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let place = e.path().map_or_else(|| PathBuf::from(dir), |p| self.relative(p));
                    problems.push(Diagnostic::file(&place, format!("cannot list: {e}")));
                    continue;
                }
            };
            let shown = self.relative(entry.path());
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            let Some(path) = entry.path().strip_prefix(&self.root).ok().and_then(slash_path) else {
                problems.push(
                    Diagnostic::file(&shown, "skipped: the file name is not UTF-8")
                        .warning()
                        .with_help("rename it with letters the site can publish in a URL"),
                );
                continue;
            };
            if kind.is_symlink() {
                problems.push(
                    Diagnostic::file(&shown, "skipped: a symbolic link")
                        .warning()
                        .with_help("copy the file it points to instead"),
                );
            } else if !kind.is_file() {
                problems.push(Diagnostic::file(&shown, "skipped: not a regular file").warning());
            } else if let Some(reason) = skip_reason(&path, skip_hidden) {
                problems.push(Diagnostic::file(&shown, reason).warning());
            } else {
                files.push(path);
            }
        }
        (files, problems)
    }

    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.root.join(path))
    }

    fn is_dir(&self, path: &str) -> bool {
        self.root.join(path).is_dir()
    }

    fn is_file(&self, path: &str) -> bool {
        self.root.join(path).is_file()
    }
}

impl FsSource {
    /// A path under the root as the user knows it: relative to the root.
    fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_owned()
    }
}

/// A relative path with `/` between its parts; `None` if a part is not UTF-8.
fn slash_path(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// A site held in memory, by path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemorySource {
    files: BTreeMap<String, Vec<u8>>,
}

impl MemorySource {
    /// An empty site.
    pub fn new() -> MemorySource {
        MemorySource::default()
    }

    /// Adds or replaces a file.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// Removes a file; whether it was there.
    pub fn remove(&mut self, path: &str) -> bool {
        self.files.remove(path).is_some()
    }

    /// A file's bytes, if it is there.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Every file of a folder of the file system, as [`FsSource`] lists it.
    pub fn from_folder(root: &Path) -> std::io::Result<MemorySource> {
        let fs = FsSource::new(root);
        let mut memory = MemorySource::new();
        let (paths, _) = fs.files("", false);
        for path in paths {
            let bytes = fs.read(&path)?;
            memory.insert(path, bytes);
        }
        Ok(memory)
    }
}

impl Source for MemorySource {
    fn files(&self, dir: &str, skip_hidden: bool) -> (Vec<String>, Vec<Diagnostic>) {
        let prefix = if dir.is_empty() { String::new() } else { format!("{}/", dir.trim_end_matches('/')) };
        let mut problems = Vec::new();
        if self.files.contains_key(dir) {
            problems.push(not_a_folder(dir));
        }
        let mut files: Vec<String> = self
            .files
            .range(prefix.clone()..)
            .map(|(path, _)| path)
            .take_while(|path| path.starts_with(&prefix))
            .filter(|path| {
                let reason = skip_reason(path, skip_hidden);
                if let Some(reason) = reason {
                    problems.push(Diagnostic::file(Path::new(path.as_str()), reason).warning());
                }
                reason.is_none()
            })
            .cloned()
            .collect();
        files.sort_by(|a, b| path_order(a, b));
        (files, problems)
    }

    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
    }

    fn is_dir(&self, path: &str) -> bool {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        self.files.range(prefix.clone()..).next().is_some_and(|(p, _)| p.starts_with(&prefix))
    }

    fn is_file(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_part_by_part_as_a_tree() {
        let mut site = MemorySource::new();
        for path in ["content/a-b.md", "content/a/z.md", "content/_index.md", "content/.notas.md", "static/x"]
        {
            site.insert(path, "x");
        }
        let (files, problems) = site.files("content", true);
        assert_eq!(files, ["content/_index.md", "content/a/z.md", "content/a-b.md"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), "content/.notas.md: warning: skipped: a hidden file");
        assert!(site.is_dir("content/a") && !site.is_dir("content/z") && site.is_file("static/x"));
    }

    #[test]
    fn editors_temporary_files_are_skipped_with_a_warning_in_every_folder() {
        let temporaries = [
            "content/guia/a.md~",
            "content/guia/#a.md#",
            "content/guia/a.md.orig",
            "content/guia/a.md.bak",
            "content/guia/a.md.swp",
            "content/guia/4913",
            "static/site.css~",
        ];
        let expected: Vec<String> = temporaries
            .iter()
            .map(|path| format!("{path}: warning: skipped: an editor's temporary or backup file"))
            .collect();
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path();
        let mut memory = MemorySource::new();
        for path in temporaries.iter().chain(&["content/guia/a.md", "static/site.css", "static/#"]) {
            memory.insert(*path, "x");
            std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
            std::fs::write(root.join(path), "x").unwrap();
        }
        let fs = FsSource::new(root);
        for source in [&memory as &dyn Source, &fs] {
            let (content, content_problems) = source.files("content", true);
            let (statics, static_problems) = source.files("static", false);
            assert_eq!(content, ["content/guia/a.md"]);
            assert_eq!(statics, ["static/#", "static/site.css"]);
            let mut messages: Vec<String> =
                content_problems.iter().chain(&static_problems).map(ToString::to_string).collect();
            messages.sort();
            let mut expected = expected.clone();
            expected.sort();
            assert_eq!(messages, expected);
        }
    }

    #[test]
    fn a_file_where_a_folder_is_expected_is_an_error_naming_it() {
        let expected = "content: this is a file, where the folder content/ is expected \
                        (help: move the file away or rename it, and put the files of content/ in a folder)";
        let mut memory = MemorySource::new();
        memory.insert("content", "hola");
        let (files, problems) = memory.files("content", true);
        assert!(files.is_empty());
        assert_eq!(problems.iter().map(ToString::to_string).collect::<Vec<_>>(), [expected]);
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path();
        std::fs::write(root.join("content"), "hola").unwrap();
        let (files, problems) = FsSource::new(root).files("content", true);
        assert!(files.is_empty());
        assert_eq!(problems.iter().map(ToString::to_string).collect::<Vec<_>>(), [expected]);
        assert_eq!(FsSource::new(root).files("static", false).1, [], "a folder that is not there is none");
    }

    #[cfg(unix)]
    #[test]
    fn the_file_system_skips_links_special_files_and_names_that_are_not_utf8_with_warnings() {
        use std::os::unix::ffi::OsStrExt;
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path();
        std::fs::create_dir_all(root.join("content/guia")).unwrap();
        std::fs::write(root.join("content/guia/a.md"), "a").unwrap();
        std::fs::write(root.join("content/.oculto.md"), "a").unwrap();
        std::fs::write(root.join("content").join(std::ffi::OsStr::from_bytes(b"caf\xe9.md")), "a").unwrap();
        std::os::unix::fs::symlink(root.join("content/guia/a.md"), root.join("content/enlace.md")).unwrap();
        let fifo = std::process::Command::new("mkfifo").arg(root.join("content/tubo.md")).status();
        let source = FsSource::new(root);
        let (files, problems) = source.files("content", true);
        assert_eq!(files, ["content/guia/a.md"]);
        let mut messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        messages.sort();
        let mut expected = vec![
            "content/.oculto.md: warning: skipped: a hidden file".to_owned(),
            "content/caf\u{fffd}.md: warning: skipped: the file name is not UTF-8 (help: rename it with letters the site can publish in a URL)".to_owned(),
            "content/enlace.md: warning: skipped: a symbolic link (help: copy the file it points to instead)".to_owned(),
        ];
        if fifo.is_ok_and(|s| s.success()) {
            expected.push("content/tubo.md: warning: skipped: not a regular file".to_owned());
        }
        expected.sort();
        assert_eq!(messages, expected);
    }
}
