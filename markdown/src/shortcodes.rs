//! Shortcodes: `{{ name(key="value", n=3) }}` in Markdown, expanded before it is parsed.
//! One alone on its line is a block (its HTML replaces the line); inside text it is inline.
//! Shortcodes in code (spans, and blocks fenced or indented) are left alone.

use diagnostics::Diagnostic;
use pulldown_cmark::{Event, Parser, Tag};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// An argument value.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Value {
    /// `"text"`
    Text(String),
    /// `3`, `2.5`
    Number(f64),
    /// `true`, `false`
    Bool(bool),
}

/// Renders a shortcode: `Err` holds a message for the diagnostic.
pub trait ShortcodeRenderer {
    /// The HTML of shortcode `name`.
    fn render(&self, name: &str, args: &BTreeMap<String, Value>, block: bool) -> Result<String, String>;
}

/// A shortcode call found in a line.
struct Call {
    start: usize,
    end: usize,
    name: String,
    args: BTreeMap<String, Value>,
}

/// Where [`expand`] moved text: each replaced call's columns in the expanded line and in the
/// original one. Columns count characters, as diagnostics do.
#[derive(Debug, Default)]
pub struct ColumnMap(Vec<Replacement>);

/// A call replaced by its output, in 0-based character columns.
#[derive(Debug)]
struct Replacement {
    /// 1-based line of the body.
    line: usize,
    /// The output's columns in the expanded line.
    expanded: Range<usize>,
    /// The call's columns in the original line.
    original: Range<usize>,
}

impl ColumnMap {
    /// The original column of 1-based `column` of the expanded body's 1-based `line`. A column
    /// inside a shortcode's output gives the shortcode's first column.
    pub fn original_column(&self, line: usize, column: usize) -> usize {
        let at = column - 1;
        let after = self.0.partition_point(|r| (r.line, r.expanded.start) <= (line, at));
        match after.checked_sub(1).map(|i| &self.0[i]) {
            Some(r) if r.line == line && at < r.expanded.end => r.original.start + 1,
            Some(r) if r.line == line => r.original.end + (at - r.expanded.end) + 1,
            _ => column,
        }
    }
}

/// Expands every shortcode; the result has as many lines as the input, and the map tells
/// where the columns of lines with shortcodes were.
pub fn expand<'a>(
    markdown: &'a str,
    file: &Path,
    line_offset: usize,
    renderer: &dyn ShortcodeRenderer,
) -> (Cow<'a, str>, ColumnMap, Vec<Diagnostic>) {
    let mut column_map = ColumnMap::default();
    if !markdown.contains("{{") {
        return (Cow::Borrowed(markdown), column_map, Vec::new());
    }
    let code = code_ranges(markdown);
    let mut out = String::with_capacity(markdown.len());
    let mut errors = Vec::new();
    let mut line_start = 0;
    for (index, line) in markdown.split_inclusive('\n').enumerate() {
        let offset = line_start;
        line_start += line.len();
        if !line.contains("{{") {
            out.push_str(line);
            continue;
        }
        let line_number = line_offset + index + 1;
        let calls = match find_calls(line, |at| is_code(&code, offset + at)) {
            Ok(calls) => calls,
            Err((column, message)) => {
                errors.push(Diagnostic::at(file, line_number, column, message));
                out.push_str(line);
                continue;
            }
        };
        let content = line.trim_end_matches(['\n', '\r']);
        let block = calls.len() == 1 && content.trim() == &content[calls[0].start..calls[0].end];
        let mut rebuilt = String::new();
        let mut last = 0;
        // Columns reached in the original line and in the rebuilt one.
        let (mut original, mut expanded) = (0, 0);
        for call in &calls {
            let unchanged = &content[last..call.start];
            rebuilt.push_str(unchanged);
            let unchanged_width = unchanged.chars().count();
            original += unchanged_width;
            expanded += unchanged_width;
            let output_start = rebuilt.len();
            match renderer.render(&call.name, &call.args, block) {
                Ok(html) => rebuilt.push_str(&one_line(&html)),
                Err(message) => errors.push(Diagnostic::at(file, line_number, original + 1, message)),
            }
            let call_width = content[call.start..call.end].chars().count();
            let output_width = rebuilt[output_start..].chars().count();
            column_map.0.push(Replacement {
                line: index + 1,
                expanded: expanded..expanded + output_width,
                original: original..original + call_width,
            });
            original += call_width;
            expanded += output_width;
            last = call.end;
        }
        rebuilt.push_str(&content[last..]);
        out.push_str(&rebuilt);
        out.push_str(&line[content.len()..]);
    }
    (Cow::Owned(out), column_map, errors)
}

/// HTML on one line, so that it stays one Markdown HTML block and keeps line numbers.
fn one_line(html: &str) -> String {
    html.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The byte ranges of `markdown` that are code: code spans, and code blocks fenced or
/// indented, as the Markdown renderer will see them.
fn code_ranges(markdown: &str) -> Vec<Range<usize>> {
    Parser::new_ext(markdown, crate::render::options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(range),
            _ => None,
        })
        .collect()
}

