//! The analyser: words → tokens with their exact, folded and stemmed forms.

use crate::language::Language;
use crate::normalize::{exact, fold};
use crate::parts::part;
use crate::words::Words;
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

/// Turns the text of one language into [`Token`]s. Cheap to create and to copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Analyzer {
    language: Language,
}

/// One search term of a text. A word whose folded form would be empty (a lone modifier
/// apostrophe `ʼ`) gives no token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lowercase in NFC, accents kept: `facturación`, `don't`, `e-mail`.
    pub exact: String,
    /// The matching key: [`fold`] of the exact form (`facturacion`, `dont`); a compound's
    /// whole drops its hyphens too (`email`).
    pub folded: String,
    /// The Snowball stem of the folded form (`factur`); the folded form itself when the
    /// language has no stemmer or the token has a digit (`9001`, `v2.0`, `covid19`).
    pub stem: String,
    /// The bytes of the original text this token comes from, before normalisation.
    pub range: Range<usize>,
    /// The token's index in the text, for phrase queries: 0, 1, 2… one more per token.
    pub position: u32,
    /// A function word of the language (`de`, `the`): an index may skip it, and a query may
    /// drop it unless all its terms are stop words. Still a token, so positions stay right.
    pub stop: bool,
    /// A part of the hyphenated compound just before it (`e` and `mail` after `e-mail`):
    /// an index keeps it so that `mail` finds `e-mail`; a query may ignore it, since the
    /// whole already finds `e-mail` and `email` alike.
    pub part: bool,
}

/// A query as typed so far: complete terms, and perhaps the word still being typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The complete words, analysed as in a text.
    pub terms: Vec<Token>,
    /// The last word when nothing follows it (no space, no punctuation): the reader may
    /// still be typing it.
    pub prefix: Option<Prefix>,
}

/// A word that may be incomplete (`factu`). It is not stemmed, since the stem of part of a
/// word means nothing, nor split into parts, nor ever a stop word (`la` may become
/// `lámpara`): match its folded form as the start of indexed folded forms, and prefer
/// those that also start with its exact form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefix {
    /// Lowercase in NFC, accents kept, hyphens kept: `factu`, `e-ma`.
    pub exact: String,
    /// The folded form, hyphens dropped: `factu`, `ema`.
    pub folded: String,
    /// The bytes of the query it comes from.
    pub range: Range<usize>,
    /// Its position: one more than the last term's.
    pub position: u32,
}

impl Analyzer {
    /// The analyser of a language tag: `es` and `en` (any region or case: `es-CO`, `EN`)
    /// stem and flag stop words; any other tag normalises and tokenises only.
    pub fn for_language(tag: &str) -> Analyzer {
        Analyzer { language: Language::from_tag(tag) }
    }

    /// `Some("es")` or `Some("en")`, or `None` when the tag had no stemmer and stop words.
    pub fn language(&self) -> Option<&'static str> {
        self.language.code()
    }

    /// The tokens of a text, in order.
    pub fn analyze<'t>(&self, text: &'t str) -> impl Iterator<Item = Token> + 't {
        self.tokens(text, true)
    }

    /// [`Analyzer::analyze`] without stemming: every token's `stem` is empty. For an index,
    /// which stems each distinct word once instead of each of its occurrences.
    pub fn analyze_unstemmed<'t>(&self, text: &'t str) -> impl Iterator<Item = Token> + 't {
        self.tokens(text, false)
    }

    fn tokens<'t>(&self, text: &'t str, stemming: bool) -> Tokens<'t> {
        Tokens {
            language: self.language,
            stemming,
            text,
            words: Words::new(text),
            segments: Vec::new(),
            pending: Vec::new(),
            position: 0,
        }
    }

    /// Analyses a query as [`Analyzer::analyze`] does a text, except that a last word
    /// with nothing after it becomes the [`Prefix`].
    pub fn analyze_query(&self, query: &str) -> Query {
        let mut words = Words::new(query);
        let mut segments = Vec::new();
        let mut terms = Vec::new();
        let mut position = 0;
        while words.next_into(&mut segments) {
            let range = word_range(&segments);
            if range.end == query.len() {
                let (exact, folded) = word_forms(query, &segments);
                let prefix = (!folded.is_empty()).then_some(Prefix { exact, folded, range, position });
                return Query { terms, prefix };
            }
            push_tokens(self.language, Some(self.language), query, &segments, &mut position, &mut terms);
        }
        Query { terms, prefix: None }
    }
}

