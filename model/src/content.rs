//! Reading `content/`: Markdown files into documents with their language, place and URL.
//! This is the only stage that reads Markdown.

use crate::config::SiteConfig;
use crate::front_matter::{self, FieldPositions, FrontMatter};
use crate::source::Source;
use diagnostics::Diagnostic;
use rayon::prelude::*;
use std::collections::BTreeMap;
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
    /// A hash of the file's bytes: whether it changed.
    pub source_hash: u64,
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

/// Everything under `content/`, and the site's copied files.
#[derive(Debug, Default)]
pub struct Content {
    /// The Markdown documents, in [`crate::source::path_order`].
    pub documents: Vec<Document>,
    /// The Markdown body of each document, in the same order: kept apart so that a build can
    /// drop each one as soon as it is rendered.
    pub bodies: Vec<String>,
    /// Other files under `content/`.
    pub assets: Vec<Asset>,
    /// Files under `content/` that are there but not published, by path under `content/`.
    pub unpublished: BTreeMap<String, Unpublished>,
}

/// Why a file under `content/` is not published: what a link to it is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unpublished {
    /// A draft, when drafts are not built.
    Draft,
    /// It could not be read, or its page could not be made (see its problems).
    FailedToLoad,
}

impl Unpublished {
    /// What a broken link to file `file` says of it.
    pub fn explain(self, file: &str) -> String {
        match self {
            Unpublished::Draft => format!("{file} is a draft, built only with --drafts"),
            Unpublished::FailedToLoad => format!("{file} failed to load: see its errors"),
        }
    }
}

/// The problems of `content/`: of its listing (files skipped), and of each file, by path.
#[derive(Clone, Debug, Default)]
pub struct ContentProblems {
    /// Files that are not read, and folders that cannot be listed.
    pub listing: Vec<Diagnostic>,
    /// Each file's problems, by its path from the site root.
    pub files: BTreeMap<String, Vec<Diagnostic>>,
}

/// What one file under `content/` turned out to be.
pub enum Loaded {
    /// A page, and its Markdown body.
    Document(Box<Document>, String),
    /// A file copied beside the pages.
    Asset(Asset),
    /// Not published, and why.
    Unpublished(Unpublished),
}

/// Reads every file under `content/`, in parallel; problems are collected, not fatal one by
/// one. The order of everything returned is [`crate::source::path_order`], whatever the threads do.
pub fn load(source: &dyn Source, config: &SiteConfig, drafts: bool) -> (Content, ContentProblems) {
    let (files, listing) = source.files(CONTENT, true);
    let loaded: Vec<(Loaded, Vec<Diagnostic>)> =
        files.par_iter().map(|path| load_file(source, path, config, drafts)).collect();
    let mut content = Content::default();
    let mut problems = ContentProblems { listing, files: BTreeMap::new() };
    for (file, (result, file_problems)) in files.into_iter().zip(loaded) {
        match result {
            Loaded::Document(doc, body) => {
                content.documents.push(*doc);
                content.bodies.push(body);
            }
            Loaded::Asset(asset) => content.assets.push(asset),
            Loaded::Unpublished(why) => {
                content.unpublished.insert(file[CONTENT.len() + 1..].to_owned(), why);
            }
        }
        if !file_problems.is_empty() {
            problems.files.insert(file, file_problems);
        }
    }
    (content, problems)
}

/// The folder of pages, under the site root.
pub const CONTENT: &str = "content";

/// A content file's name without `.md` split into its name and its language suffix, the part
/// after its last dot: `guia.en` is `guia` and `en`, `guia.pt-BR` is `guia` and `pt-BR`. The
/// suffix is there when it is one of the site's `languages` or reads as a language code
/// (`es-419`, `EN`), which may be none of the site's: the caller says so. A name whose last
/// dot-part is part of it (`version-2.0`) has none.
pub fn split_language<'a>(name: &'a str, languages: &[String]) -> (&'a str, Option<&'a str>) {
    match name.rsplit_once('.') {
        Some((base, suffix))
            if !base.is_empty() && (languages.iter().any(|l| l == suffix) || looks_like_language(suffix)) =>
        {
            (base, Some(suffix))
        }
        _ => (name, None),
    }
}

