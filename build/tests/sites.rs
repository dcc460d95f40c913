//! `ayuda build` on whole fixture sites: valid ones snapshot their `<main>`, invalid ones
//! report every problem with file, line and column, and never touch the previous output.

use build::{BuildOptions, Engine, FsSource, LoadOptions, MemorySink, Settings, Source};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// Every link of the built pages that stays in the site (`href`, `src`, redirects, form
/// actions and the search box's scripts), checked:
/// each starts with `base_path`, names a file of the site and, with `#id`, an id of that page.
fn check_internal_links(files: &[(String, Vec<u8>)], base_path: &str) -> usize {
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
    let site: std::collections::HashMap<&str, &[u8]> =
        files.iter().map(|(path, bytes)| (path.as_str(), bytes.as_slice())).collect();
    let mut checked = 0;
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = text(bytes);
        let html = html.as_str();
        let attributes =
            ["href=\"", "src=\"", "url=", "action=\"", "data-module=\"", "data-wasm=\"", "data-glue=\""];
        let values = attributes.into_iter().flat_map(|attribute| {
            html.match_indices(attribute).map(move |(at, _)| {
                let rest = &html[at + attribute.len()..];
                &rest[..rest.find(['"', '\'', ' ']).unwrap_or(rest.len())]
            })
        });
        for link in values.filter(|l| l.starts_with('/') && !l.starts_with("//")) {
            let inside =
                link.strip_prefix(base_path).unwrap_or_else(|| panic!("{page}: {link} leaves {base_path}"));
            let (path, anchor) = inside.split_once('#').unwrap_or((inside, ""));
            let file =
                path.trim_start_matches('/').to_owned() + if path.ends_with('/') { "index.html" } else { "" };
            let target =
                site.get(file.as_str()).unwrap_or_else(|| panic!("{page}: {link} has no file {file}"));
            if !anchor.is_empty() {
                assert!(text(target).contains(&format!("id=\"{anchor}\"")), "{page}: {link}: no id {anchor}");
            }
            checked += 1;
        }
    }
    checked
}

fn settings() -> Settings {
    Settings { load: LoadOptions::default(), today: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap() }
}

fn options(site: &Path, out: &Path) -> BuildOptions {
    BuildOptions { root: site.to_owned(), out: out.to_owned(), settings: settings() }
}

/// Builds a site into folder `out`, as `ayuda build` does.
fn build(options: &BuildOptions) -> Result<build::BuildReport, diagnostics::Diagnostics> {
    build::build(options, None)
}

/// Builds a site in memory: its files, or the report of its problems as `ayuda build` words it.
fn render_site(root: &Path, settings: Settings) -> Result<Vec<(String, Vec<u8>)>, String> {
    let sink = MemorySink::default();
    let report = |problems: diagnostics::Diagnostics| {
        let count = problems.error_count();
        format!("{problems}\nthe build failed with {count} error(s); the previous output was left untouched")
    };
    let engine = Engine::new(&FsSource::new(root), settings, &sink, None).map_err(report)?;
    if engine.diagnostics().has_errors() {
        return Err(report(engine.diagnostics().clone()));
    }
    Ok(sink.into_files().into_iter().collect())
}

/// The demo site's SLA page.
const SLA_PAGE: &str = "servicio-al-cliente/acuerdo-de-niveles-de-servicio/index.html";

/// The `<main>` element of a page: the part of the page a site's content decides.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

fn errors_of(site: &str) -> String {
    let root = repo().join("tests/sites").join(site);
    render_site(&root, settings()).expect_err("the site is invalid")
}

#[test]
fn basic_site_pages_render_as_expected() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("basic");
    build(&options(&repo().join("tests/sites/basic"), &out)).unwrap();
    for page in ["guia/primeros-pasos", "guia/preguntas", "guia", "en/guia/primeros-pasos", ""] {
        let html = std::fs::read_to_string(out.join(page).join("index.html")).unwrap();
        insta::assert_snapshot!(format!("basic_{}", page.replace('/', "_")), main_of(&html));
    }
    let article = std::fs::read_to_string(out.join("guia/primeros-pasos/index.html")).unwrap();
    assert!(article.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://ayuda.example.com/en/guia/primeros-pasos/\">"
    ));
    assert!(article.contains("<html lang=\"es\">"));
    let untranslated = std::fs::read_to_string(out.join("guia/exportar/index.html")).unwrap();
    assert!(
        untranslated.contains("<a href=\"/en/guia/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "an untranslated page switches to its nearest translated section"
    );
    let faq = std::fs::read_to_string(out.join("guia/preguntas/index.html")).unwrap();
    assert!(faq.contains("\"@type\":\"FAQPage\"") && faq.contains("\"name\":\"¿Puedo exportar?\""));
    let alias = std::fs::read_to_string(out.join("viejo/primeros-pasos/index.html")).unwrap();
    assert!(alias.contains("url=/guia/primeros-pasos/"));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap
        .contains("<loc>https://ayuda.example.com/guia/primeros-pasos/</loc><lastmod>2025-02-18</lastmod>"));
    assert!(
        sitemap.contains("<loc>https://ayuda.example.com/guia/</loc><lastmod>2025-02-18</lastmod>"),
        "a section changes when an article in it does"
    );
    let feed = std::fs::read_to_string(out.join("en/atom.xml")).unwrap();
    assert!(feed.contains("<title>First steps</title>"));
    // One 404 page a language, each in its folder, speaking only its language.
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    let not_found_en = std::fs::read_to_string(out.join("en/404.html")).unwrap();
    assert!(not_found.starts_with("<!DOCTYPE html>\n<html lang=\"es\">"));
    assert!(not_found_en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(not_found.contains("<h1>Página no encontrada</h1>") && !not_found.contains("Page not found"));
    assert!(
        not_found_en.contains("<h1>Page not found</h1>") && !not_found_en.contains("Página no encontrada")
    );
    // Kept out of search engines, and described for the reader who finds it in a result list.
    assert!(not_found.contains("<meta name=\"description\" content=\"La página que busca no existe o cambió de dirección.\">\n<meta name=\"robots\" content=\"noindex\">"));
    // Search, the way home and the home's sections, in the page's language.
    assert!(not_found_en.contains("<form class=\"search-page-form\" action=\"/en/search/\" role=\"search\""));
    assert!(not_found_en.contains("<p><a href=\"/en/\">Home</a></p>"));
    assert!(not_found.contains(
        "<h2>Secciones principales</h2>\n<ul class=\"not-found-sections\">\n<li><a href=\"/guia/\">"
    ));
    assert!(not_found_en
        .contains("<h2>Main sections</h2>\n<ul class=\"not-found-sections\">\n<li><a href=\"/en/guia/\">"));
    // The home pages put a search form up front, leading to their search page.
    let home_en = std::fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(home_en.contains("<form class=\"search-page-form\" action=\"/en/search/\" role=\"search\" aria-label=\"What do you need to know?\">"));
    // A reader sent to the wrong language's page (a host with one 404 page) can switch.
    assert!(not_found.contains("<a href=\"/en/404.html\" hreflang=\"en\" lang=\"en\">English</a>"));
    assert!(not_found_en.contains("<a href=\"/404.html\" hreflang=\"es\" lang=\"es\">Español</a>"));
    assert!(out.join("robots.txt").is_file());
}

