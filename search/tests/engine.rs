//! The engine over small indexes built for each test: what a query finds, in what order,
//! and what it downloads.

use proptest::prelude::*;
use search::{Block, Engine, Indexer, Kind, Reach, Record, Results, Step};
use std::collections::{BTreeMap, BTreeSet};

fn article(url: &str, title: &str, blocks: &[(&str, &str, &str)]) -> Record {
    Record {
        url: url.to_owned(),
        title: title.to_owned(),
        kind: Kind::Article,
        breadcrumb: vec!["Ayuda".to_owned()],
        description: String::new(),
        tags: vec![],
        blocks: blocks
            .iter()
            .map(|&(anchor, heading, text)| Block {
                anchor: anchor.into(),
                heading: heading.into(),
                text: text.into(),
            })
            .collect(),
    }
}

/// An index: its files by name.
fn index(indexer: &Indexer, pages: &[(impl AsRef<str>, Vec<Record>)]) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for (page, records) in pages {
        files.extend(indexer.insert(page.as_ref(), records).write);
    }
    files.extend(indexer.files());
    files
}

/// A stored file's bytes, inflated.
fn inflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("a gzip file");
    out
}

/// Runs a query to the end, returning its results and the files it read.
fn run(files: &BTreeMap<String, Vec<u8>>, query: &str, limit: usize) -> (Results, Vec<String>) {
    run_reaching(files, query, limit, Reach::Full)
}

/// [`run`], reading as far as `reach`.
fn run_reaching(
    files: &BTreeMap<String, Vec<u8>>,
    query: &str,
    limit: usize,
    reach: Reach,
) -> (Results, Vec<String>) {
    let mut engine = Engine::new(std::str::from_utf8(&files["entry.txt"]).unwrap()).unwrap();
    let mut read = Vec::new();
    loop {
        match engine.search_reaching(query, limit, reach) {
            Step::Need(names) => {
                for name in names {
                    engine
                        .add(&name, &inflate(files.get(&name).unwrap_or_else(|| panic!("no {name}"))))
                        .unwrap();
                    read.push(name);
                }
            }
            Step::Done(results) => return (results, read),
        }
    }
}

fn urls(files: &BTreeMap<String, Vec<u8>>, query: &str) -> Vec<String> {
    urls_limited(files, query, 10)
}

fn urls_limited(files: &BTreeMap<String, Vec<u8>>, query: &str, limit: usize) -> Vec<String> {
    run(files, query, limit).0.results.into_iter().map(|hit| hit.url).collect()
}

fn help_center() -> BTreeMap<String, Vec<u8>> {
    let indexer = Indexer::new("es");
    index(
        &indexer,
        &[
            (
                "facturacion.md",
                vec![article(
                    "/facturacion/",
                    "Facturación electrónica",
                    &[
                        ("", "", "Emita facturas desde el módulo de ventas."),
                        (
                            "anular",
                            "Anular una factura",
                            "Una factura emitida se anula con una nota crédito.",
                        ),
                    ],
                )],
            ),
            (
                "facturacion-sin-tilde.md",
                vec![article("/sin-tilde/", "Facturacion", &[("", "", "Texto escrito sin tildes.")])],
            ),
            (
                "certificados.md",
                vec![article(
                    "/certificados/",
                    "Certificados ISO 9001",
                    &[("", "", "El sistema cumple ISO 9001 y responde HTTP 429 al exceder el límite.")],
                )],
            ),
            (
                "contrasena.md",
                vec![article(
                    "/contrasena/",
                    "Cambiar la contraseña",
                    &[("", "", "Para cambiar su contraseña abra el perfil de usuario.")],
                )],
            ),
            (
                "preguntas.md",
                vec![Record {
                    url: "/preguntas/#como-pago".into(),
                    title: "¿Cómo pago mi suscripción?".into(),
                    kind: Kind::Question,
                    breadcrumb: vec!["Preguntas".into()],
                    description: String::new(),
                    tags: vec![],
                    blocks: vec![Block {
                        text: "Con tarjeta de crédito o transferencia.".into(),
                        ..Block::default()
                    }],
                }],
            ),
        ],
    )
}

