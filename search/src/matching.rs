//! Which words of the vocabulary a query term finds, and how much each counts: the word
//! itself (more when its accents are the ones typed), its other forms (the same stem),
//! words it begins (for the word being typed), and words one or two typing errors away.

use crate::format::Term;
use crate::sorting::sort_by_key;
use alloc::{string::String, vec, vec::Vec};
use text::{Analyzer, Prefix, Token};

/// How much a word found each way counts, against 1 for the word as typed.
const SAME_FOLDED: f64 = 0.8;
const SAME_STEM: f64 = 0.7;
const COMPLETION: f64 = 0.6;
const COMPLETION_EXACT_BONUS: f64 = 0.05;
const ONE_TYPO: f64 = 0.45;
const TWO_TYPOS: f64 = 0.3;
const TYPED_WITH_TYPO: f64 = 0.35;

/// At most this many completions and this many words with typos per term, the most
/// frequent first: each may cost a download.
const MAX_COMPLETIONS: usize = 24;
const MAX_TYPOS: usize = 8;

/// The words that a word of one or two letters begins are guesses that the next keystroke
/// replaces: they come from at most this many term shards besides those of the word itself,
/// the most frequent word first. Without a bound, a second word's first letter fetched the
/// shards of its 24 most frequent completions, one each (25 KB on the 10k corpus). From three
/// letters the guesses are what the reader may stop at (`comp`, `reg`): bounded to two shards
/// they missed the page sought for 5 of the corpus's 99 prefix queries.
const GUESS_SHARDS: usize = 2;
const GUESSING_LETTERS: usize = 2;

/// A word a term finds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Candidate {
    /// Its index in the vocabulary.
    pub(crate) term: u32,
    /// How much it counts.
    pub(crate) weight: f64,
    /// Found as typed, with other accents or as another form of the same word, rather than
    /// as a completion or with a typo: "every term must match" looks at all of its postings.
    pub(crate) whole: bool,
}

/// The candidates of a complete term.
pub(crate) fn for_token(terms: &[Term], analyzer: &Analyzer, token: &Token) -> Vec<Candidate> {
    let mut found = Found::default();
    // A stop word is never indexed, and it is spelled right: the words that share its stem or
    // nearly spell it are other words (`como`: `com`; `para`: `par`).
    if token.stop {
        return found.0;
    }
    let as_typed = folded_range(terms, &token.folded);
    // A word of the vocabulary, typed whole, was likely meant: of the words one or two edits
    // away, only other forms of it that Snowball stems apart are kept, those that begin with
    // its stem (`modificar`, `modifico`) or that it begins (`dias`, `dia`); the rest are
    // other words (`facturas`: `alturas`, `factores`; `alta`: `falta`, `acta`).
    let known = !as_typed.is_empty();
    for index in as_typed {
        let weight = if terms[index].exact() == token.exact { 1.0 } else { SAME_FOLDED };
        found.add(index, weight, true);
    }
    let stem_chars = char_count(&token.stem);
    if stem_chars >= 3 && !has_digit(&token.folded) {
        // Snowball's stems begin like their words, but for a last letter sometimes changed
        // (`happy` → `happi`): look among the words that share all but that letter.
        let start: String = token.stem.chars().take(stem_chars - 1).collect();
        for index in prefix_range(terms, &start) {
            let word = &terms[index].folded;
            if *word != token.folded && stem(analyzer, word) == token.stem {
                found.add(index, SAME_STEM, true);
            }
        }
    }
    if !has_digit(&token.folded) {
        let typed: Vec<char> = token.folded.chars().collect();
        let allowed = match typed.len() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        let mut near: Vec<(usize, usize)> = Vec::new();
        if allowed > 0 {
            let mut word = Vec::new();
            for (index, term) in terms.iter().enumerate() {
                let chars = char_count(&term.folded);
                if chars.abs_diff(typed.len()) > allowed {
                    continue;
                }
                word.clear();
                word.extend(term.folded.chars());
                let other_word =
                    known && !term.folded.starts_with(&token.stem) && !token.folded.starts_with(&term.folded);
                if let Some(distance) =
                    edit_distance(&typed, &word, allowed).filter(|&d| d > 0 && !other_word)
                {
                    near.push((distance, index));
                }
            }
        }
        sort_by_key(&mut near, |&(distance, index)| {
            (distance, core::cmp::Reverse(terms[index].records), index)
        });
        for (distance, index) in near.into_iter().take(MAX_TYPOS) {
            found.add(index, if distance == 1 { ONE_TYPO } else { TWO_TYPOS }, false);
        }
    }
    found.0
}