#[test]
fn a_theme_folder_layers_between_the_built_in_theme_and_the_site() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("themed");
    build(&options(&repo().join("tests/sites/themed"), &out)).unwrap();
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    let article = read("guia/pasos/index.html");
    assert!(
        article.contains("<article class=\"marca-articulo\">"),
        "the theme's page.html replaces the built-in one"
    );
    assert!(article.contains("<nav class=\"site-menu\""), "the built-in base.html it extends stays");
    assert!(
        article.contains("<p class=\"nota-del-sitio\">Del sitio</p>"),
        "the site's shortcode wins over the theme's"
    );
    assert!(article.contains("<span class=\"etiqueta\">Del tema</span>"), "the theme's own shortcode");
    assert!(read("guia/index.html").contains("<section"), "templates the theme lacks stay built-in");
    assert!(!article.contains("/en/"), "no language switch to English, which has no pages here");
    let section = read("guia/index.html");
    let positions: Vec<usize> = [">Árbol<", ">beta<", ">Éxito<", ">Pasos<", ">Zeta<"]
        .iter()
        .map(|t| section.find(t).unwrap())
        .collect();
    assert!(positions.is_sorted(), "titles in a reader's order, accents and case aside: {positions:?}");
    assert!(
        read("guia/version-2-0/index.html").contains("<h1>Versión 2.0</h1>"),
        "a dot in a name is no language"
    );
    assert_eq!(read("marca.css"), ".marca-articulo { max-width: 40rem; }\n", "the theme's static files");
    let stylesheet =
        article.split("href=\"/assets/style.").nth(1).and_then(|rest| rest.split_once('"')).unwrap().0;
    let stylesheet = read(&format!("assets/style.{stylesheet}"));
    assert!(
        stylesheet.starts_with("body { font-family: Georgia, serif; }\n"),
        "the theme's static/style.css replaces the built-in one, under a name made of its content"
    );
    assert!(stylesheet.contains(".hl-"), "the code highlighting's rules are added to it: {stylesheet}");
    assert!(!stylesheet.contains(".search-needs-js"), "nothing of the built-in stylesheet");
    assert!(!out.join("style.css").exists(), "it is not copied as it is");
    assert!(
        read("logo.svg").contains("<title>sitio</title>"),
        "the site's static/ replaces the theme's file"
    );
    assert_eq!(
        errors_of("invalid-theme"),
        "ayuda.yaml:3:10: theme: no theme \"falta\": themes/falta/ needs a templates/ or static/ folder \
         (or omit `theme` for the built-in one)\n\
         the build failed with 1 error(s); the previous output was left untouched"
    );
}

#[test]
fn a_site_published_under_a_path_links_inside_that_path() {
    let site = repo().join("tests/sites/basic");
    let mut settings = settings();
    settings.load.base_url = Some("https://ayuda.example.com/docs/ayuda/".to_owned());
    let files = render_site(&site, settings).unwrap();
    assert!(check_internal_links(&files, "/docs/ayuda") > 80, "the pages' links were found and checked");
    let page =
        |path: &str| String::from_utf8(files.iter().find(|(p, _)| p == path).unwrap().1.clone()).unwrap();
    let article = page("guia/primeros-pasos/index.html");
    assert!(article.contains(
        "<link rel=\"canonical\" href=\"https://ayuda.example.com/docs/ayuda/guia/primeros-pasos/\">"
    ));
    assert!(page("sitemap.xml").contains("<loc>https://ayuda.example.com/docs/ayuda/guia/</loc>"));
    assert!(page("en/atom.xml").contains("href=\"https://ayuda.example.com/docs/ayuda/en/atom.xml\""));
    assert!(page("robots.txt").contains("Sitemap: https://ayuda.example.com/docs/ayuda/sitemap.xml"));
    assert!(
        article.contains(" data-index=\"/docs/ayuda/search-index/es/\""),
        "the search box finds its index under the base path"
    );
    assert!(page("en/search/index.html").contains("action=\"/docs/ayuda/en/search/\""));
}

#[test]
fn every_language_has_a_search_page_and_every_page_a_search_box() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("search");
    build(&options(&repo().join("tests/sites/basic"), &out)).unwrap();
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    let spanish = read("buscar/index.html");
    insta::assert_snapshot!("basic_buscar", main_of(&spanish));
    assert!(
        spanish.contains("<html lang=\"es\">") && spanish.contains("<title>Buscar · Ayuda de prueba</title>")
    );
    assert!(
        spanish.contains("<a href=\"/en/search/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "the language switch leads to the other search page"
    );
    let english = read("en/search/index.html");
    let index = &english[english.find("<section class=\"search-index\"").expect("a static index")..];
    assert!(index.contains("<h3><a href=\"/en/guia/\">Guide</a></h3>"), "{index}");
    assert!(index.contains("<li><a href=\"/en/guia/primeros-pasos/\">First steps</a></li>"), "{index}");
    assert!(!index.contains("href=\"/guia/"), "only English pages: {index}");
    assert!(english.contains("<p class=\"search-needs-js\">Search needs JavaScript"));
    // The box: on every page, the 404 page too, in the page's language, leading to its search page.
    let box_in = |html: &str, action: &str, label: &str| {
        html.contains(&format!(
            "<form role=\"search\" class=\"site-search\" action=\"{action}\" aria-label=\"{label}\""
        )) && html
            .contains(&format!("<label class=\"visually-hidden\" for=\"site-search-q\">{label}</label>"))
            && html.contains("<input id=\"site-search-q\" type=\"search\" name=\"q\"")
    };
    for page in
        ["index.html", "guia/index.html", "guia/primeros-pasos/index.html", "404.html", "buscar/index.html"]
    {
        assert!(box_in(&read(page), "/buscar/", "Buscar en la ayuda"), "{page}");
    }
    for page in ["en/index.html", "en/guia/primeros-pasos/index.html", "en/search/index.html"] {
        assert!(box_in(&read(page), "/en/search/", "Search the help center"), "{page}");
    }
    // Its scripts are named by their content, and no page loads them: the box does, on focus.
    let assets: Vec<String> = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("search"))
        .collect();
    assert_eq!(assets.len(), 3, "{assets:?}");
    let article = read("guia/primeros-pasos/index.html");
    for asset in &assets {
        assert!(article.contains(&format!("=\"/assets/{asset}\"")), "{asset} named by the box");
        assert!(!article.contains(&format!("src=\"/assets/{asset}\"")), "{asset} is not loaded by the page");
    }
}

