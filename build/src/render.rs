//! Rendering a loaded site: each page from its Markdown body, and the files around the pages.
//! Pure: model in, bytes and findings out; it reads no file and writes none.

use crate::outputs::Plan;
use crate::search_records::{self, SEARCH_FOLDER};
use calculator::Policy;
use diagnostics::Diagnostic;
use markdown::{Highlighter, LinkCheck, LinkTargets, Unpublished};
use model::deps::{Dep, Reads};
use model::output_paths::page_file;
use model::site::config_problem;
use model::{DocId, Site};
use render::bundles::{self, Bundle};
use render::content_hash::content_hash;
use render::pages::{
    contact_page_url, not_found_page_url, search_page_url, Assets, BatchCache, CalculatorAssets,
    FaqQuestions, Question, Renderer, SearchAssets, TemplateFailure, TemplateShortcodes,
};
use render::site_files;
use render::sla_view::SlaView;
use render::theme::{self, Templates};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Files by path in the site.
pub type Files = Vec<(String, Vec<u8>)>;

/// What rendering one page found, besides its bytes: what the site-wide checks need and
/// what the page read.
#[derive(Clone, Debug, Default)]
pub struct PageRecord {
    /// The ids of the page's headings, for the anchors of links to it.
    pub heading_ids: Vec<String>,
    /// Its links to anchors, checked once every page's headings are known.
    pub anchor_links: Vec<LinkCheck>,
    /// Problems in its Markdown and shortcodes.
    pub problems: Vec<Diagnostic>,
    /// Its template's failure, if it failed.
    pub failure: Option<TemplateFailure>,
    /// The facts of the model it read.
    pub deps: Vec<Dep>,
    /// What it gives the search index (nothing if it failed).
    pub search: Vec<search::Record>,
    /// On a FAQ page, its questions (for the home page, when it is featured).
    pub questions: Vec<Question>,
}

/// Everything the pages of one site share: compiled templates, highlighting, the SLA views
/// and the names of the assets. Made again only when templates, configuration or policy change.
pub struct SiteRenderer {
    /// The templates.
    pub templates: Templates,
    sla_views: BTreeMap<String, SlaView>,
    /// The policy file has errors (see [`model::Site::policy_broken`]).
    policy_broken: bool,
    calculator: Option<CalculatorAssets>,
    calculator_files: Files,
    /// The page search's module, WebAssembly and glue, when search is on.
    search_files: Files,
    assets: Assets,
    css: (String, Vec<u8>),
    script: (String, Vec<u8>),
    icon: (String, Vec<u8>),
    /// The logo, when the site has one.
    logo: Option<(String, Vec<u8>)>,
    /// The day of the build: it decides whether the banner is still shown.
    today: chrono::NaiveDate,
}

/// The highlighter, with its syntaxes loaded once per process (they never change, and loading
/// them is most of the cost of starting a build of a small site).
fn highlighter() -> &'static Highlighter {
    static HIGHLIGHTER: std::sync::OnceLock<Highlighter> = std::sync::OnceLock::new();
    HIGHLIGHTER.get_or_init(Highlighter::new)
}

/// An asset, named by its content: `assets/STEM.HASH.EXT`.
fn asset(stem: &str, ext: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    (format!("assets/{stem}.{}.{ext}", content_hash(bytes)), bytes.to_vec())
}

/// A bundle's files (module, WebAssembly, glue), named by their content.
fn bundle_files(bundle: &Bundle) -> Files {
    bundle.files().iter().map(|(stem, ext, bytes)| asset(stem, ext, bytes)).collect()
}

/// The page calculator's files (policy, module, WebAssembly, glue), named by their content.
fn calculator_files(policy: &Policy) -> Files {
    let mut files = vec![asset("sla-policy", "txt", policy.to_wire().as_bytes())];
    files.extend(bundle_files(&bundles::CALCULATOR));
    files
}

/// The search page of each language, by output file.
fn search_pages(site: &Site) -> Vec<(String, &str)> {
    let config = &site.config;
    let languages = config.languages.iter().filter(|_| config.search);
    languages.map(|l| (page_file(&config.base_path, &search_page_url(config, l)), l.as_str())).collect()
}

/// The contact page of each language, by output file, when the site has an SLA policy; not
/// in a language where a page of the site has its URL (`content/contacto/_index.md`): the
/// writers' own page is the contact page there.
fn contact_pages(site: &Site) -> Vec<(String, &str)> {
    let config = &site.config;
    let languages = config.languages.iter().filter(|_| site.policy.is_some());
    let urls = languages.map(|l| (contact_page_url(config, l), l.as_str()));
    let free = urls.filter(|(url, _)| site.documents.iter().all(|doc| &doc.url != url));
    free.map(|(url, l)| (page_file(&config.base_path, &url), l)).collect()
}

