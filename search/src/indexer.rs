//! Building an index: records in, files out. Records can be added, replaced and removed in
//! any order and from any thread; the files depend only on the records held.

use crate::bytes::Writer;
use crate::format::{
    encode_postings, fragment_file, Manifest, Posting, Record, Run, Term, ENTRY, FRAGMENT_HASH_BYTES,
    NO_PASSAGE,
};
use crate::{IMPACT_MAX, IN_TITLE, K1};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::prelude::rust_2021::*;
use std::sync::Mutex;
use std::{format, thread_local, vec};
use text::Analyzer;
use word_counts::{Counted, WordCounts};

mod word_counts;

/// The parts of a record, each weighed on its own (BM25F): title, description, headings,
/// prose.
const FIELDS: usize = 4;
/// How much a word counts in each part, against 1 in the prose.
const FIELD_WEIGHTS: [f64; FIELDS] = [5.0, 2.0, 2.0, 1.0];
/// How much each part's length lowers its words' weight (BM25's `b`, per part): a word of a
/// one-word title weighs more than one of a ten-word title.
const FIELD_LENGTH_NORMS: [f64; FIELDS] = [0.75, 0.5, 0.5, 0.75];

/// A word's postings beyond this many go to a tail file, fetched only when the first ones
/// do not give enough results.
const TIER: u32 = 512;
/// Term shards and tails close once they reach this many bytes. A common word's first tier
/// fills a term shard of its own: a query reads about its words' postings and little else.
/// (10k corpus: later one-word queries 9.0 KB with 1,024-byte shards and 16 records a record
/// shard, 12.3 KB with 4,096 and 64; the manifest that names the files grows from 8.1 to 14.3
/// KB.)
const SHARD_BYTES: usize = 1024;
const TAIL_BYTES: usize = 8192;
/// Records per record shard: each result reads its record's shard, six bytes a record.
const RECORDS_PER_SHARD: u32 = 16;

/// Files by name.
type Files = Vec<(String, Vec<u8>)>;
/// Record numbers, ascending, with their impacts and passages.
type Postings = Vec<Posting>;
/// The word ids of each word as written.
type WordIds = FxHashMap<Box<str>, Box<[u32]>>;

/// An index of one language in the making.
pub struct Indexer {
    language: String,
    analyzer: Analyzer,
    tier: u32,
    /// How far rounding tails' impacts may move a score (0: not at all).
    tail_error: f64,
    words: Mutex<Words>,
    /// The files as [`Indexer::files`] last made them, until a record changes.
    made: Mutex<Option<Files>>,
    /// The word ids of words as written, for [`Indexer::count_words`].
    caches: Mutex<Vec<WordIds>>,
    pages: Mutex<Pages>,
}

/// The fragment files an edit adds and removes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FragmentChanges {
    /// Files to write, by name inside the index folder.
    pub write: Vec<(String, Vec<u8>)>,
    /// Files no record uses any more.
    pub remove: Vec<String>,
}

/// The records held, by page, and how many records use each record's fragments (two records
/// with the same text share their files), with how many passages it has.
#[derive(Default)]
struct Pages {
    records: BTreeMap<String, Vec<Indexed>>,
    uses: HashMap<[u8; FRAGMENT_HASH_BYTES], (usize, u8)>,
    /// Each word's postings as of the last [`Indexer::files`].
    assembled: Option<Assembled>,
    /// Words whose postings changed since then.
    dirty: Vec<u32>,
    /// Whether records were added or removed since then (which numbers them anew).
    renumbered: bool,
}

/// Each word's postings as the files hold them, kept from one [`Indexer::files`] to the next:
/// after an edit, only the words of the records that changed are computed again, as long as
/// no record was added or removed and the average lengths did not move.
#[derive(Default)]
struct Assembled {
    averages: [f64; FIELDS],
    /// By word id.
    words: Vec<Encoded>,
}

