//! Every parser of a site's text input run on one text: front matter, shortcode calls,
//! Markdown and the SLA policy. Each either succeeds or reports problems placed inside that
//! text (line and column from 1, within the text); none may panic. Shared by the property
//! test (`tests/parsing`) and the fuzz target (`fuzz/`), which include this file.

use diagnostics::Diagnostic;
use markdown::{
    ColumnMap, Context, Highlighter, LinkTargets, Parameters, ShortcodeRenderer, Unpublished, Value,
};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The file every text is read as.
const FILE: &str = "content/guia/a.md";

/// Shortcodes of each kind the expander treats apart: a block with ids and one argument, an
/// inline one, one taking any argument, and one that always fails.
struct Shortcodes;

impl ShortcodeRenderer for Shortcodes {
    fn render(&self, name: &str, args: &BTreeMap<String, Value>, _block: bool) -> Result<String, String> {
        match name {
            "bloque" => {
                Ok("<section id=\"bloque\">\n<h3 id=\"bloque-titulo\">[x](b.md)</h3>\n</section>".to_owned())
            }
            "dias" => Ok("120".to_owned()),
            "nota" => Ok(format!("<span>{}</span>", args.len())),
            "falla" => Err("shortcode `falla`: it always fails".to_owned()),
            other => Err(format!("unknown shortcode `{other}`")),
        }
    }

    fn parameters(&self, name: &str) -> Parameters {
        match name {
            "bloque" => Parameters::Only(vec!["titulo".to_owned()]),
            "dias" => Parameters::Only(Vec::new()),
            _ => Parameters::Any,
        }
    }
}

/// Where a problem is not placed inside `text`, if it is not.
fn misplaced(problem: &Diagnostic, text: &str, parser: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let inside = match (problem.line, problem.column) {
        (Some(line), Some(column)) => {
            (1..=lines.len()).contains(&line) && (1..=lines[line - 1].chars().count() + 1).contains(&column)
        }
        _ => false,
    };
    (!inside).then(|| format!("{parser}: \"{problem}\" is not placed within the text {text:?}"))
}

/// Runs `text` through every parser, as a page (front matter, shortcodes, Markdown, with
/// `highlighter`) and as a policy: `Err` names the first problem that is not placed within
/// the text.
pub fn parse_everywhere(text: &str, highlighter: &Highlighter) -> Result<(), String> {
    let file = Path::new(FILE);
    let mut problems: Vec<(&str, Diagnostic)> = Vec::new();
    match model::front_matter::split(file, text) {
        Err(problem) => problems.push(("front matter", problem)),
        Ok((split, found)) => {
            problems.extend(found.into_iter().map(|p| ("front matter", p)));
            let (expanded, column_map, found) =
                markdown::expand(split.body, file, split.body_line_offset, &Shortcodes);
            problems.extend(found.into_iter().map(|p| ("shortcodes", p)));
            problems.extend(
                render(&expanded, split.body_line_offset, &column_map, highlighter)
                    .into_iter()
                    .map(|p| ("Markdown", p)),
            );
        }
    }
    let policy = model::policy::policy_from_text(text, Path::new("sla.yaml")).err();
    match problems.iter().find_map(|(parser, problem)| misplaced(problem, text, parser)) {
        Some(message) => Err(message),
        None => policy.and_then(|problem| misplaced(&problem, text, "policy")).map_or(Ok(()), Err),
    }
}

/// Policies whose problem the policy's parser once placed outside the text: it counted lines
/// as libyaml does, which also breaks them at a lone carriage return and puts the end of a
/// text without a final line break on the line after it.
pub const POLICY_PROBLEMS_OUTSIDE_THE_TEXT: &[&str] = &["#", "#\r\"x\n"];

/// Whether every problem of the policy `text` is placed within it, for
/// [`POLICY_PROBLEMS_OUTSIDE_THE_TEXT`].
pub fn policy_problem_is_within(text: &str) -> Result<(), String> {
    match model::policy::policy_from_text(text, Path::new("sla.yaml")) {
        Ok(_) => Ok(()),
        Err(problem) => misplaced(&problem, text, "policy").map_or(Ok(()), Err),
    }
}
/// The problems of rendering a page's expanded body, which starts after `line_offset` lines.
fn render(
    expanded: &str,
    line_offset: usize,
    column_map: &ColumnMap,
    highlighter: &Highlighter,
) -> Vec<Diagnostic> {
    let urls = HashMap::from([
        ("guia/b.md".to_owned(), "/guia/b/".to_owned()),
        ("guia/a.md".to_owned(), "/guia/a/".to_owned()),
    ]);
    let draft = Unpublished { why: "content/guia/c.md is a draft".to_owned(), failed_to_load: false };
    let unpublished = HashMap::from([("guia/c.md".to_owned(), draft)]);
    let targets = LinkTargets { urls, unpublished };
    let cx = Context {
        file: Path::new(FILE),
        dir: "guia",
        path: "guia/a.md",
        line_offset,
        column_map,
        labels: &render::i18n::strings("es").labels,
        // Half the texts are read as FAQ pages, whose `##` headings are questions.
        faq: expanded.len().is_multiple_of(2),
        faq_answer_end: None,
        highlighter,
        targets: &targets,
        translation_language: None,
        search_text: true,
    };
    markdown::render(expanded, &cx).1
}