/// A file of the site's `static/` folder that `branding` names, named by its content as an
/// asset (`assets/STEM.HASH.EXT`); an error at `position` in `ayuda.yaml` when there is none.
fn branding_file(
    site: &Site,
    field: &str,
    path: &str,
    position: (usize, usize),
) -> Result<(String, Vec<u8>), Diagnostic> {
    let file = site.static_files.iter().find(|f| f.path == path.trim_start_matches('/'));
    let (stem, ext) = path.rsplit_once('.').map_or((path, ""), |(stem, ext)| (stem, ext));
    let stem = stem.rsplit('/').next().unwrap_or(stem);
    match file {
        Some(file) if !ext.is_empty() => Ok(asset(stem, &ext.to_ascii_lowercase(), &file.bytes)),
        _ => Err(config_problem(
            position,
            format!("branding.{field}: there is no file static/{path} (a path under the site's static/ folder, with its extension)"),
        )),
    }
}

/// The path under `static/` of a stylesheet that replaces the built-in one, in a site's or its
/// theme's folder.
pub const STYLESHEET: &str = "style.css";

/// The 404 page of each language, by file: `404.html`, `en/404.html`.
fn not_found_pages(site: &Site) -> Vec<(String, &str)> {
    let config = &site.config;
    let file = |url: String| url[config.base_path.len()..].trim_start_matches('/').to_owned();
    config.languages.iter().map(|l| (file(not_found_page_url(config, l)), l.as_str())).collect()
}

