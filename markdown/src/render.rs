//! Markdown to HTML: CommonMark with GitHub's extensions, heading ids, callouts, highlighted
//! code, checked internal links, and FAQ accordions. Pure: text in, HTML and facts out.

use crate::highlight::{escape, Highlighter};
use diagnostics::{line_column, Diagnostic};

use crate::html_text::Piece;
use crate::ids::UniqueIds;
use crate::shortcodes::ColumnMap;
use pulldown_cmark::{
    html, BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use std::collections::HashMap;
use std::path::Path;

/// A heading of the page, for the table of contents and anchor checks.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its unique id.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// A link to another document, whose anchor is checked once every page is rendered.
#[derive(Clone, Debug)]
pub struct LinkCheck {
    /// The target's path under `content/`.
    pub target: String,
    /// The `#anchor`, if any.
    pub anchor: String,
    /// 1-based line in the source file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// A question and its answer on a FAQ page.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FaqEntry {
    /// The anchor of the question.
    pub id: String,
    /// The question, as text.
    pub question: String,
    /// The answer, as HTML.
    pub answer_html: String,
}

/// A rendered document.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The body HTML.
    pub html: String,
    /// Its headings, in order.
    pub headings: Vec<Heading>,
    /// Links to check.
    pub links: Vec<LinkCheck>,
    /// Words of prose (code excluded).
    pub words: usize,
    /// Code blocks (fenced or indented).
    pub code_blocks: usize,
    /// Questions and answers, on FAQ pages.
    pub faq: Vec<FaqEntry>,
    /// The prose of the page by heading, in order: what a search index reads. Code is left out.
    pub text: Vec<TextBlock>,
    /// Every path under `content/` whose existence decided where a link of the page goes
    /// (its target, and the target's translation for a translated page): the page must be
    /// rendered again when one of them appears or disappears.
    pub looked_up: Vec<String>,
}

/// The prose under one heading (or before the first), for search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextBlock {
    /// The heading's index in [`Rendered::headings`]; `None` for the text before any heading.
    pub heading: Option<usize>,
    /// The text, its inline parts joined and its blocks separated by a space.
    pub text: String,
}

/// The words that rendered Markdown carries, in one language: callout titles, the label of a
/// heading's anchor link and of a table's scrolling region.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Labels {
    /// "Link to this section", the anchor link's name.
    pub anchor: &'static str,
    /// "Table", the name of a table's region.
    pub table: &'static str,
    /// The title of a `[!NOTE]` callout.
    pub note: &'static str,
    /// The title of a `[!TIP]` callout.
    pub tip: &'static str,
    /// The title of an `[!IMPORTANT]` callout.
    pub important: &'static str,
    /// The title of a `[!WARNING]` callout.
    pub warning: &'static str,
    /// The title of a `[!CAUTION]` callout.
    pub caution: &'static str,
}

/// What links under `content/` may lead to.
#[derive(Clone, Debug, Default)]
pub struct LinkTargets {
    /// URL of every published file under `content/`, by path.
    pub urls: HashMap<String, String>,
    /// Each file under `content/` that is there but not published, by path.
    pub unpublished: HashMap<String, Unpublished>,
}

/// Why a file under `content/` that is there is not published, as a link to it learns.
#[derive(Clone, Debug)]
pub struct Unpublished {
    /// What a broken link to it says (`content/a.md is a draft, …`).
    pub why: String,
    /// Whether it failed to load: a link to it is then broken only by the file's own errors.
    pub failed_to_load: bool,
}

/// What ends each FAQ answer: HTML made from the question's id and text.
pub type AnswerEnd<'a> = &'a dyn Fn(&str, &str) -> String;

/// What the renderer needs to know about the document and the site.
pub struct Context<'a> {
    /// The source file, for diagnostics.
    pub file: &'a Path,
    /// The document's folder under `content/`.
    pub dir: &'a str,
    /// The document's own path under `content/`.
    pub path: &'a str,
    /// Lines before the body in the file.
    pub line_offset: usize,
    /// Where expanded shortcodes moved columns, to report positions as the file has them.
    pub column_map: &'a ColumnMap,
    /// The words the HTML itself carries, in the document's language.
    pub labels: &'a Labels,
    /// Whether `##` headings are questions.
    pub faq: bool,
    /// HTML that ends each FAQ answer (the theme's "was this helpful?"), given the question's
    /// id and text; it is not part of the answer's text or of its FAQ entry.
    pub faq_answer_end: Option<AnswerEnd<'a>>,
    /// The highlighter.
    pub highlighter: &'a Highlighter,
    /// What links under `content/` may lead to.
    pub targets: &'a LinkTargets,
    /// The document's language when it is not the site's default (`en` for `guia.en.md`):
    /// a link to `otra.md` then leads to `otra.en.md` where that translation exists.
    pub translation_language: Option<&'a str>,
    /// Whether to keep the prose by heading ([`Rendered::text`]), which only the search index
    /// reads: a page it leaves out does not pay for copying its text.
    pub search_text: bool,
}

