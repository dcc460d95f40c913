//! `ayuda search` over sites built by `ayuda build`: the engine the pages run, from the
//! command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

fn ayuda(args: &[&str], paths: &[&Path]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ayuda"));
    command.args(args);
    for path in paths {
        command.arg(path);
    }
    command.output().unwrap()
}

fn build(root: &Path, out: &Path) {
    let built = ayuda(&["build", "--quiet", "--root"], &[root, Path::new("--out"), out]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
}

/// `ayuda search --site OUT --json ARGS...`: the results' URLs, and the whole output.
fn search(out: &Path, args: &[&str]) -> (Vec<String>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ayuda"));
    command.args(["search", "--json", "--site"]).arg(out).args(args);
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json = String::from_utf8(output.stdout).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let urls =
        value["results"].as_array().unwrap().iter().map(|r| r["url"].as_str().unwrap().to_owned()).collect();
    (urls, json)
}

#[test]
fn finds_articles_sections_and_questions_in_each_language() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("basic");
    build(&repo().join("tests/sites/basic"), &out);
    let (urls, json) = search(&out, &["exportar"]);
    assert_eq!(urls[0], "/guia/exportar/", "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &value["results"][0];
    assert_eq!(first["title"], "Exportar");
    assert_eq!(first["breadcrumb"], serde_json::json!(["Guía"]));
    assert!(first["snippet"].as_str().unwrap().contains("<mark>"), "{json}");
    assert!(first["score"].as_f64().unwrap() > 0.0);
    // Each question of a FAQ page is a result of its own, linked to its anchor.
    let (urls, _) = search(&out, &["soporte"]);
    assert_eq!(urls, ["/guia/preguntas/#hay-soporte"]);
    // The default language is Spanish: English pages are in the English index.
    assert!(search(&out, &["settings"]).0.is_empty());
    let (urls, _) = search(&out, &["--lang", "en", "setings"]);
    assert_eq!(urls, ["/en/guia/primeros-pasos/"], "a typo, in English");
    // Headings with the words are sub-results.
    let value: serde_json::Value = serde_json::from_str(&search(&out, &["pulse "]).1).unwrap();
    assert_eq!(value["results"][0]["sub_results"][0]["url"], "/guia/exportar/#paso-2");
    let text = ayuda(&["search", "--site"], &[&out, Path::new("exportar")]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("1. Exportar  /guia/exportar/\n   Guía\n"), "{text}");
}

/// A copy of the basic site, changed by `edit`: the scratch folder (removed when dropped) and
/// the copy's root in it.
fn variant(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path().join("site");
    let copy =
        Command::new("cp").arg("-r").arg(repo().join("tests/sites/basic")).arg(&root).status().unwrap();
    assert!(copy.success());
    edit(&root);
    (scratch, root)
}

#[test]
fn tags_find_their_page_and_are_never_shown() {
    let (_scratch, root) = variant(|root| {
        let edit = |page: &str, from: &str, to: &str| {
            let path = root.join(page);
            let text = std::fs::read_to_string(&path).unwrap().replacen(from, to, 1);
            std::fs::write(path, text).unwrap();
        };
        edit("content/guia/exportar.md", "tags: [cuenta]", "tags: [cuenta, pqrs]");
        edit("content/guia/preguntas.md", "faq: true\n", "faq: true\ntags: [garantia]\n");
    });
    let out = root.join("public");
    build(&root, &out);
    // No page says `pqrs`: the tag alone finds the page, and no snippet or title shows it.
    let (urls, json) = search(&out, &["pqrs "]);
    assert_eq!(urls, ["/guia/exportar/"], "{json}");
    assert!(!json.contains("pqrs"), "{json}");
    // A FAQ page's tags find the page, not each of its questions.
    let (urls, json) = search(&out, &["garantia "]);
    assert_eq!(urls, ["/guia/preguntas/"], "{json}");
}

/// The reader's first word for the service-level agreement is in its tags, not its text; what
/// its shortcodes' tables say (the contacts, the hours, the holidays) is in no Markdown.
#[test]
fn the_demo_finds_its_agreement_by_its_acronym_and_by_its_tables() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("demo-sla");
    build(&repo(), &out);
    for (language, query) in
        [("es", "sla"), ("en", "sla"), ("es", "gerente de cuentas"), ("es", "07:30"), ("en", "christmas")]
    {
        let (urls, json) = search(&out, &["--lang", language, "--limit", "3", query]);
        assert!(
            urls.first()
                .is_some_and(|url| url.ends_with("/servicio-al-cliente/acuerdo-de-niveles-de-servicio/")),
            "{language} `{query}`: {json}"
        );
    }
}

