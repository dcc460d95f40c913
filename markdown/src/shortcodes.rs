//! Shortcodes: `{{ name(key="value", n=3) }}` in Markdown, expanded before it is parsed.
//! One alone on its line is a block (its HTML replaces the line); inside text it is inline.
//! Shortcodes in code (spans, and blocks fenced or indented) are left alone.

use diagnostics::Diagnostic;
use pulldown_cmark::{Event, Parser, Tag};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
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

/// The arguments a shortcode takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parameters {
    /// Any argument (its template passes `args` on, or reads it in a way not known here).
    Any,
    /// These, by name, each optional; none when empty.
    Only(Vec<String>),
}

/// Renders a shortcode: `Err` holds a message for the diagnostic.
pub trait ShortcodeRenderer {
    /// The HTML of shortcode `name`.
    fn render(&self, name: &str, args: &BTreeMap<String, Value>, block: bool) -> Result<String, String>;

    /// The arguments shortcode `name` takes (an unknown shortcode is [`ShortcodeRenderer::render`]'s error).
    fn parameters(&self, name: &str) -> Parameters;
}

/// A shortcode call found in a line.
struct Call {
    start: usize,
    end: usize,
    name: String,
    args: Vec<Argument>,
}

/// An argument of a call, as written.
struct Argument {
    name: String,
    value: Value,
    /// Its byte offset in the line.
    start: usize,
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
    // The HTML ids that shortcodes put on the page so far, with the line of the call.
    let mut ids_on_page: HashMap<String, usize> = HashMap::new();
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
        let block = calls.len() == 1
            && content[calls[0].end..].trim().is_empty()
            && only_block_markers(&content[..calls[0].start]);
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
            let mut problems = argument_problems(call, &renderer.parameters(&call.name));
            if problems.is_empty() {
                let rendered = renderer.render(&call.name, &call.args(), block).and_then(|html| {
                    placement_problem(&call.name, &html, block, line_number, &mut ids_on_page)?;
                    Ok(html)
                });
                match rendered {
                    Ok(html) => rebuilt.push_str(&one_line(&html)),
                    Err(message) => problems.push((call.start, message)),
                }
            }
            errors.extend(problems.into_iter().map(|(offset, message)| {
                Diagnostic::at(file, line_number, content[..offset].chars().count() + 1, message)
            }));
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

impl Call {
    /// Its arguments by name, for the renderer.
    fn args(&self) -> BTreeMap<String, Value> {
        self.args.iter().map(|a| (a.name.clone(), a.value.clone())).collect()
    }
}

/// The problems of a call's arguments, each at its byte offset in the line: one given twice,
/// or one the shortcode does not take.
fn argument_problems(call: &Call, parameters: &Parameters) -> Vec<(usize, String)> {
    let name = &call.name;
    let mut problems = Vec::new();
    for (index, argument) in call.args.iter().enumerate() {
        let given = &argument.name;
        if call.args[..index].iter().any(|earlier| earlier.name == *given) {
            problems
                .push((argument.start, format!("shortcode `{name}`: the argument `{given}` is given twice")));
        } else if let Parameters::Only(known) = parameters {
            if !known.contains(given) {
                let takes = if known.is_empty() {
                    "it takes none".to_owned()
                } else {
                    format!("it takes {}", known.join(", "))
                };
                problems.push((
                    argument.start,
                    format!("shortcode `{name}` has no argument `{given}` ({takes})"),
                ));
            }
        }
    }
    problems
}

/// Why a call's `html` cannot stand where it is: block HTML (`<section>`, `<div>`…) inside a
/// line of text, where it would open inside a paragraph (`<p>x <section>`, which is not
/// HTML); or an id that an earlier call on the page (its line in `ids_on_page`) already put
/// there, as a second `{{ sla_calculator() }}` would. Records the call's ids.
fn placement_problem(
    name: &str,
    html: &str,
    block: bool,
    line: usize,
    ids_on_page: &mut HashMap<String, usize>,
) -> Result<(), String> {
    if !block {
        if let Some(tag) = first_block_tag(html) {
            return Err(format!(
                "shortcode `{name}` renders a block (<{tag}>), which cannot stand inside a paragraph: \
                 put the call alone on its line"
            ));
        }
    }
    let ids: Vec<&str> =
        html.split(" id=\"").skip(1).filter_map(|rest| Some(rest.split_once('"')?.0)).collect();
    for &id in &ids {
        if let Some(earlier) = ids_on_page.get(id) {
            return Err(format!(
                "shortcode `{name}` repeats the id \"{id}\" of the call on line {earlier}: \
                 it can be on a page once"
            ));
        }
    }
    for id in ids {
        ids_on_page.insert(id.to_owned(), line);
    }
    Ok(())
}

/// The HTML elements that start a block in CommonMark (its HTML blocks of type 6): none can be
/// inside a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// The name of the first block element that `html` opens, if any.
fn first_block_tag(html: &str) -> Option<&str> {
    html.split('<').skip(1).find_map(|rest| {
        let name = &rest[..rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len())];
        BLOCK_TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(name)).then_some(name)
    })
}

