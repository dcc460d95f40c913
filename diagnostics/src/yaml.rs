//! Positions in YAML text: yaml_serde's errors moved to file lines, and where a key or
//! value is written, for problems found after parsing.

use crate::line_column;

/// A YAML error's position in its file, for the text `yaml` that starts on line `first_line`
/// of the file, and its message: yaml_serde's " at line L column C" parts, which count from
/// the YAML's own first line, are dropped where they repeat that position and moved to file
/// lines elsewhere. The position is found from the error's byte offset, so that lines are
/// counted as every diagnostic counts them (YAML also breaks lines at a lone carriage return).
/// A syntax error of the text comes before `error`: yaml_serde reports a value of the wrong
/// type as soon as it reads it, before it reaches a `[` left open (`title: [x`).
pub fn yaml_error(
    error: &yaml_serde::Error,
    yaml: &str,
    first_line: usize,
) -> (Option<(usize, usize)>, String) {
    yaml_syntax_error(yaml, first_line).unwrap_or_else(|| placed(error, yaml, first_line))
}

/// The first syntax error of the text `yaml` that starts on line `first_line` of its file,
/// placed and said as [`yaml_error`] does; `None` when the text is well formed. (An error
/// without a place, such as a second document, is left to the reader of the text's values,
/// which may have more to say.)
pub fn yaml_syntax_error(yaml: &str, first_line: usize) -> Option<(Option<(usize, usize)>, String)> {
    let error =
        yaml_serde::from_str::<serde::de::IgnoredAny>(yaml).err().filter(|e| e.location().is_some())?;
    Some(placed(&error, yaml, first_line))
}

