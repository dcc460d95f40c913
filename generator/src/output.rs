//! Writing the site: into a fresh folder beside the output, swapped in only when complete.
//! This is the only module that writes to disk.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The files of a built site, by path relative to the output folder.
pub type Files = Vec<(String, Vec<u8>)>;

/// Writes `files` into `out` atomically: a failed write leaves the previous output as it was.
pub fn write_site(out: &Path, files: &Files) -> Result<()> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name =
        out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".to_owned());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let written = write_all(&staging, files);
    if let Err(error) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
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
    Ok(())
}

fn write_all(staging: &Path, files: &Files) -> Result<()> {
    let mut dirs: Vec<PathBuf> =
        files.iter().filter_map(|(p, _)| staging.join(p).parent().map(Path::to_owned)).collect();
    dirs.sort_unstable();
    dirs.dedup();
    for dir in &dirs {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    files.par_iter().try_for_each(|(path, bytes)| {
        let target = staging.join(path);
        std::fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
    })
}