/// Whether the last dot-part of a file name (`guia.en.md`) reads as a language code (`en`,
/// `pt-BR`) rather than as part of the name (`version-2.0.md`).
fn looks_like_language(part: &str) -> bool {
    let (language, region) = part.split_once('-').unwrap_or((part, ""));
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && region.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Reads every file of a `static/` folder (none if it does not exist), in [`crate::source::path_order`].
pub fn load_static(source: &dyn Source, dir: &str) -> (Vec<Asset>, Vec<Diagnostic>) {
    let (files, mut problems) = source.files(dir, false);
    let mut assets = Vec::with_capacity(files.len());
    for file in files {
        let path = file[dir.len() + 1..].to_owned();
        match source.read(&file) {
            Ok(bytes) => assets.push(Asset { path, file: PathBuf::from(file), bytes }),
            Err(e) => problems.push(Diagnostic::file(Path::new(&file), format!("cannot read: {e}"))),
        }
    }
    (assets, problems)
}

/// Reads one file of `content/` (`file` is its path from the site root): a document unless
/// it is a draft and drafts are not built, or an asset. A document whose front matter has
/// errors is still read, with the file's name as its title, so that its links are checked
/// too; its errors come with it.
pub fn load_file(
    source: &dyn Source,
    file: &str,
    config: &SiteConfig,
    drafts: bool,
) -> (Loaded, Vec<Diagnostic>) {
    let path = file[CONTENT.len() + 1..].to_owned();
    let shown = Path::new(file);
    if let Some(problem) = misnamed_page(&path, shown) {
        return (Loaded::Unpublished(Unpublished::FailedToLoad), vec![problem]);
    }
    let bytes = match source.read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            let problem = Diagnostic::file(shown, format!("cannot read: {e}"));
            return (Loaded::Unpublished(Unpublished::FailedToLoad), vec![problem]);
        }
    };
    if !path.ends_with(".md") {
        return (Loaded::Asset(Asset { path, file: shown.to_owned(), bytes }), Vec::new());
    }
    // Only whether the file changed: a fast hash (this is every byte of every page).
    let source_hash = {
        let mut hasher = rustc_hash::FxHasher::default();
        std::hash::Hasher::write(&mut hasher, &bytes);
        std::hash::Hasher::finish(&hasher)
    };
    let text = match diagnostics::utf8_text(bytes, shown) {
        Ok(text) => text,
        Err(problem) => return (Loaded::Unpublished(Unpublished::FailedToLoad), vec![problem]),
    };
    match document(&path, shown, &text, config, source_hash) {
        Ok((doc, _, _)) if doc.front.draft && !drafts => {
            (Loaded::Unpublished(Unpublished::Draft), Vec::new())
        }
        Ok((doc, body_length, problems)) => {
            // The body is the end of the text: the text becomes it, in place.
            let mut body = text;
            body.drain(..body.len() - body_length);
            (Loaded::Document(Box::new(doc), body), problems)
        }
        Err(problem) => (Loaded::Unpublished(Unpublished::FailedToLoad), vec![problem]),
    }
}

/// The names Markdown files go by besides a page's `.md`, in any case (`.MD`, `.markdown`).
const OTHER_MARKDOWN_EXTENSIONS: [&str; 5] = ["md", "markdown", "mdown", "mkd", "mkdn"];

/// The error of a file of `content/` named as Markdown that is not a page's `name.md`
/// (`NOTA.MD`, `guia.markdown`): copied as it is, it would publish its front matter, and a
/// draft's text. It is not published, and the build stops until it is renamed.
fn misnamed_page(path: &str, shown: &Path) -> Option<Diagnostic> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, extension) = name.rsplit_once('.').filter(|(stem, _)| !stem.is_empty())?;
    let markdown = OTHER_MARKDOWN_EXTENSIONS.iter().any(|m| extension.eq_ignore_ascii_case(m));
    (markdown && extension != "md").then(|| {
        Diagnostic::file(
            shown,
            format!("a page's file name must end in .md, in small letters, and this one ends in .{extension}: it is not published"),
        )
        .with_help(format!("rename it {stem}.md"))
    })
}

