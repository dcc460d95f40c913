//! The query engine: the same code natively (`ayuda search`) and in the page's WebAssembly.
//! It does no I/O: [`Engine::search`] says which files it needs, the caller fetches or reads
//! them and hands them over with [`Engine::add`], and asks again.

use crate::bytes::Reader;
use crate::format::{decode_postings, decode_record_shard, Manifest, Record, Run};
use crate::matching::{self, Candidate};
use crate::results::{self, Hit, Results};
use crate::sorting::{distinct_sorted, sort_by};
use crate::Error;
use alloc::{borrow::ToOwned, string::String, vec, vec::Vec};
use text::Analyzer;

/// What a search needs next.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// These files of the index folder, then ask again.
    Need(Vec<String>),
    /// The answer.
    Done(Results),
}

/// A language's index, as much of it as has been read.
pub struct Engine {
    manifest_file: String,
    manifest: Option<Manifest>,
    analyzer: Analyzer,
    /// By term shard, once read: the postings of each of its words, in order.
    shards: Vec<Option<Vec<Postings>>>,
    /// By tail, once read: the rest of the postings of each of its words (none for the words
    /// that have no more).
    tails: Vec<Option<Vec<Postings>>>,
    /// By record shard, once read: the fragment file of each of its records.
    record_shards: Vec<Option<Vec<String>>>,
    /// The fragments read, by file name.
    fragments: Vec<(String, Record)>,
}

/// Records ranked from the postings read so far.
struct Ranking {
    /// Record, score, how many terms it has: best first.
    ranked: Vec<(u32, f64, usize)>,
    /// No record has every term.
    partial: bool,
    /// The postings not read cannot change the best records.
    certain: bool,
}

/// A word's postings: records, each with its impact.
type Postings = Vec<(u32, u8)>;

/// A query term: the words it finds.
struct QueryTerm {
    candidates: Vec<Candidate>,
}

impl Engine {
    /// An engine for the index whose entry file (`entry.txt`) holds `entry`.
    pub fn new(entry: &str) -> Result<Engine, Error> {
        let manifest_file = entry.trim();
        if !crate::format::plain_name(manifest_file) {
            return Err(Error::Corrupt(crate::format::ENTRY.to_owned()));
        }
        Ok(Engine {
            manifest_file: manifest_file.to_owned(),
            manifest: None,
            analyzer: Analyzer::for_language(""),
            shards: Vec::new(),
            tails: Vec::new(),
            record_shards: Vec::new(),
            fragments: Vec::new(),
        })
    }

    /// Reads a file of the index that [`Engine::search`] asked for, given its bytes inflated
    /// (the files are stored gzip-compressed, see [`crate::format`]). A file read before is not
    /// read again.
    pub fn add(&mut self, file: &str, bytes: &[u8]) -> Result<(), Error> {
        if file == self.manifest_file {
            if self.manifest.is_none() {
                let manifest = Manifest::decode(file, bytes)?;
                self.analyzer = Analyzer::for_language(&manifest.language);
                self.shards.resize_with(manifest.shards.len(), || None);
                self.tails.resize_with(manifest.tails.len(), || None);
                self.record_shards.resize_with(manifest.record_shards.len(), || None);
                self.manifest = Some(manifest);
            }
            return Ok(());
        }
        let manifest = self.manifest.as_ref().ok_or_else(|| Error::Unexpected(file.to_owned()))?;
        if file.starts_with("f/") {
            if let Err(at) = self.fragments.binary_search_by(|(name, _)| name.as_str().cmp(file)) {
                let record = Record::decode(file, bytes)?;
                self.fragments.insert(at, (file.to_owned(), record));
            }
        } else if manifest.shards.iter().chain(&manifest.tails).any(|run| run.file == file) {
            // Runs with the same bytes share a file: it is read for each of them.
            let first_tier = |term: usize| manifest.first_tier(term);
            read_runs(manifest, &manifest.shards, &mut self.shards, file, bytes, first_tier)?;
            let tail = |term: usize| manifest.terms[term].records.saturating_sub(manifest.tier);
            read_runs(manifest, &manifest.tails, &mut self.tails, file, bytes, tail)?;
        } else if let Some(shard) = manifest.record_shards.iter().position(|name| name == file) {
            if self.record_shards[shard].is_none() {
                let first = shard as u32 * manifest.records_per_shard;
                let names = decode_record_shard(file, bytes)?;
                let expected = (manifest.records - first).min(manifest.records_per_shard) as usize;
                if names.len() != expected {
                    return Err(Error::Corrupt(file.to_owned()));
                }
                self.record_shards[shard] = Some(names);
            }
        } else {
            return Err(Error::Unexpected(file.to_owned()));
        }
        Ok(())
    }

