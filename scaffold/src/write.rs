//! Writing files that must be new: never over an existing one.

use diagnostics::Diagnostic;
use std::io::{ErrorKind, Write};
use std::path::Path;

/// Writes `text` into `path`, a file that must not exist, creating its folders. `shown` is
/// the path the problem names.
pub fn write_new(path: &Path, text: &str, shown: &Path) -> Result<(), Diagnostic> {
    let cannot = |e: std::io::Error| Diagnostic::file(shown, format!("cannot write: {e}"));
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(cannot)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == ErrorKind::AlreadyExists {
            already_exists(shown)
        } else {
            cannot(e)
        }
    })?;
    file.write_all(text.as_bytes()).map_err(cannot)
}

/// The refusal to write over a file.
pub fn already_exists(shown: &Path) -> Diagnostic {
    Diagnostic::file(shown, "already exists, and is left as it is: ayuda never writes over a file")
}