/// Builds a document from its path and text; the length of its Markdown body, the end of the
/// text, comes with it.
fn document(
    path: &str,
    file: &Path,
    text: &str,
    config: &SiteConfig,
    source_hash: u64,
) -> Result<(Document, usize, Vec<Diagnostic>), Diagnostic> {
    let (split, problems) = front_matter::split(file, text)?;
    let (dir, name) = match path.rsplit_once('/') {
        Some((dir, name)) => (dir.to_owned(), name),
        None => (String::new(), path),
    };
    let stem = name.strip_suffix(".md").expect("only .md files are documents");
    let (stem, language) = match split_language(stem, &config.languages) {
        (stem, None) => (stem, config.default_language.clone()),
        (stem, Some(lang)) if config.languages.iter().any(|l| l == lang) => (stem, lang.to_owned()),
        (_, Some(lang)) => {
            return Err(Diagnostic::file(
                file,
                format!(
                    "\"{lang}\" is not one of the site's languages ({}); add it to `languages` in ayuda.yaml",
                    config.languages.join(", ")
                ),
            ))
        }
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
        source_hash,
    };
    Ok((doc, split.body.len(), problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    /// What `load_file` makes of `content/NAME` holding a draft.
    fn load_draft(name: &str) -> (Loaded, Vec<Diagnostic>) {
        let mut source = MemorySource::new();
        let file = format!("content/{name}");
        source.insert(file.clone(), "---\ntitle: X\ndraft: true\n---\nsecreto\n");
        let config =
            SiteConfig::parse("title: Ayuda\nbase_url: https://ayuda.example.com\n", Path::new("ayuda.yaml"));
        load_file(&source, &file, &config.unwrap(), false)
    }

    #[test]
    fn markdown_not_named_md_is_an_error_never_a_copied_file() {
        for (name, extension, stem) in [
            ("soporte/NOTA.MD", "MD", "NOTA"),
            ("guia.Md", "Md", "guia"),
            ("guia.markdown", "markdown", "guia"),
            ("guia.en.MARKDOWN", "MARKDOWN", "guia.en"),
            ("a.mkd", "mkd", "a"),
        ] {
            let (loaded, problems) = load_draft(name);
            assert!(matches!(loaded, Loaded::Unpublished(Unpublished::FailedToLoad)), "{name}");
            let expected = format!(
                "content/{name}: a page's file name must end in .md, in small letters, and this one ends in \
                 .{extension}: it is not published (help: rename it {stem}.md)"
            );
            assert_eq!(problems.iter().map(ToString::to_string).collect::<Vec<_>>(), [expected], "{name}");
        }
        assert!(matches!(load_draft("soporte/nota.md").0, Loaded::Unpublished(Unpublished::Draft)));
        for asset in ["notas.txt", "md", ".MD", "guia.mdx", "guia.md.bak"] {
            assert!(
                matches!(load_draft(asset), (Loaded::Asset(_), ref problems) if problems.is_empty()),
                "{asset}"
            );
        }
    }

    #[test]
    fn a_language_suffix_is_a_site_language_or_reads_as_a_language_code() {
        let languages = ["es".to_owned(), "zh-Hant-TW".to_owned()];
        for (name, split) in [
            ("guia", ("guia", None)),
            ("guia.en", ("guia", Some("en"))),
            ("guia.pt-BR", ("guia", Some("pt-BR"))),
            ("guia.es-419", ("guia", Some("es-419"))),
            ("guia.EN", ("guia", Some("EN"))),
            ("guia.zh-Hant-TW", ("guia", Some("zh-Hant-TW"))),
            ("version-2.0", ("version-2.0", None)),
            ("notas.borrador", ("notas.borrador", None)),
            (".en", (".en", None)),
        ] {
            assert_eq!(split_language(name, &languages), split, "{name}");
        }
    }
}