#[test]
fn without_search_there_is_no_box_no_page_and_no_index() {
    let files = render_site(&repo().join("tests/sites/no-search"), settings()).unwrap();
    let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert!(
        !names.iter().any(|n| n.starts_with("search-index/") || n.starts_with("assets/search")),
        "{names:?}"
    );
    assert!(!names.contains(&"en/search/index.html"), "{names:?}");
    for (name, bytes) in files.iter().filter(|(name, _)| name.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(!html.contains("role=\"search\""), "{name} has no search box");
    }
    let page =
        &files.iter().find(|(path, _)| path == "buscar/index.html").expect("a page may live at /buscar/").1;
    assert!(String::from_utf8_lossy(page).contains("<h1>Cómo buscar un documento</h1>"));
}

#[test]
fn broken_links_and_anchors_are_reported_together() {
    assert_eq!(
        errors_of("invalid-links"),
        "content/_index.md:5:1: broken link: \"guia/no-existe.md\" (no file content/guia/no-existe.md)\n\
         content/guia/_index.md:5:5: broken anchor: content/guia/articulo.md has no heading with id \"paso-9\"\n\
         content/guia/_index.md:5:37: broken anchor: content/guia/articulo.md has no heading with id \
         \"Definir-su-horario\" (help: did you mean #definir-su-horario? a heading's id is its words \
         in small letters, without accents, joined by -)\n\
         the build failed with 3 error(s); the previous output was left untouched"
    );
}

#[test]
fn links_to_drafts_to_files_that_failed_and_to_scripts_say_so() {
    assert_eq!(
        errors_of("invalid-link-targets"),
        "content/_index.md:5:5: broken link: \"guia/borrador.md\" \
         (content/guia/borrador.md is a draft, built only with --drafts)\n\
         content/_index.md:7:1: the link \"javascript:alert(7)\" uses the scheme javascript:, which is not allowed\n\
         content/_index.md:7:36: the link \"vbscript:msgbox\" uses the scheme vbscript:, which is not allowed\n\
         content/guia/rota.md:1:1: the front matter is not closed: add a line `---` after it\n\
         content/guia/rota.md: 1 link from another page leads here and breaks until this file loads \
         (content/_index.md:5:39)\n\
         the build failed with 5 error(s); the previous output was left untouched"
    );
}

