//! Full-text search for ayuda: the index the build writes ([`Indexer`], feature `index`)
//! and the engine that queries it ([`Engine`]), one code natively (`ayuda search`) and in the
//! page's WebAssembly (feature `wasm`). Both read words with the [`text`] crate's analyser,
//! so what a reader types meets what the index holds.
//!
//! ```
//! use search::{Block, Engine, Indexer, Kind, Record, Step};
//! let indexer = Indexer::new("es");
//! let record = Record {
//!     url: "/facturacion/".into(),
//!     title: "Facturación electrónica".into(),
//!     kind: Kind::Article,
//!     breadcrumb: vec![],
//!     description: String::new(),
//!     tags: vec![],
//!     blocks: vec![Block { text: "Cómo emitir una factura.".into(), ..Block::default() }],
//! };
//! let mut files: Vec<(String, Vec<u8>)> = indexer.insert("facturacion.md", &[record]).write;
//! files.extend(indexer.files());
//! let read = |name: &str| files.iter().find(|(n, _)| n == name).unwrap().1.clone();
//! let inflate = |bytes: Vec<u8>| {
//!     let mut out = Vec::new();
//!     std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out).unwrap();
//!     out
//! };
//! let mut engine = Engine::new(std::str::from_utf8(&read("entry.txt")).unwrap()).unwrap();
//! let results = loop {
//!     match engine.search("factuacion", 5) { // a typo, and no accent
//!         Step::Need(names) => names.iter().for_each(|n| engine.add(n, &inflate(read(n))).unwrap()),
//!         Step::Done(results) => break results,
//!     }
//! };
//! assert_eq!(results.results[0].url, "/facturacion/");
//! ```
//!
//! The files, and how a query reads as few of them as it can, are described in [`format`].

#![no_std]
extern crate alloc;
// The index is written natively; the engine alone, in the page, does without `std` (its panic
// handler and `core::fmt`, see `wasm.rs`).
#[cfg(any(test, feature = "index"))]
#[cfg_attr(test, macro_use)]
extern crate std;

use alloc::string::String;

mod bytes;
mod engine;
pub mod format;
#[cfg(feature = "index")]
mod indexer;
mod matching;
mod results;
mod sorting;
#[cfg(feature = "wasm")]
mod wasm;

pub use engine::{Engine, Reach, Step};
pub use format::{Block, Kind, Record, ENTRY};
#[cfg(feature = "index")]
pub use indexer::{FragmentChanges, Indexer};
pub use results::{Hit, Results, SubHit};

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;

/// A posting's byte: the word's BM25F weight in the record, 1 to `IMPACT_MAX` of `K1 + 1`,
/// with [`IN_TITLE`] set when the word is in the record's title.
const IMPACT_MAX: u8 = 127;
const IN_TITLE: u8 = 0x80;
/// What a word in the title adds to its weight in the record (of at most `K1 + 1`), beyond
/// BM25F: a record whose title has the words a reader typed is what they look for, even when
/// its prose uses them less than other records' prose does.
const TITLE_BONUS: f64 = 1.0;

/// A word's inverse document frequency (BM25's, never negative) when `holding` of `records`
/// hold it.
fn idf(records: f64, holding: f64) -> f64 {
    libm::log(1.0 + (records - holding + 0.5) / (holding + 0.5))
}

/// A word's score in a record from its posting's byte and `weight_idf`: the weight of how
/// the word was found, times its IDF.
fn posting_score(byte: u8, weight_idf: f64) -> f64 {
    let impact = f64::from(byte & IMPACT_MAX) / f64::from(IMPACT_MAX) * (K1 + 1.0);
    let title = if byte & IN_TITLE != 0 { TITLE_BONUS } else { 0.0 };
    weight_idf * (impact + title)
}

/// Why an index file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The file is not what its name says, or is cut short.
    Corrupt(String),
    /// The engine did not ask for this file.
    Unexpected(String),
}

impl Error {
    /// What went wrong, as [`Display`](core::fmt::Display) writes it: built without
    /// `core::fmt`, for the page's WebAssembly.
    pub fn message(&self) -> String {
        let (before, file, after) = match self {
            Error::Corrupt(file) => ("the search index file ", file, " is damaged: build the site again"),
            Error::Unexpected(file) => ("", file, " is not a file of this search index"),
        };
        [before, file, after].into_iter().collect()
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}
