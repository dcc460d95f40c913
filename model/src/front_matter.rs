//! Front matter: the YAML block between `---` lines at the top of a Markdown file.

use chrono::{Datelike, NaiveDate};
use diagnostics::{yaml_error, yaml_key_position, yaml_value_positions, yaml_value_start, Diagnostic};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops::RangeInclusive;
use std::path::Path;

/// What a page or section says about itself.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The title (required).
    pub title: String,
    /// One line for search results, cards and sharing.
    #[serde(default)]
    pub description: Option<String>,
    /// First published.
    #[serde(default, deserialize_with = "page_date")]
    pub date: Option<NaiveDate>,
    /// Last updated.
    #[serde(default, deserialize_with = "page_date")]
    pub updated: Option<NaiveDate>,
    /// Menu order (then title).
    #[serde(default)]
    pub weight: i64,
    /// Tags, for related articles (none empty).
    #[serde(default, deserialize_with = "tags")]
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
    /// Shown on the home page of its language: an article among the featured ones, a FAQ
    /// page's first questions among the most asked.
    #[serde(default)]
    pub featured: bool,
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

/// The years a page's `date` and `updated` (and a banner's `until`) may have: those of the SLA
/// engine's calendar, from the Unix epoch on. A year outside them is a typo or a placeholder
/// (`0000-01-01`).
pub const PAGE_YEARS: RangeInclusive<i32> = 1970..=2100;

/// A text value checked as it is read, so that YAML places its error at the value.
trait Checked {
    /// What it becomes.
    type Value;
    /// What is expected, for YAML's "invalid type" errors.
    const EXPECTING: &'static str;
    /// The value of `text`, or what is wrong with it.
    fn check(text: &str) -> Result<Self::Value, String>;
}

/// A value read as `C` checks it.
struct Read<C: Checked>(C::Value);

impl<'de, C: Checked> Deserialize<'de> for Read<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Read<C>, D::Error> {
        deserializer.deserialize_str(ReadVisitor::<C>(PhantomData))
    }
}

struct ReadVisitor<C>(PhantomData<C>);

impl<C: Checked> Visitor<'_> for ReadVisitor<C> {
    type Value = Read<C>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(C::EXPECTING)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Read<C>, E> {
        C::check(text).map(Read).map_err(E::custom)
    }
}

/// A `YYYY-MM-DD` date in [`PAGE_YEARS`].
enum PageDate {}

impl Checked for PageDate {
    type Value = NaiveDate;
    const EXPECTING: &'static str = "a date YYYY-MM-DD";
    fn check(text: &str) -> Result<NaiveDate, String> {
        let date: NaiveDate = text.parse().map_err(|e: chrono::ParseError| match e.kind() {
            chrono::format::ParseErrorKind::OutOfRange => format!("{text} is no day of the calendar"),
            _ => format!("{text} is not a date written YYYY-MM-DD"),
        })?;
        if !PAGE_YEARS.contains(&date.year()) {
            let (first, last) = (PAGE_YEARS.start(), PAGE_YEARS.end());
            return Err(format!("{text} is outside the years {first} to {last}"));
        }
        Ok(date)
    }
}

/// A tag that is not empty.
enum Tag {}

impl Checked for Tag {
    type Value = String;
    const EXPECTING: &'static str = "a tag";
    fn check(text: &str) -> Result<String, String> {
        if text.trim().is_empty() {
            return Err("a tag cannot be empty".to_owned());
        }
        Ok(text.to_owned())
    }
}

/// An optional `YYYY-MM-DD` date in [`PAGE_YEARS`], for `deserialize_with`: a date that is no
/// day of the calendar, or not written so, is an error at the value.
pub(crate) fn page_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    Ok(Option::<Read<PageDate>>::deserialize(deserializer)?.map(|date| date.0))
}

fn tags<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<Read<Tag>>::deserialize(deserializer)?.into_iter().map(|tag| tag.0).collect())
}

/// What serde cannot see in YAML that parsed into `front`: a `title` that is null (`null`,
/// `~`, read as that text), and values with a custom tag (`!foo x`), which would be read as if
/// the tag were not there. Each problem is (line, column) in the file, for YAML that starts on
/// line `first_line`, and a message naming the field.
fn yaml_problems(yaml: &str, first_line: usize, front: &FrontMatter) -> Vec<((usize, usize), String)> {
    // Parsing the YAML again is a good part of loading a page, and most have neither
    // problem: a custom tag is written with `!`, and serde reads a null title as the text
    // that spells it.
    let null_title = matches!(front.title.as_str(), "null" | "Null" | "NULL" | "~");
    if !null_title && !yaml.contains('!') {
        return Vec::new();
    }
    let Ok(yaml_serde::Value::Mapping(fields)) = yaml_serde::from_str::<yaml_serde::Value>(yaml) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (key, value) in &fields {
        let Some(key) = key.as_str() else { continue };
        // An empty title is null too, and reported as empty.
        if key == "title" && value.is_null() && !front.title.trim().is_empty() {
            problems.push((
                yaml_value_start(yaml, first_line, key),
                "front matter: title: a null value is not a title: write the title, in quotes if it is the word itself".to_owned(),
            ));
        }
        if let Some(tag) = custom_tag(value) {
            let tag = tag.to_string();
            let position = yaml_value_positions(yaml, first_line, key, std::slice::from_ref(&tag))[0];
            problems.push((
                position,
                format!("front matter: {key}: the YAML tag {tag} is not read by ayuda: remove it, or quote a value that starts with !"),
            ));
        }
    }
    problems
}

