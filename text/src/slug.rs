//! Slugs: "¿Cómo realizo la gestión?" → `como-realizo-la-gestion`, for heading ids and URLs.

use alloc::string::String;

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
}