/// The candidates of the word being typed: what it is as a complete word, the words it
/// begins, and, from four letters when it begins none, the words it begins with one typing
/// error. The words that one or two letters begin come from few term shards
/// ([`GUESS_SHARDS`]); `shard_of` gives a word's term shard.
pub(crate) fn for_prefix(
    terms: &[Term],
    analyzer: &Analyzer,
    prefix: &Prefix,
    shard_of: impl Fn(usize) -> usize,
) -> Vec<Candidate> {
    let mut found = Found::default();
    if let Some(token) = analyzer.analyze(&prefix.exact).find(|t| !t.part) {
        for candidate in for_token(terms, analyzer, &token) {
            found.add(candidate.term as usize, candidate.weight, candidate.whole);
        }
    }
    let typed: Vec<char> = prefix.folded.chars().collect();
    let mut completions: Vec<usize> = prefix_range(terms, &prefix.folded).collect();
    // Typed as it begins a word of the vocabulary, the word is on its way: the words it would
    // begin with a typing error are other words (`pqrs`: `persona`, `personal`).
    let leads_somewhere = !completions.is_empty();
    sort_by_key(&mut completions, |&index| (core::cmp::Reverse(terms[index].records), index));
    if typed.len() <= GUESSING_LETTERS {
        let mut shards =
            Shards { read: found.0.iter().map(|c| shard_of(c.term as usize)).collect(), left: GUESS_SHARDS };
        completions.retain(|&index| shards.admit(shard_of(index)));
    }
    for index in completions.into_iter().take(MAX_COMPLETIONS) {
        let exact_bonus =
            if terms[index].exact().starts_with(&prefix.exact) { COMPLETION_EXACT_BONUS } else { 0.0 };
        found.add(index, COMPLETION + exact_bonus, false);
    }
    if typed.len() >= 4 && !leads_somewhere && !has_digit(&prefix.folded) {
        let mut near: Vec<usize> = Vec::new();
        let mut start = Vec::new();
        for (index, term) in terms.iter().enumerate() {
            start.clear();
            start.extend(term.folded.chars().take(typed.len() + 1));
            // The word's start as long as what was typed, or one letter longer or shorter.
            let lengths = [typed.len() - 1, typed.len(), typed.len() + 1];
            if lengths.iter().any(|&n| n <= start.len() && edit_distance(&typed, &start[..n], 1).is_some()) {
                near.push(index);
            }
        }
        sort_by_key(&mut near, |&index| (core::cmp::Reverse(terms[index].records), index));
        for index in near.into_iter().take(MAX_TYPOS) {
            found.add(index, TYPED_WITH_TYPO, false);
        }
    }
    found.0
}

/// The term shards a word of one or two letters reads: those of the word itself and of the
/// guesses admitted, with room for `left` more.
struct Shards {
    read: Vec<usize>,
    left: usize,
}

impl Shards {
    /// Whether a guess in `shard` may be read: its shard is read anyway, or one more fits.
    fn admit(&mut self, shard: usize) -> bool {
        if self.read.contains(&shard) {
            return true;
        }
        if self.left == 0 {
            return false;
        }
        self.left -= 1;
        self.read.push(shard);
        true
    }
}

/// Candidates, each word once with its best weight.
#[derive(Default)]
struct Found(Vec<Candidate>);

impl Found {
    fn add(&mut self, index: usize, weight: f64, whole: bool) {
        let term = index as u32;
        match self.0.iter_mut().find(|c| c.term == term) {
            Some(known) => {
                known.weight = known.weight.max(weight);
                known.whole |= whole;
            }
            None => self.0.push(Candidate { term, weight, whole }),
        }
    }
}

fn stem(analyzer: &Analyzer, folded: &str) -> String {
    analyzer.analyze(folded).next().map(|token| token.stem).unwrap_or_default()
}

fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// The vocabulary's words whose folded form is `folded`.
fn folded_range(terms: &[Term], folded: &str) -> core::ops::Range<usize> {
    let start = terms.partition_point(|t| t.folded.as_str() < folded);
    let end = start + terms[start..].partition_point(|t| t.folded == folded);
    start..end
}

/// The vocabulary's words whose folded form begins with `start`.
fn prefix_range(terms: &[Term], start: &str) -> core::ops::Range<usize> {
    let first = terms.partition_point(|t| t.folded.as_str() < start);
    let end = first + terms[first..].partition_point(|t| t.folded.starts_with(start));
    first..end
}

/// The number of characters of `text`, as `text.chars().count()` gives it: its bytes that do
/// not continue a character. (core's count is unrolled for long texts, 0.4 KB of the page's
/// module; words are short.)
fn char_count(text: &str) -> usize {
    text.bytes().filter(|&byte| byte & 0xC0 != 0x80).count()
}

/// The optimal-string-alignment distance (insertions, deletions, substitutions and swaps of
/// two neighbours) between `a` and `b`, if it is at most `limit`.
pub(crate) fn edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    // Three rows: two back (for swaps), the previous one, the current one.
    let mut rows = vec![0usize; 3 * width];
    for (j, cell) in rows[width..2 * width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (before, rest) = rows.split_at_mut(width);
        let (previous, current) = rest.split_at_mut(width);
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before[j - 2] + 1);
            }
            current[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > limit {
            return None;
        }
        rows.rotate_left(width);
    }
    let distance = rows[width + b.len()];
    (distance <= limit).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_distance(&a, &b, limit)
    }

    #[test]
    fn char_count_is_chars_count() {
        for text in ["", "factura", "ñandú", "e\u{301}", "日本語", "👋🏽 ok", "\u{10ffff}"] {
            assert_eq!(char_count(text), text.chars().count(), "{text:?}");
        }
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(distance("factura", "factura", 1), Some(0));
        assert_eq!(distance("fatcura", "factura", 1), Some(1), "a swap");
        assert_eq!(distance("factra", "factura", 1), Some(1), "a deletion");
        assert_eq!(distance("facturra", "factura", 1), Some(1), "an insertion");
        assert_eq!(distance("fectura", "factura", 1), Some(1), "a substitution");
        assert_eq!(distance("fectra", "factura", 1), None);
        assert_eq!(distance("fectra", "factura", 2), Some(2));
        assert_eq!(distance("", "abc", 3), Some(3));
        assert_eq!(distance("ñandú", "nandu", 2), Some(2));
    }

    #[test]
    fn a_row_over_the_limit_stops_early() {
        assert_eq!(distance("aaaaaaaa", "bbbbbbbb", 2), None);
    }
}
