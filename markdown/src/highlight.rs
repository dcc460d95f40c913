//! Syntax highlighting with syntect, as CSS classes: one stylesheet serves light and dark.

use lru::LruCache;
use std::cell::RefCell;
use std::num::NonZeroUsize;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// What parsing a line did: the parser's state before it and after it, and the scope
/// operations at each byte offset of the line.
struct ParsedLine {
    before: ParseState,
    after: ParseState,
    ops: Vec<(usize, ScopeStackOp)>,
}

/// The most distinct lines each thread keeps; the least recently used goes first.
///
/// Measured: the demo site highlights 131 distinct lines; the 10,000-article benchmark corpus
/// (`bench/gen_corpus.py --seed 42 10000`) has 24,140 lines of code, 9,908 distinct, and its
/// build (two threads) keeps up to about 5,900 of them in one thread, 11,200 parses in all,
/// which raise its peak memory by about 23 MB: about 2.2 KB a parse, mostly the two parser
/// states. Bounded at 256, 1,024, 2,048, 4,096 and 8,192 lines and unbounded, that build took
/// 2.92, 2.83, 2.77, 2.74, 2.83 and 2.82 s of CPU time (medians of 5, ±0.05 s of noise) and
/// 123, 128, 131, 139, 143 and 147 MB: from about 2,000 lines on, what falls out is mostly lines
/// seen once. So a thread keeps at most 4,096 lines, about 9 MB.
const CACHED_LINES: NonZeroUsize = NonZeroUsize::new(4096).unwrap();
/// The most parser states kept for one line (a blank line or a closing brace comes in many):
/// the oldest goes first. No line of the corpus above comes in more than 2, of the demo site 4.
const STATES_PER_LINE: usize = 4;
/// Longer lines are parsed every time and not kept, so that a few huge lines (minified code)
/// cannot make the cache large.
const LONGEST_CACHED_LINE: usize = 1024;

thread_local! {
    /// The lines this thread parsed lately, by their text. The parse of a line depends only on
    /// the text and the state before it (which also names the syntax), so a line that comes
    /// again in the same state (a blank line, a closing brace, an import or a command that
    /// many articles share) is not parsed again: parsing is most of the cost of highlighting.
    /// Parse states stay on their thread (syntect's are not `Send`), and they hold for every
    /// [`Highlighter`], which all load the same syntaxes. The cache is bounded (see
    /// [`CACHED_LINES`]), so a server that renders pages for hours does not grow.
    static PARSED: RefCell<LruCache<String, Vec<ParsedLine>>> = RefCell::new(LruCache::new(CACHED_LINES));
}

