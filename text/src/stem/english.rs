//! The English stemmer of Snowball 3 (Porter2), written from its published description
//! (<https://snowballstem.org/algorithms/english/stemmer.html> and `algorithms/english.sbl`)
//! and equal word for word to the crate `pagefind_stem` 1.0.0, which the tests check. That
//! crate compiles the `english.sbl` of Snowball 3.1, with the special prefix `inter-` and
//! the exception `skis` that the file of Snowball 3.0.0 did not have yet.
//!
//! The word is handled as a list of characters, so that letters of other scripts count as
//! one letter each, as Snowball counts them; they are never vowels. The input is folded, so
//! it holds no apostrophes and no capitals: Snowball's rules for apostrophes never apply,
//! and a capital `Y` can only be one that `Word::new` wrote.

use alloc::string::String;
use alloc::vec::Vec;

/// The stem of a folded word, as [`crate::fold`] makes it.
pub(crate) fn stem(folded: &str) -> String {
    for exception in words(EXCEPTIONS) {
        let (word, stem) = split_at_byte(exception, b'>');
        if word == folded.as_bytes() {
            return stem.iter().map(|&b| char::from(b)).collect();
        }
    }
    let mut word = Word::new(folded);
    if word.chars.len() < 3 {
        return String::from(folded);
    }
    word.step_1a();
    word.step_1b();
    word.step_1c();
    word.step_2();
    word.step_3();
    word.step_4();
    word.step_5();
    // A `Y` marked by `Word::new` is a `y` again.
    word.chars.iter().map(|&c| if c == 'Y' { 'y' } else { c }).collect()
}

/// Whole words with a stem of their own, as `word>stem`: irregular forms, `-ly` words
/// that step 2 would cut too short, and words that only look like plurals. Checked before
/// anything else.
const EXCEPTIONS: &str = "skis>ski skies>sky idly>idl gently>gentl ugly>ugli early>earli only>onli \
    singly>singl sky>sky news>news howe>howe atlas>atlas cosmos>cosmos bias>bias andes>andes";

/// Beginnings that are R1's prefix whatever their letters (`gener-` of `general`, `generic`,
/// `generous` gives them one stem), instead of the usual rule.
const SPECIAL_PREFIXES: &str = "gener commun arsen past univers later emerg organ inter";

// The tables of steps 2 to 4 hold rules `suffix>replacement/letters`, longest suffix first:
// the suffix becomes the replacement (nothing when there is no `>`) if one of the letters
// (any letter when there is no `/`) comes before it.

/// Step 2's rules, for suffixes in R1.
const STEP_2: &str = "ational>ate fulness>ful iveness>ive ousness>ous ization>ize tional>tion \
    biliti>ble lessli>less entli>ent ation>ate alism>al aliti>al ousli>ous iviti>ive fulli>ful \
    ogist>og enci>ence anci>ance abli>able izer>ize ator>ate alli>al bli>ble ogi>og/l li/cdeghkmnrt";

/// Step 3's rules, for suffixes in R1 (`ative` in R2 too).
const STEP_3: &str = "ational>ate tional>tion alize>al icate>ic iciti>ic ative ical>ic ness ful";

/// Step 4's rules, for suffixes in R2.
const STEP_4: &str = "ement ance ence able ible ment ant ent ism ate iti ous ive ize ion/st al er ic";

/// The words of a list separated by spaces.
fn words(list: &str) -> impl Iterator<Item = &[u8]> {
    list.as_bytes().split(|&b| b == b' ')
}

/// One rule of a table: a suffix, what replaces it, and the letters one of which must come
/// before it (any letter when empty).
struct Rule<'t> {
    suffix: &'t [u8],
    replacement: &'t [u8],
    after: &'t [u8],
}

/// The rules of a table, in its order.
fn rules(table: &str) -> impl Iterator<Item = Rule<'_>> {
    words(table).map(|rule| {
        let (rule, after) = split_at_byte(rule, b'/');
        let (suffix, replacement) = split_at_byte(rule, b'>');
        Rule { suffix, replacement, after }
    })
}

