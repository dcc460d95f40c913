//! The incremental engine against clean builds: random sequences of edits to a small site in
//! memory; after every edit, the engine updated with the changed paths must hold exactly the
//! files and the diagnostics of a clean build of the same tree.

use build::{Engine, LoadOptions, MemorySink, MemorySource, Settings, Update};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn settings() -> Settings {
    Settings { load: LoadOptions::default(), today: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap() }
}

/// The repository's demo SLA policy: the SLA page's shortcodes read it.
fn policy() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../sla.yaml")).unwrap()
}

/// A page's text: front matter, then the body.
fn page(title: &str, extra_front: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n{extra_front}---\n\n{body}")
}

/// The site every sequence starts from: two languages, three sections (one nested), tags
/// shared across sections, links with anchors, an alias, a FAQ, the SLA page, featured pages
/// (in ayuda.yaml and in front matter), a site template and a static file.
fn start() -> MemorySource {
    let mut site = MemorySource::new();
    site.insert(
        "ayuda.yaml",
        "title: {es: Ayuda, en: Help}\nbase_url: https://ayuda.example.com\nlanguages: [es, en]\nsla_page: servicio/sla.md\nfeatured: {es: [facturas/emitir.md, guia/preguntas.md]}\n",
    );
    site.insert("sla.yaml", policy());
    site.insert("templates/shortcodes/nota.html", "<aside class=\"nota\">{{ args.texto }}</aside>");
    site.insert("static/robots-extra.txt", "uno");
    site.insert("content/_index.md", page("Inicio", "", "Bienvenida. Ver [guía](guia/_index.md).\n"));
    site.insert("content/_index.en.md", page("Home", "", "Welcome.\n"));
    site.insert("content/guia/_index.md", page("Guía", "weight: 1\n", "Todo sobre la guía.\n"));
    site.insert("content/guia/_index.en.md", page("Guide", "weight: 1\n", "All about the guide.\n"));
    site.insert("content/facturas/_index.md", page("Facturas", "weight: 2\n", "Facturación.\n"));
    site.insert("content/facturas/avanzado/_index.md", page("Avanzado", "", "Más.\n"));
    site.insert(
        "content/servicio/_index.md",
        page("Servicio", "weight: 3\n", "{{ sla_priorities() }}\n\n[Acuerdo](sla.md#tiempos)\n"),
    );
    site.insert(
        "content/servicio/sla.md",
        page("Acuerdo", "", "## Tiempos\n\n{{ sla_targets() }}\n\n{{ sla_calculator() }}\n"),
    );
    site.insert(
        "content/guia/primeros-pasos.md",
        page(
            "Primeros pasos",
            "tags: [inicio, cuenta]\naliases: [/viejo/pasos/]\ndate: 2025-01-10\n",
            "## Paso 1\n\nEntre.\n\n## Paso 2\n\nVea [exportar](exportar.md#formatos) y [facturas](../facturas/emitir.md).\n\n{{ nota(texto=\"Ojo\") }}\n",
        ),
    );
    site.insert(
        "content/guia/primeros-pasos.en.md",
        page("First steps", "tags: [start]\n", "## Step 1\n\nSign in. See [export](exportar.md).\n"),
    );
    site.insert(
        "content/guia/exportar.md",
        page(
            "Exportar",
            "tags: [cuenta, datos]\nupdated: 2025-02-01\n",
            "## Formatos\n\nCSV y XLSX.\n\n```json\n{\"a\": 1}\n```\n",
        ),
    );
    site.insert(
        "content/guia/preguntas.md",
        page(
            "Preguntas",
            "faq: true\nfeatured: true\ntags: [inicio]\n",
            "## ¿Puedo exportar?\n\nSí, vea [exportar](exportar.md).\n\n## ¿Hay límites?\n\nNo.\n",
        ),
    );
    site.insert(
        "content/facturas/emitir.md",
        page(
            "Emitir",
            "tags: [datos]\nweight: 2\n",
            "## Emitir una factura\n\nPasos. Ver [paso 1](../guia/primeros-pasos.md#paso-1).\n",
        ),
    );
    site.insert("content/facturas/anular.md", page("Anular", "tags: [datos, cuenta]\n", "Anule.\n"));
    site.insert("content/facturas/avanzado/lotes.md", page("Lotes", "tags: [datos]\n", "Por lotes.\n"));
    site.insert("content/guia/imagen.png", "PNG");
    site
}