    /// Searches for `query`, returning at most `limit` results, or the files it needs first.
    ///
    /// Every term must match (the last one as the start of a word, since the reader may still
    /// be typing it); if no record has them all, the records with the most of them come, and
    /// [`Results::partial`] says so. Words between double quotes must also be found together,
    /// in that order.
    pub fn search(&self, query: &str, limit: usize) -> Step {
        let Some(manifest) = &self.manifest else { return Step::Need(vec![self.manifest_file.clone()]) };
        let parsed = self.analyzer.analyze_query(query);
        let phrases = results::phrases(&self.analyzer, query);
        let mut tokens: Vec<&text::Token> = parsed.terms.iter().filter(|t| !t.part).collect();
        if tokens.iter().any(|t| !t.stop) || parsed.prefix.is_some() {
            tokens.retain(|t| !t.stop);
        }
        let mut terms: Vec<QueryTerm> = tokens
            .iter()
            .map(|token| QueryTerm {
                candidates: matching::for_token(&manifest.terms, &self.analyzer, token),
            })
            .collect();
        if let Some(prefix) = &parsed.prefix {
            terms.push(QueryTerm {
                candidates: matching::for_prefix(&manifest.terms, &self.analyzer, prefix),
            });
        }
        if terms.is_empty() || limit == 0 {
            return Step::Done(Results::default());
        }
        // The first tier of every candidate.
        let shards = distinct_sorted(
            terms
                .iter()
                .flat_map(|t| &t.candidates)
                .filter(|c| read_postings(&manifest.shards, &self.shards, c.term).is_none())
                .map(|c| manifest.shards[Manifest::run_of(&manifest.shards, c.term)].file.as_str()),
        );
        if !shards.is_empty() {
            return Step::Need(shards);
        }
        let wanted = if phrases.is_empty() { limit } else { limit.saturating_mul(4).max(20) };
        let Ranking { mut ranked, mut partial, certain } = self.rank(manifest, &terms, wanted);
        // The first tiers cannot tell the best records for sure: read the rest of the whole
        // words' postings. (Completions and words with typos count by their first tier only.)
        if !certain {
            return Step::Need(distinct_sorted(
                terms
                    .iter()
                    .flat_map(|t| &t.candidates)
                    .filter(|c| self.has_unread_tail(manifest, c))
                    .map(|c| manifest.tails[Manifest::run_of(&manifest.tails, c.term)].file.as_str()),
            ));
        }
        // Phrases are checked on the records' text: the best candidates' fragments.
        let shown: Vec<u32> = ranked.iter().take(wanted).map(|&(record, _, _)| record).collect();
        if let Some(need) = self.missing_fragments(manifest, &shown) {
            return Step::Need(need);
        }
        let matched = results::Matched::new(&manifest.terms, terms.iter().map(|t| t.candidates.as_slice()));
        if !phrases.is_empty() {
            ranked.retain(|&(record, _, _)| {
                shown.contains(&record)
                    && self
                        .fragment(manifest, record)
                        .is_some_and(|fragment| results::has_phrases(&self.analyzer, fragment, &phrases))
            });
            partial &= !ranked.is_empty();
        }
        let total = ranked.len();
        let hits: Vec<Hit> = ranked
            .into_iter()
            .take(limit)
            .filter_map(|(record, score, _)| {
                let fragment = self.fragment(manifest, record)?;
                Some(results::hit(&self.analyzer, fragment, score, &matched))
            })
            .collect();
        Step::Done(Results { results: hits, total, partial })
    }

    /// Whether a candidate counts by all its postings and some are not read yet.
    fn has_unread_tail(&self, manifest: &Manifest, candidate: &Candidate) -> bool {
        candidate.whole
            && manifest.terms[candidate.term as usize].records > manifest.tier
            && read_postings(&manifest.tails, &self.tails, candidate.term).is_none()
    }

