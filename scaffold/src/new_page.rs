//! `ayuda new`: one new page (an article, a section, a page of questions) in a site's
//! `content/`, with its front matter, dated the day it is written.

use crate::front_matter::front_matter;
use crate::write::{already_exists, write_new};
use chrono::NaiveDate;
use diagnostics::Diagnostic;
use include_dir::{include_dir, Dir};
use model::config::SiteConfig;
use model::content::{split_language, CONTENT};
use model::front_matter::split;
use model::site::read_config;
use model::FsSource;
use std::path::{Path, PathBuf};

/// The bodies of new pages, by language: `es/article.md`, `en/faq.md`, …
static BODIES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/new");

/// What kind of page to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// An article: `content/PATH.md`, in an existing section.
    Article,
    /// A section: `content/PATH/_index.md`, in an existing section or at the top.
    Section,
    /// A page of questions (`faq: true`, each `##` heading a question): `content/PATH.md`.
    Faq,
}

impl PageKind {
    fn name(self) -> &'static str {
        match self {
            PageKind::Article => "article",
            PageKind::Section => "section",
            PageKind::Faq => "faq",
        }
    }
}

/// A page to write.
#[derive(Clone, Copy, Debug)]
pub struct NewPage<'a> {
    /// What kind of page.
    pub kind: PageKind,
    /// Where, relative to `content/`, with or without `.md`: `facturacion/exportar`. An article
    /// in another language of the site ends in its code: `facturacion/exportar.en`.
    pub path: &'a str,
    /// The title; without one, the file name's words (`exportar-informes`: "Exportar informes").
    pub title: Option<&'a str>,
    /// The page's `date` and `updated`.
    pub today: NaiveDate,
}

/// What [`new_page`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The files, relative to the site root: the page, then a section's other languages.
    pub files: Vec<PathBuf>,
    /// Their title.
    pub title: String,
    /// The page's menu weight (the first file's), set to come after the pages beside it;
    /// `None` when none of those has a weight.
    pub weight: Option<i64>,
}

/// A page's place in `content/`, checked.
struct Place<'a> {
    /// The folders above it, each a part of `PATH`: `["facturacion"]`.
    folders: Vec<&'a str>,
    /// Its name: the file's, or the section's folder's.
    name: &'a str,
    /// Its language code, when not the site's default one.
    language: Option<&'a str>,
}

/// Writes a new page into the site at `root` (which has `ayuda.yaml`): the page, and for a
/// section its `_index.LANG.md` in each other language its parent section has, so that the
/// site checks clean. Each file gets a `weight` that puts it after the pages beside it in its
/// language's menus (a translation, the weight of the page it translates). A path typed from the site
/// root (`content/facturacion/exportar`) is read from `content/`. Refuses, writing nothing,
/// a path that leaves `content/` or is not a published name, a file that exists, a page
/// whose section does not exist (create the section first) or is an article, and a page whose
/// address another page has.
pub fn new_page(root: &Path, page: &NewPage) -> Result<Written, Diagnostic> {
    // The site's configuration, for its languages, read as the build reads it.
    let (_, config) = read_config(&FsSource::new(root))?;
    let page = &NewPage { path: from_content(root, page.path), ..*page };
    let place = place(page, &config)?;
    let title = match page.title {
        Some(title) if title.trim().is_empty() => {
            return Err(Diagnostic::file(Path::new(page.path), "--title is empty"))
        }
        Some(title) => title.trim().to_owned(),
        None => title_of(place.name),
    };
    let folder = place.folders.iter().fold(PathBuf::from(CONTENT), |path, part| path.join(part));
    let suffix = |language: Option<&str>| language.map_or(String::new(), |code| format!(".{code}"));
    let mut files = Vec::new();
    match page.kind {
        PageKind::Article | PageKind::Faq => {
            require_section(root, &folder, &place.folders, place.language)?;
            let file = folder.join(format!("{}{}.md", place.name, suffix(place.language)));
            let section = folder.join(place.name);
            if root.join(&section).is_dir() {
                return Err(same_address(&file, &section, "the folder"));
            }
            let original = folder.join(format!("{}.md", place.name));
            let weight = match place.language {
                Some(_) if root.join(&original).is_file() => {
                    weight_of(&root.join(&original)).filter(|w| *w != 0)
                }
                _ => weight_after_siblings(root, &folder, page.kind, place.language, &config),
            };
            let language = place.language.unwrap_or(&config.default_language);
            files.push((file, body(page.kind, language), weight));
        }
        PageKind::Section => {
            require_section(root, &folder, &place.folders, None)?;
            let article = folder.join(format!("{}.md", place.name));
            if root.join(&article).exists() {
                return Err(same_address(
                    &folder.join(place.name).join("_index.md"),
                    &article,
                    "the article",
                ));
            }
            let translated = other_languages(&config)
                .filter(|code| root.join(&folder).join(format!("_index.{code}.md")).is_file());
            for language in std::iter::once(&config.default_language).chain(translated) {
                let other = (*language != config.default_language).then_some(language.as_str());
                let file = folder.join(place.name).join(format!("_index{}.md", suffix(other)));
                let weight = weight_after_siblings(root, &folder, page.kind, other, &config);
                files.push((file, body(page.kind, language), weight));
            }
        }
    }
    if let Some((file, ..)) = files.iter().find(|(file, ..)| root.join(file).exists()) {
        return Err(already_exists(file));
    }
    for (file, body, weight) in &files {
        let text = format!("{}{body}", front_matter(&title, page.today, *weight, page.kind == PageKind::Faq));
        write_new(&root.join(file), &text, file)?;
    }
    let weight = files.first().and_then(|(_, _, weight)| *weight);
    Ok(Written { files: files.into_iter().map(|(file, ..)| file).collect(), title, weight })
}