/// One edit, with numbers that pick its target among the pages there are when it is applied.
#[derive(Clone, Debug)]
enum Edit {
    Body(u8),
    Heading(u8),
    Title(u8),
    Weight(u8, i8),
    Draft(u8),
    Featured(u8),
    Tags(u8, u8),
    AddArticle(u8, u8),
    Remove(u8),
    Rename(u8),
    MoveFolder(u8),
    AddTranslation(u8),
    BreakLink(u8, bool),
    FrontMatterError(u8),
    Restore(u8),
    Template,
    Static(u8),
    Policy(u8),
    Config,
}

impl Edit {
    /// What the report calls this kind of edit.
    fn kind(&self) -> &'static str {
        match self {
            Edit::Body(_) => "body text",
            Edit::Heading(_) => "a heading",
            Edit::Title(_) => "title",
            Edit::Weight(..) => "weight",
            Edit::Draft(_) => "draft",
            Edit::Featured(_) => "featured",
            Edit::Tags(..) => "tags",
            Edit::AddArticle(..) => "add an article",
            Edit::Remove(_) => "remove a page",
            Edit::Rename(_) => "rename an article",
            Edit::MoveFolder(_) => "rename a section folder",
            Edit::AddTranslation(_) => "add or remove a translation",
            Edit::BreakLink(..) => "break a link or anchor",
            Edit::FrontMatterError(_) => "front-matter error",
            Edit::Restore(_) => "restore a page",
            Edit::Template => "template",
            Edit::Static(_) => "static file",
            Edit::Policy(_) => "sla.yaml",
            Edit::Config => "ayuda.yaml",
        }
    }
}

fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => any::<u8>().prop_map(Edit::Body),
        2 => any::<u8>().prop_map(Edit::Heading),
        3 => any::<u8>().prop_map(Edit::Title),
        2 => (any::<u8>(), -3i8..4).prop_map(|(p, w)| Edit::Weight(p, w)),
        2 => any::<u8>().prop_map(Edit::Draft),
        2 => any::<u8>().prop_map(Edit::Featured),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(p, t)| Edit::Tags(p, t)),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(s, n)| Edit::AddArticle(s, n)),
        2 => any::<u8>().prop_map(Edit::Remove),
        2 => any::<u8>().prop_map(Edit::Rename),
        1 => any::<u8>().prop_map(Edit::MoveFolder),
        2 => any::<u8>().prop_map(Edit::AddTranslation),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(p, a)| Edit::BreakLink(p, a)),
        2 => any::<u8>().prop_map(Edit::FrontMatterError),
        3 => any::<u8>().prop_map(Edit::Restore),
        1 => Just(Edit::Template),
        1 => any::<u8>().prop_map(Edit::Static),
        1 => any::<u8>().prop_map(Edit::Policy),
        1 => Just(Edit::Config),
    ]
}

/// The Markdown files of the site, in order.
fn pages(site: &MemorySource) -> Vec<String> {
    site.paths().filter(|p| p.starts_with("content/") && p.ends_with(".md")).map(str::to_owned).collect()
}

/// The articles (not section pages), in order.
fn articles(site: &MemorySource) -> Vec<String> {
    pages(site).into_iter().filter(|p| !p.rsplit('/').next().unwrap().starts_with("_index")).collect()
}

fn pick(list: &[String], n: u8) -> Option<String> {
    (!list.is_empty()).then(|| list[n as usize % list.len()].clone())
}

fn text(site: &MemorySource, path: &str) -> String {
    String::from_utf8(site.get(path).unwrap().to_vec()).unwrap()
}

/// Replaces the value of a front-matter key (adding the key if it is not there).
fn set_front(page: &str, key: &str, value: &str) -> String {
    let (front, body) = page[4..].split_once("\n---\n").expect("front matter");
    let mut lines: Vec<String> =
        front.lines().filter(|l| !l.starts_with(&format!("{key}:"))).map(str::to_owned).collect();
    lines.push(format!("{key}: {value}"));
    format!("---\n{}\n---\n{body}", lines.join("\n"))
}

