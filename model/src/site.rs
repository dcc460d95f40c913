//! The site: everything read from its files, and the graph that links its pages (sections
//! with their articles and subsections in menu order, per language; translations; tags).

use crate::config::SiteConfig;
use crate::content::{self, Asset, ContentProblems, Document, Kind, Unpublished};
use crate::policy::read_policy;
use crate::source::{read_text, Source};
use crate::theme::{self, TemplateFile};
use calculator::Policy;
use diagnostics::{yaml_value_positions, Diagnostic};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// A document's place in [`Site::documents`]: valid until the documents change. What outlives
/// a change is a document's key, its path under `content/`.
pub type DocId = usize;

/// How many related articles a page lists.
pub const RELATED_COUNT: usize = 5;

/// How many articles of each tag outside its own section a page considers for "related".
pub const RELATED_SCAN: usize = 40;

/// The configuration file, at the site root.
pub const CONFIG_FILE: &str = "ayuda.yaml";

/// A problem of the site configuration at its (line, column): what the checks made once the
/// site is read report of `ayuda.yaml`.
pub fn config_problem((line, column): (usize, usize), message: impl Into<String>) -> Diagnostic {
    Diagnostic::at(Path::new(CONFIG_FILE), line, column, message)
}

/// Everything a build knows about a site's inputs.
#[derive(Debug)]
pub struct Site {
    /// `ayuda.yaml`.
    pub config: SiteConfig,
    /// The theme's folder (`themes/NAME`), if not the built-in theme.
    pub theme: Option<String>,
    /// The template files of the theme and the site, layered.
    pub templates: Vec<TemplateFile>,
    /// The SLA policy, if the site has one.
    pub policy: Option<Policy>,
    /// The path of the policy file, whether or not it exists (`sla.yaml` by default).
    pub policy_file: String,
    /// The policy file is there but could not be read (its problems say why): what needs the
    /// policy is then not reported as missing it.
    pub policy_broken: bool,
    /// The Markdown documents, in path order.
    pub documents: Vec<Document>,
    /// Files under `content/` that are not Markdown.
    pub content_assets: Vec<Asset>,
    /// Files under `content/` that are not published (drafts, files that failed to load), by
    /// path under `content/`: what links to them are told.
    pub unpublished: BTreeMap<String, Unpublished>,
    /// Files of the theme's `static/` and the site's, which replaces the theme's of a name.
    pub static_files: Vec<Asset>,
    /// The links between documents.
    pub graph: Graph,
}

/// What a load may change.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Build drafts too.
    pub drafts: bool,
}

/// A site as read, with the Markdown body of each document (in the order of
/// [`Site::documents`]), kept apart so that a build can drop each once rendered.
#[derive(Debug)]
pub struct Loaded {
    /// The site.
    pub site: Site,
    /// The bodies.
    pub bodies: Vec<String>,
    /// What was wrong, by the input it came from.
    pub problems: Problems,
}

/// The problems found reading a site, by the input they come from, so that reading one input
/// again replaces its problems and no other.
#[derive(Clone, Debug, Default)]
pub struct Problems {
    /// Of the template files.
    pub templates: Vec<Diagnostic>,
    /// Of the SLA policy.
    pub policy: Vec<Diagnostic>,
    /// Of the static files.
    pub static_files: Vec<Diagnostic>,
    /// Of `content/`.
    pub content: ContentProblems,
}

impl Problems {
    /// Every problem.
    pub fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.templates
            .iter()
            .chain(&self.policy)
            .chain(&self.static_files)
            .chain(&self.content.listing)
            .chain(self.content.files.values().flatten())
    }
}

/// The problem of a folder without `ayuda.yaml`: no site is there.
pub fn no_site() -> Diagnostic {
    Diagnostic::file(Path::new(CONFIG_FILE), "there is no site here: its configuration file is missing")
        .with_help("make one with `ayuda init`, or give the site's folder with --root")
}

