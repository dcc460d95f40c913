//! Page views for the templates, and rendering every page with Tera.

use crate::i18n::{self, Strings};
use crate::sla_view::SlaView;
use markdown::{escape, Rendered, ShortcodeRenderer, Value};
use model::config::SiteConfig;
use model::content::Kind;
use model::site::{DocId, Graph};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// How many related articles a page lists.
const RELATED_COUNT: usize = 5;

/// How many articles of each tag outside its own section a page considers for "related".
const RELATED_SCAN: usize = 40;

/// How many articles of the current section the menu lists before "See all".
pub const MENU_ARTICLE_LIMIT: usize = 15;

/// Room for what a page has besides its content and menu (head, breadcrumbs, table of
/// contents, related links), so that its buffer seldom grows while Tera writes it.
const PAGE_FRAME_BYTES: usize = 8 * 1024;

/// Asset URLs, content-hashed.
#[derive(Clone, Debug, Serialize)]
pub struct Assets {
    /// The stylesheet.
    pub css: String,
    /// The site icon.
    pub icon: String,
}

/// Which menu a page shows: its language and the deepest section that is open.
type MenuKey = (String, Option<DocId>);

/// A menu, rendered once for all the pages that show it.
struct Menu {
    html: String,
    /// For each URL the menu links to (as written in the HTML): the offset of the `>` that
    /// closes its first `<a href="URL">`, where a page marks its own link.
    marks: HashMap<String, usize>,
    /// Where the first "see all" item starts: the open section's, when its list is cut.
    see_all: Option<usize>,
}

/// How the menu template starts the item that links to a section's whole list; an article
/// beyond the menu's limit is shown just before it.
const SEE_ALL_ITEM: &str = "<li class=\"menu-more\">";

impl Menu {
    fn new(html: String) -> Menu {
        let mut marks = HashMap::new();
        for (at, opening) in html.match_indices("<a href=\"") {
            let url_start = at + opening.len();
            let Some(url_length) = html[url_start..].find('"') else { continue };
            let close = url_start + url_length + 1;
            if html[close..].starts_with('>') {
                marks.entry(html[url_start..close - 1].to_owned()).or_insert(close);
            }
        }
        let see_all = html.find(SEE_ALL_ITEM);
        Menu { html, marks, see_all }
    }

    /// The menu with the first link to `url` marked as the current page. An article the menu
    /// does not list (its section's list is cut) is added, marked, before "see all".
    fn marking(&self, url: &str, article_title: Option<&str>) -> String {
        let url = escape(url);
        match (self.marks.get(&url), article_title, self.see_all) {
            (Some(&close), _, _) => {
                let (before, after) = self.html.split_at(close);
                format!("{before} aria-current=\"page\"{after}")
            }
            (None, Some(title), Some(at)) => {
                let (before, after) = self.html.split_at(at);
                let title = escape(title);
                format!("{before}<li class=\"menu-article\"><a href=\"{url}\" aria-current=\"page\">{title}</a></li>\n  {after}")
            }
            _ => self.html.clone(),
        }
    }
}

/// Site-wide values for templates.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    home_url: String,
    feed_url: String,
    extra: &'a BTreeMap<String, yaml_serde::Value>,
}

#[derive(Serialize, Clone)]
struct LinkView {
    title: String,
    url: String,
    description: Option<String>,
}

#[derive(Serialize)]
struct LanguageLink {
    lang: String,
    name: String,
    url: String,
    current: bool,
}

/// Another language of the site, for the 404 page.
#[derive(Serialize)]
struct OtherLanguage<'a> {
    lang: &'a str,
    t: &'static Strings,
    home_url: &'a str,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    permalink: String,
}

#[derive(Serialize)]
struct MenuItem {
    title: String,
    url: String,
    open: bool,
    articles: Vec<LinkView>,
    children: Vec<MenuItem>,
    more: usize,
    total: usize,
}

#[derive(Serialize)]
struct PageView<'a> {
    kind: Kind,
    title: &'a str,
    description: Option<&'a str>,
    url: &'a str,
    permalink: String,
    content: &'a str,
    toc: Vec<&'a markdown::Heading>,
    updated_text: Option<String>,
    updated_iso: Option<String>,
    reading_text: String,
    tags: &'a [String],
    breadcrumbs: Vec<LinkView>,
    prev: Option<LinkView>,
    next: Option<LinkView>,
    related: Vec<LinkView>,
    articles: Vec<LinkView>,
    subsections: Vec<LinkView>,
    translations: Vec<LanguageLink>,
    alternates: Vec<Alternate>,
    faq_json_ld: Option<String>,
    /// Kept out of search engines (the 404 page): no canonical URL, `noindex`.
    noindex: bool,
    extra: &'a BTreeMap<String, yaml_serde::Value>,
}

