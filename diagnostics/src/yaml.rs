//! Positions in YAML text: yaml_serde's errors moved to file lines, and where a key or
//! value is written, for problems found after parsing.

use crate::line_column;

/// A YAML error's position in its file, for the text `yaml` that starts on line `first_line`
/// of the file, and its message: yaml_serde's " at line L column C" parts, which count from
/// the YAML's own first line, are dropped where they repeat that position and moved to file
/// lines elsewhere. The position is found from the error's byte offset, so that lines are
/// counted as every diagnostic counts them (YAML also breaks lines at a lone carriage return).
pub fn yaml_error(
    error: &yaml_serde::Error,
    yaml: &str,
    first_line: usize,
) -> (Option<(usize, usize)>, String) {
    const AT: &str = " at line ";
    let location = error.location().map(|l| (l.line(), l.column()));
    let placed = error.location().map(|l| match yaml.is_char_boundary(l.index()) {
        true => line_column(yaml, l.index()),
        false => (l.line(), l.column()),
    });
    let message = error.to_string();
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(at) = rest.find(AT) {
        out.push_str(&rest[..at]);
        let after = &rest[at + AT.len()..];
        let digits = |text: &str| text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_end = digits(after);
        let place = after[line_end..].strip_prefix(" column ").and_then(|columns| {
            let column_end = digits(columns);
            let position = (after[..line_end].parse().ok()?, columns[..column_end].parse().ok()?);
            Some((position, &columns[column_end..]))
        });
        match place {
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
    // The key's value ends where the next top-level key starts.
    let end = (key_index + 1..lines.len())
        .find(|&i| lines[i].starts_with(|c: char| !c.is_whitespace() && c != '-' && c != '#'))
        .unwrap_or(lines.len());
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
        #[allow(dead_code)]
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
        #[allow(dead_code)]
        struct Page {
            title: String,
            weight: Option<i64>,
        }
        let yaml = "title: Uno\nweight: 2\ntitle: Dos\n";
        let error = yaml_serde::from_str::<Page>(yaml).unwrap_err();
        let (position, message) = yaml_error(&error, yaml, 2);
        assert_eq!((position, message.as_str()), (Some((4, 1)), "duplicate field `title`"));
    }
}