/// Where each word of `text` is, as byte ranges (a hyphenated compound is one word), before
/// any normalisation. Analysing a word's text alone gives the tokens that analysing the whole
/// text gives for it (but for their ranges and positions), so an index may analyse each
/// distinct word once and count the others.
pub fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut words = Words::new(text);
    let mut segments = Vec::new();
    core::iter::from_fn(move || words.next_into(&mut segments).then(|| word_range(&segments)))
}

struct Tokens<'t> {
    language: Language,
    stemming: bool,
    text: &'t str,
    words: Words<'t>,
    segments: Vec<Range<usize>>,
    /// The tokens of the last word, last first.
    pending: Vec<Token>,
    position: u32,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        // A word may give no token (see `push_tokens`): read on until one does.
        if self.pending.is_empty() {
            let stemming = self.stemming.then_some(self.language);
            while self.pending.is_empty() && self.words.next_into(&mut self.segments) {
                push_tokens(
                    self.language,
                    stemming,
                    self.text,
                    &self.segments,
                    &mut self.position,
                    &mut self.pending,
                );
            }
            self.pending.reverse();
        }
        self.pending.pop()
    }
}

/// The tokens of one word: itself, or a compound's whole and then its parts; stemmed in
/// `stemming`'s language, or not at all.
fn push_tokens(
    language: Language,
    stemming: Option<Language>,
    text: &str,
    segments: &[Range<usize>],
    position: &mut u32,
    out: &mut Vec<Token>,
) {
    let mut push = |(exact, folded): (String, String), range: Range<usize>, part: bool| {
        if folded.is_empty() {
            return; // nothing to match: a lone modifier apostrophe `ʼ`
        }
        out.push(Token {
            stem: stemming.map(|l| l.stem(&folded)).unwrap_or_default(),
            stop: language.is_stop(&folded),
            exact,
            folded,
            range,
            position: *position,
            part,
        });
        *position = position.saturating_add(1);
    };
    if let [word] = segments {
        push(forms(part(text, word.clone())), word.clone(), false);
        return;
    }
    let parts: Vec<(String, String)> =
        segments.iter().map(|range| forms(part(text, range.clone()))).collect();
    let whole = word_range(segments);
    push(
        (exact(part(text, whole.clone())), parts.iter().map(|(_, folded)| folded.as_str()).collect()),
        whole,
        false,
    );
    for (forms, range) in parts.into_iter().zip(segments) {
        push(forms, range.clone(), true);
    }
}

/// The exact and folded forms of a word; a compound's folded form joins its parts' folded
/// forms without the hyphens.
fn word_forms(text: &str, segments: &[Range<usize>]) -> (String, String) {
    match segments {
        [word] => forms(part(text, word.clone())),
        parts => (
            exact(part(text, word_range(parts))),
            parts.iter().map(|range| forms(part(text, range.clone())).1).collect(),
        ),
    }
}

/// The exact and folded forms of one segment.
fn forms(source: &str) -> (String, String) {
    let exact = exact(source);
    let folded = fold(&exact);
    (exact, folded)
}

/// From the start of the first segment to the end of the last.
fn word_range(segments: &[Range<usize>]) -> Range<usize> {
    match (segments.first(), segments.last()) {
        (Some(first), Some(last)) => first.start..last.end,
        _ => 0..0,
    }
}
