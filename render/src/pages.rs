//! Page views for the templates, and rendering every page with Tera.

use crate::i18n;
use crate::sla_view::{HoursRow, SlaView};
use markdown::{Parameters, Rendered, ShortcodeRenderer, Value};
use model::config::{BannerLevel, SiteConfig};
use model::content::Kind;
use model::deps::{Dep, Reads};
use model::{DocId, Site};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// How many articles of the current section the menu lists before "See all".
pub const MENU_ARTICLE_LIMIT: usize = 15;

/// A page gets a table of contents from this many headings on: with fewer, it is short enough
/// to read whole.
const TOC_MIN_HEADINGS: usize = 3;

/// The headings a page's table of contents lists (levels 2 and 3), or none when there are too
/// few to need one.
fn table_of_contents(headings: &[markdown::Heading]) -> Vec<&markdown::Heading> {
    let listed: Vec<_> = headings.iter().filter(|h| h.level == 2 || h.level == 3).collect();
    if listed.len() < TOC_MIN_HEADINGS {
        Vec::new()
    } else {
        listed
    }
}

/// Room for what a page has besides its content and menu (head, breadcrumbs, table of
/// contents, related links), so that its buffer seldom grows while Tera writes it.
const PAGE_FRAME_BYTES: usize = 8 * 1024;

/// Asset URLs, content-hashed.
#[derive(Clone, Debug, Serialize)]
pub struct Assets {
    /// The stylesheet.
    pub css: String,
    /// The script every page loads (menu drawer, FAQ links, search's start).
    pub script: String,
    /// The site icon.
    pub icon: String,
    /// The logo, if the site has one.
    pub logo: Option<crate::branding::Logo>,
    /// The search's files, when search is on.
    pub search: Option<SearchAssets>,
}

/// URLs of the page search's files.
#[derive(Clone, Debug, Serialize)]
pub struct SearchAssets {
    /// The engine's wasm-bindgen module, content-hashed.
    pub module: String,
    /// Its WebAssembly binary, content-hashed.
    pub wasm: String,
    /// The page glue, content-hashed.
    pub glue: String,
    /// The folder of the indexes, one folder per language inside (no `/` at the end).
    pub indexes: String,
}

/// The search page of a language: `{base path}{language prefix}/{slug}/`, the slug in the
/// language (`/buscar/`, `/en/search/`).
pub fn search_page_url(config: &SiteConfig, language: &str) -> String {
    let slug = i18n::strings(language).search_slug;
    format!("{}{}/{slug}/", config.base_path, config.language_prefix(language))
}

/// The URL of the 404 page of `language`: `404.html` in the language's folder (`/404.html`,
/// `/en/404.html`). Hosts that serve the nearest 404 page up the tree (Cloudflare Pages, `ayuda
/// serve`) or can be told one per folder (nginx, Netlify) answer in the reader's language.
pub fn not_found_page_url(config: &SiteConfig, language: &str) -> String {
    format!("{}{}/404.html", config.base_path, config.language_prefix(language))
}

/// The contact page of a language: `{base path}{language prefix}/{slug}/` (`/contacto/`,
/// `/en/contact/`), made when the site has an SLA policy.
pub fn contact_page_url(config: &SiteConfig, language: &str) -> String {
    let slug = i18n::strings(language).support.contact_slug;
    format!("{}{}/{slug}/", config.base_path, config.language_prefix(language))
}

/// How many questions of featured FAQ pages the home lists, in all.
const HOME_QUESTIONS: usize = 6;

/// A question of a FAQ page: its anchor and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The id of its heading.
    pub id: String,
    /// The question, as text.
    pub text: String,
}

/// The questions of the FAQ pages rendered so far, by document path: the home page lists
/// those of the featured ones.
pub type FaqQuestions = HashMap<String, Vec<Question>>;

/// How to reach support, for every page's footer: the business hours, and links to the
/// contact page and to the SLA page.
#[derive(Serialize)]
struct SupportView<'a> {
    hours: &'a [HoursRow],
    /// The word between two intervals of a day.
    and: &'static str,
    /// The time zone of the hours, with its offset.
    zone: String,
    contact_url: String,
    /// The SLA page in the page's language, when `sla_page` names one.
    sla_url: Option<String>,
}

/// A link to a question on a FAQ page.
#[derive(Serialize)]
struct QuestionLink {
    text: String,
    url: String,
}

/// How many of the home's sections a 404 page lists.
const NOT_FOUND_SECTIONS: usize = 8;

/// Where a page's answers to "was this article helpful?" go.
#[derive(Serialize)]
struct FeedbackView<'a> {
    /// The endpoint that receives each vote.
    url: Option<&'a str>,
    /// The address a "No" writes to without an endpoint or without JavaScript.
    email: Option<&'a str>,
}

/// The announcement of a page, when the site has one still shown.
#[derive(Serialize)]
struct BannerView<'a> {
    text: &'a str,
    level: BannerLevel,
    /// Names this text, for the page to remember it was dismissed: a new text shows again.
    key: String,
}

/// A short name of an announcement's text (64-bit FNV-1a, in hex): the same on every build.
fn banner_key(text: &str) -> String {
    format!("{:016x}", crate::content_hash::fnv1a(text.as_bytes()))
}