/// Whether byte `offset` is inside one of the sorted, disjoint `ranges`.
fn is_code(ranges: &[Range<usize>], offset: usize) -> bool {
    let after = ranges.partition_point(|range| range.start <= offset);
    after > 0 && offset < ranges[after - 1].end
}

/// The shortcode calls of a line, skipping those where `is_code(byte offset in the line)`.
/// `Err((column, message))` for a malformed call.
fn find_calls(line: &str, is_code: impl Fn(usize) -> bool) -> Result<Vec<Call>, (usize, String)> {
    let mut calls = Vec::new();
    let mut search = 0;
    while let Some(found) = line[search..].find("{{") {
        let start = search + found;
        let Some(close) = line[start..].find("}}") else { break };
        let end = start + close + 2;
        search = end;
        if is_code(start) {
            continue;
        }
        let inner = line[start + 2..end - 2].trim();
        let column = line[..start].chars().count() + 1;
        let Some(open) = inner.find('(') else { continue };
        let name = inner[..open].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let Some(arguments) = inner[open + 1..].strip_suffix(')') else {
            return Err((column, format!("shortcode `{name}`: the call must end with `)` before `}}}}`")));
        };
        let args = parse_args(arguments).map_err(|m| (column, format!("shortcode `{name}`: {m}")))?;
        calls.push(Call { start, end, name: name.to_owned(), args });
    }
    Ok(calls)
}

fn parse_args(text: &str) -> Result<BTreeMap<String, Value>, String> {
    let mut args = BTreeMap::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (key, after) =
            rest.split_once('=').ok_or_else(|| format!("expected `name=value` in \"{rest}\""))?;
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("\"{key}\" is not an argument name"));
        }
        let after = after.trim_start();
        let (value, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let close = quoted.find('"').ok_or("a text argument is not closed with \"")?;
            (Value::Text(quoted[..close].to_owned()), &quoted[close + 1..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            let raw = after[..end].trim();
            let value = match raw {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                number => Value::Number(
                    number.parse().map_err(|_| format!("\"{number}\" is not a value (quote text)"))?,
                ),
            };
            (value, &after[end..])
        };
        args.insert(key.to_owned(), value);
        rest = remaining.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Echo;
    impl ShortcodeRenderer for Echo {
        fn render(&self, name: &str, args: &BTreeMap<String, Value>, block: bool) -> Result<String, String> {
            match name {
                "known" => {
                    Ok(if block { "<div>\n<p>block</p>\n</div>".into() } else { format!("[{}]", args.len()) })
                }
                "lines" => Ok("<span>\n  a\n</span>\n".into()),
                other => Err(format!("unknown shortcode `{other}`")),
            }
        }
    }

    #[test]
    fn blocks_inline_code_and_errors() {
        let md = "Intro\n\n{{ known() }}\n\nDías: {{ known(a=\"x\", b=2, c=true) }}.\n\n`{{ nope() }}`\n```\n{{ nope() }}\n```\n{{ nope() }}\n";
        let (out, _, errors) = expand(md, Path::new("a.md"), 4, &Echo);
        assert_eq!(out.lines().count(), md.lines().count());
        assert!(out.contains("\n<div> <p>block</p> </div>\n"));
        assert!(out.contains("Días: [3]."));
        assert!(out.contains("`{{ nope() }}`") && out.contains("```\n{{ nope() }}\n```"));
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (Some(15), Some(1)));
        assert!(errors[0].message.contains("unknown shortcode `nope`"));
    }

    #[test]
    fn inline_html_on_several_lines_keeps_the_line_count() {
        let (out, _, _) = expand("Hay {{ lines() }} aquí.\n[roto](x.md)\n", Path::new("a.md"), 0, &Echo);
        assert_eq!(out, "Hay <span> a </span> aquí.\n[roto](x.md)\n");
    }

    #[test]
    fn the_column_map_leads_back_to_the_columns_of_the_file() {
        let (out, column_map, errors) =
            expand("a\n{{ nope() }}{{ known() }} x {{ known() }}\n", Path::new("a.md"), 0, &Echo);
        assert_eq!(out, "a\n[0] x [0]\n");
        assert_eq!(errors.len(), 1);
        let columns: Vec<_> = (1..=10).map(|column| column_map.original_column(2, column)).collect();
        assert_eq!(columns, [13, 13, 13, 26, 27, 28, 29, 29, 29, 42]);
        assert_eq!(column_map.original_column(1, 2), 2);
    }

    #[test]
    fn shortcodes_in_any_code_are_left_alone() {
        let code = [
            "Texto.\n\n    {{ nope() }}\n\n",
            "Ver ``{{ nope() }}`` y `` a`{{ nope() }}` ``.\n\n",
            "~~~\n{{ nope() }}\n~~~\n\n",
            "> ```\n> {{ nope() }}\n> ```\n\n",
        ]
        .concat();
        let text = "Un \\` suelto y {{ known() }}.\n\n- {{ known() }}\n\n| a |\n|---|\n| {{ known() }} |\n\n> {{ known() }}\n";
        let source = format!("{code}{text}");
        let (out, _, errors) = expand(&source, Path::new("a.md"), 0, &Echo);
        assert_eq!(errors, []);
        assert_eq!(out, format!("{code}{}", text.replace("{{ known() }}", "[0]")));
    }
}
