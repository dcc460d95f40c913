//! Results as a reader sees them: the record's title and breadcrumb, a snippet from its best
//! passage with the words found marked, and its headings that hold them as sub-results.

use crate::format::{Fragment, Kind, Term};
use crate::matching::Candidate;
use crate::sorting::sort_by_key;
use alloc::{string::String, vec::Vec};
use text::{part, Analyzer, Token};

/// How many words a snippet shows.
const SNIPPET_WORDS: usize = 24;
/// Words of context a snippet shows before the first word found.
const CONTEXT_WORDS: usize = 4;
/// At most this many sub-results per result.
const MAX_SUB_RESULTS: usize = 3;

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// The best results, best first.
    pub results: Vec<Hit>,
    /// How many records matched in all.
    pub total: usize,
    /// No record had every term: these have the most of them.
    pub partial: bool,
    /// Postings of the words typed were left unread (the tails of common words, not needed
    /// for the best results): more records may match than `total` counts, and, as the reader
    /// types ([`crate::Reach::FirstTiers`]), rank below the results given. (An engine that
    /// read a tail for an earlier query counts its records too. Completions and words with
    /// typos always count by their first tiers alone, `more` or not.)
    pub more: bool,
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Its link.
    pub url: String,
    /// Its title.
    pub title: String,
    /// What it is.
    pub kind: Kind,
    /// The titles of the sections it is in.
    pub breadcrumb: Vec<String>,
    /// How well it matched.
    pub score: f64,
    /// HTML: a passage, escaped, with the words found in `<mark>`.
    pub snippet: String,
    /// Its headings whose text has the words found, best first.
    pub sub_results: Vec<SubHit>,
}

/// A heading of a result whose text has words of the query.
#[derive(Clone, Debug, PartialEq)]
pub struct SubHit {
    /// The result's link with the heading's `#anchor`.
    pub url: String,
    /// The heading.
    pub title: String,
    /// HTML, as [`Hit::snippet`].
    pub snippet: String,
}

/// The folded forms the query found, each with the (first) query term it belongs to.
pub(crate) struct Matched<'a> {
    /// Sorted by folded form.
    terms: Vec<(&'a str, usize)>,
}

impl<'a> Matched<'a> {
    pub(crate) fn new<'c>(
        vocabulary: &'a [Term],
        terms: impl Iterator<Item = &'c [Candidate]>,
    ) -> Matched<'a> {
        let mut found: Vec<(&str, usize)> = Vec::new();
        for (index, candidates) in terms.enumerate() {
            for candidate in candidates {
                let folded = vocabulary[candidate.term as usize].folded.as_str();
                if let Err(at) = found.binary_search_by(|&(known, _)| known.cmp(folded)) {
                    found.insert(at, (folded, index));
                }
            }
        }
        Matched { terms: found }
    }

    fn term(&self, token: &Token) -> Option<usize> {
        let at = self.terms.binary_search_by(|&(known, _)| known.cmp(token.folded.as_str())).ok()?;
        Some(self.terms[at].1)
    }
}

/// The result for a record, from the passage its snippet comes from: the snippet is that
/// passage's best run of words, and its sub-results are that passage's headings whose title
/// or text holds words found.
pub(crate) fn hit(analyzer: &Analyzer, record: &Fragment, score: f64, matched: &Matched) -> Hit {
    let page = record.url.split('#').next().unwrap_or_default();
    let texts: Vec<Passage> =
        record.blocks.iter().map(|block| best_passage(analyzer, &block.text, matched)).collect();
    let headings: Vec<Passage> =
        record.blocks.iter().map(|block| best_passage(analyzer, &block.heading, matched)).collect();
    let best = most_found(&texts);
    // The words may be in a heading alone: then the text under the heading that has most.
    let best_heading = most_found(&headings).filter(|(_, p)| p.marks > 0);
    let snippet = match (best, best_heading) {
        (Some((_, passage)), _) if passage.marks > 0 => passage.html.clone(),
        (_, Some((i, _))) => texts[i].html.clone(),
        _ if !record.description.is_empty() => best_passage(analyzer, &record.description, matched).html,
        (Some((_, passage)), _) => passage.html.clone(),
        (None, _) => String::new(),
    };
    let found = |i: usize| (texts[i].terms + headings[i].terms, texts[i].marks + headings[i].marks);
    let mut headed: Vec<usize> =
        (0..texts.len()).filter(|&i| found(i).1 > 0 && !record.blocks[i].anchor.is_empty()).collect();
    sort_by_key(&mut headed, |&i| (core::cmp::Reverse(found(i)), i));
    let sub_results = if record.kind == Kind::Question {
        Vec::new()
    } else {
        headed
            .into_iter()
            .take(MAX_SUB_RESULTS)
            .map(|i| SubHit {
                url: [page, "#", &record.blocks[i].anchor].into_iter().collect(),
                title: record.blocks[i].heading.clone(),
                snippet: texts[i].html.clone(),
            })
            .collect()
    };
    Hit {
        url: record.url.clone(),
        title: record.title.clone(),
        kind: record.kind,
        breadcrumb: record.breadcrumb.clone(),
        score: libm::round(score * 1000.0) / 1000.0,
        snippet,
        sub_results,
    }
}

