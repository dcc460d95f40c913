//! The query engine: the same code natively (`ayuda search`) and in the page's WebAssembly.
//! It does no I/O: [`Engine::search`] says which files it needs, the caller fetches or reads
//! them and hands them over with [`Engine::add`], and asks again.

use crate::bytes::Reader;
use crate::format::{decode_postings, decode_record_shard, Manifest, Record, Run};
use crate::matching::{self, Candidate};
use crate::results::{self, Hit, Results};
use crate::sorting::{distinct_sorted, sort_by};
use crate::Error;
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

    /// Reads a file of the index that [`Engine::search`] asked for. A file read before is
    /// not read again.
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
        } else if let Some(shard) = manifest.shards.iter().position(|run| run.file == file) {
            if self.shards[shard].is_none() {
                let mut input = Reader::new(file, bytes);
                let mut lists = Vec::new();
                for term in run_words(&manifest.shards, shard, manifest.terms.len()) {
                    lists.push(decode_postings(
                        &mut input,
                        manifest.first_tier(term as usize),
                        manifest.records,
                    )?);
                }
                if !input.at_end() {
                    return Err(input.corrupt());
                }
                self.shards[shard] = Some(lists);
            }
        } else if let Some(tail) = manifest.tails.iter().position(|run| run.file == file) {
            if self.tails[tail].is_none() {
                let mut input = Reader::new(file, bytes);
                let mut lists = Vec::new();
                for term in run_words(&manifest.tails, tail, manifest.terms.len()) {
                    lists.push(match manifest.terms[term as usize].records.checked_sub(manifest.tier) {
                        Some(count) if count > 0 => decode_postings(&mut input, count, manifest.records)?,
                        _ => Vec::new(),
                    });
                }
                if !input.at_end() {
                    return Err(input.corrupt());
                }
                self.tails[tail] = Some(lists);
            }
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
        let (mut ranked, mut partial) = self.rank(manifest, &terms);
        // Too few records have every term in the first tiers: read the rest of the whole
        // words' postings.
        if ranked.len() < limit || partial {
            let tails = distinct_sorted(
                terms
                    .iter()
                    .flat_map(|t| &t.candidates)
                    .filter(|c| c.whole && manifest.terms[c.term as usize].records > manifest.tier)
                    .filter(|c| read_postings(&manifest.tails, &self.tails, c.term).is_none())
                    .map(|c| manifest.tails[Manifest::run_of(&manifest.tails, c.term)].file.as_str()),
            );
            if !tails.is_empty() {
                return Step::Need(tails);
            }
        }
        // Phrases are checked on the records' text: the best candidates' fragments.
        let wanted = if phrases.is_empty() { limit } else { limit.saturating_mul(4).max(20) };
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

    /// Records with every term, best first; or, when there are none, those with the most
    /// terms (then `true`). Each with its score and how many terms it has.
    fn rank(&self, manifest: &Manifest, terms: &[QueryTerm]) -> (Vec<(u32, f64, usize)>, bool) {
        let records = f64::from(manifest.records);
        // By record: the sum of its terms' scores and how many it has; and the current term's
        // best score (scores are never negative: -1 for none yet).
        let mut scores: Vec<(f64, usize)> = vec![(0.0, 0); manifest.records as usize];
        let mut best: Vec<f64> = vec![-1.0; manifest.records as usize];
        let mut found: Vec<u32> = Vec::new();
        let mut found_by_term: Vec<u32> = Vec::new();
        for term in terms {
            // The term's score in each record: its best word there.
            for candidate in &term.candidates {
                let holding = f64::from(manifest.terms[candidate.term as usize].records);
                let idf = libm::log(1.0 + (records - holding + 0.5) / (holding + 0.5));
                let lists = [
                    read_postings(&manifest.shards, &self.shards, candidate.term),
                    read_postings(&manifest.tails, &self.tails, candidate.term),
                ];
                for &(record, impact) in lists.into_iter().flatten().flatten() {
                    let score = candidate.weight * idf * f64::from(impact) / 255.0 * (crate::K1 + 1.0);
                    let slot = &mut best[record as usize];
                    if *slot < 0.0 {
                        found_by_term.push(record);
                    }
                    *slot = slot.max(score);
                }
            }
            for record in found_by_term.drain(..) {
                let (sum, count) = &mut scores[record as usize];
                if *count == 0 {
                    found.push(record);
                }
                *sum += std::mem::replace(&mut best[record as usize], -1.0);
                *count += 1;
            }
        }
        let all = terms.len();
        let mut ranked: Vec<(u32, f64, usize)> = found
            .into_iter()
            .map(|record| {
                let (sum, count) = scores[record as usize];
                (record, sum, count)
            })
            .collect();
        let partial = !ranked.iter().any(|&(_, _, n)| n == all);
        if !partial {
            ranked.retain(|&(_, _, n)| n == all);
        }
        sort_by(&mut ranked, |a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
        (ranked, partial && all > 0)
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

/// The postings of word `term` in the files of `runs` read so far (`read`, by run).
fn read_postings<'a>(runs: &[Run], read: &'a [Option<Vec<Postings>>], term: u32) -> Option<&'a [(u32, u8)]> {
    let run = runs.partition_point(|run| run.first <= term).checked_sub(1)?;
    let lists = read.get(run)?.as_ref()?;
    lists.get((term - runs[run].first) as usize).map(Vec::as_slice)
}

/// The vocabulary indexes a run of words covers: from its first to the next run's first.
fn run_words(runs: &[Run], run: usize, terms: usize) -> std::ops::Range<u32> {
    let end = runs.get(run + 1).map_or(terms as u32, |next| next.first);
    runs[run].first..end
}