    /// Records with every term, best first; or, when there are none, those with the most
    /// terms (then partial). Each with its score and how many terms it has. Certain when the
    /// postings not read yet could not change the best `wanted` records or their order.
    fn rank(&self, manifest: &Manifest, terms: &[QueryTerm], wanted: usize) -> Ranking {
        let records = f64::from(manifest.records);
        let n = terms.len();
        // Each record found: its score for each term (its best word there), in a row of
        // `known`; `row` gives a record's row, or `NONE`.
        const NONE: u32 = u32::MAX;
        let mut row: Vec<u32> = vec![NONE; manifest.records as usize];
        let mut found: Vec<u32> = Vec::new();
        let mut known: Vec<f64> = Vec::new();
        // The most a record could still get for each term from postings not read.
        let mut headroom = vec![0.0f64; n];
        let mut tails: Vec<TailEdge> = Vec::new();
        for (t, term) in terms.iter().enumerate() {
            // One IDF for the term, from its most frequent word: the forms, completions and
            // near spellings it finds stand for one word of the reader's, and a rare one must
            // not outweigh the common word typed.
            let holding =
                term.candidates.iter().map(|c| manifest.terms[c.term as usize].records).max().unwrap_or(0);
            let holding = f64::from(holding);
            let idf = libm::log(1.0 + (records - holding + 0.5) / (holding + 0.5));
            for candidate in &term.candidates {
                let score = |byte: u8| crate::posting_score(byte, candidate.weight * idf);
                let first = read_postings(&manifest.shards, &self.shards, candidate.term);
                if self.has_unread_tail(manifest, candidate) {
                    // Bytes sort records with the word in the title first, so a tail's bytes are
                    // at most the tier's lowest; the best score of such a byte bounds the tail.
                    let lowest = first.into_iter().flatten().map(|p| p.1).min().unwrap_or(u8::MAX);
                    let edge = TailEdge {
                        at_lowest: score(lowest),
                        last_at_lowest: first
                            .into_iter()
                            .flatten()
                            .filter(|p| p.1 == lowest)
                            .map(|p| p.0)
                            .max(),
                        untitled: (lowest > crate::IMPACT_MAX).then(|| score(crate::IMPACT_MAX)),
                    };
                    headroom[t] = headroom[t].max(edge.at_lowest).max(edge.untitled.unwrap_or(0.0));
                    tails.push(edge);
                }
                let tail = read_postings(&manifest.tails, &self.tails, candidate.term);
                for &(record, byte) in [first, tail].into_iter().flatten().flatten() {
                    let at = &mut row[record as usize];
                    if *at == NONE {
                        *at = found.len() as u32;
                        found.push(record);
                        known.resize(known.len() + n, 0.0);
                    }
                    let slot = &mut known[*at as usize * n + t];
                    *slot = slot.max(score(byte));
                }
            }
        }
        let scores_of = |at: usize| &known[at * n..at * n + n];
        let mut ranked: Vec<(u32, f64, usize)> = found
            .iter()
            .enumerate()
            .map(|(at, &record)| {
                let scores = scores_of(at);
                (record, scores.iter().sum(), scores.iter().filter(|&&s| s > 0.0).count())
            })
            .collect();
        let partial = !ranked.iter().any(|&(_, _, count)| count == n);
        if !partial {
            ranked.retain(|&(_, _, count)| count == n);
        }
        sort_by(&mut ranked, |a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
        let unread = headroom.iter().any(|&h| h > 0.0);
        let certain = !unread
            || (!partial
                && best_are_certain(
                    &ranked,
                    wanted,
                    &headroom,
                    &tails,
                    |record| scores_of(row[record as usize] as usize),
                    &found,
                ));
        Ranking { ranked, partial: partial && n > 0, certain }
    }

    /// The record shards, then the fragments, that `records` still need; `None` when all are
    /// read.
    fn missing_fragments(&self, manifest: &Manifest, records: &[u32]) -> Option<Vec<String>> {
        let shards = distinct_sorted(
            records
                .iter()
                .filter(|&&r| self.fragment_file(manifest, r).is_none())
                .map(|r| manifest.record_shards[(r / manifest.records_per_shard) as usize].as_str()),
        );
        if !shards.is_empty() {
            return Some(shards);
        }
        let fragments = distinct_sorted(
            records
                .iter()
                .filter(|&&r| self.fragment(manifest, r).is_none())
                .filter_map(|&r| self.fragment_file(manifest, r)),
        );
        (!fragments.is_empty()).then_some(fragments)
    }

    /// The fragment file of `record`, once its record shard is read.
    fn fragment_file(&self, manifest: &Manifest, record: u32) -> Option<&str> {
        let names = self.record_shards.get((record / manifest.records_per_shard) as usize)?.as_ref()?;
        names.get((record % manifest.records_per_shard) as usize).map(String::as_str)
    }

    /// The fragment of `record`, once read.
    fn fragment(&self, manifest: &Manifest, record: u32) -> Option<&Record> {
        let file = self.fragment_file(manifest, record)?;
        let at = self.fragments.binary_search_by(|(name, _)| name.as_str().cmp(file)).ok()?;
        Some(&self.fragments[at].1)
    }
}

/// What a one-word tail may hold at its best: postings of the first tier's lowest byte
/// (scoring `at_lowest`), all of records after `last_at_lowest`, the last record with that
/// byte in the first tier; and, when that byte has the title flag, postings without it of any
/// record (scoring at most `untitled`). The first tier takes the highest bytes, and among equal
/// bytes the lowest records; both tiers are stored in record order.
struct TailEdge {
    at_lowest: f64,
    last_at_lowest: Option<u32>,
    untitled: Option<f64>,
}

/// Whether no record could pass the `wanted`-th of `ranked` (all complete), nor any of those
/// change place, with what the unread postings could add (`headroom` per term, `tails` for
/// each word with unread postings); `scores` gives a found record's score for each term.
fn best_are_certain<'a>(
    ranked: &[(u32, f64, usize)],
    wanted: usize,
    headroom: &[f64],
    tails: &[TailEdge],
    scores: impl Fn(u32) -> &'a [f64],
    found: &[u32],
) -> bool {
    let Some(&(last, floor, _)) = ranked.get(wanted.saturating_sub(1)) else { return false };
    let best = &ranked[..wanted];
    // The best may still rise.
    if best.iter().any(|&(record, _, _)| scores(record).iter().zip(headroom).any(|(&k, &h)| h > k)) {
        return false;
    }
    // Ties go to the lower record. A record read for some term may have the others in a
    // tail, and its number is known. One never read may have all of them: with several
    // terms, any record may sum to the floor; with one, only a posting of a tail's edge, and
    // one of the first tier's lowest byte comes after the tier's records of that byte.
    let unseen_ties = || {
        headroom.len() > 1
            || tails.iter().any(|tail| {
                (tail.at_lowest == floor && tail.last_at_lowest.is_none_or(|after| after < last))
                    || tail.untitled == Some(floor)
            })
    };
    let could_pass = |known: &[f64], record: Option<u32>| {
        let bound = known.iter().zip(headroom).map(|(&k, &h)| k.max(h)).sum::<f64>();
        known.iter().zip(headroom).all(|(&k, &h)| k > 0.0 || h > 0.0)
            && (bound > floor || (bound == floor && record.map_or_else(unseen_ties, |r| r < last)))
    };
    let unseen = vec![0.0; headroom.len()];
    let mut others = found.iter().filter(|&&r| !best.iter().any(|&(b, _, _)| b == r));
    !others.any(|&r| could_pass(scores(r), Some(r))) && !could_pass(&unseen, None)
}

