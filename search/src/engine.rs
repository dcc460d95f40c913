//! The query engine: the same code natively (`ayuda search`) and in the page's WebAssembly.
//! It does no I/O: [`Engine::search`] says which files it needs, the caller fetches or reads
//! them and hands them over with [`Engine::add`], and asks again.

use crate::bytes::Reader;
use crate::format::{decode_postings, decode_record_shard, Manifest, Record};
use crate::matching::{self, Candidate};
use crate::results::{self, Hit, Results};
use crate::sorting::{distinct_sorted, sort_by};
use crate::Error;
use std::collections::{HashMap, HashSet};
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
    /// Term shards and tails read: each word's postings, by word.
    postings: HashMap<u32, Vec<(u32, u8)>>,
    tails: HashMap<u32, Vec<(u32, u8)>>,
    files_read: HashSet<String>,
    /// Record shards read: fragment files by record.
    fragment_files: HashMap<u32, String>,
    fragments: HashMap<String, Record>,
}

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
            postings: HashMap::new(),
            tails: HashMap::new(),
            files_read: HashSet::new(),
            fragment_files: HashMap::new(),
            fragments: HashMap::new(),
        })
    }

    /// Reads a file of the index that [`Engine::search`] asked for.
    pub fn add(&mut self, file: &str, bytes: &[u8]) -> Result<(), Error> {
        if self.files_read.contains(file) {
            return Ok(());
        }
        if file == self.manifest_file {
            let manifest = Manifest::decode(file, bytes)?;
            self.analyzer = Analyzer::for_language(&manifest.language);
            self.manifest = Some(manifest);
        } else {
            let manifest = self.manifest.as_ref().ok_or_else(|| Error::Unexpected(file.to_owned()))?;
            if file.starts_with("f/") {
                self.fragments.insert(file.to_owned(), Record::decode(file, bytes)?);
            } else if let Some(shard) = manifest.shards.iter().position(|run| run.file == file) {
                let words = run_words(&manifest.shards, shard, manifest.terms.len());
                let mut input = Reader::new(file, bytes);
                for term in words {
                    let list =
                        decode_postings(&mut input, manifest.first_tier(term as usize), manifest.records)?;
                    self.postings.insert(term, list);
                }
                if !input.at_end() {
                    return Err(input.corrupt());
                }
            } else if let Some(tail) = manifest.tails.iter().position(|run| run.file == file) {
                let words = run_words(&manifest.tails, tail, manifest.terms.len());
                let mut input = Reader::new(file, bytes);
                for term in words.filter(|&t| manifest.terms[t as usize].records > manifest.tier) {
                    let count = manifest.terms[term as usize].records - manifest.tier;
                    self.tails.insert(term, decode_postings(&mut input, count, manifest.records)?);
                }
                if !input.at_end() {
                    return Err(input.corrupt());
                }
            } else if let Some(shard) = manifest.record_shards.iter().position(|name| name == file) {
                let first = shard as u32 * manifest.records_per_shard;
                let names = decode_record_shard(file, bytes)?;
                let expected = (manifest.records - first).min(manifest.records_per_shard) as usize;
                if names.len() != expected {
                    return Err(Error::Corrupt(file.to_owned()));
                }
                for (i, name) in names.into_iter().enumerate() {
                    self.fragment_files.insert(first + i as u32, name);
                }
            } else {
                return Err(Error::Unexpected(file.to_owned()));
            }
        }
        self.files_read.insert(file.to_owned());
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
                .filter(|c| !self.postings.contains_key(&c.term))
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
                    .filter(|c| !self.tails.contains_key(&c.term))
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
            ranked.retain(|(record, _, _)| {
                shown.contains(record)
                    && results::has_phrases(
                        &self.analyzer,
                        &self.fragments[&self.fragment_files[record]],
                        &phrases,
                    )
            });
            partial &= !ranked.is_empty();
        }
        let total = ranked.len();
        let hits: Vec<Hit> = ranked
            .into_iter()
            .take(limit)
            .map(|(record, score, _)| {
                let fragment = &self.fragments[&self.fragment_files[&record]];
                results::hit(&self.analyzer, fragment, score, &matched)
            })
            .collect();
        Step::Done(Results { results: hits, total, partial })
    }

    /// Records with every term, best first; or, when there are none, those with the most
    /// terms (then `true`). Each with its score and how many terms it has.
    fn rank(&self, manifest: &Manifest, terms: &[QueryTerm]) -> (Vec<(u32, f64, usize)>, bool) {
        let records = f64::from(manifest.records);
        let mut scores: HashMap<u32, (f64, usize)> = HashMap::new();
        for term in terms {
            // The term's score in each record: its best word there.
            let mut best: HashMap<u32, f64> = HashMap::new();
            for candidate in &term.candidates {
                let holding = f64::from(manifest.terms[candidate.term as usize].records);
                let idf = libm::log(1.0 + (records - holding + 0.5) / (holding + 0.5));
                let lists = [self.postings.get(&candidate.term), self.tails.get(&candidate.term)];
                for &(record, impact) in lists.into_iter().flatten().flatten() {
                    let score = candidate.weight * idf * f64::from(impact) / 255.0 * (crate::K1 + 1.0);
                    let entry = best.entry(record).or_insert(0.0);
                    *entry = entry.max(score);
                }
            }
            for (record, score) in best {
                let entry = scores.entry(record).or_insert((0.0, 0));
                entry.0 += score;
                entry.1 += 1;
            }
        }
        let all = terms.len();
        let mut ranked: Vec<(u32, f64, usize)> = scores.into_iter().map(|(r, (s, n))| (r, s, n)).collect();
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
                .filter(|r| !self.fragment_files.contains_key(r))
                .map(|r| manifest.record_shards[(r / manifest.records_per_shard) as usize].as_str()),
        );
        if !shards.is_empty() {
            return Some(shards);
        }
        let fragments = distinct_sorted(
            records
                .iter()
                .map(|r| self.fragment_files[r].as_str())
                .filter(|file| !self.fragments.contains_key(*file)),
        );
        (!fragments.is_empty()).then_some(fragments)
    }
}

/// The vocabulary indexes a run of words covers: from its first to the next run's first.
fn run_words(runs: &[crate::format::Run], run: usize, terms: usize) -> std::ops::Range<u32> {
    let end = runs.get(run + 1).map_or(terms as u32, |next| next.first);
    runs[run].first..end
}