/// A word's postings, encoded.
#[derive(Clone, Default)]
struct Encoded {
    /// How many records hold the word (0: none, it is not in the vocabulary).
    records: u32,
    first: Vec<u8>,
    tail: Vec<u8>,
}

impl Pages {
    /// Forgets records that are no longer held; returns the fragment files no record uses.
    fn release(&mut self, old: Vec<Indexed>) -> Vec<String> {
        let mut unused = Vec::new();
        for record in old {
            let (uses, passages) =
                self.uses.get_mut(&record.fragment).expect("a held record's fragments are counted");
            *uses -= 1;
            if *uses == 0 {
                unused.extend((0..*passages).map(|passage| fragment_file(&record.fragment, passage)));
                self.uses.remove(&record.fragment);
            }
        }
        unused
    }
}

/// How often a word is met in a record: in each part, and in the passage where it is met most
/// (passages come in order, so the current one's count and the best so far are enough).
#[derive(Clone, Copy)]
struct Tally {
    fields: [u16; FIELDS],
    /// The passage being counted, and how often the word is met there.
    passage: u8,
    in_passage: u16,
    /// The passage where it is met most (the first of equals), and how often.
    best: u8,
    most: u16,
}

impl Tally {
    const NONE: Tally =
        Tally { fields: [0; FIELDS], passage: NO_PASSAGE, in_passage: 0, best: NO_PASSAGE, most: 0 };

    /// Counts the word `times` in `passage` (none: in the title or description).
    fn meet(&mut self, passage: u8, times: u16) {
        if passage == NO_PASSAGE {
            return;
        }
        if passage != self.passage {
            (self.passage, self.in_passage) = (passage, 0);
        }
        self.in_passage = self.in_passage.saturating_add(times);
        if self.in_passage > self.most {
            (self.best, self.most) = (passage, self.in_passage);
        }
    }
}

/// Every word met, numbered.
#[derive(Default)]
struct Words {
    ids: FxHashMap<String, u32>,
    /// By id: exact form, folded form.
    forms: Vec<(String, String)>,
}

/// What the index keeps of a record.
struct Indexed {
    /// The hash that names its fragment files.
    fragment: [u8; FRAGMENT_HASH_BYTES],
    /// Its words with their count in each part and the passage where each weighs most.
    words: WordCounts,
    /// How many words each part has.
    lengths: [u32; FIELDS],
}

impl Indexer {
    /// An empty index for the language tag `language` (`es`, `en`, or any other, which is
    /// only normalised and tokenised).
    pub fn new(language: &str) -> Indexer {
        Indexer::with_tier(language, TIER)
    }

    /// [`Indexer::new`] keeping only `tier` postings of each word in its term shard.
    pub fn with_tier(language: &str, tier: u32) -> Indexer {
        Indexer {
            language: language.to_owned(),
            analyzer: Analyzer::for_language(language),
            tier: tier.max(1),
            tail_error: TAIL_SCORE_ERROR,
            words: Mutex::default(),
            caches: Mutex::default(),
            made: Mutex::default(),
            pages: Mutex::default(),
        }
    }

    /// Keeps tails' impacts as they are, unrounded: an answer then does not depend on the tier.
    pub fn with_exact_tails(self) -> Indexer {
        Indexer { tail_error: 0.0, ..self }
    }

