//! `ayuda build`: read → model → render → write, with every error collected.

use crate::calculator_bundle;
use crate::config::SiteConfig;
use crate::content::{self, Asset, Document, Kind};
use crate::diagnostics::{yaml_value_positions, BuildErrors, Diagnostic};
use crate::highlight::Highlighter;
use crate::markdown::{self, Rendered};
use crate::output::{self, Sink};
use crate::output_paths::{alias_file, page_file, Claims};
use crate::render::{Assets, CalculatorAssets, Renderer, TemplateShortcodes};
use crate::site::{DocId, Graph};
use crate::site_files;
use crate::sla_view::SlaView;
use crate::{shortcodes, theme};
use anyhow::Result;
use calculator::Policy;
use rayon::prelude::*;
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
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![Diagnostic::file(file, format!("cannot read the site configuration {}: {e}", path.display()))]
    })?;
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
    crate::sla::read_policy(&path, Path::new(name)).map(Some).map_err(|d| vec![d])
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
fn claim_pages(docs: &[Document], claims: &mut Claims, errors: &mut Vec<Diagnostic>) {
    for doc in docs {
        if let Err(first) = claims.claim(&page_file(&doc.url), || format!("the page {}", doc.file.display()))
        {
            errors.push(Diagnostic::file(
                &doc.file,
                format!("its URL {} is already the URL of {first}", doc.url),
            ));
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
        for (alias, &(line, column)) in doc.front.aliases.iter().zip(&doc.alias_positions) {
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

/// Builds every file of the site into `sink`.
pub fn render_site(options: &BuildOptions, sink: &dyn Sink) -> Result<BuildReport> {
    let root = &options.root;
    let (mut config, theme_folder) = read_config(root).map_err(fail)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.trim_end_matches('/').to_owned();
    }
    let mut errors = Vec::new();
    let policy = read_policy(root, &config).unwrap_or_else(|e| {
        errors.extend(e);
        None
    });
    let template_dirs: Vec<PathBuf> =
        theme_folder.iter().map(|f| f.join("templates")).chain([root.join("templates")]).collect();
    let tera = theme::load(root, &template_dirs).map_err(fail)?;
    let (mut content, load_errors) = content::load(root, &root.join("content"), &config, options.drafts);
    errors.extend(load_errors);
    // What a Markdown link may point to under content/, and the URL it becomes.
    let mut urls: HashMap<String, String> =
        content.documents.iter().map(|d| (d.path.clone(), d.url.clone())).collect();
    urls.extend(content.assets.iter().map(|a| (a.path.clone(), format!("/{}", a.path))));
    let (copied, copy_errors) =
        copied_files(root, std::mem::take(&mut content.assets), theme_folder.as_deref());
    errors.extend(copy_errors);
    let bodies = std::mem::take(&mut content.bodies);
    let docs = &content.documents;

    let (graph, orphans) = Graph::new(docs);
    for id in orphans {
        let doc = &docs[id];
        let needed = if doc.kind == Kind::Section { "its parent folder" } else { "its folder" };
        let suffix = if doc.language == config.default_language {
            String::new()
        } else {
            format!(".{}", doc.language)
        };
        errors.push(Diagnostic::file(
            &doc.file,
            format!("{needed} has no _index{suffix}.md: every folder of pages needs one per language"),
        ));
    }

    let highlighter = Highlighter::new();
    let years = {
        let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        this_year..=this_year + 1
    };
    let sla_views: BTreeMap<&str, SlaView> = match &policy {
        Some(p) => config.languages.iter().map(|l| (l.as_str(), SlaView::new(p, l, years.clone()))).collect(),
        None => BTreeMap::new(),
    };

    // The calculator's files, named by their content.
    let calculator_files: Files = match &policy {
        Some(p) => {
            let policy = p.to_wire();
            let named = |stem: &str, ext: &str, bytes: &[u8]| {
                (format!("assets/{stem}.{}.{ext}", site_files::content_hash(bytes)), bytes.to_vec())
            };
            vec![
                named("sla-policy", "txt", policy.as_bytes()),
                named("calculator", "js", calculator_bundle::MODULE_JS.as_bytes()),
                named("calculator", "wasm", calculator_bundle::WASM),
                named("sla-calculator", "js", calculator_bundle::GLUE_JS.as_bytes()),
            ]
        }
        None => Vec::new(),
    };
    let calculator = (!calculator_files.is_empty()).then(|| {
        let url = |i: usize| format!("/{}", calculator_files[i].0);
        CalculatorAssets { policy: url(0), module: url(1), wasm: url(2), glue: url(3) }
    });

    // The files around the pages, named by their content where browsers may cache them.
    let css = format!("{}\n{}", theme::STYLESHEET, Highlighter::stylesheet());
    let assets = Assets {
        css: format!("/assets/style.{}.css", site_files::content_hash(css.as_bytes())),
        icon: format!("/assets/icon.{}.svg", site_files::content_hash(theme::ICON.as_bytes())),
    };
    let mut files: Files = vec![
        (assets.css.trim_start_matches('/').to_owned(), css.into_bytes()),
        (assets.icon.trim_start_matches('/').to_owned(), theme::ICON.as_bytes().to_vec()),
        ("sitemap.xml".to_owned(), site_files::sitemap(&config.base_url, docs).into_bytes()),
        ("robots.txt".to_owned(), site_files::robots(&config.base_url).into_bytes()),
    ];
    let renderer = Renderer::new(&tera, &config, &graph, &assets);
    for language in &config.languages {
        let feed_url = format!("{}/atom.xml", renderer.language_prefix(language));
        let xml = site_files::feed(&config.base_url, &config.title, &feed_url, language, docs);
        files.push((feed_url.trim_start_matches('/').to_owned(), xml.into_bytes()));
    }
    // Every output file has one source: pages, the generated files, aliases, copied files.
    let mut claims = Claims::default();
    claim_pages(docs, &mut claims, &mut errors);
    for path in files.iter().chain(&calculator_files).map(|(path, _)| path.as_str()).chain(["404.html"]) {
        claims
            .claim(path, || format!("the generated {path}"))
            .expect("generated files have names of their own");
    }
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

    // Markdown, in parallel; each body is dropped once rendered.
    let results: Vec<(Rendered, Vec<Diagnostic>)> = bodies
        .into_par_iter()
        .zip(docs)
        .map(|(body, doc)| {
            let shortcodes = TemplateShortcodes {
                tera: &tera,
                language: &doc.language,
                sla: sla_views.get(doc.language.as_str()),
                calculator: calculator.as_ref(),
            };
            let (expanded, column_map, mut problems) =
                shortcodes::expand(&body, &doc.file, doc.body_line_offset, &shortcodes);
            let cx = markdown::Context {
                file: &doc.file,
                dir: &doc.dir,
                path: &doc.path,
                line_offset: doc.body_line_offset,
                column_map: &column_map,
                strings: crate::i18n::strings(&doc.language),
                faq: doc.front.faq,
                highlighter: &highlighter,
                urls: &urls,
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

    // Anchors, now that every page's headings are known.
    let by_path: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.path.as_str(), i)).collect();
    for (id, r) in rendered.iter().enumerate() {
        for link in &r.links {
            let Some(&target) = by_path.get(link.target.as_str()) else { continue };
            let known = rendered[target].headings.iter().any(|h| h.id == link.anchor);
            if !known {
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

    if !errors.is_empty() {
        return Err(fail(errors));
    }

    // Pages, in parallel; each document's HTML is dropped once its page is written.
    let done = AtomicUsize::new(0);
    let show_progress = options.progress && docs.len() >= PROGRESS_MIN_PAGES;
    let page_errors: Vec<Diagnostic> = rendered
        .into_par_iter()
        .enumerate()
        .filter_map(|(id, rendered)| {
            let written = renderer
                .page(id, &rendered)
                .and_then(|html| sink.put(&page_file(&docs[id].url), &html).map_err(|e| e.to_string()));
            let count = done.fetch_add(1, Ordering::Relaxed) + 1;
            if show_progress && (count.is_multiple_of(250) || count == docs.len()) {
                eprint!("\rRendering pages: {count}/{}", docs.len());
            }
            written.err().map(|m| Diagnostic::file(&docs[id].file, m))
        })
        .collect();
    if show_progress {
        eprintln!();
    }
    errors.extend(page_errors);
    for (file, id) in &aliases {
        let doc = &docs[*id];
        match renderer.alias(&doc.language, &doc.front.title, &doc.url) {
            Ok(html) => files.push((file.clone(), html.into_bytes())),
            Err(m) => errors.push(Diagnostic::file(&doc.file, m)),
        }
    }
    match renderer.not_found() {
        Ok(html) => files.push(("404.html".to_owned(), html.into_bytes())),
        Err(m) => errors.push(Diagnostic::file(Path::new("templates/404.html"), m)),
    }
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    for (path, bytes) in &files {
        sink.put(path, bytes)?;
    }
    Ok(BuildReport { pages: docs.len() + aliases.len() + 1, files: docs.len() + files.len() })
}