/// What comes before and after the first `separator` (all and nothing when there is none).
fn split_at_byte(bytes: &[u8], separator: u8) -> (&[u8], &[u8]) {
    match bytes.iter().position(|&b| b == separator) {
        Some(at) => (&bytes[..at], &bytes[at + 1..]),
        None => (bytes, &[]),
    }
}

/// Whether `c` is a vowel: `a e i o u y`. A `Y` (a consonant `y`, see [`Word::new`]) and
/// letters of other scripts are not.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// A word being stemmed, with its two regions. Region R1 is what follows the first
/// consonant that follows a vowel (or a special prefix); R2 is the same rule applied again
/// inside R1. A suffix is "in" a region when it starts at or after the region's start;
/// most steps only remove suffixes in R1 or R2, so short stems keep their letters.
struct Word {
    chars: Vec<char>,
    r1: usize,
    r2: usize,
}

impl Word {
    /// Reads the word, marks its consonant `y`s as `Y` (a `y` at the start or after a
    /// vowel, as in `yes` and `play`, is a consonant: it is neither a vowel nor a `y` that
    /// step 1c turns into `i`), and finds its regions.
    fn new(folded: &str) -> Self {
        let mut chars: Vec<char> = folded.chars().collect();
        for i in 0..chars.len() {
            if chars[i] == 'y' && (i == 0 || is_vowel(chars[i - 1])) {
                chars[i] = 'Y';
            }
        }
        let r1 = match words(SPECIAL_PREFIXES).find(|prefix| starts_with(&chars, prefix)) {
            Some(prefix) => prefix.len(),
            None => region_after(&chars, 0),
        };
        let r2 = region_after(&chars, r1);
        Word { chars, r1, r2 }
    }

    /// Whether the first `end` letters end with the ASCII `suffix`.
    fn ends_with_at(&self, end: usize, suffix: &[u8]) -> bool {
        end >= suffix.len()
            && self.chars[end - suffix.len()..end].iter().zip(suffix).all(|(&c, &b)| c == char::from(b))
    }

    /// Whether the word ends with `suffix`.
    fn ends_with(&self, suffix: &[u8]) -> bool {
        self.ends_with_at(self.chars.len(), suffix)
    }

    /// Whether the first `end` letters are exactly one of the words of `list`.
    fn is_one_of_at(&self, end: usize, list: &str) -> bool {
        words(list).any(|word| word.len() == end && self.ends_with_at(end, word))
    }

    /// Whether a vowel comes before letter `end`.
    fn has_vowel_before(&self, end: usize) -> bool {
        self.chars[..end].iter().any(|&c| is_vowel(c))
    }

    /// Replaces the last `count` letters with `with`.
    fn replace_end(&mut self, count: usize, with: &[u8]) {
        self.chars.truncate(self.chars.len() - count);
        self.chars.extend(with.iter().map(|&b| char::from(b)));
    }

    /// Whether the first `end` letters end in a short syllable: a vowel between two
    /// consonants, the last not `w`, `x` or `Y` (`hop`); a vowel and a consonant that start
    /// the word (`at`); or `past` (so `pasted` gives `paste`).
    fn ends_in_short_syllable(&self, end: usize) -> bool {
        let chars = &self.chars[..end];
        let closed = matches!(chars, [.., before, vowel, after]
            if !is_vowel(*before) && is_vowel(*vowel)
                && !is_vowel(*after) && !matches!(after, 'w' | 'x' | 'Y'));
        let open_start = matches!(chars, [vowel, after] if is_vowel(*vowel) && !is_vowel(*after));
        closed || open_start || self.ends_with_at(end, b"past")
    }

