//! What each output depends on. A renderer records, as it reads the model, the facts a page
//! used ([`Dep`]); [`Site::fingerprint`] gives each fact's current value as a hash. After an
//! edit, the outputs to render again are exactly those with a fact whose hash changed.

use crate::content::Kind;
use crate::site::{DocId, Site};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

/// A fact of the model that an output may read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dep {
    /// A document's own file, front matter and body (by its path under `content/`).
    Document(String),
    /// What a link to a document shows: its title, URL, description and kind.
    Summary(String),
    /// A section's articles and subsections in menu order, with their summaries, tags and
    /// weights (by the section's path).
    Listing(String),
    /// The articles of a language with a tag, their summaries, tags and sections.
    Tagged(String, String),
    /// The languages and URLs of the versions of a translation key.
    Versions(String),
    /// Whether a path under `content/` is a document or a file, and its URL.
    Path(String),
    /// Which folders have a section page, in which languages: the shape of the tree.
    Sections,
    /// The SLA policy.
    Policy,
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

    /// The facts recorded.
    pub fn into_deps(self) -> Vec<Dep> {
        self.deps
    }
}

/// A hash of everything hashed into it, for fingerprints.
fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
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
        }
    }

    /// What a link to a document shows.
    fn summary(&self, id: DocId) -> impl Hash + '_ {
        let doc = &self.documents[id];
        (&doc.path, &doc.front.title, &doc.url, &doc.front.description, doc.kind == Kind::Article)
    }

    /// A document as a member of a list: its summary, its tags and its weight.
    fn member(&self, id: DocId) -> impl Hash + '_ {
        let doc = &self.documents[id];
        (self.summary(id), &doc.front.tags, doc.front.weight)
    }
}

/// For each output (by its path in the site), the facts it read and their hashes then; and
/// for each fact, the outputs that read it.
#[derive(Debug, Default)]
pub struct DependencyIndex {
    by_output: BTreeMap<String, Vec<(Dep, u64)>>,
    by_dep: HashMap<Dep, BTreeSet<String>>,
}

impl DependencyIndex {
    /// Records what each output read, replacing what it read before. Each distinct fact's
    /// value is computed once.
    pub fn record(&mut self, reads: Vec<(String, Vec<Dep>)>, site: &Site) {
        let mut values: HashMap<Dep, u64> = HashMap::new();
        for (output, mut deps) in reads {
            self.forget(&output);
            deps.sort();
            deps.dedup();
            let hashed = deps
                .into_iter()
                .map(|dep| {
                    let value = *values.entry(dep.clone()).or_insert_with(|| site.fingerprint(&dep));
                    self.by_dep.entry(dep.clone()).or_default().insert(output.clone());
                    (dep, value)
                })
                .collect();
            self.by_output.insert(output, hashed);
        }
    }

    /// Forgets an output that is no longer made.
    pub fn forget(&mut self, output: &str) {
        for (dep, _) in self.by_output.remove(output).unwrap_or_default() {
            if let Some(outputs) = self.by_dep.get_mut(&dep) {
                outputs.remove(output);
                if outputs.is_empty() {
                    self.by_dep.remove(&dep);
                }
            }
        }
    }

    /// The outputs that read a fact whose value in `site` differs from the one they read.
    pub fn stale(&self, site: &Site) -> BTreeSet<String> {
        let mut stale = BTreeSet::new();
        for (dep, outputs) in &self.by_dep {
            let now = site.fingerprint(dep);
            for output in outputs {
                let then = self.by_output[output].iter().find(|(d, _)| d == dep).map(|(_, h)| *h);
                if then != Some(now) {
                    stale.insert(output.clone());
                }
            }
        }
        stale
    }

    /// The outputs recorded.
    pub fn outputs(&self) -> impl Iterator<Item = &str> {
        self.by_output.keys().map(String::as_str)
    }

    /// What an output read.
    pub fn deps_of(&self, output: &str) -> &[(Dep, u64)] {
        self.by_output.get(output).map(Vec::as_slice).unwrap_or_default()
    }
}
