//! Building an index: records in, files out. Records can be added, replaced and removed in
//! any order and from any thread; the files depend only on the records held.

use crate::bytes::Writer;
use crate::format::{
    encode_postings, fragment_file, Manifest, Record, Run, Term, ENTRY, FRAGMENT_HASH_BYTES,
};
use crate::K1;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use text::Analyzer;

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
/// Term shards and tails close once they reach this many bytes.
const SHARD_BYTES: usize = 4096;
const TAIL_BYTES: usize = 8192;
/// Records per record shard.
const RECORDS_PER_SHARD: u32 = 256;

/// An index of one language in the making.
pub struct Indexer {
    language: String,
    analyzer: Analyzer,
    tier: u32,
    words: Mutex<Words>,
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

/// The records held, by page, and how many records use each fragment (two records with the
/// same text share one file).
#[derive(Default)]
struct Pages {
    records: BTreeMap<String, Vec<Indexed>>,
    uses: HashMap<[u8; FRAGMENT_HASH_BYTES], usize>,
}

impl Pages {
    /// Forgets records that are no longer held; returns the fragment files no record uses.
    fn release(&mut self, old: Vec<Indexed>) -> Vec<String> {
        let mut unused = Vec::new();
        for record in old {
            let uses = self.uses.get_mut(&record.fragment).expect("a held record's fragment is counted");
            *uses -= 1;
            if *uses == 0 {
                self.uses.remove(&record.fragment);
                unused.push(fragment_file(&record.fragment));
            }
        }
        unused
    }
}

/// Every word met, numbered.
#[derive(Default)]
struct Words {
    ids: HashMap<String, u32>,
    /// By id: exact form, folded form.
    forms: Vec<(String, String)>,
}

/// What the index keeps of a record.
struct Indexed {
    fragment: [u8; FRAGMENT_HASH_BYTES],
    /// (word id, count in each part), by word id.
    words: Vec<(u32, [u16; FIELDS])>,
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
            words: Mutex::default(),
            pages: Mutex::default(),
        }
    }

    /// Sets the records of a page (an article, or a FAQ page and its questions), replacing
    /// those it had; no records take the page out. Returns the fragment files to write and
    /// to remove, by name inside the index folder.
    pub fn insert(&self, page: &str, records: &[Record]) -> FragmentChanges {
        let mut fresh = Vec::with_capacity(records.len());
        let mut indexed = Vec::with_capacity(records.len());
        for record in records {
            let bytes = record.encode();
            let hash: [u8; FRAGMENT_HASH_BYTES] =
                Sha256::digest(&bytes)[..FRAGMENT_HASH_BYTES].try_into().expect("enough bytes");
            let (words, lengths) = self.count_words(record);
            indexed.push(Indexed { fragment: hash, words, lengths });
            fresh.push((hash, bytes));
        }
        let mut pages = self.pages.lock().expect("no panic while locked");
        let mut changes = FragmentChanges::default();
        for (hash, bytes) in fresh {
            let uses = pages.uses.entry(hash).or_insert(0);
            *uses += 1;
            if *uses == 1 {
                changes.write.push((fragment_file(&hash), bytes));
            }
        }
        let old = if indexed.is_empty() {
            pages.records.remove(page)
        } else {
            pages.records.insert(page.to_owned(), indexed)
        };
        changes.remove = pages.release(old.unwrap_or_default());
        changes
    }

    /// Takes a page's records out; returns the fragment files no record uses any more.
    pub fn remove(&self, page: &str) -> Vec<String> {
        let mut pages = self.pages.lock().expect("no panic while locked");
        let old = pages.records.remove(page).unwrap_or_default();
        pages.release(old)
    }

    /// The fragment files the records use, by name inside the index folder.
    pub fn fragment_files(&self) -> Vec<String> {
        let pages = self.pages.lock().expect("no panic while locked");
        let mut files: Vec<String> = pages.uses.keys().map(|hash| fragment_file(hash)).collect();
        files.sort_unstable();
        files
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.pages.lock().expect("no panic while locked").records.values().map(Vec::len).sum()
    }

    /// Whether the index holds no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The record's words with their counts in each part, and each part's length.
    fn count_words(&self, record: &Record) -> (Vec<(u32, [u16; FIELDS])>, [u32; FIELDS]) {
        let mut counted: Vec<(String, String, usize)> = Vec::new();
        let mut add = |text: &str, field: usize| {
            for token in self.analyzer.analyze(text).filter(|token| !token.stop) {
                counted.push((token.exact, token.folded, field));
            }
        };
        add(&record.title, 0);
        add(&record.description, 1);
        for block in &record.blocks {
            add(&block.heading, 2);
            add(&block.text, 3);
        }
        counted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut lengths = [0u32; FIELDS];
        counted.iter().for_each(|&(_, _, field)| lengths[field] += 1);
        let mut words = self.words.lock().expect("no panic while locked");
        let mut ids: Vec<(u32, [u16; FIELDS])> = Vec::new();
        for (exact, folded, field) in counted {
            let next = words.forms.len() as u32;
            let id = match words.ids.get(&exact) {
                Some(&id) => id,
                None => {
                    words.ids.insert(exact.clone(), next);
                    words.forms.push((exact, folded));
                    next
                }
            };
            if ids.last().is_none_or(|(last, _)| *last != id) {
                ids.push((id, [0; FIELDS]));
            }
            let counts = &mut ids.last_mut().expect("just pushed").1;
            counts[field] = counts[field].saturating_add(1);
        }
        drop(words);
        ids.sort_unstable_by_key(|(id, _)| *id);
        (ids, lengths)
    }

    /// Every file of the index but the fragments, by name inside the index folder: the
    /// entry, the manifest, term shards, tails and record shards. The same records give the
    /// same bytes, whatever the order they came in.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let pages = self.pages.lock().expect("no panic while locked");
        let words = self.words.lock().expect("no panic while locked");
        let records: Vec<&Indexed> = pages.records.values().flatten().collect();
        let mut averages = [0.0f64; FIELDS];
        for record in &records {
            (0..FIELDS).for_each(|f| averages[f] += f64::from(record.lengths[f]));
        }
        averages.iter_mut().for_each(|total| *total = (*total / records.len().max(1) as f64).max(1.0));
        // Postings by word id, in record order.
        let mut postings: Vec<Vec<(u32, u8)>> = vec![Vec::new(); words.forms.len()];
        for (number, record) in records.iter().enumerate() {
            // Each part's count, normalised by the part's length, weighed (BM25F).
            let norms: [f64; FIELDS] = std::array::from_fn(|f| {
                let b = FIELD_LENGTH_NORMS[f];
                FIELD_WEIGHTS[f] / (1.0 - b + b * f64::from(record.lengths[f]) / averages[f])
            });
            for &(word, counts) in &record.words {
                let count: f64 = (0..FIELDS).map(|f| f64::from(counts[f]) * norms[f]).sum();
                let weight = count / (count + K1); // BM25's term part over (k1 + 1)
                let impact = (weight * 255.0).round().clamp(1.0, 255.0) as u8;
                postings[word as usize].push((number as u32, impact));
            }
        }
        // The vocabulary: words some record holds, by folded then exact form.
        let mut order: Vec<u32> =
            (0..words.forms.len() as u32).filter(|&w| !postings[w as usize].is_empty()).collect();
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
            let mut list = std::mem::take(&mut postings[word as usize]);
            terms.push(Term {
                folded: folded.clone(),
                exact: (exact != folded).then(|| exact.clone()),
                records: list.len() as u32,
            });
            // The first tier: the records where the word weighs most.
            list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let tail = list.split_off(list.len().min(self.tier as usize));
            list.sort_unstable();
            shards.add(index as u32, &list, &mut files);
            if !tail.is_empty() {
                let mut tail = tail;
                tail.sort_unstable();
                tails.add(index as u32, &tail, &mut files);
            }
        }
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

    fn add(&mut self, term: u32, postings: &[(u32, u8)], files: &mut Vec<(String, Vec<u8>)>) {
        let (_, writer) = self.open.get_or_insert_with(|| (term, Writer::default()));
        encode_postings(writer, postings);
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

/// Adds a file named by its kind and the hash of its bytes; returns the name.
fn named(prefix: &str, bytes: Vec<u8>, files: &mut Vec<(String, Vec<u8>)>) -> String {
    let hash = Sha256::digest(&bytes);
    let hex: String = hash[..6].iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("{prefix}-{hex}.bin");
    files.push((name.clone(), bytes));
    name
}