#[test]
fn accents_typed_rank_the_page_written_with_them_first() {
    let files = help_center();
    assert_eq!(urls(&files, "facturación"), ["/facturacion/", "/sin-tilde/"]);
    assert_eq!(urls(&files, "facturacion"), ["/sin-tilde/", "/facturacion/"]);
}

#[test]
fn other_forms_of_a_word_match() {
    let files = help_center();
    assert!(urls(&files, "facturas").contains(&"/facturacion/".to_owned()));
    assert_eq!(urls(&files, "anulada nota")[0], "/facturacion/");
    assert_eq!(urls(&files, "PAGAR suscripciones"), ["/preguntas/#como-pago"]);
}

#[test]
fn typos_one_for_short_words_two_for_long_ones() {
    let files = help_center();
    assert_eq!(urls(&files, "contraseña perfli ")[0], "/contrasena/", "one swap in five letters");
    assert_eq!(urls(&files, "electornica ")[0], "/facturacion/", "a swap in eleven letters");
    assert_eq!(urls(&files, "elektornica ")[0], "/facturacion/", "two edits in eleven letters");
    assert!(urls(&files, "elektornca ").is_empty(), "three edits are too many");
    assert!(urls(&files, "ixo ").is_empty(), "three letters allow no typo");
}

#[test]
fn a_known_word_typed_whole_is_not_read_with_two_typos() {
    let indexer = Indexer::new("es");
    let files = index(
        &indexer,
        &[
            ("a.md", vec![article("/facturas/", "Facturas", &[("", "", "Descargue sus facturas.")])]),
            (
                "b.md",
                vec![article(
                    "/alturas/",
                    "Trabajo seguro",
                    &[("", "", "Permisos para trabajo en alturas.")],
                )],
            ),
            (
                "c.md",
                vec![article("/factores/", "Riesgos", &[("", "", "Los factores de riesgo del puesto.")])],
            ),
            (
                "d.md",
                vec![article("/modifico/", "¿Cómo modifico un documento?", &[("", "", "Pida una versión.")])],
            ),
            ("e.md", vec![article("/modificar/", "Modificar permisos", &[("", "", "Cambie el rol.")])]),
        ],
    );
    // `alturas` and `factores` are two edits from `facturas`, a word of the vocabulary.
    assert_eq!(urls(&files, "facturas "), ["/facturas/"]);
    // Two edits away and beginning with its stem, `modifico` is a form of `modificar` that
    // Snowball stems apart (`modific`, `modif`).
    assert_eq!(urls(&files, "modificar "), ["/modificar/", "/modifico/"]);
    // A word the vocabulary lacks still finds words two edits away.
    assert_eq!(urls(&files, "fakturras "), ["/facturas/"]);
}

#[test]
fn a_known_word_typed_whole_is_not_read_as_a_word_one_typo_away() {
    let indexer = Indexer::new("es");
    let files = index(
        &indexer,
        &[
            ("a.md", vec![article("/alta/", "Prioridad", &[("", "", "Un ticket de prioridad alta.")])]),
            ("b.md", vec![article("/acta/", "Reuniones", &[("", "", "Firme el acta.")])]),
            ("c.md", vec![article("/dia/", "Mensaje", &[("", "", "El mensaje del día.")])]),
            ("d.md", vec![article("/dias/", "Plazos", &[("", "", "Cinco días hábiles.")])]),
        ],
    );
    // `acta` is one letter from `alta`, a word of the vocabulary: another word.
    assert_eq!(urls(&files, "alta "), ["/alta/"]);
    // `dia` is a form of `dias` that Snowball stems apart (`dia`, `dias`), and it is kept.
    assert_eq!(urls(&files, "dias "), ["/dias/", "/dia/"]);
    // A word the vocabulary lacks still finds the words one typo away.
    assert_eq!(urls(&files, "aota "), ["/acta/", "/alta/"]);
}

#[test]
fn a_stop_word_finds_no_word_that_nearly_spells_it() {
    let indexer = Indexer::new("es");
    let files = index(
        &indexer,
        &[
            ("a.md", vec![article("/correo/", "Correo", &[("", "", "Escriba a soporte@example.com hoy.")])]),
            ("b.md", vec![article("/par/", "Pares", &[("", "", "Un par de minutos.")])]),
            ("c.md", vec![article("/funciona/", "Cómo funciona", &[("", "", "El menú.")])]),
        ],
    );
    // `como` and `para` are never indexed: `com` and `par` share their stems, and are other
    // words. (Still being typed, `cómo` may be the start of `cómodo`.)
    for query in ["cómo ", "para ", "como para "] {
        assert!(urls(&files, query).is_empty(), "{query}");
    }
    assert_eq!(urls(&files, "cómo funciona "), ["/funciona/"]);
}