    /// Sets the records of a page (an article, or a FAQ page and its questions), replacing
    /// those it had; no records take the page out. Returns the fragment files to write and
    /// to remove, by name inside the index folder.
    pub fn insert(&self, page: &str, records: &[Record]) -> FragmentChanges {
        let mut fresh = Vec::with_capacity(records.len());
        let mut indexed = Vec::with_capacity(records.len());
        for record in records {
            let passages = record.encode_passages();
            let mut hasher = Sha256::new();
            passages.iter().for_each(|bytes| hasher.update(bytes));
            let hash: [u8; FRAGMENT_HASH_BYTES] =
                hasher.finalize()[..FRAGMENT_HASH_BYTES].try_into().expect("enough bytes");
            let (words, lengths) = self.count_words(record);
            indexed.push(Indexed { fragment: hash, words: WordCounts::pack(&words), lengths });
            fresh.push((hash, passages.iter().map(|bytes| compress(bytes)).collect::<Vec<_>>()));
        }
        let mut pages = self.pages.lock().expect("no panic while locked");
        *self.made.lock().expect("no panic while locked") = None;
        let mut changes = FragmentChanges::default();
        for (hash, files) in fresh {
            let (uses, passages) = pages.uses.entry(hash).or_insert((0, files.len() as u8));
            *uses += 1;
            if *uses == 1 {
                changes
                    .write
                    .extend((0..*passages).zip(files).map(|(p, bytes)| (fragment_file(&hash, p), bytes)));
            }
        }
        let touched: Vec<u32> = indexed.iter().flat_map(|r| r.words.ids()).collect();
        let count = indexed.len();
        let old = if indexed.is_empty() {
            pages.records.remove(page)
        } else {
            pages.records.insert(page.to_owned(), indexed)
        };
        let old = old.unwrap_or_default();
        // Records added or removed number the others anew; the words of the records replaced
        // have new postings.
        pages.renumbered |= old.len() != count;
        pages.dirty.extend(touched);
        pages.dirty.extend(old.iter().flat_map(|r| r.words.ids()));
        changes.remove = pages.release(old);
        changes
    }

    /// Takes a page's records out; returns the fragment files no record uses any more.
    pub fn remove(&self, page: &str) -> Vec<String> {
        let mut pages = self.pages.lock().expect("no panic while locked");
        let Some(old) = pages.records.remove(page) else { return Vec::new() };
        *self.made.lock().expect("no panic while locked") = None;
        pages.renumbered = true;
        pages.release(old)
    }

    /// The fragment files the records use, by name inside the index folder.
    pub fn fragment_files(&self) -> Vec<String> {
        let pages = self.pages.lock().expect("no panic while locked");
        let mut files: Vec<String> = pages
            .uses
            .iter()
            .flat_map(|(hash, &(_, passages))| (0..passages).map(|passage| fragment_file(hash, passage)))
            .collect();
        files.sort_unstable();
        files
    }

    /// How many fragment files the records use.
    pub fn fragment_count(&self) -> usize {
        let pages = self.pages.lock().expect("no panic while locked");
        pages.uses.values().map(|&(_, passages)| usize::from(passages)).sum()
    }

    /// The record's words with their counts in each part and the passage where each is met
    /// most, and each part's length.
    fn count_words(&self, record: &Record) -> (Vec<Counted>, [u32; FIELDS]) {
        // Each distinct word as written is analysed once per cache; a thread takes a cache
        // from the pool, so that the analyser runs about once per word of the vocabulary.
        // Words are tallied by id, in the order they come: the forms of one word (`Factura`,
        // `factura`) add up in the passage where they are met.
        let mut cache = self.caches.lock().expect("no panic while locked").pop().unwrap_or_default();
        let mut counts: FxHashMap<u32, Tally> = FxHashMap::with_capacity_and_hasher(256, Default::default());
        let mut lengths = [0u32; FIELDS];
        let mut add = |text: &str, field: usize, passage: u8| {
            for range in text::word_ranges(text) {
                let word = &text[range];
                let ids = match cache.get(word) {
                    Some(ids) => ids,
                    None => cache.entry(word.into()).or_insert_with(|| self.intern(word)),
                };
                for &id in ids.iter() {
                    let tally = counts.entry(id).or_insert(Tally::NONE);
                    tally.fields[field] = tally.fields[field].saturating_add(1);
                    lengths[field] += 1;
                    // Snippets come from the prose: a word there counts twice one in a
                    // heading, which still names its passage when the prose lacks the word.
                    tally.meet(passage, if field == 2 { 1 } else { 2 });
                }
            }
        };
        add(&record.title, 0, NO_PASSAGE);
        add(&record.description, 1, NO_PASSAGE);
        record.tags.iter().for_each(|tag| add(tag, 1, NO_PASSAGE));
        for piece in record.pieces() {
            let block = &record.blocks[piece.block];
            if piece.first() {
                add(&block.heading, 2, piece.passage);
            }
            add(&block.text[piece.text], 3, piece.passage);
        }
        self.caches.lock().expect("no panic while locked").push(cache);
        let mut words: Vec<Counted> =
            counts.into_iter().map(|(id, tally)| (id, tally.fields, tally.best)).collect();
        words.sort_unstable_by_key(|(id, _, _)| *id);
        (words, lengths)
    }

