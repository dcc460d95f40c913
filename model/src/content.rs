//! Reading `content/`: Markdown files into documents with their language, place and URL.
//! This is the only stage that reads Markdown from disk.

use crate::config::SiteConfig;
use crate::front_matter::{self, FieldPositions, FrontMatter};
use diagnostics::Diagnostic;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use text::slugify;

/// What a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `content/_index.md`.
    Home,
    /// A folder's `_index.md`.
    Section,
    /// Any other `.md` file.
    Article,
}

/// One Markdown file of the site.
#[derive(Clone, Debug)]
pub struct Document {
    /// Path under `content/`, with `/` separators: `configuracion/usuarios.en.md`.
    pub path: String,
    /// Path for error messages, relative to the site root.
    pub file: PathBuf,
    /// Home, section or article.
    pub kind: Kind,
    /// Its language code.
    pub language: String,
    /// The folder under `content/` it belongs to (`""` for the home page and top-level files).
    pub dir: String,
    /// The path without the language suffix: shared by all translations.
    pub translation_key: String,
    /// Its URL path, the site's base path included, e.g. `/en/configuracion/usuarios/`.
    pub url: String,
    /// Its front matter.
    pub front: FrontMatter,
    /// Lines before the Markdown body in the file.
    pub body_line_offset: usize,
    /// Where some front-matter values are written in the file.
    pub positions: FieldPositions,
}

/// A file copied to the output as is: one under `content/` that is not Markdown (beside the
/// pages), or one of a `static/` folder.
#[derive(Clone, Debug)]
pub struct Asset {
    /// Its path in the output (and under the folder it comes from).
    pub path: String,
    /// Path for error messages, relative to the site root.
    pub file: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything under `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// The Markdown documents, sorted by path.
    pub documents: Vec<Document>,
    /// The Markdown body of each document, in the same order: kept apart so that the build
    /// can drop each one as soon as it is rendered.
    pub bodies: Vec<String>,
    /// Other files.
    pub assets: Vec<Asset>,
}

/// What one file under `content/` turned out to be.
enum Loaded {
    Document(Box<Document>, String),
    Asset(Asset),
    Skipped,
}

/// Reads every file under `content_dir`, in parallel; problems are collected, not fatal one
/// by one. The order of everything returned is the order of the paths, whatever the threads do.
pub fn load(
    root: &Path,
    content_dir: &Path,
    config: &SiteConfig,
    drafts: bool,
) -> (Content, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(content_dir).sort_by_file_name() {
        match entry {
            Ok(entry)
                if entry.file_type().is_file() && !entry.file_name().to_string_lossy().starts_with('.') =>
            {
                files.push(entry.into_path());
            }
            Ok(_) => {}
            Err(e) => errors.push(Diagnostic::file(e.path().unwrap_or(content_dir), e.to_string())),
        }
    }
    let loaded: Vec<Result<Loaded, Diagnostic>> =
        files.par_iter().map(|full| load_file(root, content_dir, full, config, drafts)).collect();
    let mut content = Content::default();
    for result in loaded {
        match result {
            Ok(Loaded::Document(doc, body)) => {
                content.documents.push(*doc);
                content.bodies.push(body);
            }
            Ok(Loaded::Asset(asset)) => content.assets.push(asset),
            Ok(Loaded::Skipped) => {}
            Err(e) => errors.push(e),
        }
    }
    (content, errors)
}

/// Whether the last dot-part of a file name (`guia.en.md`) reads as a language code (`en`,
/// `pt-BR`) rather than as part of the name (`version-2.0.md`).
fn looks_like_language(part: &str) -> bool {
    let (language, region) = part.split_once('-').unwrap_or((part, ""));
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && region.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A relative path with `/` between its parts, whatever the platform.
fn slash_path(relative: &Path) -> String {
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Reads every file of a `static/` folder (none if it does not exist), sorted by path.
pub fn load_static(root: &Path, dir: &Path) -> (Vec<Asset>, Vec<Diagnostic>) {
    let (mut assets, mut errors) = (Vec::new(), Vec::new());
    if !dir.is_dir() {
        return (assets, errors);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(e) => {
                errors.push(Diagnostic::file(e.path().unwrap_or(dir), e.to_string()));
                continue;
            }
        };
        let full = entry.path();
        let file = full.strip_prefix(root).unwrap_or(full).to_owned();
        let path = slash_path(full.strip_prefix(dir).expect("walkdir stays inside its root"));
        match std::fs::read(full) {
            Ok(bytes) => assets.push(Asset { path, file, bytes }),
            Err(e) => errors.push(Diagnostic::file(&file, format!("cannot read: {e}"))),
        }
    }
    (assets, errors)
}

/// Reads one file: a document unless it is a draft and drafts are not built, or an asset.
fn load_file(
    root: &Path,
    content_dir: &Path,
    full: &Path,
    config: &SiteConfig,
    drafts: bool,
) -> Result<Loaded, Diagnostic> {
    let path = slash_path(full.strip_prefix(content_dir).expect("walkdir stays inside its root"));
    let file = full.strip_prefix(root).unwrap_or(full).to_owned();
    let bytes = std::fs::read(full).map_err(|e| Diagnostic::file(&file, format!("cannot read: {e}")))?;
    if !path.ends_with(".md") {
        return Ok(Loaded::Asset(Asset { path, file, bytes }));
    }
    let text = diagnostics::utf8_text(bytes, &file)?;
    let (doc, body) = document(&path, &file, &text, config)?;
    Ok(if doc.front.draft && !drafts { Loaded::Skipped } else { Loaded::Document(Box::new(doc), body) })
}

/// Builds a document and its Markdown body from its path and text.
fn document(
    path: &str,
    file: &Path,
    text: &str,
    config: &SiteConfig,
) -> Result<(Document, String), Diagnostic> {
    let split = front_matter::split(file, text)?;
    let (dir, name) = match path.rsplit_once('/') {
        Some((dir, name)) => (dir.to_owned(), name),
        None => (String::new(), path),
    };
    let stem = name.strip_suffix(".md").expect("only .md files are documents");
    let (stem, language) = match stem.rsplit_once('.') {
        Some((base, lang)) if config.languages.iter().any(|l| l == lang) => (base, lang.to_owned()),
        Some((_, lang)) if looks_like_language(lang) => {
            return Err(Diagnostic::file(
                file,
                format!(
                    "\"{lang}\" is not one of the site's languages ({}); add it to `languages` in ayuda.yaml",
                    config.languages.join(", ")
                ),
            ))
        }
        _ => (stem, config.default_language.clone()),
    };
    let base = &config.base_path;
    let prefix =
        if language == config.default_language { base.clone() } else { format!("{base}/{language}") };
    let dir_url =
        dir.split('/').filter(|s| !s.is_empty()).map(slugify).map(|s| format!("/{s}")).collect::<String>();
    let (kind, url) = match (stem, dir.is_empty()) {
        ("_index", true) => (Kind::Home, format!("{prefix}/")),
        ("_index", false) => (Kind::Section, format!("{prefix}{dir_url}/")),
        (slug, _) => (Kind::Article, format!("{prefix}{dir_url}/{}/", slugify(slug))),
    };
    let translation_key = if dir.is_empty() { format!("{stem}.md") } else { format!("{dir}/{stem}.md") };
    let doc = Document {
        path: path.to_owned(),
        file: file.to_owned(),
        kind,
        language,
        dir,
        translation_key,
        url,
        body_line_offset: split.body_line_offset,
        positions: split.positions,
        front: split.front,
    };
    Ok((doc, split.body.to_owned()))
}
