//! `ayuda init` and `ayuda new` as a writer uses them: a new help center builds and checks
//! clean at once, in Spanish and in English, and again after new pages; what they refuse
//! leaves the disk as it was.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// What one run printed, and how it ended.
struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

fn ayuda(args: &[&str], root: Option<&Path>) -> Run {
    let mut command = Command::cargo_bin("ayuda").unwrap();
    command.args(args);
    if let Some(root) = root {
        command.arg("--root").arg(root);
    }
    let output = command.output().unwrap();
    Run {
        success: output.status.success(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Runs and expects success.
fn ok(args: &[&str], root: Option<&Path>) -> Run {
    let run = ayuda(args, root);
    assert!(run.success, "ayuda {args:?} failed:\n{}\n{}", run.stdout, run.stderr);
    run
}

/// `ayuda init` into `dir`.
fn init(dir: &Path, language: &str) -> Run {
    ayuda(&["init", dir.to_str().unwrap(), "--lang", language], None)
}

/// Builds the site and checks it: no error, no warning, from either.
fn build_and_check_clean(site: &Path) {
    let build = ok(&["build"], Some(site));
    assert!(!build.stderr.contains("warning"), "the build warns:\n{}", build.stderr);
    let check = ok(&["check"], Some(site));
    assert_eq!(check.stdout, "", "ayuda check reports problems");
    assert_eq!(check.stderr.trim(), "no problems");
}

/// A built page's HTML, by its address.
fn page(site: &Path, url: &str) -> String {
    let file = site.join("public").join(url.trim_matches('/')).join("index.html");
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{} was not built: {e}", file.display()))
}

/// Every file under `dir`, relative to it, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, found);
            } else {
                found.push(path.strip_prefix(root).unwrap().to_owned());
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, dir, &mut found);
    found.sort();
    found
}

/// The words of one starter site, and the pages they lead to.
struct Starter {
    language: &'static str,
    /// The addresses of the two sections, their articles, the FAQ, and the SLA page.
    sections: [&'static str; 2],
    articles: [&'static str; 2],
    faq: &'static str,
    sla: &'static str,
    /// A section of the starter, for `ayuda new article`.
    existing_section: &'static str,
}

const STARTERS: [Starter; 2] = [
    Starter {
        language: "es",
        sections: ["primeros-pasos", "soporte"],
        articles: ["primeros-pasos/crear-su-cuenta", "soporte/abrir-un-ticket"],
        faq: "primeros-pasos/preguntas-frecuentes",
        sla: "soporte/acuerdo-de-niveles-de-servicio",
        existing_section: "soporte",
    },
    Starter {
        language: "en",
        sections: ["getting-started", "support"],
        articles: ["getting-started/create-your-account", "support/open-a-ticket"],
        faq: "getting-started/faq",
        sla: "support/service-level-agreement",
        existing_section: "support",
    },
];

#[test]
fn a_new_help_center_builds_and_checks_clean_and_so_do_its_new_pages() {
    let temp = tempfile::tempdir().unwrap();
    for starter in &STARTERS {
        let site = temp.path().join(format!("ayuda-{}", starter.language));
        let run = init(&site, starter.language);
        assert!(run.success, "{}", run.stderr);
        assert!(run.stdout.contains("ayuda serve"), "init prints the next steps:\n{}", run.stdout);
        assert!(run.stdout.contains("ayuda.yaml"), "init prints what it wrote:\n{}", run.stdout);
        let config = std::fs::read_to_string(site.join("ayuda.yaml")).unwrap();
        assert!(config.contains(&format!("default_language: {}", starter.language)), "{config}");
        let policy = ok(&["sla", "check", "--policy", site.join("sla.yaml").to_str().unwrap()], None);
        assert!(!policy.stdout.is_empty());

        build_and_check_clean(&site);
        for url in starter.sections.iter().chain(&starter.articles) {
            assert!(page(&site, url).contains("<h1"), "{url} has a title");
        }
        let faq = page(&site, starter.faq);
        assert!(faq.matches("<details class=\"faq\"").count() >= 3, "{}: questions and answers", starter.faq);
        let sla = page(&site, starter.sla);
        assert!(sla.contains("data-sla-calculator"), "{}: the calculator", starter.sla);
        assert!(sla.contains("@example.com"), "{}: the escalation contacts", starter.sla);
        assert!(!sla.contains("{{"), "{}: every shortcode rendered", starter.sla);
        let sla_link = format!("href=\"/{}/\"", starter.sla);
        for url in ["", starter.articles[0]] {
            let footer = page(&site, url).split("<footer").nth(1).map(str::to_owned).unwrap_or_default();
            assert!(footer.contains(&sla_link), "the footer of /{url} links to the SLA page");
        }

        let today = chrono::Local::now().date_naive().to_string();
        let article = format!("{}/exportar-informes", starter.existing_section);
        let run = ok(&["new", "article", &article], Some(&site));
        assert!(run.stdout.contains(&format!("content/{article}.md")), "{}", run.stdout);
        ok(&["new", "section", "facturacion", "--title", "Facturación"], Some(&site));
        ok(
            &["new", "faq", "facturacion/preguntas.md", "--title", "Preguntas: pagos y facturas"],
            Some(&site),
        );
        let written = std::fs::read_to_string(site.join("content/facturacion/preguntas.md")).unwrap();
        assert!(written.contains(&format!("date: {today}\nupdated: {today}\n")), "{written}");

        build_and_check_clean(&site);
        let article = page(&site, &article);
        assert!(article.contains("<h1>Exportar informes</h1>"), "the title from the file name");
        assert!(article.contains(&format!("datetime=\"{today}\"")), "updated today");
        assert!(page(&site, "facturacion").contains("<h1>Facturación</h1>"));
        let questions = page(&site, "facturacion/preguntas");
        assert!(questions.contains("<h1>Preguntas: pagos y facturas</h1>"));
        assert!(questions.contains(&format!("datetime=\"{today}\"")));
        assert!(questions.contains("<details class=\"faq\""), "a page of questions");
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("existing");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let run = init(&dir, "es");
    assert!(!run.success);
    assert!(run.stderr.contains(&format!("{}: the folder is not empty", dir.display())), "{}", run.stderr);
    assert!(run.stderr.contains("or move notes.txt away"), "{}", run.stderr);
    assert_eq!(files(&dir), [PathBuf::from("notes.txt")]);
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");

    let empty = temp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(init(&empty, "en").success, "an empty folder is accepted");
    assert!(empty.join("content/support/service-level-agreement.md").is_file());
}

#[test]
fn init_accepts_a_fresh_clone_of_a_repository_and_leaves_its_files_as_they_were() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::create_dir_all(dir.join(".git/refs")).unwrap();
    std::fs::write(dir.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(dir.join("README.md"), "# Ayuda\n").unwrap();
    std::fs::write(dir.join("LICENSE"), "MIT\n").unwrap();
    let run = init(dir, "es");
    assert!(run.success, "{}", run.stderr);
    assert!(!run.stdout.contains("README") && !run.stdout.contains(".git/"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(dir.join(".git/HEAD")).unwrap(), "ref: refs/heads/main\n");
    assert_eq!(std::fs::read_to_string(dir.join("README.md")).unwrap(), "# Ayuda\n");
    build_and_check_clean(dir);
}

#[test]
fn init_refuses_a_clone_whose_files_it_would_write_over_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::create_dir(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".gitignore"), "target/\n").unwrap();
    let run = init(dir, "en");
    assert!(!run.success);
    assert!(
        run.stderr.contains(&format!(
            "{}: already exists, and is left as it is: ayuda never writes over a file \
             (help: ayuda init writes its own .gitignore: move yours away, run ayuda init again, then merge the two)",
            dir.join(".gitignore").display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(files(dir), [PathBuf::from(".gitignore")], "nothing written");
    assert_eq!(std::fs::read_to_string(dir.join(".gitignore")).unwrap(), "target/\n");
}

#[test]
fn new_refuses_to_overwrite_to_leave_content_or_to_go_where_no_section_is() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    assert!(init(&site, "es").success);
    let before = files(&site);
    let article = site.join("content/soporte/abrir-un-ticket.md");
    let text = std::fs::read_to_string(&article).unwrap();

    let refused = [
        (vec!["new", "article", "soporte/abrir-un-ticket"], "already exists"),
        (vec!["new", "faq", "soporte/abrir-un-ticket.md"], "already exists"),
        (vec!["new", "section", "soporte"], "already exists"),
        (vec!["new", "article", "../x"], "`..`"),
        (vec!["new", "article", "soporte/../../x"], "`..`"),
        (vec!["new", "section", "/tmp/x"], "relative to content/"),
        (vec!["new", "article", "facturacion/exportar"], "ayuda new section facturacion"),
        (vec!["new", "article", "soporte/Exportar Informes"], "exportar-informes"),
        (vec!["new", "section", "soporte/abrir-un-ticket"], "same address"),
        (
            vec!["new", "article", "soporte/abrir-un-ticket/adjuntos"],
            "content/soporte/abrir-un-ticket/_index.md: does not exist: content/soporte/abrir-un-ticket.md is an article, \
             not a section, and a new page goes into a section (help: put the page beside that article, in content/soporte/, \
             or make the article a section first by moving it to content/soporte/abrir-un-ticket/_index.md)",
        ),
        (vec!["new", "section", "soporte/abrir-un-ticket/adjuntos"], "is an article, not a section"),
        (vec!["new", "article", "content/facturacion/exportar"], "create the section first: ayuda new section facturacion)"),
        (
            vec!["new", "article", "soporte/abrir-un-ticket.en"],
            "en is not one of the site's other languages (none)",
        ),
    ];
    for (args, said) in refused {
        let run = ayuda(&args, Some(&site));
        assert!(!run.success, "{args:?} was accepted");
        assert!(run.stderr.contains(said), "{args:?}: {}", run.stderr);
        assert_eq!(files(&site), before, "{args:?} wrote something");
    }
    assert_eq!(std::fs::read_to_string(&article).unwrap(), text);
    assert!(!temp.path().join("x.md").exists());

    let outside = temp.path().join("no-site");
    let run = ayuda(&["new", "article", "x"], Some(&outside));
    assert!(!run.success && run.stderr.contains("ayuda.yaml"), "{}", run.stderr);
    assert!(!outside.exists());
}

#[test]
fn new_reads_a_path_typed_from_the_site_root_from_content() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    assert!(init(&site, "es").success);
    let run = ok(&["new", "article", "content/soporte/exportar"], Some(&site));
    assert!(run.stdout.contains("content/soporte/exportar.md\n"), "{}", run.stdout);
    assert!(site.join("content/soporte/exportar.md").is_file());
    assert!(!site.join("content/content").exists());
    // A site with a section named content reads the path as one inside content/.
    ok(&["new", "section", "content"], Some(&site));
    ok(&["new", "article", "content/guia"], Some(&site));
    assert!(site.join("content/content/guia.md").is_file());
}

#[test]
fn new_reads_a_language_suffix_with_a_region_as_the_build_does() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    assert!(init(&site, "es").success);
    // The build reads `.pt-BR` as a language the site does not have; so does `ayuda new`.
    let page = site.join("content/soporte/guia.pt-BR.md");
    std::fs::write(&page, "---\ntitle: Guia\n---\n").unwrap();
    let build = ayuda(&["build"], Some(&site));
    assert!(!build.success && build.stderr.contains("\"pt-BR\" is not one of the site's languages (es)"));
    std::fs::remove_file(&page).unwrap();
    let before = files(&site);
    for code in ["pt-BR", "es-419", "EN"] {
        let run = ayuda(&["new", "article", &format!("soporte/guia.{code}")], Some(&site));
        assert!(!run.success, "{code} was accepted");
        let said = format!("{code} is not one of the site's other languages (none)");
        assert!(run.stderr.contains(&said), "{code}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("add {code} to `languages` in ayuda.yaml")), "{}", run.stderr);
        assert_eq!(files(&site), before, "{code}: wrote something");
    }
    // With pt-BR among the site's languages, the page is written where the build reads it.
    let config = std::fs::read_to_string(site.join("ayuda.yaml")).unwrap();
    std::fs::write(site.join("ayuda.yaml"), config.replace("languages: [es]", "languages: [es, pt-BR]"))
        .unwrap();
    for section in ["", "soporte/"] {
        std::fs::write(
            site.join(format!("content/{section}_index.pt-BR.md")),
            "---\ntitle: Em português\n---\n",
        )
        .unwrap();
    }
    let section = ayuda(&["new", "section", "soporte/pagos.pt-BR"], Some(&site));
    assert!(section.stderr.contains("a section is named without a language: ayuda new section soporte/pagos writes its _index.pt-BR.md too"), "{}", section.stderr);
    ok(&["new", "article", "soporte/guia.pt-BR"], Some(&site));
    assert!(page.is_file());
    ok(&["build"], Some(&site));
    assert!(self::page(&site, "pt-BR/soporte/guia").contains("<h1>Guia</h1>"));
}

#[test]
fn new_reads_ayuda_yaml_as_the_build_does() {
    let temp = tempfile::tempdir().unwrap();
    let broken = temp.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(
        broken.join("ayuda.yaml"),
        b"title: Ayuda\nbase_url: https://x.example.com\ndescription: Caf\xe9\n",
    )
    .unwrap();
    let empty = temp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for (site, said) in [
        (&broken, "Error: ayuda.yaml:3:17: the file is not valid UTF-8"),
        (&empty, "Error: ayuda.yaml: there is no site here: its configuration file is missing (help: make one with `ayuda init`, or give the site's folder with --root)"),
    ] {
        let build = ayuda(&["build"], Some(site));
        assert!(!build.success && build.stderr.contains(said), "{}", build.stderr);
        let before = files(site);
        let new = ayuda(&["new", "article", "x"], Some(site));
        assert!(!new.success, "ayuda new wrote into {}", site.display());
        assert!(new.stderr.contains(said), "{}", new.stderr);
        assert_eq!(files(site), before);
    }
}

/// The Spanish starter, in `folder/site`, made bilingual: `languages: [es, en]` and an English
/// version of each of its sections.
fn bilingual_starter(folder: &Path) -> PathBuf {
    let site = folder.join("site");
    assert!(init(&site, "es").success);
    let config = std::fs::read_to_string(site.join("ayuda.yaml")).unwrap();
    std::fs::write(site.join("ayuda.yaml"), config.replace("languages: [es]", "languages: [es, en]"))
        .unwrap();
    for section in ["", "primeros-pasos/", "soporte/"] {
        std::fs::write(site.join(format!("content/{section}_index.en.md")), "---\ntitle: In English\n---\n")
            .unwrap();
    }
    site
}

#[test]
fn a_new_section_gets_a_version_in_each_language_of_its_parent() {
    let temp = tempfile::tempdir().unwrap();
    let site = bilingual_starter(temp.path());
    build_and_check_clean(&site);

    let run = ok(&["new", "section", "soporte/pagos"], Some(&site));
    assert!(run.stdout.contains("content/soporte/pagos/_index.md"), "{}", run.stdout);
    assert!(run.stdout.contains("content/soporte/pagos/_index.en.md"), "{}", run.stdout);
    let english = std::fs::read_to_string(site.join("content/soporte/pagos/_index.en.md")).unwrap();
    assert!(english.contains("title: Pagos\n") && english.contains("Say in one paragraph"), "{english}");
    ok(&["new", "article", "soporte/pagos/tarjetas.en"], Some(&site));
    assert!(site.join("content/soporte/pagos/tarjetas.en.md").is_file());
    build_and_check_clean(&site);
}

#[test]
fn new_pages_come_after_the_pages_beside_them_in_menus() {
    let temp = tempfile::tempdir().unwrap();
    // The starter's sections and articles weigh 1 and 2; the English ones have no weight.
    let site = bilingual_starter(temp.path());
    std::fs::write(site.join("content/soporte/abrir-un-ticket.en.md"), "---\ntitle: Open a ticket\n---\n")
        .unwrap();
    let weight = |file: &str| {
        let text = std::fs::read_to_string(site.join("content").join(file)).unwrap();
        text.lines().find_map(|line| line.strip_prefix("weight: ")).map(str::to_owned)
    };

    let run = ok(&["new", "section", "facturacion"], Some(&site));
    assert!(run.stdout.contains("weight: 12 puts it after the pages beside it"), "{}", run.stdout);
    assert!(run.stdout.contains("title: Facturacion comes from the file name"), "{}", run.stdout);
    assert_eq!(weight("facturacion/_index.md").as_deref(), Some("12"));
    assert_eq!(weight("facturacion/_index.en.md"), None, "no English section has a weight");
    ok(&["new", "article", "soporte/reembolsos", "--title", "Reembolsos"], Some(&site));
    assert_eq!(weight("soporte/reembolsos.md").as_deref(), Some("12"));
    let run = ok(&["new", "article", "facturacion/pagar"], Some(&site));
    assert!(run.stdout.contains("by title"), "{}", run.stdout);
    assert_eq!(weight("facturacion/pagar.md"), None, "the first page of a section");
    ok(&["new", "article", "soporte/reembolsos.en"], Some(&site));
    assert_eq!(weight("soporte/reembolsos.en.md").as_deref(), Some("12"), "a translation weighs as its page");

    build_and_check_clean(&site);
    let home = page(&site, "");
    let at =
        |url: &str| home.find(&format!("href=\"/{url}/\"")).unwrap_or_else(|| panic!("/{url}/ on the home"));
    assert!(at("soporte") < at("facturacion"), "the new section is last on the home");
}

#[test]
fn the_github_pages_workflow_builds_with_ayuda_and_deploys() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    assert!(init(&site, "en").success);
    let text = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    let workflow: yaml_serde::Value = yaml_serde::from_str(&text).unwrap();
    for (permission, level) in [("pages", "write"), ("id-token", "write"), ("contents", "read")] {
        assert_eq!(workflow["permissions"][permission].as_str(), Some(level), "permissions: {permission}");
    }
    assert!(workflow["env"]["AYUDA_GIT"].as_str().is_some_and(|url| url.starts_with("https://")));
    assert!(text.contains("REPLACE"), "the one setting says so");
    // The SLA page's holidays are those of the build's year and the next: built again each year.
    let schedule = workflow["on"]["schedule"].as_sequence().expect("a schedule");
    assert_eq!(schedule[0]["cron"].as_str(), Some("0 6 1 1 *"), "every 1 January");
    let steps = |job: &str| workflow["jobs"][job]["steps"].as_sequence().unwrap().clone();
    let uses = |job: &str| -> Vec<String> {
        steps(job)
            .iter()
            .filter_map(|step| step["uses"].as_str())
            .map(|u| u.split('@').next().unwrap().to_owned())
            .collect()
    };
    let runs: Vec<String> =
        steps("build").iter().filter_map(|step| step["run"].as_str()).map(str::to_owned).collect();
    for action in ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"] {
        assert!(uses("build").iter().any(|u| u == action), "the build job uses {action}");
    }
    assert!(runs.iter().any(|run| run.contains("cargo install --locked --git \"$AYUDA_GIT\" ayuda")));
    // `cargo install --git` does not read ayuda's rust-toolchain.toml: the workflow names the
    // same Rust, so that --locked builds with the compiler ayuda is tested with.
    let pinned =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../rust-toolchain.toml")).unwrap();
    let channel = pinned.lines().find_map(|line| line.strip_prefix("channel = ")).unwrap().trim_matches('"');
    let toolchain = format!("dtolnay/rust-toolchain@{channel}");
    assert!(steps("build").iter().any(|step| step["uses"].as_str() == Some(&toolchain)), "{toolchain}");
    assert!(runs.iter().any(|run| run.starts_with("ayuda build --base-url")));
    let upload = steps("build")
        .into_iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.contains("upload-pages")))
        .unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("public"), "what ayuda build writes");
    assert_eq!(uses("deploy"), ["actions/deploy-pages"]);
    assert_eq!(workflow["jobs"]["deploy"]["needs"].as_str(), Some("build"));
    assert_eq!(workflow["jobs"]["deploy"]["environment"]["name"].as_str(), Some("github-pages"));
}
