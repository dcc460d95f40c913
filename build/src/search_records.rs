//! What a rendered page gives the search index: the page as a record (an article or a
//! section), and on a FAQ page each question as a record of its own.

use markdown::Rendered;
use model::content::Kind as DocKind;
use model::deps::{Dep, Reads};
use model::{DocId, Site};
use search::{Block, Kind, Record};

/// The folder of the search indexes in the output, one folder per language inside.
pub const SEARCH_FOLDER: &str = "search-index";

/// The file in [`SEARCH_FOLDER`] that lists the indexes' languages, the default one first.
pub const SEARCH_LANGUAGES: &str = "languages.txt";

/// The folder of a language's index in the output.
pub fn index_folder(language: &str) -> String {
    format!("{SEARCH_FOLDER}/{language}")
}

/// Whether page `id` goes in the search index: not when search is off, for the home page, or
/// for a page whose front matter says `search: false`.
pub fn indexed(site: &Site, id: DocId) -> bool {
    let doc = &site.documents[id];
    site.config.search && doc.front.search && doc.kind != DocKind::Home
}

/// The search records of page `id`, taking the prose out of `rendered`: none for a page that
/// is not [`indexed`]. Records what it read into `reads`.
pub fn records(site: &Site, id: DocId, rendered: &mut Rendered, reads: &mut Reads) -> Vec<Record> {
    if !indexed(site, id) {
        return Vec::new();
    }
    let doc = &site.documents[id];
    let breadcrumb: Vec<String> = site
        .ancestors(id)
        .into_iter()
        .filter(|&a| site.documents[a].kind != DocKind::Home)
        .map(|a| {
            let ancestor = &site.documents[a];
            reads.read(|| Dep::Summary(ancestor.path.clone()));
            ancestor.front.title.clone()
        })
        .collect();
    let headings = &rendered.headings;
    let blocks = std::mem::take(&mut rendered.text).into_iter().map(|block| {
        let heading = block.heading.map(|h| &headings[h]);
        let level = heading.map_or(0, |h| h.level);
        let block = Block {
            anchor: heading.map(|h| h.id.clone()).unwrap_or_default(),
            heading: heading.map(|h| h.text.clone()).unwrap_or_default(),
            text: block.text,
        };
        (level, block)
    });
    let mut page = Record {
        url: doc.url.clone(),
        title: doc.front.title.clone(),
        kind: if doc.kind == DocKind::Section { Kind::Section } else { Kind::Article },
        breadcrumb: breadcrumb.clone(),
        description: doc.front.description.clone().unwrap_or_default(),
        tags: doc.front.tags.clone(),
        blocks: Vec::new(),
    };
    if !doc.front.faq {
        page.blocks = blocks.map(|(_, block)| block).collect();
        return vec![page];
    }
    // A FAQ page: each `##` heading is a question, answered by what follows it up to the
    // next one (its own subheadings included).
    let mut questions: Vec<Record> = Vec::new();
    let mut in_question = false;
    for (level, block) in blocks {
        if level == 2 {
            in_question = true;
            let mut breadcrumb = breadcrumb.clone();
            breadcrumb.push(doc.front.title.clone());
            questions.push(Record {
                url: format!("{}#{}", doc.url, block.anchor),
                title: block.heading,
                kind: Kind::Question,
                breadcrumb,
                description: String::new(),
                // The page's tags are about the page, not each of its questions.
                tags: Vec::new(),
                blocks: vec![Block { text: block.text, ..Block::default() }],
            });
        } else if let (true, Some(question)) = (in_question && level > 2, questions.last_mut()) {
            question.blocks.push(block);
        } else {
            in_question = false;
            page.blocks.push(block);
        }
    }
    std::iter::once(page).chain(questions).collect()
}
