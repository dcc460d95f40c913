//! Building a site: read → model → render → write, with every error collected. The only
//! stage that writes files is [`write`], atomically.

pub mod write;

use crate::write::{self as output, Sink};
use diagnostics::{read_text, yaml_value_positions, BuildErrors, Diagnostic};
use markdown::Highlighter;
use markdown::Rendered;
use model::config::SiteConfig;
use model::content::{self, Asset, Document, Kind};
use model::output_paths::{alias_file, page_file, Claims};
use render::calculator_bundle;
use render::pages::{Assets, CalculatorAssets, Renderer, TemplateFailure, TemplateShortcodes};

use anyhow::Result;
use calculator::Policy;
use model::site::{DocId, Graph};
use rayon::prelude::*;
use render::site_files;
use render::sla_view::SlaView;
use render::theme::{self, Templates};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files of a site, by path.
type Files = Vec<(String, Vec<u8>)>;

/// How to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site folder (with `ayuda.yaml`).
    pub root: PathBuf,
    /// Where the site goes.
    pub out: PathBuf,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Build drafts too.
    pub drafts: bool,
    /// Show page progress on standard error (for long builds on a terminal).
    pub progress: bool,
    /// The day of the build: the SLA page lists the holidays of its year and the next.
    /// [`build_date`] reads it as reproducible builds expect.
    pub today: chrono::NaiveDate,
}

/// The day a build is for: from `SOURCE_DATE_EPOCH` (seconds since 1970, the convention of
/// reproducible builds) when it is set, else today's local date.
pub fn build_date() -> Result<chrono::NaiveDate> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(seconds) => seconds
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|time| time.date_naive())
            .ok_or_else(|| anyhow::anyhow!("SOURCE_DATE_EPOCH: \"{seconds}\" is not a number of seconds")),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}

/// Builds with at least this many pages show progress when asked to.
const PROGRESS_MIN_PAGES: usize = 500;

/// What a successful build made.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages written (redirects and the 404 page included).
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// The path the site is published at (from its base URL): where `ayuda serve` serves it.
    pub base_path: String,
}

/// Builds a site and writes it atomically: on error the previous output is left untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    output::write_atomically(&options.out, |sink| render_site(options, sink))
}

fn fail(diagnostics: Vec<Diagnostic>) -> anyhow::Error {
    BuildErrors::sorted(diagnostics).into()
}

/// Reads the configuration, and finds the folder of the theme it names (if not the built-in).
fn read_config(root: &Path) -> Result<(SiteConfig, Option<PathBuf>), Vec<Diagnostic>> {
    let path = root.join("ayuda.yaml");
    let file = Path::new("ayuda.yaml");
    let what = format!("the site configuration {}", path.display());
    let text = read_text(&path, file, &what).map_err(|d| vec![d])?;
    let config = SiteConfig::parse(&text).map_err(|(position, message)| {
        vec![match position {
            Some((line, column)) => Diagnostic::at(file, line, column, message),
            None => Diagnostic::file(file, message),
        }]
    })?;
    let theme_folder = theme::folder(root, config.theme.as_deref()).map_err(|message| {
        let name = config.theme.clone().unwrap_or_default();
        let (line, column) = yaml_value_positions(&text, 1, "theme", &[name])[0];
        vec![Diagnostic::at(file, line, column, message)]
    })?;
    Ok((config, theme_folder))
}

/// Reads the SLA policy named by the configuration, or `sla.yaml` if present.
fn read_policy(root: &Path, config: &SiteConfig) -> Result<Option<Policy>, Vec<Diagnostic>> {
    let (name, required) = match &config.sla_policy {
        Some(name) => (name.as_str(), true),
        None => ("sla.yaml", false),
    };
    let path = root.join(name);
    if !required && !path.exists() {
        return Ok(None);
    }
    model::policy::read_policy(&path, Path::new(name)).map(Some).map_err(|d| vec![d])
}

/// The files copied as is: those of `content/` that are not Markdown, the theme's `static/`
/// and the site's `static/`, which replaces the theme's files of the same name.
fn copied_files(
    root: &Path,
    content_assets: Vec<Asset>,
    theme_folder: Option<&Path>,
) -> (Vec<Asset>, Vec<Diagnostic>) {
    let (theme_static, mut errors) = match theme_folder {
        Some(folder) => content::load_static(root, &folder.join("static")),
        None => Default::default(),
    };
    let (site_static, site_errors) = content::load_static(root, &root.join("static"));
    errors.extend(site_errors);
    let replaced: HashSet<&str> = site_static.iter().map(|a| a.path.as_str()).collect();
    let theme_static: Vec<Asset> =
        theme_static.into_iter().filter(|a| !replaced.contains(a.path.as_str())).collect();
    let mut assets = content_assets;
    assets.extend(theme_static);
    assets.extend(site_static);
    (assets, errors)
}