/// Everything shared by the pages of a build.
pub struct Renderer<'a> {
    /// The templates.
    pub tera: &'a tera::Tera,
    /// The site configuration.
    pub config: &'a SiteConfig,
    /// The document graph.
    pub graph: &'a Graph<'a>,
    /// Asset URLs.
    pub assets: &'a Assets,
    /// Articles by (language, tag), for related articles.
    by_tag: HashMap<(&'a str, &'a str), Vec<DocId>>,
    /// Each document's tags as numbers, for quick comparison.
    tag_ids: Vec<Vec<u32>>,
    /// Menus already rendered.
    menus: Mutex<HashMap<MenuKey, Arc<Menu>>>,
}

impl<'a> Renderer<'a> {
    /// A renderer for one build.
    pub fn new(
        tera: &'a tera::Tera,
        config: &'a SiteConfig,
        graph: &'a Graph<'a>,
        assets: &'a Assets,
    ) -> Renderer<'a> {
        let mut by_tag: HashMap<(&str, &str), Vec<DocId>> = HashMap::new();
        for (id, doc) in graph.docs.iter().enumerate().filter(|(_, d)| d.kind == Kind::Article) {
            for tag in &doc.front.tags {
                by_tag.entry((doc.language.as_str(), tag.as_str())).or_default().push(id);
            }
        }
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        let tag_ids = graph
            .docs
            .iter()
            .map(|d| {
                d.front
                    .tags
                    .iter()
                    .map(|t| {
                        let next = numbers.len() as u32;
                        *numbers.entry(t.as_str()).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        Renderer { tera, config, graph, assets, by_tag, tag_ids, menus: Mutex::new(HashMap::new()) }
    }

    fn link(&self, id: DocId) -> LinkView {
        let doc = &self.graph.docs[id];
        LinkView {
            title: doc.front.title.clone(),
            url: doc.url.clone(),
            description: doc.front.description.clone(),
        }
    }

    /// The absolute URL of a link (a path that starts with the site's base path).
    pub fn permalink(&self, url: &str) -> String {
        format!("{}{url}", self.config.origin())
    }

    /// The link to a path of the site (`/atom.xml`): the path after the base path.
    pub fn link_to(&self, site_path: &str) -> String {
        format!("{}{site_path}", self.config.base_path)
    }

    fn site_view(&self, language: &str) -> SiteView<'_> {
        let prefix = self.config.language_prefix(language);
        SiteView {
            title: self.config.title(language),
            base_url: &self.config.base_url,
            home_url: self.link_to(&format!("{prefix}/")),
            feed_url: self.link_to(&format!("{prefix}/atom.xml")),
            extra: &self.config.extra,
        }
    }

    /// The menu of a page, as HTML, with the page's own link marked as current.
    fn menu_html(
        &self,
        language: &str,
        current: Option<DocId>,
        open: &[DocId],
    ) -> Result<String, TemplateFailure> {
        let deepest = open.last().copied().filter(|&d| Some(d) != self.graph.home(language));
        let key = (language.to_owned(), deepest);
        let cached = self.menus.lock().expect("menu cache").get(&key).cloned();
        let menu = match cached {
            Some(menu) => menu,
            None => {
                let items =
                    self.graph.home(language).map(|home| self.menu_level(home, open)).unwrap_or_default();
                let mut context = tera::Context::new();
                context.insert("menu", &items);
                context.insert("t", i18n::strings(language));
                let html =
                    self.tera.render("menu.html", &context).map_err(|e| template_error("menu.html", &e))?;
                let menu = Arc::new(Menu::new(html));
                self.menus.lock().expect("menu cache").insert(key, menu.clone());
                menu
            }
        };
        Ok(match current.map(|id| &self.graph.docs[id]) {
            Some(doc) => {
                let article_title = (doc.kind == Kind::Article).then_some(doc.front.title.as_str());
                menu.marking(&doc.url, article_title)
            }
            None => menu.html.clone(),
        })
    }

    fn menu_level(&self, parent: DocId, open: &[DocId]) -> Vec<MenuItem> {
        let Some(sections) = self.graph.subsections.get(&parent) else { return Vec::new() };
        sections
            .iter()
            .map(|&id| {
                let doc = &self.graph.docs[id];
                let is_open = open.contains(&id);
                let all = self.graph.articles.get(&id).map(Vec::as_slice).unwrap_or_default();
                let shown = &all[..all.len().min(MENU_ARTICLE_LIMIT)];
                MenuItem {
                    title: doc.front.title.clone(),
                    url: doc.url.clone(),
                    open: is_open,
                    articles: if is_open {
                        shown.iter().map(|&a| self.link(a)).collect()
                    } else {
                        Vec::new()
                    },
                    children: if is_open { self.menu_level(id, open) } else { Vec::new() },
                    more: if is_open { all.len() - shown.len() } else { 0 },
                    total: all.len(),
                }
            })
            .collect()
    }

    /// Up to [`RELATED_COUNT`] articles of the same language sharing the most tags,
    /// preferring the same section. The work per page is bounded: the page's own section,
    /// and the first [`RELATED_SCAN`] articles of each of its tags elsewhere.
    fn related(&self, id: DocId) -> Vec<LinkView> {
        let tags = &self.tag_ids[id];
        let parent = self.graph.parent.get(&id);
        let same_section =
            parent.and_then(|p| self.graph.articles.get(p)).map(Vec::as_slice).unwrap_or_default();
        let shared = |o: DocId| self.tag_ids[o].iter().filter(|t| tags.contains(t)).count();
        let doc = &self.graph.docs[id];
        let mut elsewhere: Vec<DocId> = Vec::new();
        for tag in &doc.front.tags {
            let others = self
                .by_tag
                .get(&(doc.language.as_str(), tag.as_str()))
                .map(Vec::as_slice)
                .unwrap_or_default();
            elsewhere.extend(
                others.iter().copied().filter(|o| self.graph.parent.get(o) != parent).take(RELATED_SCAN),
            );
        }
        // An article that shares several tags is listed under each of them.
        elsewhere.sort_unstable();
        elsewhere.dedup();
        // Ordered best first: most tags shared, then the same section, then the lowest id.
        let rank = |other: DocId, same: bool| (Reverse(shared(other)), Reverse(same), other);
        let candidates = same_section
            .iter()
            .filter(|&&o| o != id)
            .map(|&o| rank(o, true))
            .chain(elsewhere.into_iter().map(|o| rank(o, false)));
        let mut best = Vec::with_capacity(RELATED_COUNT + 1);
        for candidate in candidates {
            let place = best.partition_point(|better| *better < candidate);
            if place < RELATED_COUNT {
                best.insert(place, candidate);
                best.truncate(RELATED_COUNT);
            }
        }
        best.into_iter().map(|(_, _, other)| self.link(other)).collect()
    }

    /// Renders one document's page around its rendered Markdown, as UTF-8.
    pub fn page(&self, id: DocId, rendered: &Rendered) -> Result<Vec<u8>, TemplateFailure> {
        let doc = &self.graph.docs[id];
        let language = doc.language.as_str();
        let strings: &Strings = i18n::strings(language);
        let ancestors = self.graph.ancestors(id);
        let siblings = self.graph.parent.get(&id).and_then(|p| self.graph.articles.get(p));
        let position = siblings.and_then(|s| s.iter().position(|x| *x == id));
        let (prev, next) = match (siblings, position, doc.kind) {
            (Some(s), Some(i), Kind::Article) => {
                (i.checked_sub(1).map(|p| self.link(s[p])), s.get(i + 1).map(|&n| self.link(n)))
            }
            _ => (None, None),
        };
        let versions = &self.graph.translations[doc.translation_key.as_str()];
        let translations = self
            .config
            .languages
            .iter()
            .filter_map(|lang| {
                // This page in that language, else its nearest section that has one, else
                // nothing (a language without a home page has no pages to go to).
                let target = std::iter::once(id)
                    .chain(ancestors.iter().rev().copied())
                    .find_map(|d| self.graph.translation(d, lang))?;
                Some(LanguageLink {
                    lang: lang.clone(),
                    name: i18n::language_name(lang).to_owned(),
                    url: self.graph.docs[target].url.clone(),
                    current: lang == language,
                })
            })
            .collect();
        let alternates = versions
            .iter()
            .map(|&v| Alternate {
                lang: self.graph.docs[v].language.clone(),
                permalink: self.permalink(&self.graph.docs[v].url),
            })
            .collect();
        let faq_json_ld = (!rendered.faq.is_empty()).then(|| {
            let entities: Vec<_> = rendered
                .faq
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "@type": "Question",
                        "name": f.question,
                        "acceptedAnswer": { "@type": "Answer", "text": f.answer_html.trim() }
                    })
                })
                .collect();
            let json = serde_json::json!({ "@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities });
            json.to_string().replace("</", "<\\/")
        });
        let updated = doc.front.updated.or(doc.front.date);
        // The home page falls back on the site's description.
        let description = doc
            .front
            .description
            .as_deref()
            .or_else(|| (doc.kind == Kind::Home).then(|| self.config.description(language)).flatten());
        // On a FAQ page the questions are the page: a table of contents would list them twice.
        let toc = if doc.front.faq {
            Vec::new()
        } else {
            rendered.headings.iter().filter(|h| h.level == 2 || h.level == 3).collect()
        };
        let page = PageView {
            kind: doc.kind,
            title: &doc.front.title,
            description,
            url: &doc.url,
            permalink: self.permalink(&doc.url),
            content: &rendered.html,
            toc,
            updated_text: updated.map(|d| i18n::updated_on(language, d)),
            updated_iso: updated.map(|d| d.format("%Y-%m-%d").to_string()),
            reading_text: i18n::reading_time(language, rendered.words.div_ceil(200).max(1)),
            tags: &doc.front.tags,
            breadcrumbs: ancestors.iter().map(|&a| self.link(a)).collect(),
            prev,
            next,
            related: if doc.kind == Kind::Article { self.related(id) } else { Vec::new() },
            articles: self
                .graph
                .articles
                .get(&id)
                .map(|a| a.iter().map(|&x| self.link(x)).collect())
                .unwrap_or_default(),
            subsections: self
                .graph
                .subsections
                .get(&id)
                .map(|s| s.iter().map(|&x| self.link(x)).collect())
                .unwrap_or_default(),
            translations,
            alternates,
            faq_json_ld,
            noindex: false,
            extra: &doc.front.extra,
        };
        let mut context = tera::Context::new();
        context.insert("lang", language);
        context.insert("t", strings);
        context.insert("site", &self.site_view(language));
        let mut open = ancestors.clone();
        if doc.kind == Kind::Section {
            open.push(id);
        }
        let menu_html = self.menu_html(language, Some(id), &open)?;
        let mut html = Vec::with_capacity(rendered.html.len() + menu_html.len() + PAGE_FRAME_BYTES);
        context.insert("menu_html", &menu_html);
        context.insert("assets", self.assets);
        context.insert("page", &page);
        let template = doc.front.template.clone().unwrap_or_else(|| {
            match doc.kind {
                Kind::Home => "index.html",
                Kind::Section => "section.html",
                Kind::Article => "page.html",
            }
            .to_owned()
        });
        self.tera.render_to(&template, &context, &mut html).map_err(|e| template_error(&template, &e))?;
        Ok(html)
    }

