//! `ayuda init`: the starter site, written into a new or empty folder.

use crate::front_matter::dates;
use crate::write::{already_exists, write_new};
use chrono::NaiveDate;
use diagnostics::Diagnostic;
use include_dir::{include_dir, Dir};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The starter sites: `common/` (the files of every language), `es/` and `en/`.
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// The language a starter site is written in: its texts, its `default_language` and its
/// SLA policy's names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// Spanish (`es`).
    Spanish,
    /// English (`en`).
    English,
}

impl Language {
    /// The language code: `es`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Spanish => "es",
            Language::English => "en",
        }
    }
}

/// Writes the starter site in `language` into `dir`, which must be missing (it is created),
/// empty, or a fresh clone of a repository: only repository files (`.git`, a README, a
/// LICENSE), none of which the starter writes. Its articles are dated `today`. Returns the files written, relative to
/// `dir`, in path order. Any other folder is refused before anything is written.
pub fn init(dir: &Path, language: Language, today: NaiveDate) -> Result<Vec<PathBuf>, Diagnostic> {
    let files = starter_files(language, today);
    refuse_unless_free(dir, &files)?;
    for (path, text) in &files {
        let target = dir.join(path);
        write_new(&target, text, &target)?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Whether an entry of a folder is one a repository holds before it holds a site: Git's own
/// (`.git`, `.gitattributes`, `.gitignore`) and the README and LICENSE that a new repository
/// may be created with (any extension: `README.md`, `LICENSE.txt`).
fn is_repository_file(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    matches!(name, ".git" | ".gitattributes" | ".gitignore")
        || matches!(stem.as_str(), "README" | "LICENSE" | "LICENCE" | "COPYING")
}

/// Accepts a folder that does not exist, holds nothing, or holds only repository files that
/// the starter `files` do not write over.
fn refuse_unless_free(dir: &Path, files: &[(PathBuf, String)]) -> Result<(), Diagnostic> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(_) if dir.is_file() => {
            return Err(Diagnostic::file(dir, "is a file: ayuda init writes a new folder"))
        }
        Err(e) => return Err(Diagnostic::file(dir, format!("cannot read the folder: {e}"))),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Diagnostic::file(dir, format!("cannot read the folder: {e}")))?;
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_repository_file) {
            return Err(Diagnostic::file(
                dir,
                "the folder is not empty: ayuda init writes only into a new or empty folder, \
                 or one that holds only a repository's .git, README and LICENSE",
            )
            .with_help(format!(
                "choose a new folder name (ayuda init creates it), or move {} away",
                Path::new(&name).display()
            )));
        }
        if let Some((path, _)) = files.iter().find(|(path, _)| path.starts_with(&name)) {
            return Err(already_exists(&dir.join(&name)).with_help(format!(
                "ayuda init writes its own {}: move yours away, run ayuda init again, then merge the two",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Every file of the starter site in `language`, by its path in the site, in path order;
/// articles (the Markdown files that are not `_index`) get `date` and `updated` lines.
fn starter_files(language: Language, today: NaiveDate) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for part in ["common", language.code()] {
        let root = STARTER.get_dir(part).unwrap_or_else(|| panic!("the starter has {part}/"));
        collect(root, Path::new(part), &mut files);
    }
    for (path, text) in &mut files {
        let is_article = path.extension().is_some_and(|e| e == "md")
            && !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("_index"));
        if is_article {
            *text = dated(text, today);
        }
    }
    files.sort();
    files
}

/// The files under `dir`, their paths relative to `part`.
fn collect(dir: &Dir<'static>, part: &Path, files: &mut Vec<(PathBuf, String)>) {
    for file in dir.files() {
        let path = file.path().strip_prefix(part).expect("under its part").to_owned();
        let text = file.contents_utf8().unwrap_or_else(|| panic!("{} is UTF-8", path.display()));
        files.push((path, text.to_owned()));
    }
    for inner in dir.dirs() {
        collect(inner, part, files);
    }
}

/// A starter article with its dates, written after its title (the front matter's first line).
fn dated(text: &str, today: NaiveDate) -> String {
    let title_end = text.match_indices('\n').nth(1).map(|(at, _)| at + 1).expect("front matter");
    format!("{}{}{}", &text[..title_end], dates(today), &text[title_end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::front_matter::split;

    #[test]
    fn every_starter_page_has_a_title_and_every_article_the_day_it_was_written() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        for language in [Language::Spanish, Language::English] {
            let files = starter_files(language, today);
            let pages: Vec<_> = files.iter().filter(|(path, _)| path.starts_with("content")).collect();
            assert_eq!(pages.len(), 7, "{language:?}: home, 2 sections, 2 articles, FAQ, SLA page");
            for (path, text) in pages {
                assert!(text.starts_with("---\ntitle: "), "{}", path.display());
                let (parsed, problems) = split(path, text).unwrap();
                assert!(problems.is_empty(), "{}: {problems:?}", path.display());
                let is_index = path.file_name().unwrap().to_string_lossy().starts_with("_index");
                let expected = (!is_index).then_some(today);
                assert_eq!(
                    (parsed.front.date, parsed.front.updated),
                    (expected, expected),
                    "{}",
                    path.display()
                );
            }
            let names: Vec<_> = files.iter().map(|(path, _)| path.to_string_lossy().into_owned()).collect();
            for wanted in [".github/workflows/pages.yml", ".gitignore", "ayuda.yaml", "sla.yaml"] {
                assert!(names.iter().any(|n| n == wanted), "{language:?} has {wanted}: {names:?}");
            }
        }
    }

    #[test]
    fn the_starter_policies_year_end_closure_comes_back_every_year() {
        // A one-off closed day (`closed: [2026-12-24]`) is stale the year after: the closure is
        // a rule (`date: "12-24"`).
        for language in [Language::Spanish, Language::English] {
            let files = starter_files(language, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
            let policy = &files.iter().find(|(path, _)| path == Path::new("sla.yaml")).unwrap().1;
            let policy = model::policy::policy_from_text(policy, Path::new("sla.yaml")).unwrap();
            for year in [2026, 2040] {
                let christmas_eve = NaiveDate::from_ymd_opt(year, 12, 24).unwrap();
                let closed: Vec<NaiveDate> = policy.holidays.in_year(year).iter().map(|h| h.date).collect();
                assert!(closed.contains(&christmas_eve), "{language:?}: the year-end closure in {year}");
            }
        }
    }

    #[test]
    fn each_starter_site_is_in_its_language() {
        for language in [Language::Spanish, Language::English] {
            let files = starter_files(language, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
            let config = &files.iter().find(|(path, _)| path == Path::new("ayuda.yaml")).unwrap().1;
            let config = model::config::SiteConfig::parse(config, Path::new("ayuda.yaml")).unwrap();
            assert_eq!(config.default_language, language.code());
            assert_eq!(config.languages, [language.code()]);
        }
    }
}
