//! Incremental updates of a large site: `Engine::update` after one edit, on the synthetic
//! corpus of `bench/gen_corpus.py` held in memory (`MemorySource`, `MemorySink`).
//!
//! `cargo bench -p ayuda-build --bench update`
//!
//! - `AYUDA_CORPUS=DIR`: an ayuda site made by `gen_corpus.py` (`OUT/ayuda`, or `OUT` itself);
//!   without it the bench runs `python3 bench/gen_corpus.py --seed 42 N TMP` and removes it;
//! - `AYUDA_CORPUS_N=N`: that corpus's size (default 10000).
//!
//! Edits, each of one article, every iteration really changing the file (two texts in turn):
//! `body` appends a paragraph; `title` changes the title of an article that no menu lists
//! (the middle one); `title_listed` of one that every menu of its section lists (the first
//! by weight); `tags` swaps one tag for another; `add_remove` adds an article, then removes
//! it (two updates an iteration). Before measuring, it prints how many pages each update
//! renders again; after each benchmark, the median, 95th percentile and slowest of every
//! update it timed (warm-up included). Targets (the writers' loop): p95 ≤ 100 ms for a body
//! edit and ≤ 300 ms for a title edit at 10,000 articles. It allocates with mimalloc, as the
//! `ayuda` binary does.

use build::{Engine, LoadOptions, MemorySink, MemorySource, Settings, Update};
use criterion::{Criterion, SamplingMode};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A generated corpus, removed when dropped.
struct TempCorpus(PathBuf);

impl Drop for TempCorpus {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The site folder to load, and the temporary corpus to remove afterwards, if one was made.
fn corpus() -> (PathBuf, Option<TempCorpus>) {
    if let Some(dir) = std::env::var_os("AYUDA_CORPUS") {
        let dir = PathBuf::from(dir);
        let site = if dir.join("ayuda.yaml").is_file() { dir.clone() } else { dir.join("ayuda") };
        assert!(site.join("ayuda.yaml").is_file(), "AYUDA_CORPUS: no ayuda.yaml in {}", dir.display());
        return (site, None);
    }
    let n: usize = std::env::var("AYUDA_CORPUS_N")
        .map(|n| n.parse().expect("AYUDA_CORPUS_N: a number of articles"))
        .unwrap_or(10_000);
    let out = std::env::temp_dir().join(format!("ayuda-update-bench-{}", std::process::id()));
    let temp = TempCorpus(out.clone());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/gen_corpus.py");
    let status = Command::new("python3")
        .arg(&script)
        .args(["--seed", "42", &n.to_string()])
        .arg(&out)
        .status()
        .expect("python3 bench/gen_corpus.py");
    assert!(status.success(), "gen_corpus.py failed");
    let _ = std::fs::remove_dir_all(out.join("hugo"));
    (out.join("ayuda"), Some(temp))
}

fn settings() -> Settings {
    Settings { load: LoadOptions::default(), today: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap() }
}

/// One kind of edit: steps made in turn, each a path set to a text (`None`: removed).
struct Edit {
    name: &'static str,
    what: String,
    steps: Vec<(String, Option<String>)>,
    /// How many steps an iteration makes (each followed by an update).
    per_iteration: usize,
}

/// The site, rendered, and the edits to make to it.
struct Fixture {
    source: MemorySource,
    engine: Engine,
    sink: MemorySink,
}

impl Fixture {
    /// Makes step `turn` (modulo their number) of `edit`, then updates the engine.
    fn step(&mut self, edit: &Edit, turn: usize) -> Update {
        let (path, text) = &edit.steps[turn % edit.steps.len()];
        match text {
            Some(text) => self.source.insert(path.clone(), text.clone()),
            None => {
                self.source.remove(path);
            }
        }
        self.engine.update(&self.source, std::slice::from_ref(path), &self.sink).expect("update")
    }
}

fn text(source: &MemorySource, path: &str) -> String {
    String::from_utf8(source.get(path).expect("article").to_vec()).expect("UTF-8")
}

/// `text` with its front matter line `key: …` given to `change`.
fn with_front(text: &str, key: &str, change: impl Fn(&str) -> String) -> String {
    let prefix = format!("{key}: ");
    let mut found = false;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| match line.strip_prefix(&prefix) {
            Some(value) if !found => {
                found = true;
                format!("{prefix}{}", change(value))
            }
            _ => line.to_owned(),
        })
        .collect();
    assert!(found, "no front matter key {key}");
    lines.join("\n")
}