#[test]
fn bad_front_matter_names_file_line_and_field() {
    let errors = errors_of("invalid-front-matter");
    assert!(errors.contains("content/_index.md:3:1: front matter: unknown field `color`"), "{errors}");
    assert!(errors.contains("content/latin1.md:2:12: the file is not valid UTF-8"), "{errors}");
    assert!(errors.contains("content/sin-front.md:1:1: the file must start with front matter"), "{errors}");
    assert!(errors.contains("content/sin-titulo.md:2:1: front matter: missing field `title`"), "{errors}");
    assert!(
        errors.contains("content/hola.fr.md: \"fr\" is not one of the site's languages (es); add it to `languages` in ayuda.yaml"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "content/yaml-roto.md:3:7: front matter: a `[` is not closed, or a `,` is missing inside it: YAML expected `,` or `]` \
             at line 4 column 7; a text that starts with `[` goes in quotes\n"
        ),
        "YAML's own positions are turned into the file's: {errors}"
    );
    assert!(
        errors.contains(
            "content/etiqueta-yaml.md:2:8: front matter: title: the YAML tag !foo is not read by ayuda: \
             remove it, or quote a value that starts with !\n"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("content/etiquetas-vacias.md:3:21: front matter: tags[1]: a tag cannot be empty\n"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "content/fecha.md:3:7: front matter: date: 0000-01-01 is outside the years 1970 to 2100\n"
        ),
        "{errors}"
    );
    assert!(
        errors.contains(
            "content/titulo-nulo.md:3:8: front matter: title: a null value is not a title: \
             write the title, in quotes if it is the word itself\n"
        ),
        "{errors}"
    );
    assert!(errors.contains("failed with 10 error(s)"), "{errors}");
}

#[test]
fn unknown_shortcodes_arguments_and_misplaced_calls_are_errors() {
    assert_eq!(
        errors_of("invalid-shortcode"),
        "content/_index.md:7:1: unknown shortcode `no_existe` (known: sla_calculator, sla_definitive_fix_days, \
         sla_escalation, sla_hours, sla_priorities, sla_targets)\n\
         content/calculadora.md:5:16: shortcode `sla_targets` has no argument `foo` (it takes none)\n\
         content/calculadora.md:7:14: shortcode `sla_hours` has no argument `zona` (it takes none)\n\
         content/calculadora.md:7:24: shortcode `sla_hours`: the argument `zona` is given twice\n\
         content/calculadora.md:13:1: shortcode `sla_calculator` repeats the id \"calculadora-titulo\" \
         of the call on line 9: it can be on a page once\n\
         content/calculadora.md:15:3: shortcode `sla_calculator` renders a block (<section>), which cannot \
         stand inside a paragraph: put the call alone on its line\n\
         the build failed with 6 error(s); the previous output was left untouched"
    );
}

#[test]
fn two_inputs_never_write_one_file() {
    assert_eq!(
        errors_of("invalid-urls"),
        "content/a/b.md:3:11: the alias a would replace the page content/a/_index.md\n\
         content/a/c.md:5:5: the alias \"../fuera/\" must be a URL path inside the site, like /viejo/ruta/\n\
         content/a/d.md:4:11: the alias /404.html would replace the generated 404.html\n\
         content/a/d.md:4:22: the alias /viejo would replace the alias /viejo/ of content/a/c.md\n\
         content/a.md: its URL /a/ is taken by the page content/a/_index.md\n\
         content/buscar.md: its URL /buscar/ is taken by the generated buscar/index.html\n\
         static/robots.txt: copying it to robots.txt would replace the generated robots.txt\n\
         the build failed with 7 error(s); the previous output was left untouched"
    );
}

#[test]
fn a_broken_template_names_the_template_and_the_line() {
    let errors = errors_of("invalid-template");
    assert!(
        errors.starts_with("content/sin-titulo.md:2:1: front matter: missing field `title`\n"),
        "the content's problems come in the same report: {errors}"
    );
    assert!(
        errors.contains("\ntemplates/index.html:3:19: template error: Failed to parse 'index.html'"),
        "{errors}"
    );
    assert!(errors.contains("a variable end (`}}`)\n"), "without Tera's excerpt of the line: {errors}");
    assert!(
        errors.contains(
            "\ntemplates/section.html:5:1: template error: Failed to parse 'section.html': unexpected tag; \
             expected an `elif` tag, an `else` tag, an endif tag (`{% endif %}`), or some content \
             (help: a {% if %} before this line is not closed: add its {% endif %})\n"
        ),
        "{errors}"
    );
    assert!(errors.contains("\ntemplates/latin1.html:1:26: the file is not valid UTF-8\n"), "{errors}");
    assert_eq!(
        errors_of("invalid-config"),
        "ayuda.yaml:1:11: the file is not valid UTF-8\n\
         the build failed with 1 error(s); the previous output was left untouched"
    );
}

#[test]
fn template_errors_at_render_time_are_placed_in_the_template_once() {
    assert_eq!(
        errors_of("invalid-render"),
        "content/guia/a.md:5:12: broken link: \"no-existe.md\" (no file content/guia/no-existe.md)\n\
         content/guia/c.md:3:11: there is no template falta.html\n\
         templates/index.html:4:7: template error: there is no function `saludar` (rendering content/_index.md)\n\
         templates/page.html:5:9: template error: Failed to render 'page.html': Variable `page.subtitulo` \
         not found in context while rendering 'page.html' (rendering content/guia/a.md and 1 other page)\n\
         templates/section.html:3:21: template error: there is no filter `gritar` (rendering content/guia/_index.md)\n\
         the build failed with 5 error(s); the previous output was left untouched"
    );
}

/// What `ayuda build` reports for the fixture whose templates include, import or call
/// themselves (generator/tests/build_cli.rs runs the binary on it).
const TEMPLATE_CYCLE_REPORT: &str =
    "templates/macros.html:6:10: template error: the macro macros.html::titulo calls itself \
     (macros.html::titulo → macros.html::titulo)\n\
     templates/menu.html:3:4: template error: menu.html includes itself \
     (menu.html → enlaces.html → menu.html)\n\
     templates/utilidades.html:1:1: template error: utilidades.html imports itself \
     (utilidades.html → macros.html → utilidades.html)\n\
     the build failed with 3 error(s); the previous output was left untouched";

#[test]
fn templates_that_include_import_or_call_themselves_are_errors() {
    assert_eq!(
        errors_of("invalid-template-cycle"),
        TEMPLATE_CYCLE_REPORT,
        "arbol.html, which includes itself in a for, is no error"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("atomic");
    build(&options(&repo().join("tests/sites/basic"), &out)).unwrap();
    let before = std::fs::read(out.join("guia/primeros-pasos/index.html")).unwrap();
    assert!(build(&options(&repo().join("tests/sites/invalid-links"), &out)).is_err());
    assert_eq!(std::fs::read(out.join("guia/primeros-pasos/index.html")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(&format!("atomic-{}.", std::process::id())))
        .collect();
    assert!(leftovers.is_empty(), "no staging folders are left behind");
}

#[test]
fn builds_are_deterministic_and_the_demo_site_builds_clean() {
    let root = repo();
    let render = || render_site(&root, settings()).unwrap();
    let (first, second) = (render(), render());
    assert!(first == second, "two builds of the same input differ");
    assert!(check_internal_links(&first, "") > 5_000, "every link of the demo site leads somewhere");
    let sla = first.iter().find(|(p, _)| p == SLA_PAGE).unwrap();
    let html = String::from_utf8(sla.1.clone()).unwrap();
    // Every number on the SLA page comes from sla.yaml.
    assert!(
        html.contains("<tr><th scope=\"row\">Alta</th><td>2 horas</td><td>8 horas</td></tr>"),
        "targets table"
    );
    assert!(
        html.contains(
            "<td><span class=\"interval\">07:30–12:30</span> y <span class=\"interval\">13:30–17:00</span></td>"
        ),
        "hours, each interval kept on one line"
    );
    assert!(
        html.contains("<a href=\"mailto:facturacion@example.com\">facturacion<wbr>@example.<wbr>com</a>"),
        "an address breaks, if it must, before its @ or after a dot"
    );
    assert!(html.contains("mailto:facturacion@example.com"), "escalation");
    assert!(html.contains("máximo de 120 días") || html.contains(" 120 "), "definitive-fix days");
    // The top folders of the site with a page: the sections, the English home, the search and
    // contact pages.
    let is_section = |p: &str| {
        p.matches('/').count() == 1
            && p.ends_with("/index.html")
            && !["en/index.html", "buscar/index.html", "contacto/index.html"].contains(&p)
    };
    let sections = first.iter().filter(|(p, _)| is_section(p)).count();
    assert_eq!(sections, 26, "every section of the menu");

    // From the home page, one click reaches every section, the FAQ and the SLA page.
    let page = |path: &str| {
        let (_, bytes) = first.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("{path} is built"));
        String::from_utf8(bytes.clone()).unwrap()
    };
    let home = page("index.html");
    let section_urls: Vec<String> = first
        .iter()
        .filter(|(p, _)| is_section(p))
        .map(|(p, _)| format!("href=\"/{}\"", p.trim_end_matches("index.html")))
        .collect();
    for link in section_urls.iter().chain([
        &"href=\"/preguntas-frecuentes/preguntas-frecuentes/\"".to_owned(),
        &"href=\"/servicio-al-cliente/acuerdo-de-niveles-de-servicio/\"".to_owned(),
    ]) {
        assert!(home.contains(link.as_str()), "the home page links to {link}");
    }
    let english_sla = page(&format!("en/{SLA_PAGE}"));
    assert!(english_sla.contains("<th scope=\"row\">Monday to Friday</th>"), "English capitalizes days");
    assert!(html.contains("<th scope=\"row\">Lunes a viernes</th>"), "Spanish does not");
    // The English home reaches the English SLA page and FAQ the same way.
    let english = page("en/index.html");
    assert!(english.contains("href=\"/en/servicio-al-cliente/acuerdo-de-niveles-de-servicio/\""));
    assert!(english.contains("href=\"/en/preguntas-frecuentes/preguntas-frecuentes/\""));
}

#[test]
fn the_banner_shows_in_each_language_until_its_last_day() {
    let mut source = build::MemorySource::from_folder(&repo().join("tests/sites/basic")).unwrap();
    let config = String::from_utf8(source.read("ayuda.yaml").unwrap()).unwrap();
    let banner = "banner:\n  level: warning\n  until: 2026-12-12\n  text:\n    es: Mantenimiento <el sábado>\n    en: Maintenance on Saturday\n";
    source.insert("ayuda.yaml".to_owned(), format!("{config}{banner}").into_bytes());
    let render_on = |day: u32| {
        let sink = MemorySink::default();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        let engine =
            Engine::new(&source, Settings { load: LoadOptions::default(), today }, &sink, None).unwrap();
        assert!(!engine.diagnostics().has_errors(), "{}", engine.diagnostics());
        sink.into_files()
    };
    let page = |files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str| {
        String::from_utf8(files[path].clone()).unwrap()
    };
    let shown = render_on(12);
    let spanish = page(&shown, "guia/primeros-pasos/index.html");
    // After the skip link, on every page, escaped, with its level and its text's key.
    assert!(spanish.contains(
        "<a class=\"skip-link\" href=\"#contenido\">Saltar al contenido</a>\n<div class=\"banner banner-warning\" role=\"region\" aria-label=\"Anuncio\" data-banner=\""
    ));
    assert!(spanish.contains("<p>Mantenimiento &lt;el sábado&gt;</p>"));
    let english = page(&shown, "en/guia/primeros-pasos/index.html");
    assert!(
        english.contains("<p>Maintenance on Saturday</p>")
            && english.contains("aria-label=\"Dismiss the announcement\"")
    );
    let key = |html: &str| html.split("data-banner=\"").nth(1).unwrap()[..16].to_owned();
    assert_ne!(key(&spanish), key(&english), "each text its own key: dismissing one hides only it");
    assert_eq!(key(&spanish), key(&page(&shown, "index.html")), "one key on every page of a language");
    let ended = render_on(13);
    assert!(ended
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .all(|(_, b)| !String::from_utf8_lossy(b).contains("class=\"banner")));
}

#[test]
fn build_and_serve_count_every_html_page_the_same() {
    // Redirects (an alias), the 404, search and contact pages of two languages.
    let source = supported_site("");
    let sink = MemorySink::default();
    let engine = Engine::new(&source, settings(), &sink, None).unwrap();
    assert!(!engine.diagnostics().has_errors(), "{}", engine.diagnostics());
    let html_pages = sink.files().keys().filter(|path| path.ends_with(".html")).count();
    for page in ["viejo/primeros-pasos/index.html", "404.html", "en/404.html", "en/search/index.html"] {
        assert!(sink.files().contains_key(page), "{page}");
    }
    assert!(sink.files().keys().any(|path| path.starts_with("contact")), "a contact page");
    assert_eq!(engine.page_count(), html_pages, "ayuda serve's count");
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    for path in source.paths() {
        std::fs::create_dir_all(site.join(path).parent().unwrap()).unwrap();
        std::fs::write(site.join(path), source.get(path).unwrap()).unwrap();
    }
    let report = build(&options(&site, &scratch.path().join("public"))).unwrap();
    assert_eq!(report.pages, html_pages, "ayuda build's count");
}

/// The basic site with the demo's SLA policy, `featured: true` on an article and on the FAQ
/// page, and `extra` appended to ayuda.yaml.
fn supported_site(extra: &str) -> build::MemorySource {
    let mut source = build::MemorySource::from_folder(&repo().join("tests/sites/basic")).unwrap();
    source.insert("sla.yaml", std::fs::read(repo().join("sla.yaml")).unwrap());
    let config = String::from_utf8(source.read("ayuda.yaml").unwrap()).unwrap();
    source.insert("ayuda.yaml", format!("{config}{extra}"));
    for path in ["content/guia/exportar.md", "content/guia/preguntas.md"] {
        let text = String::from_utf8(source.read(path).unwrap()).unwrap();
        source.insert(path, text.replacen("---\n", "---\nfeatured: true\n", 1));
    }
    source
}

/// Renders a site from memory: its files, or its errors as `ayuda check` prints them.
fn render_memory(source: &build::MemorySource) -> Result<std::collections::BTreeMap<String, String>, String> {
    let sink = MemorySink::default();
    let engine = Engine::new(source, settings(), &sink, None).map_err(|d| d.to_string())?;
    if engine.diagnostics().has_errors() {
        return Err(engine.diagnostics().to_string());
    }
    Ok(sink.into_files().into_iter().map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned())).collect())
}