/// Highlights code blocks by language name.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Highlighter {
    /// Loads the bundled syntaxes.
    pub fn new() -> Highlighter {
        Highlighter { syntaxes: SyntaxSet::load_defaults_newlines() }
    }

    /// A code block as HTML; unknown languages are escaped, not highlighted.
    pub fn block(&self, language: &str, code: &str) -> String {
        let token = language.split_whitespace().next().unwrap_or("");
        let lang_attr =
            if token.is_empty() { String::new() } else { format!(" data-lang=\"{}\"", escape(token)) };
        let highlighted =
            self.syntaxes.find_syntax_by_token(token).and_then(|syntax| self.classed(syntax, code));
        let body = highlighted.unwrap_or_else(|| escape(code));
        format!("<pre class=\"code\"{lang_attr} tabindex=\"0\"><code>{body}</code></pre>\n")
    }

    /// `code` as HTML with a `<span>` of classes per scope: what syntect's
    /// `ClassedHTMLGenerator` makes, with the parse of each line looked up first.
    fn classed(&self, syntax: &SyntaxReference, code: &str) -> Option<String> {
        let mut state = ParseState::new(syntax);
        let mut scopes = ScopeStack::new();
        let mut html = String::with_capacity(code.len() * 4);
        let mut open_spans = 0;
        for line in LinesWithEndings::from(code) {
            let ops = self.parse_line(&mut state, line)?;
            let (line_html, opened) =
                line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut scopes).ok()?;
            html.push_str(&line_html);
            open_spans += opened;
        }
        for _ in 0..open_spans {
            html.push_str("</span>");
        }
        Some(html)
    }

    /// Parses `line` from `state` (a parse already made when it can), leaving `state` as it
    /// is after the line; returns the line's scope operations.
    fn parse_line(&self, state: &mut ParseState, line: &str) -> Option<Vec<(usize, ScopeStackOp)>> {
        if line.len() > LONGEST_CACHED_LINE {
            return state.parse_line(line, &self.syntaxes).ok();
        }
        PARSED.with_borrow_mut(|parsed| {
            if let Some(known) = parsed.get(line).and_then(|p| p.iter().find(|p| p.before == *state)) {
                *state = known.after.clone();
                return Some(known.ops.clone());
            }
            let before = state.clone();
            if before != *state {
                // A state holding a regex capture (the closing delimiter of a docstring or a
                // heredoc) is not equal even to its copy (onig's regions compare pointers), so
                // a parse from it could never be found again: it is not kept.
                return state.parse_line(line, &self.syntaxes).ok();
            }
            let ops = state.parse_line(line, &self.syntaxes).ok()?;
            let parse = ParsedLine { before, after: state.clone(), ops: ops.clone() };
            match parsed.get_mut(line) {
                Some(states) => {
                    if states.len() == STATES_PER_LINE {
                        states.remove(0);
                    }
                    states.push(parse);
                }
                None => {
                    parsed.put(line.to_owned(), vec![parse]);
                }
            }
            Some(ops)
        })
    }

    /// The highlighting stylesheet: a light theme, and a dark one for dark mode, each with
    /// its colours adjusted to a 4.5:1 contrast on the theme's code background.
    pub fn stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        let css = |name: &str, background| {
            let raw =
                css_for_theme_with_class_style(&themes.themes[name], CLASS_STYLE).expect("bundled theme");
            readable(&raw, background)
        };
        let light = css("InspiredGitHub", LIGHT_CODE_BACKGROUND);
        let dark = css("base16-ocean.dark", DARK_CODE_BACKGROUND);
        format!(
            "@media not all and (prefers-color-scheme: dark) {{\n{light}}}\n@media (prefers-color-scheme: dark) {{\n{dark}}}\n"
        )
    }
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter::new()
    }
}

/// Code background of the default theme in light mode (`--code-bg` in style.css).
const LIGHT_CODE_BACKGROUND: [u8; 3] = [0xf6, 0xf8, 0xfa];
/// Code background of the default theme in dark mode.
const DARK_CODE_BACKGROUND: [u8; 3] = [0x2b, 0x30, 0x3b];
/// The contrast every token colour must reach (WCAG AA for normal text, with a margin).
const MIN_CONTRAST: f64 = 4.6;

fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The contrast ratio of two colours (WCAG 2), from 1 to 21: the theme's token colours and a
/// site's accent colour are checked with it.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Moves `color` towards black or white (away from `background`) until it is readable.
fn adjust(color: [u8; 3], background: [u8; 3]) -> [u8; 3] {
    let target = if luminance(background) > 0.5 { 0.0 } else { 255.0 };
    let mut mixed = color;
    let mut step = 0.0;
    while contrast(mixed, background) < MIN_CONTRAST && step < 1.0 {
        step += 0.05;
        mixed = color.map(|c| (f64::from(c) + (target - f64::from(c)) * step).round() as u8);
    }
    mixed
}