/// The Markdown extensions ayuda enables.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Resolves `target` (a link written in the document in folder `dir`) to a path under
/// `content/`; `None` when it climbs out of `content/`.
fn resolve_relative(dir: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { dir.split('/').filter(|s| !s.is_empty()).collect() };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// What a link to `path`, which leads to no file (`target` under `content/`), most likely
/// meant: a folder's section page, the page without its `.md`, or the page published at that
/// address.
fn meant_file(path: &str, target: &str, cx: &Context) -> Option<String> {
    let section = if target.is_empty() { "_index.md".to_owned() } else { format!("{target}/_index.md") };
    if cx.targets.urls.contains_key(&section) {
        let written = format!("{}/_index.md", path.trim_end_matches('/'));
        return Some(format!("a folder is linked by its section page: \"{written}\""));
    }
    let address = path.trim_end_matches('/');
    let page = cx
        .targets
        .urls
        .iter()
        .filter(|(file, url)| file.ends_with(".md") && url.trim_end_matches('/') == address);
    if let Some((page, _)) = page.min() {
        let written = relative_link(cx.dir, page);
        return Some(format!("that is the address of content/{page}: link the file, \"{written}\""));
    }
    let without_md = cx.targets.urls.contains_key(&format!("{target}.md"));
    without_md.then(|| format!("link the file: \"{address}.md\""))
}

/// The link from a page in folder `dir` to `target`, both under `content/`.
fn relative_link(dir: &str, target: &str) -> String {
    let from: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; from.len() - shared];
    parts.extend(&to[shared..]);
    parts.join("/")
}

/// The scheme of a URL that runs a script or opens a document made of the URL itself, which
/// a page must not link to: `javascript:`, `vbscript:` and `data:`. Read as a browser does:
/// tabs and line breaks anywhere, and spaces and control characters in front, are ignored,
/// and case does not matter.
fn refused_scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = url.split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    matches!(scheme.as_str(), "javascript" | "vbscript" | "data").then_some(scheme)
}

fn is_external(url: &str) -> bool {
    url.contains("://") || url.starts_with("mailto:") || url.starts_with("tel:") || url.starts_with("//")
}

/// The links of the page being rendered, footnote links included. Every event goes through
/// [`Links::resolve`] before anything else looks at it, so links in paragraphs, headings, FAQ
/// questions and tables are rewritten and checked alike.
struct Links<'c> {
    cx: &'c Context<'c>,
    markdown: &'c str,
    /// Internal links with an anchor, for the anchor check.
    checks: Vec<LinkCheck>,
    /// Broken links: to no file, or out of `content/`.
    errors: Vec<Diagnostic>,
    /// Footnotes by name.
    footnotes: HashMap<CowStr<'c>, Footnote>,
    /// Paths under `content/` looked up to resolve links.
    looked_up: Vec<String>,
}

/// A footnote of the page. Its ids are `fn:N` and `fnref:N` (`fnref:N:K` for its K-th
/// reference), N being its number: a heading id never has a `:`, so they cannot collide.
struct Footnote {
    /// 1 for the first footnote the page mentions, then 2…
    number: usize,
    /// References met so far.
    references: usize,
}

impl<'c> Links<'c> {
    /// A link or an image with its target rewritten and checked; any other event as it is.
    fn resolve(&mut self, event: Event<'c>, offset: usize) -> Event<'c> {
        match event {
            Event::Start(Tag::Link { dest_url, title, .. }) => {
                let href = self.rewrite(&dest_url, offset, "link");
                let html = if is_external(&href) {
                    format!("<a href=\"{}\" rel=\"noopener\"{}>", escape(&href), title_attr(&title))
                } else {
                    format!("<a href=\"{}\"{}>", escape(&href), title_attr(&title))
                };
                Event::Html(html.into())
            }
            Event::End(TagEnd::Link) => Event::Html("</a>".into()),
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let src = self.rewrite(&dest_url, offset, "image");
                Event::Start(Tag::Image { link_type, dest_url: src.into(), title, id })
            }
            Event::FootnoteReference(name) => {
                let footnote = self.footnote(name);
                footnote.references += 1;
                let (n, k) = (footnote.number, footnote.references);
                let id = if k == 1 { format!("fnref:{n}") } else { format!("fnref:{n}:{k}") };
                let html = format!(
                    "<sup class=\"footnote-reference\" id=\"{id}\"><a href=\"#fn:{n}\">{n}</a></sup>"
                );
                Event::Html(html.into())
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let footnote = self.footnote(name);
                let n = footnote.number;
                // The label links back to the first reference, when one comes before.
                let label = if footnote.references > 0 {
                    format!("<a href=\"#fnref:{n}\">{n}</a>")
                } else {
                    n.to_string()
                };
                let html = format!(
                    "<div class=\"footnote-definition\" id=\"fn:{n}\"><sup class=\"footnote-definition-label\">{label}</sup>"
                );
                Event::Html(html.into())
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            other => other,
        }
    }

    /// The footnote `name`, numbered when first met.
    fn footnote(&mut self, name: CowStr<'c>) -> &mut Footnote {
        let number = self.footnotes.len() + 1;
        self.footnotes.entry(name).or_insert(Footnote { number, references: 0 })
    }

    /// [`rewrite_target`] for a link that starts at byte `offset` of the body.
    fn rewrite(&mut self, dest: &str, offset: usize, what: &str) -> String {
        let (line, column) = line_column(self.markdown, offset);
        let column = self.cx.column_map.original_column(line, column);
        let line = line + self.cx.line_offset;
        if let Some(scheme) = refused_scheme(dest) {
            let message = format!("the {what} \"{dest}\" uses the scheme {scheme}:, which is not allowed");
            self.errors.push(Diagnostic::at(self.cx.file, line, column, message));
            return String::new();
        }
        rewrite_target(dest, self.cx, line, column, self)
    }
}

/// Whether a fenced code block, as its source `block` (from its opening fence), ends with a
/// closing fence: one of the same character, at least as long, alone on its line.
fn fence_is_closed(block: &str) -> bool {
    let opening = block.trim_start();
    let Some(fence) = opening.chars().next() else { return false };
    let length = opening.chars().take_while(|&c| c == fence).count();
    let mut lines = block.trim_end().lines();
    lines.next();
    // Inside a quote the line starts with its `>` markers.
    fn unquoted(line: &str) -> &str {
        line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()).trim_end()
    }
    lines
        .next_back()
        .map(unquoted)
        .is_some_and(|last| last.chars().all(|c| c == fence) && last.chars().count() >= length)
}