#[test]
fn a_word_being_typed_is_read_with_a_typo_only_when_it_begins_no_word() {
    let indexer = Indexer::new("es");
    let files = index(
        &indexer,
        &[
            ("a.md", vec![article("/pqrs/", "Peticiones", &[("", "", "Radique una PQRS.")])]),
            ("b.md", vec![article("/personas/", "Equipo", &[("", "", "Las personas del área.")])]),
        ],
    );
    // `pqrs` begins a word of the vocabulary: `pers`, one letter away, begins other words.
    assert_eq!(urls(&files, "pqrs"), ["/pqrs/"]);
    // `pesr` begins none: the words its typo begins are what the reader is typing.
    assert_eq!(urls(&files, "pesr"), ["/personas/"]);
}

#[test]
fn the_last_word_is_a_prefix_as_typed() {
    let files = help_center();
    assert_eq!(urls(&files, "contra"), ["/contrasena/"]);
    assert_eq!(urls(&files, "tarjeta cred"), ["/preguntas/#como-pago"]);
    let (finished, _) = run(&files, "tarjeta cred ", 10);
    assert!(finished.partial, "a finished word is not a prefix: no record has both");
}

#[test]
fn a_last_word_that_is_a_stop_word_does_not_narrow_the_results() {
    let files = help_center();
    // `desde` is never indexed: as a word still being typed, it found only the words it begins
    // or nearly spells, and left out the pages of the other words.
    let (results, _) = run(&files, "emita facturas desde", 10);
    assert!(!results.partial);
    assert_eq!(results.results.iter().map(|h| h.url.as_str()).collect::<Vec<_>>(), ["/facturacion/"]);
    // Alone, it is still the start of a word.
    assert_eq!(urls(&files, "contra"), ["/contrasena/"]);
}

#[test]
fn codes_and_numbers_stay_whole() {
    let files = help_center();
    assert_eq!(urls(&files, "iso 9001"), ["/certificados/"]);
    assert_eq!(urls(&files, "HTTP 429 "), ["/certificados/"]);
    assert!(urls(&files, "9002 ").is_empty(), "numbers have no typos");
}

#[test]
fn every_term_must_match_else_the_most_terms() {
    let files = help_center();
    let (results, _) = run(&files, "factura contraseña ", 10);
    assert!(results.partial, "no record has both");
    assert_eq!(results.results.len(), 3);
    let (results, _) = run(&files, "factura anular ", 10);
    assert!(!results.partial);
    assert_eq!(results.results.iter().map(|h| h.url.as_str()).collect::<Vec<_>>(), ["/facturacion/"]);
}

#[test]
fn a_question_also_finds_the_pages_that_miss_one_of_its_words() {
    let indexer = Indexer::new("es");
    let page =
        |url: &str, title: &str, text: &str| (url.to_owned(), vec![article(url, title, &[("", "", text)])]);
    let files = index(
        &indexer,
        &[
            page("/token/", "Obtener y usar un token de la API", "El token reemplaza la contraseña."),
            page("/faq/", "¿Cómo obtengo un token para usar la API?", "Abra la pestaña Tokens."),
            page("/api/", "La API", "La API responde en JSON."),
        ],
    );
    // `obtengo` is not a form of `obtener` to the stemmer: the question the reader wrote
    // misses one word of the FAQ's, which comes after the page that has them all.
    let (results, _) = run(&files, "cómo obtener un token para usar la API ", 10);
    assert_eq!(results.results.iter().map(|h| h.url.as_str()).collect::<Vec<_>>(), ["/token/", "/faq/"]);
    assert!(!results.partial);
    // Not when as many pages as asked have every word, nor for two words.
    assert_eq!(urls_limited(&files, "obtener un token para usar la API ", 1), ["/token/"]);
    assert_eq!(urls(&files, "obtener token "), ["/token/"]);
}