/// Site-wide values for templates.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    home_url: String,
    feed_url: String,
    /// The search page of the language, when search is on.
    search_url: Option<String>,
    /// The announcement, while it is shown.
    banner: Option<BannerView<'a>>,
    /// Where votes on articles go, if anywhere.
    feedback: Option<FeedbackView<'a>>,
    /// How to reach support, when the site has an SLA policy.
    support: Option<SupportView<'a>>,
    /// The logo, if the site has one.
    logo: Option<&'a crate::branding::Logo>,
    extra: &'a BTreeMap<String, yaml_serde::Value>,
}

#[derive(Serialize, Clone)]
struct LinkView {
    title: String,
    url: String,
    description: Option<String>,
}

/// A link in the menu: the page being rendered is marked as current.
#[derive(Serialize)]
struct MenuLink<'a> {
    title: &'a str,
    url: &'a str,
    current: bool,
}

#[derive(Serialize)]
struct LanguageLink {
    lang: String,
    name: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    permalink: String,
}

/// A section in the menu. An open one (the current page's, and its ancestors) lists its
/// subsections and its first articles; when the current page is one of its articles beyond
/// that list, it is `current_beyond`, shown just before "see all".
#[derive(Default, Serialize)]
struct MenuItem<'a> {
    /// The item's HTML, when it was put together from parts rendered once (see [`MenuPart`]);
    /// then it may hold the HTML of the items that follow it too, and the template writes it
    /// as it is.
    html: Option<String>,
    /// The HTML of the first articles, rendered once for every page that shows this list;
    /// then `articles` is empty.
    articles_html: Option<String>,
    title: &'a str,
    url: &'a str,
    current: bool,
    open: bool,
    /// Open, with subsections or articles to list.
    list: bool,
    /// The first articles, when `articles_html` does not hold them rendered. (Serialising
    /// them for every page too cost a sixth of the menu.)
    articles: Vec<MenuLink<'a>>,
    current_beyond: Option<MenuLink<'a>>,
    children: Vec<MenuItem<'a>>,
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
    /// Whether the content has code blocks, which get their copy buttons from a script.
    has_code: bool,
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
    /// On a home page: its language's featured articles, and the first questions of its
    /// featured FAQ pages.
    featured: Vec<LinkView>,
    questions: Vec<QuestionLink>,
    /// Kept out of search engines (the 404 page): no canonical URL, `noindex`.
    noindex: bool,
    extra: &'a BTreeMap<String, yaml_serde::Value>,
}

/// Nothing in a page's `extra`.
static NO_EXTRA: BTreeMap<String, yaml_serde::Value> = BTreeMap::new();

impl<'a> PageView<'a> {
    /// The view of a page the build makes, not a document: a title at a URL.
    fn generated(title: &'a str, url: &'a str, permalink: String) -> PageView<'a> {
        PageView {
            kind: Kind::Section,
            title,
            description: None,
            url,
            permalink,
            content: "",
            has_code: false,
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
            featured: Vec::new(),
            questions: Vec::new(),
            noindex: false,
            extra: &NO_EXTRA,
        }
    }
}

/// A section on the search page, with its articles.
#[derive(Serialize)]
struct IndexGroup {
    /// The level of its heading, 3 to 6.
    level: usize,
    section: LinkView,
    articles: Vec<LinkView>,
}

/// A part of the menu that a macro of the theme's `menu.html` renders alone. An open item is
/// its start, its subsections' items, its first articles, the current page when that list
/// leaves it out, and its end: all but the current page are alike on many pages, so each is
/// rendered once for them, and a page renders only that one link.
#[derive(Clone, Copy)]
enum MenuPart {
    /// A closed item, whole (`item`).
    Item,
    /// An open section's first articles (`articles`).
    Articles,
    /// An open item's start: its link, and its list's (`item`).
    Start,
    /// The current page, when an open section's list leaves it out (`link`).
    Current,
    /// An open item's end: "see all", then its list's end and its own (`item`).
    End,
    /// The menu's start, before its items.
    MenuStart,
    /// The menu's end, after its items.
    MenuEnd,
}

/// The templates of the [`MenuPart`]s, in their order.
pub const MENU_PART_TEMPLATES: [(&str, &str); 7] = [
    ("__menu_item.html", "{% import \"menu.html\" as menu %}{{ menu::menu_item(item=item, t=t) }}"),
    (
        "__menu_articles.html",
        "{% import \"menu.html\" as menu %}{{ menu::menu_articles(articles=articles) }}",
    ),
    ("__menu_item_start.html", "{% import \"menu.html\" as menu %}{{ menu::menu_item_start(item=item) }}"),
    ("__menu_current.html", "{% import \"menu.html\" as menu %}{{ menu::menu_current(link=link) }}"),
    (
        "__menu_item_end.html",
        "{% import \"menu.html\" as menu %}{{ menu::menu_item_end(item=item, see_all=t.see_all) }}",
    ),
    ("__menu_start.html", "{% import \"menu.html\" as menu %}{{ menu::menu_start() }}"),
    ("__menu_end.html", "{% import \"menu.html\" as menu %}{{ menu::menu_end() }}"),
];