/// Renders a document body.
pub fn render(markdown: &str, cx: &Context) -> (Rendered, Vec<Diagnostic>) {
    let mut rendered = Rendered::default();
    let mut links = Links {
        cx,
        markdown,
        checks: Vec::new(),
        errors: Vec::new(),
        footnotes: HashMap::new(),
        looked_up: Vec::new(),
    };
    let mut ids = UniqueIds::for_text(markdown);
    let mut out: Vec<Event> = Vec::new();
    // While inside a heading: its level, its inner events and its text.
    let mut heading: Option<(HeadingLevel, Vec<Event>, String)> = None;
    let mut code: Option<(String, String)> = None;
    // While inside a FAQ answer: the question's id and text, and the answer's events.
    let mut faq_entry: Option<(String, String, String, Vec<Event>)> = None;
    let mut words = 0;
    let mut table_labels: HashMap<String, usize> = HashMap::new();
    // Task-list checkboxes so far, and whether the label of the last one is open.
    let (mut tasks, mut task_label_open) = (0, false);
    // A block of raw HTML (a shortcode's output), read for search once it ends.
    let mut raw_html = String::new();

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let event = links.resolve(event, range.start);
        match event {
            Event::Html(ref html) if cx.search_text => raw_html.push_str(html),
            _ if !raw_html.is_empty() => html_prose(&mut rendered, cx, &std::mem::take(&mut raw_html)),
            _ => {}
        }
        if task_label_open && ends_task_label(&event) {
            task_label_open = false;
            push(&mut out, &mut faq_entry, Event::Html("</label>".into()));
        }
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().expect("inside a code block");
                    let html = cx.highlighter.block(&lang, &text);
                    push(&mut out, &mut faq_entry, Event::Html(html.into()));
                    rendered.code_blocks += 1;
                }
                _ => {}
            }
            continue;
        }
        if let Some((level, inner, text)) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let (level, inner, text) = (*level, std::mem::take(inner), std::mem::take(text));
                    heading = None;
                    let id = ids.id_for(&text);
                    let n = level as u8;
                    rendered.headings.push(Heading { level: n, id: id.clone(), text: text.clone() });
                    if cx.search_text {
                        let block =
                            TextBlock { heading: Some(rendered.headings.len() - 1), text: String::new() };
                        rendered.text.push(block);
                    }
                    let mut inner_html = String::new();
                    html::push_html(&mut inner_html, inner.into_iter());
                    if cx.faq && level == HeadingLevel::H2 {
                        close_faq(&mut faq_entry, &mut out, &mut rendered.faq, cx);
                        faq_entry = Some((id, text, inner_html, Vec::new()));
                    } else {
                        let label = escape(&format!("{}: {}", cx.labels.anchor, text));
                        let html = format!(
                            "<h{n} id=\"{id}\">{inner_html}<a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"{label}\">#</a></h{n}>\n"
                        );
                        push(&mut out, &mut faq_entry, Event::Html(html.into()));
                    }
                }
                Event::Text(ref t) | Event::Code(ref t) => {
                    text.push_str(t);
                    inner.push(event);
                }
                other => inner.push(other),
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Vec::new(), String::new())),
            Event::TaskListMarker(checked) => {
                // The item's text labels its checkbox: `task:N` ids, like footnotes', are no
                // heading's.
                tasks += 1;
                task_label_open = true;
                let checked = if checked { " checked=\"\"" } else { "" };
                let html = format!(
                    "<input disabled=\"\" type=\"checkbox\"{checked} id=\"task:{tasks}\"/><label for=\"task:{tasks}\">"
                );
                push(&mut out, &mut faq_entry, Event::Html(html.into()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                if matches!(kind, CodeBlockKind::Fenced(_)) && !fence_is_closed(&markdown[range.clone()]) {
                    // Valid Markdown, but the rest of the page is code, headings and all.
                    let (line, column) = line_column(markdown, range.start);
                    let column = cx.column_map.original_column(line, column);
                    let message = "this code block is never closed: the rest of the page is code";
                    let problem = Diagnostic::at(cx.file, line + cx.line_offset, column, message);
                    links.errors.push(problem.with_help("end it with a line of the same fence").warning());
                }
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = callout(kind, cx.labels);
                let html = format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n");
                push(&mut out, &mut faq_entry, Event::Html(html.into()));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                push(&mut out, &mut faq_entry, Event::Html("</div>\n".into()))
            }
            Event::Start(Tag::Table(alignments)) => {
                // A wide table scrolls inside its own region, which keyboard users can focus.
                let mut label = match rendered.headings.last() {
                    Some(h) => format!("{}: {}", cx.labels.table, h.text),
                    None => cx.labels.table.to_owned(),
                };
                // Regions need distinct names: a second table under one heading is "(2)".
                let seen = table_labels.entry(label.clone()).or_insert(0);
                *seen += 1;
                if *seen > 1 {
                    label = format!("{label} ({seen})");
                }
                let html = format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
                    escape(&label)
                );
                push(&mut out, &mut faq_entry, Event::Html(html.into()));
                push(&mut out, &mut faq_entry, Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                push(&mut out, &mut faq_entry, Event::End(TagEnd::Table));
                push(&mut out, &mut faq_entry, Event::Html("</div>\n".into()));
            }
            Event::Text(ref t) => {
                words += count_words(t);
                prose(&mut rendered, cx, t);
                push(&mut out, &mut faq_entry, event);
            }
            Event::Code(ref t) => {
                prose(&mut rendered, cx, t);
                push(&mut out, &mut faq_entry, event);
            }
            Event::SoftBreak | Event::HardBreak => {
                prose(&mut rendered, cx, " ");
                push(&mut out, &mut faq_entry, event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                prose_pause(&mut rendered, cx);
                push(&mut out, &mut faq_entry, event);
            }
            other => push(&mut out, &mut faq_entry, other),
        }
    }
    html_prose(&mut rendered, cx, &raw_html);
    close_faq(&mut faq_entry, &mut out, &mut rendered.faq, cx);
    rendered.words = words;
    rendered.links = links.checks;
    rendered.looked_up = links.looked_up;
    for block in &mut rendered.text {
        let kept = block.text.trim_end_matches([' ', '·']).len();
        block.text.truncate(kept);
    }
    html::push_html(&mut rendered.html, out.into_iter());
    (rendered, links.errors)
}

