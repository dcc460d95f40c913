//! The build engine: a loaded site, rendered, with what each page read recorded. A clean
//! build renders everything once; after an edit, [`Engine::update`] reads the changed files
//! again and renders exactly the outputs whose facts changed.

use crate::checks;
use crate::outputs::{self, Plan};
use crate::render::{link_targets, PageRecord, SiteRenderer, STYLESHEET};
use crate::search_records::{index_folder, SEARCH_FOLDER, SEARCH_LANGUAGES};
use crate::write::Sink;
use diagnostics::{Diagnostic, Diagnostics};
use model::content::{self, Loaded as LoadedFile, CONTENT};
use model::deps::DependencyIndex;
use model::output_paths::page_file;
use model::site::{load_policy, load_static_files, Graph, CONFIG_FILE};
use model::source::{path_order, Source};
use model::{DocId, LoadOptions, Problems, Site};
use rayon::prelude::*;
use render::pages::{BatchCache, FaqQuestions};
use search::Indexer;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most pages one parallel task renders. Rayon otherwise cuts the pages into as many
/// pieces as there are threads, cut again only when a thread steals work, so the last piece
/// can leave the other cores idle: on 2 cores and the 10k corpus, one core worked alone for
/// about 100 ms at the end of the pages. Small tasks end together.
const PAGES_PER_TASK: usize = 16;

/// What to build, besides the files.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Overrides of the configuration, and drafts.
    pub load: LoadOptions,
    /// The day of the build: the SLA page lists the holidays of its year and the next.
    pub today: chrono::NaiveDate,
}

/// Called as pages are rendered, with how many are done and how many there are.
pub type Progress<'p> = Option<&'p (dyn Fn(usize, usize) + Sync)>;

/// A site, rendered into a [`Sink`], with what is needed to render it again in part.
pub struct Engine {
    settings: Settings,
    site: Site,
    problems: Problems,
    renderer: Result<SiteRenderer, Vec<Diagnostic>>,
    /// Each rendered page's findings, by document path.
    records: HashMap<String, PageRecord>,
    /// Each rendered page's output file, by document path.
    page_files: HashMap<String, String>,
    index: DependencyIndex,
    /// The files written besides pages (generated, redirects, copies), with their bytes.
    others: BTreeMap<String, Vec<u8>>,
    /// How many pages were made around the documents: redirects, 404, search and contact pages.
    generated_pages: usize,
    /// The search index of each language, when search is on.
    search: BTreeMap<String, Indexer>,
    /// Whether what pages read is recorded, for updates.
    tracking: bool,
    /// Whether updates leave the search index files as they were, for
    /// [`Engine::refresh_search_index`] to write later.
    search_deferred: bool,
    /// The files around the pages and the site-wide problems, as the last build made them:
    /// they depend on front matter and the shape of the site, never on bodies, so an update
    /// that changed only bodies takes them as they are.
    around: Option<Around>,
    diagnostics: Diagnostics,
}

/// Whether two versions of a document differ at most in their body: same address, kind,
/// language, translation and front matter.
fn same_but_body(before: &model::content::Document, after: &model::content::Document) -> bool {
    before.url == after.url
        && before.kind == after.kind
        && before.language == after.language
        && before.translation_key == after.translation_key
        && before.front == after.front
}

/// What [`Engine::finish`] makes from the whole site but the bodies.
struct Around {
    /// Generated files and copies, by path.
    files: BTreeMap<String, Vec<u8>>,
    /// Problems of the site's shape: orphans, missing translations, claims, templates.
    problems: Vec<Diagnostic>,
    /// Redirect pages whose template failed.
    alias_failures: Vec<(std::path::PathBuf, render::pages::TemplateFailure)>,
    /// How many pages were made around the documents, among `files`.
    generated_pages: usize,
}

/// What an update did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Update {
    /// Pages rendered again, by output file.
    pub pages: Vec<String>,
    /// Other files written again because their bytes changed (sitemap, feeds, copies...).
    pub files: Vec<String>,
    /// Output files removed.
    pub removed: Vec<String>,
    /// Whether everything was read and rendered again (configuration, templates, theme).
    pub full: bool,
}

impl Engine {
    /// Reads the site from `source` and renders all of it into `sink`, recording what each
    /// page read for [`Engine::update`]. Only a configuration that cannot be read stops it;
    /// every other problem is in [`Engine::diagnostics`].
    pub fn new(
        source: &dyn Source,
        settings: Settings,
        sink: &dyn Sink,
        progress: Progress,
    ) -> Result<Engine, Diagnostics> {
        Engine::start(source, settings, sink, progress, true)
    }