    /// The ids of the words one written word gives (itself, or a compound and its parts), stop
    /// words left out; words met for the first time get one.
    fn intern(&self, written: &str) -> Box<[u32]> {
        let mut words = self.words.lock().expect("no panic while locked");
        let mut ids = Vec::new();
        for token in self.analyzer.analyze_unstemmed(written).filter(|token| !token.stop) {
            let next = words.forms.len() as u32;
            let id = *words.ids.entry(token.exact.clone()).or_insert(next);
            if id == next {
                words.forms.push((token.exact, token.folded));
            }
            ids.push(id);
        }
        ids.into()
    }

    /// Every file of the index but the fragments, by name inside the index folder: the
    /// entry, the manifest, term shards, tails and record shards. The same records give the
    /// same bytes, whatever the order they came in.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut pages = self.pages.lock().expect("no panic while locked");
        let mut made = self.made.lock().expect("no panic while locked");
        made.get_or_insert_with(|| self.make_files(&mut pages)).clone()
    }

    fn make_files(&self, pages: &mut Pages) -> Vec<(String, Vec<u8>)> {
        let words = self.words.lock().expect("no panic while locked");
        let Pages { records: by_page, assembled, dirty, renumbered, .. } = pages;
        let records: Vec<&Indexed> = by_page.values().flatten().collect();
        let mut averages = [0.0f64; FIELDS];
        for record in &records {
            (0..FIELDS).for_each(|f| averages[f] += f64::from(record.lengths[f]));
        }
        // Whole words: an edit that barely moves an average then changes no impact, so the
        // files of the words it did not touch keep their bytes (and names).
        averages
            .iter_mut()
            .for_each(|total| *total = (*total / records.len().max(1) as f64).round().max(1.0));
        let kept = assembled.take().filter(|a| !*renumbered && a.averages == averages);
        let full = kept.is_none();
        let mut assembled = kept.unwrap_or_default();
        assembled.averages = averages;
        assembled.words.resize(words.forms.len(), Encoded::default());
        let mut wanted = vec![full; words.forms.len()];
        dirty.drain(..).for_each(|word| wanted[word as usize] = true);
        *renumbered = false;
        // The wanted words' postings, in record order.
        let mut postings: Vec<Postings> = vec![Vec::new(); words.forms.len()];
        for (number, record) in records.iter().enumerate() {
            // Each part's count, normalised by the part's length, weighed (BM25F).
            let norms: [f64; FIELDS] = std::array::from_fn(|f| {
                let b = FIELD_LENGTH_NORMS[f];
                FIELD_WEIGHTS[f] / (1.0 - b + b * f64::from(record.lengths[f]) / averages[f])
            });
            for (word, counts, passage) in record.words.iter().filter(|(word, _, _)| wanted[*word as usize]) {
                let count: f64 = (0..FIELDS).map(|f| f64::from(counts[f]) * norms[f]).sum();
                let weight = count / (count + K1); // BM25's term part over (k1 + 1)
                let impact = (weight * f64::from(IMPACT_MAX)).round().clamp(1.0, f64::from(IMPACT_MAX)) as u8;
                let title = if counts[0] > 0 { IN_TITLE } else { 0 };
                postings[word as usize].push((number as u32, impact | title, passage));
            }
        }
        let total = records.len();
        for (word, list) in postings.into_iter().enumerate().filter(|(word, _)| wanted[*word]) {
            let records = list.len() as u32;
            let (first, mut tail) = split_tiers(list, self.tier as usize);
            round_tail(&first, &mut tail, total, self.tail_error);
            let encode = |postings: &[Posting], passages: bool| {
                let mut writer = Writer::default();
                encode_postings(&mut writer, postings, passages);
                writer.bytes
            };
            assembled.words[word] =
                Encoded { records, first: encode(&first, true), tail: encode(&tail, false) };
        }
        // The vocabulary: words some record holds, by folded then exact form.
        let mut order: Vec<u32> =
            (0..words.forms.len() as u32).filter(|&w| assembled.words[w as usize].records > 0).collect();
        order.sort_unstable_by(|&a, &b| {
            let (exact_a, folded_a) = &words.forms[a as usize];
            let (exact_b, folded_b) = &words.forms[b as usize];
            (folded_a, exact_a).cmp(&(folded_b, exact_b))
        });
        let mut files = Vec::new();
        let mut terms = Vec::with_capacity(order.len());
        let mut shards = Packer::new("t", SHARD_BYTES);
        let mut tails = Packer::new("r", TAIL_BYTES);
        for (index, &word) in order.iter().enumerate() {
            let (exact, folded) = &words.forms[word as usize];
            let encoded = &assembled.words[word as usize];
            terms.push(Term {
                folded: folded.clone(),
                exact: (exact != folded).then(|| exact.clone()),
                records: encoded.records,
            });
            shards.add(index as u32, &encoded.first, &mut files);
            if !encoded.tail.is_empty() {
                tails.add(index as u32, &encoded.tail, &mut files);
            }
        }
        pages.assembled = Some(assembled);
        let record_shards = records
            .chunks(RECORDS_PER_SHARD as usize)
            .map(|chunk| {
                let bytes: Vec<u8> = chunk.iter().flat_map(|r| r.fragment).collect();
                named("d", bytes, &mut files)
            })
            .collect();
        let manifest = Manifest {
            language: self.language.clone(),
            records: records.len() as u32,
            tier: self.tier,
            terms,
            shards: shards.finish(&mut files),
            tails: tails.finish(&mut files),
            records_per_shard: RECORDS_PER_SHARD,
            record_shards,
        };
        let manifest = named("m", manifest.encode(), &mut files);
        files.push((ENTRY.to_owned(), format!("{manifest}\n").into_bytes()));
        files.sort_unstable();
        files
    }
}