/// The template of a FAQ answer's "was this helpful?", a macro of `feedback_widget.html`.
pub const FEEDBACK_ANSWER_TEMPLATE: (&str, &str) = (
    "__feedback_answer.html",
    "{% import \"feedback_widget.html\" as feedback %}{{ feedback::widget(suffix=suffix, title=t.feedback.answer, \
     page=page, about=about, permalink=permalink, lang=lang, t=t, site=site) }}",
);

/// What the pages of one batch share instead of making it once per page: parts of menus
/// (closed items, most of a menu, by section, and open sections' article lists by section
/// and the current article in it; `None` when the theme's `menu.html` lacks the macro, and
/// then the menu template renders that part itself) and page contexts. Valid while the site
/// does not change: make a new one for each batch of pages.
#[derive(Default)]
pub struct BatchCache {
    /// Closed items, by section.
    items: Parts<DocId>,
    /// Article lists, by section and the current article among them.
    articles: Parts<(DocId, Option<DocId>)>,
    /// Open items' starts, by section and whether it is the current page.
    starts: Parts<(DocId, bool)>,
    /// Open items' ends, by section.
    ends: Parts<DocId>,
    /// The menu's start and end, by [`MenuPart`].
    frame: Parts<usize>,
    /// Runs of closed items, by their parent and where they start and end among its
    /// subsections.
    runs: Parts<(DocId, usize, usize)>,
    /// Page contexts that pages have finished with, by thread and language (see
    /// [`LanguageContext`]). Each thread keeps its own: the values a page puts in a context
    /// are freed by the next page that uses it, and memory is freed faster on the thread
    /// that allocated it.
    contexts: Mutex<HashMap<(Option<usize>, String), LanguageContext>>,
}

/// A page context with what every page of a language shows alike (`t`, `lang`, `site` and
/// `assets`) and the facts it read to make them. Copying `t` and serialising the rest for
/// each page cost more than the menu; a page takes one, sets its own values over the last
/// page's, and gives it back.
struct LanguageContext {
    context: tera::Context,
    deps: Vec<Dep>,
}

/// Rendered parts of menus by key; `None` for a part the theme cannot render alone.
type Parts<K> = Mutex<HashMap<K, Option<String>>>;

/// The menu item of section `doc`, closed.
fn closed_item(doc: &model::content::Document, current: bool) -> MenuItem<'_> {
    MenuItem { title: &doc.front.title, url: &doc.url, current, ..MenuItem::default() }
}

/// Adds a closed item rendered already to a menu level, joining it to a run of such items
/// before it: the template then writes a run of closed sections as one piece of HTML.
fn join_rendered(items: &mut Vec<MenuItem<'_>>, html: &str) {
    match items.last_mut().and_then(|last| last.html.as_mut()) {
        Some(run) => run.push_str(html),
        None => items.push(MenuItem { html: Some(html.to_owned()), ..MenuItem::default() }),
    }
}

/// A part of a menu from the cache, or rendered by `render` and kept.
fn cached<K: std::hash::Hash + Eq>(
    cache: &Parts<K>,
    key: K,
    render: impl FnOnce() -> Option<String>,
) -> Option<String> {
    if let Some(html) = cache.lock().expect("menu cache").get(&key) {
        return html.clone();
    }
    let html = render();
    cache.lock().expect("menu cache").insert(key, html.clone());
    html
}

/// Everything shared by the pages of a build.
pub struct Renderer<'a> {
    /// The templates.
    pub tera: &'a tera::Tera,
    /// The site.
    pub site: &'a Site,
    /// Asset URLs.
    pub assets: &'a Assets,
    /// Menu parts already rendered and page contexts to reuse.
    batch: &'a BatchCache,
    /// The day of the build.
    today: chrono::NaiveDate,
    /// The SLA policy by language, for the footer and the contact page.
    sla_views: Option<&'a BTreeMap<String, SlaView>>,
    /// The questions of FAQ pages, for the home page.
    questions: Option<&'a FaqQuestions>,
}