/// The first custom tag in a YAML value, depth first.
fn custom_tag(value: &yaml_serde::Value) -> Option<&yaml_serde::value::Tag> {
    match value {
        yaml_serde::Value::Tagged(tagged) => Some(&tagged.tag),
        yaml_serde::Value::Sequence(items) => items.iter().find_map(custom_tag),
        yaml_serde::Value::Mapping(fields) => {
            fields.iter().find_map(|(k, v)| custom_tag(k).or(custom_tag(v)))
        }
        _ => None,
    }
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
        let (position, message) = yaml_error(&e, yaml, 2);
        let (line, column) = position.unwrap_or((1, 1));
        problems.push(Diagnostic::at(file, line, column, format!("front matter: {message}")));
        stand_in()
    });
    if problems.is_empty() {
        problems.extend(
            yaml_problems(yaml, 2, &front)
                .into_iter()
                .map(|((line, column), message)| Diagnostic::at(file, line, column, message)),
        );
    }
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
        let lone_carriage_return = problem("---\ntitle: a\r\"b\n---\n");
        assert_eq!(
            (lone_carriage_return.line, lone_carriage_return.column),
            (Some(3), Some(1)),
            "YAML breaks the line at the carriage return, the file's lines do not: {lone_carriage_return}"
        );
        let open = problem("---\ntitle: [x\nweight: 2\n---\n");
        assert_eq!(
            (open.line, open.column, open.message.as_str()),
            (
                Some(2),
                Some(8),
                "front matter: a `[` is not closed, or a `,` is missing inside it: YAML expected `,` or `]` at line 3 column 7; \
                 a text that starts with `[` goes in quotes"
            )
        );
        let colon = problem("---\ntitle: Paso 1: crear la cuenta\n---\n");
        assert_eq!(
            (colon.line, colon.column, colon.message.as_str()),
            (
                Some(2),
                Some(14),
                "front matter: a `: ` inside a value reads as a key (YAML: mapping values are not allowed in this context); \
                 a text with `: ` goes in quotes: `title: \"Paso 1: crear la cuenta\"`"
            )
        );
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

    #[test]
    fn null_titles_custom_tags_empty_tags_and_dates_out_of_range_are_placed_at_the_value() {
        let report = |text: &str| {
            let (_, problems) = split(Path::new("a.md"), text).unwrap();
            problems.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        let null = "a.md:3:8: front matter: title: a null value is not a title: write the title, in quotes if it is the word itself";
        assert_eq!(report("---\nweight: 1\ntitle: null\n---\n"), [null]);
        assert_eq!(report("---\nweight: 1\ntitle: ~\n---\n"), [null]);
        assert_eq!(report("---\nweight: 1\ntitle: Null\n---\n"), [null]);
        assert_eq!(report("---\nweight: 1\ntitle: NULL # nada\n---\n"), [null]);
        assert_eq!(report("---\nweight: 1\ntitle: &t null\n---\n"), [null]);
        assert_eq!(report("---\ntitle: \"null\"\n---\n"), [""; 0], "a quoted null is text");
        assert_eq!(report("---\ntitle:\n---\n"), ["a.md:2:1: front matter: the title is empty"]);
        assert_eq!(
            report("---\ntitle: !foo x\n---\n"),
            ["a.md:2:8: front matter: title: the YAML tag !foo is not read by ayuda: remove it, or quote a value that starts with !"]
        );
        assert_eq!(
            report("---\ntitle: a\nextra:\n  b: 1\n  c: !color rojo\n---\n"),
            ["a.md:5:6: front matter: extra: the YAML tag !color is not read by ayuda: remove it, or quote a value that starts with !"]
        );
        assert_eq!(
            report("---\ntitle: a\ntags: [a, \"\"]\n---\n"),
            ["a.md:3:11: front matter: tags[1]: a tag cannot be empty"]
        );
        assert_eq!(
            report("---\ntitle: a\ntags:\n  - a\n  - \" \"\n---\n"),
            ["a.md:5:5: front matter: tags[1]: a tag cannot be empty"]
        );
        assert_eq!(
            report("---\ntitle: a\ndate: 0000-01-01\n---\n"),
            ["a.md:3:7: front matter: date: 0000-01-01 is outside the years 1970 to 2100"]
        );
        assert_eq!(
            report("---\ntitle: a\nupdated: 2101-01-01\n---\n"),
            ["a.md:3:10: front matter: updated: 2101-01-01 is outside the years 1970 to 2100"]
        );
        assert_eq!(
            report("---\ntitle: a\ndate: 2025-13-45\n---\n"),
            ["a.md:3:7: front matter: date: 2025-13-45 is no day of the calendar"]
        );
        assert_eq!(
            report("---\ntitle: a\ndate: 5 de mayo\n---\n"),
            ["a.md:3:7: front matter: date: 5 de mayo is not a date written YYYY-MM-DD"]
        );
        assert_eq!(report("---\ntitle: a\ndate: 1970-01-01\nupdated: 2100-12-31\n---\n"), [""; 0]);
    }
}
