//! The text a reader sees in a page's raw HTML (a shortcode's output, HTML written in the
//! Markdown), for search. What scripts, styles, templates and hidden elements hold is left
//! out. The HTML is tokenized by `html5gum`, which also decodes its character references.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// A piece of the visible text, in order.
#[derive(Debug, PartialEq)]
pub(crate) enum Piece {
    /// Words as written, each run of spaces and line ends made one space.
    Text(String),
    /// The end of a block (a cell, an item, a paragraph), which the prose marks.
    Pause,
}

/// Elements whose content a reader does not see as text.
const UNREAD: [&[u8]; 4] = [b"script", b"style", b"template", b"noscript"];

/// Elements that have no end tag.
const VOID: [&[u8]; 13] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source",
    b"track", b"wbr",
];

/// Elements whose end parts their text from what follows.
const BLOCKS: [&[u8]; 31] = [
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"caption",
    b"dd",
    b"details",
    b"div",
    b"dl",
    b"dt",
    b"figcaption",
    b"figure",
    b"footer",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"li",
    b"ol",
    b"p",
    b"section",
    b"summary",
    b"table",
    b"td",
    b"th",
    b"tr",
    b"ul",
    b"pre",
];

/// The visible text of `html`, a fragment of a page: no two pauses in a row, and a space only
/// between words.
pub(crate) fn visible_text(html: &str) -> Vec<Piece> {
    let mut emitter = DefaultEmitter::default();
    // The content of `<script>` and `<style>` is raw text, not tags.
    emitter.naively_switch_states(true);
    let mut pieces = Vec::new();
    // The open elements, each with whether its content is unread.
    let mut open: Vec<(Vec<u8>, bool)> = Vec::new();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        let unread = open.last().is_some_and(|&(_, unread)| unread);
        match token {
            Token::StartTag(tag) => {
                let name: &[u8] = &tag.name;
                // A block (or a line break) parts its text from what came before.
                if (name == b"br" || BLOCKS.contains(&name)) && !unread {
                    pause(&mut pieces);
                }
                if !VOID.contains(&name) && !tag.self_closing {
                    let hidden = UNREAD.contains(&name) || tag.attributes.contains_key(b"hidden".as_slice());
                    open.push((name.to_vec(), unread || hidden));
                }
            }
            Token::EndTag(tag) => {
                let name: &[u8] = &tag.name;
                // An end tag closes its element and any left open inside it.
                if let Some(at) = open.iter().rposition(|(open, _)| open.as_slice() == name) {
                    open.truncate(at);
                    if BLOCKS.contains(&name) && !unread {
                        pause(&mut pieces);
                    }
                }
            }
            Token::String(text) if !unread => {
                let text = String::from_utf8_lossy(&text);
                if text.starts_with(char::is_whitespace) {
                    space(&mut pieces);
                }
                let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !words.is_empty() {
                    pieces.push(Piece::Text(words));
                    if text.ends_with(char::is_whitespace) {
                        space(&mut pieces);
                    }
                }
            }
            _ => {}
        }
    }
    pieces
}

/// Ends a block, unless nothing was read since the last; a space before the end goes.
fn pause(pieces: &mut Vec<Piece>) {
    if matches!(pieces.last(), Some(Piece::Text(text)) if text == " ") {
        pieces.pop();
    }
    if matches!(pieces.last(), Some(Piece::Text(_))) {
        pieces.push(Piece::Pause);
    }
}

/// A space after words, unless there is one.
fn space(pieces: &mut Vec<Piece>) {
    if matches!(pieces.last(), Some(Piece::Text(text)) if !text.ends_with(' ')) {
        pieces.push(Piece::Text(" ".into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces as one string, a pause written `|`.
    fn read(html: &str) -> String {
        visible_text(html)
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => text,
                Piece::Pause => "|".into(),
            })
            .collect()
    }

    #[test]
    fn a_table_reads_cell_by_cell_with_its_references_decoded() {
        let html = "<table><caption>Tiempos</caption>\n<tr><th scope=\"row\">Alta</th><td>2&nbsp;horas</td>\
                    <td>8 horas</td></tr>\n</table>";
        assert_eq!(read(html), "Tiempos|Alta|2 horas|8 horas|", "a no-break space is a space");
    }

    #[test]
    fn scripts_styles_templates_and_hidden_elements_are_not_read() {
        let html = "<p>Visible</p><script>if (a < b) { x(\"<p>no</p>\") }</script><style>p{}</style>\
                    <form hidden><label>Fecha <b>de</b> apertura</label></form><template><p>no</p></template>\
                    <p>también</p>";
        assert_eq!(read(html), "Visible|también|");
    }

    #[test]
    fn inline_elements_join_their_words_and_spaces_collapse() {
        let html =
            "<p>soporte<wbr>@example.<wbr>com y   <span>07:30</span>–<span>12:30</span>\n  hoy<br>mañana</p>";
        assert_eq!(read(html), "soporte@example.com y 07:30–12:30 hoy|mañana|");
    }

    #[test]
    fn an_element_left_open_is_closed_by_its_parent() {
        assert_eq!(read("<ul><li>uno<li>dos</ul><p>tres</p>"), "uno|dos|tres|");
    }
}