    /// The rule of `table` with the longest suffix that the word ends with, and where the
    /// suffix starts.
    fn longest_suffix<'t>(&self, table: &'t str) -> Option<(usize, Rule<'t>)> {
        let rule = rules(table).find(|rule| self.ends_with(rule.suffix))?;
        Some((self.chars.len() - rule.suffix.len(), rule))
    }

    /// Replaces the longest suffix of `table` if it starts at or after `region` and follows
    /// one of the rule's letters. A longest suffix that fails leaves the word as it is:
    /// shorter suffixes are not tried.
    fn replace_longest(&mut self, table: &str, region: usize) {
        let Some((start, rule)) = self.longest_suffix(table) else { return };
        let follows = rule.after.is_empty()
            || start > 0 && rule.after.iter().any(|&b| self.chars[start - 1] == char::from(b));
        if start >= region && follows {
            self.replace_end(rule.suffix.len(), rule.replacement);
        }
    }

    /// Step 1a, plurals: `-sses` → `-ss`; `-ied`, `-ies` → `-i` after two letters or more
    /// (`cries` → `cri`), else `-ie` (`ties` → `tie`); `-us` and `-ss` stay; `-s` goes if a
    /// vowel comes before the letter before it (`gaps` → `gap`, but `gas` stays).
    fn step_1a(&mut self) {
        let len = self.chars.len();
        if self.ends_with(b"sses") {
            self.replace_end(2, b"");
        } else if self.ends_with(b"ied") || self.ends_with(b"ies") {
            self.replace_end(3, if len > 4 { b"i" } else { b"ie" });
        } else if self.ends_with(b"s")
            && !self.ends_with(b"us")
            && !self.ends_with(b"ss")
            && self.has_vowel_before(len - 2)
        {
            self.chars.pop();
        }
    }

    /// Step 1b, `-ed` and `-ing` forms. `-eed`, `-eedly` become `-ee` in R1 (but `proceed`,
    /// `exceed` and `succeed` stay). `-ying` after a single consonant becomes `-ie` (`dying`
    /// → `die`), and `inning`, `outing`, `canning`, `herring`, `earring` and `evening`
    /// stay. Otherwise `-ed`, `-edly`, `-ing` and `-ingly` go if a vowel comes before them,
    /// and then the stem is tidied: `-at`, `-bl` and `-iz` get an `e` back (`luxuriat` →
    /// `luxuriate`); a double `bb dd ff gg mm nn pp rr tt` loses a letter (`hopp` → `hop`)
    /// unless the word is just a vowel `a e o` and the double (`add`); a stem that is
    /// exactly R1's prefix and ends in a short syllable gets an `e` (`hop` → `hope`).
    fn step_1b(&mut self) {
        let Some(suffix) = words("eedly ingly edly eed ing ed").find(|suffix| self.ends_with(suffix)) else {
            return;
        };
        let start = self.chars.len() - suffix.len();
        if suffix.starts_with(b"eed") {
            if start >= self.r1 && !self.is_one_of_at(start, "proc exc succ") {
                self.replace_end(suffix.len(), b"ee");
            }
            return;
        }
        if suffix == b"ing" {
            if let [first, 'y'] = self.chars[..start] {
                if !is_vowel(first) {
                    return self.replace_end(4, b"ie");
                }
            }
            if self.is_one_of_at(start, "inn out cann herr earr even") {
                return;
            }
        }
        if !self.has_vowel_before(start) {
            return;
        }
        self.chars.truncate(start);
        let ends_in_double = matches!(self.chars[..], [.., a, b]
            if a == b && matches!(b, 'b' | 'd' | 'f' | 'g' | 'm' | 'n' | 'p' | 'r' | 't'));
        if self.ends_with(b"at") || self.ends_with(b"bl") || self.ends_with(b"iz") {
            self.chars.push('e');
        } else if ends_in_double {
            if !(start == 3 && matches!(self.chars[0], 'a' | 'e' | 'o')) {
                self.chars.pop();
            }
        } else if start == self.r1 && self.ends_in_short_syllable(start) {
            self.chars.push('e');
        }
    }

    /// Step 1c: a final `y` or `Y` after a consonant that is not the first letter becomes
    /// `i` (`cry` → `cri`, `by` stays).
    fn step_1c(&mut self) {
        if let [_, .., consonant, 'y' | 'Y'] = self.chars[..] {
            if !is_vowel(consonant) {
                self.replace_end(1, b"i");
            }
        }
    }

    /// Step 2: the longest of its suffixes, in R1, becomes its shorter form (`-ational` →
    /// `-ate`, `-izer` → `-ize`, `-li` after `c d e g h k m n r t` goes…).
    fn step_2(&mut self) {
        self.replace_longest(STEP_2, self.r1);
    }

    /// Step 3: likewise with `-ical` → `-ic`, `-ness` → nothing…; `-ative` goes only in R2.
    fn step_3(&mut self) {
        let region = match self.longest_suffix(STEP_3) {
            Some((_, Rule { suffix: b"ative", .. })) => self.r2,
            _ => self.r1,
        };
        self.replace_longest(STEP_3, region);
    }

    /// Step 4: the longest of its suffixes goes if it is in R2 (`-ion` only after `s` or
    /// `t`).
    fn step_4(&mut self) {
        self.replace_longest(STEP_4, self.r2);
    }

    /// Step 5: a final `e` goes in R2, or in R1 unless a short syllable comes before it
    /// (`hope` keeps it); a final `l` after another `l` goes in R2.
    fn step_5(&mut self) {
        let Some(start) = self.chars.len().checked_sub(1) else { return };
        let drop = match self.chars[start] {
            'e' => start >= self.r2 || start >= self.r1 && !self.ends_in_short_syllable(start),
            'l' => start >= self.r2 && self.ends_with_at(start, b"l"),
            _ => false,
        };
        if drop {
            self.chars.pop();
        }
    }
}