/// Splits postings in record order into the first tier (the `tier` with the highest impacts,
/// the first records among equals) and the rest, both still in record order. Impacts are
/// bytes: counting them finds the threshold without sorting.
fn split_tiers(postings: Postings, tier: usize) -> (Postings, Postings) {
    if postings.len() <= tier {
        return (postings, Vec::new());
    }
    let mut counts = [0usize; 256];
    postings.iter().for_each(|&(_, impact, _)| counts[impact as usize] += 1);
    // The lowest impact in the tier, and how many postings of that impact it takes.
    let mut above = 0;
    let mut threshold = 255;
    while above + counts[threshold] < tier {
        above += counts[threshold];
        threshold -= 1;
    }
    let mut at_threshold = tier - above;
    let (mut first, mut rest) = (Vec::with_capacity(tier), Vec::with_capacity(postings.len() - tier));
    for posting in postings {
        let impact = posting.1 as usize;
        if impact > threshold || (impact == threshold && at_threshold > 0) {
            at_threshold -= usize::from(impact == threshold);
            first.push(posting);
        } else {
            rest.push(posting);
        }
    }
    (first, rest)
}

/// How far rounding a tail's impacts may move a record's score: about what the 7-bit impact
/// of a word in 3 % of the records is already off by (a common word's IDF is lower, so its
/// impacts take wider steps for the same error). Tails then compress to less than half: the
/// 10k corpus's tails 2.23 -> 1.02 MB, later title queries 52.7 -> 29.9 KB (median of 10).
/// On the real-text sites built with 16-posting tiers (so that their words have tails), 97.6 %
/// of the Spanish top-5 lists and every first result stay the same (bench/search/README.md).
const TAIL_SCORE_ERROR: f64 = 0.03;