impl<'a> Renderer<'a> {
    /// A renderer for one batch of pages of a site.
    pub fn new(
        tera: &'a tera::Tera,
        site: &'a Site,
        assets: &'a Assets,
        batch: &'a BatchCache,
        today: chrono::NaiveDate,
    ) -> Renderer<'a> {
        Renderer { tera, site, assets, batch, today, sla_views: None, questions: None }
    }

    /// The same renderer, with the SLA policy in each language (for the footer and the
    /// contact page) and the questions of the FAQ pages (for the home page).
    pub fn with_support(
        self,
        sla_views: &'a BTreeMap<String, SlaView>,
        questions: &'a FaqQuestions,
    ) -> Renderer<'a> {
        Renderer { sla_views: Some(sla_views), questions: Some(questions), ..self }
    }

    /// Renders a part of the menu with its template in [`MENU_PART_TEMPLATES`], given its
    /// value (`()` for the menu's start and end, which have none); `None` if the theme does
    /// not have its macro.
    fn menu_part(&self, part: MenuPart, value: &impl Serialize, language: &str) -> Option<String> {
        let (mut context, name) = match part {
            // Only these show interface text.
            MenuPart::Item | MenuPart::End => (i18n::text_context(language), Some("item")),
            MenuPart::Articles => (tera::Context::new(), Some("articles")),
            MenuPart::Start => (tera::Context::new(), Some("item")),
            MenuPart::Current => (tera::Context::new(), Some("link")),
            MenuPart::MenuStart | MenuPart::MenuEnd => (tera::Context::new(), None),
        };
        if let Some(name) = name {
            context.insert(name, value);
        }
        self.tera.render(MENU_PART_TEMPLATES[part as usize].0, &context).ok()
    }

    fn config(&self) -> &'a SiteConfig {
        &self.site.config
    }

    /// A link to a document, for a page that records it read the document's summary.
    fn link(&self, id: DocId, reads: &mut Reads) -> LinkView {
        let doc = &self.site.documents[id];
        reads.read(|| Dep::Summary(doc.path.clone()));
        LinkView {
            title: doc.front.title.clone(),
            url: doc.url.clone(),
            description: doc.front.description.clone(),
        }
    }

    /// The absolute URL of a link (a path that starts with the site's base path).
    pub fn permalink(&self, url: &str) -> String {
        format!("{}{url}", self.config().origin())
    }

    /// The link to a path of the site (`/atom.xml`): the path after the base path.
    pub fn link_to(&self, site_path: &str) -> String {
        format!("{}{site_path}", self.config().base_path)
    }

    fn site_view(&self, language: &str, reads: &mut Reads) -> SiteView<'_> {
        let config = self.config();
        // Without an address of its own, a "No" writes to the policy's first contact.
        let email = config.feedback.email.as_deref().or_else(|| {
            reads.read(|| Dep::Policy);
            let policy = self.site.policy.as_ref()?;
            Some(policy.request_types().first()?.contact.email.as_str())
        });
        let feedback = (config.feedback.url.is_some() || email.is_some())
            .then_some(FeedbackView { url: config.feedback.url.as_deref(), email });
        let support = self.sla_views.and_then(|views| views.get(language)).map(|sla| {
            reads.read(|| Dep::Policy);
            SupportView {
                hours: sla.hours(),
                and: sla.and(),
                zone: sla.zone(),
                contact_url: contact_page_url(config, language),
                sla_url: self.sla_page(language, reads).map(|id| self.site.documents[id].url.clone()),
            }
        });
        let prefix = config.language_prefix(language);
        SiteView {
            title: config.title(language),
            base_url: &config.base_url,
            home_url: self.link_to(&format!("{prefix}/")),
            feed_url: self.link_to(&format!("{prefix}/atom.xml")),
            search_url: config.search.then(|| search_page_url(config, language)),
            banner: config.banner.as_ref().filter(|banner| banner.shown_on(self.today)).map(|banner| {
                let text = banner.text(language, &config.default_language);
                BannerView { text, level: banner.level, key: banner_key(text) }
            }),
            feedback,
            support,
            logo: self.assets.logo.as_ref(),
            extra: &config.extra,
        }
    }

    /// The SLA page (`sla_page`) in `language`, if the site has it in that language.
    fn sla_page(&self, language: &str, reads: &mut Reads) -> Option<DocId> {
        let path = self.config().sla_page.as_ref()?;
        reads.read(|| Dep::Path(path.clone()));
        let id = self.site.document(path)?;
        reads.read(|| Dep::Versions(self.site.documents[id].translation_key.clone()));
        let version = self.site.translation(id, language)?;
        reads.read(|| Dep::Summary(self.site.documents[version].path.clone()));
        Some(version)
    }

    /// The featured articles of a home page in `language`, and the first questions of its
    /// featured FAQ pages.
    fn featured(&self, language: &str, reads: &mut Reads) -> (Vec<LinkView>, Vec<QuestionLink>) {
        reads.read(|| Dep::Featured(language.to_owned()));
        let (mut articles, mut questions) = (Vec::new(), Vec::new());
        for id in self.site.featured(language) {
            let doc = &self.site.documents[id];
            if !doc.front.faq {
                articles.push(self.link(id, reads));
                continue;
            }
            // Its questions come from its Markdown, rendered before this page.
            reads.read(|| Dep::Document(doc.path.clone()));
            let asked = self.questions.and_then(|q| q.get(&doc.path)).map(Vec::as_slice).unwrap_or_default();
            let room = HOME_QUESTIONS.saturating_sub(questions.len());
            questions.extend(asked.iter().take(room).map(|question| QuestionLink {
                text: question.text.clone(),
                url: format!("{}#{}", doc.url, question.id),
            }));
        }
        (articles, questions)
    }

    /// The "was this helpful?" of each answer on FAQ page `id`: a function of the question's
    /// heading id and text that renders it as HTML (empty when the theme has no
    /// `feedback_widget.html`); `None` when votes go nowhere. What every answer shares is
    /// made once.
    pub fn faq_answer_feedback(&self, id: DocId) -> Option<impl Fn(&str, &str) -> String + '_> {
        let doc = &self.site.documents[id];
        let site = self.site_view(&doc.language, &mut Reads::new(false));
        site.feedback.as_ref()?;
        let mut shared = i18n::text_context(&doc.language);
        shared.insert("lang", &doc.language);
        shared.insert("site", &site);
        let permalink = self.permalink(&doc.url);
        Some(move |anchor: &str, question: &str| {
            let mut context = shared.clone();
            context.insert("suffix", &format!("-{anchor}"));
            context.insert("page", &format!("{}#{anchor}", doc.url));
            context.insert("about", question);
            context.insert("permalink", &format!("{permalink}#{anchor}"));
            self.tera.render(FEEDBACK_ANSWER_TEMPLATE.0, &context).unwrap_or_default()
        })
    }

    /// The menu of a page in `language` (`current` being the page, when it is a document) with
    /// the sections in `open` expanded, as HTML. It is rendered with the page's `context`
    /// (which has `t`, the interface text, and the page's other values) and `menu`, the
    /// items, which it leaves out again: a context of its own would copy `t` for every page.
    fn menu_html(
        &self,
        context: &mut tera::Context,
        language: &str,
        current: Option<DocId>,
        open: &[DocId],
        reads: &mut Reads,
    ) -> Result<String, TemplateFailure> {
        reads.read(|| Dep::Sections);
        let items = match self.site.home(language) {
            Some(home) => self.menu_level(home, current, open, reads),
            None => Vec::new(),
        };
        // Every item put together already: the menu is its start, them, and its end.
        if let [MenuItem { html: Some(html), .. }] = items.as_slice() {
            let frame = |part: MenuPart| {
                cached(&self.batch.frame, part as usize, || self.menu_part(part, &(), language))
            };
            if let (Some(start), Some(end)) = (frame(MenuPart::MenuStart), frame(MenuPart::MenuEnd)) {
                return Ok([start.as_str(), html, &end].concat());
            }
        }
        context.insert("menu", &items);
        let html = self.tera.render("menu.html", context).map_err(|e| template_error("menu.html", &e));
        context.remove("menu");
        html
    }

    fn menu_level(
        &self,
        parent: DocId,
        current: Option<DocId>,
        open: &[DocId],
        reads: &mut Reads,
    ) -> Vec<MenuItem<'a>> {
        let site = self.site;
        reads.read(|| Dep::Listing(site.documents[parent].path.clone()));
        let menu_link = |id: DocId| {
            let doc = &site.documents[id];
            MenuLink { title: &doc.front.title, url: &doc.url, current: Some(id) == current }
        };
        let mut items: Vec<MenuItem> = Vec::new();
        let subsections = site.subsections(parent);
        // Items up to here are in a run of closed ones already written whole.
        let mut written_until = 0;
        for (at, &id) in subsections.iter().enumerate() {
            let doc = &site.documents[id];
            let is_open = open.contains(&id);
            // The menu shows the titles of its sections, of an open section's first
            // articles, and of the current page (its own document).
            reads.read(|| Dep::Summary(doc.path.clone()));
            let all = site.articles(id);
            // Only an open section says how many articles it has: a closed one's count
            // would make every page depend on every section's list.
            let closed = || closed_item(doc, Some(id) == current);
            if !is_open {
                if at < written_until {
                    continue;
                }
                // Most of a menu: the closed items up to the next open one (or the current
                // page), put together once for the batch and written as one run.
                let end = subsections[at..]
                    .iter()
                    .position(|&s| open.contains(&s) || Some(s) == current)
                    .map_or(subsections.len(), |n| at + n);
                let run = &subsections[at..end];
                let html =
                    (end > at).then(|| cached(&self.batch.runs, (parent, at, end), || self.closed_run(run)));
                match html.flatten() {
                    Some(html) => {
                        join_rendered(&mut items, &html);
                        written_until = end;
                    }
                    // The current page, or a theme that cannot render an item alone.
                    None => items.push(closed()),
                }
                continue;
            }
            let shown = &all[..all.len().min(MENU_ARTICLE_LIMIT)];
            let beyond = current.filter(|c| all[shown.len()..].contains(c));
            for &article in shown {
                reads.read(|| Dep::Summary(site.documents[article].path.clone()));
            }
            let children = self.menu_level(id, current, open, reads);
            let mut item = MenuItem {
                open: true,
                list: !all.is_empty() || !children.is_empty(),
                articles: shown.iter().map(|&a| menu_link(a)).collect(),
                current_beyond: beyond.map(menu_link),
                children,
                more: all.len() - shown.len(),
                total: all.len(),
                ..closed()
            };
            let listed = current.filter(|c| shown.contains(c));
            item.articles_html = cached(&self.batch.articles, (id, listed), || {
                self.menu_part(MenuPart::Articles, &item.articles, &doc.language)
            });
            match self.open_item_html(id, &item, &doc.language) {
                Some(html) => join_rendered(&mut items, &html),
                None => {
                    if item.articles_html.is_some() {
                        item.articles.clear();
                    }
                    items.push(item);
                }
            }
        }
        items
    }

    /// The HTML of the closed items of sections `run`, none the current page, each rendered
    /// once for the batch; `None` when the theme cannot render one alone.
    fn closed_run(&self, run: &[DocId]) -> Option<String> {
        let mut html = String::new();
        for &id in run {
            let doc = &self.site.documents[id];
            let item = cached(&self.batch.items, id, || {
                self.menu_part(MenuPart::Item, &closed_item(doc, false), &doc.language)
            })?;
            html.push_str(&item);
        }
        Some(html)
    }

    /// The HTML of open item `item` (section `id`) put together from its parts, the shared
    /// ones rendered once; `None` when the theme cannot render one of them alone.
    fn open_item_html(&self, id: DocId, item: &MenuItem, language: &str) -> Option<String> {
        let start = cached(&self.batch.starts, (id, item.current), || {
            self.menu_part(MenuPart::Start, item, language)
        })?;
        let end = cached(&self.batch.ends, id, || self.menu_part(MenuPart::End, item, language))?;
        let articles = item.articles_html.as_deref()?;
        let current = match &item.current_beyond {
            Some(link) => Some(self.menu_part(MenuPart::Current, link, language)?),
            None => None,
        };
        let mut html = start;
        for child in &item.children {
            html.push_str(child.html.as_deref()?);
        }
        html.push_str(articles);
        html.push_str(current.as_deref().unwrap_or_default());
        html.push_str(&end);
        Some(html)
    }

    /// Renders one document's page around its rendered Markdown, as UTF-8; records in `deps`
    /// every fact of the model it read in `reads`.
    pub fn page(
        &self,
        id: DocId,
        rendered: &Rendered,
        reads: &mut Reads,
    ) -> Result<Vec<u8>, TemplateFailure> {
        let site = self.site;
        let doc = &site.documents[id];
        reads.read(|| Dep::Document(doc.path.clone()));
        reads.read(|| Dep::Sections);
        let language = doc.language.as_str();
        let ancestors = site.ancestors(id);
        let parent = site.parent(id);
        if let Some(parent) = parent {
            reads.read(|| Dep::Listing(site.documents[parent].path.clone()));
        }
        let siblings = parent.map(|p| site.articles(p));
        let position = siblings.and_then(|s| s.iter().position(|x| *x == id));
        let (prev, next) = match (siblings, position, doc.kind) {
            (Some(s), Some(i), Kind::Article) => {
                (i.checked_sub(1).map(|p| self.link(s[p], reads)), s.get(i + 1).map(|&n| self.link(n, reads)))
            }
            _ => (None, None),
        };
        for &d in std::iter::once(&id).chain(&ancestors) {
            reads.read(|| Dep::Versions(site.documents[d].translation_key.clone()));
        }
        let translations = self
            .config()
            .languages
            .iter()
            .filter_map(|lang| {
                // This page in that language, else its nearest section that has one, else
                // nothing (a language without a home page has no pages to go to).
                let target = std::iter::once(id)
                    .chain(ancestors.iter().rev().copied())
                    .find_map(|d| site.translation(d, lang))?;
                Some(LanguageLink {
                    lang: lang.clone(),
                    name: i18n::language_name(lang).to_owned(),
                    url: site.documents[target].url.clone(),
                    current: lang == language,
                })
            })
            .collect();
        let alternates = site.graph.translations[doc.translation_key.as_str()]
            .iter()
            .map(|&v| Alternate {
                lang: site.documents[v].language.clone(),
                permalink: self.permalink(&site.documents[v].url),
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
            .or_else(|| (doc.kind == Kind::Home).then(|| self.config().description(language)).flatten());
        // On a FAQ page the questions are the page: a table of contents would list them twice.
        let toc = if doc.front.faq { Vec::new() } else { table_of_contents(&rendered.headings) };
        let related = if doc.kind == Kind::Article {
            for tag in &doc.front.tags {
                reads.read(|| Dep::Tagged(doc.language.clone(), tag.clone()));
            }
            site.related(id).into_iter().map(|other| self.link(other, reads)).collect()
        } else {
            Vec::new()
        };
        reads.read(|| Dep::Listing(doc.path.clone()));
        let (featured, questions) =
            if doc.kind == Kind::Home { self.featured(language, reads) } else { (Vec::new(), Vec::new()) };
        let page = PageView {
            kind: doc.kind,
            title: &doc.front.title,
            description,
            url: &doc.url,
            permalink: self.permalink(&doc.url),
            content: &rendered.html,
            has_code: rendered.code_blocks > 0,
            toc,
            updated_text: updated.map(|d| i18n::updated_on(language, d)),
            updated_iso: updated.map(|d| d.format("%Y-%m-%d").to_string()),
            reading_text: i18n::reading_time(language, rendered.words.div_ceil(200).max(1)),
            tags: &doc.front.tags,
            breadcrumbs: ancestors.iter().map(|&a| self.link(a, reads)).collect(),
            prev,
            next,
            related,
            articles: site.articles(id).iter().map(|&x| self.link(x, reads)).collect(),
            subsections: site.subsections(id).iter().map(|&x| self.link(x, reads)).collect(),
            translations,
            alternates,
            faq_json_ld,
            featured,
            questions,
            noindex: false,
            extra: &doc.front.extra,
        };
        let LanguageContext { mut context, deps } = self.take_context(language);
        reads.read_all(&deps);
        context.insert("page", &page);
        let mut open = ancestors.clone();
        if doc.kind == Kind::Section {
            open.push(id);
        }
        let menu_html = self.menu_html(&mut context, language, Some(id), &open, reads)?;
        let mut html = Vec::with_capacity(rendered.html.len() + menu_html.len() + PAGE_FRAME_BYTES);
        context.insert("menu_html", &menu_html);
        let template = doc.front.template.clone().unwrap_or_else(|| {
            match doc.kind {
                Kind::Home => "index.html",
                Kind::Section => "section.html",
                Kind::Article => "page.html",
            }
            .to_owned()
        });
        self.tera.render_to(&template, &context, &mut html).map_err(|e| template_error(&template, &e))?;
        self.give_back_context(language, LanguageContext { context, deps });
        Ok(html)
    }

    /// A context of `language` that a page has finished with, or a new one.
    fn take_context(&self, language: &str) -> LanguageContext {
        let key = (rayon::current_thread_index(), language.to_owned());
        let kept = self.batch.contexts.lock().expect("context pool").remove(&key);
        kept.unwrap_or_else(|| {
            let mut reads = Reads::new(true);
            let context = self.language_context(language, &mut reads);
            LanguageContext { context, deps: reads.into_deps() }
        })
    }

    /// A template context with what every page of `language` shows alike: `t`, `lang`,
    /// `site` and `assets`; records in `reads` what it read.
    fn language_context(&self, language: &str, reads: &mut Reads) -> tera::Context {
        let mut context = i18n::text_context(language);
        context.insert("lang", language);
        context.insert("site", &self.site_view(language, reads));
        context.insert("assets", self.assets);
        context
    }

    /// Keeps a context of `language` for the next page.
    fn give_back_context(&self, language: &str, context: LanguageContext) {
        let key = (rayon::current_thread_index(), language.to_owned());
        self.batch.contexts.lock().expect("context pool").insert(key, context);
    }

    /// The context of a page the build makes (the 404 and search pages) in `language`, whose
    /// menu has no current page.
    fn generated_context(&self, language: &str, page: &PageView) -> Result<tera::Context, TemplateFailure> {
        let mut context = self.language_context(language, &mut Reads::new(false));
        context.insert("page", page);
        let menu_html = self.menu_html(&mut context, language, None, &[], &mut Reads::new(false))?;
        context.insert("menu_html", &menu_html);
        Ok(context)
    }

    /// The 404 page of `language` ([`not_found_page_url`]): what happened, a search form, the
    /// way home and the first sections of the menu (the writers' order says which matter
    /// most), with a switch to the other languages' 404 pages.
    pub fn not_found(&self, language: &str) -> Result<String, TemplateFailure> {
        let config = self.config();
        let url = not_found_page_url(config, language);
        let strings = i18n::strings(language);
        let mut page = PageView::generated(strings.not_found_title, &url, self.permalink(&url));
        page.description = Some(strings.not_found_text);
        page.noindex = true;
        if config.languages.len() > 1 {
            page.translations = config
                .languages
                .iter()
                .map(|other| LanguageLink {
                    lang: other.clone(),
                    name: i18n::language_name(other).to_owned(),
                    url: not_found_page_url(config, other),
                    current: other == language,
                })
                .collect();
        }
        if let Some(home) = self.site.home(language) {
            let sections = self.site.subsections(home);
            page.subsections = self.index_links(&sections[..sections.len().min(NOT_FOUND_SECTIONS)]);
        }
        let context = self.generated_context(language, &page)?;
        self.tera.render("404.html", &context).map_err(|e| template_error("404.html", &e))
    }

    /// The view of a page the build makes in every language, at `url_of(config, language)`:
    /// each language's version is an alternate and a link of the language switch.
    fn generated_in_every_language(
        &self,
        title: &'a str,
        url: &'a str,
        language: &str,
        url_of: fn(&SiteConfig, &str) -> String,
    ) -> PageView<'a> {
        let config = self.config();
        let mut page = PageView::generated(title, url, self.permalink(url));
        for other in &config.languages {
            let other_url = url_of(config, other);
            page.alternates.push(Alternate { lang: other.clone(), permalink: self.permalink(&other_url) });
            page.translations.push(LanguageLink {
                lang: other.clone(),
                name: i18n::language_name(other).to_owned(),
                url: other_url,
                current: other == language,
            });
        }
        page
    }

    /// The contact page of `language` ([`contact_page_url`]), when the site has an SLA policy:
    /// a box where the reader writes what their question is about (articles that may answer
    /// it appear as they type), who handles each kind of request, the business hours and a
    /// link to the SLA page's calculator.
    pub fn contact_page(&self, language: &str) -> Option<Result<String, TemplateFailure>> {
        let sla = self.sla_views?.get(language)?;
        let config = self.config();
        let url = contact_page_url(config, language);
        let support = &i18n::strings(language).support;
        let mut page = self.generated_in_every_language(support.contact, &url, language, contact_page_url);
        page.description = Some(support.contact_description);
        Some(self.generated_context(language, &page).and_then(|mut context| {
            context.insert("sla", sla);
            context.insert("sla_zone_sentence", &sla.zone_sentence());
            self.tera.render("contact.html", &context).map_err(|e| template_error("contact.html", &e))
        }))
    }

    /// The search page of `language` ([`search_page_url`]): the search form, and every section
    /// and article of that language, grouped by section, for readers without JavaScript.
    pub fn search_page(&self, language: &str) -> Result<String, TemplateFailure> {
        let config = self.config();
        let url = search_page_url(config, language);
        let title = i18n::strings(language).search;
        let page = self.generated_in_every_language(title, &url, language, search_page_url);
        let mut groups = Vec::new();
        if let Some(home) = self.site.home(language) {
            let articles = self.index_links(self.site.articles(home));
            if !articles.is_empty() {
                groups.push(IndexGroup { level: 3, section: self.index_links(&[home]).remove(0), articles });
            }
            self.index_groups(home, 3, &mut groups);
        }
        let mut context = self.generated_context(language, &page)?;
        context.insert("search_index", &groups);
        self.tera.render("search.html", &context).map_err(|e| template_error("search.html", &e))
    }

    /// The sections under `parent`, depth first, each with its articles, headed at `level`
    /// and their subsections one level lower (down to `<h6>`).
    fn index_groups(&self, parent: DocId, level: usize, groups: &mut Vec<IndexGroup>) {
        for &id in self.site.subsections(parent) {
            groups.push(IndexGroup {
                level,
                section: self.index_links(&[id]).remove(0),
                articles: self.index_links(self.site.articles(id)),
            });
            self.index_groups(id, (level + 1).min(6), groups);
        }
    }

    /// Links to documents, for a page that records nothing it reads (the build makes it anew
    /// after every change).
    fn index_links(&self, ids: &[DocId]) -> Vec<LinkView> {
        let mut reads = Reads::new(false);
        ids.iter().map(|&id| self.link(id, &mut reads)).collect()
    }

    /// A redirect page from an alias to `url`.
    pub fn alias(&self, language: &str, title: &str, url: &str) -> Result<String, TemplateFailure> {
        let mut context = i18n::text_context(language);
        context.insert("lang", language);
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
    TemplateFailure { template: template.to_owned(), message: crate::theme::render_error(error) }
}

/// Renders shortcodes from `shortcodes/NAME.html` templates, with the SLA policy in the page's
/// language as `sla`.
pub struct TemplateShortcodes<'a> {
    /// The templates.
    pub templates: &'a crate::theme::Templates,
    /// The page's language.
    pub language: &'a str,
    /// The SLA policy in that language, when the site has one.
    pub sla: Option<&'a SlaView>,
    /// The site's policy file has errors: a shortcode that needs it renders nothing rather
    /// than repeat, page after page, what the policy's own problem says.
    pub policy_broken: bool,
    /// URLs of the calculator's files.
    pub calculator: Option<&'a CalculatorAssets>,
}