/// Whether `event` ends the text of a task-list item, which labels its checkbox: the end of
/// its paragraph or item, or a block inside it (a nested list).
fn ends_task_label(event: &Event) -> bool {
    match event {
        Event::End(end) => matches!(end, TagEnd::Paragraph | TagEnd::Item),
        Event::Start(start) => !matches!(
            start,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        _ => false,
    }
}

/// Ends a paragraph, a list item or a table cell in the prose for search: a space after a
/// sentence's end, else ` · `, so that a snippet of a list or a table reads its items and cells
/// apart (`Alta · 2 · 8 · Normal`) rather than as one run of words.
fn prose_pause(rendered: &mut Rendered, cx: &Context) {
    let Some(block) = rendered.text.last_mut().filter(|_| cx.search_text) else { return };
    let text = &mut block.text;
    text.truncate(text.trim_end().len());
    let Some(last) = text.chars().last() else { return };
    text.push_str(if PAUSED.contains(&last) { " " } else { " · " });
}

/// Adds the text a reader sees in a block of raw HTML to the prose: a shortcode's tables (the
/// SLA page's targets, hours and contacts) are searched like the Markdown around them.
fn html_prose(rendered: &mut Rendered, cx: &Context, html: &str) {
    for piece in crate::html_text::visible_text(html) {
        match piece {
            Piece::Text(text) => prose(rendered, cx, &text),
            Piece::Pause => prose_pause(rendered, cx),
        }
    }
}

/// What ends prose already: a space is enough after it.
const PAUSED: [char; 12] = ['.', ',', ';', ':', '!', '?', '…', '·', ')', '"', '»', '”'];

/// Adds prose to the page's last text block (starting the first one), one space between parts,
/// when the search index wants the page's text.
fn prose(rendered: &mut Rendered, cx: &Context, text: &str) {
    if !cx.search_text {
        return;
    }
    if rendered.text.is_empty() {
        rendered.text.push(TextBlock::default());
    }
    let block = &mut rendered.text.last_mut().expect("a block").text;
    if text == " " {
        if !block.is_empty() && !block.ends_with(' ') {
            block.push(' ');
        }
    } else {
        block.push_str(text);
    }
}

/// The number of words in `text`, as `text.split_whitespace().count()` but without decoding
/// every character: prose is mostly ASCII, and only a multi-byte character can be Unicode
/// white space beyond ASCII's (this was 6 % of a large build).
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let (is_space, width) = if byte.is_ascii() {
            (matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'), 1)
        } else {
            let c = text[i..].chars().next().expect("i is at a character boundary");
            (c.is_whitespace(), c.len_utf8())
        };
        words += usize::from(!is_space && !in_word);
        in_word = !is_space;
        i += width;
    }
    words
}

/// Sends an event to the open FAQ answer, or to the page.
fn push<'e>(
    out: &mut Vec<Event<'e>>,
    faq: &mut Option<(String, String, String, Vec<Event<'e>>)>,
    event: Event<'e>,
) {
    match faq {
        Some((_, _, _, answer)) => answer.push(event),
        None => out.push(event),
    }
}

/// Closes the open FAQ entry: a `<details>` with the question as its summary.
fn close_faq<'e>(
    faq: &mut Option<(String, String, String, Vec<Event<'e>>)>,
    out: &mut Vec<Event<'e>>,
    entries: &mut Vec<FaqEntry>,
    cx: &Context,
) {
    let Some((id, question, question_html, answer)) = faq.take() else { return };
    let mut answer_html = String::new();
    html::push_html(&mut answer_html, answer.into_iter());
    let end = cx.faq_answer_end.map(|end| end(&id, &question)).unwrap_or_default();
    let html = format!(
        "<details class=\"faq\" id=\"{id}\"><summary><h2 class=\"faq-question\">{question_html}</h2></summary>\n<div class=\"faq-answer\">\n{answer_html}{end}</div></details>\n"
    );
    out.push(Event::Html(CowStr::from(html)));
    entries.push(FaqEntry { id, question, answer_html });
}

fn title_attr(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    }
}

fn callout(kind: BlockQuoteKind, t: &Labels) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", t.note),
        BlockQuoteKind::Tip => ("tip", t.tip),
        BlockQuoteKind::Important => ("important", t.important),
        BlockQuoteKind::Warning => ("warning", t.warning),
        BlockQuoteKind::Caution => ("caution", t.caution),
    }
}

