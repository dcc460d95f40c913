//! Spanish stemming: Snowball 3.0's Spanish algorithm
//! (<https://snowballstem.org/algorithms/spanish/stemmer.html>), for folded words.
//!
//! The words come folded by [`crate::fold`]: lowercase, no accents, `ñ` as `n`. So the
//! algorithm's accented suffixes (`-ación`, `-logía`, `-aría`, `-ió`…) never occur and are left
//! out, as is its last step, which only takes the accents off vowels; its unaccented spellings
//! (`-acion`, `-ucion`) stay. Letters of other scripts (Greek, Cyrillic…) may remain: they are
//! consonants to the algorithm, and the regions step over whole letters, not bytes. Every
//! suffix is ASCII, so the steps cut the word's bytes only where a letter starts.

use alloc::string::String;
use alloc::vec::Vec;

/// The Spanish stem of a word folded by [`crate::fold`]: `facturacion` → `factur`.
pub(crate) fn stem(folded: &str) -> String {
    let mut word = Word::new(folded);
    word.remove_attached_pronoun();
    if !word.remove_standard_suffix() && !word.remove_y_verb_suffix() {
        word.remove_verb_suffix();
    }
    word.remove_residual_suffix();
    String::from_utf8(word.bytes).unwrap_or_default()
}

/// Pronouns attached to an infinitive or a gerund (`darselo`, `diciendole`), longest first.
const PRONOUNS: &[&str] =
    &["selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo"];

/// The verb endings a pronoun may follow, longest first.
const ENDINGS_BEFORE_PRONOUN: &[&str] = &["iendo", "yendo", "ando", "ar", "er", "ir"];

/// What the standard suffixes ask for once found in their region.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Standard {
    /// Remove it.
    Remove,
    /// Remove it, then a preceding `ic` in R2 (`-ador`, `-acion`, `-ante`…).
    RemoveThenIc,
    /// Write `u` for it (`-ucion`).
    ToU,
    /// Write `ente` for it (`-encia`).
    ToEnte,
    /// `-amente`, the one in R1: remove it, then a preceding `iv` (and an `at` before that),
    /// `os`, `ic` or `ad` in R2.
    Amente,
    /// `-mente`: remove it, then a preceding `ante`, `able` or `ible` in R2.
    Mente,
    /// `-idad`: remove it, then a preceding `abil`, `ic` or `iv` in R2.
    Idad,
    /// `-iva`, `-ivo`: remove it, then a preceding `at` in R2.
    Iv,
}

/// The standard suffixes of nouns and adjectives, longest first.
const STANDARD_SUFFIXES: &[(&str, Standard)] = {
    use Standard::*;
    &[
        ("amientos", Remove),
        ("imientos", Remove),
        ("amiento", Remove),
        ("imiento", Remove),
        ("aciones", RemoveThenIc),
        ("uciones", ToU),
        ("adoras", RemoveThenIc),
        ("adores", RemoveThenIc),
        ("ancias", RemoveThenIc),
        ("encias", ToEnte),
        ("amente", Amente),
        ("idades", Idad),
        ("anzas", Remove),
        ("ismos", Remove),
        ("ables", Remove),
        ("ibles", Remove),
        ("istas", Remove),
        ("adora", RemoveThenIc),
        ("antes", RemoveThenIc),
        ("ancia", RemoveThenIc),
        ("acion", RemoveThenIc),
        ("ucion", ToU),
        ("encia", ToEnte),
        ("mente", Mente),
        ("anza", Remove),
        ("icos", Remove),
        ("icas", Remove),
        ("ismo", Remove),
        ("able", Remove),
        ("ible", Remove),
        ("ista", Remove),
        ("osos", Remove),
        ("osas", Remove),
        ("ador", RemoveThenIc),
        ("ante", RemoveThenIc),
        ("idad", Idad),
        ("ivas", Iv),
        ("ivos", Iv),
        ("ico", Remove),
        ("ica", Remove),
        ("oso", Remove),
        ("osa", Remove),
        ("iva", Iv),
        ("ivo", Iv),
    ]
};

/// Verb endings that begin with `y` (`-uyo`, `-uyendo`), removed after a `u`, longest first.
const Y_VERB_SUFFIXES: &[&str] =
    &["yeron", "yendo", "yamos", "yais", "yan", "yen", "yas", "yes", "ya", "ye", "yo"];

