//! The index files, as the indexer writes them and the engine reads them.
//!
//! A language's index is a folder:
//!
//! - `entry.txt`: the one file whose name never changes; it holds the manifest's name.
//! - `m-HASH.bin`, the **manifest**: the vocabulary (every word's exact form, folded form
//!   and how many records hold it), and the names of every other file.
//! - `t-HASH.bin`, **term shards**: for a run of vocabulary words, each word's best
//!   postings (its first tier: the [`Manifest::tier`] records where it weighs most).
//! - `r-HASH.bin`, **tails**: the rest of the postings of the words that have more.
//! - `d-HASH.bin`, **record shards**: for a run of records, the hashes that name their
//!   fragments.
//! - `f/HASH-N.bin`, **fragments**: passage `N` of a record, for its result, snippet and
//!   sub-results. A record's headed blocks are gathered, in order, into passages of about
//!   [`PASSAGE_BYTES`] of prose, and each passage file also holds what a result shows of its
//!   record (link, title, breadcrumb). A posting names the passage where its word weighs most,
//!   so a result fetches the one passage its snippet comes from, not the whole page.
//!
//! Every name but the entry's is the hash of the file's bytes, so a host may cache them
//! forever. Every file but the entry is stored gzip-compressed (static hosts compress text,
//! rarely `.bin` files): whoever reads one inflates it before handing it to the engine.
//!
//! A posting is a record number, a byte and a passage. The byte holds the record's BM25F
//! weight for the word (fields and their lengths included) in its low 7 bits, and whether the
//! word is in the record's title in the high bit; the engine multiplies its score by the
//! word's IDF. The passage is the one where the word is most often met ([`NO_PASSAGE`] when
//! it is only in the title or description). Only first tiers carry passages: a tail holds the
//! records where the word weighs least, and its passages would make it half as large again
//! (10k corpus: 3.38 MB of tails against 2.23), for the queries of common words that read it.
//! A result found through a tail takes its snippet's passage from its other terms, else its
//! first. A tail's weights are also rounded, in steps as wide as its word's IDF allows without
//! moving a score by more than a few hundredths: gzip then stores them in fewer bits.

use crate::bytes::Reader;
#[cfg(feature = "index")]
use crate::bytes::Writer;
use crate::Error;
use alloc::{borrow::ToOwned, string::String, vec::Vec};

/// The name of the file that names the manifest.
pub const ENTRY: &str = "entry.txt";

const MANIFEST_MAGIC: &[u8] = b"AYSM1";
const FRAGMENT_MAGIC: &[u8] = b"AYSF2";

/// A passage closes once its headings and prose reach this many bytes: on the 10k corpus
/// (pages of 7.3 KB of Markdown) that makes 5.2 passages a page and a passage file of about
/// 780 bytes gzipped, against 2,820 for the whole page.
pub const PASSAGE_BYTES: usize = 1000;
/// The passage of a posting whose word is in no block's heading or prose.
pub(crate) const NO_PASSAGE: u8 = u8::MAX;

/// How many bytes of hash name a record's fragment.
pub(crate) const FRAGMENT_HASH_BYTES: usize = 6;

/// What a result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An article.
    Article,
    /// A section's page.
    Section,
    /// One question of a FAQ page, with its answer.
    Question,
}

impl Kind {
    fn code(self) -> u8 {
        match self {
            Kind::Article => 0,
            Kind::Section => 1,
            Kind::Question => 2,
        }
    }

    fn from_code(code: u8) -> Option<Kind> {
        [Kind::Article, Kind::Section, Kind::Question].into_iter().find(|kind| kind.code() == code)
    }

    /// `article`, `section` or `question`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Section => "section",
            Kind::Question => "question",
        }
    }
}

/// One thing a search can find: an article, a section, or a FAQ question. What the indexer
/// is given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Its link, the site's base path included; a question's ends with `#its-anchor`.
    pub url: String,
    /// The title (a question's text for a question).
    pub title: String,
    /// What it is.
    pub kind: Kind,
    /// The titles of the sections it is in, from the top.
    pub breadcrumb: Vec<String>,
    /// The front matter's description, or empty.
    pub description: String,
    /// The front matter's tags: words a reader may search for that the text lacks (`sla` on
    /// a page that says "acuerdo de niveles de servicio"). They weigh as the description does
    /// and are never shown.
    pub tags: Vec<String>,
    /// The prose, by heading, in order.
    pub blocks: Vec<Block>,
}

