//! The Unicode character data of the analyser, from compact tables: lowercase (with the final
//! sigma), full canonical decomposition (but for the CJK compatibility ideographs, see the
//! crate's documentation), canonical composition, canonical combining classes, whether a
//! character is a combining mark, and whether it is alphabetic or numeric.
//!
//! std's lowercase and the `unicode-normalization` crate answer the same, but their tables
//! took some 75 KB of the page's WebAssembly (perfect hashes, which do not compress, and
//! fully expanded decompositions); std's alphabetic and numeric tables, beside these, 0.8 KB of
//! it gzipped. These answer exactly as they do for every other character:
//! [`tables`] is generated from them, and the tests compare the two over all of Unicode. When
//! a new toolchain or crate version changes the references, a test fails; regenerate with
//! `AYUDA_WRITE_UNICODE_TABLES=1 cargo test -p ayuda-text unicode`.

use crate::parts::{part, tail};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use once_cell::race::OnceBox;

#[cfg(test)]
mod generate;
mod tables;

/// The lowercase of `c` as std's `char::to_lowercase` gives it: one character, or two for
/// `İ` (`i` and a combining dot above).
pub(crate) fn lowercase(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), None);
    }
    if c == 'İ' {
        return ('i', Some('\u{307}'));
    }
    let code = u32::from(c);
    let runs = &decoded().lowercase;
    let run = runs.partition_point(|&(first, ..)| first <= code);
    if let Some(&(first, count, step, add)) = run.checked_sub(1).map(|i| &runs[i]) {
        let offset = code - first;
        if offset % u32::from(step) == 0 && offset / u32::from(step) < count {
            return (char::from_u32(code.wrapping_add_signed(add)).unwrap_or(c), None);
        }
    }
    (c, None)
}

/// `text` in lowercase as std's `str::to_lowercase` writes it: each character's
/// [`lowercase`], and `Σ` as the final `ς` at the end of a word (after a cased letter, not
/// before one, skipping case-ignorable characters such as marks and apostrophes).
pub(crate) fn to_lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if c == 'Σ' {
            let after = at + c.len_utf8();
            let cased = |c: Option<char>| c.is_some_and(|c| flags(c) & CASED != 0);
            let not_ignorable = |c: &char| flags(*c) & CASE_IGNORABLE == 0;
            let final_sigma = cased(part(text, 0..at).chars().rev().find(not_ignorable))
                && !cased(tail(text, after).chars().find(not_ignorable));
            out.push(if final_sigma { 'ς' } else { 'σ' });
        } else {
            let (lower, more) = lowercase(c);
            out.push(lower);
            out.extend(more);
        }
    }
    out
}

/// Calls `emit` with each character of the full canonical decomposition of `c` (in the
/// order of the mappings, not reordered by combining class); a CJK compatibility ideograph
/// is its own decomposition.
pub(crate) fn decompose(c: char, emit: &mut impl FnMut(char)) {
    let code = u32::from(c);
    if let Some(index) = code.checked_sub(HANGUL_FIRST).filter(|&i| i < HANGUL_SYLLABLES) {
        let jamo = |code: u32| char::from_u32(code).unwrap_or(c);
        emit(jamo(JAMO_L + index / (JAMO_V_COUNT * JAMO_T_COUNT)));
        emit(jamo(JAMO_V + index / JAMO_T_COUNT % JAMO_V_COUNT));
        if index % JAMO_T_COUNT > 0 {
            emit(jamo(JAMO_T + index % JAMO_T_COUNT));
        }
        return;
    }
    let table = &decoded().by_composite;
    match table.binary_search_by_key(&code, |entry| entry.0) {
        Ok(index) => {
            let (_, first, second) = table[index];
            decompose(char::from_u32(first).unwrap_or(c), emit);
            if let Some(second) = char::from_u32(second).filter(|&s| s != '\0') {
                emit(second);
            }
        }
        Err(_) => emit(c),
    }
}

/// The primary composite of `a` followed by `b`, if there is one.
pub(crate) fn compose(a: char, b: char) -> Option<char> {
    let (a, b) = (u32::from(a), u32::from(b));
    let l = a.wrapping_sub(JAMO_L);
    let v = b.wrapping_sub(JAMO_V);
    if l < JAMO_L_COUNT && v < JAMO_V_COUNT {
        return char::from_u32(HANGUL_FIRST + (l * JAMO_V_COUNT + v) * JAMO_T_COUNT);
    }
    let lv = a.wrapping_sub(HANGUL_FIRST);
    let t = b.wrapping_sub(JAMO_T);
    if lv < HANGUL_SYLLABLES && lv % JAMO_T_COUNT == 0 && (1..JAMO_T_COUNT).contains(&t) {
        return char::from_u32(a + t);
    }
    let pairs = &decoded().by_pair;
    let index = pairs.binary_search_by_key(&(a, b), |&(first, second, _)| (first, second)).ok()?;
    char::from_u32(pairs[index].2)
}

