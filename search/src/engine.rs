//! The query engine: the same code natively (`ayuda search`) and in the page's WebAssembly.
//! It does no I/O: [`Engine::search`] says which files it needs, the caller fetches or reads
//! them and hands them over with [`Engine::add`], and asks again.

use crate::bytes::Reader;
use crate::format::{
    decode_postings, decode_record_shard, fragment_file, Fragment, Manifest, Posting, Run,
    FRAGMENT_HASH_BYTES, NO_PASSAGE,
};
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

/// How far a search reads a large index, whose common words keep their weakest postings apart
/// (tails, see [`crate::format`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Down to `limit` results: tails are read whenever the first tiers cannot rank that
    /// many for sure.
    Full,
    /// As the reader types: the best results the first tiers rank for sure, fewer than
    /// `limit` when the next ones would need tails. Tails are read only when the first tiers
    /// rank no result for sure, or for a query with "quoted words" (whose phrases are checked
    /// on more records than are shown: it reads as [`Reach::Full`]). The results given are
    /// always the first ones [`Reach::Full`] gives.
    FirstTiers,
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
    /// By record shard, once read: the hash that names each of its records' fragments.
    record_shards: Vec<Option<Vec<[u8; FRAGMENT_HASH_BYTES]>>>,
    /// The fragments read, by file name.
    fragments: Vec<(String, Fragment)>,
}

/// Records ranked from the postings read so far.
struct Ranking {
    /// Best first.
    ranked: Vec<Ranked>,
    /// No record has every term.
    partial: bool,
    /// The postings not read cannot change the best records.
    certain: bool,
    /// When not `certain` and the search reaches [`Reach::FirstTiers`] only: how many of the
    /// best records, in order, the postings not read cannot change (else 0).
    sure: usize,
    /// Postings of whole words were left unread: more records may have the terms. (Of
    /// completions and words with typos only first tiers are ever read.)
    unread: bool,
}

/// A record as ranked.
#[derive(Clone, Copy)]
struct Ranked {
    record: u32,
    score: f64,
    /// How many of the query's terms it has.
    terms: usize,
    /// The passage its snippet comes from: where most of its terms weigh most.
    passage: u8,
}