/// Whether `chars` starts with the ASCII `prefix`.
fn starts_with(chars: &[char], prefix: &[u8]) -> bool {
    chars.len() >= prefix.len() && chars.iter().zip(prefix).all(|(&c, &b)| c == char::from(b))
}

/// Where a region starting at or after `from` begins: after the first consonant that
/// follows a vowel, or the end of the word if there is none.
fn region_after(chars: &[char], from: usize) -> usize {
    let vowel = chars[from..].iter().position(|&c| is_vowel(c)).map(|i| from + i);
    let consonant = vowel.and_then(|v| chars[v..].iter().position(|&c| !is_vowel(c)).map(|i| v + i));
    consonant.map_or(chars.len(), |c| c + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold;
    use pagefind_stem::{Algorithm, Stemmer};
    use proptest::prelude::*;

    /// Snowball 3.1's English stemmer (pagefind_stem 1.0.0), the reference.
    fn snowball(word: &str) -> String {
        Stemmer::create(Algorithm::English).stem(word).into_owned()
    }

    #[test]
    fn equals_snowball_on_every_word_of_the_demo_site() {
        let words = super::super::demo_words("en");
        assert!(words.len() >= 7_000, "only {} distinct words", words.len());
        let differ: Vec<_> = words.iter().filter(|w| stem(w) != snowball(w)).collect();
        assert!(differ.is_empty(), "{} of {} words differ: {differ:?}", differ.len(), words.len());
    }

    #[test]
    fn rule_tables_are_longest_first() {
        for table in [STEP_2, STEP_3, STEP_4] {
            let lengths: Vec<usize> = rules(table).map(|rule| rule.suffix.len()).collect();
            assert!(lengths.windows(2).all(|pair| pair[0] >= pair[1]), "{table}");
            assert!(!lengths.contains(&0), "{table}");
        }
    }

    #[test]
    fn each_step() {
        let examples = [
            // Exceptions, and words under three letters.
            ("skies", "sky"),
            ("gently", "gentl"),
            ("news", "news"),
            ("is", "is"),
            // Y: a consonant `y` stays; step 1c turns a vowel `y` into `i`.
            ("yes", "yes"),
            ("playing", "play"),
            ("cry", "cri"),
            ("by", "by"),
            // Step 1a.
            ("caresses", "caress"),
            ("ties", "tie"),
            ("cries", "cri"),
            ("gaps", "gap"),
            ("gas", "gas"),
            ("focus", "focus"),
            // Step 1b.
            ("agreed", "agre"),
            ("proceed", "proceed"),
            ("dying", "die"),
            ("inning", "inning"),
            ("luxuriated", "luxuri"),
            ("hopping", "hop"),
            ("added", "add"),
            ("hoped", "hope"),
            ("pasted", "paste"),
            // Regions and special prefixes: `general` keeps `gener`.
            ("general", "general"),
            ("generous", "generous"),
            ("communication", "communic"),
            // Steps 2 to 4.
            ("relational", "relat"),
            ("conditional", "condit"),
            ("hopefulness", "hope"),
            ("electrical", "electr"),
            ("formative", "format"),
            ("adjustment", "adjust"),
            ("adoption", "adopt"),
            ("fluently", "fluentli"),
            // Step 5.
            ("hope", "hope"),
            ("generate", "generat"),
            ("controll", "control"),
            // Other scripts: their letters are consonants, one each.
            ("σκύλος", "σκύλος"),
            ("жys", "жys"),
        ];
        for (word, expected) in examples {
            assert_eq!(stem(word), expected, "{word}");
            assert_eq!(snowball(word), expected, "{word} (Snowball)");
        }
    }

    /// Endings that the steps read, alone or two together (`ful` + `ness`).
    const SUFFIXES: [&str; 87] = [
        "", "", "", "ational", "tional", "iveness", "ization", "izer", "ation", "ator", "alism", "aliti",
        "alli", "fulness", "ousli", "ousness", "iviti", "biliti", "bli", "ogi", "logi", "ogist", "fulli",
        "lessli", "li", "cli", "tli", "entli", "enci", "anci", "abli", "alize", "icate", "iciti", "ical",
        "ful", "ness", "ative", "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment",
        "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "sion", "tion", "e", "l", "ll", "ly", "ing",
        "ingly", "ed", "edly", "eed", "eedly", "ies", "ied", "s", "ss", "us", "sses", "y", "ying", "at",
        "bl", "iz", "bb", "dd", "tt", "pp", "ff", "yed", "ys", "ness",
    ];

    /// Beginnings that the steps read: special prefixes, and the stems that step 1b keeps.
    const PREFIXES: [&str; 26] = [
        "", "", "", "", "", "", "gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ",
        "inter", "proc", "exc", "succ", "inn", "out", "cann", "herr", "earr", "even", "y", "sk",
    ];

    /// A word made of a prefix, a random stem (sometimes with Greek, Cyrillic or Devanagari
    /// letters and marks, some that fold, like `Σ` and `Ё`) and up to two suffixes; or an
    /// exception, maybe suffixed.
    fn english_like_word() -> impl Strategy<Value = String> {
        let stem =
            prop_oneof!["[a-z]{0,6}", "[aeiouybcdlnprstwxy]{0,5}", "[aeiouyαωάΣσжЁяक\u{93f}bdlrst]{0,5}"];
        let built = (
            prop::sample::select(&PREFIXES[..]),
            stem,
            prop::sample::select(&SUFFIXES[..]),
            prop::sample::select(&SUFFIXES[..]),
        )
            .prop_map(|(prefix, stem, first, second)| [prefix, &stem, first, second].concat());
        let exceptions: Vec<String> = words(EXCEPTIONS)
            .map(|rule| String::from_utf8(split_at_byte(rule, b'>').0.to_vec()).unwrap())
            .collect();
        let exception = (prop::sample::select(exceptions), prop::sample::select(&SUFFIXES[..]))
            .prop_map(|(word, suffix)| word + suffix);
        prop_oneof![8 => built, 1 => exception].prop_map(|word| fold(&word))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        #[test]
        fn equals_snowball_on_english_like_words(word in english_like_word()) {
            prop_assert_eq!(stem(&word), snowball(&word), "{}", word);
        }
    }
}
