//! Heading ids: "¿Cómo realizo la gestión?" → `como-realizo-la-gestion`.

use std::collections::HashMap;

/// The id of a heading's text: accents folded to ASCII, lowercase, letters and digits kept,
/// spaces and separators turned into single `-`, other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut buffer = [0; 4];
    for ch in text.chars() {
        let ascii = if ch.is_ascii() {
            ch.encode_utf8(&mut buffer)
        } else {
            deunicode::deunicode_char(ch).unwrap_or("")
        };
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                if pending_dash && !slug.is_empty() {
                    slug.push('-');
                }
                pending_dash = false;
                slug.push(c.to_ascii_lowercase());
            } else if c.is_whitespace()
                || matches!(c, '-' | '_' | '/' | '|' | '+' | '&' | '.' | ':' | ',' | ';' | '=')
            {
                pending_dash = true;
            }
        }
    }
    if slug.is_empty() {
        slug.push_str("seccion");
    }
    slug
}

/// Hands out unique ids within a page: the second "Pasos" becomes `pasos-1`.
#[derive(Default)]
pub struct UniqueIds(HashMap<String, usize>);

impl UniqueIds {
    /// A unique id for a heading text.
    pub fn id_for(&mut self, text: &str) -> String {
        let base = slugify(text);
        if !self.0.contains_key(&base) {
            self.0.insert(base.clone(), 0);
            return base;
        }
        loop {
            let count = self.0.get_mut(&base).expect("base is known");
            *count += 1;
            let candidate = format!("{base}-{count}");
            if !self.0.contains_key(&candidate) {
                self.0.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_drops_punctuation() {
        assert_eq!(slugify("¿Cómo realizo la gestión?"), "como-realizo-la-gestion");
        assert_eq!(slugify("Paso 2: exportar a Excel"), "paso-2-exportar-a-excel");
        assert_eq!(slugify("What's new"), "whats-new");
        assert_eq!(slugify("Año — señal & ruido"), "ano-senal-ruido");
        assert_eq!(slugify("¡!"), "seccion");
    }

    #[test]
    fn duplicates_get_numbered() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.id_for("Pasos"), "pasos");
        assert_eq!(ids.id_for("Pasos"), "pasos-1");
        assert_eq!(ids.id_for("Pasos"), "pasos-2");
        assert_eq!(ids.id_for("Pasos 1"), "pasos-1-1");
    }
}