/// The prose under one heading, or before the first heading.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// The heading's anchor (`id`), or empty before the first heading.
    pub anchor: String,
    /// The heading's text, or empty.
    pub heading: String,
    /// The prose.
    pub text: String,
}

/// What a fragment file holds: one passage of a record, with what a result shows of the
/// record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fragment {
    pub(crate) kind: Kind,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) breadcrumb: Vec<String>,
    /// The record's description, in its first passage only (the snippet of a record found by
    /// its title or description alone).
    pub(crate) description: String,
    /// How many passages the record has.
    pub(crate) passages: u8,
    /// The passage's blocks.
    pub(crate) blocks: Vec<Block>,
}

/// A run of a block's prose in one passage: the whole prose, or, when the block is too long
/// for one passage, a piece of it cut at a sentence's end or between words.
#[cfg(feature = "index")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The block's index in the record.
    pub(crate) block: usize,
    /// The bytes of the block's prose it holds.
    pub(crate) text: core::ops::Range<usize>,
    pub(crate) passage: u8,
}

#[cfg(feature = "index")]
impl Piece {
    /// Whether it is the block's first piece, the one that counts the heading.
    pub(crate) fn first(&self) -> bool {
        self.text.start == 0
    }
}

impl Record {
    /// Its prose in passages: blocks gathered in order until their headings and prose reach
    /// [`PASSAGE_BYTES`] (more for a record too long for 255 of them). A block that would
    /// take a passage past twice that is cut, so that no result downloads a long section
    /// whole for one snippet (on the 10k corpus, 5 % more passage files; with cuts past one and
    /// a half times, 24 % more).
    #[cfg(feature = "index")]
    pub(crate) fn pieces(&self) -> Vec<Piece> {
        const LAST: u8 = NO_PASSAGE - 1;
        let total: usize = self.blocks.iter().map(|b| b.heading.len() + b.text.len()).sum();
        let target = PASSAGE_BYTES.max(total.div_ceil(usize::from(NO_PASSAGE)));
        let (mut pieces, mut passage, mut held) = (Vec::new(), 0u8, 0);
        for (block, Block { heading, text, .. }) in self.blocks.iter().enumerate() {
            let mut start = 0;
            loop {
                let heading = if start == 0 { heading.len() } else { 0 };
                let rest = &text[start..];
                let mut end = text.len();
                if held + heading + rest.len() > 2 * target && passage < LAST {
                    let room = target.saturating_sub(held + heading);
                    match cut(rest, room).filter(|_| room >= target / 4 || held == 0) {
                        Some(at) => end = start + at,
                        // Little room left in this passage: the rest begins the next one.
                        None if held > 0 => {
                            (passage, held) = (passage + 1, 0);
                            continue;
                        }
                        // One word longer than a passage stays whole.
                        None => {}
                    }
                }
                pieces.push(Piece { block, text: start..end, passage });
                held += heading + end - start;
                if held >= target && passage < LAST {
                    (passage, held) = (passage + 1, 0);
                }
                if end == text.len() {
                    break;
                }
                start = end + 1;
            }
        }
        pieces
    }

    /// The bytes of each of its fragment files, by passage (at least one).
    #[cfg(feature = "index")]
    pub(crate) fn encode_passages(&self) -> Vec<Vec<u8>> {
        let pieces = self.pieces();
        let passages = pieces.last().map_or(1, |piece| usize::from(piece.passage) + 1);
        (0..passages)
            .map(|passage| {
                let mut out = Writer::default();
                out.raw(FRAGMENT_MAGIC);
                out.byte(self.kind.code());
                out.text(&self.url);
                out.text(&self.title);
                out.number(self.breadcrumb.len() as u64);
                self.breadcrumb.iter().for_each(|title| out.text(title));
                out.text(if passage == 0 { &self.description } else { "" });
                out.byte(passages as u8);
                // A piece after a block's first keeps its heading: a sub-result links to it.
                let held: Vec<&Piece> = pieces.iter().filter(|p| usize::from(p.passage) == passage).collect();
                out.number(held.len() as u64);
                for piece in held {
                    let block = &self.blocks[piece.block];
                    out.text(&block.anchor);
                    out.text(&block.heading);
                    out.text(&block.text[piece.text.clone()]);
                }
                out.bytes
            })
            .collect()
    }
}