/// Claims every page's file.
fn claim_pages(base_path: &str, docs: &[Document], claims: &mut Claims, errors: &mut Vec<Diagnostic>) {
    for doc in docs {
        if let Err(first) =
            claims.claim(&page_file(base_path, &doc.url), || format!("the page {}", doc.file.display()))
        {
            errors.push(Diagnostic::file(&doc.file, format!("its URL {} is taken by {first}", doc.url)));
        }
    }
}

/// Claims every alias's file; returns the aliases as (file, page).
fn claim_aliases(
    docs: &[Document],
    claims: &mut Claims,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, DocId)> {
    let mut aliases = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        for (alias, &(line, column)) in doc.front.aliases.iter().zip(&doc.positions.aliases) {
            let claimed = alias_file(alias).and_then(|file| {
                claims
                    .claim(&file, || format!("the alias {alias} of {}", doc.file.display()))
                    .map_err(|first| format!("the alias {alias} would replace {first}"))?;
                Ok(file)
            });
            match claimed {
                Ok(file) => aliases.push((file, id)),
                Err(message) => errors.push(Diagnostic::at(&doc.file, line, column, message)),
            }
        }
    }
    aliases
}

/// One diagnostic per distinct template failure, however many pages it broke: at the
/// place in the template when it can be found, else on the first page it broke.
fn template_diagnostics(failures: Vec<(&Path, TemplateFailure)>, templates: &Templates) -> Vec<Diagnostic> {
    let mut grouped: BTreeMap<TemplateFailure, (&Path, usize)> = BTreeMap::new();
    // A page whose template does not exist is reported as such, once, with its front matter.
    let missing = |f: &TemplateFailure| templates.tera.get_template(&f.template).is_err();
    for (page, failure) in failures.into_iter().filter(|(_, f)| !missing(f)) {
        grouped.entry(failure).or_insert((page, 0)).1 += 1;
    }
    grouped
        .into_iter()
        .map(|(failure, (page, count))| {
            let others = match count {
                1 => String::new(),
                2 => " and 1 other page".to_owned(),
                n => format!(" and {} other pages", n - 1),
            };
            let TemplateFailure { template, message } = &failure;
            match templates.locate(template, message) {
                Some((file, line, column)) => Diagnostic::at(
                    file,
                    line,
                    column,
                    format!("template error: {message} (rendering {}{others})", page.display()),
                ),
                None => Diagnostic::file(page, format!("template {template}: {message}{others}")),
            }
        })
        .collect()
}

/// The problem of a document whose folder has no section page in its language.
fn orphan_diagnostic(doc: &Document, config: &SiteConfig) -> Diagnostic {
    let needed = if doc.kind == Kind::Section { "its parent folder" } else { "its folder" };
    let suffix =
        if doc.language == config.default_language { String::new() } else { format!(".{}", doc.language) };
    Diagnostic::file(
        &doc.file,
        format!("{needed} has no _index{suffix}.md: every folder of pages needs one per language"),
    )
}

/// The page calculator's files (policy, module, WebAssembly, glue), named by their content.
fn calculator_files(policy: &Policy) -> Files {
    let named = |stem: &str, ext: &str, bytes: &[u8]| {
        (format!("assets/{stem}.{}.{ext}", site_files::content_hash(bytes)), bytes.to_vec())
    };
    vec![
        named("sla-policy", "txt", policy.to_wire().as_bytes()),
        named("calculator", "js", calculator_bundle::MODULE_JS.as_bytes()),
        named("calculator", "wasm", calculator_bundle::WASM),
        named("sla-calculator", "js", calculator_bundle::GLUE_JS.as_bytes()),
    ]
}

