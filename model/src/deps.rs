//! What each output depends on. A renderer records, as it reads the model, the facts a page
//! used ([`Dep`]); [`Site::fingerprint`] gives each fact's current value as a hash. After an
//! edit, the outputs to render again are exactly those with a fact whose hash changed.

use crate::content::Kind;
use crate::site::{DocId, Site};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

/// A fact of the model that an output may read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dep {
    /// A document's own file, front matter and body (by its path under `content/`).
    Document(String),
    /// What a link to a document shows: its title, URL, description and kind.
    Summary(String),
    /// A section's articles and subsections in menu order, with their tags and weights (by
    /// the section's path): which pages a list, a pager or a menu shows, not what a link to
    /// each says.
    Listing(String),
    /// The articles of a language with a tag, their tags and sections: the candidates for
    /// related articles.
    Tagged(String, String),
    /// The languages and URLs of the versions of a translation key.
    Versions(String),
    /// Whether a path under `content/` is a document or a file (or, when it is neither, a file
    /// of `static/`), and its URL; or why it is not published.
    Path(String),
    /// Which folders have a section page, in which languages: the shape of the tree.
    Sections,
    /// The SLA policy.
    Policy,
    /// Which documents of a language are featured on its home page, in order: those listed
    /// under `featured` in `ayuda.yaml` and those with `featured: true` ([`Site::featured`]).
    Featured(String),
}

/// The facts one output read, as its renderer records them; recording is off in builds that
/// will not be updated, where it would cost time for nothing.
#[derive(Debug, Default)]
pub struct Reads {
    deps: Vec<Dep>,
    on: bool,
}

impl Reads {
    /// A record, kept only if `on`.
    pub fn new(on: bool) -> Reads {
        Reads { deps: Vec::new(), on }
    }

    /// Records that the output read the fact `dep` makes (made only if recording is on).
    pub fn read(&mut self, dep: impl FnOnce() -> Dep) {
        if self.on {
            self.deps.push(dep());
        }
    }

    /// Records facts another record made (kept only if `on`).
    pub fn read_all(&mut self, deps: &[Dep]) {
        if self.on {
            self.deps.extend_from_slice(deps);
        }
    }

    /// The facts recorded.
    pub fn into_deps(self) -> Vec<Dep> {
        self.deps
    }
}

/// A hash of everything hashed into it, for fingerprints (fast: they are compared, never
/// trusted against an adversary).
fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

impl Site {
    /// The current value of a fact, as a hash: equal hashes, equal facts.
    pub fn fingerprint(&self, dep: &Dep) -> u64 {
        match dep {
            Dep::Document(path) => hash_of(self.document(path).map(|id| self.documents[id].source_hash)),
            Dep::Summary(path) => hash_of(self.document(path).map(|id| self.summary(id))),
            Dep::Listing(path) => hash_of(self.document(path).map(|id| {
                let articles: Vec<_> = self.articles(id).iter().map(|&a| self.member(a)).collect();
                let subsections: Vec<_> = self.subsections(id).iter().map(|&s| self.member(s)).collect();
                (articles, subsections)
            })),
            Dep::Tagged(language, tag) => hash_of(
                self.tagged(language, tag)
                    .iter()
                    .map(|&a| (self.member(a), self.parent(a).map(|p| &self.documents[p].path)))
                    .collect::<Vec<_>>(),
            ),
            Dep::Versions(key) => hash_of(self.graph.translations.get(key).map(|versions| {
                versions
                    .iter()
                    .map(|&v| (&self.documents[v].language, &self.documents[v].url))
                    .collect::<Vec<_>>()
            })),
            Dep::Path(path) => hash_of((
                self.document(path).map(|id| &self.documents[id].url),
                self.content_assets.iter().any(|a| a.path == *path),
                self.static_files.iter().any(|a| a.path == *path),
                self.unpublished.get(path),
            )),
            Dep::Sections => {
                let mut sections: Vec<_> = self
                    .graph
                    .section_of_dir
                    .iter()
                    .flat_map(|(language, dirs)| dirs.iter().map(move |(dir, id)| ((language, dir), id)))
                    .collect();
                sections.sort();
                hash_of(
                    sections
                        .into_iter()
                        .map(|(key, &id)| (key, &self.documents[id].path))
                        .collect::<Vec<_>>(),
                )
            }
            Dep::Policy => hash_of(self.policy.as_ref().map(|p| p.to_wire())),
            Dep::Featured(language) => hash_of(
                self.featured(language)
                    .iter()
                    .map(|&id| (&self.documents[id].path, self.documents[id].front.faq))
                    .collect::<Vec<_>>(),
            ),
        }
    }

