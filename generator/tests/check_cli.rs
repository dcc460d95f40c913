//! `ayuda check` as a command: what it reports, in which format, with which exit status, and
//! that it writes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/sites").join(name)
}

/// What one run printed, and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `ayuda check --root ROOT` with more arguments.
fn check(root: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_ayuda"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1907712000")
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The lines of `output` about one file.
fn lines_of<'a>(output: &'a str, file: &str) -> Vec<&'a str> {
    output.lines().filter(|line| line.starts_with(&format!("{file}:"))).collect()
}

/// A fresh site made by `ayuda init`, for a test that changes it: its scratch folder (removed
/// when dropped) and its root.
fn scaffold() -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path().join("site");
    let init = Command::new(env!("CARGO_BIN_EXE_ayuda")).arg("init").arg(&root).output().unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    (scratch, root)
}

/// A fresh copy of a fixture, for a test that changes it: its scratch folder (removed when
/// dropped) and the copy.
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let to = scratch.path().join(name);
    copy_dir(&fixture(name), &to);
    (scratch, to)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every path under a folder, sorted.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            paths.extend(tree(&path));
        }
        paths.push(path);
    }
    paths.sort();
    paths
}

const UNKNOWN_COLOR: &str = "content/guia/color.md:3:1: front matter: unknown field `color`, expected one of \
    `title`, `description`, `date`, `updated`, `weight`, `tags`, `aliases`, `draft`, `template`, `faq`, `featured`, `search`, `extra`";

const UNTRANSLATED_NOTAS: &str = "content/notas/_index.md: warning: this section has no English version \
    (_index.en.md): the English site leaves it out of its menus, and its English articles have no section \
    (help: add content/notas/_index.en.md, with the section's title in English)";

#[test]
fn every_problem_of_every_file_is_reported_at_once_sorted_by_file_and_place() {
    let run = check(&fixture("check-mixed"), &[]);
    let expected = [
        "content/guia/_index.md:5:5: broken anchor: content/guia/sin-titulo.md has no heading with id \"pasos\" \
         (help: did you mean #primeros-pasos? a heading's id is its words in small letters, without accents, joined by -)",
        UNKNOWN_COLOR,
        "content/guia/color.md:6:11: broken link: \"no-existe.md\" (no file content/guia/no-existe.md)",
        "content/guia/sin-titulo.md:2:1: front matter: missing field `title`",
        "content/guia/sin-titulo.md:7:25: broken link: \"../notas/falta.md\" (no file content/notas/falta.md)",
        UNTRANSLATED_NOTAS,
    ];
    assert_eq!(run.stdout, expected.map(|line| format!("{line}\n")).concat());
    assert_eq!(run.stderr, "5 errors, 1 warning\n");
    assert_eq!(run.code, Some(1));
}

#[test]
fn a_front_matter_error_does_not_hide_the_files_broken_links() {
    let run = check(&fixture("check-mixed"), &[]);
    assert_eq!(
        lines_of(&run.stdout, "content/guia/color.md"),
        [
            UNKNOWN_COLOR,
            "content/guia/color.md:6:11: broken link: \"no-existe.md\" (no file content/guia/no-existe.md)"
        ]
    );
}

#[test]
fn a_page_without_a_title_still_has_its_links_checked() {
    let run = check(&fixture("check-mixed"), &[]);
    assert_eq!(
        lines_of(&run.stdout, "content/guia/sin-titulo.md"),
        [
            "content/guia/sin-titulo.md:2:1: front matter: missing field `title`",
            "content/guia/sin-titulo.md:7:25: broken link: \"../notas/falta.md\" (no file content/notas/falta.md)",
        ]
    );
}