/// Links to another page's `#anchor` that is none of its headings' ids, now that every
/// page's headings are known.
fn broken_anchors(docs: &[Document], rendered: &[Rendered]) -> Vec<Diagnostic> {
    let by_path: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.path.as_str(), i)).collect();
    let mut errors = Vec::new();
    for (id, r) in rendered.iter().enumerate() {
        for link in &r.links {
            let Some(&target) = by_path.get(link.target.as_str()) else { continue };
            if !rendered[target].headings.iter().any(|h| h.id == link.anchor) {
                errors.push(Diagnostic::at(
                    &docs[id].file,
                    link.line,
                    link.column,
                    format!(
                        "broken anchor: content/{} has no heading with id \"{}\"",
                        link.target, link.anchor
                    ),
                ));
            }
        }
    }
    errors
}

/// Builds every file of the site into `sink`.
pub fn render_site(options: &BuildOptions, sink: &dyn Sink) -> Result<BuildReport> {
    let root = &options.root;
    let (mut config, theme_folder) = read_config(root).map_err(fail)?;
    if let Some(base_url) = &options.base_url {
        config.set_base_url(base_url).map_err(|m| anyhow::anyhow!("--base-url: {m}"))?;
    }
    let base = config.base_path.clone();
    let mut errors = Vec::new();
    let policy = read_policy(root, &config).unwrap_or_else(|e| {
        errors.extend(e);
        None
    });
    let template_dirs: Vec<PathBuf> =
        theme_folder.iter().map(|f| f.join("templates")).chain([root.join("templates")]).collect();
    // Broken templates are reported with the content's own problems, after the content is read.
    let templates = theme::load(root, &template_dirs);
    let (mut content, load_errors) = content::load(root, &root.join("content"), &config, options.drafts);
    errors.extend(load_errors);
    // What a Markdown link may point to under content/, and the URL it becomes.
    let mut urls: HashMap<String, String> =
        content.documents.iter().map(|d| (d.path.clone(), d.url.clone())).collect();
    urls.extend(content.assets.iter().map(|a| (a.path.clone(), format!("{base}/{}", a.path))));
    let (copied, copy_errors) =
        copied_files(root, std::mem::take(&mut content.assets), theme_folder.as_deref());
    errors.extend(copy_errors);
    let bodies = std::mem::take(&mut content.bodies);
    let docs = &content.documents;

    let (graph, orphans) = Graph::new(docs);
    errors.extend(orphans.into_iter().map(|id| orphan_diagnostic(&docs[id], &config)));

    let highlighter = Highlighter::new();
    let years = {
        let this_year = chrono::Datelike::year(&options.today);
        this_year..=this_year + 1
    };
    let sla_views: BTreeMap<&str, SlaView> = match &policy {
        Some(p) => config.languages.iter().map(|l| (l.as_str(), SlaView::new(p, l, years.clone()))).collect(),
        None => BTreeMap::new(),
    };

    let calculator_files: Files = policy.as_ref().map(calculator_files).unwrap_or_default();
    let calculator = (!calculator_files.is_empty()).then(|| {
        let url = |i: usize| format!("{base}/{}", calculator_files[i].0);
        CalculatorAssets { policy: url(0), module: url(1), wasm: url(2), glue: url(3) }
    });

    // The files around the pages, named by their content where browsers may cache them.
    let css = format!("{}\n{}", theme::STYLESHEET, Highlighter::stylesheet());
    let css_file = format!("assets/style.{}.css", site_files::content_hash(css.as_bytes()));
    let icon_file = format!("assets/icon.{}.svg", site_files::content_hash(theme::ICON.as_bytes()));
    let assets = Assets { css: format!("{base}/{css_file}"), icon: format!("{base}/{icon_file}") };
    let mut files: Files = vec![
        (css_file, css.into_bytes()),
        (icon_file, theme::ICON.as_bytes().to_vec()),
        (
            "sitemap.xml".to_owned(),
            site_files::sitemap(config.origin(), docs, &graph.last_changes()).into_bytes(),
        ),
        ("robots.txt".to_owned(), site_files::robots(&config.base_url).into_bytes()),
    ];
    for language in &config.languages {
        let feed_file = format!("{}/atom.xml", config.language_prefix(language));
        let feed_url = format!("{base}{feed_file}");
        let (title, subtitle) = (config.title(language), config.description(language));
        let xml = site_files::feed(config.origin(), title, subtitle, &feed_url, language, docs);
        files.push((feed_file.trim_start_matches('/').to_owned(), xml.into_bytes()));
    }
    // Every output file has one source: the generated files, pages, aliases, copied files.
    let mut claims = Claims::default();
    for path in files.iter().chain(&calculator_files).map(|(path, _)| path.as_str()).chain(["404.html"]) {
        claims.claim(path, || format!("the generated {path}")).expect("generated files have distinct names");
    }
    claim_pages(&base, docs, &mut claims, &mut errors);
    let aliases = claim_aliases(docs, &mut claims, &mut errors);
    files.extend(calculator_files);
    for asset in copied {
        match claims.claim(&asset.path, || asset.file.display().to_string()) {
            Ok(()) => files.push((asset.path, asset.bytes)),
            Err(first) => errors.push(Diagnostic::file(
                &asset.file,
                format!("copying it to {} would replace {first}", asset.path),
            )),
        }
    }

    let templates = match templates {
        Ok(templates) => templates,
        Err(template_errors) => {
            errors.extend(template_errors);
            return Err(fail(errors));
        }
    };
    let tera = &templates.tera;
    for doc in docs {
        if let Some(name) = doc.front.template.as_deref().filter(|n| tera.get_template(n).is_err()) {
            let (line, column) = doc.positions.template;
            errors.push(Diagnostic::at(&doc.file, line, column, format!("there is no template {name}")));
        }
    }

    // Markdown, in parallel; each body is dropped once rendered.
    let results: Vec<(Rendered, Vec<Diagnostic>)> = bodies
        .into_par_iter()
        .zip(docs)
        .map(|(body, doc)| {
            let shortcodes = TemplateShortcodes {
                tera,
                language: &doc.language,
                sla: sla_views.get(doc.language.as_str()),
                calculator: calculator.as_ref(),
            };
            let (expanded, column_map, mut problems) =
                markdown::expand(&body, &doc.file, doc.body_line_offset, &shortcodes);
            let cx = markdown::Context {
                file: &doc.file,
                dir: &doc.dir,
                path: &doc.path,
                line_offset: doc.body_line_offset,
                column_map: &column_map,
                labels: &render::i18n::strings(&doc.language).labels,
                faq: doc.front.faq,
                highlighter: &highlighter,
                urls: &urls,
                translation_language: (doc.language != config.default_language)
                    .then_some(doc.language.as_str()),
            };
            let (rendered, more) = markdown::render(&expanded, &cx);
            problems.extend(more);
            (rendered, problems)
        })
        .collect();
    let mut rendered = Vec::with_capacity(results.len());
    for (r, problems) in results {
        errors.extend(problems);
        rendered.push(r);
    }

    errors.extend(broken_anchors(docs, &rendered));

    // Pages, in parallel, even when the content has problems: the templates' own are found
    // too, for one report. Each document's HTML is dropped once its page is written.
    let renderer = Renderer::new(tera, &config, &graph, &assets);
    let done = AtomicUsize::new(0);
    let show_progress = options.progress && docs.len() >= PROGRESS_MIN_PAGES;
    let page_results: Vec<Option<(&Path, TemplateFailure)>> = rendered
        .into_par_iter()
        .enumerate()
        .map(|(id, rendered)| {
            let failure = match renderer.page(id, &rendered) {
                Ok(html) => {
                    sink.put(&page_file(&base, &docs[id].url), &html)?;
                    None
                }
                Err(failure) => Some((docs[id].file.as_path(), failure)),
            };
            let count = done.fetch_add(1, Ordering::Relaxed) + 1;
            if show_progress && (count.is_multiple_of(250) || count == docs.len()) {
                eprint!("\rRendering pages: {count}/{}", docs.len());
            }
            Ok(failure)
        })
        .collect::<Result<_>>()?;
    if show_progress {
        eprintln!();
    }
    let mut failures: Vec<(&Path, TemplateFailure)> = page_results.into_iter().flatten().collect();
    for (file, id) in &aliases {
        let doc = &docs[*id];
        match renderer.alias(&doc.language, &doc.front.title, &doc.url) {
            Ok(html) => files.push((file.clone(), html.into_bytes())),
            Err(failure) => failures.push((&doc.file, failure)),
        }
    }
    match renderer.not_found() {
        Ok(html) => files.push(("404.html".to_owned(), html.into_bytes())),
        Err(failure) => failures.push((Path::new("404.html"), failure)),
    }
    errors.extend(template_diagnostics(failures, &templates));
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    for (path, bytes) in &files {
        sink.put(path, bytes)?;
    }
    Ok(BuildReport {
        pages: docs.len() + aliases.len() + 1,
        files: docs.len() + files.len(),
        base_path: base,
    })
}