/// Turns a link written in Markdown into the URL to publish; records internal links for the
/// anchor check and reports links to files that do not exist.
fn rewrite_target(dest: &str, cx: &Context, line: usize, column: usize, found: &mut Links) -> String {
    let (links, errors) = (&mut found.checks, &mut found.errors);
    if is_external(dest) {
        return dest.to_owned();
    }
    let (path, anchor) = dest.split_once('#').unwrap_or((dest, ""));
    if path.is_empty() {
        if !anchor.is_empty() {
            links.push(LinkCheck { target: cx.path.to_owned(), anchor: anchor.to_owned(), line, column });
        }
        return dest.to_owned();
    }
    let Some(target) = resolve_relative(cx.dir, path) else {
        errors.push(Diagnostic::at(
            cx.file,
            line,
            column,
            format!("the link \"{dest}\" points outside content/"),
        ));
        return dest.to_owned();
    };
    let translated = cx.translation_language.and_then(|language| {
        let translation = format!("{}.{language}.md", target.strip_suffix(".md")?);
        found.looked_up.push(translation.clone());
        cx.targets.urls.contains_key(&translation).then_some(translation)
    });
    let target = translated.unwrap_or(target);
    found.looked_up.push(target.clone());
    match cx.targets.urls.get(&target) {
        Some(url) => {
            if !anchor.is_empty() {
                links.push(LinkCheck { target, anchor: anchor.to_owned(), line, column });
                return format!("{url}#{anchor}");
            }
            url.clone()
        }
        None => {
            let file = format!("content/{target}");
            let unpublished = cx.targets.unpublished.get(&target);
            let why = unpublished.map_or_else(|| format!("no file {file}"), |u| u.why.clone());
            let error = Diagnostic::at(cx.file, line, column, format!("broken link: \"{dest}\" ({why})"));
            errors.push(match unpublished {
                Some(u) if u.failed_to_load => error.link_to_failed(Path::new(&file)),
                Some(_) => error,
                None => match meant_file(path, &target, cx) {
                    Some(help) => error.with_help(help),
                    None => error,
                },
            });
            dest.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPANISH: Labels = Labels {
        anchor: "Enlace a esta sección",
        table: "Tabla",
        note: "Nota",
        tip: "Consejo",
        important: "Importante",
        warning: "Advertencia",
        caution: "Precaución",
    };
    const ENGLISH: Labels = Labels { anchor: "Link to this section", table: "Table", ..SPANISH };

    fn render_with(markdown: &str, faq: bool) -> (Rendered, Vec<Diagnostic>) {
        render_in(markdown, faq, &ColumnMap::default(), None, None, true)
    }

    fn render_expanded(markdown: &str, faq: bool, column_map: &ColumnMap) -> (Rendered, Vec<Diagnostic>) {
        render_in(markdown, faq, column_map, None, None, true)
    }

    /// Renders as `content/guia/esta.md` (a translation when `translation_language` is set),
    /// in a site with `otra.md` (translated to English), `foto.png` and `esta.md` in `guia/`.
    fn render_in(
        markdown: &str,
        faq: bool,
        column_map: &ColumnMap,
        translation_language: Option<&str>,
        faq_answer_end: Option<AnswerEnd>,
        search_text: bool,
    ) -> (Rendered, Vec<Diagnostic>) {
        let urls = HashMap::from([
            ("guia/otra.md".to_owned(), "/guia/otra/".to_owned()),
            ("guia/otra.en.md".to_owned(), "/en/guia/otra/".to_owned()),
            ("guia/foto.png".to_owned(), "/guia/foto.png".to_owned()),
            ("guia/esta.md".to_owned(), "/guia/esta/".to_owned()),
            ("soporte/_index.md".to_owned(), "/soporte/".to_owned()),
            ("soporte/abrir-un-ticket.md".to_owned(), "/soporte/abrir-un-ticket/".to_owned()),
        ]);
        let unpublished = |why: &str, failed_to_load| Unpublished { why: why.to_owned(), failed_to_load };
        let unpublished = HashMap::from([
            ("guia/borrador.md".to_owned(), unpublished("content/guia/borrador.md is a draft", false)),
            ("guia/esta.en.md".to_owned(), unpublished("content/guia/esta.en.md failed to load", true)),
        ]);
        let targets = LinkTargets { urls, unpublished };
        let highlighter = Highlighter::new();
        let cx = Context {
            file: Path::new("content/guia/esta.md"),
            dir: "guia",
            path: "guia/esta.md",
            line_offset: 3,
            column_map,
            labels: if translation_language.is_some() { &ENGLISH } else { &SPANISH },
            faq,
            faq_answer_end,
            highlighter: &highlighter,
            targets: &targets,
            translation_language,
            search_text,
        };
        render(markdown, &cx)
    }

    #[test]
    fn each_faq_answer_ends_with_the_given_html_which_is_not_part_of_the_answer() {
        let end = |id: &str, question: &str| format!("<p class=\"end\">{id}: {question}</p>");
        let markdown = "## ¿Puedo exportar?\n\nSí.\n\n## ¿Hay límites?\n\nNo.\n";
        let (rendered, errors) = render_in(markdown, true, &ColumnMap::default(), None, Some(&end), true);
        assert!(errors.is_empty());
        assert!(rendered
            .html
            .contains("<p>Sí.</p>\n<p class=\"end\">puedo-exportar: ¿Puedo exportar?</p></div></details>"));
        assert!(rendered.html.contains("<p class=\"end\">hay-limites: ¿Hay límites?</p></div></details>"));
        assert!(
            rendered.faq.iter().all(|entry| !entry.answer_html.contains("end")),
            "the FAQ entries keep the answer alone"
        );
        assert!(rendered
            .text
            .iter()
            .all(|block| !block.text.contains("exportar?</p>") && !block.text.contains(": ¿")));
    }

    #[test]
    fn a_code_block_left_open_is_a_warning_at_its_fence() {
        let (r, problems) = render_with("Antes.\n\n```rust\nlet x = 1;\n\n## Pasos\n", false);
        assert!(r.headings.is_empty(), "the heading is code");
        let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            said,
            ["content/guia/esta.md:6:1: warning: this code block is never closed: the rest of the page is code (help: end it with a line of the same fence)"]
        );
        assert!(problems.iter().all(|p| !p.is_error()));
        // Closed ones are not, at the end of the page, in a quote, in a list, or with a longer
        // or another fence.
        for closed in [
            "```\nx\n```",
            "```\nx\n```\n",
            "> ```\n> x\n> ```\n",
            "- uno\n\n  ```\n  x\n  ```\n",
            "~~~~\n```\n~~~~~\n",
            "````\nx\n````\n\nFin.\n",
        ] {
            let (_, problems) = render_with(closed, false);
            assert!(problems.is_empty(), "{closed:?}: {problems:?}");
        }
        let (_, problems) = render_with("~~~\nx\n```\n", false);
        assert_eq!(problems.len(), 1, "a fence of the other character does not close it");
    }

    #[test]
    fn headings_get_unique_ids_and_anchors() {
        let (r, _) = render_with("## ¿Cómo realizo la gestión?\n\n## Pasos\n\n### Pasos\n", false);
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["como-realizo-la-gestion", "pasos", "pasos-1"]);
        assert!(r.html.contains("<h2 id=\"como-realizo-la-gestion\">¿Cómo realizo la gestión?<a class=\"heading-anchor\" href=\"#como-realizo-la-gestion\""));
    }

    #[test]
    fn links_are_rewritten_checked_and_external_ones_marked() {
        let md = "[a](otra.md#paso-2) [b](https://example.com) [c](falta.md) ![f](foto.png) [d](#local)";
        let (r, errors) = render_with(md, false);
        assert!(r.html.contains("<a href=\"/guia/otra/#paso-2\">a</a>"));
        assert!(r.html.contains("<a href=\"https://example.com\" rel=\"noopener\">b</a>"));
        assert!(r.html.contains("src=\"/guia/foto.png\""));
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "content/guia/esta.md:4:46: broken link: \"falta.md\" (no file content/guia/falta.md)"
        );
        assert_eq!(r.links.len(), 2);
        assert_eq!((r.links[0].target.as_str(), r.links[0].anchor.as_str()), ("guia/otra.md", "paso-2"));
    }

    #[test]
    fn links_to_unpublished_files_say_why_and_script_schemes_are_refused() {
        let md = "[a](borrador.md) [b](esta.en.md)\n[c](javascript:alert(7)) [d](JavaScript://%0Aalert(1))\n\
                  [e](java&#9;script:x) [f](vbscript:x) [g](data:text/html,x) ![h](data:image/png;base64,iVBO)\n";
        let (r, errors) = render_with(md, false);
        assert_eq!(
            errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "content/guia/esta.md:4:1: broken link: \"borrador.md\" (content/guia/borrador.md is a draft)",
                "content/guia/esta.md:4:18: broken link: \"esta.en.md\" (content/guia/esta.en.md failed to load)",
                "content/guia/esta.md:5:1: the link \"javascript:alert(7)\" uses the scheme javascript:, which is not allowed",
                "content/guia/esta.md:5:26: the link \"JavaScript://%0Aalert(1)\" uses the scheme javascript:, which is not allowed",
                "content/guia/esta.md:6:1: the link \"java\tscript:x\" uses the scheme javascript:, which is not allowed",
                "content/guia/esta.md:6:23: the link \"vbscript:x\" uses the scheme vbscript:, which is not allowed",
                "content/guia/esta.md:6:39: the link \"data:text/html,x\" uses the scheme data:, which is not allowed",
                "content/guia/esta.md:6:61: the image \"data:image/png;base64,iVBO\" uses the scheme data:, which is not allowed",
            ]
        );
        assert!(!r.html.contains("script:") && !r.html.contains("data:"), "{}", r.html);
        let failed: Vec<_> =
            errors.iter().map(|e| e.link_to_failed.as_deref().map(std::path::PathBuf::as_path)).collect();
        assert_eq!(
            failed[..2],
            [None, Some(Path::new("content/guia/esta.en.md"))],
            "only the failed file's link"
        );
    }

    #[test]
    fn a_link_to_a_folder_an_address_or_a_page_without_md_says_which_file_to_link() {
        let md =
            "[a](../soporte/) [b](/soporte/abrir-un-ticket/) [c](../soporte/abrir-un-ticket) [d](nada/)\n";
        let (_, errors) = render_with(md, false);
        let helps: Vec<_> = errors.iter().map(|e| e.help.as_deref()).collect();
        assert_eq!(
            helps,
            [
                Some("a folder is linked by its section page: \"../soporte/_index.md\""),
                Some(
                    "that is the address of content/soporte/abrir-un-ticket.md: \
                     link the file, \"../soporte/abrir-un-ticket.md\""
                ),
                Some("link the file: \"../soporte/abrir-un-ticket.md\""),
                None,
            ]
        );
        assert_eq!(
            errors[0].to_string(),
            "content/guia/esta.md:4:1: broken link: \"../soporte/\" (no file content/soporte) \
             (help: a folder is linked by its section page: \"../soporte/_index.md\")"
        );
    }

    #[test]
    fn a_translation_links_to_the_translations_of_its_targets() {
        let md = "[a](otra.md#step-2) [b](esta.md) [c](otra.en.md)\n";
        let (r, errors) = render_in(md, false, &ColumnMap::default(), Some("en"), None, true);
        assert!(errors.is_empty());
        assert!(r.html.contains(
            "<a href=\"/en/guia/otra/#step-2\">a</a> <a href=\"/guia/esta/\">b</a> <a href=\"/en/guia/otra/\">c</a>"
        ));
        assert_eq!(r.links[0].target, "guia/otra.en.md", "the anchor is checked in the translation");
        let (spanish, _) = render_with(md, false);
        assert!(
            spanish.html.contains("<a href=\"/guia/otra/#step-2\">a</a>"),
            "the original links as written"
        );
    }

    #[test]
    fn links_in_headings_faq_questions_and_tables_are_rewritten_and_checked() {
        let md = "## Ver [roto](no-existe.md#x)\n\n## [Otra](otra.md#paso-2) y [web](https://example.com)\n\n| [c](otra.md) |\n|---|\n";
        let (r, errors) = render_with(md, false);
        assert_eq!(
            errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["content/guia/esta.md:4:8: broken link: \"no-existe.md#x\" (no file content/guia/no-existe.md)"]
        );
        assert!(r.html.contains(
            "<h2 id=\"ver-roto\">Ver <a href=\"no-existe.md#x\">roto</a><a class=\"heading-anchor\""
        ));
        assert!(r.html.contains("<h2 id=\"otra-y-web\"><a href=\"/guia/otra/#paso-2\">Otra</a> y <a href=\"https://example.com\" rel=\"noopener\">web</a><a class=\"heading-anchor\""));
        assert!(r.html.contains("<th><a href=\"/guia/otra/\">c</a></th>"));
        let checked: Vec<_> =
            r.links.iter().map(|l| (l.target.as_str(), l.anchor.as_str(), l.line, l.column)).collect();
        assert_eq!(checked, [("guia/otra.md", "paso-2", 6, 4)]);

        let (r, errors) = render_with("## ¿Qué es [otra](otra.md)?\n\nEsto.\n", true);
        assert!(errors.is_empty());
        assert!(r.html.contains("<h2 class=\"faq-question\">¿Qué es <a href=\"/guia/otra/\">otra</a>?</h2>"));
    }

    #[test]
    fn footnotes_have_ids_that_no_heading_can_take() {
        let md = "## 1\n\nUno.[^1] Dos.[^nota] Tres.[^1]\n\n[^1]: Primera.\n\n[^nota]: Segunda.\n";
        let (r, _) = render_with(md, false);
        assert_eq!(r.headings[0].id, "1");
        assert_eq!(r.html.matches("id=\"1\"").count(), 1);
        assert!(r.html.contains(concat!(
            "<p>Uno.<sup class=\"footnote-reference\" id=\"fnref:1\"><a href=\"#fn:1\">1</a></sup>",
            " Dos.<sup class=\"footnote-reference\" id=\"fnref:2\"><a href=\"#fn:2\">2</a></sup>",
            " Tres.<sup class=\"footnote-reference\" id=\"fnref:1:2\"><a href=\"#fn:1\">1</a></sup></p>\n",
            "<div class=\"footnote-definition\" id=\"fn:1\"><sup class=\"footnote-definition-label\">",
            "<a href=\"#fnref:1\">1</a></sup>\n<p>Primera.</p>\n</div>\n",
            "<div class=\"footnote-definition\" id=\"fn:2\"><sup class=\"footnote-definition-label\">",
            "<a href=\"#fnref:2\">2</a></sup>\n<p>Segunda.</p>\n</div>\n",
        )));
    }

    #[test]
    fn positions_on_a_line_with_shortcodes_are_those_of_the_file() {
        struct Inline;
        impl crate::shortcodes::ShortcodeRenderer for Inline {
            fn render(
                &self,
                name: &str,
                _: &std::collections::BTreeMap<String, crate::shortcodes::Value>,
                _: bool,
            ) -> Result<String, String> {
                Ok(if name == "enlace" { "[dentro](falta.md)".into() } else { "¡hola!".into() })
            }

            fn parameters(&self, _: &str) -> crate::shortcodes::Parameters {
                crate::shortcodes::Parameters::Any
            }
        }
        let source = "Intro.\n\nTexto {{ hola(n=\"aaaaaaaaaaaaaaaaaaaa\") }} y [roto](falta.md)\n\n\
                      Ñu {{ enlace() }} [otro](falta.md)\n";
        let (expanded, column_map, _) = crate::shortcodes::expand(source, Path::new("a.md"), 3, &Inline);
        let (_, errors) = render_expanded(&expanded, false, &column_map);
        let positions: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(positions, [(Some(6), Some(46)), (Some(8), Some(4)), (Some(8), Some(19))]);
    }

    #[test]
    fn a_task_list_item_labels_its_checkbox() {
        let md = "- [x] Hecho\n- [ ] Pendiente *ya*\n  - [ ] Dentro\n\nLoose:\n\n- [ ] Uno\n\n  Más.\n";
        let (r, _) = render_with(md, false);
        assert_eq!(
            r.html,
            "<ul>\n\
             <li><input disabled=\"\" type=\"checkbox\" checked=\"\" id=\"task:1\"/><label for=\"task:1\">Hecho</label></li>\n\
             <li><input disabled=\"\" type=\"checkbox\" id=\"task:2\"/><label for=\"task:2\">Pendiente <em>ya</em></label>\n\
             <ul>\n\
             <li><input disabled=\"\" type=\"checkbox\" id=\"task:3\"/><label for=\"task:3\">Dentro</label></li>\n\
             </ul>\n\
             </li>\n\
             </ul>\n\
             <p>Loose:</p>\n\
             <ul>\n\
             <li>\n\
             <p><input disabled=\"\" type=\"checkbox\" id=\"task:4\"/><label for=\"task:4\">Uno</label></p>\n\
             <p>Más.</p>\n\
             </li>\n\
             </ul>\n"
        );
    }

    #[test]
    fn tables_scroll_in_regions_with_distinct_names() {
        let (r, _) = render_with("## Campos\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n", false);
        assert!(r.html.contains(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabla: Campos\">"
        ));
        assert!(r.html.contains("aria-label=\"Tabla: Campos (2)\""));
    }

    #[test]
    fn alerts_become_localized_callouts() {
        let (r, _) = render_with("> [!WARNING]\n> Cuidado.\n", false);
        assert!(r.html.contains(
            "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Advertencia</p>"
        ));
        assert!(r.html.contains("<p>Cuidado.</p>\n</div>"));
    }

    #[test]
    fn faq_pages_become_details_with_answers() {
        let (r, _) = render_with("Intro.\n\n## ¿Primera?\n\nSí.\n\n## ¿Segunda?\n\n- No\n", true);
        assert_eq!(r.faq.len(), 2);
        assert_eq!(r.faq[0].answer_html, "<p>Sí.</p>\n");
        assert!(r.html.contains("<details class=\"faq\" id=\"primera\"><summary><h2 class=\"faq-question\">¿Primera?</h2></summary>"));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let samples = [
            "",
            " ",
            "uno",
            "  dos  palabras ",
            "acción\tcon\nsaltos\r\nde línea",
            "no\u{a0}separa\u{a0}NBSP", // U+00A0 is white space for Rust
            "ideográfico\u{3000}espacio",
            "línea\u{2028}separada\u{85}NEL",
            "\u{b}\u{c}vertical",
            "ñandú ü ç 東京 😀 café",
            "cero\u{200b}ancho", // U+200B is not white space
        ];
        for text in samples {
            assert_eq!(count_words(text), text.split_whitespace().count(), "{text:?}");
        }
        proptest::proptest!(|(text in "[ a\u{a0}é\t\n\u{3000}\u{2003}x\u{200b}😀\u{85}]{0,40}")| {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        });
    }

    #[test]
    fn prose_is_left_out_for_a_page_search_does_not_index() {
        let md = "Intro con `código`.\n\n## Pasos\n\n- Uno\n- Dos\n\n## Fin\n";
        let (kept, _) = render_in(md, false, &ColumnMap::default(), None, None, true);
        let (left_out, _) = render_in(md, false, &ColumnMap::default(), None, None, false);
        assert_eq!(kept.text.len(), 3);
        assert!(left_out.text.is_empty());
        assert_eq!((left_out.html, left_out.words), (kept.html, kept.words));
    }

    #[test]
    fn prose_is_kept_by_heading_for_search_without_code() {
        let md = "Intro con `código` y *énfasis*.\nSigue.\n\n## Pasos\n\n- Uno\n- Dos\n\n```sh\nrm -rf /\n```\n\n## Fin\n";
        let (r, _) = render_with(md, false);
        let blocks: Vec<_> =
            r.text.iter().map(|b| (b.heading.map(|h| r.headings[h].id.as_str()), b.text.as_str())).collect();
        assert_eq!(
            blocks,
            [(None, "Intro con código y énfasis. Sigue."), (Some("pasos"), "Uno · Dos"), (Some("fin"), "")]
        );
        // Items and cells read apart in a snippet; a sentence's end needs no more.
        let (r, _) = render_with(
            "- Abra la lista.\n- Pulse\n\n| Prioridad | Horas |\n|---|---|\n| Alta | 2 |\n| Baja | |\n",
            false,
        );
        assert_eq!(r.text[0].text, "Abra la lista. Pulse · Prioridad · Horas · Alta · 2 · Baja");
        let (faq, _) = render_with("## ¿Primera?\n\nSí, claro.\n", true);
        assert_eq!(faq.text[0].text, "Sí, claro.", "a FAQ answer is the text of its question");
    }

    #[test]
    fn the_visible_text_of_raw_html_is_prose_for_search() {
        // A shortcode's output is a block of HTML in the Markdown, as the SLA page's tables are.
        let md = "## Tiempos\n\nAntes.\n\n<div class=\"table-wrap\"><table>\n<caption>Tiempos de respuesta</caption>\n\
                  <tr><th scope=\"row\">Alta</th><td>2 horas</td></tr>\n</table></div>\n\
                  <form hidden><label>Fecha</label></form>\n\nDespués.\n";
        let (r, _) = render_with(md, false);
        assert_eq!(r.text.len(), 1);
        assert_eq!(r.text[0].text, "Antes. Tiempos de respuesta · Alta · 2 horas · Después.");
        assert!(r.html.contains("<caption>Tiempos de respuesta</caption>"), "the HTML is unchanged");
    }

    #[test]
    fn the_paths_a_page_looked_up_are_listed_so_it_can_be_rendered_again_when_they_change() {
        let (spanish, _) =
            render_with("[a](otra.md) [b](falta.md#x) [c](https://example.com) [d](#local)", false);
        assert_eq!(spanish.looked_up, ["guia/otra.md", "guia/falta.md"]);
        let (english, _) =
            render_in("[a](otra.md) [b](esta.md)", false, &ColumnMap::default(), Some("en"), None, true);
        assert_eq!(
            english.looked_up,
            ["guia/otra.en.md", "guia/otra.en.md", "guia/esta.en.md", "guia/esta.md"]
        );
    }

    #[test]
    fn code_is_highlighted_and_not_counted_as_words() {
        let (r, _) = render_with("Uno dos.\n\n```json\n{\"a\": 1}\n```\n", false);
        assert!(r
            .html
            .contains("<pre class=\"code\" data-lang=\"json\" tabindex=\"0\"><code><span class=\"hl-"));
        assert_eq!(r.words, 2);
        assert_eq!(r.code_blocks, 1);
    }

    #[test]
    fn code_blocks_are_counted_fenced_and_indented() {
        assert_eq!(render_with("Sin código.\n", false).0.code_blocks, 0);
        let (r, _) = render_with("```\na\n```\n\n    b\n\nTexto.\n\n~~~bash\nc\n~~~\n", false);
        assert_eq!(r.code_blocks, 3);
    }
}
