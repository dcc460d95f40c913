//! The two written forms of a word: exact (as written, lowercased) and folded (the key
//! that matches).

use crate::nfc::nfc;
use crate::unicode::{self, decompose, is_combining_mark, to_lowercase};
use alloc::string::String;

/// A word's exact form: full Unicode lowercase in NFC, accents kept, with the typographic
/// apostrophe (U+2019) and hyphens (U+2010, U+2011) written as their ASCII forms.
pub(crate) fn exact(source: &str) -> String {
    let lower = to_lowercase(source);
    if lower.is_ascii() {
        return lower;
    }
    let ascii_punctuation: String = lower
        .chars()
        .map(|c| match c {
            '\u{2019}' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        })
        .collect();
    nfc(&ascii_punctuation)
}

/// Folds text for matching: full lowercase, no diacritics on Latin letters (`á` → `a`,
/// `ñ` → `n`, `ç` → `c`, `ø` → `o`, `ß` → `ss`), no apostrophes, the final sigma as `σ`,
/// and the compatibility forms met in Latin text as plain letters and digits (ligatures
/// `ﬁ`, full-width `ＡＢＣ１２３`, superscript and subscript digits `m²`). Letters of other
/// scripts keep their marks, so a Greek or Devanagari word stays what it is. The result is
/// in NFC, and folding it again changes nothing.
///
/// ```
/// assert_eq!(text::fold("Facturación ÁGIL"), "facturacion agil");
/// assert_eq!(text::fold("Pingüino, AÑO, garçon, ﬁnal"), "pinguino, ano, garcon, final");
/// assert_eq!(text::fold("user’s"), "users");
/// ```
pub fn fold(text: &str) -> String {
    let mut folder = Folder { out: String::with_capacity(text.len()), keep_marks: false };
    for c in text.chars() {
        folder.push(c, 0);
    }
    nfc(&folder.out)
}

struct Folder {
    out: String,
    /// Whether a combining mark here belongs to a letter of a script other than Latin.
    keep_marks: bool,
}

impl Folder {
    /// Decomposes and lowercases `c` until neither changes it any more (a lowercase letter
    /// may decompose, a decomposed piece may be a capital), then emits the pieces.
    fn push(&mut self, c: char, depth: u8) {
        if c.is_ascii() {
            return self.emit(c.to_ascii_lowercase());
        }
        if plain_form(c, |p| self.emit(p.to_ascii_lowercase())) {
            return;
        }
        decompose(c, &mut |piece| self.lowercase(piece, depth));
    }

    fn lowercase(&mut self, piece: char, depth: u8) {
        match unicode::lowercase(piece) {
            (lower, None) if lower == piece => self.emit(piece),
            _ if depth >= 3 => self.emit(piece),
            (lower, more) => {
                self.push(lower, depth + 1);
                more.into_iter().for_each(|more| self.push(more, depth + 1));
            }
        }
    }

    fn emit(&mut self, c: char) {
        if is_combining_mark(c) {
            if self.keep_marks {
                self.out.push(c);
            }
            return;
        }
        match c {
            '\'' | '\u{2019}' | '\u{02BC}' => return,
            'ß' => self.out.push_str("ss"),
            'æ' => self.out.push_str("ae"),
            'œ' => self.out.push_str("oe"),
            'ø' => self.out.push('o'),
            'đ' => self.out.push('d'),
            'ħ' => self.out.push('h'),
            'ı' => self.out.push('i'),
            'ł' => self.out.push('l'),
            'ŧ' => self.out.push('t'),
            'ς' => self.out.push('σ'),
            c => self.out.push(c),
        }
        self.keep_marks = unicode::is_alphabetic(c) && !is_latin(c);
    }
}

/// Emits the ASCII letters or digits of a compatibility form met in Latin text (full-width
/// forms, superscript and subscript digits, ligatures, long s) and returns true; returns
/// false for any other character. (Full compatibility decomposition, NFKD, would need
/// tables of some 60 KB in WebAssembly for forms that Spanish and English text do not use.)
fn plain_form(c: char, mut emit: impl FnMut(char)) -> bool {
    let shifted = |from: u32, to: char| char::from_u32(to as u32 + (c as u32 - from));
    let plain = match c {
        '\u{FF01}'..='\u{FF5E}' => shifted(0xFF01, '!'),
        '\u{2070}' | '\u{2074}'..='\u{2079}' => shifted(0x2070, '0'),
        '\u{2080}'..='\u{2089}' => shifted(0x2080, '0'),
        '¹' => Some('1'),
        '²' => Some('2'),
        '³' => Some('3'),
        'ſ' => Some('s'),
        _ => None,
    };
    if let Some(plain) = plain {
        emit(plain);
        return true;
    }
    let ligature = match c {
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        'ĳ' | 'Ĳ' => "ij",
        _ => return false,
    };
    ligature.chars().for_each(emit);
    true
}

/// Latin letters: ASCII, Latin-1, Latin Extended-A and -B, IPA, phonetic extensions,
/// Latin Extended Additional, -C, -D and -E.
fn is_latin(c: char) -> bool {
    matches!(c as u32, 0..=0x02AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_lowercases_and_composes() {
        assert_eq!(exact("Facturación"), "facturación");
        assert_eq!(exact("FACTURACIO\u{301}N"), "facturación");
        assert_eq!(exact("DON\u{2019}T"), "don't");
        assert_eq!(exact("ΟΔΟΣ"), "οδος");
        assert_eq!(exact("İ"), "i\u{307}");
    }

    #[test]
    fn fold_removes_latin_diacritics() {
        assert_eq!(
            fold("àáâãäåāăą çćč ďđ èéêëēěę ìíîïı ñńň òóôõöøő ùúûüů ýÿ žźż"),
            "aaaaaaaaa ccc dd eeeeeee iiiii nnn ooooooo uuuuu yy zzz"
        );
        assert_eq!(fold("STRAẞE Æsir cœur Łódź ǿ"), "strasse aesir coeur lodz o");
        assert_eq!(fold("Tiếng Việt"), "tieng viet");
        assert_eq!(fold("e\u{301}"), "e");
        assert_eq!(fold("İstanbul"), "istanbul");
    }

    #[test]
    fn fold_unifies_compatibility_forms() {
        assert_eq!(fold("ＥＸＣＥＬ ﬁchero m² H₂O ĲSSEL ſ"), "excel fichero m2 h2o ijssel s");
        assert_eq!(fold("½ ⑴ ㎡"), "½ ⑴ ㎡", "other compatibility forms stay");
    }

    #[test]
    fn fold_keeps_other_scripts() {
        assert_eq!(fold("Ελληνικά ΟΔΟΣ"), "ελληνικά οδοσ");
        assert_eq!(fold("Русский йод"), "русский йод");
        assert_eq!(fold("हिन्दी"), "हिन्दी");
        assert_eq!(fold("が"), "が");
    }
}