#[test]
fn quoted_phrases_must_be_found_together() {
    let files = help_center();
    assert_eq!(urls(&files, "\"nota crédito\""), ["/facturacion/"]);
    assert!(urls(&files, "\"crédito nota\"").is_empty());
    // Being typed, the phrase is not one yet: its words are searched as words.
    assert_eq!(urls(&files, "\"crédito no"), ["/facturacion/"]);
}

#[test]
fn snippets_mark_the_words_and_headings_are_sub_results() {
    let files = help_center();
    let (results, _) = run(&files, "anular", 5);
    let hit = &results.results[0];
    assert_eq!(hit.breadcrumb, ["Ayuda"]);
    assert_eq!(hit.snippet, "Una factura emitida se <mark>anula</mark> con una nota crédito.");
    assert_eq!(hit.sub_results.len(), 1);
    assert_eq!(hit.sub_results[0].url, "/facturacion/#anular");
    assert_eq!(hit.sub_results[0].title, "Anular una factura");
    let json = results.to_json();
    assert!(json.starts_with(
        "{\"results\":[{\"url\":\"/facturacion/\",\"title\":\"Facturación electrónica\",\"kind\":\"article\""
    ));
    assert!(json.contains("\"sub_results\":[{\"url\":\"/facturacion/#anular\""));
}

#[test]
fn a_heading_that_holds_the_word_is_a_sub_result() {
    let indexer = Indexer::new("es");
    let page = article(
        "/informes/",
        "Informes",
        &[
            ("", "", "Los informes resumen la actividad del mes."),
            ("exportar", "Exportar un informe", "Use el botón de la barra superior."),
            ("borrar", "Borrar un informe", "Solo el administrador puede hacerlo."),
        ],
    );
    let files = index(&indexer, &[("informes.md", vec![page])]);
    let (results, _) = run(&files, "exportar", 5);
    let hit = &results.results[0];
    assert_eq!(hit.sub_results.iter().map(|s| s.url.as_str()).collect::<Vec<_>>(), ["/informes/#exportar"]);
    assert_eq!(hit.snippet, "Use el botón de la barra superior.", "the text under the heading");
}

#[test]
fn a_long_section_is_read_a_passage_at_a_time() {
    let mut sentences: Vec<String> =
        (0..300).map(|n| format!("La línea {n} describe una opción del sistema.")).collect();
    sentences[280] = "Para restaurar la copia use el asistente.".to_owned();
    let text = sentences.join(" ");
    let files = index(
        &Indexer::new("es"),
        &[("manual.md", vec![article("/manual/", "Manual", &[("opciones", "Opciones", &text)])])],
    );
    let (results, read) = run(&files, "restaurar", 5);
    let hit = &results.results[0];
    assert!(hit.snippet.contains("<mark>restaurar</mark>"), "{}", hit.snippet);
    assert_eq!(hit.sub_results[0].url, "/manual/#opciones", "the piece keeps its heading's anchor");
    let fragments: Vec<&String> = read.iter().filter(|name| name.starts_with("f/")).collect();
    assert_eq!(fragments.len(), 1);
    let bytes = inflate(&files[fragments[0]]).len();
    assert!(bytes < 2 * search::format::PASSAGE_BYTES, "{bytes} bytes of a {}-byte section", text.len());
}

#[test]
fn snippet_text_is_escaped() {
    let indexer = Indexer::new("en");
    let files = index(
        &indexer,
        &[("a.md", vec![article("/a/", "Tags", &[("", "", "Use <b> & \"quotes\" in tags")])])],
    );
    let (results, _) = run(&files, "tags", 5);
    assert_eq!(results.results[0].snippet, "Use &lt;b&gt; &amp; &quot;quotes&quot; in <mark>tags</mark>");
}

/// A long page: ten sections of about 600 bytes, so several passages.
fn long_page() -> BTreeMap<String, Vec<u8>> {
    let filler = "Texto de relleno sobre el uso diario del sistema y sus opciones. ".repeat(9);
    let sections: Vec<(String, String, String)> = (0..10)
        .map(|i| {
            let text = match i {
                7 => format!("{filler} El inventario se cierra cada mes."),
                9 => format!("{filler} Para exportar el informe mensual use el botón."),
                _ => filler.clone(),
            };
            (format!("s{i}"), format!("Sección {i}"), text)
        })
        .collect();
    let blocks: Vec<(&str, &str, &str)> =
        sections.iter().map(|(a, h, t)| (a.as_str(), h.as_str(), t.as_str())).collect();
    index(&Indexer::new("es"), &[("largo.md", vec![article("/largo/", "Guía larga", &blocks)])])
}