/// [`yaml_error`] for the error itself.
fn placed(error: &yaml_serde::Error, yaml: &str, first_line: usize) -> (Option<(usize, usize)>, String) {
    let location = error.location().map(|l| (l.line(), l.column()));
    let placed = error.location().map(|l| match yaml.is_char_boundary(l.index()) {
        true => line_column(yaml, l.index()),
        false => (l.line(), l.column()),
    });
    let message = error.to_string();
    if let Some((at, said)) = unclosed_flow(&message, yaml, first_line) {
        return (Some(at), said);
    }
    if let Some(said) = error.location().and_then(|l| colon_in_value(&message, yaml, l.index())) {
        return (placed.map(|(line, column)| (line + first_line - 1, column)), said);
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(at) = rest.find(AT) {
        out.push_str(&rest[..at]);
        let after = &rest[at + AT.len()..];
        match line_and_column(after) {
            Some((position, tail)) => {
                if Some(position) != location {
                    out.push_str(&format!("{AT}{} column {}", position.0 + first_line - 1, position.1));
                }
                rest = tail;
            }
            None => {
                out.push_str(AT);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    // yaml_serde places a repeated key at the start of its mapping: the repeat is the mistake.
    let placed = placed.map(|at| repeated_key(yaml, &out, at).unwrap_or(at));
    (placed.map(|(line, column)| (line + first_line - 1, column)), in_words(&out))
}

/// How yaml_serde's messages give a position: " at line L column C".
const AT: &str = " at line ";

/// The `L column C` that starts `text` (after [`AT`]), and the text after it.
fn line_and_column(text: &str) -> Option<((usize, usize), &str)> {
    let digits = |text: &str| text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let line_end = digits(text);
    let columns = text[line_end..].strip_prefix(" column ")?;
    let column_end = digits(columns);
    Some(((text[..line_end].parse().ok()?, columns[..column_end].parse().ok()?), &columns[column_end..]))
}

/// For libyaml's error about a flow sequence or mapping that found no `,` nor its closing
/// bracket (`did not find expected ',' or ']' at line 2 column 1, while parsing a flow
/// sequence at line 1 column 8`): where the bracket is opened in the file, and a message that
/// says it is not closed, or lacks a comma (libyaml says the same of `[a b]`).
fn unclosed_flow(message: &str, yaml: &str, first_line: usize) -> Option<((usize, usize), String)> {
    let rest = message.strip_prefix("did not find expected ',' or '")?;
    let (open, close) = match rest.chars().next()? {
        ']' => ('[', ']'),
        '}' => ('{', '}'),
        _ => return None,
    };
    let (expected, opened) = line_and_column(rest.split_once(AT)?.1)?;
    let (opened, _) = line_and_column(opened.strip_prefix(", while parsing a flow ")?.split_once(AT)?.1)?;
    let (line, column) = line_column(yaml, libyaml_offset(yaml, opened)?);
    let expected = line_column(yaml, libyaml_offset(yaml, expected)?);
    Some((
        (line + first_line - 1, column),
        format!(
            "a `{open}` is not closed, or a `,` is missing inside it: YAML expected `,` or `{close}` at line {} column {}; a text that starts with `{open}` goes in quotes",
            expected.0 + first_line - 1,
            expected.1
        ),
    ))
}

/// For libyaml's error about a `: ` inside a plain value (`title: Paso 1: crear la cuenta`),
/// at byte `at` of `yaml`, the `:` it stopped at: a message that says such a text goes in
/// quotes, and shows the line so written. `None` for other errors, and where libyaml says
/// the same of a `:` that is not inside a value (a key indented under a value).
fn colon_in_value(message: &str, yaml: &str, at: usize) -> Option<String> {
    message.strip_prefix("mapping values are not allowed in this context")?;
    let is_break = |c: char| matches!(c, '\n' | '\r');
    let start = yaml.get(..at)?.rfind(is_break).map_or(0, |i| i + 1);
    let end = yaml[at..].find(is_break).map_or(yaml.len(), |i| at + i);
    let (key, _) = yaml[start..at].split_once(": ")?;
    let value = yaml[start + key.len() + 2..end].trim();
    // A plain value ends where a comment starts.
    let value = value.split_once(" #").map_or(value, |(value, _)| value).trim_end();
    let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!(
        "a `: ` inside a value reads as a key (YAML: mapping values are not allowed in this context); \
         a text with `: ` goes in quotes: `{}: \"{quoted}\"`",
        key.trim_start()
    ))
}

/// The byte offset of a 1-based (line, column) as libyaml counts them in `yaml`: lines break at
/// `\n`, `\r\n`, a lone `\r` and Unicode's line breaks, columns count characters.
fn libyaml_offset(yaml: &str, position: (usize, usize)) -> Option<usize> {
    let mut at = (1, 1);
    let mut chars = yaml.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if at == position {
            return Some(offset);
        }
        let crlf = c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n');
        at = match c {
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' if !crlf => (at.0 + 1, 1),
            _ => (at.0, at.1 + 1),
        };
    }
    (at == position).then_some(yaml.len())
}

/// For a `duplicate field` error about the mapping at `(line, column)` of `yaml`: where the
/// key is written the second time in that mapping.
fn repeated_key(yaml: &str, message: &str, (line, column): (usize, usize)) -> Option<(usize, usize)> {
    let key = message.strip_prefix("duplicate field `")?.split('`').next()?;
    let indent = column - 1;
    let mut written = yaml.lines().enumerate().skip(line - 1).filter(|(_, text)| {
        text.get(..indent).is_some_and(|lead| lead.chars().all(|c| c == ' ' || c == '-'))
            && text[indent..].strip_prefix(key).is_some_and(|after| after.trim_start().starts_with(':'))
    });
    written.nth(1).map(|(index, _)| (index + 1, column))
}

/// serde's names of Rust types (`expected i64`, `floating point`) in a message, said as a
/// writer says them.
fn in_words(message: &str) -> String {
    const WORDS: [(&str, &str); 10] = [
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u16", "expected a whole number, 0 or more"),
        ("expected u8", "expected a whole number, 0 or more"),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected f64", "expected a number"),
        ("floating point `", "number `"),
        ("expected a borrowed string", "expected a string"),
    ];
    WORDS.iter().fold(message.to_owned(), |text, (from, to)| text.replace(from, to))
}

/// Where each of the `values` of a top-level `key` is written in a YAML text that starts on
/// line `first_line` of its file, as (line, column): found by its text, in order, from the
/// key on. A value written with escapes (so not found verbatim) gets the key's position.
pub fn yaml_value_positions(
    yaml: &str,
    first_line: usize,
    key: &str,
    values: &[String],
) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(key_index) = key_line(&lines, key) else { return vec![(first_line, 1); values.len()] };
    let key_position = (key_index + first_line, 1);
    let end = value_end(&lines, key_index);
    // Searching resumes after the previous value, so a repeated value gets its own line.
    let mut cursor = (key_index, key.len());
    values
        .iter()
        .map(|value| {
            let found = (cursor.0..end).find_map(|index| {
                let from = if index == cursor.0 { cursor.1 } else { 0 };
                let at = lines[index].get(from..)?.find(value.as_str())? + from;
                Some((index, at))
            });
            match found {
                Some((index, at)) if !value.is_empty() => {
                    cursor = (index, at + value.len());
                    (index + first_line, lines[index][..at].chars().count() + 1)
                }
                _ => key_position,
            }
        })
        .collect()
}

/// The index of the line after the value of the top-level key on line `key_index`: where the
/// next top-level key starts.
fn value_end(lines: &[&str], key_index: usize) -> usize {
    (key_index + 1..lines.len())
        .find(|&i| lines[i].starts_with(|c: char| !c.is_whitespace() && c != '-' && c != '#'))
        .unwrap_or(lines.len())
}

/// Where the value of `field` in entry `index` (from 0) of the list under a top-level `key` is
/// written, in a YAML text that starts on line `first_line` of its file, as (line, column): for
/// a list written an entry a `-` (`- id: alta`, `- { id: alta }`, or `-` and the fields on the
/// lines below). `None` when it is not written so.
pub fn yaml_entry_value_position(
    yaml: &str,
    first_line: usize,
    key: &str,
    index: usize,
    field: &str,
) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let key_index = key_line(&lines, key)?;
    let end = value_end(&lines, key_index);
    let dash_at = |line: &str| {
        let entry = line.trim_start();
        (entry == "-" || entry.starts_with("- ")).then(|| line.len() - entry.len())
    };
    let dashes: Vec<(usize, usize)> =
        (key_index + 1..end).filter_map(|i| dash_at(lines[i]).map(|at| (i, at))).collect();
    // The list's own entries, not those of lists within them.
    let indent = dashes.first()?.1;
    let starts: Vec<usize> = dashes.iter().filter(|&&(_, at)| at == indent).map(|&(i, _)| i).collect();
    let start = *starts.get(index)?;
    let stop = starts.get(index + 1).copied().unwrap_or(end);
    (start..stop).find_map(|i| {
        let from = if i == start { indent + 1 } else { 0 };
        let at = field_value(&lines[i][from..], field)? + from;
        Some((i + first_line, lines[i][..at].chars().count() + 1))
    })
}