#[test]
fn the_home_lists_featured_articles_and_the_questions_of_featured_faq_pages() {
    let files = render_memory(&supported_site("")).unwrap();
    let home = &files["index.html"];
    let questions = home.split("<h2 id=\"home-questions\">").nth(1).expect("most asked questions");
    let questions = &questions[..questions.find("</section>").unwrap()];
    assert!(questions.starts_with("Preguntas más frecuentes</h2>"));
    assert_eq!(questions.matches("<li>").count(), 2, "the FAQ page's questions, in its order: {questions}");
    assert!(questions.contains("<a href=\"/guia/preguntas/#puedo-exportar\">¿Puedo exportar?</a>"));
    assert!(questions.find("#puedo-exportar").unwrap() < questions.find("#hay-soporte").unwrap());
    let featured = home.split("<h2 id=\"home-featured\">").nth(1).expect("featured articles");
    let featured = &featured[..featured.find("</section>").unwrap()];
    assert!(featured.contains("<a href=\"/guia/exportar/\">Exportar</a><p>Exportar a Excel.</p>"));
    assert!(!featured.contains("/guia/preguntas/"), "a FAQ page gives its questions, not a card");
    // The English home has no featured page: neither list.
    assert!(
        !files["en/index.html"].contains("home-questions")
            && !files["en/index.html"].contains("home-featured")
    );
    // Without the flags, neither list.
    let plain = render_site(&repo().join("tests/sites/basic"), settings()).unwrap();
    let plain_home =
        String::from_utf8(plain.iter().find(|(p, _)| p == "index.html").unwrap().1.clone()).unwrap();
    assert!(!plain_home.contains("home-featured") && !plain_home.contains("home-questions"));
}