/// The weight that puts a new page of `kind` in `folder` after the pages beside it in the
/// menus of its `language` (`None`: the site's default one): the articles of that folder, or
/// the sections in it, in that language. 10 more than the highest of their weights; `None`
/// when none has one, since then they are in title order, and so is the new page.
fn weight_after_siblings(
    root: &Path,
    folder: &Path,
    kind: PageKind,
    language: Option<&str>,
    config: &SiteConfig,
) -> Option<i64> {
    let index = format!("_index{}.md", language.map_or(String::new(), |code| format!(".{code}")));
    let weights: Vec<i64> = std::fs::read_dir(root.join(folder))
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let sibling = match kind {
                PageKind::Section => entry.path().join(&index),
                PageKind::Article | PageKind::Faq => {
                    let name = entry.file_name().into_string().ok()?;
                    let stem = name.strip_suffix(".md").filter(|stem| !stem.starts_with("_index"))?;
                    (split_language(stem, &config.languages).1 == language).then(|| entry.path())?
                }
            };
            weight_of(&sibling)
        })
        .collect();
    let highest = weights.iter().max()?;
    weights.iter().any(|weight| *weight != 0).then_some(highest + 10)
}

/// The `weight` of the page in `file`, read as the build reads it; `None` when it is no page.
fn weight_of(file: &Path) -> Option<i64> {
    let text = std::fs::read_to_string(file).ok()?;
    let (split, _) = split(file, &text).ok()?;
    Some(split.front.weight)
}

/// `PATH` relative to `content/`: without the `content/` of a path typed from the site root,
/// unless the site has a section of that name (`content/content/`).
fn from_content<'a>(root: &Path, path: &'a str) -> &'a str {
    match path.strip_prefix(CONTENT).and_then(|rest| rest.strip_prefix('/')) {
        Some(rest) if !root.join(CONTENT).join(CONTENT).is_dir() => rest,
        _ => path,
    }
}