/// Reads the site's configuration, [`CONFIG_FILE`]: its text (for the positions of later
/// checks) and what it says. Without the file there is no site ([`no_site`]).
pub fn read_config(source: &dyn Source) -> Result<(String, SiteConfig), Diagnostic> {
    if !source.is_file(CONFIG_FILE) {
        return Err(no_site());
    }
    let text = read_text(source, CONFIG_FILE, "the site configuration")?;
    let config = SiteConfig::parse(&text, Path::new(CONFIG_FILE))?;
    Ok((text, config))
}

/// Reads a whole site. Without a readable configuration (or with a theme that is not there)
/// there is no site: that is the error; every other problem is collected in
/// [`Loaded::problems`] and the site is read as far as it can be.
pub fn load(source: &dyn Source, options: &LoadOptions) -> Result<Loaded, Diagnostic> {
    let file = Path::new(CONFIG_FILE);
    let (text, mut config) = read_config(source)?;
    if let Some(base_url) = &options.base_url {
        config
            .set_base_url(base_url)
            .map_err(|message| Diagnostic::file(Path::new("--base-url"), message))?;
    }
    let theme = theme::folder(source, config.theme.as_deref()).map_err(|message| {
        let name = config.theme.clone().unwrap_or_default();
        let (line, column) = yaml_value_positions(&text, 1, "theme", &[name])[0];
        Diagnostic::at(file, line, column, message)
    })?;
    let (templates, template_problems) = theme::read_templates(source, &template_dirs(theme.as_deref()));
    let (policy_file, policy, policy_problems) = load_policy(source, &config);
    let policy_broken = !policy_problems.is_empty();
    let (content, content_problems) = content::load(source, &config, options.drafts);
    let (static_files, static_problems) = load_static_files(source, theme.as_deref());
    let problems = Problems {
        templates: template_problems,
        policy: policy_problems,
        static_files: static_problems,
        content: content_problems,
    };
    let graph = Graph::new(&content.documents);
    let site = Site {
        config,
        theme,
        templates,
        policy,
        policy_file,
        policy_broken,
        documents: content.documents,
        content_assets: content.assets,
        unpublished: content.unpublished,
        static_files,
        graph,
    };
    Ok(Loaded { site, bodies: content.bodies, problems })
}

/// The folders of template files: the theme's, then the site's.
pub fn template_dirs(theme: Option<&str>) -> Vec<String> {
    theme.iter().map(|t| format!("{t}/templates")).chain(["templates".to_owned()]).collect()
}

/// The folders under the site root that a site reads, besides its two files (`ayuda.yaml`
/// and the SLA policy): pages, static files, templates, and the themes.
pub const INPUT_FOLDERS: [&str; 4] = [content::CONTENT, "static", "templates", THEMES_FOLDER];

/// The folder of the themes a site may name, each in `themes/NAME`.
pub const THEMES_FOLDER: &str = "themes";

/// The SLA policy file of a site whose configuration names none; it may be absent.
const DEFAULT_POLICY_FILE: &str = "sla.yaml";

/// The SLA policy file a configuration names, and whether it must exist.
fn policy_path(config: &SiteConfig) -> (String, bool) {
    match &config.sla_policy {
        Some(name) => (name.clone(), true),
        None => (DEFAULT_POLICY_FILE.to_owned(), false),
    }
}

/// Every path a site reads, from its root: [`CONFIG_FILE`], the [`INPUT_FOLDERS`] and the SLA
/// policy file (the one `ayuda.yaml` names, which may lie outside the root). With no readable
/// configuration the policy is taken to be `sla.yaml`: such a site does not build anyway.
/// Whatever else is under the root (`public/`, `.git/`) is not read.
pub fn input_paths(source: &dyn Source) -> Vec<String> {
    let config = read_text(source, CONFIG_FILE, "the site configuration")
        .ok()
        .and_then(|text| SiteConfig::parse(&text, Path::new(CONFIG_FILE)).ok());
    let policy = config.map_or_else(|| DEFAULT_POLICY_FILE.to_owned(), |config| policy_path(&config).0);
    [CONFIG_FILE.to_owned(), policy].into_iter().chain(INPUT_FOLDERS.map(str::to_owned)).collect()
}