/// The links of a home page's featured cards, in order.
fn featured_cards(home: &str) -> Vec<&str> {
    let Some(cards) = home.split("<h2 id=\"home-featured\">").nth(1) else { return Vec::new() };
    let cards = &cards[..cards.find("</section>").unwrap()];
    cards.split("<a href=\"").skip(1).map(|link| &link[..link.find('"').unwrap()]).collect()
}

#[test]
fn featured_in_ayuda_yaml_come_first_in_its_order_then_front_matter_each_once() {
    let mut source = supported_site(
        "featured:\n  es: [guia/exportar.md, guia/primeros-pasos.md]\n  en: [guia/primeros-pasos.en.md]\n",
    );
    // A flagged article that weighs least: after the listed ones all the same.
    source.insert("content/guia/anular.md", "---\ntitle: Anular\nweight: -5\nfeatured: true\n---\nAnule.\n");
    let files = render_memory(&source).unwrap();
    assert_eq!(
        featured_cards(&files["index.html"]),
        ["/guia/exportar/", "/guia/primeros-pasos/", "/guia/anular/"],
        "ayuda.yaml's order (exportar weighs more than primeros-pasos), then front matter; exportar once"
    );
    assert_eq!(featured_cards(&files["en/index.html"]), ["/en/guia/primeros-pasos/"]);
    // The FAQ page flagged in front matter still gives its questions.
    assert!(files["index.html"].contains("<a href=\"/guia/preguntas/#puedo-exportar\">"));
    // Without the list: front matter only, by weight.
    let mut flagged_only = supported_site("");
    flagged_only
        .insert("content/guia/anular.md", "---\ntitle: Anular\nweight: -5\nfeatured: true\n---\nAnule.\n");
    let files = render_memory(&flagged_only).unwrap();
    assert_eq!(featured_cards(&files["index.html"]), ["/guia/anular/", "/guia/exportar/"]);
}

#[test]
fn featured_in_ayuda_yaml_naming_no_page_of_its_language_is_an_error_where_it_is_written() {
    let mut source = supported_site(concat!(
        "featured:\n",
        "  es:\n",
        "    - guia/exportar.md\n",
        "    - guia/no-existe.md\n",
        "    - guia/borrador.md\n",
        "    - guia/primeros-pasos.en.md\n",
        "    - guia/exportar.md\n",
        "    - _index.md\n",
        "  en: [guia/exportar.md]\n",
    ));
    source.insert("content/guia/borrador.md", "---\ntitle: Borrador\ndraft: true\n---\nAún no.\n");
    let errors = render_memory(&source).expect_err("refused");
    let lines: Vec<&str> = errors.lines().filter(|l| l.contains(": featured.")).collect();
    let help =
        " (help: list the pages of each language as paths under content/, like es: [guia/exportar.md])";
    let expected = [
        "ayuda.yaml:7:7: featured.es: there is no page content/guia/no-existe.md",
        "ayuda.yaml:8:7: featured.es: content/guia/borrador.md is a draft, built only with --drafts",
        "ayuda.yaml:9:7: featured.es: content/guia/primeros-pasos.en.md is a page in en, not es",
        "ayuda.yaml:10:7: featured.es: content/guia/exportar.md is listed twice",
        "ayuda.yaml:11:7: featured.es: content/_index.md is the home page itself",
        "ayuda.yaml:12:8: featured.en: content/guia/exportar.md is a page in es, not en",
    ];
    let expected: Vec<String> = expected.iter().map(|e| format!("{e}{help}")).collect();
    assert_eq!(lines, expected, "{errors}");
    // A language the site does not have: when ayuda.yaml is read.
    let unknown =
        render_memory(&supported_site("featured: {fr: [guia/exportar.md]}\n")).expect_err("refused");
    assert!(
        unknown.contains("ayuda.yaml:4:12: featured: \"fr\" is not one of the site's languages (es, en)"),
        "{unknown}"
    );
}

#[test]
fn with_a_policy_every_page_has_a_support_footer_and_each_language_a_contact_page() {
    let files = render_memory(&supported_site("sla_page: guia/primeros-pasos.md\n")).unwrap();
    let article = &files["guia/exportar/index.html"];
    let footer = &article[article.find("<footer").unwrap()..article.find("</footer>").unwrap()];
    assert!(footer.contains("<a href=\"/contacto/\">Contactar a soporte</a>"));
    assert!(footer.contains("<a href=\"/guia/primeros-pasos/\">Acuerdo de niveles de servicio</a>"));
    assert!(footer.contains(
        "Lunes a viernes: <span class=\"interval\">07:30–12:30</span> y <span class=\"interval\">13:30–17:00</span><br>America/Bogota (UTC−05:00)"
    ));
    let english = &files["en/guia/primeros-pasos/index.html"];
    assert!(english.contains("<a href=\"/en/contact/\">Contact support</a>"));
    assert!(english.contains("<a href=\"/en/guia/primeros-pasos/\">Service-level agreement</a>"));
    // The contact page: the subject box (a search form that works without JavaScript), who
    // handles each request, the hours, and the calculator's page.
    let contact = main_of(&files["contacto/index.html"]);
    assert!(contact.contains("<h1 id=\"contact-title\">Contactar a soporte</h1>"));
    assert!(contact.contains("action=\"/buscar/\"") && contact.contains("name=\"q\""));
    assert!(contact.contains("<a href=\"mailto:facturacion@example.com\">"));
    assert!(contact.contains("<caption>Horario de atención</caption>"));
    assert!(contact
        .contains("<a href=\"/guia/primeros-pasos/\">Calcule cuándo vence la respuesta a su ticket</a>"));
    assert!(files["contacto/index.html"]
        .contains("<meta name=\"description\" content=\"Cómo contactar a soporte: quién atiende"));
    assert!(files["en/contact/index.html"]
        .contains("<meta name=\"description\" content=\"How to contact support: who handles"));
    let contact_en = main_of(&files["en/contact/index.html"]);
    assert!(contact_en.contains("Who handles each request") && contact_en.contains("action=\"/en/search/\""));
    // Without a policy: no footer section and no contact page.
    let plain = render_site(&repo().join("tests/sites/basic"), settings()).unwrap();
    assert!(plain
        .iter()
        .all(|(p, b)| !p.starts_with("contacto/") && !String::from_utf8_lossy(b).contains("footer-support")));
}