/// The other verb endings, longest first.
const VERB_SUFFIXES: &[&str] = &[
    "aremos", "eremos", "iremos", "ierais", "ieseis", "asteis", "isteis", //
    "ieran", "iesen", "ieron", "iendo", "ieras", "ieses", "abais", "arais", "aseis", //
    "emos", "iera", "iese", "aste", "iste", "aban", "aran", "asen", "aron", "ando", "abas", "adas", "idas",
    "aras", "ases", "ados", "idos", "amos", "imos", //
    "aba", "ada", "ida", "ara", "ase", "ado", "ido", //
    "en", "es", "ad", "ed", "id", "an", "ar", "er", "ir", "as",
];

/// The last vowel endings, longest first.
const RESIDUAL_SUFFIXES: &[&str] = &["os", "a", "o", "e"];

/// A word being stemmed, with its regions.
struct Word {
    /// The word's UTF-8 bytes.
    bytes: Vec<u8>,
    /// Where RV starts: if the second letter is a consonant, after the next vowel; if the first
    /// two letters are vowels, after the next consonant; if they are a consonant and a vowel,
    /// after the third letter. Verb endings must lie in RV.
    rv: usize,
    /// Where R1 starts: after the first consonant that follows a vowel.
    r1: usize,
    /// Where R2 starts: the R1 of R1.
    r2: usize,
}

impl Word {
    /// The word and its regions; a region that cannot be found starts at the word's end.
    fn new(folded: &str) -> Self {
        let bytes = folded.as_bytes().to_vec();
        let end = bytes.len();
        let r1 = after_vowel(&bytes, 0).and_then(|i| after_consonant(&bytes, i));
        let r2 = r1.and_then(|r1| after_vowel(&bytes, r1)).and_then(|i| after_consonant(&bytes, i));
        Word { rv: rv_start(&bytes).unwrap_or(end), r1: r1.unwrap_or(end), r2: r2.unwrap_or(end), bytes }
    }

    /// Step 0: removes a pronoun attached to an infinitive or a gerund whose ending lies in RV
    /// (`compartirlo`, `enviandoselo`); after `-yendo` only when a `u` precedes it
    /// (`construyendolo`).
    fn remove_attached_pronoun(&mut self) {
        let Some((_, pronoun)) = ending(&self.bytes, PRONOUNS, 0) else { return };
        let (verb, _) = self.bytes.split_at(pronoun);
        let Some((before, start)) = ending(verb, ENDINGS_BEFORE_PRONOUN, 0) else { return };
        if start >= self.rv && (before != "yendo" || preceded_by(verb, start, b'u')) {
            self.bytes.truncate(pronoun);
        }
    }

    /// Step 1: the longest standard suffix, if it lies in R2 (R1 for `-amente`), is removed or
    /// rewritten, and may take a suffix before it along. Returns whether it was.
    fn remove_standard_suffix(&mut self) -> bool {
        let found = STANDARD_SUFFIXES
            .iter()
            .find_map(|&(suffix, then)| Some((then, suffix_start(&self.bytes, suffix)?)));
        let Some((then, start)) = found else { return false };
        if start < if then == Standard::Amente { self.r1 } else { self.r2 } {
            return false;
        }
        self.bytes.truncate(start);
        match then {
            Standard::Remove => {}
            Standard::RemoveThenIc => _ = self.remove_in_r2(&["ic"]),
            Standard::ToU => self.bytes.push(b'u'),
            Standard::ToEnte => self.bytes.extend_from_slice(b"ente"),
            Standard::Amente => {
                if self.remove_in_r2(&["iv", "os", "ic", "ad"]) == Some("iv") {
                    self.remove_in_r2(&["at"]);
                }
            }
            Standard::Mente => _ = self.remove_in_r2(&["ante", "able", "ible"]),
            Standard::Idad => _ = self.remove_in_r2(&["abil", "ic", "iv"]),
            Standard::Iv => _ = self.remove_in_r2(&["at"]),
        }
        true
    }

    /// Step 2a, when step 1 removed nothing: removes the longest verb ending in RV that begins
    /// with `y`, if a `u` precedes it (`destruyeron`). Returns whether it did.
    fn remove_y_verb_suffix(&mut self) -> bool {
        match ending(&self.bytes, Y_VERB_SUFFIXES, self.rv) {
            Some((_, start)) if preceded_by(&self.bytes, start, b'u') => {
                self.bytes.truncate(start);
                true
            }
            _ => false,
        }
    }

    /// Step 2b, when steps 1 and 2a removed nothing: removes the longest verb ending in RV;
    /// `-en`, `-es` and `-emos` take along a `u` that follows a `g` (`siguen` → `sig`).
    fn remove_verb_suffix(&mut self) {
        let Some((suffix, mut start)) = ending(&self.bytes, VERB_SUFFIXES, self.rv) else { return };
        if matches!(suffix, "en" | "es" | "emos")
            && preceded_by(&self.bytes, start, b'u')
            && preceded_by(&self.bytes, start - 1, b'g')
        {
            start -= 1;
        }
        self.bytes.truncate(start);
    }