#[test]
fn json_lines_carry_exactly_the_fields_of_each_problem() {
    let text = check(&fixture("check-mixed"), &[]);
    let run = check(&fixture("check-mixed"), &["--format", "json"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr, "5 errors, 1 warning\n", "the summary stays off standard output");
    assert!(run.stdout.ends_with('\n'));
    let objects: Vec<serde_json::Map<String, serde_json::Value>> =
        run.stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(objects.len(), 6);
    for object in &objects {
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let expected: &[&str] = if object.contains_key("help") {
            &["column", "file", "help", "line", "message", "severity"]
        } else {
            &["column", "file", "line", "message", "severity"]
        };
        assert_eq!(keys, expected);
        assert!(object["file"].is_string() && object["message"].is_string());
        assert!(object["line"].is_u64() || object["line"].is_null());
        assert!(object["column"].is_u64() || object["column"].is_null());
        assert!(object.get("help").is_none_or(serde_json::Value::is_string));
    }
    // The same problems as the text, field by field.
    let as_text: Vec<String> = objects
        .iter()
        .map(|o| {
            let mut line = o["file"].as_str().unwrap().to_owned();
            for place in ["line", "column"] {
                if let Some(n) = o[place].as_u64() {
                    line += &format!(":{n}");
                }
            }
            if o["severity"] == "warning" {
                line += ": warning";
            }
            line += &format!(": {}", o["message"].as_str().unwrap());
            if let Some(help) = o.get("help") {
                line += &format!(" (help: {})", help.as_str().unwrap());
            }
            line
        })
        .collect();
    assert_eq!(as_text, text.stdout.lines().collect::<Vec<_>>());
    assert_eq!(
        objects.iter().map(|o| o["severity"].as_str().unwrap()).collect::<Vec<_>>(),
        ["error", "error", "error", "error", "error", "warning"]
    );
    assert_eq!(
        run.stdout.lines().last().unwrap(),
        r#"{"file":"content/notas/_index.md","line":null,"column":null,"severity":"warning","message":"this section has no English version (_index.en.md): the English site leaves it out of its menus, and its English articles have no section","help":"add content/notas/_index.en.md, with the section's title in English"}"#
    );
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        r#"{"file":"content/guia/_index.md","line":5,"column":5,"severity":"error","message":"broken anchor: content/guia/sin-titulo.md has no heading with id \"pasos\"","help":"did you mean #primeros-pasos? a heading's id is its words in small letters, without accents, joined by -"}"#
    );
}

#[test]
fn a_section_without_a_translation_is_a_warning_only_in_languages_that_have_pages() {
    // check-mixed has pages in es and en, none in pt: notas/ lacks English, guia/ does not.
    let mixed = check(&fixture("check-mixed"), &[]);
    let warnings: Vec<&str> = mixed.stdout.lines().filter(|line| line.contains(": warning: ")).collect();
    assert_eq!(warnings, [UNTRANSLATED_NOTAS]);
    // themed lists en among its languages but has no English page.
    let themed = check(&fixture("themed"), &[]);
    assert_eq!((themed.code, themed.stdout.as_str(), themed.stderr.as_str()), (Some(0), "", "no problems\n"));
    // Warnings alone do not fail the check.
    let (_scratch, site) = copy_of("basic");
    std::fs::create_dir(site.join("content/nueva")).unwrap();
    std::fs::write(site.join("content/nueva/_index.md"), "---\ntitle: Nueva\n---\n").unwrap();
    let run = check(&site, &[]);
    assert_eq!(
        run.stdout,
        "content/nueva/_index.md: warning: this section has no English version (_index.en.md): the English \
         site leaves it out of its menus, and its English articles have no section \
         (help: add content/nueva/_index.en.md, with the section's title in English)\n"
    );
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), "1 warning\n"));
}

#[test]
fn the_exit_status_says_whether_there_is_an_error() {
    let basic = check(&fixture("basic"), &[]);
    assert_eq!((basic.code, basic.stdout.as_str(), basic.stderr.as_str()), (Some(0), "", "no problems\n"));
    let demo = check(&repo(), &[]);
    assert_eq!(demo.code, Some(0), "{}", demo.stdout);
    assert!(demo.stdout.lines().all(|line| line.contains(": warning: ")), "{}", demo.stdout);
    let links = check(&fixture("invalid-links"), &[]);
    assert_eq!(links.code, Some(1));
    assert_eq!(links.stderr, "3 errors\n");
    // A configuration that cannot be read is reported like any other error.
    let config = check(&fixture("invalid-config"), &[]);
    assert_eq!(
        (config.code, config.stdout.as_str(), config.stderr.as_str()),
        (Some(1), "ayuda.yaml:1:11: the file is not valid UTF-8\n", "1 error\n")
    );
    let config = check(&fixture("invalid-config"), &["--format", "json"]);
    assert_eq!(
        config.stdout,
        "{\"file\":\"ayuda.yaml\",\"line\":1,\"column\":11,\"severity\":\"error\",\
         \"message\":\"the file is not valid UTF-8\"}\n"
    );
    assert_eq!(config.code, Some(1));
}

#[test]
fn a_check_writes_nothing() {
    for (name, code) in [("basic", 0), ("check-mixed", 1)] {
        let (_scratch, site) = copy_of(name);
        let before = tree(&site);
        assert_eq!(check(&site, &[]).code, Some(code));
        assert!(!site.join("public").exists(), "{name}: no public/ folder");
        assert_eq!(tree(&site), before, "{name}: nothing written beside the site");
    }
}