impl SiteRenderer {
    /// Compiles the site's templates over the built-in ones and names the assets. `today`
    /// decides the holiday years of the SLA pages (this year and the next).
    pub fn new(site: &Site, today: chrono::NaiveDate) -> Result<SiteRenderer, Vec<Diagnostic>> {
        let templates = theme::compile(&site.templates)?;
        let base = &site.config.base_path;
        let this_year = chrono::Datelike::year(&today);
        let sla_views = match &site.policy {
            Some(p) => site
                .config
                .languages
                .iter()
                .map(|l| (l.clone(), SlaView::new(p, l, this_year..=this_year + 1)))
                .collect(),
            None => BTreeMap::new(),
        };
        let calculator_files: Files = site.policy.as_ref().map(calculator_files).unwrap_or_default();
        let calculator = (!calculator_files.is_empty()).then(|| {
            let url = |i: usize| format!("{base}/{}", calculator_files[i].0);
            CalculatorAssets { policy: url(0), module: url(1), wasm: url(2), glue: url(3) }
        });
        // The files around the pages, named by their content where browsers may cache them.
        let config = &site.config;
        let mut problems: Vec<Diagnostic> = render::branding::accent_problems(config)
            .into_iter()
            .map(|(scheme, message)| config_problem(config.positions.accent[scheme], message))
            .collect();
        let branding = &config.branding;
        let mut named = |field: &str, path: Option<&String>, position| {
            path.and_then(|path| {
                branding_file(site, field, path, position).map_err(|e| problems.push(e)).ok()
            })
        };
        let logo = named("logo", branding.logo.as_ref(), config.positions.logo);
        let favicon = named("favicon", branding.favicon.as_ref(), config.positions.favicon);
        let logo_width = logo.as_ref().and_then(|(_, bytes)| {
            let width = render::branding::logo_width(bytes);
            if width.is_none() {
                problems.push(config_problem(
                    config.positions.logo,
                    "branding.logo: its size cannot be read: use a PNG, JPEG, GIF or WebP, or an SVG \
                     with a viewBox (or width and height)",
                ));
            }
            width
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        // A `static/style.css` of the site or of its theme replaces the built-in one.
        let stylesheet = site.static_files.iter().find(|f| f.path == STYLESHEET);
        let stylesheet = stylesheet.map_or(theme::built_in_file("static/style.css"), |f| f.bytes.as_slice());
        let generated = format!("\n{}{}", render::branding::accent_css(config), Highlighter::stylesheet());
        let css = asset("style", "css", &[stylesheet, generated.as_bytes()].concat());
        let script = asset("page", "js", theme::built_in_file("static/page.js"));
        let (icon_file, icon) =
            favicon.unwrap_or_else(|| asset("icon", "svg", theme::built_in_file("static/icon.svg")));
        let search_files = if site.config.search { bundle_files(&bundles::SEARCH) } else { Vec::new() };
        let search = (!search_files.is_empty()).then(|| {
            let url = |i: usize| format!("{base}/{}", search_files[i].0);
            SearchAssets {
                module: url(0),
                wasm: url(1),
                glue: url(2),
                indexes: format!("{base}/{SEARCH_FOLDER}"),
            }
        });
        let assets = Assets {
            css: format!("{base}/{}", css.0),
            script: format!("{base}/{}", script.0),
            icon: format!("{base}/{icon_file}"),
            logo: logo.as_ref().zip(logo_width).map(|((file, _), width)| render::branding::Logo {
                url: format!("{base}/{file}"),
                width,
                height: render::branding::LOGO_HEIGHT,
            }),
            search,
        };
        Ok(SiteRenderer {
            templates,
            sla_views,
            policy_broken: site.policy_broken,
            calculator,
            calculator_files,
            search_files,
            assets,
            css,
            script,
            icon: (icon_file, icon),
            logo,
            today,
        })
    }

    /// The names of the files made besides pages, aliases and copies, in claim order.
    pub fn generated_names(&self, site: &Site) -> Vec<String> {
        let mut names = vec![
            self.css.0.clone(),
            self.script.0.clone(),
            self.icon.0.clone(),
            "sitemap.xml".to_owned(),
            "robots.txt".to_owned(),
        ];
        names.extend(self.logo.iter().map(|(file, _)| file.clone()));
        names.extend(site.config.languages.iter().map(|l| feed_file(site, l)));
        names.extend(self.calculator_files.iter().chain(&self.search_files).map(|(path, _)| path.clone()));
        names.extend(not_found_pages(site).into_iter().map(|(file, _)| file));
        names.extend(search_pages(site).into_iter().map(|(file, _)| file));
        names.extend(contact_pages(site).into_iter().map(|(file, _)| file));
        names
    }

    /// Renders one page from its Markdown `body`; `targets` is [`link_targets`] of the site and
    /// `batch` what the pages of this batch share, `questions` the FAQ pages' questions (for
    /// a home page). With `track`, the record says what the page read.
    #[allow(clippy::too_many_arguments)]
    pub fn page(
        &self,
        site: &Site,
        targets: &LinkTargets,
        batch: &BatchCache,
        questions: &FaqQuestions,
        id: DocId,
        body: &str,
        track: bool,
    ) -> (Option<Vec<u8>>, PageRecord) {
        let doc = &site.documents[id];
        let config = &site.config;
        let shortcodes = TemplateShortcodes {
            templates: &self.templates,
            language: &doc.language,
            sla: self.sla_views.get(doc.language.as_str()),
            policy_broken: self.policy_broken,
            calculator: self.calculator.as_ref(),
        };
        let (expanded, column_map, mut problems) =
            markdown::expand(body, &doc.file, doc.body_line_offset, &shortcodes);
        let mut reads = Reads::new(track);
        if let std::borrow::Cow::Owned(_) = expanded {
            // Shortcodes read the SLA policy (and the calculator's file names made from it).
            reads.read(|| Dep::Policy);
        }
        let renderer = Renderer::new(&self.templates.tera, site, &self.assets, batch, self.today)
            .with_support(&self.sla_views, questions);
        let answer_feedback = if doc.front.faq { renderer.faq_answer_feedback(id) } else { None };
        let cx = markdown::Context {
            file: &doc.file,
            dir: &doc.dir,
            path: &doc.path,
            line_offset: doc.body_line_offset,
            column_map: &column_map,
            labels: &render::i18n::strings(&doc.language).labels,
            faq: doc.front.faq,
            faq_answer_end: answer_feedback.as_ref().map(|end| end as markdown::AnswerEnd),
            highlighter: highlighter(),
            targets,
            translation_language: (doc.language != config.default_language).then_some(doc.language.as_str()),
            search_text: search_records::indexed(site, id),
        };
        let (mut rendered, more) = markdown::render(&expanded, &cx);
        problems.extend(more);
        for path in &rendered.looked_up {
            reads.read(|| Dep::Path(path.clone()));
        }
        let (bytes, failure, search) = match renderer.page(id, &rendered, &mut reads) {
            Ok(bytes) => (Some(bytes), None, search_records::records(site, id, &mut rendered, &mut reads)),
            Err(failure) => (None, Some(failure), Vec::new()),
        };
        let record = PageRecord {
            heading_ids: rendered.headings.into_iter().map(|h| h.id).collect(),
            anchor_links: rendered.links,
            problems,
            failure,
            deps: reads.into_deps(),
            search,
            questions: if doc.front.faq {
                rendered.faq.iter().map(|f| Question { id: f.id.clone(), text: f.question.clone() }).collect()
            } else {
                Vec::new()
            },
        };
        (bytes, record)
    }

    /// The files made from the whole site that need no plan of the output: stylesheet, page
    /// script, icon, logo, sitemap, robots.txt, feeds, and the calculator's and the search's
    /// files. (A build makes them while it plans the output.)
    pub fn site_files(&self, site: &Site) -> Files {
        let config = &site.config;
        let mut files: Files = vec![self.css.clone(), self.script.clone(), self.icon.clone()];
        files.extend(self.logo.iter().cloned());
        files.extend([
            (
                "sitemap.xml".to_owned(),
                site_files::sitemap(config.origin(), &site.documents, &site.last_changes()).into_bytes(),
            ),
            ("robots.txt".to_owned(), site_files::robots(&config.base_url).into_bytes()),
        ]);
        for language in &config.languages {
            let feed_file = feed_file(site, language);
            let feed_url = format!("{}/{feed_file}", config.base_path);
            let (title, subtitle) = (config.title(language), config.description(language));
            let xml =
                site_files::feed(config.origin(), title, subtitle, &feed_url, language, &site.documents);
            files.push((feed_file, xml.into_bytes()));
        }
        files.extend(self.calculator_files.iter().chain(&self.search_files).cloned());
        files
    }

    /// The pages the build makes around the documents: redirect pages (the plan's aliases),
    /// the 404 pages, the search pages and the contact pages; and the template failures
    /// among them, by the input they were made for.
    pub fn generated_pages(&self, site: &Site, plan: &Plan) -> (Files, Vec<(PathBuf, TemplateFailure)>) {
        let mut files = Files::new();
        let batch = BatchCache::default();
        let no_questions = FaqQuestions::new();
        let renderer = Renderer::new(&self.templates.tera, site, &self.assets, &batch, self.today)
            .with_support(&self.sla_views, &no_questions);
        let mut failures = Vec::new();
        for (file, id) in &plan.aliases {
            let doc = &site.documents[*id];
            match renderer.alias(&doc.language, &doc.front.title, &doc.url) {
                Ok(html) => files.push((file.clone(), html.into_bytes())),
                Err(failure) => failures.push((doc.file.clone(), failure)),
            }
        }
        for (file, language) in not_found_pages(site) {
            match renderer.not_found(language) {
                Ok(html) => files.push((file, html.into_bytes())),
                Err(failure) => failures.push((PathBuf::from(file), failure)),
            }
        }
        for (file, language) in search_pages(site) {
            match renderer.search_page(language) {
                Ok(html) => files.push((file, html.into_bytes())),
                Err(failure) => failures.push((PathBuf::from(file), failure)),
            }
        }
        for (file, language) in contact_pages(site) {
            match renderer.contact_page(language) {
                Some(Ok(html)) => files.push((file, html.into_bytes())),
                Some(Err(failure)) => failures.push((PathBuf::from(file), failure)),
                None => {}
            }
        }
        (files, failures)
    }
}

/// The feed of a language: `atom.xml` in its folder.
fn feed_file(site: &Site, language: &str) -> String {
    format!("{}/atom.xml", site.config.language_prefix(language)).trim_start_matches('/').to_owned()
}

/// What a Markdown link may point to: the URL each file under `content/` becomes, then the
/// files of `static/` (published at the same place: `/img/logo.png` is `static/img/logo.png`
/// when `content/` has no such file), and why the files that are not published are not.
pub fn link_targets(site: &Site) -> LinkTargets {
    let base = &site.config.base_path;
    let mut urls: HashMap<String, String> =
        site.documents.iter().map(|d| (d.path.clone(), d.url.clone())).collect();
    for asset in site.content_assets.iter().chain(&site.static_files) {
        urls.entry(asset.path.clone()).or_insert_with(|| format!("{base}/{}", asset.path));
    }
    let unpublished = site.unpublished.iter().map(|(path, &why)| {
        let failed_to_load = why == model::content::Unpublished::FailedToLoad;
        (path.clone(), Unpublished { why: why.explain(&format!("content/{path}")), failed_to_load })
    });
    LinkTargets { urls, unpublished: unpublished.collect() }
}
