//! Building a site: read → model → render → write. [`load`](model::load) reads a
//! [`Source`] into a site, [`Engine`] renders it (in memory or into a folder) recording what
//! each page read, [`Engine::update`] renders again only what an edit affects, and
//! [`write::write_atomically`] swaps a complete output in. Every problem comes back as a
//! [`Diagnostic`](diagnostics::Diagnostic), all of them at once.

mod checks;
mod engine;
mod output_folder;
mod outputs;
mod render;
mod search_records;
pub mod write;

pub use engine::{Engine, Progress, Settings, Update};
pub use model::site::{input_paths, CONFIG_FILE, THEMES_FOLDER};
pub use model::source::is_editor_temporary;
pub use model::{FsSource, LoadOptions, MemorySource, Source};
pub use search_records::{SEARCH_FOLDER, SEARCH_LANGUAGES};
pub use write::{MemorySink, Sink, OUTPUT_MARKER};

use diagnostics::Diagnostics;
use std::path::PathBuf;

/// How to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site folder (with `ayuda.yaml`).
    pub root: PathBuf,
    /// Where the site goes.
    pub out: PathBuf,
    /// What to build besides the files.
    pub settings: Settings,
}

/// What a successful build made.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages written, as [`Engine::page_count`] counts them (redirects, the 404, search and
    /// contact pages included).
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// The path the site is published at (from its base URL): where `ayuda serve` serves it.
    pub base_path: String,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
}

/// Builds a site and writes it atomically: on error the previous output is left untouched,
/// and the error is every problem found. An output folder that is, holds, or lies inside
/// what the site reads is refused before anything is written, and so is a folder
/// that is not the output of an earlier build (see [`write::write_atomically`]).
pub fn build(options: &BuildOptions, progress: Progress) -> Result<BuildReport, Diagnostics> {
    let source = FsSource::new(&options.root);
    output_folder::check(&options.root, &options.out, &model::site::input_paths(&source))?;
    write::write_atomically(&options.out, |sink| {
        let engine = Engine::once(&source, options.settings.clone(), sink, progress)?;
        let diagnostics = engine.diagnostics().clone();
        let report = BuildReport {
            pages: engine.page_count(),
            files: engine.document_count() + engine.other_file_count(),
            base_path: engine.site().config.base_path.clone(),
            warnings: diagnostics,
        };
        drop_in_background(engine);
        if report.warnings.has_errors() {
            return Err(report.warnings);
        }
        Ok(report)
    })
}

/// Frees a finished build's model and page records on a pool thread: at 10,000 pages that
/// takes several milliseconds on one core, which swapping the output in need not wait for.
fn drop_in_background(engine: Engine) {
    rayon::spawn(move || drop(engine));
}

/// Runs every check of a build and writes nothing: every problem, errors and warnings.
pub fn check(source: &dyn Source, settings: Settings) -> Diagnostics {
    match Engine::once(source, settings, &Discard, None) {
        Ok(engine) => engine.diagnostics().clone(),
        Err(problems) => problems.sorted(),
    }
}

/// A sink that keeps nothing, for checks.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) -> Result<(), diagnostics::Diagnostic> {
        Ok(())
    }

    fn remove(&self, _: &str) -> Result<(), diagnostics::Diagnostic> {
        Ok(())
    }
}