/// Rounds the impacts of a word's tail to steps that move no score by more than `error` (a
/// step's middle stands for it), given the word's `first` tier and how many records the index
/// has: fewer distinct bytes, which gzip stores in fewer bits. What the engine knows of a tail
/// still holds: its bytes are at most the first tier's lowest, and only records after the
/// tier's last of that byte have it. A byte with the title flag is left as it is.
fn round_tail(first: &[Posting], tail: &mut [Posting], records: usize, error: f64) {
    let Some(lowest) = first.iter().map(|&(_, byte, _)| byte).min() else { return };
    let idf = crate::idf(records as f64, (first.len() + tail.len()) as f64);
    // A byte's score is `idf * impact / IMPACT_MAX * (K1 + 1)` at most (weight 1): a step of
    // `step` impacts, read as its middle, is off by `step / 2` impacts at most.
    let step = (2.0 * error * f64::from(IMPACT_MAX) / ((K1 + 1.0) * idf)).floor().max(1.0) as u8;
    // Rounded bytes stay below the tier's lowest, which only later records may share.
    let ceiling = if lowest & IN_TITLE != 0 { IMPACT_MAX } else { lowest - 1 };
    for posting in tail.iter_mut().filter(|&&mut (_, byte, _)| byte < lowest && byte & IN_TITLE == 0) {
        let start = (posting.1 - 1) / step * step + 1;
        posting.1 = start.saturating_add((step - 1) / 2).min(ceiling);
    }
}

/// Gathers postings into files of about `target` bytes, each over a run of words.
struct Packer {
    prefix: &'static str,
    target: usize,
    open: Option<(u32, Writer)>,
    runs: Vec<Run>,
}

impl Packer {
    fn new(prefix: &'static str, target: usize) -> Packer {
        Packer { prefix, target, open: None, runs: Vec::new() }
    }

    /// Adds a word's encoded postings.
    fn add(&mut self, term: u32, encoded: &[u8], files: &mut Vec<(String, Vec<u8>)>) {
        let (_, writer) = self.open.get_or_insert_with(|| (term, Writer::default()));
        writer.raw(encoded);
        if writer.bytes.len() >= self.target {
            self.close(files);
        }
    }

    fn close(&mut self, files: &mut Vec<(String, Vec<u8>)>) {
        if let Some((first, writer)) = self.open.take() {
            let file = named(self.prefix, writer.bytes, files);
            self.runs.push(Run { first, file });
        }
    }

    fn finish(mut self, files: &mut Vec<(String, Vec<u8>)>) -> Vec<Run> {
        self.close(files);
        self.runs
    }
}

/// Adds a file named by its kind and the hash of its bytes, compressed; returns the name. Two
/// runs with the same bytes (two words with the same postings) share one file.
fn named(prefix: &str, bytes: Vec<u8>, files: &mut Vec<(String, Vec<u8>)>) -> String {
    let hash = Sha256::digest(&bytes);
    let hex: String = hash[..6].iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("{prefix}-{hex}.bin");
    if !files.iter().any(|(known, _)| *known == name) {
        files.push((name.clone(), compress(&bytes)));
    }
    name
}

/// A file as stored: gzip, with no time or name in its header, so the same bytes always give
/// the same file. Static hosts compress text but rarely `.bin` files; stored compressed, the
/// index travels compressed from any host, and the reader inflates it.
fn compress(bytes: &[u8]) -> Vec<u8> {
    COMPRESSORS.with(|compressor| {
        let mut compressor = compressor.borrow_mut();
        let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
        let length = compressor.gzip_compress(bytes, &mut out).expect("the bound leaves room");
        out.truncate(length);
        out
    })
}