#[test]
fn a_result_downloads_the_passage_its_snippet_comes_from() {
    let files = long_page();
    let passages = files.keys().filter(|name| name.starts_with("f/")).count();
    assert!(passages >= 4, "{passages} passages");
    let (results, read) = run(&files, "inventario", 5);
    let hit = &results.results[0];
    assert!(hit.snippet.contains("El <mark>inventario</mark> se cierra"), "{}", hit.snippet);
    assert_eq!((hit.title.as_str(), hit.url.as_str()), ("Guía larga", "/largo/"));
    assert_eq!(hit.sub_results[0].url, "/largo/#s7");
    let fragments: Vec<&String> = read.iter().filter(|name| name.starts_with("f/")).collect();
    assert_eq!(fragments.len(), 1, "one passage: {fragments:?}");
    assert!(!fragments[0].ends_with("-0.bin"), "not the first passage: {fragments:?}");
    // A word only in the title: the first passage.
    let (_, read) = run(&files, "guía", 5);
    assert!(read.iter().any(|name| name.starts_with("f/") && name.ends_with("-0.bin")), "{read:?}");
    // A phrase is checked on every passage of the page.
    let (results, read) = run(&files, "\"informe mensual\"", 5);
    assert_eq!(results.results.len(), 1);
    assert!(results.results[0].snippet.contains("<mark>informe</mark> <mark>mensual</mark>"));
    assert_eq!(read.iter().filter(|name| name.starts_with("f/")).count(), passages);
    assert!(urls(&files, "\"mensual informe\"").is_empty());
}

#[test]
fn a_word_in_the_title_takes_the_passage_of_its_other_forms() {
    let filler = "Texto de relleno sobre el uso diario del sistema y sus opciones. ".repeat(20);
    let later = format!("{filler} Los inventarios se cuentan cada mes.");
    let blocks = [("", "", filler.as_str()), ("s1", "Conteo", later.as_str())];
    let files = index(&Indexer::new("es"), &[("a.md", vec![article("/a/", "Inventario", &blocks)])]);
    let (results, read) = run(&files, "inventario", 5);
    assert!(
        results.results[0].snippet.contains("<mark>inventarios</mark>"),
        "{}",
        results.results[0].snippet
    );
    assert!(read.iter().any(|name| name.starts_with("f/") && name.ends_with("-1.bin")), "{read:?}");
    // Met once in the prose and once in a later heading: the snippet comes from the prose.
    let first = format!("{filler} Un inventario.");
    let blocks = [("", "", first.as_str()), ("s1", "Inventario", filler.as_str())];
    let files = index(&Indexer::new("es"), &[("b.md", vec![article("/b/", "Guía", &blocks)])]);
    let (results, _) = run(&files, "inventario", 5);
    assert!(results.results[0].snippet.contains("<mark>inventario</mark>"), "{}", results.results[0].snippet);
}

#[test]
fn the_forms_of_a_word_add_up_in_their_passage() {
    let filler = "Texto de relleno sobre el uso diario del sistema y sus opciones. ".repeat(20);
    let first = format!("{filler} La factura y la factura.");
    // As many `factura` as the first passage, and one `Factura` more.
    let second = format!("{filler} Factura nueva: la factura y otra factura.");
    let blocks = [("", "", first.as_str()), ("s1", "Otra sección", second.as_str())];
    let files = index(&Indexer::new("es"), &[("a.md", vec![article("/a/", "Guía", &blocks)])]);
    let (results, read) = run(&files, "factura", 5);
    assert!(read.iter().any(|name| name.starts_with("f/") && name.ends_with("-1.bin")), "{read:?}");
    assert!(
        results.results[0].snippet.contains("<mark>Factura</mark> nueva"),
        "{}",
        results.results[0].snippet
    );
}

