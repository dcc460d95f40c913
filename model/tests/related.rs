//! Related articles: the ranking that `Site::related` computes with tag masks and a running
//! top list equals a plain sort of the same candidates, whatever the number of tags (more
//! than 64 share bits) and with tags named twice.

use model::{load, DocId, LoadOptions, MemorySource, Site};
use proptest::prelude::*;
use std::cmp::Reverse;

/// How many related articles a page lists, and how many articles of each of its tags
/// outside its section are candidates (as `Site::related` documents them).
const COUNT: usize = model::site::RELATED_COUNT;
const SCAN: usize = model::site::RELATED_SCAN;

/// A site of two sections whose articles have the given tags (by number), in path order.
fn site(sections: &[Vec<Vec<u8>>]) -> Site {
    let mut source = MemorySource::new();
    source.insert("ayuda.yaml", "title: Ayuda\nbase_url: https://ayuda.example.com\nlanguages: [es]\n");
    source.insert("content/_index.md", "---\ntitle: Inicio\n---\n");
    for (s, articles) in sections.iter().enumerate() {
        source.insert(format!("content/s{s}/_index.md"), format!("---\ntitle: Sección {s}\n---\n"));
        for (a, tags) in articles.iter().enumerate() {
            let tags: Vec<String> = tags.iter().map(|t| format!("t{t}")).collect();
            let front = format!("---\ntitle: Artículo {s} {a}\ntags: [{}]\n---\nTexto.\n", tags.join(", "));
            source.insert(format!("content/s{s}/a{a:03}.md"), front);
        }
    }
    load(&source, &LoadOptions::default()).expect("the site loads").site
}

/// The definition, computed plainly: every candidate ranked, sorted, the first kept.
fn expected(site: &Site, id: DocId) -> Vec<DocId> {
    let doc = &site.documents[id];
    let parent = site.parent(id);
    let shared =
        |other: DocId| site.documents[other].front.tags.iter().filter(|t| doc.front.tags.contains(t)).count();
    let mut candidates: Vec<(DocId, bool)> = parent
        .map(|p| site.articles(p))
        .unwrap_or_default()
        .iter()
        .filter(|&&o| o != id)
        .map(|&o| (o, true))
        .collect();
    let mut elsewhere: Vec<DocId> = Vec::new();
    for tag in &doc.front.tags {
        let others = site.tagged(&doc.language, tag).iter().filter(|&&o| site.parent(o) != parent);
        elsewhere.extend(others.take(SCAN));
    }
    elsewhere.sort_unstable();
    elsewhere.dedup();
    candidates.extend(elsewhere.into_iter().map(|o| (o, false)));
    let mut ranked: Vec<_> =
        candidates.into_iter().map(|(o, same)| (Reverse(shared(o)), Reverse(same), o)).collect();
    ranked.sort();
    ranked.into_iter().take(COUNT).map(|(_, _, o)| o).collect()
}

/// Articles of a section: up to 4 tags each, drawn from `tags` numbers; a tag named twice
/// by an article only if `repeats`.
fn section(tags: u8, repeats: bool) -> impl Strategy<Value = Vec<Vec<u8>>> {
    let article = prop::collection::vec(0..tags, 0..5).prop_map(move |mut names| {
        if !repeats {
            names.sort_unstable();
            names.dedup();
        }
        names
    });
    prop::collection::vec(article, 1..30)
}

fn sites() -> impl Strategy<Value = Vec<Vec<Vec<u8>>>> {
    // Few tags (each has a bit of its mask) and many (more than 64: bits are shared).
    let tags = prop_oneof![Just(8u8), Just(60u8), Just(100u8)];
    (tags, any::<bool>()).prop_flat_map(|(tags, repeats)| prop::collection::vec(section(tags, repeats), 1..4))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn related_articles_are_the_best_ranked_candidates(sections in sites()) {
        let site = site(&sections);
        let articles = (0..site.documents.len()).filter(|&id| site.documents[id].kind == model::content::Kind::Article);
        for id in articles {
            prop_assert_eq!(site.related(id), expected(&site, id), "article {}", site.documents[id].path);
        }
    }
}