    /// What a link to a document shows.
    fn summary(&self, id: DocId) -> impl Hash + '_ {
        let doc = &self.documents[id];
        (&doc.path, &doc.front.title, &doc.url, &doc.front.description, doc.kind == Kind::Article)
    }

    /// A document as a member of a list: its path, tags and weight (what ranks it). What a
    /// link to it shows is its [`Dep::Summary`], read by the pages that show it.
    fn member(&self, id: DocId) -> impl Hash + '_ {
        let doc = &self.documents[id];
        (&doc.path, &doc.front.tags, doc.front.weight)
    }
}

/// For each output (by its path in the site), the facts it read; and for each fact, the
/// outputs that read it with the fact's value when they did. Outputs and facts are numbered
/// once: a site of 10,000 pages has about half a million (page, fact) pairs, which as owned
/// strings took over 100 MB of a live preview.
#[derive(Debug, Default)]
pub struct DependencyIndex {
    outputs: Numbering<String>,
    facts: Numbering<Dep>,
    /// By output number: the numbers of the facts it read (empty once forgotten).
    read: Vec<Vec<u32>>,
    /// By fact number: the outputs that read it, with its value when they did.
    readers: Vec<FxHashMap<u32, u64>>,
}

/// Numbers for values, in the order they are first seen.
#[derive(Debug)]
struct Numbering<T> {
    numbers: FxHashMap<T, u32>,
    values: Vec<T>,
}

impl<T> Default for Numbering<T> {
    fn default() -> Self {
        Numbering { numbers: FxHashMap::default(), values: Vec::new() }
    }
}

impl<T: Clone + Eq + Hash> Numbering<T> {
    /// The number of `value`, given it if it has none.
    fn number(&mut self, value: &T) -> u32 {
        if let Some(&number) = self.numbers.get(value) {
            return number;
        }
        let number = u32::try_from(self.values.len()).expect("fewer than 2^32 values");
        self.numbers.insert(value.clone(), number);
        self.values.push(value.clone());
        number
    }
}

impl DependencyIndex {
    /// Records what each output read, replacing what it read before. Each distinct fact's
    /// value is computed once.
    pub fn record(&mut self, reads: Vec<(String, Vec<Dep>)>, site: &Site) {
        let mut values: FxHashMap<u32, u64> = FxHashMap::default();
        for (output, deps) in reads {
            self.forget(&output);
            let output = self.outputs.number(&output) as usize;
            let mut facts: Vec<u32> = deps.iter().map(|dep| self.facts.number(dep)).collect();
            facts.sort_unstable();
            facts.dedup();
            for &fact in &facts {
                let value = *values
                    .entry(fact)
                    .or_insert_with(|| site.fingerprint(&self.facts.values[fact as usize]));
                if self.readers.len() <= fact as usize {
                    self.readers.resize_with(fact as usize + 1, FxHashMap::default);
                }
                self.readers[fact as usize].insert(output as u32, value);
            }
            if self.read.len() <= output {
                self.read.resize_with(output + 1, Vec::new);
            }
            self.read[output] = facts;
        }
    }

    /// Forgets an output that is no longer made.
    pub fn forget(&mut self, output: &str) {
        let Some(&number) = self.outputs.numbers.get(output) else { return };
        for fact in std::mem::take(&mut self.read[number as usize]) {
            self.readers[fact as usize].remove(&number);
        }
    }

    /// The outputs that read a fact whose value in `site` differs from the one they read.
    pub fn stale(&self, site: &Site) -> BTreeSet<String> {
        // Tens of thousands of facts on a large site: on every core.
        let outputs: Vec<u32> = self
            .readers
            .par_iter()
            .enumerate()
            .filter(|(_, readers)| !readers.is_empty())
            .flat_map_iter(|(fact, readers)| {
                let now = site.fingerprint(&self.facts.values[fact]);
                readers.iter().filter(move |(_, then)| **then != now).map(|(output, _)| *output)
            })
            .collect();
        outputs.into_iter().map(|output| self.outputs.values[output as usize].clone()).collect()
    }
}