    /// Step 3: removes a last `-os`, `-a`, `-o` or `-e` in RV; after `-e`, also a `u` in RV
    /// that follows a `g` (`pague` → `pag`).
    fn remove_residual_suffix(&mut self) {
        let Some((suffix, start)) = ending(&self.bytes, RESIDUAL_SUFFIXES, self.rv) else { return };
        self.bytes.truncate(start);
        if suffix == "e"
            && start > self.rv
            && preceded_by(&self.bytes, start, b'u')
            && preceded_by(&self.bytes, start - 1, b'g')
        {
            self.bytes.truncate(start - 1);
        }
    }

    /// Removes the first of `suffixes` (longest first) that ends the word, if it lies in R2,
    /// and returns it.
    fn remove_in_r2(&mut self, suffixes: &[&'static str]) -> Option<&'static str> {
        let (suffix, start) = ending(&self.bytes, suffixes, self.r2)?;
        self.bytes.truncate(start);
        Some(suffix)
    }
}

/// Where RV starts (see [`Word::rv`]), if it can be found.
fn rv_start(word: &[u8]) -> Option<usize> {
    let second = after_letter(word, 0);
    let third = after_letter(word, second);
    match (word.first().map(is_vowel), word.get(second).map(is_vowel)) {
        (Some(_), Some(false)) => after_vowel(word, third),
        (Some(true), Some(true)) => after_consonant(word, third),
        (Some(false), Some(true)) if third < word.len() => Some(after_letter(word, third)),
        _ => None,
    }
}

/// The algorithm's vowels (a folded word has no accented ones).
fn is_vowel(byte: &u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Where the letter at `i` ends (a letter of another script takes several bytes).
fn after_letter(word: &[u8], i: usize) -> usize {
    let mut end = i + 1;
    while word.get(end).is_some_and(|byte| byte & 0xC0 == 0x80) {
        end += 1;
    }
    end
}

/// Where the first vowel from `from` on ends.
fn after_vowel(word: &[u8], from: usize) -> Option<usize> {
    Some(from + word.get(from..)?.iter().position(is_vowel)? + 1)
}

/// Where the first consonant (any letter but a vowel) from `from` on ends.
fn after_consonant(word: &[u8], from: usize) -> Option<usize> {
    let at = from + word.get(from..)?.iter().position(|byte| !is_vowel(byte))?;
    Some(after_letter(word, at))
}

/// Where `suffix` starts, if `word` ends with it.
fn suffix_start(word: &[u8], suffix: &str) -> Option<usize> {
    word.ends_with(suffix.as_bytes()).then(|| word.len() - suffix.len())
}

/// The first of `suffixes` (longest first) that ends `word` and starts at `from` or later,
/// and where it starts. (Snowball takes the longest suffix, then checks its region; where no
/// suffix of a list ends another, as in the residual and R2 lists, that is the same.)
fn ending(word: &[u8], suffixes: &[&'static str], from: usize) -> Option<(&'static str, usize)> {
    suffixes
        .iter()
        .find_map(|&suffix| Some((suffix, suffix_start(word, suffix).filter(|&start| start >= from)?)))
}

/// Whether the byte before `at` is `letter`.
fn preceded_by(word: &[u8], at: usize, letter: u8) -> bool {
    at.checked_sub(1).and_then(|i| word.get(i)) == Some(&letter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold;
    use pagefind_stem::{Algorithm, Stemmer};
    use proptest::prelude::*;

    fn oracle(folded: &str) -> String {
        Stemmer::create(Algorithm::Spanish).stem(folded).into_owned()
    }

    #[test]
    fn tables_are_longest_first() {
        let lists = [PRONOUNS, ENDINGS_BEFORE_PRONOUN, Y_VERB_SUFFIXES, VERB_SUFFIXES, RESIDUAL_SUFFIXES];
        let standard: Vec<&str> = STANDARD_SUFFIXES.iter().map(|&(suffix, _)| suffix).collect();
        for list in lists.into_iter().chain([&standard[..]]) {
            assert!(list.windows(2).all(|w| w[0].len() >= w[1].len()), "{list:?}");
        }
    }

    #[test]
    fn each_step() {
        let examples = [
            // Step 0, attached pronouns (then the endings they followed).
            ("compartirlo", "compart"),
            ("enviándoselo", "envi"),
            ("diciéndole", "dic"),
            ("construyéndolo", "constru"),
            ("releyéndolo", "releyendol"), // no u before -yendo: the pronoun stays
            // Step 1, standard suffixes.
            ("facturación", "factur"),
            ("facturaciones", "factur"),
            ("automáticamente", "automat"),
            ("rápidamente", "rapid"),
            ("notablemente", "notabl"),
            ("posibilidad", "posibil"),
            ("administrativo", "administr"),
            ("evolución", "evolu"),
            ("independencia", "independent"),
            ("solución", "solucion"),    // -ución lies before R2
            ("tecnología", "tecnologi"), // -logía is only known with its accent
            // Step 2a, verb endings that begin with y.
            ("destruyeron", "destru"),
            ("incluyendo", "inclu"),
            // Step 2b, other verb endings.
            ("facturar", "factur"),
            ("facturas", "factur"),
            ("facturado", "factur"),
            ("recibió", "recibi"),
            ("siguen", "sig"),
            // Step 3, residual vowels.
            ("factura", "factur"),
            ("pague", "pag"),
            ("informes", "inform"),
            // Short words, and other scripts: RV counts letters, not bytes.
            ("", ""),
            ("a", "a"),
            ("ya", "ya"),
            ("gao", "gao"),
            ("жao", "жao"),
            ("москва", "москва"),
        ];
        for (word, expected) in examples {
            let folded = fold(word);
            assert_eq!(stem(&folded), expected, "{word}");
            assert_eq!(oracle(&folded), expected, "{word} (oracle)");
        }
    }

    /// Every word of the demo help center, as the Spanish analyser folds it.
    #[test]
    fn equals_snowball_on_the_demo_site() {
        let words = super::super::demo_words("es");
        let differ: Vec<_> = words.iter().filter(|w| stem(w) != oracle(w)).collect();
        assert_eq!(differ, Vec::<&String>::new());
        // 8,242 distinct folded words when this was written.
        assert!(words.len() > 5000, "{} words", words.len());
    }

    /// Endings that exercise every rule, as a writer would type them (with accents), and
    /// endings the rules do not know; and no ending.
    fn endings() -> Vec<&'static str> {
        "a o e os as es ue ues gue guen guemos gues uyo uyó uyendo uyeron uyamos uyáis yendo ando \
         iendo ándole iéndoselo árselo érselas irlos arnos arme arse uyéndolo ar er ir aremos \
         eremos iremos aría erían iríamos ará erás aré ía ían ió ías ís áis íais íamos ábamos \
         áramos iéramos iésemos ásemos éis emos aba ada ida ara iera ad ed id ase iese aste iste \
         an aban aran ieran asen iesen aron ieron ado ido abas adas idas aras ieras ases ieses \
         abais arais ierais aseis ieseis asteis isteis ados idos amos imos anza anzas ico ica \
         icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento amientos \
         imiento imientos adora ador ación adoras adores aciones ante antes ancia ancias icación \
         icador icante logía logías ución uciones encia encias amente ivamente ativamente \
         osamente icamente adamente mente antemente ablemente iblemente idad idades abilidad \
         icidad ividad iva ivo ivas ivos ativo ativas ñ ü σ й ción cion"
            .split(' ')
            .chain([""])
            .collect()
    }

    /// Pronouns that may end a word, and nothing.
    const PRONOUNS_OR_NOTHING: &[&str] =
        &["", "me", "se", "la", "le", "lo", "las", "les", "los", "nos", "sela", "selo", "selas", "selos"];

    fn spanish_like_word() -> impl Strategy<Value = String> {
        let stem =
            proptest::string::string_regex("[bcdfglmnprstvyzaeiouáéíóúüñgu]{0,7}|[a-zñάσδйж\u{301}]{0,7}")
                .unwrap();
        let last =
            prop_oneof![proptest::sample::select(endings()), proptest::sample::select(PRONOUNS_OR_NOTHING)];
        (stem, proptest::sample::select(endings()), last)
            .prop_map(|(stem, ending, last)| fold(&format!("{stem}{ending}{last}")))
    }

    fn any_letters() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[a-zA-ZáéíóúüñÁÉÍÓÚÑçαβγδεάσςΣабвгдейЖ\u{301}\u{308}]{0,14}")
            .unwrap()
            .prop_map(|word| fold(&word))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

        #[test]
        fn equals_snowball(word in prop_oneof![3 => spanish_like_word(), 1 => any_letters()]) {
            prop_assert_eq!(stem(&word), oracle(&word), "{:?}", word);
        }
    }
}