/// Where the value of `field` starts in a line of YAML (`id: alta`, `{ name: X, id: alta }`).
fn field_value(line: &str, field: &str) -> Option<usize> {
    line.match_indices(field).find_map(|(at, _)| {
        let own_key =
            line[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || c == '{' || c == ',');
        let after = line[at + field.len()..].trim_start_matches(' ');
        let value = after.strip_prefix(':').filter(|value| value.is_empty() || value.starts_with(' '))?;
        own_key.then(|| line.len() - value.trim_start_matches(' ').len())
    })
}

/// Where the value of a top-level `key` starts in a YAML text that starts on line `first_line`
/// of its file, as (line, column): after `key:` on its line, or the key's position when the
/// value is on the next lines (or the key is not there).
pub fn yaml_value_start(yaml: &str, first_line: usize, key: &str) -> (usize, usize) {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(index) = key_line(&lines, key) else { return (first_line, 1) };
    let line = lines[index];
    let after_colon = line.find(':').map_or(line.len(), |colon| colon + 1);
    let value = after_colon + (line[after_colon..].len() - line[after_colon..].trim_start().len());
    if value == line.len() || line[value..].starts_with('#') {
        return (index + first_line, 1);
    }
    (index + first_line, line[..value].chars().count() + 1)
}

/// Where a top-level `key` is written in a YAML text that starts on line `first_line` of its
/// file, as (line, column); the YAML's start when the key is not there.
pub fn yaml_key_position(yaml: &str, first_line: usize, key: &str) -> (usize, usize) {
    let lines: Vec<&str> = yaml.lines().collect();
    (key_line(&lines, key).unwrap_or(0) + first_line, 1)
}