/// The canonical combining class of `c` (0 for starters).
pub(crate) fn combining_class(c: char) -> u8 {
    if c < FIRST_MARK {
        return 0;
    }
    tables::PROPERTY_VALUES[usize::from(property(c))].0
}

/// Whether `c` is a combining mark (general category M: Mn, Mc or Me).
pub(crate) fn is_combining_mark(c: char) -> bool {
    c >= FIRST_MARK && flags(c) & MARK != 0
}

/// Whether `c` is alphabetic, as `char::is_alphabetic` says.
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    flags(c) & ALPHABETIC != 0
}

/// Whether `c` is numeric (general category N), as `char::is_numeric` says.
pub(crate) fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    flags(c) & NUMERIC != 0
}

/// Whether `c` is alphabetic or numeric, as `char::is_alphanumeric` says.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    is_alphabetic(c) || is_numeric(c)
}

/// Flags of [`tables::PROPERTY_VALUES`].
const MARK: u8 = 1;
/// Skipped by the final-sigma rule (Case_Ignorable).
const CASE_IGNORABLE: u8 = 2;
/// Cased (and not case-ignorable) for the final-sigma rule.
const CASED: u8 = 4;
/// Alphabetic.
const ALPHABETIC: u8 = 8;
/// Numeric.
const NUMERIC: u8 = 16;

/// The CJK compatibility ideographs, whose canonical decompositions (each to a unified
/// ideograph) the tables leave out.
#[cfg(test)]
pub(crate) fn is_cjk_compatibility_ideograph(c: char) -> bool {
    matches!(c, '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}')
}

/// No character before this one is a mark or has a combining class (the tests check it).
const FIRST_MARK: char = '\u{300}';

fn flags(c: char) -> u8 {
    tables::PROPERTY_VALUES[usize::from(property(c))].1
}

/// The index in [`tables::PROPERTY_VALUES`] of `c`'s properties.
fn property(c: char) -> u8 {
    let steps = &decoded().property_steps;
    let step = steps.partition_point(|&(start, _)| start <= u32::from(c));
    step.checked_sub(1).map_or(0, |i| steps[i].1)
}

/// The tables, decoded once.
struct Decoded {
    /// The runs of [`tables::LOWERCASE`]: (first character, how many, step, distance).
    lowercase: Vec<(u32, u32, u8, i32)>,
    /// Where each run of characters with the same properties starts, with their index in
    /// [`tables::PROPERTY_VALUES`].
    property_steps: Vec<(u32, u8)>,
    /// The canonical decompositions: (composite, first, second or 0), by composite.
    by_composite: Vec<(u32, u32, u32)>,
    /// (first, second, composite) of the pairs that compose, by first and second.
    by_pair: Vec<(u32, u32, u32)>,
}

fn decoded() -> &'static Decoded {
    static DECODED: OnceBox<Decoded> = OnceBox::new();
    DECODED.get_or_init(|| {
        let mut bytes = tables::LOWERCASE;
        let mut first = 0;
        let mut lowercase = Vec::new();
        while let [_, ..] = bytes {
            first += leb128(&mut bytes);
            let count = leb128(&mut bytes);
            let step = take_byte(&mut bytes);
            lowercase.push((first, count, step, unzigzag(leb128(&mut bytes))));
        }
        let mut bytes = tables::PROPERTIES;
        let mut start = 0;
        let mut property_steps = Vec::new();
        while let [_, ..] = bytes {
            start += leb128(&mut bytes);
            property_steps.push((start, take_byte(&mut bytes)));
        }
        let mut bytes = tables::DECOMPOSITIONS;
        let (mut composite, mut first) = (0u32, 0u32);
        let mut by_composite = Vec::new();
        let mut by_pair = Vec::new();
        while let [_, ..] = bytes {
            composite += leb128(&mut bytes);
            first = first.wrapping_add_signed(unzigzag(leb128(&mut bytes)));
            let second = take_byte(&mut bytes);
            let second_char = match second & !COMPOSES {
                0 => 0,
                index => tables::SECOND_CHARACTERS[usize::from(index) - 1],
            };
            by_composite.push((composite, first, second_char));
            if second & COMPOSES != 0 {
                by_pair.push((first, second_char, composite));
            }
        }
        insertion_sort_by_key(&mut by_pair, |&pair| pair);
        Box::new(Decoded { lowercase, property_steps, by_composite, by_pair })
    })
}

/// Sorts `items` by `key`, stably, by insertion: for the short runs of marks of canonical
/// ordering, and the composition pairs once. (std's sort compiles to some 4 KB of WebAssembly
/// for each type it sorts.)
pub(crate) fn insertion_sort_by_key<T: Copy, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for sorted in 1..items.len() {
        let item = items[sorted];
        let mut at = sorted;
        while at > 0 && key(&items[at - 1]) > key(&item) {
            items[at] = items[at - 1];
            at -= 1;
        }
        items[at] = item;
    }
}

/// In [`tables::DECOMPOSITIONS`], the flag of a pair that composes back.
const COMPOSES: u8 = 0x80;