    /// [`Engine::new`] for a build that will not be updated (`ayuda build`, `ayuda check`):
    /// it records nothing for updates, and [`Engine::update`] reads everything again.
    pub fn once(
        source: &dyn Source,
        settings: Settings,
        sink: &dyn Sink,
        progress: Progress,
    ) -> Result<Engine, Diagnostics> {
        Engine::start(source, settings, sink, progress, false)
    }

    fn start(
        source: &dyn Source,
        settings: Settings,
        sink: &dyn Sink,
        progress: Progress,
        tracking: bool,
    ) -> Result<Engine, Diagnostics> {
        let loaded = model::load(source, &settings.load).map_err(Diagnostics::from)?;
        let renderer = SiteRenderer::new(&loaded.site, settings.today);
        let config = &loaded.site.config;
        let search = match config.search {
            true => config.languages.iter().map(|l| (l.clone(), Indexer::new(l))).collect(),
            false => BTreeMap::new(),
        };
        let mut engine = Engine {
            search,
            settings,
            site: loaded.site,
            problems: loaded.problems,
            renderer,
            records: HashMap::new(),
            page_files: HashMap::new(),
            index: DependencyIndex::default(),
            others: BTreeMap::new(),
            generated_pages: 0,
            diagnostics: Diagnostics::new(),
            tracking,
            search_deferred: false,
            around: None,
        };
        let pages: Vec<(DocId, String)> = loaded.bodies.into_iter().enumerate().collect();
        engine.render_pages(pages, sink, progress).map_err(Diagnostics::from)?;
        engine.finish(sink, false).map_err(Diagnostics::from)?;
        Ok(engine)
    }

    /// The site as read.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Every problem of the site as it is now, sorted.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// How many pages the site has: one per document, and those made around them (redirects,
    /// and each language's 404, search and contact pages). `ayuda build` and `ayuda serve`
    /// both report this number.
    pub fn page_count(&self) -> usize {
        self.document_count() + self.generated_pages
    }

    /// How many documents (pages written from `content/`) the site has.
    pub fn document_count(&self) -> usize {
        self.site.documents.len()
    }

    /// How many files were written besides pages.
    pub fn other_file_count(&self) -> usize {
        self.others.len() + self.search.values().map(Indexer::fragment_count).sum::<usize>()
    }

    /// Every file of the output.
    fn output_files(&self) -> BTreeSet<String> {
        self.page_files.values().chain(self.others.keys()).cloned().chain(self.fragment_files()).collect()
    }

