//! Text in several languages.

use crate::wire::{Reader, Wire, Writer};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Text keyed by language code (`es`, `en`, …). In policy files a plain string stands for
/// the same text in every language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Localized(BTreeMap<String, String>);

/// The key under which a plain string is stored: it answers for any language.
const ANY_LANGUAGE: &str = "*";

impl Wire for Localized {
    fn write(&self, out: &mut Writer) {
        let pairs: Vec<(String, String)> = self.0.clone().into_iter().collect();
        pairs.write(out);
    }
    fn read(input: &mut Reader) -> Result<Self, String> {
        let pairs = Vec::<(String, String)>::read(input)?;
        if pairs.is_empty() {
            return Err("no text in any language".to_owned());
        }
        Ok(Localized::from_pairs(pairs.into_iter()))
    }
}

impl Localized {
    /// Builds a text from `(language, text)` pairs.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Localized {
        Localized::from_pairs(pairs.into_iter().map(|(l, t)| (l.to_owned(), t.to_owned())))
    }

    /// Inserts one by one: collecting into the map would sort first, and bring a sort routine
    /// into the WebAssembly module for lists of one or two texts.
    fn from_pairs(pairs: impl Iterator<Item = (String, String)>) -> Localized {
        let mut texts = BTreeMap::new();
        for (language, text) in pairs {
            texts.insert(language, text);
        }
        Localized(texts)
    }

    /// The text in `language`; else in English; else the first one there is.
    pub fn get(&self, language: &str) -> &str {
        self.0
            .get(language)
            .or_else(|| self.0.get(ANY_LANGUAGE))
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LocalizedVisitor;
        impl<'de> Visitor<'de> for LocalizedVisitor {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a map from language code to text ({ es: \"…\", en: \"…\" })")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Localized, E> {
                if text.trim().is_empty() {
                    return Err(E::custom("the text is empty"));
                }
                Ok(Localized::new([(ANY_LANGUAGE, text)]))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Localized, M::Error> {
                let mut texts = BTreeMap::new();
                while let Some((language, text)) = map.next_entry::<String, String>()? {
                    let code_ok = language == ANY_LANGUAGE
                        || ((2..=8).contains(&language.len())
                            && language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
                    if !code_ok {
                        return Err(de::Error::custom(format!(
                            "\"{language}\" is not a language code (write es, en, pt-BR …)"
                        )));
                    }
                    if text.trim().is_empty() {
                        return Err(de::Error::custom(format!("the {language} text is empty")));
                    }
                    texts.insert(language, text);
                }
                if texts.is_empty() {
                    return Err(de::Error::custom("no text in any language"));
                }
                Ok(Localized(texts))
            }
        }
        deserializer.deserialize_any(LocalizedVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_english_then_to_any_text() {
        let both = Localized::new([("es", "Alta"), ("en", "High")]);
        assert_eq!(both.get("es"), "Alta");
        assert_eq!(both.get("pt"), "High");
        assert_eq!(Localized::new([("es", "Alta")]).get("en"), "Alta");
        assert_eq!(Localized::new([(ANY_LANGUAGE, "Soporte")]).get("es"), "Soporte");
    }
}