    /// The 404 page, in the default language.
    pub fn not_found(&self) -> Result<String, TemplateFailure> {
        let language = self.config.default_language.as_str();
        let url = self.link_to("/404.html");
        let strings = i18n::strings(language);
        let mut context = tera::Context::new();
        context.insert("lang", language);
        context.insert("t", strings);
        context.insert("site", &self.site_view(language));
        context.insert("menu_html", &self.menu_html(language, None, &[])?);
        context.insert("assets", self.assets);
        let empty = BTreeMap::new();
        let page = PageView {
            kind: Kind::Section,
            title: strings.not_found_title,
            description: None,
            url: &url,
            permalink: self.permalink(&url),
            content: "",
            toc: Vec::new(),
            updated_text: None,
            updated_iso: None,
            reading_text: String::new(),
            tags: &[],
            breadcrumbs: Vec::new(),
            prev: None,
            next: None,
            related: Vec::new(),
            articles: Vec::new(),
            subsections: Vec::new(),
            translations: Vec::new(),
            alternates: Vec::new(),
            faq_json_ld: None,
            noindex: true,
            extra: &empty,
        };
        context.insert("page", &page);
        // A host serves one 404 page for every language: it also speaks the others.
        let other_languages: Vec<OtherLanguage> = self
            .config
            .languages
            .iter()
            .filter(|other| *other != language)
            .filter_map(|other| {
                let home = self.graph.home(other)?;
                Some(OtherLanguage {
                    lang: other,
                    t: i18n::strings(other),
                    home_url: &self.graph.docs[home].url,
                })
            })
            .collect();
        context.insert("other_languages", &other_languages);
        self.tera.render("404.html", &context).map_err(|e| template_error("404.html", &e))
    }

