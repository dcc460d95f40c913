//! Syntax highlighting with syntect, as CSS classes: one stylesheet serves light and dark.

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

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
        let highlighted = self.syntaxes.find_syntax_by_token(token).and_then(|syntax| {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
            for line in LinesWithEndings::from(code) {
                generator.parse_html_for_line_which_includes_newline(line).ok()?;
            }
            Some(generator.finalize())
        });
        let body = highlighted.unwrap_or_else(|| escape(code));
        format!("<pre class=\"code\"{lang_attr} tabindex=\"0\"><code>{body}</code></pre>\n")
    }

    /// The highlighting stylesheet: a light theme, and a dark one for dark mode.
    pub fn stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
            .expect("bundled theme");
        let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
            .expect("bundled theme");
        format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
    }
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter::new()
    }
}

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