/// A site where one word is everywhere, and weighs most in a few records.
fn crowded(indexer: Indexer) -> BTreeMap<String, Vec<u8>> {
    let pages: Vec<(String, Vec<Record>)> = (0..40)
        .map(|i| {
            let text = if i % 10 == 0 {
                "invoice invoice invoice refund"
            } else {
                "invoice and other words in a longer text"
            };
            (
                format!("p{i:02}.md"),
                vec![article(&format!("/p{i:02}/"), &format!("Page {i}"), &[("", "", text)])],
            )
        })
        .collect();
    index(&indexer, &pages)
}

#[test]
fn tails_are_read_only_when_the_first_tier_is_not_enough() {
    let files = crowded(Indexer::with_tier("en", 4).with_exact_tails());
    let (results, read) = run(&files, "invoice", 4);
    assert_eq!(results.results.len(), 4);
    assert!(results.results.iter().all(|hit| hit.url.ends_with("0/")), "the four where it weighs most");
    assert!(!read.iter().any(|f| f.starts_with("r-")), "no tail for four results: {read:?}");
    let (results, read) = run(&files, "invoice", 10);
    assert_eq!(results.total, 40);
    assert!(read.iter().any(|f| f.starts_with("r-")));
    assert!(
        results.results.iter().all(|hit| hit.snippet.contains("<mark>invoice</mark>")),
        "found in a tail too"
    );
    let everything = crowded(Indexer::with_tier("en", 1000));
    let scored = |files| {
        run(files, "invoice", 40).0.results.iter().map(|h| (h.url.clone(), h.score)).collect::<Vec<_>>()
    };
    assert_eq!(scored(&files), scored(&everything), "tiers change what is read, not the answer");
    // Rounded, the tail's records are the same and their scores barely move.
    let rounded_files = crowded(Indexer::with_tier("en", 4));
    let rounded = scored(&rounded_files);
    let exact = scored(&files);
    assert_ne!(rounded, exact, "the tail's impacts are rounded");
    let urls = |scored: &[(String, f64)]| scored.iter().map(|(url, _)| url.clone()).collect::<BTreeSet<_>>();
    assert_eq!(urls(&rounded), urls(&exact));
    for (url, score) in &rounded {
        let exact = exact.iter().find(|(u, _)| u == url).unwrap().1;
        assert!((score - exact).abs() <= 0.03 + 1e-9, "{url}: {score} against {exact}");
    }
}

/// Pages titled with two words that are in every page's prose: the first tiers (the four
/// titled pages and two others) rank the titled pages for sure, but not the pages that have the
/// words in their prose alone.
fn titled_among_many() -> BTreeMap<String, Vec<u8>> {
    let pages: Vec<(String, Vec<Record>)> = (0..40)
        .map(|i| {
            let titled = i % 13 == 0;
            let title = if titled { "Invoice refund".to_owned() } else { format!("Page {i}") };
            let text = if titled {
                "invoice refund invoice refund invoice refund".to_owned()
            } else {
                ["invoice", "refund", "and other words"].repeat(1 + i % 3).join(" ")
            };
            (format!("p{i:02}.md"), vec![article(&format!("/p{i:02}/"), &title, &[("", "", &text)])])
        })
        .collect();
    index(&Indexer::with_tier("en", 6), &pages)
}

#[test]
fn as_the_reader_types_the_results_ranked_for_sure_come_without_tails() {
    let files = titled_among_many();
    let (full, full_read) = run(&files, "invoice refund", 8);
    assert_eq!(full.results.len(), 8);
    assert!(full_read.iter().any(|f| f.starts_with("r-")), "eight results need the tails: {full_read:?}");
    assert!(!full.more);
    let (typed, read) = run_reaching(&files, "invoice refund", 8, Reach::FirstTiers);
    assert!(!read.iter().any(|f| f.starts_with("r-")), "no tail as the reader types: {read:?}");
    let urls = |results: &Results| results.results.iter().map(|h| h.url.clone()).collect::<Vec<_>>();
    assert_eq!(urls(&typed), ["/p00/", "/p13/", "/p26/", "/p39/"], "the titled pages, ranked for sure");
    assert_eq!(typed.results, full.results[..4], "the first results of the full answer");
    assert!(typed.more);
    assert_eq!(typed.total, 6, "the records with both words in both first tiers, all that were read");
    assert!(typed.to_json().ends_with("\"more\":true}"), "{}", typed.to_json());
    // When the first tiers rank every result asked for, both answers are the same, and say
    // that they counted only the records of the first tiers.
    let (four, read) = run(&files, "invoice refund", 4);
    assert!(!read.iter().any(|f| f.starts_with("r-")));
    assert!(four.more && four.total < 40, "{} of 40 counted", four.total);
    assert_eq!(run_reaching(&files, "invoice refund", 4, Reach::FirstTiers).0, four);
}