thread_local! {
    /// One compressor per thread, kept: a new one would allocate its match finder's tables
    /// for each file. libdeflate's level 1 builds a Huffman code per file, where
    /// zlib-rs's level 1 uses the fixed one: on the 10k corpus's fragments, 2,836 bytes a file
    /// against 3,850 in the same time (zlib-rs needs its level 2 and twice the time for 2,868).
    static COMPRESSORS: std::cell::RefCell<libdeflater::Compressor> =
        std::cell::RefCell::new(libdeflater::Compressor::new(libdeflater::CompressionLvl::new(1).expect("level 1 exists")));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    /// A stored file inflates back to its bytes, and prose is coded with a Huffman code of its
    /// own (block type 2), not stored (level 0) nor with deflate's fixed code.
    #[test]
    fn files_are_gzip_with_a_code_of_their_own() {
        let prose: String = (0..200)
            .map(|n| format!("El ticket {n} de prioridad Alta se atiende en horas hábiles. "))
            .collect();
        let stored = compress(prose.as_bytes());
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(&stored[..]).read_to_end(&mut inflated).expect("a gzip file");
        assert_eq!(inflated, prose.as_bytes());
        assert_eq!(stored[3], 0, "no name or other header fields");
        assert_eq!(stored[4..8], [0; 4], "no time in the header");
        assert_eq!((stored[10] >> 1) & 3, 2, "the first block has a dynamic Huffman code");
        assert!(stored.len() < prose.len() / 4, "{} bytes of {}", stored.len(), prose.len());
    }

    proptest! {
        /// Rounded, a tail keeps what the engine knows of it (its bytes at most the first
        /// tier's lowest, that byte only for records after the tier's last of it), its order,
        /// and every score within the error.
        #[test]
        fn rounded_tails_keep_their_bounds(
            impacts in prop::collection::vec((1u8..=IMPACT_MAX, any::<bool>()), 1..300),
            tier in 1usize..40,
            records_beyond in 0usize..5000,
        ) {
            let postings: Postings = impacts
                .iter()
                .enumerate()
                .map(|(i, &(impact, title))| (i as u32, impact | if title { IN_TITLE } else { 0 }, 0))
                .collect();
            let records = postings.len() + records_beyond;
            let (first, tail) = split_tiers(postings, tier);
            let mut rounded = tail.clone();
            round_tail(&first, &mut rounded, records, TAIL_SCORE_ERROR);
            let lowest = first.iter().map(|p| p.1).min().unwrap();
            let last_at_lowest = first.iter().filter(|p| p.1 == lowest).map(|p| p.0).max().unwrap();
            let idf = crate::idf(records as f64, impacts.len() as f64);
            for (before, after) in tail.iter().zip(&rounded) {
                prop_assert_eq!(before.0, after.0);
                prop_assert!(after.1 <= lowest);
                prop_assert!(after.1 < lowest || after.0 > last_at_lowest);
                prop_assert_eq!(before.1 & IN_TITLE, after.1 & IN_TITLE);
                let moved = (crate::posting_score(before.1, idf) - crate::posting_score(after.1, idf)).abs();
                prop_assert!(moved <= TAIL_SCORE_ERROR + 1e-12, "{} -> {} moves {}", before.1, after.1, moved);
                for (other_before, other_after) in tail.iter().zip(&rounded) {
                    prop_assert!(other_before.1 > before.1 || other_after.1 <= after.1, "order kept");
                }
            }
            let mut exact = tail.clone();
            round_tail(&first, &mut exact, records, 0.0);
            prop_assert_eq!(exact, tail);
        }

        /// The split is the sort it replaces: by impact (highest first, then record), cut.
        #[test]
        fn tiers_are_the_highest_impacts(impacts in prop::collection::vec(0u8..4, 0..60), tier in 1usize..70) {
            let postings: Postings = impacts.iter().enumerate().map(|(i, &x)| (i as u32 * 3, x, i as u8)).collect();
            let mut sorted = postings.clone();
            sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut expected_rest = sorted.split_off(sorted.len().min(tier));
            sorted.sort();
            expected_rest.sort();
            prop_assert_eq!(split_tiers(postings, tier), (sorted, expected_rest));
        }
    }
}