/// The index of the line where a top-level `key` starts.
fn key_line(lines: &[&str], key: &str) -> Option<usize> {
    lines.iter().position(|line| line.split_once(':').is_some_and(|(name, _)| name.trim_end() == key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_type_names_are_said_in_words() {
        #[derive(Debug, serde::Deserialize)]
        #[expect(dead_code, reason = "only deserialized: the test reads the error")]
        struct Page {
            weight: i64,
        }
        let yaml = "weight: 1.5\n";
        let error = yaml_serde::from_str::<Page>(yaml).unwrap_err();
        let (position, message) = yaml_error(&error, yaml, 2);
        assert_eq!(position, Some((2, 9)));
        assert_eq!(message, "weight: invalid type: number `1.5`, expected a whole number");
    }

    #[test]
    fn a_repeated_key_is_placed_where_it_is_repeated() {
        #[derive(Debug, serde::Deserialize)]
        #[expect(dead_code, reason = "only deserialized: the test reads the error")]
        struct Page {
            title: String,
            weight: Option<i64>,
        }
        let yaml = "title: Uno\nweight: 2\ntitle: Dos\n";
        let error = yaml_serde::from_str::<Page>(yaml).unwrap_err();
        let (position, message) = yaml_error(&error, yaml, 2);
        assert_eq!((position, message.as_str()), (Some((4, 1)), "duplicate field `title`"));
    }

    #[test]
    fn an_entry_of_a_list_is_found_by_its_place() {
        let yaml = "a: 1\nlist:\n  - id: x\n    items:\n      - id: y\n  - { name: id, id: z }\n  -\n    id:  w\nb: 2\n";
        let id = |index| yaml_entry_value_position(yaml, 3, "list", index, "id");
        assert_eq!([id(0), id(1), id(2), id(3)], [Some((5, 9)), Some((8, 21)), Some((10, 10)), None]);
        assert_eq!(yaml_entry_value_position("list: [{ id: x }]\n", 1, "list", 0, "id"), None);
    }

    #[test]
    fn a_colon_inside_a_value_says_the_value_goes_in_quotes() {
        let error = |yaml: &str| yaml_syntax_error(yaml, 2).unwrap();
        let said = |written: &str| {
            format!(
                "a `: ` inside a value reads as a key (YAML: mapping values are not allowed in this context); \
                 a text with `: ` goes in quotes: `{written}`"
            )
        };
        assert_eq!(
            error("title: Paso 1: crear la cuenta\nweight: 2\n"),
            (Some((2, 14)), said("title: \"Paso 1: crear la cuenta\""))
        );
        assert_eq!(
            error("list:\n  - name: Nota: \"a\" \\ b # comentario\n"),
            (Some((3, 15)), said("- name: \"Nota: \\\"a\\\" \\\\ b\""))
        );
        // libyaml says the same of a key indented under a value: that is no value to quote.
        let (position, message) = error("title: a\n  weight: 2\n");
        assert_eq!(
            (position, message.as_str()),
            (Some((3, 9)), "mapping values are not allowed in this context")
        );
    }

    #[test]
    fn a_bracket_left_open_is_placed_where_it_opens() {
        #[derive(Debug, serde::Deserialize)]
        #[expect(dead_code, reason = "only deserialized: the test reads the error")]
        struct Page {
            title: String,
            description: Option<String>,
        }
        let error = |yaml: &str| yaml_error(&yaml_serde::from_str::<Page>(yaml).unwrap_err(), yaml, 2);
        let said = |open: char, close: char, expected: &str| {
            format!(
                "a `{open}` is not closed, or a `,` is missing inside it: YAML expected `,` or `{close}` \
                 at {expected}; a text that starts with `{open}` goes in quotes"
            )
        };
        for (yaml, open, close, expected) in [
            // A list where a text goes, read before the parser reaches the end of the list.
            ("title: [x\ndescription: y\n", '[', ']', "line 3 column 12"),
            ("title: {a: b\n", '{', '}', "line 3 column 1"),
            // libyaml says the same of a list that is closed but lacks a comma.
            ("title: [\"x\" y]\n", '[', ']', "line 2 column 13"),
        ] {
            assert_eq!(error(yaml), (Some((2, 8)), said(open, close, expected)), "{yaml}");
        }
        // libyaml breaks the line at a lone carriage return; the file's lines do not.
        assert_eq!(error("# a\rtitle: [x, y\n").0, Some((2, 12)));
    }
}