/// Where to cut `text` to keep at most `room` bytes of it: after the last sentence's end in
/// them if that keeps half of them, else at the last space; `None` when there is none. The
/// cut falls on a space, which neither piece keeps.
#[cfg(feature = "index")]
fn cut(text: &str, room: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[..room.min(text.len())];
    let space = |at: &usize| bytes[*at] == b' ';
    let sentence = ((room / 2).max(1)..bytes.len())
        .rev()
        .filter(space)
        .find(|&at| matches!(bytes[at - 1], b'.' | b'?' | b'!'));
    sentence.or_else(|| (1..bytes.len()).rev().find(space))
}

impl Fragment {
    pub(crate) fn decode(file: &str, bytes: &[u8]) -> Result<Fragment, Error> {
        let mut input = Reader::new(file, bytes);
        input.magic(FRAGMENT_MAGIC)?;
        let kind = Kind::from_code(input.byte()?).ok_or_else(|| input.corrupt())?;
        let url = input.string()?;
        let title = input.string()?;
        let breadcrumb = input.list(Reader::string)?;
        let description = input.string()?;
        let passages = input.byte()?;
        let blocks = input.list(|input| {
            Ok(Block { anchor: input.string()?, heading: input.string()?, text: input.string()? })
        })?;
        if !input.at_end() || passages == 0 {
            return Err(input.corrupt());
        }
        Ok(Fragment { kind, url, title, breadcrumb, description, passages, blocks })
    }
}

/// A word of the vocabulary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    /// Folded: the key that matches.
    pub(crate) folded: String,
    /// As written, lowercase, when that differs from the folded form (`facturación`).
    pub(crate) exact: Option<String>,
    /// How many records hold it.
    pub(crate) records: u32,
}

impl Term {
    pub(crate) fn exact(&self) -> &str {
        self.exact.as_deref().unwrap_or(&self.folded)
    }
}

/// A run of the vocabulary's words whose postings are in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    /// The first word's index in the vocabulary.
    pub(crate) first: u32,
    /// The file.
    pub(crate) file: String,
}

/// The file that names the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Manifest {
    pub(crate) language: String,
    /// How many records the index has.
    pub(crate) records: u32,
    /// How many postings of a word are in its term shard; the rest are in a tail.
    pub(crate) tier: u32,
    /// Sorted by folded form, then exact form.
    pub(crate) terms: Vec<Term>,
    /// Term shards, by first word.
    pub(crate) shards: Vec<Run>,
    /// Tails, by first word (each holds the tails of the words from its first to the next
    /// run's first that have more than `tier` postings; words before the first run have none).
    pub(crate) tails: Vec<Run>,
    /// Records per record shard.
    pub(crate) records_per_shard: u32,
    /// Record shards, in record order.
    pub(crate) record_shards: Vec<String>,
}

impl Manifest {
    #[cfg(feature = "index")]
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.raw(MANIFEST_MAGIC);
        out.text(&self.language);
        out.number(self.records.into());
        out.number(self.tier.into());
        out.number(self.terms.len() as u64);
        let mut previous = "";
        for term in &self.terms {
            // Front coding: the bytes shared with the previous word, then the rest.
            let shared = common_prefix(previous, &term.folded);
            out.number(shared as u64);
            out.text(&term.folded[shared..]);
            match &term.exact {
                Some(exact) => {
                    out.byte(1);
                    out.text(exact);
                }
                None => out.byte(0),
            }
            out.number(term.records.into());
            previous = &term.folded;
        }
        for runs in [&self.shards, &self.tails] {
            out.number(runs.len() as u64);
            for run in runs {
                out.number(run.first.into());
                out.text(&run.file);
            }
        }
        out.number(self.records_per_shard.into());
        out.number(self.record_shards.len() as u64);
        self.record_shards.iter().for_each(|name| out.text(name));
        out.bytes
    }

    pub(crate) fn decode(file: &str, bytes: &[u8]) -> Result<Manifest, Error> {
        let mut input = Reader::new(file, bytes);
        input.magic(MANIFEST_MAGIC)?;
        let language = input.string()?;
        let records = small(&mut input)?;
        let tier = small(&mut input)?;
        let count = input.count()?;
        let mut terms: Vec<Term> = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            let shared = input.count()?;
            let previous = terms.last().map_or("", |t| t.folded.as_str());
            let start = previous.get(..shared).ok_or_else(|| input.corrupt())?;
            let folded = [start, input.text()?].into_iter().collect();
            let exact = match input.byte()? {
                0 => None,
                1 => Some(input.string()?),
                _ => return Err(input.corrupt()),
            };
            terms.push(Term { folded, exact, records: small(&mut input)? });
        }
        let run = |input: &mut Reader| Ok(Run { first: small(input)?, file: input.string()? });
        let shards = input.list(run)?;
        let tails = input.list(run)?;
        let records_per_shard = small(&mut input)?;
        let record_shards = input.list(Reader::string)?;
        let manifest =
            Manifest { language, records, tier, terms, shards, tails, records_per_shard, record_shards };
        if !input.at_end() || !manifest.consistent() {
            return Err(input.corrupt());
        }
        Ok(manifest)
    }

    /// Whether the runs cover the vocabulary in order and the shards the records.
    fn consistent(&self) -> bool {
        let runs_ok = |runs: &[Run]| {
            runs.windows(2).all(|pair| pair[0].first < pair[1].first)
                && runs.last().is_none_or(|run| (run.first as usize) < self.terms.len())
        };
        let shards_needed = (self.records as usize).div_ceil(self.records_per_shard.max(1) as usize);
        let names_ok = self
            .shards
            .iter()
            .chain(&self.tails)
            .map(|run| run.file.as_str())
            .chain(self.record_shards.iter().map(String::as_str))
            .all(plain_name);
        names_ok
            && runs_ok(&self.shards)
            && self.shards.first().is_none_or(|run| run.first == 0)
            && runs_ok(&self.tails)
            && (self.terms.is_empty() || !self.shards.is_empty())
            && self.records_per_shard > 0
            && self.record_shards.len() == shards_needed
            && self.terms.iter().all(|t| t.records <= self.records)
    }

    /// The index of the run holding word `term`.
    pub(crate) fn run_of(runs: &[Run], term: u32) -> usize {
        runs.partition_point(|run| run.first <= term) - 1
    }

    /// How many postings word `term` has in its term shard.
    pub(crate) fn first_tier(&self, term: usize) -> u32 {
        self.terms[term].records.min(self.tier)
    }
}