/// Checks `PATH` and splits it into folders, name and language.
fn place<'a>(page: &NewPage<'a>, config: &'a SiteConfig) -> Result<Place<'a>, Diagnostic> {
    let refuse = |message: String| Err(Diagnostic::file(Path::new(page.path), message));
    let path = page.path.strip_suffix(".md").unwrap_or(page.path);
    if path.starts_with('/') || Path::new(path).is_absolute() || path.contains('\\') {
        return refuse("PATH is relative to content/, with / between folders: facturacion/exportar".into());
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    if let Some(bad) = parts.iter().find(|part| matches!(**part, "" | "." | "..")) {
        let what = if bad.is_empty() { "an empty part".to_owned() } else { format!("`{bad}`") };
        return refuse(format!(
            "PATH has {what}: it must name a place inside content/, like facturacion/exportar"
        ));
    }
    let last = parts.pop().expect("split gives a part");
    let (name, language) = match split_language(last, &config.languages) {
        (name, None) => (name, None),
        (_, Some(code)) if is_other_language(code, config) && page.kind == PageKind::Section => {
            let section = path.strip_suffix(&format!(".{code}")).unwrap_or(path);
            return refuse(format!(
                "a section is named without a language: ayuda new section {section} writes its _index.{code}.md too, when its parent section has one"
            ));
        }
        (name, Some(code)) if is_other_language(code, config) => (name, Some(code)),
        // `guia.en` or `guia.pt-BR` where that is no other language of the site: say that, as
        // the build does, not that the name is not as published.
        (_, Some(code)) => {
            let others: Vec<&str> = other_languages(config).map(String::as_str).collect();
            let has = if others.is_empty() { "none".to_owned() } else { others.join(", ") };
            return Err(Diagnostic::file(
                Path::new(page.path),
                format!(
                    "\".{code}\" names a translation, and {code} is not one of the site's other languages ({has})"
                ),
            )
            .with_help(format!(
                "add {code} to `languages` in ayuda.yaml, or leave .{code} out for a page in {}",
                config.default_language
            )));
        }
    };
    if let Some(hidden) = parts.iter().chain([&name]).find(|part| part.starts_with('.')) {
        return refuse(format!("\"{hidden}\" starts with `.`: the build skips hidden files and folders"));
    }
    let slug = text::slugify(name);
    if slug != name {
        return Err(Diagnostic::file(
            Path::new(page.path),
            format!("\"{name}\" is not a name as published: lowercase letters, digits and -"),
        )
        .with_help(format!("write it {slug}, and the title with --title")));
    }
    Ok(Place { folders: parts, name, language })
}

/// The site's languages other than the default one.
fn other_languages(config: &SiteConfig) -> impl Iterator<Item = &String> {
    config.languages.iter().filter(|code| **code != config.default_language)
}

/// Whether `code` is one of the site's languages other than the default one.
fn is_other_language(code: &str, config: &SiteConfig) -> bool {
    other_languages(config).any(|language| language == code)
}

/// Refuses a page whose folder has no section page in its language.
fn require_section(
    root: &Path,
    folder: &Path,
    folders: &[&str],
    language: Option<&str>,
) -> Result<(), Diagnostic> {
    let index = folder.join(match language {
        Some(code) => format!("_index.{code}.md"),
        None => "_index.md".to_owned(),
    });
    if root.join(&index).is_file() {
        return Ok(());
    }
    let problem = Diagnostic::file(&index, "does not exist: a new page goes into an existing section");
    if let (Some(last), Some(parent)) = (folders.last(), folder.parent()) {
        let article = parent.join(format!("{last}.md"));
        if root.join(&article).is_file() {
            return Err(Diagnostic::file(
                &index,
                format!(
                    "does not exist: {} is an article, not a section, and a new page goes into a section",
                    article.display()
                ),
            )
            .with_help(format!(
                "put the page beside that article, in {}/, or make the article a section first by moving it to {}",
                parent.display(),
                index.with_file_name("_index.md").display()
            )));
        }
    }
    Err(match (folders.is_empty(), language) {
        (true, _) => problem.with_help("this site has no home page for that language: write it first"),
        (false, None) => {
            problem.with_help(format!("create the section first: ayuda new section {}", folders.join("/")))
        }
        (false, Some(code)) => problem
            .with_help(format!("write the section's {code} version first, with its title in that language")),
    })
}

/// The refusal of a page at the address of another.
fn same_address(file: &Path, other: &Path, what: &str) -> Diagnostic {
    Diagnostic::file(
        file,
        format!("{what} {} would have the same address: choose another name", other.display()),
    )
}

/// The body of a new page of `kind` in `language` (`es-CO` gets the Spanish one; English for a
/// language without bodies).
fn body(kind: PageKind, language: &str) -> String {
    let code = text::Language::from_tag(language).code().unwrap_or("en");
    let file = BODIES.get_file(format!("{code}/{}.md", kind.name())).expect("es and en have bodies");
    file.contents_utf8().expect("the bodies are UTF-8").to_owned()
}

/// A title from a file name: its words, the first one capitalised.
fn title_of(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_the_file_names_words() {
        assert_eq!(title_of("exportar-informes"), "Exportar informes");
        assert_eq!(title_of("api"), "Api");
        assert_eq!(title_of("2fa-setup"), "2fa setup");
    }

    #[test]
    fn every_kind_has_a_body_in_each_starter_language() {
        for kind in [PageKind::Article, PageKind::Section, PageKind::Faq] {
            for language in ["es", "en"] {
                assert!(BODIES.get_file(format!("{language}/{}.md", kind.name())).is_some());
            }
            assert_eq!(body(kind, "pt"), body(kind, "en"));
            assert_eq!(body(kind, "es-CO"), body(kind, "es"));
            assert_eq!(body(kind, "en-US"), body(kind, "en"));
        }
    }
}