/// The SLA policy named by the configuration, or `sla.yaml` if present: its file's path, the
/// policy (none when the default file is absent or the file has an error), and its problem.
pub fn load_policy(source: &dyn Source, config: &SiteConfig) -> (String, Option<Policy>, Vec<Diagnostic>) {
    let (name, required) = policy_path(config);
    let policy = if source.is_file(&name) {
        read_policy(source, &name).map(Some)
    } else if required {
        // Named in ayuda.yaml and not there: the mistake is where it is named.
        let text = read_text(source, CONFIG_FILE, "the site configuration").unwrap_or_default();
        let position = yaml_value_positions(&text, 1, "sla_policy", std::slice::from_ref(&name))[0];
        Err(config_problem(position, format!("sla_policy: there is no file {name}"))
            .with_help("give the path of the SLA policy file from the site's folder, or remove sla_policy"))
    } else {
        Ok(None)
    };
    match policy {
        Ok(policy) => (name, policy, Vec::new()),
        Err(problem) => (name, None, vec![problem]),
    }
}

/// The theme's `static/` files and the site's, which replace the theme's of the same name.
pub fn load_static_files(source: &dyn Source, theme: Option<&str>) -> (Vec<Asset>, Vec<Diagnostic>) {
    let (theme_static, mut problems) = match theme {
        Some(folder) => content::load_static(source, &format!("{folder}/static")),
        None => Default::default(),
    };
    let (site_static, site_problems) = content::load_static(source, "static");
    problems.extend(site_problems);
    let replaced: HashSet<&str> = site_static.iter().map(|a| a.path.as_str()).collect();
    let mut files: Vec<Asset> =
        theme_static.into_iter().filter(|a| !replaced.contains(a.path.as_str())).collect();
    files.extend(site_static);
    (files, problems)
}

impl Site {
    /// The document at a path under `content/`.
    pub fn document(&self, path: &str) -> Option<DocId> {
        self.graph.by_path.get(path).copied()
    }

