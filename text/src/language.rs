//! What differs between languages: the stemmer and the stop words.

use crate::stop_words;
use alloc::borrow::ToOwned;
use alloc::string::String;

/// The language a tag names, as far as ayuda's words differ: the search's stemming and stop
/// words, and the theme's interface text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// Spanish: `es`, `es-CO`, `es-419`…
    Spanish,
    /// English: `en`, `en-US`…
    English,
    /// Any other language: no stemming and no stop words.
    Other,
}

impl Language {
    /// The language of a tag such as `es`, `en`, `es-CO` or `EN_us` (the primary subtag,
    /// in any case). This is the one place a tag is read: the search and the theme agree.
    pub fn from_tag(tag: &str) -> Self {
        let primary = primary_subtag(tag);
        if primary.eq_ignore_ascii_case("es") {
            Language::Spanish
        } else if primary.eq_ignore_ascii_case("en") {
            Language::English
        } else {
            Language::Other
        }
    }

    /// Its code, `es` or `en` (none for [`Language::Other`]).
    pub fn code(self) -> Option<&'static str> {
        match self {
            Language::Spanish => Some("es"),
            Language::English => Some("en"),
            Language::Other => None,
        }
    }

    /// The stem of a folded word. Words with a digit are codes or numbers (`v2`, `9001`,
    /// `covid19`) and are kept as they are.
    pub(crate) fn stem(self, folded: &str) -> String {
        if folded.chars().any(crate::unicode::is_numeric) {
            return folded.to_owned();
        }
        match self {
            Language::Spanish => crate::stem::spanish::stem(folded),
            Language::English => crate::stem::english::stem(folded),
            Language::Other => folded.to_owned(),
        }
    }

    /// Whether a folded word is a stop word of the language.
    pub(crate) fn is_stop(self, folded: &str) -> bool {
        let list = match self {
            Language::Spanish => stop_words::SPANISH,
            Language::English => stop_words::ENGLISH,
            Language::Other => return false,
        };
        stop_words::contains(list, folded)
    }
}

/// The language part of a tag: `es` of `es-CO`, `en` of `EN_us` (as written). Inlined: the
/// search's WebAssembly, where `from_tag` is its one caller, is then 54 bytes smaller.
#[inline]
pub fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold;

    #[test]
    fn tags_by_primary_subtag() {
        assert_eq!(Language::from_tag("es"), Language::Spanish);
        assert_eq!(Language::from_tag("es-CO"), Language::Spanish);
        assert_eq!(Language::from_tag("EN_us"), Language::English);
        assert_eq!(Language::from_tag("fr"), Language::Other);
        assert_eq!(Language::from_tag(""), Language::Other);
        assert_eq!(Language::from_tag("eng"), Language::Other);
    }

    #[test]
    fn stop_word_lists_are_sorted_folded_single_words() {
        for list in [stop_words::SPANISH, stop_words::ENGLISH] {
            let list: std::vec::Vec<&str> = list.split(' ').collect();
            assert!(list.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
            for word in list {
                assert_eq!(fold(word), word);
                assert!(word.chars().all(|c| c.is_ascii_lowercase()), "{word}");
            }
        }
    }

    #[test]
    fn spanish_stems_folded_words_alike() {
        for word in ["facturacion", "facturar", "facturas", "factura", "facturaciones", "facturado"] {
            assert_eq!(Language::Spanish.stem(word), "factur", "{word}");
        }
    }

    #[test]
    fn codes_are_not_stemmed() {
        assert_eq!(Language::English.stem("v2s"), "v2s");
        assert_eq!(Language::English.stem("tickets"), "ticket");
    }
}