#[test]
fn a_language_tag_with_a_region_gets_the_interface_of_its_language() {
    let mut source = supported_site("sla_page: guia/primeros-pasos.md\n");
    let config = String::from_utf8(source.read("ayuda.yaml").unwrap()).unwrap();
    let config = config.replace("languages: [es, en]", "default_language: es-CO\nlanguages: [es-CO, en-US]");
    source.insert("ayuda.yaml", config);
    let english: Vec<String> = source.paths().filter(|p| p.ends_with(".en.md")).map(str::to_owned).collect();
    for path in english {
        let bytes = source.get(&path).unwrap().to_vec();
        source.remove(&path);
        source.insert(path.replace(".en.md", ".en-US.md"), bytes);
    }
    let files = render_memory(&source).unwrap();
    let spanish = &files["guia/primeros-pasos/index.html"];
    assert!(spanish.contains("<html lang=\"es-CO\""), "the tag as written");
    for words in [
        "<meta property=\"og:locale\" content=\"es_CO\">",
        "<span aria-current=\"true\" lang=\"es-CO\">Español</span>",
        "hreflang=\"en-US\" lang=\"en-US\">English</a>",
        "Saltar al contenido",
        "Actualizado el 18 de febrero de 2025",
        "Tiempo estimado de lectura: 1 minuto",
        "<a href=\"/contacto/\">Contactar a soporte</a>",
        "Lunes a viernes: <span class=\"interval\">07:30–12:30</span>",
    ] {
        assert!(spanish.contains(words), "{words}");
    }
    let english = &files["en-US/guia/primeros-pasos/index.html"];
    assert!(english.contains("<html lang=\"en-US\""), "the tag as written");
    for words in [
        "Skip to content",
        "Updated February 18, 2025",
        "1 min read",
        "<a href=\"/en-US/contact/\">Contact support</a>",
    ] {
        assert!(english.contains(words), "{words}");
    }
}

#[test]
fn feedback_url_reaches_every_widget_and_the_search_box_that_reports_nothing_found() {
    let url = "https://votos.example.com/ayuda";
    let files = render_memory(&supported_site(&format!("feedback:\n  url: {url}\n"))).unwrap();
    let endpoint = format!("data-endpoint=\"{url}\"");
    // An article's widget, and each answer's on a FAQ page, send their votes to the URL.
    let article = &files["guia/exportar/index.html"];
    let widget = &article[article.find("<section class=\"feedback\"").expect("a widget")..];
    let widget = &widget[..widget.find('>').unwrap()];
    assert!(widget.contains("data-feedback") && widget.contains(&endpoint), "{widget}");
    assert!(widget.contains("data-page=\"/guia/exportar/\" data-lang=\"es\""), "{widget}");
    let faq = &files["guia/preguntas/index.html"];
    assert_eq!(faq.matches("<section class=\"feedback\"").count(), 3, "the page's and one per answer");
    assert_eq!(faq.matches(endpoint.as_str()).count(), 3, "each widget has the endpoint");
    assert!(faq.contains("data-page=\"/guia/preguntas/#hay-soporte\""), "an answer's own widget");
    let english = &files["en/guia/primeros-pasos/index.html"];
    assert!(english.contains(&endpoint) && english.contains("data-lang=\"en\""));
    // The search box of every page names it too: the contact page's suggestions report a
    // search that finds nothing there.
    let box_with = format!("data-feedback=\"{url}\">");
    for page in ["contacto/index.html", "en/contact/index.html", "guia/exportar/index.html"] {
        let html = &files[page];
        let form = &html[html.find("<form role=\"search\" class=\"site-search\"").expect(page)..];
        assert!(form[..form.find('>').unwrap() + 1].ends_with(&box_with), "{page}: {form:.600}");
    }
    assert!(files["contacto/index.html"].contains("data-search-suggest"), "the suggestions' form");
    // Without it, votes go by e-mail: no endpoint anywhere.
    let plain = render_memory(&supported_site("")).unwrap();
    assert!(plain
        .values()
        .all(|html| !html.contains("data-endpoint=\"") && !html.contains("data-feedback=\"")));
    assert!(plain["guia/exportar/index.html"].contains("<a class=\"feedback-no\" href=\"mailto:"));
}

#[test]
fn a_missing_sla_page_logo_or_favicon_and_a_pale_accent_are_errors_in_ayuda_yaml() {
    let errors = |extra: &str| render_memory(&supported_site(extra)).expect_err("refused");
    assert_eq!(
        errors("sla_page: guia/acuerdo.md\n").lines().next().unwrap(),
        "ayuda.yaml:4:11: sla_page: there is no page content/guia/acuerdo.md \
         (help: name the page of the SLA as a path under content/, like servicio-al-cliente/acuerdo.md)"
    );
    let missing = errors("branding:\n  logo: marca.svg\n  favicon: icono.png\n");
    assert!(
        missing.contains("ayuda.yaml:5:9: branding.logo: there is no file static/marca.svg")
            && missing.contains("ayuda.yaml:6:12: branding.favicon: there is no file static/icono.png"),
        "{missing}"
    );
    let mut shapeless = supported_site("branding:\n  logo: marca.svg\n");
    shapeless.insert("static/marca.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>");
    let shapeless = render_memory(&shapeless).expect_err("a logo without a size");
    assert!(shapeless.contains("ayuda.yaml:5:9: branding.logo: its size cannot be read"), "{shapeless}");
    let pale = errors("branding:\n  accent: \"#7a9\"\n");
    assert!(
        pale.contains("ayuda.yaml:5:12: branding.accent: #7a9 has a contrast of 2.62:1 on the light scheme's background #fff (--bg); links need 4.5:1 to be read"),
        "{pale}"
    );
    // A dark blue reads on white but not on the dark scheme's panels.
    let dark = errors("branding:\n  accent:\n    light: \"#0b4f8a\"\n    dark: \"#0b4f8a\"\n");
    assert!(
        dark.contains("ayuda.yaml:7:12: branding.accent: #0b4f8a has a contrast of")
            && dark.contains("dark scheme"),
        "{dark}"
    );
    assert!(!dark.contains("light scheme"), "{dark}");
}

