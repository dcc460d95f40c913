//! The checks that need the whole site: folders without a section page, sections without a
//! translation, templates that do not exist, links to anchors that no heading has, and
//! template failures grouped.

use crate::render::PageRecord;
use diagnostics::Diagnostic;
use model::content::{Document, Kind};
use model::Site;
use render::i18n::language_name;
use render::pages::TemplateFailure;
use render::theme::Templates;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The problem of a document whose folder has no section page in its language.
fn orphan(doc: &Document, default_language: &str) -> Diagnostic {
    let needed = if doc.kind == Kind::Section { "its parent folder" } else { "its folder" };
    let suffix = if doc.language == default_language { String::new() } else { format!(".{}", doc.language) };
    Diagnostic::file(
        &doc.file,
        format!("{needed} has no _index{suffix}.md: every folder of pages needs one per language"),
    )
}

/// Documents without a section to belong to.
pub fn orphans(site: &Site) -> Vec<Diagnostic> {
    site.graph.orphans.iter().map(|&id| orphan(&site.documents[id], &site.config.default_language)).collect()
}

/// Sections of the default language that have no version in another language of the site,
/// one warning per section and language, for each language that has at least one page (a
/// site written in one language only is not asked for translations). The other language's
/// site leaves such a section out: its menus skip it and its articles there have no section.
pub fn untranslated_sections(site: &Site) -> Vec<Diagnostic> {
    let default = &site.config.default_language;
    let written: BTreeSet<&str> = site.documents.iter().map(|doc| doc.language.as_str()).collect();
    let others: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(String::as_str)
        .filter(|l| l != default && written.contains(l))
        .collect();
    let sections = site.documents.iter().enumerate();
    let sections = sections.filter(|(_, doc)| doc.kind == Kind::Section && &doc.language == default);
    let mut warnings = Vec::new();
    for (id, doc) in sections {
        for &language in others.iter().filter(|&&l| site.translation(id, l).is_none()) {
            let name = language_name(language);
            let wanted = doc.file.with_file_name(format!("_index.{language}.md"));
            let wanted = wanted.display();
            warnings.push(
                Diagnostic::file(
                    &doc.file,
                    format!(
                        "this section has no {name} version (_index.{language}.md): \
                         the {name} site leaves it out of its menus, and its {name} articles have no section"
                    ),
                )
                .warning()
                .with_help(format!("add {wanted}, with the section's title in {name}")),
            );
        }
    }
    warnings
}

/// Front matter naming a template that does not exist.
pub fn unknown_templates(site: &Site, templates: &Templates) -> Vec<Diagnostic> {
    let tera = &templates.tera;
    site.documents
        .iter()
        .filter_map(|doc| {
            let name = doc.front.template.as_deref().filter(|n| tera.get_template(n).is_err())?;
            let (line, column) = doc.positions.template;
            Some(Diagnostic::at(&doc.file, line, column, format!("there is no template {name}")))
        })
        .collect()
}

/// `sla_page` in `ayuda.yaml` naming no page of the site.
pub fn sla_page(site: &Site) -> Option<Diagnostic> {
    let path = site.config.sla_page.as_ref()?;
    if site.document(path).is_some() {
        return None;
    }
    let file = format!("content/{path}");
    let why = site
        .unpublished
        .get(path.as_str())
        .map_or_else(|| format!("there is no page {file}"), |why| why.explain(&file));
    Some(
        model::site::config_problem(site.config.positions.sla_page, format!("sla_page: {why}")).with_help(
            "name the page of the SLA as a path under content/, like servicio-al-cliente/acuerdo.md",
        ),
    )
}

/// `featured` in `ayuda.yaml` naming a path twice, or a path that is no page of its language
/// (missing, a draft, a file that failed to load, another language's page, the home page).
pub fn featured(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (language, paths) in &site.config.featured {
        let positions = &site.config.positions.featured[language];
        for (index, (path, &position)) in paths.iter().zip(positions).enumerate() {
            let file = format!("content/{path}");
            let why = if paths[..index].contains(path) {
                format!("{file} is listed twice")
            } else if let Some(id) = site.document(path) {
                let doc = &site.documents[id];
                if doc.kind == Kind::Home {
                    format!("{file} is the home page itself")
                } else if doc.language != *language {
                    format!("{file} is a page in {}, not {language}", doc.language)
                } else {
                    continue;
                }
            } else {
                site.unpublished
                    .get(path.as_str())
                    .map_or_else(|| format!("there is no page {file}"), |why| why.explain(&file))
            };
            problems.push(
                model::site::config_problem(position, format!("featured.{language}: {why}")).with_help(
                    "list the pages of each language as paths under content/, like es: [guia/exportar.md]",
                ),
            );
        }
    }
    problems
}

/// Links to another page's `#anchor` that is none of its headings' ids, with the id it most
/// likely meant. `records` are the pages' findings, by document.
pub fn broken_anchors(site: &Site, records: &[&PageRecord]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (id, record) in records.iter().enumerate() {
        for link in &record.anchor_links {
            let Some(target) = site.document(&link.target) else { continue };
            let ids = &records[target].heading_ids;
            if !ids.contains(&link.anchor) {
                let error = Diagnostic::at(
                    &site.documents[id].file,
                    link.line,
                    link.column,
                    format!(
                        "broken anchor: content/{} has no heading with id \"{}\"",
                        link.target, link.anchor
                    ),
                );
                errors.push(match markdown::nearest_id(&link.anchor, ids) {
                    Some(meant) => error.with_help(format!(
                        "did you mean #{meant}? a heading's id is its words in small letters, \
                         without accents, joined by -"
                    )),
                    None => error,
                });
            }
        }
    }
    errors
}

/// One diagnostic per distinct template failure, however many outputs it broke: at the
/// place in the template when it can be found, else on the first input it broke. `failures`
/// come in output order (pages by document, then redirects, then the 404 page).
pub fn template_failures(
    failures: Vec<(PathBuf, TemplateFailure)>,
    templates: &Templates,
) -> Vec<Diagnostic> {
    let mut grouped: BTreeMap<TemplateFailure, (PathBuf, usize)> = BTreeMap::new();
    // A page whose template does not exist is reported as such, once, with its front matter.
    let missing = |f: &TemplateFailure| templates.tera.get_template(&f.template).is_err();
    for (input, failure) in failures.into_iter().filter(|(_, f)| !missing(f)) {
        grouped.entry(failure).or_insert((input, 0)).1 += 1;
    }
    grouped
        .into_iter()
        .map(|(failure, (input, count))| {
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
                    format!("template error: {message} (rendering {}{others})", input.display()),
                ),
                None => Diagnostic::file(&input, format!("template {template}: {message}{others}")),
            }
        })
        .collect()
}

/// The template failures of the pages, in document order, for [`template_failures`].
pub fn page_failures(site: &Site, records: &[&PageRecord]) -> Vec<(PathBuf, TemplateFailure)> {
    let failures = records.iter().enumerate().filter_map(|(id, record)| Some((id, record.failure.clone()?)));
    failures.map(|(id, failure)| (site.documents[id].file.clone(), failure)).collect()
}