/// The passage with the most distinct query terms, then the most words found, the first of
/// equals; with its index.
fn most_found(passages: &[Passage]) -> Option<(usize, &Passage)> {
    passages.iter().enumerate().max_by_key(|(i, p)| (p.terms, p.marks, core::cmp::Reverse(*i)))
}

/// A text's best run of words: the most distinct query terms, then the most words found.
struct Passage {
    terms: usize,
    marks: usize,
    html: String,
}

fn best_passage(analyzer: &Analyzer, text: &str, matched: &Matched) -> Passage {
    let tokens: Vec<(core::ops::Range<usize>, Option<usize>)> = analyzer
        .analyze_unstemmed(text)
        .filter(|t| !t.part)
        .map(|t| {
            let term = matched.term(&t);
            (t.range, term)
        })
        .collect();
    let mut best = (0, 0, 0); // (terms, marks, first token)
    for start in 0..tokens.len() {
        // Windows start at a found word, or at the text's start.
        if start > 0 && tokens[start].1.is_none() {
            continue;
        }
        let window = &tokens[start..tokens.len().min(start + SNIPPET_WORDS)];
        let mut terms: Vec<usize> = window.iter().filter_map(|t| t.1).collect();
        let marks = terms.len();
        sort_by_key(&mut terms, |&term| term);
        terms.dedup();
        if (terms.len(), marks) > (best.0, best.1) {
            best = (terms.len(), marks, start);
        }
    }
    let (terms, marks, best_start) = best;
    let first = best_start.saturating_sub(CONTEXT_WORDS);
    let window = &tokens[first..tokens.len().min(first + SNIPPET_WORDS)];
    let start = if first == 0 { 0 } else { window.first().map_or(0, |t| t.0.start) };
    let end =
        if first + SNIPPET_WORDS >= tokens.len() { text.len() } else { window.last().map_or(0, |t| t.0.end) };
    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    let mut at = start;
    for (range, term) in window {
        if term.is_some() {
            escape_into(&mut html, part(text, at..range.start));
            html.push_str("<mark>");
            escape_into(&mut html, part(text, range.clone()));
            html.push_str("</mark>");
            at = range.end;
        }
    }
    escape_into(&mut html, part(text, at..end).trim_end());
    if end < text.len() {
        html.push('…');
    }
    Passage { terms, marks, html }
}

/// The runs of words between double quotes in a query, each as its words' folded forms. A
/// quote not closed yet holds no phrase: while the reader types one, its words are searched
/// as any others, and the results do not vanish until the last word is whole.
pub(crate) fn phrases(analyzer: &Analyzer, query: &str) -> Vec<Vec<String>> {
    let mut runs: Vec<Vec<String>> = query
        .split('"')
        .skip(1)
        .step_by(2)
        .map(|inside| {
            analyzer.analyze_unstemmed(inside).filter(|t| !t.part).map(|t| t.folded).collect::<Vec<_>>()
        })
        .collect();
    // An odd number of quotes: the last run is still open.
    if query.split('"').count().is_multiple_of(2) {
        runs.pop();
    }
    runs.retain(|words| words.len() > 1);
    runs
}