    /// A redirect page from an alias to `url`.
    pub fn alias(&self, language: &str, title: &str, url: &str) -> Result<String, TemplateFailure> {
        let mut context = tera::Context::new();
        context.insert("lang", language);
        context.insert("t", i18n::strings(language));
        context.insert("title", title);
        context.insert("url", url);
        context.insert("permalink", &self.permalink(url));
        self.tera.render("alias.html", &context).map_err(|e| template_error("alias.html", &e))
    }
}

/// A template that failed to render, and why (Tera's message with its causes).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TemplateFailure {
    /// The template's name.
    pub template: String,
    /// What went wrong.
    pub message: String,
}

fn template_error(template: &str, error: &tera::Error) -> TemplateFailure {
    TemplateFailure { template: template.to_owned(), message: crate::theme::chain(error) }
}

/// Renders shortcodes from `shortcodes/NAME.html` templates, with the SLA policy in the page's
/// language as `sla`.
pub struct TemplateShortcodes<'a> {
    /// The templates.
    pub tera: &'a tera::Tera,
    /// The page's language.
    pub language: &'a str,
    /// The SLA policy in that language, when the site has one.
    pub sla: Option<&'a SlaView>,
    /// URLs of the calculator's files.
    pub calculator: Option<&'a CalculatorAssets>,
}