    /// The fragment files of the search indexes, by output path.
    fn fragment_files(&self) -> impl Iterator<Item = String> + '_ {
        self.search.iter().flat_map(|(language, index)| {
            let folder = index_folder(language);
            index.fragment_files().into_iter().map(move |file| format!("{folder}/{file}"))
        })
    }

    /// Documents whose output file another document also writes: until that is fixed, each
    /// is rendered again on every update, so that whichever stays writes the file.
    fn colliding(&self) -> BTreeSet<String> {
        let mut by_file: HashMap<&str, Vec<&str>> = HashMap::new();
        for (path, file) in &self.page_files {
            by_file.entry(file.as_str()).or_default().push(path.as_str());
        }
        by_file.into_values().filter(|paths| paths.len() > 1).flatten().map(str::to_owned).collect()
    }

    /// Renders the pages `pages` (document and Markdown body) into `sink`, on every core, and
    /// records what each read. Each body is dropped once its page is written. FAQ pages come
    /// first: a home page lists the questions of the featured ones.
    fn render_pages(
        &mut self,
        pages: Vec<(DocId, String)>,
        sink: &dyn Sink,
        progress: Progress,
    ) -> Result<(), Diagnostic> {
        let (faq, others): (Vec<_>, Vec<_>) =
            pages.into_iter().partition(|(id, _)| self.site.documents[*id].front.faq);
        let count = (AtomicUsize::new(0), faq.len() + others.len());
        self.render_batch(faq, sink, progress, &count)?;
        self.render_batch(others, sink, progress, &count)
    }

    /// Renders a batch of [`Engine::render_pages`]; `count` is the pages done so far and the
    /// pages to do, for `progress`.
    fn render_batch(
        &mut self,
        pages: Vec<(DocId, String)>,
        sink: &dyn Sink,
        progress: Progress,
        (done, total): &(AtomicUsize, usize),
    ) -> Result<(), Diagnostic> {
        let Ok(renderer) = &self.renderer else { return Ok(()) };
        if pages.is_empty() {
            return Ok(());
        }
        let site = &self.site;
        let targets = link_targets(site);
        let batch = BatchCache::default();
        let tracking = self.tracking;
        let search = &self.search;
        let faq_pages = site.documents.iter().filter(|doc| doc.front.faq);
        let questions: FaqQuestions = faq_pages
            .filter_map(|doc| Some((doc.path.clone(), self.records.get(&doc.path)?.questions.clone())))
            .collect();
        let total = *total;
        let results: Vec<(DocId, PageRecord)> = pages
            .into_par_iter()
            .with_max_len(PAGES_PER_TASK)
            .map(|(id, body)| {
                let (bytes, mut record) =
                    renderer.page(site, &targets, &batch, &questions, id, &body, tracking);
                drop(body);
                let doc = &site.documents[id];
                let file = page_file(&site.config.base_path, &doc.url);
                match bytes {
                    Some(bytes) => sink.put(&file, &bytes)?,
                    // A page that failed has no output, not the one it had before.
                    None => sink.remove(&file)?,
                }
                if let Some(index) = search.get(&doc.language) {
                    let changes = index.insert(&doc.path, &std::mem::take(&mut record.search));
                    let folder = index_folder(&doc.language);
                    for (name, bytes) in changes.write {
                        sink.put(&format!("{folder}/{name}"), &bytes)?;
                    }
                    for name in changes.remove {
                        sink.remove(&format!("{folder}/{name}"))?;
                    }
                }
                if let Some(report) = progress {
                    report(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                }
                Ok((id, record))
            })
            .collect::<Result<_, Diagnostic>>()?;
        let mut reads = Vec::with_capacity(results.len());
        for (id, mut record) in results {
            let doc = &self.site.documents[id];
            let deps = std::mem::take(&mut record.deps);
            if self.tracking {
                reads.push((doc.path.clone(), deps));
            }
            self.page_files.insert(doc.path.clone(), page_file(&self.site.config.base_path, &doc.url));
            self.records.insert(doc.path.clone(), record);
        }
        self.index.record(reads, &self.site);
        Ok(())
    }

    /// Renders the files around the pages and copies the static ones, writing those whose
    /// bytes changed, and checks the whole site. Returns what was written again. With
    /// `bodies_only` (nothing changed but the bodies of pages), the files around the pages
    /// and the problems of the site's shape are those of the last build.
    fn finish(&mut self, sink: &dyn Sink, bodies_only: bool) -> Result<Vec<String>, Diagnostic> {
        let mut problems: Vec<Diagnostic> = self.problems.all().cloned().collect();
        let mut written = Vec::new();
        let mut made = BTreeMap::new();
        let mut kept = Vec::new();
        let index_files = match (&self.renderer, self.search_deferred) {
            (Err(_), _) => Vec::new(),
            // Kept as they are, out of the comparison below, and claimed by name.
            (Ok(_), true) => self.take_index_files(),
            (Ok(_), false) => self.index_files(),
        };
        let around = self.around.take().filter(|_| bodies_only);
        match &self.renderer {
            Ok(renderer) => {
                let around = match around {
                    Some(around) => around,
                    None => {
                        let mut names = renderer.generated_names(&self.site);
                        names.extend(index_files.iter().map(|(path, _)| path.clone()));
                        // Written by the build into every output folder, it is no input's.
                        names.push(crate::OUTPUT_MARKER.to_owned());
                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                        // The plan and the site's files each take milliseconds on one core.
                        let ((plan, mut shape_problems), site_files) = rayon::join(
                            || outputs::plan(&self.site, &names),
                            || renderer.site_files(&self.site),
                        );
                        shape_problems.extend(checks::orphans(&self.site));
                        shape_problems.extend(checks::untranslated_sections(&self.site));
                        shape_problems.extend(checks::unknown_templates(&self.site, &renderer.templates));
                        shape_problems.extend(checks::sla_page(&self.site));
                        shape_problems.extend(checks::featured(&self.site));
                        let (pages, alias_failures) = renderer.generated_pages(&self.site, &plan);
                        let generated_pages = pages.len();
                        let mut files: BTreeMap<String, Vec<u8>> =
                            site_files.into_iter().chain(pages).collect();
                        files.extend(copies(&self.site, &plan));
                        Around { files, problems: shape_problems, alias_failures, generated_pages }
                    }
                };
                self.generated_pages = around.generated_pages;
                problems.extend(around.problems.iter().cloned());
                made.extend(around.files.iter().map(|(path, bytes)| (path.clone(), bytes.clone())));
                if self.search_deferred {
                    kept = index_files;
                } else {
                    made.extend(index_files);
                }
                let records: Vec<&PageRecord> =
                    self.site.documents.iter().map(|d| &self.records[d.path.as_str()]).collect();
                problems.extend(records.iter().flat_map(|r| r.problems.iter().cloned()));
                problems.extend(checks::broken_anchors(&self.site, &records));
                let mut failures = checks::page_failures(&self.site, &records);
                failures.extend(around.alias_failures.iter().cloned());
                problems.extend(checks::template_failures(failures, &renderer.templates));
                self.around = Some(around);
            }
            Err(template_problems) => {
                self.generated_pages = 0;
                problems.extend(checks::orphans(&self.site));
                problems.extend(checks::untranslated_sections(&self.site));
                problems.extend(template_problems.iter().cloned());
            }
        }
        for (path, bytes) in &made {
            if self.others.get(path) != Some(bytes) {
                sink.put(path, bytes)?;
                written.push(path.clone());
            }
        }
        let pages: BTreeSet<&String> = self.page_files.values().collect();
        for gone in self.others.keys().filter(|p| !made.contains_key(*p) && !pages.contains(p)) {
            sink.remove(gone)?;
        }
        made.extend(kept);
        self.others = made;
        self.diagnostics = problems.into_iter().collect::<Diagnostics>().sorted();
        Ok(written)
    }

    /// From now on, [`Engine::update`] renders pages and their fragments of the search index
    /// but leaves the index's other files (whose assembly takes most of a small update on a
    /// large site) as they were, until [`Engine::refresh_search_index`]. A dev server tells
    /// the browser first and refreshes the index after.
    pub fn defer_search_index(&mut self) {
        self.search_deferred = true;
    }

    /// Writes the search index files that changed since they were last written, and removes
    /// those gone. Returns the paths written or removed.
    pub fn refresh_search_index(&mut self, sink: &dyn Sink) -> Result<Vec<String>, Diagnostic> {
        let fresh: BTreeMap<String, Vec<u8>> = self.index_files().into_iter().collect();
        let folder = format!("{SEARCH_FOLDER}/");
        let before: Vec<String> =
            self.others.keys().filter(|path| path.starts_with(&folder)).cloned().collect();
        let mut changed = Vec::new();
        for path in before.into_iter().filter(|path| !fresh.contains_key(path)) {
            sink.remove(&path)?;
            self.others.remove(&path);
            changed.push(path);
        }
        for (path, bytes) in fresh {
            if self.others.get(&path) != Some(&bytes) {
                sink.put(&path, &bytes)?;
                self.others.insert(path.clone(), bytes);
                changed.push(path);
            }
        }
        Ok(changed)
    }

    /// The search index files as last written (the fragments aside), taken out of the others.
    fn take_index_files(&mut self) -> Vec<(String, Vec<u8>)> {
        let folder = format!("{SEARCH_FOLDER}/");
        let paths: Vec<String> =
            self.others.keys().filter(|path| path.starts_with(&folder)).cloned().collect();
        paths.into_iter().filter_map(|path| self.others.remove_entry(&path)).collect()
    }

    /// Reads the files at `changed` (paths from the site root: edited, added or removed) again
    /// from `source`, and renders into `sink` exactly the outputs that changed. A change to the
    /// configuration, a template or the theme reads and renders the whole site again.
    pub fn update(
        &mut self,
        source: &dyn Source,
        changed: &[String],
        sink: &dyn Sink,
    ) -> Result<Update, Diagnostics> {
        let theme = self.site.theme.clone().unwrap_or_default();
        let template_folders: Vec<String> = std::iter::once("templates".to_owned())
            .chain((!theme.is_empty()).then(|| format!("{theme}/templates")))
            .collect();
        // The logo, the favicon and the stylesheet are named in every page by their content.
        let branding = &self.site.config.branding;
        let mut branding_files: Vec<String> = branding
            .logo
            .iter()
            .chain(&branding.favicon)
            .map(|f| format!("static/{}", f.trim_start_matches('/')))
            .collect();
        branding_files.push(format!("static/{STYLESHEET}"));
        branding_files.extend(self.site.theme.iter().map(|folder| format!("{folder}/static/{STYLESHEET}")));
        let full = !self.tracking
            || changed.iter().any(|path| {
                path == CONFIG_FILE
                    || branding_files.iter().any(|file| is_in(file, path))
                    || template_folders.iter().any(|folder| is_in(path, folder) || is_in(folder, path))
            });
        if full {
            return self.reload(source, sink);
        }
        // Whether only the bodies of existing pages changed: see [`Engine::finish`].
        let mut bodies_only = true;
        if changed.contains(&self.site.policy_file) {
            bodies_only = false;
            let (_, policy, problems) = load_policy(source, &self.site.config);
            self.site.policy_broken = !problems.is_empty();
            self.site.policy = policy;
            self.problems.policy = problems;
            self.renderer = SiteRenderer::new(&self.site, self.settings.today);
        }
        let static_dirs: Vec<String> = std::iter::once("static".to_owned())
            .chain(self.site.theme.iter().map(|folder| format!("{folder}/static")))
            .collect();
        if changed.iter().any(|path| static_dirs.iter().any(|dir| is_in(path, dir) || is_in(dir, path))) {
            bodies_only = false;
            let (files, problems) = load_static_files(source, self.site.theme.as_deref());
            self.site.static_files = files;
            self.problems.static_files = problems;
        }
        let content_prefix = format!("{CONTENT}/");
        let mut bodies: HashMap<String, String> = HashMap::new();
        if changed.iter().any(|path| is_in(path, CONTENT)) {
            let (listed, listing) = source.files(CONTENT, true);
            self.problems.content.listing = listing;
            let content_changes = self.changed_content_files(changed, &listed);
            let listed: BTreeSet<&String> = listed.iter().collect();
            for file in &content_changes {
                let path = &file[content_prefix.len()..];
                // By a scan: the graph numbers documents as they were before this loop.
                let before = self.site.documents.iter().find(|d| d.path == path).cloned();
                self.site.documents.retain(|d| d.path != path);
                self.site.content_assets.retain(|a| a.path != path);
                self.site.unpublished.remove(path);
                self.problems.content.files.remove(file.as_str());
                if !listed.contains(file) {
                    bodies_only = false;
                    continue;
                }
                let (loaded, problems) =
                    content::load_file(source, file, &self.site.config, self.settings.load.drafts);
                if !problems.is_empty() {
                    self.problems.content.files.insert(file.to_owned(), problems);
                }
                match loaded {
                    LoadedFile::Document(doc, body) => {
                        bodies_only &= before.is_some_and(|before| same_but_body(&before, &doc));
                        bodies.insert(doc.path.clone(), body);
                        self.site.documents.push(*doc);
                    }
                    LoadedFile::Asset(asset) => {
                        bodies_only = false;
                        self.site.content_assets.push(asset);
                    }
                    LoadedFile::Unpublished(why) => {
                        bodies_only = false;
                        self.site.unpublished.insert(path.to_owned(), why);
                    }
                }
            }
            self.site.documents.sort_by(|a, b| path_order(&a.path, &b.path));
            self.site.content_assets.sort_by(|a, b| path_order(&a.path, &b.path));
            self.site.graph = Graph::new(&self.site.documents);
        }
        let mut update = Update::default();
        // Pages to render: new ones, those whose facts changed, those that failed, and those
        // that shared their output file with another.
        let mut stale = self.index.stale(&self.site);
        stale.extend(self.colliding());
        // Pages gone: their outputs and records go too, unless another page writes that file.
        let present: BTreeSet<&str> = self.site.documents.iter().map(|d| d.path.as_str()).collect();
        let gone: Vec<String> =
            self.records.keys().filter(|p| !present.contains(p.as_str())).cloned().collect();
        for path in gone {
            self.records.remove(&path);
            self.index.forget(&path);
            // Paths are unique across languages: only the page's own index had it.
            for (language, index) in &self.search {
                for name in index.remove(&path) {
                    sink.remove(&format!("{}/{name}", index_folder(language))).map_err(Diagnostics::from)?;
                }
            }
            stale.remove(&path);
            let Some(file) = self.page_files.remove(&path) else { continue };
            if !self.page_files.values().any(|other| *other == file) {
                sink.remove(&file).map_err(Diagnostics::from)?;
                update.removed.push(file);
            }
        }
        for doc in &self.site.documents {
            let failed = self.records.get(&doc.path).is_none_or(|r| r.failure.is_some());
            if failed {
                stale.insert(doc.path.clone());
            }
        }
        let mut pages = Vec::with_capacity(stale.len());
        for path in &stale {
            let Some(id) = self.site.document(path) else { continue };
            let body = match bodies.remove(path) {
                Some(body) => body,
                None => read_body(source, &self.site, id).map_err(Diagnostics::from)?,
            };
            pages.push((id, body));
        }
        update.pages = pages
            .iter()
            .map(|(id, _)| page_file(&self.site.config.base_path, &self.site.documents[*id].url))
            .collect();
        self.render_pages(pages, sink, None).map_err(Diagnostics::from)?;
        update.files = self.finish(sink, bodies_only).map_err(Diagnostics::from)?;
        Ok(update)
    }

    /// The content files that `changed` names (paths from the site root): a file stands for
    /// itself, a folder (created, removed or renamed) for every file in it, now (`listed`)
    /// and before (the site's documents and assets, and its files not published).
    fn changed_content_files(&self, changed: &[String], listed: &[String]) -> BTreeSet<String> {
        let known = self
            .site
            .documents
            .iter()
            .map(|d| &d.path)
            .chain(self.site.content_assets.iter().map(|a| &a.path))
            .chain(self.site.unpublished.keys());
        let known: Vec<String> = known.map(|path| format!("{CONTENT}/{path}")).collect();
        let mut files = BTreeSet::new();
        for path in changed.iter().filter(|path| is_in(path, CONTENT)) {
            files.insert(path.clone());
            let inside = listed.iter().chain(&known).filter(|file| is_in(file, path) && *file != path);
            files.extend(inside.cloned());
        }
        files.retain(|file| file.starts_with(&format!("{CONTENT}/")));
        files
    }

    /// Reads and renders the whole site again, in place.
    fn reload(&mut self, source: &dyn Source, sink: &dyn Sink) -> Result<Update, Diagnostics> {
        let before = self.output_files();
        let mut engine = Engine::start(source, self.settings.clone(), sink, None, self.tracking)?;
        engine.search_deferred = self.search_deferred;
        let after = engine.output_files();
        let removed: Vec<String> = before.difference(&after).cloned().collect();
        for file in &removed {
            sink.remove(file).map_err(Diagnostics::from)?;
        }
        *self = engine;
        Ok(Update {
            pages: self.page_files.values().cloned().collect(),
            files: self.others.keys().cloned().collect(),
            removed,
            full: true,
        })
    }
}

