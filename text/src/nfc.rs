//! Unicode NFC (UAX #15) over the character data of [`crate::unicode`]: decomposing,
//! ordering and composing here keeps `unicode-normalization`'s tables (compatibility forms
//! too) out of the page's WebAssembly.

use crate::unicode::{combining_class, compose, decompose, insertion_sort_by_key};
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

/// The NFC form of `text`.
pub(crate) fn nfc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    // Full canonical decomposition, each character with its combining class.
    let mut chars: Vec<(char, u8)> = Vec::with_capacity(text.len());
    for c in text.chars() {
        decompose(c, &mut |d| chars.push((d, combining_class(d))));
    }
    // Canonical order: each run of non-starters sorted by class, stably.
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && chars[i].1 != 0 {
            i += 1;
        }
        insertion_sort_by_key(&mut chars[start..i], |&(_, class)| class);
        i += 1;
    }
    // Canonical composition: a character joins the last starter unless a character between
    // them has a class of zero or at least its own (the run is sorted, so the last one has
    // the highest class).
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter = None::<usize>;
    let mut last_class = 0;
    for (c, class) in chars {
        if let Some(s) = starter {
            let adjacent = s + 1 == out.len();
            if adjacent || (last_class != 0 && last_class < class) {
                if let Some(composed) = compose(out[s], c) {
                    out[s] = composed;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
        }
        out.push(c);
        last_class = class;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::nfc;
    use crate::unicode::is_cjk_compatibility_ideograph;
    use proptest::prelude::*;
    use std::prelude::rust_2021::*;
    use unicode_normalization::UnicodeNormalization;

    /// The crate's NFC of `text`, but for the CJK compatibility ideographs, which stay as
    /// written. (Each is a starter that composes with nothing, before and after NFC: the text
    /// between two of them normalises on its own.)
    fn reference(text: &str) -> String {
        let mut out = String::new();
        let mut start = 0;
        for (at, c) in text.char_indices().filter(|&(_, c)| is_cjk_compatibility_ideograph(c)) {
            out.extend(text[start..at].nfc());
            out.push(c);
            start = at + c.len_utf8();
        }
        out.extend(text[start..].nfc());
        out
    }

    #[test]
    fn composes() {
        assert_eq!(nfc("cafe\u{301}"), "café");
        assert_eq!(nfc("n\u{303}u\u{308}"), "ñü");
        // Below-dot (220) sorts before circumflex (230), and both compose: ệ.
        assert_eq!(nfc("e\u{302}\u{323}"), "\u{1ec7}");
        // A second acute is blocked by the first, which composed.
        assert_eq!(nfc("e\u{301}\u{301}"), "é\u{301}");
        // Hangul jamo compose into a syllable.
        assert_eq!(nfc("\u{1100}\u{1161}\u{11a8}"), "각");
        // Singletons decompose and stay so: the ohm sign is omega.
        assert_eq!(nfc("\u{2126}"), "\u{3a9}");
        // But the CJK compatibility ideographs stay as written (NFC: U+8C48).
        assert_eq!(nfc("\u{F900}\u{301}"), "\u{F900}\u{301}");
    }

    proptest! {
        #[test]
        fn matches_the_crates_nfc(text in any::<String>()) {
            prop_assert_eq!(nfc(&text), reference(&text));
        }

        #[test]
        fn matches_the_crates_nfc_on_marks(
            text in "[aeiouAEIOUnNcCsSzZ\u{1100}\u{1161}\u{11a8}\u{915}\u{93f}\u{94d}\u{300}-\u{36f}\u{323}\u{1dc0}-\u{1dff}\u{3099}\u{b47}\u{b3e}\u{0f71}-\u{0f84}]{0,24}"
        ) {
            prop_assert_eq!(nfc(&text), reference(&text));
        }

        #[test]
        fn matches_the_crates_nfc_around_compatibility_ideographs(
            text in "[a\u{300}\u{301}\u{327}\u{F900}-\u{F910}\u{FA10}\u{2F800}\u{8C48}\u{1100}\u{1161}]{0,16}"
        ) {
            prop_assert_eq!(nfc(&text), reference(&text));
        }
    }
}