/// Whether a file name is one the indexer makes (`t-0123abcd.bin`): never a path that could
/// lead out of the index folder.
pub(crate) fn plain_name(name: &str) -> bool {
    let stem = name.strip_suffix(".bin").unwrap_or("");
    let mut parts = stem.splitn(2, '-');
    let kind_ok =
        parts.next().is_some_and(|kind| kind.len() == 1 && kind.bytes().all(|b| b.is_ascii_lowercase()));
    kind_ok
        && parts.next().is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn small(input: &mut Reader) -> Result<u32, Error> {
    u32::try_from(input.number()?).map_err(|_| input.corrupt())
}

/// How many bytes two strings share at their start, on a character boundary.
#[cfg(feature = "index")]
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((at, _), _)| at)
        .min(b.len())
}

#[cfg(feature = "index")]
/// Appends postings (record numbers ascending, with their impacts and passages): the gaps,
/// then the impacts, then the passages if `passages`, so that the compressor finds runs of
/// alike bytes.
pub(crate) fn encode_postings(out: &mut Writer, postings: &[Posting], passages: bool) {
    let mut previous = 0;
    for (i, &(record, _, _)) in postings.iter().enumerate() {
        out.number(u64::from(if i == 0 { record } else { record - previous }));
        previous = record;
    }
    postings.iter().for_each(|&(_, impact, _)| out.byte(impact));
    if passages {
        postings.iter().for_each(|&(_, _, passage)| out.byte(passage));
    }
}

/// A record number, the word's impact there, and the passage where the word weighs most.
pub(crate) type Posting = (u32, u8, u8);

/// Reads `count` postings written by [`encode_postings`]; without `passages`, their passage is
/// [`NO_PASSAGE`].
pub(crate) fn decode_postings(
    input: &mut Reader,
    count: u32,
    records: u32,
    passages: bool,
) -> Result<Vec<Posting>, Error> {
    let mut postings = Vec::with_capacity(count as usize);
    let mut record: u32 = 0;
    for i in 0..count {
        let gap = small(input)?;
        record = if i == 0 {
            gap
        } else {
            record.checked_add(gap).filter(|_| gap > 0).ok_or_else(|| input.corrupt())?
        };
        if record >= records {
            return Err(input.corrupt());
        }
        postings.push((record, 0, NO_PASSAGE));
    }
    for posting in &mut postings {
        posting.1 = input.byte()?;
    }
    if passages {
        for posting in &mut postings {
            posting.2 = input.byte()?;
        }
    }
    Ok(postings)
}