    /// The chain of sections from the home page down to (not including) `id`.
    pub fn ancestors(&self, id: DocId) -> Vec<DocId> {
        let mut chain = Vec::new();
        let mut current = id;
        while let Some(parent) = self.graph.parent[current] {
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }

    /// Each document's last change: its own `updated` (else `date`), and for a section or
    /// home the newest of that and of everything under it.
    pub fn last_changes(&self) -> Vec<Option<chrono::NaiveDate>> {
        let own: Vec<_> = self.documents.iter().map(|d| d.front.updated.or(d.front.date)).collect();
        let mut newest = own.clone();
        for (id, &date) in own.iter().enumerate() {
            for ancestor in self.ancestors(id) {
                newest[ancestor] = newest[ancestor].max(date);
            }
        }
        newest
    }

    /// The version of document `id` in `language`, if there is one.
    pub fn translation(&self, id: DocId, language: &str) -> Option<DocId> {
        let versions = self.graph.translations.get(self.documents[id].translation_key.as_str())?;
        versions.iter().copied().find(|&v| self.documents[v].language == language)
    }

    /// The home page of a language.
    pub fn home(&self, language: &str) -> Option<DocId> {
        self.graph.section_of_dir.get(language).and_then(|dirs| dirs.get("")).copied()
    }

    /// The documents a language's home page features: first those `featured` in `ayuda.yaml`
    /// lists for it, in its order, then those with `featured: true` (its home page aside), by
    /// weight, then in path order; each once. A listed path that names no page of the language
    /// is left out here (the build reports it, see `checks::featured`).
    pub fn featured(&self, language: &str) -> Vec<DocId> {
        let listed = self.config.featured.get(language).into_iter().flatten().filter_map(|path| {
            let id = self.document(path)?;
            let doc = &self.documents[id];
            (doc.language == language && doc.kind != Kind::Home).then_some(id)
        });
        let mut flagged: Vec<DocId> = (0..self.documents.len())
            .filter(|&id| {
                let doc = &self.documents[id];
                doc.front.featured && doc.language == language && doc.kind != Kind::Home
            })
            .collect();
        flagged.sort_by_key(|&id| self.documents[id].front.weight);
        let mut featured = Vec::new();
        for id in listed.chain(flagged) {
            if !featured.contains(&id) {
                featured.push(id);
            }
        }
        featured
    }

    /// The articles of a section or home, in menu order.
    pub fn articles(&self, id: DocId) -> &[DocId] {
        &self.graph.articles[id]
    }

    /// The subsections of a section or home, in menu order.
    pub fn subsections(&self, id: DocId) -> &[DocId] {
        &self.graph.subsections[id]
    }

    /// The section or home a document belongs to (none for a home or an orphan).
    pub fn parent(&self, id: DocId) -> Option<DocId> {
        self.graph.parent[id]
    }

    /// The articles of a language that have a tag, in path order.
    pub fn tagged(&self, language: &str, tag: &str) -> &[DocId] {
        self.graph.by_tag.get(language).and_then(|tags| tags.get(tag)).map(Vec::as_slice).unwrap_or_default()
    }

    /// Up to [`RELATED_COUNT`] articles of the same language sharing the most tags with
    /// article `id`, preferring its own section. The work per page is bounded: the page's own
    /// section, and the first [`RELATED_SCAN`] articles of each of its tags elsewhere.
    pub fn related(&self, id: DocId) -> Vec<DocId> {
        let doc = &self.documents[id];
        let tags = &doc.front.tags;
        let parent = self.parent(id);
        let same_section = parent.map(|p| self.articles(p)).unwrap_or_default();
        let (own_ids, own_mask) = (&self.graph.tag_ids[id], self.graph.tag_masks[id]);
        let mut elsewhere: Vec<DocId> = Vec::new();
        for tag in tags {
            let others = self.tagged(&doc.language, tag);
            elsewhere.extend(others.iter().copied().filter(|&o| self.parent(o) != parent).take(RELATED_SCAN));
        }
        // An article that shares several tags is listed under each of them.
        elsewhere.sort_unstable();
        elsewhere.dedup();
        let candidates = same_section
            .iter()
            .filter(|&&o| o != id)
            .map(|&o| (o, true))
            .chain(elsewhere.into_iter().map(|o| (o, false)));
        // Ordered best first: most tags shared, then the same section, then path order.
        let mut best: Vec<(Reverse<usize>, Reverse<bool>, DocId)> = Vec::with_capacity(RELATED_COUNT + 1);
        for (other, same) in candidates {
            let shared = match self.graph.tag_masks[other] & own_mask {
                // Most articles of a section share no tag with the page: none of their tags
                // is read.
                0 => 0,
                common if self.graph.exact_tag_masks => common.count_ones() as usize,
                _ => self.graph.tag_ids[other].iter().filter(|t| own_ids.contains(t)).count(),
            };
            let candidate = (Reverse(shared), Reverse(same), other);
            // Once the list is full, most candidates rank below its last: one comparison.
            if best.len() == RELATED_COUNT && candidate >= best[RELATED_COUNT - 1] {
                continue;
            }
            let place = best.partition_point(|better| *better < candidate);
            best.insert(place, candidate);
            best.truncate(RELATED_COUNT);
        }
        best.into_iter().map(|(_, _, other)| other).collect()
    }
}

/// The links between documents, by their place in the document list.
#[derive(Debug, Default)]
pub struct Graph {
    /// Each document, by its path under `content/`.
    pub by_path: rustc_hash::FxHashMap<String, DocId>,
    /// Section (or home) of a folder, by language, then folder.
    pub section_of_dir: HashMap<String, HashMap<String, DocId>>,
    /// Articles of each document (a section or home has some), in menu order.
    pub articles: Vec<Vec<DocId>>,
    /// Subsections of each document, in menu order.
    pub subsections: Vec<Vec<DocId>>,
    /// The section or home each document belongs to (none for a home or an orphan).
    pub parent: Vec<Option<DocId>>,
    /// Every language version of a document, by translation key.
    pub translations: HashMap<String, Vec<DocId>>,
    /// Articles by (language, tag), in path order.
    pub by_tag: HashMap<String, HashMap<String, Vec<DocId>>>,
    /// Documents whose folder has no section page in their language.
    pub orphans: Vec<DocId>,
    /// Each document's tags as numbers, for quick comparison.
    pub tag_ids: Vec<Vec<u32>>,
    /// Each document's tags as bits (its numbers modulo 64): two documents whose masks share
    /// no bit share no tag, found without reading their tags.
    pub tag_masks: Vec<u64>,
    /// Whether each tag has a bit of its own (64 tags or fewer) and no document names a tag
    /// twice: then the bits two masks share count the tags two documents share.
    pub exact_tag_masks: bool,
}

/// The value of `key`, empty the first time: unlike `entry`, it copies the key only then.
fn value_of<'m, V: Default>(map: &'m mut HashMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}

