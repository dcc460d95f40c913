//! Writing the site: into a fresh folder beside the output, swapped in only when complete.
//! This is the only module that writes to disk.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where a build puts its files, by path relative to the site's root.
pub trait Sink: Sync {
    /// Stores one file.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;
}

/// Keeps the files in memory (for tests and comparisons).
#[derive(Default)]
pub struct MemorySink(Mutex<Vec<(String, Vec<u8>)>>);

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.0.lock().expect("sink").push((path.to_owned(), bytes.to_vec()));
        Ok(())
    }
}

impl MemorySink {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.0.into_inner().expect("sink");
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

/// Writes into a staging folder.
struct DirSink {
    root: PathBuf,
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.root.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
    }
}

/// Runs `write` against a staging folder beside `out`, then swaps it in for `out`. If
/// `write` fails, the staging folder is removed and `out` is left as it was.
pub fn write_atomically<T>(out: &Path, write: impl FnOnce(&dyn Sink) -> Result<T>) -> Result<T> {
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
    let value = match write(&DirSink { root: staging.clone() }) {
        Ok(value) => value,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    if out.exists() {
        std::fs::rename(out, &previous)
            .with_context(|| format!("cannot move the old {} aside", out.display()))?;
    }
    if let Err(error) = std::fs::rename(&staging, out) {
        let _ = std::fs::rename(&previous, out);
        return Err(error).with_context(|| format!("cannot move the new site to {}", out.display()));
    }
    if previous.exists() {
        std::fs::remove_dir_all(&previous)
            .with_context(|| format!("cannot remove {}", previous.display()))?;
    }
    Ok(value)
}