/// The fragment hashes of a record shard.
pub(crate) fn decode_record_shard(file: &str, bytes: &[u8]) -> Result<Vec<[u8; FRAGMENT_HASH_BYTES]>, Error> {
    if !bytes.len().is_multiple_of(FRAGMENT_HASH_BYTES) {
        return Err(Error::Corrupt(file.to_owned()));
    }
    // Copied, not `try_into`: its error's `Debug` would bring `core::fmt` into the page's
    // WebAssembly.
    let hash = |chunk: &[u8]| {
        let mut hash = [0; FRAGMENT_HASH_BYTES];
        hash.copy_from_slice(chunk);
        hash
    };
    Ok(bytes.chunks(FRAGMENT_HASH_BYTES).map(hash).collect())
}

/// The lowercase hexadecimal digit of `nibble` (0 to 15).
pub(crate) fn hex_digit(nibble: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(nibble & 15)])
}

/// The file of passage `passage` of the record whose fragments have this hash
/// (`f/0123456789ab-2.bin`).
pub(crate) fn fragment_file(hash: &[u8], passage: u8) -> String {
    let mut name = String::from("f/");
    for byte in hash {
        name.push(hex_digit(byte >> 4));
        name.push(hex_digit(byte & 15));
    }
    name.push('-');
    crate::results::decimal_into(&mut name, passage.into(), 1);
    name.push_str(".bin");
    name
}

#[cfg(all(test, feature = "index"))]
mod tests {
    use super::*;

    #[test]
    fn front_coding_splits_on_characters() {
        assert_eq!(common_prefix("facturación", "facturar"), 7);
        assert_eq!(common_prefix("año", "añil"), 3);
        assert_eq!(common_prefix("añ", "ao"), 1);
        assert_eq!(common_prefix("abc", "ab"), 2);
        assert_eq!(common_prefix("", "x"), 0);
    }

    #[test]
    fn manifest_and_fragment_read_back() {
        let manifest = Manifest {
            language: "es".into(),
            records: 3,
            tier: 2,
            terms: vec![
                Term { folded: "factura".into(), exact: None, records: 3 },
                Term { folded: "facturacion".into(), exact: Some("facturación".into()), records: 1 },
            ],
            shards: vec![Run { first: 0, file: "t-1.bin".into() }],
            tails: vec![Run { first: 0, file: "r-1.bin".into() }],
            records_per_shard: 2,
            record_shards: vec!["d-1.bin".into(), "d-2.bin".into()],
        };
        assert_eq!(Manifest::decode("m", &manifest.encode()).unwrap(), manifest);
        let mut bytes = manifest.encode();
        bytes.push(0);
        assert_eq!(Manifest::decode("m.bin", &bytes), Err(Error::Corrupt("m.bin".into())));
    }

    /// Blocks gather into passages of about `PASSAGE_BYTES`; each passage's file reads back as
    /// its blocks with the record's link, title and breadcrumb, the description in the first.
    #[test]
    fn passages_gather_blocks_and_read_back() {
        let block = |anchor: &str, bytes: usize| Block {
            anchor: anchor.into(),
            heading: anchor.to_uppercase(),
            text: "x".repeat(bytes - anchor.len()),
        };
        let record = Record {
            url: "/pagos/".into(),
            title: "¿Cómo pago?".into(),
            kind: Kind::Article,
            breadcrumb: vec!["Facturación".into()],
            description: "Medios de pago.".into(),
            tags: vec![],
            blocks: vec![block("", 300), block("a", 600), block("b", 200), block("c", 1200), block("d", 10)],
        };
        let passages: Vec<u8> = record.pieces().iter().map(|piece| piece.passage).collect();
        assert_eq!(passages, [0, 0, 0, 1, 2], "a block of 1,200 bytes is not cut");
        let files = record.encode_passages();
        assert_eq!(files.len(), 3);
        let read: Vec<Fragment> = files.iter().map(|bytes| Fragment::decode("f", bytes).unwrap()).collect();
        assert_eq!(read[0].blocks, record.blocks[..3]);
        assert_eq!(read[1].blocks, record.blocks[3..4]);
        assert_eq!(read[2].blocks, record.blocks[4..]);
        assert!(read.iter().all(|f| f.url == "/pagos/" && f.title == record.title && f.passages == 3));
        assert!(read.iter().all(|f| f.breadcrumb == record.breadcrumb && f.kind == Kind::Article));
        assert_eq!([&read[0].description, &read[1].description], ["Medios de pago.", ""]);
        // The most a record has: 255 passages, numbered 0 to 254 (255 is `NO_PASSAGE`).
        let long = Record { blocks: (0..255).map(|_| block("", PASSAGE_BYTES)).collect(), ..record.clone() };
        let files = long.encode_passages();
        assert_eq!((files.len(), long.pieces().last().map(|p| p.passage)), (255, Some(254)));
        assert_eq!(Fragment::decode("f", &files[254]).unwrap().passages, 255);
        assert_eq!(Fragment::decode("f", &files[254]).unwrap().blocks.len(), 1);
        // A longer record has longer passages, not a last one that holds the rest.
        let longer =
            Record { blocks: (0..600).map(|_| block("", PASSAGE_BYTES)).collect(), ..record.clone() };
        let pieces = longer.pieces();
        assert_eq!(pieces.last().map(|p| p.passage), Some(199), "three blocks a passage");
        let no_blocks = Record { blocks: vec![], ..record };
        assert_eq!(no_blocks.encode_passages().len(), 1, "a record without prose has one passage");
        assert_eq!(fragment_file(&[0xab, 0x01], 0), "f/ab01-0.bin");
        assert_eq!(fragment_file(&[0xab], 254), "f/ab-254.bin");
    }