/// Reads the postings of every run of `runs` whose file is `file` and that is not read yet,
/// `count(word)` of them for each of its words, into `read` (by run).
fn read_runs(
    manifest: &Manifest,
    runs: &[Run],
    read: &mut [Option<Vec<Postings>>],
    file: &str,
    bytes: &[u8],
    count: impl Fn(usize) -> u32,
) -> Result<(), Error> {
    for run in 0..runs.len() {
        if runs[run].file != file || read[run].is_some() {
            continue;
        }
        let mut input = Reader::new(file, bytes);
        let mut lists = Vec::new();
        for term in run_words(runs, run, manifest.terms.len()) {
            let n = count(term as usize);
            lists.push(if n > 0 { decode_postings(&mut input, n, manifest.records)? } else { Vec::new() });
        }
        if !input.at_end() {
            return Err(input.corrupt());
        }
        read[run] = Some(lists);
    }
    Ok(())
}

/// The postings of word `term` in the files of `runs` read so far (`read`, by run).
fn read_postings<'a>(runs: &[Run], read: &'a [Option<Vec<Postings>>], term: u32) -> Option<&'a [(u32, u8)]> {
    let run = runs.partition_point(|run| run.first <= term).checked_sub(1)?;
    let lists = read.get(run)?.as_ref()?;
    lists.get((term - runs[run].first) as usize).map(Vec::as_slice)
}

/// The vocabulary indexes a run of words covers: from its first to the next run's first.
fn run_words(runs: &[Run], run: usize, terms: usize) -> core::ops::Range<u32> {
    let end = runs.get(run + 1).map_or(terms as u32, |next| next.first);
    runs[run].first..end
}
