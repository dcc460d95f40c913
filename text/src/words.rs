//! Where the words of a text are: byte ranges in the source, found before any normalisation
//! so that they always slice the text the reader sees.

use crate::parts::tail;
use crate::unicode::{is_alphabetic, is_alphanumeric, is_combining_mark, is_numeric};
use alloc::vec::Vec;
use core::ops::Range;

/// Between two digits, these keep a number or a code whole: `1.5.3`, `10:30`, `2025-02-21`,
/// `21/02/2025`, and the decimal comma of Spanish, `99,9`.
const NUMBER_JOINERS: [char; 5] = ['.', ',', ':', '/', '-'];
/// Between two letters, these keep a word whole: `don't`, `user's`.
const APOSTROPHES: [char; 2] = ['\'', '\u{2019}'];
/// Between two letters or digits (and not between two digits), these make a compound whose
/// parts are words too: `e-mail`, `correo-e`, `COVID-19`.
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

/// The words of a text, in order.
pub(crate) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    /// The words of `text`, from its start.
    pub(crate) fn new(text: &'a str) -> Self {
        Words { text, at: 0 }
    }

    /// Finds the next word and writes the ranges of its segments into `segments`: one range,
    /// or one per part of a hyphenated compound. Returns false at the end of the text.
    ///
    /// A word starts with a letter or a digit (not a mark) and goes on over letters, digits
    /// and combining marks (so a decomposed `e\u{301}` is one letter of it), and over the joiners above.
    pub(crate) fn next_into(&mut self, segments: &mut Vec<Range<usize>>) -> bool {
        segments.clear();
        let Some(offset) = tail(self.text, self.at).find(starts_word) else {
            self.at = self.text.len();
            return false;
        };
        let start = self.at + offset;
        let mut segment_start = start;
        let mut end = start;
        let mut prev = None::<char>;
        let bytes = self.text.as_bytes();
        let mut i = start;
        loop {
            // Runs of ASCII letters and digits, byte by byte: most of any text.
            let run_start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i > run_start {
                prev = Some(char::from(bytes[i - 1]));
                end = i;
            }
            let Some(c) = tail(self.text, i).chars().next() else { break };
            let after = i + c.len_utf8();
            if is_word_char(c) {
                prev = Some(c);
                end = after;
                i = after;
                continue;
            }
            let (Some(p), Some(next)) = (prev, tail(self.text, after).chars().next()) else { break };
            let joins = (NUMBER_JOINERS.contains(&c) && is_numeric(p) && is_numeric(next))
                || (APOSTROPHES.contains(&c) && is_letter_or_mark(p) && is_alphabetic(next));
            let splits = !joins && HYPHENS.contains(&c) && is_alphanumeric(next);
            if !(joins || splits) {
                break;
            }
            if splits {
                segments.push(segment_start..end);
                segment_start = after;
            }
            prev = Some(c);
            i = after;
        }
        segments.push(segment_start..end);
        self.at = end;
        true
    }
}

/// A letter or a digit, not a mark. (ASCII first: most text is, and its tables are slow.)
fn starts_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_alphanumeric(c) && !is_combining_mark(c)
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_alphanumeric(c) || is_combining_mark(c)
    }
}

fn is_letter_or_mark(c: char) -> bool {
    is_alphabetic(c) || is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text`, each as the source text of its segments.
    fn words(text: &str) -> Vec<Vec<&str>> {
        let mut words = Words::new(text);
        let mut segments = Vec::new();
        let mut out = Vec::new();
        while words.next_into(&mut segments) {
            out.push(segments.iter().map(|r| &text[r.clone()]).collect());
        }
        out
    }

    #[test]
    fn numbers_and_codes_stay_whole() {
        assert_eq!(
            words("v2.0, 1.5.3 a las 10:30 del 2025-02-21 (21/02/2025): 99,9 %."),
            [
                ["v2.0"],
                ["1.5.3"],
                ["a"],
                ["las"],
                ["10:30"],
                ["del"],
                ["2025-02-21"],
                ["21/02/2025"],
                ["99,9"]
            ]
        );
        assert_eq!(words("ISO 9001, HTTP 429; PQRS."), [["ISO"], ["9001"], ["HTTP"], ["429"], ["PQRS"]]);
    }

    #[test]
    fn joiners_need_both_neighbours() {
        assert_eq!(words("fin. 3.-4. a-"), [["fin"], ["3"], ["4"], ["a"]]);
        assert_eq!(words("'hola' users' x--y"), [["hola"], ["users"], ["x"], ["y"]]);
    }

    #[test]
    fn apostrophes_join_letters() {
        assert_eq!(words("don't user’s 90's"), [["don't"], ["user’s"], ["90"], ["s"]]);
    }

    #[test]
    fn hyphens_make_compounds() {
        assert_eq!(
            words("e-mail correo-e COVID-19 v2.0-beta"),
            [vec!["e", "mail"], vec!["correo", "e"], vec!["COVID", "19"], vec!["v2.0", "beta"]]
        );
    }

    #[test]
    fn marks_belong_to_their_letter() {
        assert_eq!(words("cafe\u{301} \u{301}x \u{345}y"), [["cafe\u{301}"], ["x"], ["y"]]);
    }

    #[test]
    fn punctuation_and_emoji_are_not_words() {
        assert_eq!(words("¡Hola! 👋🏽 ¿Qué tal? — bien…"), [["Hola"], ["Qué"], ["tal"], ["bien"]]);
    }
}
