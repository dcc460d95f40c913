//! Snowball stemmers of our own, for folded words, that need nothing but `core` and `alloc`.

pub(crate) mod english;
pub(crate) mod spanish;

/// Every distinct word of the demo help center (`content/`), as `language`'s analyser folds
/// it: what the stemmers' tests compare with Snowball's.
#[cfg(test)]
fn demo_words(language: &str) -> std::collections::BTreeSet<std::string::String> {
    fn markdown_files(dir: &std::path::Path, files: &mut std::vec::Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                markdown_files(&path, files);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    let mut files = std::vec::Vec::new();
    markdown_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"), &mut files);
    let analyzer = crate::Analyzer::for_language(language);
    let mut words = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        words.extend(analyzer.analyze_unstemmed(&text).map(|token| token.folded));
    }
    words
}