#[test]
fn branding_gives_the_header_a_logo_the_tabs_an_icon_and_links_the_accent() {
    let mut source = supported_site("branding:\n  logo: marca.svg\n  favicon: img/icono.png\n  accent: {light: \"#0b6e4f\", dark: \"#5fd3a8\"}\n");
    source.insert("static/marca.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>");
    source.insert("static/img/icono.png", b"\x89PNG not really".to_vec());
    let files = render_memory(&source).unwrap();
    let page = &files["guia/exportar/index.html"];
    let logo = files
        .keys()
        .find(|p| p.starts_with("assets/marca.") && p.ends_with(".svg"))
        .expect("the logo, named by content");
    assert!(page.contains(&format!("<a class=\"site-title\" href=\"/\"><img class=\"site-logo\" src=\"/{logo}\" alt=\"\" width=\"32\" height=\"32\">Ayuda de prueba</a>")));
    let icon = files
        .keys()
        .find(|p| p.starts_with("assets/icono.") && p.ends_with(".png"))
        .expect("the favicon, named by content");
    assert!(page.contains(&format!("<link rel=\"icon\" href=\"/{icon}\">")));
    assert!(!files.keys().any(|p| p.starts_with("assets/icon.")), "the built-in icon is not written");
    let css = files.iter().find(|(p, _)| p.starts_with("assets/style.")).unwrap().1;
    assert!(css.contains(":root{--link:#0b6e4f;--link-hover:#0b6e4f;--focus:#0b6e4f}"));
    assert!(css.contains(
        "@media (prefers-color-scheme:dark){:root{--link:#5fd3a8;--link-hover:#5fd3a8;--focus:#5fd3a8}}"
    ));
}

#[test]
fn a_page_of_the_site_at_the_contact_address_replaces_the_generated_one() {
    let mut source = supported_site("");
    source.insert("content/contacto/_index.md", "---\ntitle: Escríbanos\n---\nNuestro formulario.\n");
    let files = render_memory(&source).unwrap();
    assert!(files["contacto/index.html"].contains("<h1>Escríbanos</h1>"), "the writers' page");
    assert!(files["guia/exportar/index.html"].contains("<a href=\"/contacto/\">Contactar a soporte</a>"));
    assert!(
        files["en/contact/index.html"].contains("Who handles each request"),
        "English keeps the generated one"
    );
}

/// A site with a section of 18 articles (`a01` to `a18`, in that order) and a nested section,
/// with `menu_html` as its own `templates/menu.html` if given.
fn long_section_site(menu_html: Option<&str>) -> build::MemorySource {
    let mut source = build::MemorySource::new();
    source.insert("ayuda.yaml", "title: Ayuda\nbase_url: https://ayuda.example.com\nlanguages: [es]\n");
    source.insert("content/_index.md", "---\ntitle: Inicio\n---\nHola.\n");
    source.insert("content/larga/_index.md", "---\ntitle: Larga\nweight: 1\n---\nMuchos.\n");
    source.insert("content/larga/sub/_index.md", "---\ntitle: Sub\n---\nDentro.\n");
    source.insert("content/larga/sub/hoja.md", "---\ntitle: Hoja\n---\nUna.\n");
    source.insert("content/otra/_index.md", "---\ntitle: Otra\nweight: 2\n---\nPocos.\n");
    source.insert("content/otra/b.md", "---\ntitle: B\n---\nTexto.\n");
    for n in 1..=18 {
        source.insert(
            format!("content/larga/a{n:02}.md"),
            format!("---\ntitle: A{n:02}\nweight: {n}\n---\nTexto.\n"),
        );
    }
    if let Some(menu) = menu_html {
        source.insert("templates/menu.html", menu);
    }
    source
}

/// The menu of a built page: its `<ul class="menu">` (or the site's own menu) as written.
fn menu_of(html: &str) -> &str {
    let nav = &html[html.find("<nav class=\"site-menu\"").expect("the menu")..];
    &nav[..nav.find("</nav>").unwrap()]
}

/// The links of a menu, in order, each as `title` or `title*` when it is the current page.
fn menu_links(menu: &str) -> Vec<String> {
    menu.split("<a href=")
        .skip(1)
        .map(|a| {
            let title = &a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()];
            let current = a[..a.find('>').unwrap()].contains("aria-current=\"page\"");
            format!("{title}{}", if current { "*" } else { "" })
        })
        .collect()
}

#[test]
fn the_menu_opens_the_current_section_and_shows_a_page_its_list_leaves_out() {
    let first: Vec<String> = (1..=15).map(|n| format!("A{n:02}")).collect();
    let with = |extra: &[&str], current: Option<usize>| {
        let mut links = vec!["Larga".to_owned(), "Sub".to_owned()];
        links.extend(first.iter().enumerate().map(|(i, t)| {
            if Some(i + 1) == current {
                format!("{t}*")
            } else {
                t.clone()
            }
        }));
        links.extend(extra.iter().map(|s| s.to_string()));
        links.push("Otra".to_owned());
        links
    };
    let files = render_memory(&long_section_site(None)).unwrap();
    let menu = |page: &str| menu_links(menu_of(&files[page]));
    // A page of the first fifteen is marked where it is.
    assert_eq!(menu("larga/a03/index.html"), with(&["Ver todos (18)"], Some(3)));
    // One beyond them comes after them, before "see all".
    assert_eq!(menu("larga/a17/index.html"), with(&["A17*", "Ver todos (18)"], None));
    assert_eq!(menu("larga/a18/index.html"), with(&["A18*", "Ver todos (18)"], None));
    // The section's own page is current; a nested section opens inside its parent.
    let section = menu("larga/index.html");
    assert_eq!(section[0], "Larga*");
    assert_eq!(menu("larga/sub/hoja/index.html")[..4], ["Larga", "Sub", "Hoja*", "A01"]);
    // A closed section lists nothing, and says nothing of how many it holds.
    assert_eq!(menu("otra/b/index.html"), ["Larga", "Otra", "B*"]);
    assert!(!menu_of(&files["otra/b/index.html"]).contains("(18)"));

    // A site's own menu.html, without the theme's macros, is given the items as data.
    let own = "<ul class=\"own\">{% for item in menu %}<li><a href=\"{{ item.url }}\"\
        {% if item.current %} aria-current=\"page\"{% endif %}>{{ item.title }}</a>\
        {% for a in item.articles %}<a href=\"{{ a.url }}\"{% if a.current %} aria-current=\"page\"{% endif %}>{{ a.title }}</a>{% endfor %}\
        {% if item.current_beyond %}<a href=\"{{ item.current_beyond.url }}\" aria-current=\"page\">{{ item.current_beyond.title }}</a>{% endif %}\
        </li>{% endfor %}</ul>";
    let files = render_memory(&long_section_site(Some(own))).unwrap();
    let menu = |page: &str| menu_links(menu_of(&files[page]));
    let mut expected: Vec<String> =
        std::iter::once("Larga".to_owned()).chain(first.iter().cloned()).collect();
    expected.extend(["A17*".to_owned(), "Otra".to_owned()]);
    assert!(menu_of(&files["larga/a17/index.html"]).contains("<ul class=\"own\">"));
    assert_eq!(menu("larga/a17/index.html"), expected);
}