fn edits(source: &MemorySource) -> Vec<Edit> {
    let mut articles: Vec<&str> =
        source.paths().filter(|p| p.starts_with("content/") && !p.ends_with("/_index.md")).collect();
    articles.sort_unstable();
    assert!(articles.len() >= 2, "the corpus needs at least 2 articles");
    // gen_corpus.py: article k has weight (k - 1) / 25 + 1 in its section, so the first path is
    // first in its section's menus and (from 1,000 articles on) the middle one is in none.
    let listed = articles[0].to_owned();
    let middle = articles[articles.len() / 2].to_owned();
    let original = text(source, &middle);
    let two = |a: String, b: String, path: &str| vec![(path.to_owned(), Some(a)), (path.to_owned(), Some(b))];
    let edit = |name, what, steps| Edit { name, what, steps, per_iteration: 1 };
    let retitled = |path: &str| {
        let original = text(source, path);
        two(
            with_front(&original, "title", |t| format!("{t} (uno)")),
            with_front(&original, "title", |t| format!("{t} (dos)")),
            path,
        )
    };
    let tags_line =
        original.lines().find_map(|l| l.strip_prefix("tags: [")).expect("tags").trim_end_matches(']');
    let tags: Vec<&str> = tags_line.split(", ").collect();
    let other = ["seguridad", "reportes", "acceso"].into_iter().find(|t| !tags.contains(t)).unwrap();
    let swapped = format!(
        "[{}]",
        std::iter::once(other).chain(tags[1..].iter().copied()).collect::<Vec<_>>().join(", ")
    );
    let (folder, _) = middle.rsplit_once('/').unwrap();
    let added = format!("{folder}/articulo-bench.md");
    vec![
        edit(
            "body",
            format!("{middle}: a paragraph appended"),
            two(
                format!("{original}\nUn párrafo más, añadido al final del artículo.\n"),
                format!("{original}\nOtro párrafo, distinto, añadido al final del artículo.\n"),
                &middle,
            ),
        ),
        edit("title", format!("{middle}: title changed"), retitled(&middle)),
        edit(
            "title_listed",
            format!("{listed}: title changed (listed in its section's menus)"),
            retitled(&listed),
        ),
        edit(
            "tags",
            format!("{middle}: tags [{tags_line}] <-> {swapped}"),
            two(with_front(&original, "tags", |_| swapped.clone()), original.clone(), &middle),
        ),
        Edit {
            name: "add_remove",
            what: format!("{added}: added (a copy of {middle}, retitled), then removed"),
            steps: vec![
                (added.clone(), Some(with_front(&original, "title", |t| format!("{t} (copia)")))),
                (added, None),
            ],
            per_iteration: 2,
        },
    ]
}

/// Median, 95th percentile and maximum of `times`, in milliseconds.
fn summary(times: &mut [Duration]) -> String {
    if times.is_empty() {
        return "not run".to_owned();
    }
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "{} timed: median {:.1} ms, p95 {:.1} ms, slowest {:.1} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(times[times.len() - 1])
    )
}

fn main() {
    let (site, _temp) = corpus();
    let started = Instant::now();
    let source = MemorySource::from_folder(&site).expect("read the corpus");
    let read = started.elapsed();
    let sink = MemorySink::default();
    let started = Instant::now();
    let engine = match Engine::new(&source, settings(), &sink, None) {
        Ok(engine) => engine,
        Err(problems) => panic!("the corpus does not load: {problems:?}"),
    };
    let rendered = started.elapsed();
    assert!(!engine.diagnostics().has_errors(), "the corpus has errors: {:?}", engine.diagnostics());
    println!(
        "site {}: {} pages (documents), {} other files, {} output files; read in {:.2} s, \
         Engine::new in {:.2} s",
        site.display(),
        engine.document_count(),
        engine.other_file_count(),
        sink.files().len(),
        read.as_secs_f64(),
        rendered.as_secs_f64()
    );
    let edits = edits(&source);
    let mut fixture = Fixture { source, engine, sink };
    println!("pages rendered again per update (Update::pages.len(), files = other files written):");
    for edit in &edits {
        // Twice through the steps: the first turn starts from the original file.
        let n = edit.steps.len();
        for turn in 0..n {
            fixture.step(edit, turn);
        }
        let updates: Vec<Update> = (n..2 * n).map(|turn| fixture.step(edit, turn)).collect();
        let counts: Vec<String> = updates
            .iter()
            .map(|u| {
                format!(
                    "{} pages, {} files, {} removed{}",
                    u.pages.len(),
                    u.files.len(),
                    u.removed.len(),
                    if u.full { ", full" } else { "" }
                )
            })
            .collect();
        println!("  {:<13} {}  [{}]", edit.name, counts.join(" / "), edit.what);
    }

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("update");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_secs(1));
    let mut reports = Vec::new();
    for edit in &edits {
        // add_remove makes two updates an iteration; the slow edits get more time.
        let seconds = if edit.name == "body" { 3 } else { 5 };
        group.measurement_time(Duration::from_secs(seconds));
        let mut times = Vec::new();
        let mut turn = 0;
        group.bench_function(edit.name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let started = Instant::now();
                    for _ in 0..edit.per_iteration {
                        black_box(fixture.step(edit, turn));
                        turn += 1;
                    }
                    let took = started.elapsed();
                    times.push(took);
                    total += took;
                }
                total
            })
        });
        let line = format!("{:<13} {}", edit.name, summary(&mut times));
        println!("  {line}");
        reports.push(line);
    }
    group.finish();
    criterion.final_summary();
    println!("every timed iteration (warm-up included):");
    for line in reports {
        println!("  {line}");
    }
}