#[test]
fn search_false_leaves_a_page_or_the_whole_site_out() {
    let (_scratch, root) = variant(|root| {
        let page = root.join("content/guia/exportar.md");
        let text =
            std::fs::read_to_string(&page).unwrap().replacen("weight: 2\n", "weight: 2\nsearch: false\n", 1);
        std::fs::write(page, text).unwrap();
    });
    let out = root.join("public");
    build(&root, &out);
    assert!(out.join("guia/exportar/index.html").exists(), "the page is still built");
    assert!(search(&out, &["exportar "]).0.iter().all(|url| url != "/guia/exportar/"));

    let (_scratch, root) = variant(|root| {
        let config = root.join("ayuda.yaml");
        let text = std::fs::read_to_string(&config).unwrap() + "search: false\n";
        std::fs::write(config, text).unwrap();
    });
    let out = root.join("public");
    build(&root, &out);
    assert!(!out.join("search-index").exists(), "no index at all");
    let output = ayuda(&["search", "--site"], &[&out, Path::new("exportar")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&format!("{} has no search index", out.display())), "{stderr}");
    assert!(stderr.contains("search: false"), "{stderr}");
}

#[test]
fn a_language_or_a_limit_the_site_cannot_answer_is_an_error() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("asked");
    build(&repo().join("tests/sites/basic"), &out);
    let output = ayuda(&["search", "--lang", "fr", "--site"], &[&out, Path::new("exportar")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no search index in the language \"fr\"; it has es, en"), "{stderr}");
    let output = ayuda(&["search", "--limit", "0", "--site"], &[&out, Path::new("exportar")]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("give 1 or more"), "{stderr}");
}

#[test]
fn a_damaged_index_is_an_error_naming_the_file() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("damaged");
    build(&repo().join("tests/sites/basic"), &out);
    let entry = std::fs::read_to_string(out.join("search-index/es/entry.txt")).unwrap();
    let manifest = out.join("search-index/es").join(entry.trim());
    std::fs::write(&manifest, b"AYSM1\xff").unwrap();
    let output = ayuda(&["search", "--site"], &[&out, Path::new("exportar")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&format!("the search index file {} is damaged", entry.trim())), "{stderr}");
}

#[test]
fn a_reader_that_stops_reading_is_not_an_error() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("pipe");
    build(&repo().join("tests/sites/basic"), &out);
    let mut child = Command::new(env!("CARGO_BIN_EXE_ayuda"))
        .args(["search", "--limit", "50", "--site"])
        .arg(&out)
        .arg("gu")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // `| head -0`: the pipe is closed before anything is read
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success() && stderr.is_empty(), "{:?}: {stderr}", output.status);
}

#[test]
fn a_query_of_common_words_alone_says_so() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("common");
    build(&repo().join("tests/sites/basic"), &out);
    for (language, query) in [("es", "de la"), ("es", "De la "), ("en", "the of ")] {
        let output = ayuda(&["search", "--lang", language, "--site"], &[&out, Path::new(query)]);
        assert!(output.status.success(), "no results is no error");
        let words = if language == "es" { "de, la" } else { "the, of" };
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            format!(
                "No results: every word of the query is too common to be searched ({words}); add a word that says what you look for.\n"
            )
        );
    }
    // The JSON is the page's engine's, which knows nothing of this.
    let (urls, json) = search(&out, &["de", "la", "de "]);
    assert_eq!(json, "{\"results\":[],\"total\":0,\"partial\":true,\"more\":false}\n");
    assert!(urls.is_empty());
    // A word that is not common is searched, found or not.
    let text = ayuda(&["search", "--site"], &[&out, Path::new("de nada ")]);
    assert_eq!(String::from_utf8(text.stdout).unwrap(), "No results.\n");
}
