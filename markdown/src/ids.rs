//! Heading ids, unique within a page: the second "Pasos" becomes `pasos-1`.

use std::collections::HashMap;
use text::slugify;

/// The fixed ids that the built-in theme's templates (`themes/default/templates`, shortcodes
/// included) put on a page beside its headings; a heading never gets one of them. Ids built
/// from data, such as `sla-priority-{{ p.id }}`, are not listed: shortcode output is in the
/// page's Markdown, where [`UniqueIds::for_text`] finds them.
const THEME_IDS: &[&str] = &[
    "contenido",
    "secciones",
    "subsecciones",
    "articulos",
    "relacionados",
    "calculadora-titulo",
    "sla-created",
    "sla-created-zone",
    "sla-created-error",
    "sla-zone",
    "sla-priority-error",
    "sla-type",
    "sla-type-error",
    "sla-workaround",
    "sla-workaround-error",
    "site-search-q",
    "site-search-list",
    "buscar-titulo",
    "buscar-q",
    "buscar-estado",
    "buscar-indice",
    "not-found-q",
    "home-q",
    "menu-drawer",
    "feedback-title",
    "feedback-comment",
    "footer-support",
    "footer-hours",
    "home-questions",
    "home-featured",
    "contact-title",
    "contact-subject-label",
    "contact-subject",
    "contact-subject-hint",
    "contact-status",
    "contact-suggestions-title",
    "contact-who",
    "contact-hours",
];

/// Hands out unique ids within a page: the second "Pasos" becomes `pasos-1`, and
/// "Contenido" becomes `contenido-1`, since the theme has an element with id `contenido`.
#[derive(Default)]
pub struct UniqueIds(HashMap<String, usize>);

impl UniqueIds {
    /// Unique ids for a page whose Markdown is `text`: the ids that its raw HTML, shortcode
    /// output included, gives elements (`id="…"`) are taken too.
    pub fn for_text(text: &str) -> UniqueIds {
        let mut ids = UniqueIds::default();
        const ATTRIBUTE: &str = "id=\"";
        // memmem's vector search: str's own search for a needle took 1.5 % of a clean build.
        for at in memchr::memmem::find_iter(text.as_bytes(), ATTRIBUTE) {
            let attached = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '-');
            let rest = &text[at + ATTRIBUTE.len()..];
            if let (false, Some(end)) = (attached, rest.find('"')) {
                ids.0.insert(rest[..end].to_owned(), 0);
            }
        }
        ids
    }

    /// A unique id for a heading text.
    pub fn id_for(&mut self, text: &str) -> String {
        let base = slugify(text);
        if !self.is_taken(&base) {
            self.0.insert(base.clone(), 0);
            return base;
        }
        let mut count = self.0.get(&base).copied().unwrap_or(0);
        loop {
            count += 1;
            let candidate = format!("{base}-{count}");
            if !self.is_taken(&candidate) {
                self.0.insert(base, count);
                self.0.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }

    fn is_taken(&self, id: &str) -> bool {
        self.0.contains_key(id) || THEME_IDS.contains(&id)
    }
}

/// The id among a page's heading `ids` that a link's `anchor`, which is none of them, most
/// likely meant: the id its text makes (`#Definir-su-horario`, `#publicar-su-página`), else
/// the first that has more than half of its words.
pub fn nearest_id<'a>(anchor: &str, ids: &'a [String]) -> Option<&'a str> {
    let wanted = slugify(anchor);
    if let Some(same) = ids.iter().find(|id| **id == wanted) {
        return Some(same);
    }
    let words: Vec<&str> = wanted.split('-').collect();
    let shared = |id: &str| words.iter().filter(|&&word| id.split('-').any(|w| w == word)).count();
    let (best, count) = ids.iter().map(|id| (id, shared(id))).rev().max_by_key(|&(_, count)| count)?;
    (count * 2 > words.len()).then_some(best.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_mistyped_anchor_finds_the_heading_it_meant() {
        let ids = ["requisitos", "publicar-su-pagina-de-reservas", "definir-su-horario", "paso-1"]
            .map(String::from);
        assert_eq!(
            nearest_id("publicar-su-página-de-reservas", &ids),
            Some("publicar-su-pagina-de-reservas")
        );
        assert_eq!(nearest_id("Definir-su-horario", &ids), Some("definir-su-horario"));
        assert_eq!(nearest_id("definir-horario", &ids), Some("definir-su-horario"), "most words");
        assert_eq!(nearest_id("paso-9", &ids), None, "half the words is not enough");
        assert_eq!(nearest_id("otra-cosa", &ids), None);
    }

    #[test]
    fn duplicates_get_numbered() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.id_for("Pasos"), "pasos");
        assert_eq!(ids.id_for("Pasos"), "pasos-1");
        assert_eq!(ids.id_for("Pasos"), "pasos-2");
        assert_eq!(ids.id_for("Pasos 1"), "pasos-1-1");
    }

    #[test]
    fn ids_in_the_pages_html_are_never_handed_out() {
        let text =
            "<div id=\"sla-priority-alta\" data-id=\"pasos\"></div>\n\n## SLA priority alta\n## Pasos\n";
        let mut ids = UniqueIds::for_text(text);
        assert_eq!(ids.id_for("SLA priority alta"), "sla-priority-alta-1");
        assert_eq!(ids.id_for("Pasos"), "pasos", "data-id is not an id");
    }

    #[test]
    fn ids_of_the_theme_are_never_handed_out() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.id_for("Contenido"), "contenido-1");
        assert_eq!(ids.id_for("Contenido"), "contenido-2");
        assert_eq!(ids.id_for("Artículos"), "articulos-1");
        assert_eq!(ids.id_for("Relacionados"), "relacionados-1");
        assert_eq!(ids.id_for("SLA zone"), "sla-zone-1");
    }

    #[test]
    fn theme_ids_are_the_fixed_ids_of_the_theme_templates() {
        let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../themes/default/templates");
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(templates) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let html = std::fs::read_to_string(entry.path()).unwrap();
            for (at, _) in html.match_indices(" id=\"") {
                let value = &html[at + 5..];
                // The feedback widget's ids end with a suffix, empty on an article's own.
                let value = value[..value.find('"').unwrap()].replace("{{ suffix }}", "");
                if !value.contains('{') {
                    found.push(value);
                }
            }
        }
        found.sort();
        found.dedup();
        let mut listed: Vec<_> = THEME_IDS.iter().map(|id| id.to_string()).collect();
        listed.sort();
        assert_eq!(listed, found);
    }
}