fn take_byte(bytes: &mut &[u8]) -> u8 {
    let (&byte, rest) = bytes.split_first().unwrap_or((&0, &[]));
    *bytes = rest;
    byte
}

/// A signed number from its zigzag form: 2n is n, 2n - 1 is -n.
fn unzigzag(n: u32) -> i32 {
    (n >> 1) as i32 ^ -((n & 1) as i32)
}

/// An unsigned LEB128 number: 7 bits a byte, the low ones first.
fn leb128(bytes: &mut &[u8]) -> u32 {
    let mut value = 0;
    for shift in (0..32).step_by(7) {
        let byte = take_byte(bytes);
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
    }
    value
}

// Hangul syllables decompose into, and compose from, conjoining jamo by arithmetic (Unicode,
// chapter 3.12): a leading consonant, a vowel, and maybe a trailing consonant.
const HANGUL_FIRST: u32 = 0xAC00;
const JAMO_L: u32 = 0x1100;
const JAMO_V: u32 = 0x1161;
/// One before the first trailing consonant: no trailing consonant.
const JAMO_T: u32 = 0x11A7;
const JAMO_L_COUNT: u32 = 19;
const JAMO_V_COUNT: u32 = 21;
const JAMO_T_COUNT: u32 = 28;
const HANGUL_SYLLABLES: u32 = JAMO_L_COUNT * JAMO_V_COUNT * JAMO_T_COUNT;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::char as reference;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=u32::from(char::MAX)).filter_map(char::from_u32)
    }

    #[test]
    fn lowercase_is_stds_for_every_character() {
        for c in every_char() {
            let (lower, more) = lowercase(c);
            let ours: Vec<char> = std::iter::once(lower).chain(more).collect();
            assert_eq!(ours, c.to_lowercase().collect::<Vec<_>>(), "{c:?}");
        }
    }

    #[test]
    fn final_sigma_is_stds_beside_every_character() {
        for c in every_char() {
            for text in
                [format!("AΣ{c}"), format!("A{c}Σ"), format!("AΣ{c}B"), format!("{c}Σ"), format!("Σ{c}")]
            {
                assert_eq!(to_lowercase(&text), text.to_lowercase(), "{text:?}");
            }
        }
    }

    #[test]
    fn properties_are_the_references_for_every_character() {
        for c in every_char() {
            assert_eq!(combining_class(c), reference::canonical_combining_class(c), "{c:?}");
            assert_eq!(is_combining_mark(c), reference::is_combining_mark(c), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn decomposition_is_the_references_for_every_character() {
        for c in every_char() {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            decompose(c, &mut |d| ours.push(d));
            if is_cjk_compatibility_ideograph(c) {
                theirs.push(c);
            } else {
                reference::decompose_canonical(c, |d| theirs.push(d));
            }
            assert_eq!(ours, theirs, "{c:?}");
        }
    }

    /// A pair composes to `c` only if their decompositions, one after the other, are `c`'s
    /// (canonical equivalence): trying every way to split every decomposition into two
    /// characters' tries every pair that composes, and every pair we might compose wrongly.
    #[test]
    fn composition_is_the_references_for_every_pair_that_may_compose() {
        let full = |c: char| {
            let mut d = Vec::new();
            reference::decompose_canonical(c, |x| d.push(x));
            d
        };
        let mut decomposing: std::collections::HashMap<Vec<char>, Vec<char>> = Default::default();
        for c in every_char().filter(|&c| full(c) != [c]) {
            decomposing.entry(full(c)).or_default().push(c);
        }
        // The characters whose full decomposition is `part`: itself if it is one that does
        // not decompose, and those that decompose to it.
        let decomposing_to = |part: &[char]| {
            let itself = part.first().filter(|&&c| part.len() == 1 && full(c) == [c]);
            itself.into_iter().chain(decomposing.get(part).into_iter().flatten()).copied().collect::<Vec<_>>()
        };
        let mut pairs = 0;
        for c in every_char() {
            let d = full(c);
            for split in 1..d.len() {
                for a in decomposing_to(&d[..split]) {
                    for b in decomposing_to(&d[split..]) {
                        assert_eq!(compose(a, b), reference::compose(a, b), "{a:?} {b:?}");
                        pairs += 1;
                    }
                }
            }
        }
        assert!(pairs > 10_000, "{pairs} pairs");
    }

    proptest! {
        #[test]
        fn lowercase_text_is_stds(text in any::<String>()) {
            prop_assert_eq!(to_lowercase(&text), text.to_lowercase());
        }

        #[test]
        fn lowercase_greek_is_stds(text in "[ΣσςΑΒΓαβγ \u{300}\u{301}\u{345}.:'’ʰͅ᾽a-cA-C0-9\u{ad}-]{0,12}") {
            prop_assert_eq!(to_lowercase(&text), text.to_lowercase());
        }

        #[test]
        fn composition_is_the_references(a in any::<char>(), b in any::<char>()) {
            prop_assert_eq!(compose(a, b), reference::compose(a, b));
        }
    }
}