    /// A block too long for a passage is cut at sentences' ends into pieces of at most
    /// `PASSAGE_BYTES` (the last, at most twice that), each with the block's anchor and
    /// heading; the pieces give back the prose, and only the first counts the heading.
    #[test]
    fn a_long_block_is_cut_at_sentences() {
        let sentence = |n: usize| format!("La frase número {n} del texto largo termina aquí.");
        let text: Vec<String> = (0..200).map(sentence).collect();
        let text = text.join(" ");
        let record = Record {
            url: "/largo/".into(),
            title: "Largo".into(),
            kind: Kind::Article,
            breadcrumb: vec![],
            description: String::new(),
            tags: vec![],
            blocks: vec![
                Block { anchor: String::new(), heading: String::new(), text: "Antes.".into() },
                Block { anchor: "uso".into(), heading: "Uso".into(), text: text.clone() },
            ],
        };
        let pieces = record.pieces();
        assert!(pieces.len() > 8, "{} pieces of {} bytes", pieces.len(), text.len());
        let prose: Vec<&str> = pieces[1..].iter().map(|p| &text[p.text.clone()]).collect();
        assert_eq!(prose.join(" "), text);
        let lengths: Vec<usize> = prose.iter().map(|p| p.len()).collect();
        assert!(prose.iter().all(|p| p.ends_with("aquí.")), "{lengths:?}");
        assert!(lengths.iter().all(|&n| n <= 2 * PASSAGE_BYTES), "{lengths:?}");
        assert!(lengths[..lengths.len() - 1].iter().all(|&n| n <= PASSAGE_BYTES), "{lengths:?}");
        assert_eq!(pieces.iter().filter(|p| p.first()).count(), 2, "one first piece a block");
        let passages: Vec<u8> = pieces.iter().map(|p| p.passage).collect();
        assert!(passages.windows(2).all(|w| w[1] == w[0] + 1 || (w[0] == 0 && w[1] == 0)), "{passages:?}");
        let files = record.encode_passages();
        let second = Fragment::decode("f", &files[1]).unwrap();
        assert_eq!((second.blocks[0].anchor.as_str(), second.blocks[0].heading.as_str()), ("uso", "Uso"));
        // A word longer than a passage is not cut.
        let word = Record { blocks: vec![Block { text: "x".repeat(5000), ..Block::default() }], ..record };
        assert_eq!(word.pieces(), [Piece { block: 0, text: 0..5000, passage: 0 }]);
    }

    #[test]
    fn postings_read_back_and_must_ascend() {
        let mut out = Writer::default();
        encode_postings(&mut out, &[(2, 200, 0), (3, 1, 4), (900, 7, NO_PASSAGE)], true);
        let mut input = Reader::new("t", &out.bytes);
        assert_eq!(
            decode_postings(&mut input, 3, 1000, true).unwrap(),
            [(2, 200, 0), (3, 1, 4), (900, 7, NO_PASSAGE)]
        );
        let mut input = Reader::new("t", &out.bytes);
        assert!(decode_postings(&mut input, 3, 900, true).is_err(), "a record past the last one");
        let mut out = Writer::default();
        [1, 0].iter().for_each(|&n| out.number(n));
        assert!(
            decode_postings(&mut Reader::new("t", &out.bytes), 2, 10, true).is_err(),
            "a repeated record"
        );
    }
}