impl Engine {
    /// The search indexes' files but the fragments, by output path.
    fn index_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        if self.search.is_empty() {
            return files;
        }
        let config = &self.site.config;
        let others = config.languages.iter().filter(|l| **l != config.default_language);
        let languages: String =
            std::iter::once(&config.default_language).chain(others).map(|l| format!("{l}\n")).collect();
        files.push((format!("{SEARCH_FOLDER}/{SEARCH_LANGUAGES}"), languages.into_bytes()));
        for (language, index) in &self.search {
            let folder = index_folder(language);
            files.extend(index.files().into_iter().map(|(name, bytes)| (format!("{folder}/{name}"), bytes)));
        }
        files
    }
}

/// The copied files of the plan, by output path.
fn copies(site: &Site, plan: &Plan) -> Vec<(String, Vec<u8>)> {
    plan.copies
        .iter()
        .map(|copy| {
            let asset = copy.asset(site);
            (asset.path.clone(), asset.bytes.clone())
        })
        .collect()
}

/// The Markdown body of a document, read again from its file.
fn read_body(source: &dyn Source, site: &Site, id: DocId) -> Result<String, Diagnostic> {
    let doc = &site.documents[id];
    let file = format!("{CONTENT}/{}", doc.path);
    match content::load_file(source, &file, &site.config, true) {
        (LoadedFile::Document(_, body), _) => Ok(body),
        (_, mut problems) if !problems.is_empty() => Err(problems.remove(0)),
        _ => Err(Diagnostic::file(&doc.file, "the file changed while it was read: build again")),
    }
}

/// Whether `path` is `folder` or inside it (paths from the site root, `/` separators).
fn is_in(path: &str, folder: &str) -> bool {
    path.strip_prefix(folder).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