#[cfg(unix)]
#[test]
fn hidden_files_links_and_fifos_in_content_are_warnings() {
    let (_scratch, site) = copy_of("basic");
    std::fs::write(site.join("content/.borrador.md"), "---\ntitle: Borrador\n---\n").unwrap();
    std::os::unix::fs::symlink("exportar.md", site.join("content/guia/enlace.md")).unwrap();
    let fifo = site.join("content/guia/tubo.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let run = check(&site, &[]);
    assert_eq!(
        run.stdout,
        "content/.borrador.md: warning: skipped: a hidden file\n\
         content/guia/enlace.md: warning: skipped: a symbolic link (help: copy the file it points to instead)\n\
         content/guia/tubo.md: warning: skipped: not a regular file\n"
    );
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), "3 warnings\n"));
}

#[test]
fn a_policy_with_an_error_is_reported_once_not_by_every_shortcode_that_needs_it() {
    let (_scratch, root) = scaffold();
    let policy = root.join("sla.yaml");
    let text = std::fs::read_to_string(&policy).unwrap();
    assert!(text.contains("timezone: America/Bogota"), "the scaffold's policy names its zone");
    std::fs::write(&policy, text.replace("timezone: America/Bogota", "timezone: Mars/Olympus")).unwrap();
    let run = check(&root, &[]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("sla.yaml:") && lines[0].contains("unknown time zone \"Mars/Olympus\""));
    assert_eq!(run.stderr, "1 error\n");
    assert_eq!(run.code, Some(1));
}

#[test]
fn a_link_from_the_root_finds_the_files_of_static() {
    let (_scratch, root) = scaffold();
    let page = root.join("content/enlaces.md");
    std::fs::write(
        &page,
        "---\ntitle: Enlaces\n---\n\n![Logo](/img/logo.png) y [la guía](/guias/guia.pdf).\n",
    )
    .unwrap();
    let run = check(&root, &[]);
    assert_eq!(
        lines_of(&run.stdout, "content/enlaces.md"),
        [
            "content/enlaces.md:5:1: broken link: \"/img/logo.png\" (no file content/img/logo.png)",
            "content/enlaces.md:5:26: broken link: \"/guias/guia.pdf\" (no file content/guias/guia.pdf)",
        ]
    );
    std::fs::create_dir_all(root.join("static/img")).unwrap();
    std::fs::write(root.join("static/img/logo.png"), b"\x89PNG").unwrap();
    std::fs::create_dir_all(root.join("static/guias")).unwrap();
    std::fs::write(root.join("static/guias/guia.pdf"), b"%PDF").unwrap();
    let run = check(&root, &[]);
    assert!(lines_of(&run.stdout, "content/enlaces.md").is_empty(), "{}", run.stdout);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

#[test]
fn markdown_not_named_md_is_reported_and_never_published() {
    let (_scratch, site) = copy_of("basic");
    std::fs::write(site.join("content/guia/NOTA.MD"), "---\ntitle: X\ndraft: true\n---\nsecreto\n").unwrap();
    let run = check(&site, &[]);
    let error =
        "content/guia/NOTA.MD: a page's file name must end in .md, in small letters, and this one ends \
        in .MD: it is not published (help: rename it NOTA.md)";
    assert_eq!(lines_of(&run.stdout, "content/guia/NOTA.MD"), [error]);
    assert_eq!(run.code, Some(1));
    let out = site.join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_ayuda"))
        .args(["build", "--quiet", "--root"])
        .arg(&site)
        .env("SOURCE_DATE_EPOCH", "1907712000")
        .output()
        .unwrap();
    assert_eq!(built.status.code(), Some(1), "the build fails");
    assert!(String::from_utf8(built.stderr).unwrap().starts_with(&format!("Error: {error}\n")));
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_policy_file_named_and_missing_is_reported_where_it_is_named() {
    let (_scratch, root) = scaffold();
    let config = std::fs::read_to_string(root.join("ayuda.yaml")).unwrap();
    let line =
        1 + config.lines().position(|l| l.starts_with("sla_policy:")).expect("the scaffold names its policy");
    let config = config.replace("sla_policy: sla.yaml", "sla_policy: reglas/sla.yaml");
    std::fs::write(root.join("ayuda.yaml"), config).unwrap();
    let run = check(&root, &[]);
    assert_eq!(
        run.stdout,
        format!(
            "ayuda.yaml:{line}:13: sla_policy: there is no file reglas/sla.yaml (help: give the path of the SLA \
             policy file from the site's folder, or remove sla_policy)\n"
        )
    );
    assert_eq!(run.code, Some(1));
}