/// URLs of the page calculator's files, content-hashed.
#[derive(Clone, Debug, Serialize)]
pub struct CalculatorAssets {
    /// The URL of the policy, in the engine's compact text format.
    pub policy: String,
    /// The URL of the wasm-bindgen module.
    pub module: String,
    /// The URL of the WebAssembly binary.
    pub wasm: String,
    /// The URL of the page glue.
    pub glue: String,
}

impl ShortcodeRenderer for TemplateShortcodes<'_> {
    fn render(&self, name: &str, args: &BTreeMap<String, Value>, _block: bool) -> Result<String, String> {
        let tera = &self.templates.tera;
        let template = format!("shortcodes/{name}.html");
        if !tera.get_template_names().any(|n| n == template) {
            let mut known: Vec<_> = tera
                .get_template_names()
                .filter_map(|n| n.strip_prefix("shortcodes/").and_then(|n| n.strip_suffix(".html")))
                .collect();
            known.sort_unstable();
            return Err(format!("unknown shortcode `{name}` (known: {})", known.join(", ")));
        }
        if name.starts_with("sla_") && self.sla.is_none() {
            if self.policy_broken {
                return Ok(String::new());
            }
            return Err(format!(
                "shortcode `{name}` needs an SLA policy: add sla.yaml or set `sla_policy` in ayuda.yaml"
            ));
        }
        let mut context = i18n::text_context(self.language);
        context.insert("lang", self.language);
        context.insert("args", args);
        if let Some(sla) = self.sla {
            context.insert("sla", sla);
            context.insert("sla_zone_sentence", &sla.zone_sentence());
        }
        if let Some(calculator) = self.calculator {
            context.insert("sla_assets", calculator);
        }
        tera.render(&template, &context)
            .map_err(|e| format!("shortcode `{name}`: {}", crate::theme::render_error(&e)))
    }

    fn parameters(&self, name: &str) -> Parameters {
        self.templates.shortcode_parameters(name)
    }
}

#[cfg(test)]
mod tests {
    use super::table_of_contents;

    fn headings(levels: &[u8]) -> Vec<markdown::Heading> {
        levels
            .iter()
            .enumerate()
            .map(|(i, &level)| markdown::Heading { level, id: format!("h{i}"), text: format!("Heading {i}") })
            .collect()
    }

    #[test]
    fn a_table_of_contents_needs_three_headings_of_level_two_or_three() {
        assert!(table_of_contents(&headings(&[2, 3])).is_empty());
        assert!(table_of_contents(&headings(&[2, 4, 4, 3])).is_empty(), "level 4 is not listed, nor counted");
        let page = headings(&[2, 3, 4, 2]);
        let listed = table_of_contents(&page);
        assert_eq!(listed.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["h0", "h1", "h3"]);
    }
}