/// Sixty words that begin with `p`, each in a quarter of 200 pages, and `pzzzo`, the most
/// frequent, in every page: their postings fill several term shards.
fn words_of_one_letter() -> BTreeMap<String, Vec<u8>> {
    let vocabulary: Vec<String> =
        ('a'..='f').flat_map(|a| ('a'..='j').map(move |b| format!("p{a}{b}ro"))).collect();
    let pages: Vec<(String, Vec<Record>)> = (0..200)
        .map(|i| {
            let mut text: Vec<&str> = vocabulary
                .iter()
                .enumerate()
                .filter(|(w, _)| (i + w) % 4 == 0)
                .map(|(_, w)| w.as_str())
                .collect();
            text.push("pzzzo");
            (
                format!("p{i:03}.md"),
                vec![article(&format!("/p{i:03}/"), "Page", &[("", "", &text.join(" "))])],
            )
        })
        .collect();
    index(&Indexer::new("es"), &pages)
}

#[test]
fn a_word_being_typed_guesses_from_few_term_shards() {
    let files = words_of_one_letter();
    let term_shards = |names: &[String]| names.iter().filter(|name| name.starts_with("t-")).count();
    let all: Vec<String> = files.keys().cloned().collect();
    assert!(term_shards(&all) >= 6, "the words fill {} term shards", term_shards(&all));
    let (results, read) = run(&files, "p", 8);
    assert!(term_shards(&read) <= 2, "a first letter reads two term shards: {read:?}");
    // The most frequent word it begins is among its guesses.
    assert!(results.results[0].snippet.contains("<mark>pzzzo</mark>"), "{}", results.results[0].snippet);
}

#[test]
fn damaged_files_are_errors() {
    let files = help_center();
    let mut engine = Engine::new(std::str::from_utf8(&files["entry.txt"]).unwrap()).unwrap();
    let Step::Need(manifest) = engine.search("factura", 5) else { panic!("needs the manifest") };
    let bytes = &inflate(&files[&manifest[0]]);
    assert!(engine.add(&manifest[0], &bytes[..bytes.len() / 2]).is_err());
    assert!(engine.add("t-000000000000.bin", b"").is_err(), "nothing before the manifest");
    engine.add(&manifest[0], bytes).unwrap();
    assert!(engine.add("x.bin", b"").is_err());
    assert!(Engine::new("../m.bin").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Pages added, replaced and removed in any order give the files of the pages that are
    /// left, added at once.
    #[test]
    fn edits_give_the_files_of_a_fresh_index(edits in prop::collection::vec((0usize..6, prop::option::of(0usize..4)), 1..20)) {
        let texts = ["factura anulada", "contraseña nueva factura", "factura y contraseña", "módulo de ventas"];
        let page = |i: usize, t: usize| article(&format!("/p{i}/"), &format!("P{i}"), &[("", "", texts[t])]);
        let edited = Indexer::new("es");
        let mut left: BTreeMap<usize, usize> = BTreeMap::new();
        // The fragment files as the edits leave them: written, then removed when unused.
        let mut fragments: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for &(i, text) in &edits {
            let gone = match text {
                Some(t) => {
                    left.insert(i, t);
                    let changes = edited.insert(&format!("p{i}.md"), &[page(i, t)]);
                    fragments.extend(changes.write);
                    changes.remove
                }
                None => {
                    left.remove(&i);
                    edited.remove(&format!("p{i}.md"))
                }
            };
            gone.iter().for_each(|file| drop(fragments.remove(file)));
            // Assembling between edits keeps postings that the next files may reuse.
            edited.files();
        }
        let fresh = Indexer::new("es");
        let mut fresh_fragments = BTreeMap::new();
        for (&i, &t) in left.iter().rev() {
            fresh_fragments.extend(fresh.insert(&format!("p{i}.md"), &[page(i, t)]).write);
        }
        prop_assert_eq!(edited.files(), fresh.files());
        prop_assert_eq!(fragments, fresh_fragments);
    }
}

/// Words no edit or two turns into one another, and no stem or prefix joins.
const FAR_WORDS: [&str; 8] = ["alpha", "bravo", "charlie", "delta", "kilo", "foxtrot", "golf", "hotel"];
/// Forms of two words: a query word finds its forms too, each with a weight of its own.
const FORMS: [&str; 8] =
    ["invoice", "invoices", "invoiced", "invoicing", "refund", "refunds", "refunded", "kilo"];

/// Pages of words of `vocabulary` (given by index), titled "Page", or each by a word of
/// `titles` in turn.
fn pages_of_words(
    vocabulary: &[&str],
    pages: &[Vec<usize>],
    titles: Option<&[usize]>,
) -> Vec<(String, Vec<Record>)> {
    pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let title = titles.map_or("Page", |titles| vocabulary[titles[i % titles.len()]]);
            let text = words(vocabulary, page);
            (format!("p{i}.md"), vec![article(&format!("/p{i}/"), title, &[("", "", text.trim_end())])])
        })
        .collect()
}

