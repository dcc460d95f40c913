//! Text for ayuda, the same natively and in WebAssembly: slugs for URLs and heading ids
//! ([`slugify`]), and search terms (normalising, tokenising and stemming) identically in the
//! native indexer and in the WebAssembly search engine of the page, so that what a reader
//! types meets what the index holds.
//!
//! ```
//! use text::Analyzer;
//! let spanish = Analyzer::for_language("es");
//! let tokens: Vec<_> = spanish.analyze("Facturación ÁGIL de la versión v2.0").collect();
//! let forms: Vec<_> = tokens.iter().map(|t| (&*t.exact, &*t.folded, &*t.stem, t.stop)).collect();
//! assert_eq!(forms, [
//!     ("facturación", "facturacion", "factur", false),
//!     ("ágil", "agil", "agil", false),
//!     ("de", "de", "de", true),
//!     ("la", "la", "la", true),
//!     ("versión", "version", "version", false),
//!     ("v2.0", "v2.0", "v2.0", false),
//! ]);
//! assert_eq!(tokens[1].range, 13..18); // "ÁGIL" in the text
//!
//! let query = spanish.analyze_query("facturas agi");
//! assert_eq!(query.terms[0].stem, "factur");
//! assert_eq!(query.prefix.unwrap().folded, "agi");
//! ```
//!
//! # What a token is
//!
//! - **Words** start with a letter or a digit and go on over letters, digits and combining
//!   marks. Punctuation, symbols and emoji separate words and are never tokens.
//! - **Numbers and codes** stay whole: digits joined by `.`, `,`, `:`, `/` or `-` are one
//!   token (`1.5.3`, `10:30`, `2025-02-21`, `99,9`, `v2.0`); letters and digits together are
//!   one token (`v2`, `4k`), but `ISO 9001` is two. Tokens with a digit are never stemmed.
//! - **Apostrophes** between letters keep a word whole (`don't`, `user’s`); the folded
//!   form drops them (`dont`, `users`, stemmed `user`).
//! - **Hyphenated compounds** (`e-mail`, `correo-e`, `COVID-19`) give the whole, folded
//!   without hyphens (`email`), then each part flagged [`Token::part`] (`e`, `mail`), every
//!   one with its own position. So `email`, `e-mail` and `mail` all find `e-mail`. A part's
//!   range lies inside its whole's; apart from that, ranges are increasing and disjoint.
//!
//! # Normalisation
//!
//! - The **exact** form is the token's text in full Unicode lowercase and NFC (a decomposed
//!   `e\u{301}` becomes `é`); the token's range still covers the original bytes, here the
//!   three bytes of `e` and U+0301. One exception to NFC: the CJK compatibility ideographs
//!   (U+F900–U+FAFF, U+2F800–U+2FA1F, duplicates of unified ideographs kept for old
//!   encodings) stay as written: a help center in Spanish or English does not meet them, and
//!   their mappings to unified ideographs would take 2.7 KB of the page's gzipped search
//!   engine.
//! - The **folded** form ([`fold`]) removes the diacritics of Latin letters (`á`, `ñ`, `ü`,
//!   `ç`, `ø`, `ß`…) and keeps other scripts' marks, so Greek, Cyrillic or Devanagari words
//!   keep their letters. It also writes the compatibility forms met in Latin text as plain
//!   letters and digits (ligatures `ﬁ`, full-width `ＥＸＣＥＬ`, superscripts `m²`): that is
//!   what NFKC would add to NFC for a help center in Spanish or English, without its tables
//!   (some 60 KB of WebAssembly). The exact form stays NFC, as written.

//! # Languages
//!
//! Spanish (`es`) and English (`en`) stem with Snowball (Spanish 3.0, English 3.1), in code
//! of our own (`stem/`) that the tests check word for word against the crate `pagefind_stem`,
//! and flag their stop words. Any other language tag normalises and tokenises only: its stem
//! is the folded form and nothing is a stop word. A tag's [`Language`] is its primary subtag
//! (`es-CO` is Spanish), for the search and for the theme's interface text alike.
//!
//! Stemming works on the folded form, so a word typed without its accents always gets the
//! stem of the accented word: readers often type `facturacion` or `recibio`. Snowball 3.0's
//! Spanish stemmer knows the unaccented suffixes, so `facturación`, `facturacion`,
//! `facturar` and `facturas` all stem to `factur`. The cost: Snowball reads some verb
//! endings by their accent, so a few accented forms no longer meet their infinitive
//! (`recibió` and `recibio` stem to `recibi`, `recibir` to `recib`). Folding after
//! stemming keeps those, but then about one accented word in eight of the demo help center
//! (`recibió`, `tecnología`, `también`) gets a stem that its unaccented spelling misses.

//! # WebAssembly
//!
//! The crate does no I/O and uses no threads or C code, and it is `no_std` (with `alloc`), so
//! that the page's search engine can leave `std`'s panic machinery out. CI checks that it
//! builds with:
//!
//! ```sh
//! rustup target add wasm32-unknown-unknown
//! cargo build -p ayuda-text --target wasm32-unknown-unknown
//! ```

#![no_std]
extern crate alloc;
#[cfg(test)]
#[macro_use]
extern crate std;

mod analyzer;
mod language;
mod nfc;
mod normalize;
mod parts;
mod slug;
mod stem;
mod stop_words;
mod unicode;
mod words;

pub use analyzer::{word_ranges, Analyzer, Prefix, Query, Token};
pub use language::{primary_subtag, Language};
pub use normalize::fold;
pub use parts::{part, tail};
pub use slug::slugify;