/// The folder that holds a folder: `a/b` → `a`, `a` → ``.
fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map_or("", |(parent, _)| parent)
}

impl Graph {
    /// Links the documents (in path order).
    pub fn new(docs: &[Document]) -> Graph {
        let mut graph = Graph {
            articles: vec![Vec::new(); docs.len()],
            subsections: vec![Vec::new(); docs.len()],
            parent: vec![None; docs.len()],
            ..Graph::default()
        };
        for (id, doc) in docs.iter().enumerate() {
            graph.by_path.insert(doc.path.clone(), id);
            if doc.kind != Kind::Article {
                graph.section_of_dir.entry(doc.language.clone()).or_default().insert(doc.dir.clone(), id);
            }
        }
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        let mut repeated_tag = false;
        for doc in docs {
            let ids = doc.front.tags.iter().map(|tag| {
                let next = numbers.len() as u32;
                *numbers.entry(tag.as_str()).or_insert(next)
            });
            let ids: Vec<u32> = ids.collect();
            let mask: u64 = ids.iter().fold(0, |mask, id| mask | 1 << (id % 64));
            repeated_tag |= mask.count_ones() as usize != ids.len();
            graph.tag_masks.push(mask);
            graph.tag_ids.push(ids);
        }
        graph.exact_tag_masks = numbers.len() <= 64 && !repeated_tag;
        for (id, doc) in docs.iter().enumerate() {
            value_of(&mut graph.translations, &doc.translation_key).push(id);
            if doc.kind == Kind::Article && !doc.front.tags.is_empty() {
                let by_tag = value_of(&mut graph.by_tag, &doc.language);
                for tag in &doc.front.tags {
                    value_of(by_tag, tag).push(id);
                }
            }
            let parent_key = match doc.kind {
                Kind::Home => continue,
                Kind::Section => parent_dir(&doc.dir),
                Kind::Article => doc.dir.as_str(),
            };
            match graph.section_of_dir.get(&doc.language).and_then(|dirs| dirs.get(parent_key)) {
                Some(&parent) => {
                    graph.parent[id] = Some(parent);
                    let list =
                        if doc.kind == Kind::Section { &mut graph.subsections } else { &mut graph.articles };
                    list[parent].push(id);
                }
                None => graph.orphans.push(id),
            }
        }
        // Menu order: weight, then title as a reader sorts it (accents and case aside).
        let title_keys: Vec<String> =
            docs.iter().map(|d| deunicode::deunicode(&d.front.title).to_lowercase()).collect();
        let order = |a: &DocId, b: &DocId| {
            let (x, y) = (&docs[*a], &docs[*b]);
            (x.front.weight, &title_keys[*a], &x.front.title, &x.path).cmp(&(
                y.front.weight,
                &title_keys[*b],
                &y.front.title,
                &y.path,
            ))
        };
        for list in graph.articles.iter_mut().chain(graph.subsections.iter_mut()) {
            list.sort_by(order);
        }
        graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    #[test]
    fn a_site_reads_its_configuration_its_folders_and_the_policy_it_names() {
        let mut source = MemorySource::new();
        source.insert(
            CONFIG_FILE,
            "title: Ayuda\nbase_url: https://ayuda.example.com\nsla_policy: reglas/sla.yaml\n",
        );
        let expected = ["ayuda.yaml", "reglas/sla.yaml", "content", "static", "templates", "themes"];
        assert_eq!(input_paths(&source), expected);
        source.insert(CONFIG_FILE, "title: [");
        assert_eq!(input_paths(&source)[1], "sla.yaml", "without a configuration, the default policy file");
    }
}
