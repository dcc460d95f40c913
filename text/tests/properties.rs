//! Invariants of the analyser over any text: arbitrary Unicode, and text shaped like a help
//! center's (accents, decomposed letters, numbers, joiners, hyphens, apostrophes, emoji,
//! other scripts).

use proptest::prelude::*;
use text::{fold, Analyzer, Token};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::is_nfc;

const LANGUAGES: [&str; 3] = ["es", "en", "fr"];

/// Text made of the characters that matter to the analyser.
fn help_center_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[a-zA-Z0-9áéíóúñÁÉÍÓÚÑüÜçß \u{301}\u{303}\u{308}\u{345}.,:/'’\\-‐¿?¡!()«»😀👍🏽\u{200d}ʼﾞΣσςάДй\u{915}\u{93f}\u{94d}ﬁＡ²½İ\u{2c65}]{0,80}",
    )
    .unwrap()
}

/// Text in Latin script only, with combining marks anywhere.
fn latin_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-ZáÁàçÇñÑøØæßİıłŁ0-9 \u{300}-\u{36f}\u{1dc0}-\u{1dff}.'\\-]{0,60}")
        .unwrap()
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), help_center_text()]
}

fn analyze(language: &str, text: &str) -> Vec<Token> {
    Analyzer::for_language(language).analyze(text).collect()
}

/// Whether `c` is a CJK compatibility ideograph, which the analyser leaves as written (not
/// NFC).
fn is_cjk_compatibility_ideograph(c: char) -> bool {
    matches!(c, '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}')
}

/// Whether `c` is in the Latin blocks (as the folding treats them).
fn is_latin(c: char) -> bool {
    matches!(c as u32, 0..=0x02AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn analysing_never_panics_and_is_repeatable(text in any_text()) {
        for language in LANGUAGES {
            let analyzer = Analyzer::for_language(language);
            let first: Vec<Token> = analyzer.analyze(&text).collect();
            let second: Vec<Token> = analyzer.analyze(&text).collect();
            prop_assert_eq!(first, second);
            prop_assert_eq!(analyzer.analyze_query(&text), analyzer.analyze_query(&text));
        }
    }

    #[test]
    fn unstemmed_tokens_are_the_tokens_less_their_stems(text in any_text()) {
        for language in LANGUAGES {
            let analyzer = Analyzer::for_language(language);
            let unstemmed: Vec<Token> = analyzer.analyze_unstemmed(&text).collect();
            let stemless: Vec<Token> = analyzer.analyze(&text).map(|t| Token { stem: String::new(), ..t }).collect();
            prop_assert_eq!(unstemmed, stemless);
        }
    }

    #[test]
    fn each_word_alone_gives_its_tokens(text in any_text()) {
        for language in LANGUAGES {
            let analyzer = Analyzer::for_language(language);
            let forms = |t: Token| (t.exact, t.folded, t.stem, t.stop, t.part);
            let in_context: Vec<_> = analyzer.analyze(&text).map(forms).collect();
            let alone: Vec<_> =
                text::word_ranges(&text).flat_map(|range| analyzer.analyze(&text[range]).map(forms).collect::<Vec<_>>()).collect();
            prop_assert_eq!(alone, in_context);
        }
    }

    #[test]
    fn ranges_are_in_bounds_ordered_and_disjoint(text in any_text()) {
        for language in LANGUAGES {
            let tokens = analyze(language, &text);
            let mut words_end = 0;
            let mut whole = None;
            let mut parts_end = 0;
            for token in &tokens {
                let range = token.range.clone();
                prop_assert!(range.start < range.end && range.end <= text.len(), "{:?}", token);
                prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                if token.part {
                    let whole: &std::ops::Range<usize> = whole.as_ref().expect("a part follows its whole");
                    prop_assert!(whole.start <= range.start && range.end <= whole.end, "inside: {:?}", tokens);
                    prop_assert!(range.start >= parts_end, "parts increasing and disjoint: {:?}", tokens);
                    parts_end = range.end;
                } else {
                    prop_assert!(range.start >= words_end, "increasing and disjoint: {:?}", tokens);
                    words_end = range.end;
                    parts_end = range.start;
                    whole = Some(range);
                }
            }
        }
    }

    #[test]
    fn positions_count_tokens(text in any_text()) {
        for language in LANGUAGES {
            for (i, token) in analyze(language, &text).iter().enumerate() {
                prop_assert_eq!(token.position as usize, i);
            }
        }
    }

    #[test]
    fn folding_is_idempotent(text in any_text()) {
        let folded = fold(&text);
        prop_assert_eq!(fold(&folded), folded.clone());
        prop_assert!(is_nfc(&folded) || folded.chars().any(is_cjk_compatibility_ideograph));
        for token in analyze("es", &text) {
            prop_assert_eq!(fold(&token.folded), token.folded.clone());
            prop_assert!(!token.folded.is_empty());
        }
    }

    #[test]
    fn exact_forms_are_lowercase_nfc(text in any_text()) {
        for token in analyze("en", &text) {
            let compatibility = token.exact.chars().any(is_cjk_compatibility_ideograph);
            prop_assert!(is_nfc(&token.exact) || compatibility, "{:?}", token);
            prop_assert_eq!(token.exact.to_lowercase(), token.exact.clone());
        }
    }

    #[test]
    fn folded_forms_have_marks_only_on_other_scripts(text in any_text()) {
        for token in analyze("es", &text) {
            let mut base = None;
            for c in token.folded.chars() {
                if is_combining_mark(c) {
                    prop_assert!(
                        base.is_some_and(|b: char| b.is_alphabetic() && !is_latin(b)),
                        "mark {:?} in {:?}", c, token
                    );
                } else {
                    base = Some(c);
                }
            }
        }
    }

    #[test]
    fn folded_latin_text_has_no_marks(text in latin_text()) {
        prop_assert!(!fold(&text).chars().any(is_combining_mark));
        for token in analyze("es", &text) {
            prop_assert!(!token.folded.chars().any(is_combining_mark), "{:?}", token);
            prop_assert!(token.folded.is_ascii(), "{:?}", token);
        }
    }

    #[test]
    fn a_query_ending_in_a_space_is_the_text(text in any_text()) {
        for language in LANGUAGES {
            let analyzer = Analyzer::for_language(language);
            let query = analyzer.analyze_query(&format!("{text} "));
            prop_assert_eq!(query.terms, analyze(language, &text));
            prop_assert_eq!(query.prefix, None);
        }
    }

    #[test]
    fn a_prefix_ends_the_query(text in any_text()) {
        let analyzer = Analyzer::for_language("es");
        let query = analyzer.analyze_query(&text);
        if let Some(prefix) = &query.prefix {
            prop_assert_eq!(prefix.range.end, text.len());
            prop_assert_eq!(prefix.position as usize, query.terms.len());
            prop_assert_eq!(fold(&prefix.folded), prefix.folded.clone());
        }
        // Every token of the text is a term of the query, except those of the prefix.
        let tokens = analyze("es", &text);
        prop_assert_eq!(&tokens[..query.terms.len()], &query.terms[..]);
        if query.prefix.is_none() {
            prop_assert_eq!(tokens.len(), query.terms.len());
        }
    }
}