/// Whether a record's text, all its passages, has every phrase, its words one after the other.
pub(crate) fn has_phrases(analyzer: &Analyzer, passages: &[&Fragment], phrases: &[Vec<String>]) -> bool {
    let texts =
        passages.first().map(|first| first.title.as_str()).into_iter().chain(passages.iter().flat_map(|p| {
            core::iter::once(p.description.as_str())
                .chain(p.blocks.iter().flat_map(|b| [b.heading.as_str(), b.text.as_str()]))
        }));
    let words: Vec<Vec<String>> = texts
        .map(|text| analyzer.analyze_unstemmed(text).filter(|t| !t.part).map(|t| t.folded).collect())
        .collect();
    phrases
        .iter()
        .all(|phrase| words.iter().any(|text| text.windows(phrase.len()).any(|w| w == phrase.as_slice())))
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

impl Results {
    /// `{"results": [{"url", "title", "kind", "breadcrumb", "score", "snippet",
    /// "sub_results": [{"url", "title", "snippet"}]}], "total", "partial", "more"}`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"results\":[");
        for (i, hit) in self.results.iter().enumerate() {
            out.push_str(if i > 0 { ",{" } else { "{" });
            link_json(&mut out, &hit.url, &hit.title);
            out.push_str(",\"kind\":\"");
            out.push_str(hit.kind.name());
            out.push_str("\",\"breadcrumb\":[");
            for (j, title) in hit.breadcrumb.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                json_string(&mut out, title);
            }
            out.push_str("],\"score\":");
            thousandths_into(&mut out, hit.score);
            out.push_str(",\"snippet\":");
            json_string(&mut out, &hit.snippet);
            out.push_str(",\"sub_results\":[");
            for (j, sub) in hit.sub_results.iter().enumerate() {
                out.push_str(if j > 0 { ",{" } else { "{" });
                link_json(&mut out, &sub.url, &sub.title);
                out.push_str(",\"snippet\":");
                json_string(&mut out, &sub.snippet);
                out.push('}');
            }
            out.push_str("]}");
        }
        out.push_str("],\"total\":");
        decimal_into(&mut out, self.total as u64, 1);
        out.push_str(if self.partial { ",\"partial\":true" } else { ",\"partial\":false" });
        out.push_str(if self.more { ",\"more\":true}" } else { ",\"more\":false}" });
        out
    }
}

// The JSON is written by hand, without `core::fmt`: formatting code took some 10 KB of the
// page's gzipped WebAssembly for floats, and 0.7 KB more for integers and `write!`.

/// Writes a score rounded to thousandths as `{}` writes it (`12.345`, `0.5`, `3`).
fn thousandths_into(out: &mut String, score: f64) {
    let thousandths = libm::round(score * 1000.0) as u64;
    let (whole, fraction) = (thousandths / 1000, thousandths % 1000);
    decimal_into(out, whole, 1);
    if fraction > 0 {
        out.push('.');
        decimal_into(out, fraction, 3);
        out.truncate(out.trim_end_matches('0').len());
    }
}

/// Writes `n` in decimal, with leading zeros up to `digits` digits.
pub(crate) fn decimal_into(out: &mut String, n: u64, digits: usize) {
    let mut buffer = [b'0'; 20];
    let (mut at, mut rest) = (buffer.len(), n);
    while rest > 0 || buffer.len() - at < digits {
        at -= 1;
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    out.extend(buffer[at..].iter().map(|&digit| char::from(digit)));
}

/// `"url":…,"title":…`.
fn link_json(out: &mut String, url: &str, title: &str) {
    out.push_str("\"url\":");
    json_string(out, url);
    out.push_str(",\"title\":");
    json_string(out, title);
}

fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if u32::from(c) < 0x20 => {
                // A control character: `\u00XX`.
                out.push_str("\\u00");
                out.push(crate::format::hex_digit(c as u8 >> 4));
                out.push(crate::format::hex_digit(c as u8 & 15));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::{decimal_into, json_string, thousandths_into};
    use std::prelude::rust_2021::*;

    #[test]
    fn scores_print_as_floats_do() {
        // Scores as `hit` rounds them: every thousandth up to 200, then larger and odder ones.
        let raw = (0..200_000u32)
            .map(|i| f64::from(i) / 1000.0)
            .chain((0..100_000u32).map(|i| f64::from(i) * 0.012_345_678_9))
            .chain((0..2_000u32).map(|i| f64::from(i) * 7_919.333_7))
            .chain([1e-9, 0.0004999, 0.0005, 4.2e12]);
        for raw in raw {
            let score = (raw * 1000.0).round() / 1000.0;
            let mut out = String::new();
            thousandths_into(&mut out, score);
            assert_eq!(out, format!("{score}"), "{raw}");
        }
    }

    #[test]
    fn numbers_and_control_characters_print_as_format_does() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            for digits in [1, 3] {
                let mut out = String::new();
                decimal_into(&mut out, n, digits);
                assert_eq!(out, format!("{n:0digits$}"));
            }
        }
        let mut out = String::new();
        json_string(&mut out, "a\u{1}\u{1f}\t\n\"\\é");
        assert_eq!(out, "\"a\\u0001\\u001f\\u0009\\n\\\"\\\\é\"");
    }
}
