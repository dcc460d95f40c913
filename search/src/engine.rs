//! The query engine: the same code natively (`ayuda search`) and in the page's WebAssembly.
//! It does no I/O: [`Engine::search`] says which files it needs, the caller fetches or reads
//! them and hands them over with [`Engine::add`], and asks again.

use crate::bytes::Reader;
use crate::format::{decode_postings, decode_record_shard, Manifest, Record};
use crate::matching::{self, Candidate};
use crate::results::{self, Hit, Results};
use crate::Error;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    files_read: BTreeSet<String>,
    /// Record shards read: fragment files by record.
    fragment_files: HashMap<u32, String>,
    fragments: HashMap<String, Record>,
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
            files_read: BTreeSet::new(),
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
            } else if manifest.shards.iter().chain(&manifest.tails).any(|run| run.file == file) {
                let first_tier = |term: usize| manifest.first_tier(term);
                read_runs(manifest, &manifest.shards, file, bytes, first_tier, &mut self.postings)?;
                let tail = |term: usize| manifest.terms[term].records.saturating_sub(manifest.tier);
                read_runs(manifest, &manifest.tails, file, bytes, tail, &mut self.tails)?;
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
        let shards: BTreeSet<&str> = terms
            .iter()
            .flat_map(|t| &t.candidates)
            .filter(|c| !self.postings.contains_key(&c.term))
            .map(|c| manifest.shards[Manifest::run_of(&manifest.shards, c.term)].file.as_str())
            .collect();
        if !shards.is_empty() {
            return Step::Need(shards.into_iter().map(str::to_owned).collect());
        }
        let wanted = if phrases.is_empty() { limit } else { limit.saturating_mul(4).max(20) };
        let Ranking { mut ranked, mut partial, certain } = self.rank(manifest, &terms, wanted);
        // The first tiers cannot tell the best records for sure: read the rest of the whole
        // words' postings. (Completions and words with typos count by their first tier only.)
        if !certain {
            let tails: BTreeSet<&str> = terms
                .iter()
                .flat_map(|t| &t.candidates)
                .filter(|c| self.has_unread_tail(manifest, c))
                .map(|c| manifest.tails[Manifest::run_of(&manifest.tails, c.term)].file.as_str())
                .collect();
            return Step::Need(tails.into_iter().map(str::to_owned).collect());
        }
        // Phrases are checked on the records' text: the best candidates' fragments.
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

    /// Whether a candidate counts by all its postings and some are not read yet.
    fn has_unread_tail(&self, manifest: &Manifest, candidate: &Candidate) -> bool {
        candidate.whole
            && manifest.terms[candidate.term as usize].records > manifest.tier
            && !self.tails.contains_key(&candidate.term)
    }

    /// Records with every term, best first; or, when there are none, those with the most
    /// terms (then partial). Each with its score and how many terms it has. Certain when the
    /// postings not read yet could not change the best `wanted` records or their order.
    fn rank(&self, manifest: &Manifest, terms: &[QueryTerm], wanted: usize) -> Ranking {
        let records = f64::from(manifest.records);
        // Each record's score for each term: its best word there.
        let mut known: BTreeMap<u32, Vec<f64>> = BTreeMap::new();
        // The most a record could still get for each term from postings not read: a tail
        // holds no impact above the lowest of its word's first tier.
        let mut headroom = vec![0.0f64; terms.len()];
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
                let first = self.postings.get(&candidate.term);
                if self.has_unread_tail(manifest, candidate) {
                    // Bytes sort records with the word in the title first, so a tail's bytes are
                    // at most the tier's lowest; the best score of such a byte bounds the tail.
                    let lowest = first.into_iter().flatten().map(|p| p.1).min().unwrap_or(u8::MAX);
                    headroom[t] = headroom[t].max(score(lowest)).max(score(lowest.min(crate::IMPACT_MAX)));
                }
                for &(record, impact) in
                    [first, self.tails.get(&candidate.term)].into_iter().flatten().flatten()
                {
                    let entry = &mut known.entry(record).or_insert_with(|| vec![0.0; terms.len()])[t];
                    *entry = entry.max(score(impact));
                }
            }
        }
        let all = terms.len();
        let mut ranked: Vec<(u32, f64, usize)> = known
            .iter()
            .map(|(&record, scores)| {
                (record, scores.iter().sum(), scores.iter().filter(|&&s| s > 0.0).count())
            })
            .collect();
        let partial = !ranked.iter().any(|&(_, _, n)| n == all);
        if !partial {
            ranked.retain(|&(_, _, n)| n == all);
        }
        ranked.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
        let unread = headroom.iter().any(|&h| h > 0.0);
        let certain = !unread || (!partial && self.best_are_certain(&known, &headroom, &ranked, wanted));
        Ranking { ranked, partial: partial && all > 0, certain }
    }

    /// Whether no record could pass the `wanted`-th of `ranked` (all complete), nor any of
    /// those change place, with what the unread postings could add (`headroom` per term).
    fn best_are_certain(
        &self,
        known: &BTreeMap<u32, Vec<f64>>,
        headroom: &[f64],
        ranked: &[(u32, f64, usize)],
        wanted: usize,
    ) -> bool {
        let Some(&(_, floor, _)) = ranked.get(wanted.saturating_sub(1)) else { return false };
        let best: Vec<u32> = ranked.iter().take(wanted).map(|&(record, _, _)| record).collect();
        // The best may still rise.
        if best.iter().any(|r| known[r].iter().zip(headroom).any(|(&k, &h)| h > k)) {
            return false;
        }
        // A record not read for some term may have it in a tail; one never read, all of them.
        let could_match = |scores: &[f64]| scores.iter().zip(headroom).all(|(&k, &h)| k > 0.0 || h > 0.0);
        let ceiling = |scores: &[f64]| -> f64 { scores.iter().zip(headroom).map(|(&k, &h)| k.max(h)).sum() };
        let unseen = vec![0.0; headroom.len()];
        let others = known.iter().filter(|(r, _)| !best.contains(r)).map(|(_, scores)| scores.as_slice());
        !others
            .chain(std::iter::once(unseen.as_slice()))
            .any(|scores| could_match(scores) && ceiling(scores) > floor)
    }

    /// The record shards, then the fragments, that `records` still need; `None` when all are
    /// read.
    fn missing_fragments(&self, manifest: &Manifest, records: &[u32]) -> Option<Vec<String>> {
        let shards: BTreeSet<&str> = records
            .iter()
            .filter(|r| !self.fragment_files.contains_key(r))
            .map(|r| manifest.record_shards[(r / manifest.records_per_shard) as usize].as_str())
            .collect();
        if !shards.is_empty() {
            return Some(shards.into_iter().map(str::to_owned).collect());
        }
        let fragments: BTreeSet<&str> = records
            .iter()
            .map(|r| self.fragment_files[r].as_str())
            .filter(|file| !self.fragments.contains_key(*file))
            .collect();
        (!fragments.is_empty()).then(|| fragments.into_iter().map(str::to_owned).collect())
    }
}

/// Reads the postings of every run of `runs` stored in `file` (runs with the same bytes share
/// a file), `count(word)` of them for each word (none when 0), into `into`.
fn read_runs(
    manifest: &Manifest,
    runs: &[crate::format::Run],
    file: &str,
    bytes: &[u8],
    count: impl Fn(usize) -> u32,
    into: &mut HashMap<u32, Vec<(u32, u8)>>,
) -> Result<(), Error> {
    for (run, _) in runs.iter().enumerate().filter(|(_, run)| run.file == file) {
        let mut input = Reader::new(file, bytes);
        for term in run_words(runs, run, manifest.terms.len()) {
            let n = count(term as usize);
            if n > 0 {
                into.insert(term, decode_postings(&mut input, n, manifest.records)?);
            }
        }
        if !input.at_end() {
            return Err(input.corrupt());
        }
    }
    Ok(())
}

/// The vocabulary indexes a run of words covers: from its first to the next run's first.
fn run_words(runs: &[crate::format::Run], run: usize, terms: usize) -> std::ops::Range<u32> {
    let end = runs.get(run + 1).map_or(terms as u32, |next| next.first);
    runs[run].first..end
}
