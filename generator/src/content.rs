//! Reading `content/`: Markdown files into documents with their language, place and URL.
//! This is the only stage that reads Markdown from disk.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, FrontMatter};
use crate::slug::slugify;
use std::path::{Path, PathBuf};

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
    /// Its URL path, e.g. `/en/configuracion/usuarios/`.
    pub url: String,
    /// Its front matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// Lines before the body in the file.
    pub body_line_offset: usize,
}

/// A file under `content/` that is not Markdown, copied beside the pages.
#[derive(Clone, Debug)]
pub struct Asset {
    /// Path under `content/`.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything under `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// The Markdown documents, sorted by path.
    pub documents: Vec<Document>,
    /// Other files.
    pub assets: Vec<Asset>,
}

/// Reads every file under `content_dir`; problems are collected, not fatal one by one.
pub fn load(
    root: &Path,
    content_dir: &Path,
    config: &SiteConfig,
    drafts: bool,
) -> (Content, Vec<Diagnostic>) {
    let mut content = Content::default();
    let mut errors = Vec::new();
    let entries = walkdir::WalkDir::new(content_dir).sort_by_file_name().into_iter();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(Diagnostic::file(e.path().unwrap_or(content_dir), e.to_string()));
                continue;
            }
        };
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let relative = entry.path().strip_prefix(content_dir).expect("walkdir stays inside its root");
        let path =
            relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let file = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_owned();
        let bytes = match std::fs::read(entry.path()) {
            Ok(bytes) => bytes,
            Err(e) => {
                errors.push(Diagnostic::file(&file, format!("cannot read: {e}")));
                continue;
            }
        };
        if !path.ends_with(".md") {
            content.assets.push(Asset { path, bytes });
            continue;
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let (line, column) =
                    crate::diagnostics::line_column(&String::from_utf8_lossy(valid), valid.len());
                errors.push(Diagnostic::at(&file, line, column, "the file is not valid UTF-8"));
                continue;
            }
        };
        match document(&path, &file, &text, config) {
            Ok(doc) if doc.front.draft && !drafts => {}
            Ok(doc) => content.documents.push(doc),
            Err(e) => errors.push(e),
        }
    }
    (content, errors)
}

/// Builds a document from its path and text.
fn document(path: &str, file: &Path, text: &str, config: &SiteConfig) -> Result<Document, Diagnostic> {
    let split = front_matter::split(file, text)?;
    let (dir, name) = match path.rsplit_once('/') {
        Some((dir, name)) => (dir.to_owned(), name),
        None => (String::new(), path),
    };
    let stem = name.strip_suffix(".md").expect("only .md files are documents");
    let (stem, language) = match stem.rsplit_once('.') {
        Some((base, lang)) if config.languages.iter().any(|l| l == lang) => (base, lang.to_owned()),
        Some((_, lang)) => {
            return Err(Diagnostic::file(
                file,
                format!(
                    "\"{lang}\" is not one of the site's languages ({}); add it to `languages` in ayuda.yaml",
                    config.languages.join(", ")
                ),
            ))
        }
        None => (stem, config.default_language.clone()),
    };
    let prefix = if language == config.default_language { String::new() } else { format!("/{language}") };
    let dir_url =
        dir.split('/').filter(|s| !s.is_empty()).map(slugify).map(|s| format!("/{s}")).collect::<String>();
    let (kind, url) = match (stem, dir.is_empty()) {
        ("_index", true) => (Kind::Home, format!("{prefix}/")),
        ("_index", false) => (Kind::Section, format!("{prefix}{dir_url}/")),
        (slug, _) => (Kind::Article, format!("{prefix}{dir_url}/{}/", slugify(slug))),
    };
    let translation_key = if dir.is_empty() { format!("{stem}.md") } else { format!("{dir}/{stem}.md") };
    Ok(Document {
        path: path.to_owned(),
        file: file.to_owned(),
        kind,
        language,
        dir,
        translation_key,
        url,
        body: split.body.to_owned(),
        body_line_offset: split.body_line_offset,
        front: split.front,
    })
}