/// Words of `vocabulary` given by index, each followed by a space (as a query of whole words).
fn words(vocabulary: &[&str], indexes: &[usize]) -> String {
    indexes.iter().map(|&w| format!("{} ", vocabulary[w])).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// An index with small first tiers answers whole-word queries exactly as one with all
    /// postings in its first tier: tiers change what is read, never the answer.
    #[test]
    fn tiers_never_change_the_answer(
        pages in prop::collection::vec(prop::collection::vec(0usize..8, 1..30), 10..60),
        query in prop::collection::vec(0usize..8, 1..4),
        limit in 1usize..4,
        tier in 2u32..12,
        forms: bool,
    ) {
        let vocabulary = if forms { FORMS } else { FAR_WORDS };
        let pages = pages_of_words(&vocabulary, &pages, None);
        let query = words(&vocabulary, &query);
        let answer = |tier| {
            let indexer = Indexer::with_tier("en", tier).with_exact_tails();
            let results = run(&index(&indexer, &pages), &query, limit).0;
            (results.results.iter().map(|h| (h.url.clone(), h.score)).collect::<Vec<_>>(), results.partial)
        };
        prop_assert_eq!(answer(tier), answer(1000));
    }

    /// As the reader types, an answer is the start of the full one, and stops short of it
    /// only to spare the tails, saying so. Queries of whole words, with a last word being
    /// typed, or "quoted".
    #[test]
    fn as_the_reader_types_the_answer_is_the_start_of_the_full_one(
        pages in prop::collection::vec(prop::collection::vec(0usize..8, 1..30), 10..60),
        titled in prop::collection::vec(0usize..8, 10..60),
        query in prop::collection::vec(0usize..8, 1..4),
        shape in 0usize..3,
        limit in 1usize..10,
        tier in 2u32..12,
        forms: bool,
    ) {
        let vocabulary = if forms { FORMS } else { FAR_WORDS };
        let pages = pages_of_words(&vocabulary, &pages, Some(&titled));
        let whole = words(&vocabulary, &query);
        let query = match shape {
            0 => whole,
            1 => whole.trim_end().to_owned(),
            _ => format!("\"{}\"", whole.trim_end()),
        };
        let files = index(&Indexer::with_tier("en", tier), &pages);
        let (full, _) = run(&files, &query, limit);
        let (typed, read) = run_reaching(&files, &query, limit, Reach::FirstTiers);
        prop_assert!(typed.results.len() <= full.results.len() && typed.total <= full.total);
        prop_assert_eq!(&typed.results[..], &full.results[..typed.results.len()]);
        prop_assert_eq!(typed.partial, full.partial);
        if typed.results.len() < full.results.len() {
            prop_assert!(typed.more && !typed.results.is_empty());
            prop_assert!(!read.iter().any(|f| f.starts_with("r-")), "{:?}", read);
        }
        if !typed.more || full.more {
            prop_assert_eq!(typed, full);
        }
    }
}