/// A word's postings.
type Postings = Vec<Posting>;

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
                let fragment = Fragment::decode(file, bytes)?;
                self.fragments.insert(at, (file.to_owned(), fragment));
            }
        } else if manifest.shards.iter().chain(&manifest.tails).any(|run| run.file == file) {
            // Runs with the same bytes share a file: it is read for each of them.
            let first_tier = |term: usize| manifest.first_tier(term);
            read_runs(manifest, &manifest.shards, &mut self.shards, file, bytes, first_tier, true)?;
            let tail = |term: usize| manifest.terms[term].records.saturating_sub(manifest.tier);
            read_runs(manifest, &manifest.tails, &mut self.tails, file, bytes, tail, false)?;
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
    /// [`Results::partial`] says so. When fewer than `limit` have them all, for three terms or
    /// more, the records with all but one follow. Words between double quotes must also be
    /// found together, in that order. Reads as far as [`Reach::Full`].
    pub fn search(&self, query: &str, limit: usize) -> Step {
        self.search_reaching(query, limit, Reach::Full)
    }

    /// [`Engine::search`], reading the index as far as `reach`.
    pub fn search_reaching(&self, query: &str, limit: usize, reach: Reach) -> Step {
        let Some(manifest) = &self.manifest else { return Step::Need(vec![self.manifest_file.clone()]) };
        let parsed = self.analyzer.analyze_query(query);
        let phrases = results::phrases(&self.analyzer, query);
        let mut tokens: Vec<&text::Token> = parsed.terms.iter().filter(|t| !t.part).collect();
        let content = tokens.iter().any(|t| !t.stop);
        if content || parsed.prefix.is_some() {
            tokens.retain(|t| !t.stop);
        }
        // A last word that is a stop word as typed (`otra`, `desde`) is left out when other
        // words say what is sought: stop words are not indexed, so it would only find the
        // words it begins or nearly spells, and leave out the pages of the others.
        let prefix = parsed.prefix.as_ref().filter(|prefix| !(content && self.is_stop_word(&prefix.exact)));
        let mut terms: Vec<QueryTerm> = tokens
            .iter()
            .map(|token| QueryTerm {
                candidates: matching::for_token(&manifest.terms, &self.analyzer, token),
            })
            .collect();
        if let Some(prefix) = prefix {
            terms.push(QueryTerm {
                candidates: matching::for_prefix(&manifest.terms, &self.analyzer, prefix, |term| {
                    Manifest::run_of(&manifest.shards, term as u32)
                }),
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
        // Phrases are checked on more records than are shown: such a query reads on.
        let (wanted, reach) =
            if phrases.is_empty() { (limit, reach) } else { (limit.saturating_mul(4).max(20), Reach::Full) };
        let Ranking { mut ranked, mut partial, certain, sure, unread } =
            self.rank(manifest, &terms, wanted, reach);
        // As the reader types, the records ranked for sure are enough.
        let shown = if sure > 0 { sure } else { wanted };
        // The first tiers cannot tell the best records for sure: read the rest of the whole
        // words' postings. (Completions and words with typos count by their first tier only.)
        if !certain && sure == 0 {
            return Step::Need(distinct_sorted(
                terms
                    .iter()
                    .flat_map(|t| &t.candidates)
                    .filter(|c| self.has_unread_tail(manifest, c))
                    .map(|c| manifest.tails[Manifest::run_of(&manifest.tails, c.term)].file.as_str()),
            ));
        }
        // Each result shows a passage: the best candidates' snippet passages.
        let passages: Vec<(u32, u8)> =
            ranked[..ranked.len().min(shown)].iter().map(|r| (r.record, r.passage)).collect();
        if let Some(need) = self.missing_fragments(manifest, &passages) {
            return Step::Need(need);
        }
        let matched = results::Matched::new(&manifest.terms, terms.iter().map(|t| t.candidates.as_slice()));
        if !phrases.is_empty() {
            // Phrases are checked on the records' whole text: every passage of the candidates.
            let mut every: Vec<(u32, u8)> = Vec::new();
            for &(record, passage) in &passages {
                let count = self.fragment(manifest, record, passage).map_or(0, |f| f.passages);
                every.extend((0..count).map(|p| (record, p)));
            }
            if let Some(need) = self.missing_fragments(manifest, &every) {
                return Step::Need(need);
            }
            ranked.retain(|r| {
                let texts: Vec<&Fragment> = every
                    .iter()
                    .filter(|p| p.0 == r.record)
                    .filter_map(|&(_, p)| self.fragment(manifest, r.record, p))
                    .collect();
                !texts.is_empty() && results::has_phrases(&self.analyzer, &texts, &phrases)
            });
            partial &= !ranked.is_empty();
        }
        let total = ranked.len();
        let hits: Vec<Hit> = ranked
            .into_iter()
            .take(limit.min(shown))
            .filter_map(|r| {
                let fragment = self.fragment(manifest, r.record, r.passage)?;
                Some(results::hit(&self.analyzer, fragment, r.score, &matched))
            })
            .collect();
        Step::Done(Results { results: hits, total, partial, more: unread })
    }

    /// Whether `word` is one of the language's stop words.
    fn is_stop_word(&self, word: &str) -> bool {
        let mut tokens = self.analyzer.analyze(word).filter(|t| !t.part).peekable();
        tokens.peek().is_some() && tokens.all(|t| t.stop)
    }

    /// Whether a candidate counts by all its postings and some are not read yet.
    fn has_unread_tail(&self, manifest: &Manifest, candidate: &Candidate) -> bool {
        candidate.whole
            && manifest.terms[candidate.term as usize].records > manifest.tier
            && read_postings(&manifest.tails, &self.tails, candidate.term).is_none()
    }

    /// Records with every term, best first (then, for a long query, those with all but one,
    /// when too few have them all); or, when there are none, those with the most terms (then
    /// partial). Each with its score and how many terms it has. Certain when the
    /// postings not read yet could not change the best `wanted` records or their order; when
    /// not, and `reach` stops at the first tiers, how many of the best are.
    fn rank(&self, manifest: &Manifest, terms: &[QueryTerm], wanted: usize, reach: Reach) -> Ranking {
        let records = f64::from(manifest.records);
        let n = terms.len();
        // Each record found: its score for each term (its best word there), in a row of
        // `known`; `row` gives a record's row, or `NONE`.
        const NONE: u32 = u32::MAX;
        let mut row: Vec<u32> = vec![NONE; manifest.records as usize];
        let mut found: Vec<u32> = Vec::new();
        let mut known: Vec<f64> = Vec::new();
        // Beside each score, the passage of the best posting that names one.
        let mut passages: Vec<u8> = Vec::new();
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
            let idf = crate::idf(records, holding);
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
                for &(record, byte, passage) in [first, tail].into_iter().flatten().flatten() {
                    let at = &mut row[record as usize];
                    if *at == NONE {
                        *at = found.len() as u32;
                        found.push(record);
                        known.resize(known.len() + n, 0.0);
                        passages.resize(passages.len() + n, NO_PASSAGE);
                    }
                    let slot = *at as usize * n + t;
                    let score = score(byte);
                    // A word found in the title alone names no passage: then the passage of
                    // another of the term's words (`facturas` in the prose) stands for it.
                    if passage != NO_PASSAGE && (score > known[slot] || passages[slot] == NO_PASSAGE) {
                        passages[slot] = passage;
                    }
                    known[slot] = known[slot].max(score);
                }
            }
        }
        let scores_of = |at: usize| &known[at * n..at * n + n];
        let mut ranked: Vec<Ranked> = found
            .iter()
            .enumerate()
            .map(|(at, &record)| {
                let scores = scores_of(at);
                Ranked {
                    record,
                    score: scores.iter().sum(),
                    terms: scores.iter().filter(|&&s| s > 0.0).count(),
                    passage: snippet_passage(scores, &passages[at * n..at * n + n]),
                }
            })
            .collect();
        let unread = headroom.iter().any(|&h| h > 0.0);
        // A question typed in full (`cómo obtener un token`) may say one word as no page
        // does (`obtengo`): when, all postings read, fewer than `wanted` records have every
        // term of three or more, those with all but one follow them.
        let complete = ranked.iter().filter(|r| r.terms == n).count();
        let partial = complete == 0;
        if !partial {
            ranked.retain(|r| r.terms == n || (!unread && complete < wanted && n > 2 && r.terms + 1 == n));
        }
        sort_by(&mut ranked, |a, b| {
            b.terms.cmp(&a.terms).then(b.score.total_cmp(&a.score)).then(a.record.cmp(&b.record))
        });
        let certain_for = |best: usize| {
            !unread
                || (!partial
                    && best_are_certain(
                        &ranked,
                        best,
                        &headroom,
                        &tails,
                        |record| scores_of(row[record as usize] as usize),
                        &found,
                    ))
        };
        let certain = certain_for(wanted);
        // The largest number below `wanted` (or all the records ranked) that is certain.
        let sure = if !certain && reach == Reach::FirstTiers {
            (1..wanted.min(ranked.len() + 1)).rev().find(|&best| certain_for(best)).unwrap_or(0)
        } else {
            0
        };
        Ranking { ranked, partial: partial && n > 0, certain, sure, unread }
    }

    /// The record shards, then the fragments, that these passages of records still need;
    /// `None` when all are read.
    fn missing_fragments(&self, manifest: &Manifest, passages: &[(u32, u8)]) -> Option<Vec<String>> {
        let shards = distinct_sorted(
            passages
                .iter()
                .filter(|&&(r, p)| self.fragment_file(manifest, r, p).is_none())
                .map(|(r, _)| manifest.record_shards[(r / manifest.records_per_shard) as usize].as_str()),
        );
        if !shards.is_empty() {
            return Some(shards);
        }
        let fragments: Vec<String> = passages
            .iter()
            .filter(|&&(r, p)| self.fragment(manifest, r, p).is_none())
            .filter_map(|&(r, p)| self.fragment_file(manifest, r, p))
            .collect();
        let fragments = distinct_sorted(fragments.iter().map(String::as_str));
        (!fragments.is_empty()).then_some(fragments)
    }

    /// The file of passage `passage` of `record`, once its record shard is read.
    fn fragment_file(&self, manifest: &Manifest, record: u32, passage: u8) -> Option<String> {
        let hashes = self.record_shards.get((record / manifest.records_per_shard) as usize)?.as_ref()?;
        hashes.get((record % manifest.records_per_shard) as usize).map(|hash| fragment_file(hash, passage))
    }

    /// Passage `passage` of `record`, once read.
    fn fragment(&self, manifest: &Manifest, record: u32, passage: u8) -> Option<&Fragment> {
        let file = self.fragment_file(manifest, record, passage)?;
        let at = self.fragments.binary_search_by(|(name, _)| name.as_str().cmp(&file)).ok()?;
        Some(&self.fragments[at].1)
    }
}

/// The passage a record's snippet comes from, given its score for each term and the passage
/// where each term's word weighs most: the passage most terms name, then the one named by the
/// best-scoring term; the first passage when no term is in the prose.
fn snippet_passage(scores: &[f64], passages: &[u8]) -> u8 {
    let named = || scores.iter().zip(passages).filter(|&(&s, &p)| s > 0.0 && p != NO_PASSAGE);
    named()
        .map(|(&score, &passage)| (named().filter(|&(_, &p)| p == passage).count(), score, passage))
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map_or(0, |(_, _, passage)| passage)
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
    ranked: &[Ranked],
    wanted: usize,
    headroom: &[f64],
    tails: &[TailEdge],
    scores: impl Fn(u32) -> &'a [f64],
    found: &[u32],
) -> bool {
    let Some(&Ranked { record: last, score: floor, .. }) = ranked.get(wanted.saturating_sub(1)) else {
        return false;
    };
    let best = &ranked[..wanted];
    // The best may still rise.
    if best.iter().any(|r| scores(r.record).iter().zip(headroom).any(|(&k, &h)| h > k)) {
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
    let mut others = found.iter().filter(|&&r| !best.iter().any(|b| b.record == r));
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
    passages: bool,
) -> Result<(), Error> {
    for run in 0..runs.len() {
        if runs[run].file != file || read[run].is_some() {
            continue;
        }
        let mut input = Reader::new(file, bytes);
        let mut lists = Vec::new();
        for term in run_words(runs, run, manifest.terms.len()) {
            let n = count(term as usize);
            lists.push(if n > 0 {
                decode_postings(&mut input, n, manifest.records, passages)?
            } else {
                Vec::new()
            });
        }
        if !input.at_end() {
            return Err(input.corrupt());
        }
        read[run] = Some(lists);
    }
    Ok(())
}

/// The postings of word `term` in the files of `runs` read so far (`read`, by run).
fn read_postings<'a>(runs: &[Run], read: &'a [Option<Vec<Postings>>], term: u32) -> Option<&'a [Posting]> {
    let run = runs.partition_point(|run| run.first <= term).checked_sub(1)?;
    let lists = read.get(run)?.as_ref()?;
    lists.get((term - runs[run].first) as usize).map(Vec::as_slice)
}

/// The vocabulary indexes a run of words covers: from its first to the next run's first.
fn run_words(runs: &[Run], run: usize, terms: usize) -> core::ops::Range<u32> {
    let end = runs.get(run + 1).map_or(terms as u32, |next| next.first);
    runs[run].first..end
}