/// URLs of the page calculator's files, content-hashed.
#[derive(Clone, Debug, Serialize)]
pub struct CalculatorAssets {
    /// The policy as JSON.
    pub policy: String,
    /// The wasm-bindgen module.
    pub module: String,
    /// The WebAssembly binary.
    pub wasm: String,
    /// The page glue.
    pub glue: String,
}

impl ShortcodeRenderer for TemplateShortcodes<'_> {
    fn render(&self, name: &str, args: &BTreeMap<String, Value>, _block: bool) -> Result<String, String> {
        let template = format!("shortcodes/{name}.html");
        if !self.tera.get_template_names().any(|n| n == template) {
            let mut known: Vec<_> = self
                .tera
                .get_template_names()
                .filter_map(|n| n.strip_prefix("shortcodes/").and_then(|n| n.strip_suffix(".html")))
                .collect();
            known.sort_unstable();
            return Err(format!("unknown shortcode `{name}` (known: {})", known.join(", ")));
        }
        if name.starts_with("sla_") && self.sla.is_none() {
            return Err(format!(
                "shortcode `{name}` needs an SLA policy: add sla.yaml or set `sla_policy` in ayuda.yaml"
            ));
        }
        let mut context = tera::Context::new();
        context.insert("lang", self.language);
        context.insert("t", i18n::strings(self.language));
        context.insert("args", args);
        if let Some(sla) = self.sla {
            context.insert("sla", sla);
            context.insert("sla_zone_sentence", &sla.zone_sentence());
        }
        if let Some(calculator) = self.calculator {
            context.insert("sla_assets", calculator);
        }
        self.tera
            .render(&template, &context)
            .map_err(|e| format!("shortcode `{name}`: {}", crate::theme::chain(&e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_marks_its_menu_link_or_joins_a_cut_list() {
        let html =
            "<ul><li><a href=\"/s/\">S</a><ul><li class=\"menu-article\"><a href=\"/s/a/\">A</a></li>\n  \
                    <li class=\"menu-more\"><a href=\"/s/\">Ver todos (20)</a></li></ul></li></ul>";
        let menu = Menu::new(html.to_owned());
        assert_eq!(
            menu.marking("/s/a/", Some("A")),
            html.replace("\"/s/a/\">", "\"/s/a/\" aria-current=\"page\">")
        );
        assert_eq!(
            menu.marking("/s/z/", Some("Z & co")),
            html.replace(
                "<li class=\"menu-more\">",
                "<li class=\"menu-article\"><a href=\"/s/z/\" aria-current=\"page\">Z &amp; co</a></li>\n  \
                 <li class=\"menu-more\">"
            ),
            "an article beyond the limit is listed, marked, before \"see all\""
        );
        assert_eq!(menu.marking("/", None), html, "a page that is not an article is not added");
    }
}