/// Whether `prefix`, what comes before a call on its line, is only the markers of block quotes
/// and list items (`> `, `- `, `1. `), so that the call starts a block of its own.
fn only_block_markers(prefix: &str) -> bool {
    prefix.split_whitespace().all(|marker| {
        let number = marker.trim_end_matches(['.', ')']);
        marker.chars().all(|c| c == '>')
            || matches!(marker, "-" | "*" | "+")
            || (number.len() + 1 == marker.len()
                && !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit()))
    })
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
        let written = &line[start + 2..end - 2];
        let inner = written.trim();
        let inner_start = start + 2 + written.len() - written.trim_start().len();
        let column = line[..start].chars().count() + 1;
        let Some(open) = inner.find('(') else { continue };
        let name = inner[..open].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let Some(arguments) = inner[open + 1..].strip_suffix(')') else {
            return Err((column, format!("shortcode `{name}`: the call must end with `)` before `}}}}`")));
        };
        let args = parse_args(arguments, inner_start + open + 1)
            .map_err(|m| (column, format!("shortcode `{name}`: {m}")))?;
        calls.push(Call { start, end, name: name.to_owned(), args });
    }
    Ok(calls)
}

/// The arguments written in `text`, which starts at byte `offset` of its line.
fn parse_args(text: &str, offset: usize) -> Result<Vec<Argument>, String> {
    let mut args = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let start = offset + text.len() - rest.len();
        let (key, after) = rest
            .split_once('=')
            .ok_or_else(|| format!("expected `name=value` in \"{}\"", rest.trim_end()))?;
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
        args.push(Argument { name: key.to_owned(), value, start });
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
                "widget" => {
                    Ok("<section class=\"w\" data-id=\"x\"><h3 id=\"widget-title\">W</h3></section>".into())
                }
                other => Err(format!("unknown shortcode `{other}`")),
            }
        }

        fn parameters(&self, name: &str) -> Parameters {
            match name {
                "known" => Parameters::Any,
                "lines" => Parameters::Only(vec!["a".into(), "b".into()]),
                _ => Parameters::Only(Vec::new()),
            }
        }
    }

    fn problems(markdown: &str) -> Vec<String> {
        let (_, _, errors) = expand(markdown, Path::new("a.md"), 3, &Echo);
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn unknown_and_repeated_arguments_are_errors_at_the_argument() {
        assert_eq!(
            problems("Ver {{ widget(foo=1) }}\n"),
            ["a.md:4:15: shortcode `widget` has no argument `foo` (it takes none)"]
        );
        assert_eq!(
            problems("x {{ lines(a=\"x\", c=2, a=\"y\") }}\n"),
            [
                "a.md:4:19: shortcode `lines` has no argument `c` (it takes a, b)",
                "a.md:4:24: shortcode `lines`: the argument `a` is given twice"
            ]
        );
        assert_eq!(problems("{{ known(a=1, b=\"x\") }}\n"), [""; 0]);
    }

    #[test]
    fn a_block_shortcode_must_stand_alone_on_its_line_and_its_ids_once_on_the_page() {
        assert_eq!(
            problems("Texto.\n\nx {{ widget() }} y\n"),
            ["a.md:6:3: shortcode `widget` renders a block (<section>), which cannot stand inside a paragraph: put the call alone on its line"]
        );
        assert_eq!(problems("Texto.\n{{ widget() }}\n\n- {{ known() }}\n\n> 1. {{ widget() }}\n")[..], [
            "a.md:9:6: shortcode `widget` repeats the id \"widget-title\" of the call on line 5: it can be on a page once"
        ]);
        let (out, _, _) = expand("- {{ known() }}\n", Path::new("a.md"), 0, &Echo);
        assert_eq!(out, "- <div> <p>block</p> </div>\n", "alone in a list item, a call is a block");
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
        let text = "Un \\` suelto y {{ known() }}.\n\n- {{ known() }} uno\n\n| a |\n|---|\n| {{ known() }} |\n\n> {{ known() }} dos\n";
        let source = format!("{code}{text}");
        let (out, _, errors) = expand(&source, Path::new("a.md"), 0, &Echo);
        assert_eq!(errors, []);
        assert_eq!(out, format!("{code}{}", text.replace("{{ known() }}", "[0]")));
    }
}
