//! Front matter: the YAML block between `---` lines at the top of a Markdown file.

use chrono::NaiveDate;
use diagnostics::{yaml_error, yaml_key_position, yaml_value_positions, Diagnostic};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What a page or section says about itself.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The title (required).
    pub title: String,
    /// One line for search results, cards and sharing.
    #[serde(default)]
    pub description: Option<String>,
    /// First published.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Last updated.
    #[serde(default)]
    pub updated: Option<NaiveDate>,
    /// Menu order (then title).
    #[serde(default)]
    pub weight: i64,
    /// Tags, for related articles.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// A template other than the default one.
    #[serde(default)]
    pub template: Option<String>,
    /// Each `##` heading is a question and what follows its answer.
    #[serde(default)]
    pub faq: bool,
    /// `false` leaves the page out of the search index (it is still built and listed).
    #[serde(default = "included")]
    pub search: bool,
    /// Anything else, for templates.
    #[serde(default)]
    pub extra: BTreeMap<String, yaml_serde::Value>,
}

fn included() -> bool {
    true
}

/// A Markdown file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The front matter.
    pub front: FrontMatter,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Lines before the body starts (to report body positions as file positions).
    pub body_line_offset: usize,
    /// Where some of its values are written in the file.
    pub positions: FieldPositions,
}

/// Where front-matter values are written in the file, as (line, column), for the problems
/// found after parsing (a colliding alias, a template that does not exist).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPositions {
    /// Each of `aliases`.
    pub aliases: Vec<(usize, usize)>,
    /// The `template` value.
    pub template: (usize, usize),
}

/// Splits and parses a file's front matter. Problems that leave the body known (no front
/// matter, YAML that does not parse, an empty title) come with a split whose front matter
/// is the default one titled with the file's name, so that the body is still checked; only a
/// front matter that is not closed, which hides where the body starts, is an error alone.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<(Split<'a>, Vec<Diagnostic>), Diagnostic> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let stand_in = || FrontMatter {
        title: file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        search: true,
        ..FrontMatter::default()
    };
    let Some(rest) = text_no_bom.strip_prefix("---").filter(|r| r.starts_with('\n') || r.starts_with("\r\n"))
    else {
        let problem = Diagnostic::at(
            file,
            1,
            1,
            "the file must start with front matter: a line `---`, YAML with at least `title:`, and a closing `---`",
        );
        let split = Split {
            front: stand_in(),
            body: text_no_bom,
            body_line_offset: 0,
            positions: FieldPositions::default(),
        };
        return Ok((split, vec![problem]));
    };
    let rest = rest.trim_start_matches('\r').strip_prefix('\n').unwrap_or(rest);
    let mut offset = 0;
    let mut closing = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            closing = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = closing else {
        return Err(Diagnostic::at(file, 1, 1, "the front matter is not closed: add a line `---` after it"));
    };
    let yaml = &rest[..yaml_end];
    let body = &rest[body_start..];
    let body_line_offset = 2 + yaml.matches('\n').count();
    let mut problems = Vec::new();
    let front: FrontMatter = yaml_serde::from_str(yaml).unwrap_or_else(|e| {
        // The YAML starts on the file's second line, after `---`.
        let (position, message) = yaml_error(&e, 2);
        let (line, column) = position.unwrap_or((1, 1));
        problems.push(Diagnostic::at(file, line, column, format!("front matter: {message}")));
        stand_in()
    });
    if front.title.trim().is_empty() {
        let (line, column) = yaml_key_position(yaml, 2, "title");
        problems.push(Diagnostic::at(file, line, column, "front matter: the title is empty"));
    }
    // The YAML starts on the file's second line, after `---`.
    let positions = FieldPositions {
        aliases: yaml_value_positions(yaml, 2, "aliases", &front.aliases),
        template: yaml_value_positions(yaml, 2, "template", front.template.as_slice())
            .first()
            .copied()
            .unwrap_or((2, 1)),
    };
    Ok((Split { front, body, body_line_offset, positions }, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let text = "---\ntitle: Hola\nweight: 2\n---\n\nCuerpo\n";
        let (split, problems) = split(Path::new("a.md"), text).unwrap();
        assert!(problems.is_empty());
        assert_eq!(split.front.title, "Hola");
        assert_eq!(split.body, "\nCuerpo\n");
        assert_eq!(split.body_line_offset, 4);
    }

    #[test]
    fn errors_point_into_the_file() {
        let problem = |text: &str| {
            let (_, mut problems) = split(Path::new("a.md"), text).unwrap();
            assert_eq!(problems.len(), 1, "{problems:?}");
            problems.remove(0)
        };
        let error = problem("---\ntitle: Hola\ncolor: red\n---\n");
        assert_eq!((error.line, error.column), (Some(3), Some(1)));
        assert!(error.message.contains("unknown field `color`"), "{}", error.message);
        let missing = problem("---\nweight: 1\n---\n");
        assert!(missing.message.contains("missing field `title`"), "{}", missing.message);
        let unclosed = split(Path::new("a.md"), "---\ntitle: Hola\n").unwrap_err();
        assert!(unclosed.message.contains("not closed"));
        let absent = problem("# Hola\n");
        assert!(absent.message.contains("must start with front matter"));
        let date = problem("---\ntitle: x\ndate: 2025-02-30\n---\n");
        assert_eq!(date.line, Some(3));
        let empty = problem("---\nweight: 2\ntitle: \"\"\n---\n");
        assert_eq!((empty.line, empty.message.as_str()), (Some(3), "front matter: the title is empty"));
    }

    #[test]
    fn a_page_with_front_matter_errors_keeps_its_body_to_be_checked() {
        let (broken, _) = split(Path::new("guia/a.md"), "---\nweight: x\n---\nVer [b](b.md)\n").unwrap();
        assert_eq!(
            (broken.front.title.as_str(), broken.body, broken.body_line_offset),
            ("a", "Ver [b](b.md)\n", 3)
        );
        let (bare, _) = split(Path::new("guia/a.md"), "Ver [b](b.md)\n").unwrap();
        assert_eq!((bare.body, bare.body_line_offset), ("Ver [b](b.md)\n", 0));
    }

    #[test]
    fn aliases_are_located_in_the_file() {
        let text = "---\ntitle: a\naliases:\n  - /viejo/\n  - \"/otro/\"\n  - /viejo/\n---\n";
        let (block, _) = split(Path::new("a.md"), text).unwrap();
        assert_eq!(block.positions.aliases, [(4, 5), (5, 6), (6, 5)]);
        let (flow, _) = split(Path::new("a.md"), "---\ntitle: a\naliases: [/a/, /b/]\n---\n").unwrap();
        assert_eq!(flow.positions.aliases, [(3, 11), (3, 16)]);
        let escaped = "---\ntitle: a\naliases: [\"/\\u00e1/\"]\ndescription: /á/\n---\n";
        let (escaped, _) = split(Path::new("a.md"), escaped).unwrap();
        assert_eq!(escaped.front.aliases, ["/á/"]);
        assert_eq!(escaped.positions.aliases, [(3, 1)], "not written verbatim: the key's position");
    }
}
