//! The site as a graph: sections with their articles and subsections, in menu order, per
//! language, and the translations of each document.

use crate::content::{Document, Kind};
use std::collections::HashMap;

/// Indexes into the document list.
pub type DocId = usize;

/// The graph over the documents.
pub struct Graph<'a> {
    /// The documents.
    pub docs: &'a [Document],
    /// Section (or home) of a folder, by (language, folder).
    pub section_of_dir: HashMap<(&'a str, &'a str), DocId>,
    /// Articles of each section or home, in menu order.
    pub articles: HashMap<DocId, Vec<DocId>>,
    /// Subsections of each section or home, in menu order.
    pub subsections: HashMap<DocId, Vec<DocId>>,
    /// The section or home a document belongs to (none for a home).
    pub parent: HashMap<DocId, DocId>,
    /// Every language version of a document, by translation key.
    pub translations: HashMap<&'a str, Vec<DocId>>,
}

/// The folder that holds a folder: `a/b` → `a`, `a` → ``.
fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map_or("", |(parent, _)| parent)
}

impl<'a> Graph<'a> {
    /// Links the documents; documents whose section is missing are returned as errors.
    pub fn new(docs: &'a [Document]) -> (Graph<'a>, Vec<DocId>) {
        let mut section_of_dir = HashMap::new();
        for (id, doc) in docs.iter().enumerate() {
            if doc.kind != Kind::Article {
                section_of_dir.insert((doc.language.as_str(), doc.dir.as_str()), id);
            }
        }
        let mut graph = Graph {
            docs,
            section_of_dir,
            articles: HashMap::new(),
            subsections: HashMap::new(),
            parent: HashMap::new(),
            translations: HashMap::new(),
        };
        let mut orphans = Vec::new();
        for (id, doc) in docs.iter().enumerate() {
            graph.translations.entry(doc.translation_key.as_str()).or_default().push(id);
            let parent_key = match doc.kind {
                Kind::Home => continue,
                Kind::Section => parent_dir(&doc.dir),
                Kind::Article => doc.dir.as_str(),
            };
            match graph.section_of_dir.get(&(doc.language.as_str(), parent_key)) {
                Some(&parent) => {
                    graph.parent.insert(id, parent);
                    let list =
                        if doc.kind == Kind::Section { &mut graph.subsections } else { &mut graph.articles };
                    list.entry(parent).or_default().push(id);
                }
                None => orphans.push(id),
            }
        }
        // Menu order: weight, then title as a reader sorts it (accents and case aside).
        let title_keys: Vec<String> =
            docs.iter().map(|d| deunicode::deunicode(&d.front.title).to_lowercase()).collect();
        let order = |a: &DocId, b: &DocId| {
            let (x, y) = (&docs[*a], &docs[*b]);
            (x.front.weight, &title_keys[*a], &x.front.title, &x.path).cmp(&(
                y.front.weight,
                &title_keys[*b],
                &y.front.title,
                &y.path,
            ))
        };
        for list in graph.articles.values_mut().chain(graph.subsections.values_mut()) {
            list.sort_by(order);
        }
        (graph, orphans)
    }

    /// The chain of sections from the home page down to (not including) `id`.
    pub fn ancestors(&self, id: DocId) -> Vec<DocId> {
        let mut chain = Vec::new();
        let mut current = id;
        while let Some(&parent) = self.parent.get(&current) {
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }

    /// Each document's last change: its own `updated` (else `date`), and for a section or
    /// home the newest of that and of everything under it.
    pub fn last_changes(&self) -> Vec<Option<chrono::NaiveDate>> {
        let own: Vec<_> = self.docs.iter().map(|d| d.front.updated.or(d.front.date)).collect();
        let mut newest = own.clone();
        for (id, &date) in own.iter().enumerate() {
            for ancestor in self.ancestors(id) {
                newest[ancestor] = newest[ancestor].max(date);
            }
        }
        newest
    }

    /// The version of document `id` in `language`, if there is one.
    pub fn translation(&self, id: DocId, language: &str) -> Option<DocId> {
        let versions = self.translations.get(self.docs[id].translation_key.as_str())?;
        versions.iter().copied().find(|&v| self.docs[v].language == language)
    }

    /// The home page of a language.
    pub fn home(&self, language: &str) -> Option<DocId> {
        self.section_of_dir.get(&(language, "")).copied()
    }
}