/// Drops the theme's backgrounds (the stylesheet sets its own) and makes every colour readable.
fn readable(css: &str, background: [u8; 3]) -> String {
    let mut out = String::with_capacity(css.len());
    for line in css.lines() {
        let declaration = line.trim();
        if declaration.starts_with("background-color:") {
            continue;
        }
        let hex = declaration.strip_prefix("color: #").and_then(|rest| rest.strip_suffix(';'));
        match hex.filter(|h| h.len() == 6).and_then(|h| u32::from_str_radix(h, 16).ok()) {
            Some(rgb) => {
                let [_, r, g, b] = rgb.to_be_bytes();
                let [r, g, b] = adjust([r, g, b], background);
                out.push_str(&format!(" color: #{r:02x}{g:02x}{b:02x};\n"));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Copies the runs between special characters whole; those are ASCII, so every cut is
    // on a character boundary.
    let mut copied = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::html::ClassedHTMLGenerator;

    #[test]
    fn lines_parsed_before_are_highlighted_as_syntect_does_in_their_own_state() {
        let highlighter = Highlighter::new();
        // The same line outside a docstring, inside it, and outside again.
        let code = "x = 1\n\"\"\"\nx = 1\n\"\"\"\nx = 1\n";
        let syntax = highlighter.syntaxes.find_syntax_by_token("python").unwrap();
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &highlighter.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        let expected = generator.finalize();
        assert_eq!(highlighter.classed(syntax, code).unwrap(), expected);
        // Now every line is known.
        assert_eq!(highlighter.classed(syntax, code).unwrap(), expected);
    }

    /// What syntect's own `ClassedHTMLGenerator` makes of `code`.
    fn syntect_html(highlighter: &Highlighter, syntax: &SyntaxReference, code: &str) -> String {
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &highlighter.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        generator.finalize()
    }

    /// The distinct lines and the parses this thread's cache holds.
    fn cached() -> (usize, usize) {
        PARSED.with_borrow(|parsed| (parsed.len(), parsed.iter().map(|(_, states)| states.len()).sum()))
    }

    #[test]
    fn more_distinct_lines_than_the_cache_holds_are_highlighted_as_syntect_does_within_the_bound() {
        let highlighter = Highlighter::new();
        let syntax = highlighter.syntaxes.find_syntax_by_token("python").unwrap();
        // Blocks of 64 lines, half again as many distinct lines as the cache holds, each block
        // with lines every block shares, one also inside a docstring (a state that is not
        // kept), and one line too long to keep.
        let long = format!("print({:?})\n", "x".repeat(LONGEST_CACHED_LINE));
        let blocks: Vec<String> = (0..CACHED_LINES.get() * 3 / 2 / 64)
            .map(|b| {
                let mut code = format!("import os\n\"\"\"\nx = 1\n\"\"\"\nx = 1\n{long}");
                for i in 0..64 {
                    code.push_str(&format!("value_{b}_{i} = os.path.join({i}, \"{b}\")\n"));
                }
                code
            })
            .collect();
        // Every block, then the first ones again (evicted by then) and the last (still kept).
        let again = blocks.iter().take(3).chain(blocks.iter().rev().take(3));
        for code in blocks.iter().chain(again) {
            assert_eq!(highlighter.classed(syntax, code).unwrap(), syntect_html(&highlighter, syntax, code));
            let (lines, parses) = cached();
            assert!(lines <= CACHED_LINES.get(), "{lines} lines cached");
            assert!(parses <= CACHED_LINES.get() * STATES_PER_LINE, "{parses} parses cached");
        }
        assert_eq!(cached().0, CACHED_LINES.get());
        PARSED.with_borrow(|parsed| {
            assert!(parsed.peek("import os\n").is_some(), "a line every block has stays");
            assert_eq!(parsed.peek("x = 1\n").map(Vec::len), Some(1), "only outside the docstring");
            assert!(parsed.peek(long.as_str()).is_none(), "a long line is not kept");
            assert!(parsed.peek("value_0_0 = os.path.join(0, \"0\")\n").is_some(), "highlighted again");
            assert!(parsed.peek("value_3_0 = os.path.join(0, \"3\")\n").is_none(), "evicted");
        });
    }

    #[test]
    fn a_line_in_more_states_than_are_kept_is_highlighted_as_syntect_does() {
        let highlighter = Highlighter::new();
        let syntax = highlighter.syntaxes.find_syntax_by_token("json").unwrap();
        // `1,` at ten depths of nested arrays: ten parser states, of which the last few stay.
        let depth = STATES_PER_LINE + 6;
        let code = format!("{}{}", "[\n1,\n".repeat(depth), "]\n".repeat(depth));
        for _ in 0..2 {
            assert_eq!(
                highlighter.classed(syntax, &code).unwrap(),
                syntect_html(&highlighter, syntax, &code)
            );
            PARSED.with_borrow(|parsed| assert_eq!(parsed.peek("1,\n").map(Vec::len), Some(STATES_PER_LINE)));
        }
    }

    #[test]
    fn every_token_colour_is_readable_on_its_background() {
        let css = Highlighter::stylesheet();
        let (light, dark) = css.split_once("@media (prefers-color-scheme: dark)").unwrap();
        for (part, background) in [(light, LIGHT_CODE_BACKGROUND), (dark, DARK_CODE_BACKGROUND)] {
            let colors: Vec<[u8; 3]> = part
                .lines()
                .filter_map(|l| l.trim().strip_prefix("color: #"))
                .map(|h| u32::from_str_radix(&h[..6], 16).unwrap().to_be_bytes())
                .map(|[_, r, g, b]| [r, g, b])
                .collect();
            assert!(colors.len() > 10);
            for color in colors {
                assert!(contrast(color, background) >= 4.5, "{color:?} on {background:?}");
            }
        }
        assert!(!css.contains("background-color"));
    }
}