/// Applies an edit; returns the paths it changed (edited, added or removed). `saved` keeps
/// the text of pages broken or removed, for `Restore`.
fn apply(
    edit: &Edit,
    site: &mut MemorySource,
    saved: &mut BTreeMap<String, Vec<u8>>,
    step: usize,
) -> Vec<String> {
    const TAGS: [&str; 4] = ["inicio", "cuenta", "datos", "start"];
    let all = pages(site);
    let arts = articles(site);
    let write = |site: &mut MemorySource, path: &str, text: String| {
        site.insert(path, text);
        vec![path.to_owned()]
    };
    match edit {
        Edit::Body(n) => match pick(&all, *n) {
            Some(p) => {
                let t = text(site, &p) + &format!("\nOtro párrafo {step}.\n");
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::Heading(n) => match pick(&all, *n) {
            Some(p) => {
                let t = text(site, &p).replacen("## ", &format!("## Nuevo {step} "), 1);
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::Title(n) => match pick(&all, *n) {
            Some(p) => {
                let t = set_front(&text(site, &p), "title", &format!("Título {step}"));
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::Weight(n, w) => match pick(&all, *n) {
            Some(p) => {
                let t = set_front(&text(site, &p), "weight", &w.to_string());
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::Draft(n) => match pick(&arts, *n) {
            Some(p) => {
                let page = text(site, &p);
                let draft = page.contains("draft: true");
                let t = set_front(&page, "draft", if draft { "false" } else { "true" });
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::Featured(n) => match pick(&all, *n) {
            Some(p) => {
                let page = text(site, &p);
                let featured = page.contains("featured: true");
                let t = set_front(&page, "featured", if featured { "false" } else { "true" });
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::Tags(n, t) => match pick(&arts, *n) {
            Some(p) => {
                let tags: Vec<&str> = (0..4).filter(|i| t & (1 << i) != 0).map(|i| TAGS[i]).collect();
                let t = set_front(&text(site, &p), "tags", &format!("[{}]", tags.join(", ")));
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::AddArticle(s, n) => {
            let sections =
                ["content/guia", "content/facturas", "content/facturas/avanzado", "content/servicio"];
            let dir = sections[*s as usize % sections.len()];
            let path = format!("{dir}/nuevo-{n}.md");
            let body = format!("## Nuevo\n\nTexto {step}. Ver [exportar](/guia/exportar.md#formatos).\n");
            write(site, &path, page(&format!("Nuevo {n}"), "tags: [datos]\n", &body))
        }
        Edit::Remove(n) => match pick(&all, *n) {
            Some(p) => {
                saved.insert(p.clone(), site.get(&p).unwrap().to_vec());
                site.remove(&p);
                vec![p]
            }
            None => vec![],
        },
        Edit::Rename(n) => match pick(&arts, *n) {
            Some(p) => {
                let bytes = site.get(&p).unwrap().to_vec();
                let to = p.replace(".md", &format!("-{step}.md"));
                site.remove(&p);
                site.insert(to.clone(), bytes);
                vec![p, to]
            }
            None => vec![],
        },
        // A watcher names only the folder, before and after.
        Edit::MoveFolder(n) => {
            let folders: Vec<String> = all
                .iter()
                .filter_map(|p| p.strip_suffix("/_index.md"))
                .filter(|folder| *folder != "content")
                .map(str::to_owned)
                .collect();
            match pick(&folders, *n) {
                Some(folder) => {
                    let to = format!("{folder}-{step}");
                    let inside: Vec<String> = site
                        .paths()
                        .filter(|p| p.starts_with(&format!("{folder}/")))
                        .map(str::to_owned)
                        .collect();
                    for path in inside {
                        let bytes = site.get(&path).unwrap().to_vec();
                        site.remove(&path);
                        site.insert(format!("{to}{}", &path[folder.len()..]), bytes);
                    }
                    vec![folder, to]
                }
                None => vec![],
            }
        }
        Edit::AddTranslation(n) => match pick(&all, *n) {
            Some(p) if p.ends_with(".en.md") => {
                site.remove(&p);
                vec![p]
            }
            Some(p) => {
                let english = p.replace(".md", ".en.md");
                let body = format!("## Step\n\nIn English {step}.\n");
                write(site, &english, page(&format!("English {step}"), "tags: [start]\n", &body))
            }
            None => vec![],
        },
        Edit::BreakLink(n, anchor) => match pick(&all, *n) {
            Some(p) => {
                let link = if *anchor { "[roto](/guia/exportar.md#no-hay)" } else { "[roto](no-existe.md)" };
                saved.entry(p.clone()).or_insert_with(|| site.get(&p).unwrap().to_vec());
                let t = text(site, &p) + &format!("\n{link}\n");
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::FrontMatterError(n) => match pick(&all, *n) {
            Some(p) => {
                saved.entry(p.clone()).or_insert_with(|| site.get(&p).unwrap().to_vec());
                let t = set_front(&text(site, &p), "color", "rojo");
                write(site, &p, t)
            }
            None => vec![],
        },
        Edit::Restore(n) => {
            let keys: Vec<String> = saved.keys().cloned().collect();
            match pick(&keys, *n) {
                Some(p) => {
                    let bytes = saved.remove(&p).unwrap();
                    site.insert(p.clone(), bytes);
                    vec![p]
                }
                None => vec![],
            }
        }
        Edit::Template => {
            let path = "templates/shortcodes/nota.html";
            let t = text(site, path).replace("class=\"nota", &format!("data-paso=\"{step}\" class=\"nota"));
            write(site, path, t)
        }
        // One in four is the stylesheet, which every page links by its content.
        Edit::Static(n) if n % 4 == 3 => {
            write(site, "static/style.css", format!("body {{ order: {step}; }}\n"))
        }
        Edit::Static(n) => write(site, &format!("static/archivo-{}.txt", n % 4), format!("versión {step}")),
        Edit::Policy(n) => {
            let hours = ["2h", "3h", "4h"][*n as usize % 3];
            let t = text(site, "sla.yaml").replacen("response: 2h", &format!("response: {hours}"), 1);
            let t = if t == text(site, "sla.yaml") { policy() } else { t };
            write(site, "sla.yaml", t)
        }
        Edit::Config => {
            let t = text(site, "ayuda.yaml").replace("es: Ayuda", &format!("es: Ayuda {step}"));
            write(site, "ayuda.yaml", t)
        }
    }
}

/// The files two builds both write, except those several inputs write at once (an error
/// state, where which one wins depends on the threads).
fn comparable(files: BTreeMap<String, Vec<u8>>, contested: &BTreeSet<String>) -> BTreeMap<String, Vec<u8>> {
    files.into_iter().filter(|(path, _)| !contested.contains(path)).collect()
}

/// Output files that two documents both write, in a clean build of `engine`'s site.
fn contested(engine: &Engine) -> BTreeSet<String> {
    let mut seen = BTreeMap::<String, usize>::new();
    for doc in &engine.site().documents {
        *seen
            .entry(model::output_paths::page_file(&engine.site().config.base_path, &doc.url))
            .or_default() += 1;
    }
    seen.into_iter().filter(|(_, n)| *n > 1).map(|(f, _)| f).collect()
}

/// How many pages each kind of edit rendered again (when it did not reload the whole site).
type Rerendered = BTreeMap<&'static str, Vec<usize>>;

fn check_sequence(edits: &[Edit], rerendered: &mut Rerendered) -> Result<(), TestCaseError> {
    let mut site = start();
    let sink = MemorySink::default();
    let mut engine =
        Engine::new(&site, settings(), &sink, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
    // Half the sequences leave the search index to a refresh after each update, as `serve` does.
    let deferred = edits.len().is_multiple_of(2);
    if deferred {
        engine.defer_search_index();
    }
    prop_assert!(!engine.diagnostics().has_errors(), "the starting site is valid: {}", engine.diagnostics());
    let mut saved = BTreeMap::new();
    for (step, edit) in edits.iter().enumerate() {
        let changed = apply(edit, &mut site, &mut saved, step);
        let update: Update =
            engine.update(&site, &changed, &sink).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if deferred {
            engine.refresh_search_index(&sink).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        let clean_sink = MemorySink::default();
        let clean = Engine::new(&site, settings(), &clean_sink, None)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(
            engine.diagnostics().to_string(),
            clean.diagnostics().to_string(),
            "diagnostics after {:?} (step {}) in {:?}",
            edit,
            step,
            edits
        );
        let contested = contested(&clean);
        let (incremental, fresh) =
            (comparable(sink.files(), &contested), comparable(clean_sink.files(), &contested));
        let differing: Vec<&String> = incremental
            .keys()
            .chain(fresh.keys())
            .filter(|path| incremental.get(*path) != fresh.get(*path))
            .collect();
        prop_assert!(
            differing.is_empty(),
            "files differ after {:?} (step {}): {:?} in {:?}",
            edit,
            step,
            differing,
            edits
        );
        if !changed.is_empty() && !update.full {
            rerendered.entry(edit.kind()).or_default().push(update.pages.len());
        }
        if matches!(edit, Edit::Body(_)) && !changed.is_empty() && !engine.diagnostics().has_errors() {
            // A featured FAQ page's questions are listed on its language's home page. A page is
            // featured by its front matter or by `featured` in ayuda.yaml, whatever the other says.
            let config = text(&site, "ayuda.yaml");
            let listed = config.lines().find(|line| line.starts_with("featured:")).unwrap_or_default();
            let featured_faq = changed.iter().any(|path| {
                site.get(path).is_some_and(|b| {
                    let page = String::from_utf8_lossy(b);
                    let in_config = path.strip_prefix("content/").is_some_and(|p| listed.contains(p));
                    page.contains("faq: true") && (page.contains("featured: true") || in_config)
                })
            });
            let home = |page: &String| page == "index.html" || page == "en/index.html";
            let others: Vec<&String> =
                update.pages.iter().filter(|page| !(featured_faq && home(page))).collect();
            prop_assert!(others.len() <= 1, "a body edit renders its page only, not {:?}", update.pages);
        }
    }
    Ok(())
}

/// 200 random sequences (or `PROPTEST_CASES`) of 1 to 12 edits; prints, per kind of edit, how many pages it
/// rendered again (run with `--nocapture` to see it).
#[test]
fn an_updated_site_equals_a_clean_build_after_every_edit() {
    // PROPTEST_CASES runs more sequences, to search wider than CI does.
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let rerendered = std::cell::RefCell::new(Rerendered::new());
    let sequences = proptest::collection::vec(edits(), 1..12);
    let result = runner.run(&sequences, |edits| check_sequence(&edits, &mut rerendered.borrow_mut()));
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let pages = pages(&start()).len();
    let rerendered = rerendered.into_inner();
    let edits: usize = rerendered.values().map(Vec::len).sum();
    eprintln!(
        "{edits} edits in {cases} sequences on a site of {pages} pages; pages rendered again per edit:"
    );
    for (kind, mut counts) in rerendered {
        counts.sort_unstable();
        let median = counts[counts.len() / 2];
        let most = counts.last().unwrap();
        eprintln!("{kind:>28}: {:>4} edits, median {median}, at most {most}", counts.len());
    }
}

/// A stylesheet added to `static/` replaces the built-in one: every page links it anew.
#[test]
fn a_stylesheet_in_static_is_linked_by_every_page_as_soon_as_it_changes() {
    if let Err(failure) =
        check_sequence(&[Edit::Body(0), Edit::Static(3), Edit::Static(7)], &mut Rerendered::new())
    {
        panic!("{failure}");
    }
}

/// A sequence the random test once found: a translation with a bad language suffix (it does
/// not load, so only its problem knows it), then its folder renamed; the problem must follow.
#[test]
fn a_renamed_folder_takes_the_problems_of_its_unloaded_files_along() {
    let edits = [Edit::AddTranslation(9), Edit::Rename(228), Edit::MoveFolder(110)];
    if let Err(failure) = check_sequence(&edits, &mut Rerendered::new()) {
        panic!("{failure}");
    }
}
