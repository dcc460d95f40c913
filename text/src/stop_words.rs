//! Stop words: the function words of each language (articles, prepositions, conjunctions,
//! pronouns, determiners, auxiliary verbs and question words), in folded form and sorted.
//!
//! Negations (`no`, `not`, `never`, `don't`) are not stop words: "no puedo entrar" and
//! "can't sign in" mean what they mean because of them. Words whose folded form is also a
//! content word are left out (`más` folds to `mas`; English `we'll` folds to `well`).
//!
//! Each list is one text, its words sorted and separated by single spaces, searched by
//! [`contains`]: as `&[&str]` slices their pointers took 2 KB of the page's WebAssembly.

/// Spanish function words, folded (`el` is both "the" and "él").
pub(crate) const SPANISH: &str = "\
    a al algo alguien algun alguna algunas alguno algunos ante antes aquel aquella aquellas \
    aquello aquellos aqui asi aun aunque cada como con contra cual cuales cuando cuanto de del \
    desde donde durante e el ella ellas ello ellos en entre era eran eres es esa esas ese eso esos \
    esta estaba estaban estan estar estas este esto estos estoy fue fueron ha haber habia hacia \
    han has hasta hay he hemos la las le les lo los me mediante mi mis muy nos nosotras nosotros \
    nuestra nuestras nuestro nuestros o os otra otras otro otros para pero por porque pues que \
    quien quienes se sea sean segun ser si sido sin sino sobre son soy su sus suya suyo tambien te \
    ti tras tu tus u un una unas uno unos usted ustedes vosotras vosotros vuestra vuestro y ya yo";

/// English function words, folded (apostrophes dropped: `it's` is `its`).
pub(crate) const ENGLISH: &str = "\
    a about above after again all also am an and any are as at be because been before being below \
    between both but by can could did do does doing during each for from had has have having he \
    her here hers herself him himself his how i if in into is it its itself ive just me might must \
    my myself of on onto or our ours ourselves shall she should so some such than that thats the \
    their theirs them themselves then there these they theyre this those through to under until \
    upon very was we were what when where which while who whom whose why will with within would \
    you your youre yours yourself yourselves youve";

/// Whether `word` is one of the words of `list` (sorted, separated by single spaces): a
/// binary search over the text, between word starts `low` and `high`.
pub(crate) fn contains(list: &str, word: &str) -> bool {
    let (list, word) = (list.as_bytes(), word.as_bytes());
    let (mut low, mut high) = (0, list.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let start = list[..middle].iter().rposition(|&b| b == b' ').map_or(0, |space| space + 1).max(low);
        let end = list[start..].iter().position(|&b| b == b' ').map_or(list.len(), |length| start + length);
        match list[start..end].cmp(word) {
            core::cmp::Ordering::Equal => return true,
            core::cmp::Ordering::Less => low = end + 1,
            core::cmp::Ordering::Greater => high = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_listed_word_is_found_and_nothing_else() {
        for list in [SPANISH, ENGLISH] {
            let words: std::vec::Vec<&str> = list.split(' ').collect();
            for (i, word) in words.iter().enumerate() {
                assert!(contains(list, word), "{word}");
                for other in
                    [&word[..word.len() - 1], &format!("{word}a"), &format!("{word}z"), &format!("0{word}")]
                {
                    assert_eq!(contains(list, other), words.contains(&other), "{other:?} near {word}");
                }
                assert!(i == 0 || words[i - 1] < *word);
            }
            assert!(!contains(list, "") && !contains(list, " ") && !contains(list, "zzzz"));
        }
    }

    proptest! {
        #[test]
        fn contains_is_a_linear_search(word in "[a-z ]{0,9}") {
            for list in [SPANISH, ENGLISH] {
                prop_assert_eq!(contains(list, &word), list.split(' ').any(|w| w == word));
            }
        }
    }
}
