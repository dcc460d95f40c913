//! `ayuda build` as a command: what the process reads besides the site (the day), and the
//! output folders it refuses to replace.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// The demo site's SLA page.
const SLA_PAGE: &str = "servicio-al-cliente/acuerdo-de-niveles-de-servicio/index.html";

#[test]
fn source_date_epoch_fixes_the_holiday_years_of_the_sla_page() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("epoch");
    let build_on = |epoch: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_ayuda"))
            .args(["build", "--quiet", "--root"])
            .arg(repo())
            .arg("--out")
            .arg(&out)
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap()
            .status;
        (status.success(), std::fs::read_to_string(out.join(SLA_PAGE)).unwrap_or_default())
    };
    // 2030-06-15: the page lists the holidays of 2030 and 2031.
    let (ok, html) = build_on("1907712000");
    assert!(ok && html.contains("<h3>2030</h3>") && html.contains("<h3>2031</h3>"), "holiday years");
    assert!(!html.contains("<h3>2029</h3>") && !html.contains("<h3>2032</h3>"));
    assert_eq!(build_on("1907712000").1, html, "the same day, the same page");
    assert!(!build_on("mañana").0, "a SOURCE_DATE_EPOCH that is not a number is an error");
}

#[test]
fn a_template_loop_is_an_error_not_a_crash() {
    // Rendering any of these templates would overflow Tera's stack and abort the process.
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("cycle");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ayuda"))
        .args(["build", "--quiet", "--root"])
        .arg(repo().join("tests/sites/invalid-template-cycle"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(output.status.signal(), None, "the build was killed by a signal: {:?}", output.status);
    }
    assert_eq!(output.status.code(), Some(1), "the build fails");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("Error: templates/macros.html:6:10: template error: the macro"), "{stderr}");
    assert!(
        stderr.ends_with("the build failed with 3 error(s)\n"),
        "no previous output to speak of: {stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_content_path_that_is_a_file_is_an_error_naming_it() {
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("content-file");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("ayuda.yaml"), "title: Ayuda\nbase_url: https://ayuda.example.com\n").unwrap();
    std::fs::write(site.join("content"), "hola\n").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ayuda"))
        .args(["build", "--quiet", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the build fails");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "Error: content: this is a file, where the folder content/ is expected \
         (help: move the file away or rename it, and put the files of content/ in a folder)\n\
         the build failed with 1 error(s)\n"
    );
    assert!(!site.join("public").exists(), "nothing is written");
}

/// `ayuda ARGUMENTS`, run in `dir`.
fn ayuda_in(dir: &Path, arguments: &[&OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ayuda")).current_dir(dir).args(arguments).output().unwrap()
}

/// A new help center (`ayuda init`) in `work/sitio`.
fn new_site(work: &Path) -> PathBuf {
    let site = work.join("sitio");
    let output = ayuda_in(work, &["init".as_ref(), site.as_os_str()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    site
}

/// Every file under `dir` with its bytes, by relative path, and every folder (`name/`).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, base: &Path, found: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let name = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            if entry.file_type().unwrap().is_dir() {
                found.insert(format!("{name}/"), Vec::new());
                walk(&path, base, found);
            } else {
                found.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(dir, dir, &mut found);
    found
}

/// `ayuda build --root ROOT --out OUT` in `dir`, which must be refused with `why` (the end of
/// the error line) and leave everything under `work` as it was.
fn refused(work: &Path, dir: &Path, root: &Path, out: &Path, why: &str) {
    let before = tree(work);
    let kept = if dir.join(out).exists() { "; the previous output was left untouched" } else { "" };
    let arguments =
        ["build".as_ref(), "--root".as_ref(), root.as_os_str(), "--out".as_ref(), out.as_os_str()];
    let output = ayuda_in(dir, &arguments);
    assert_eq!(output.status.code(), Some(1), "--out {} is refused", out.display());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = format!(
        "Error: {}: cannot write the site here: {why}\nthe build failed with 1 error(s){kept}\n",
        out.display()
    );
    assert_eq!(stderr, expected);
    assert!(output.stdout.is_empty());
    assert!(tree(work) == before, "--out {}: nothing is written or removed", out.display());
}

/// The end of the error for an output folder that the site reads or holds.
const OVER_THE_SITE: &str = "a build replaces its output folder whole \
    (help: choose a folder that the site does not read, such as public/ in the site's folder, the default)";

/// A new site in a scratch folder: the folder (removed when dropped), its path and the site's
/// root in it.
fn site_in_scratch() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path().to_path_buf();
    let site = new_site(&work);
    (scratch, work, site)
}

#[test]
fn the_site_folder_is_refused() {
    let (_scratch, work, site) = site_in_scratch();
    refused(&work, &work, &site, &site, &format!("this is the site's own folder; {OVER_THE_SITE}"));
    // The same folder by another name.
    let (root, out) = (site.join("content/.."), work.join("./sitio/"));
    refused(&work, &work, &root, &out, &format!("this is the site's own folder; {OVER_THE_SITE}"));
}

#[test]
fn a_folder_holding_the_site_is_refused() {
    let (_scratch, work, site) = site_in_scratch();
    let real = site.canonicalize().unwrap();
    let why = format!("this folder holds the site's folder, {}; {OVER_THE_SITE}", real.display());
    refused(&work, &work, &site, &work, &why);
    refused(&work, &site, Path::new("."), Path::new(".."), &why);
}

#[test]
fn a_folder_the_site_reads_is_refused() {
    let (_scratch, work, site) = site_in_scratch();
    let content = format!("this is content/, which the site reads; {OVER_THE_SITE}");
    refused(&work, &work, &site, &site.join("content"), &content);
    refused(&work, &site, Path::new("."), Path::new("content"), &content);
    let inside = format!("this folder is inside content/, which the site reads; {OVER_THE_SITE}");
    refused(&work, &site, Path::new("."), Path::new("content/out"), &inside);
    let inside = format!("this folder is inside static/, which the site reads; {OVER_THE_SITE}");
    refused(&work, &site, Path::new("."), Path::new("static/sitio"), &inside);
}

#[test]
fn dot_in_the_site_is_refused_and_leaves_no_staging_folder() {
    let (_scratch, work, site) = site_in_scratch();
    refused(
        &work,
        &site,
        Path::new("."),
        Path::new("."),
        &format!("this is the site's own folder; {OVER_THE_SITE}"),
    );
}

#[test]
fn a_folder_of_other_files_is_refused_and_kept() {
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path().join("foreign");
    std::fs::create_dir_all(work.join("out/mine")).unwrap();
    std::fs::write(work.join("out/mine/notes.txt"), "precious\n").unwrap();
    let site = new_site(&work);
    let why = "the folder holds files, and no .ayuda-output file says it is the output of an earlier build; \
        a build replaces its output folder whole (help: choose a new or empty folder, or remove this one if nothing \
        in it is needed; an output of an ayuda older than .ayuda-output files is refused once this way)";
    refused(&work, &work, &site, &work.join("out"), why);
    assert_eq!(std::fs::read_to_string(work.join("out/mine/notes.txt")).unwrap(), "precious\n");
}

#[test]
fn an_empty_missing_or_earlier_output_folder_gets_the_site() {
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path().join("accepted");
    std::fs::create_dir_all(work.join("vacia")).unwrap();
    let site = new_site(&work);
    let build = |out: &Path| {
        let arguments = ["build".as_ref(), "--quiet".as_ref(), "--out".as_ref(), out.as_os_str()];
        let output = ayuda_in(&site, &arguments);
        assert!(
            output.status.success(),
            "--out {}: {}",
            out.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        tree(&site.join(out))
    };
    let default = build(Path::new("public"));
    assert!(
        default.contains_key("index.html") && default.contains_key(".ayuda-output"),
        "{:?}",
        default.keys()
    );
    assert_eq!(build(&work.join("vacia")), default, "an empty folder");
    assert_eq!(build(&work.join("nueva/salida")), default, "a missing folder, and its parent");
    // An earlier output is replaced whole: a file left in it is gone.
    std::fs::write(work.join("vacia/viejo.html"), "viejo").unwrap();
    assert_eq!(build(&work.join("vacia")), default, "an earlier output");
}

#[test]
fn dot_in_an_empty_folder_gets_the_site_and_leaves_no_staging_folder() {
    let (_scratch, work, site) = site_in_scratch();
    let out = work.join("vacia");
    std::fs::create_dir(&out).unwrap();
    let arguments = [
        "build".as_ref(),
        "--quiet".as_ref(),
        "--root".as_ref(),
        site.as_os_str(),
        "--out".as_ref(),
        ".".as_ref(),
    ];
    let output = ayuda_in(&out, &arguments);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(out.join("index.html").is_file() && out.join(".ayuda-output").is_file());
    let names: Vec<_> = std::fs::read_dir(&work).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 2, "nothing but the site and the output: {names:?}");
}

#[test]
fn a_static_file_named_as_the_output_marker_is_an_error() {
    let (_scratch, work, site) = site_in_scratch();
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(site.join("static/.ayuda-output"), "mine").unwrap();
    let out = work.join("public");
    let arguments =
        ["build".as_ref(), "--root".as_ref(), site.as_os_str(), "--out".as_ref(), out.as_os_str()];
    let output = ayuda_in(&work, &arguments);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(
            "static/.ayuda-output: copying it to .ayuda-output would replace the generated .ayuda-output"
        ),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}

/// `ayuda init`'s ayuda.yaml says to write `base_url` without a trailing `/`; the deployment
/// guide writes `--base-url` so too, though one there changes nothing.
#[test]
fn a_base_url_is_written_without_a_trailing_slash_and_one_changes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path().join("base-url");
    std::fs::create_dir_all(&work).unwrap();
    let site = new_site(&work);
    let built = |base_url: &str, out: &str| {
        let out = work.join(out);
        let arguments = ["build", "--quiet", "--base-url", base_url, "--out"].map(OsStr::new);
        let output = ayuda_in(&site, &[&arguments[..], &[out.as_os_str()]].concat());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        tree(&out)
    };
    assert!(built("https://example.com/help", "a") == built("https://example.com/help/", "b"));
    let guide = std::fs::read_to_string(repo().join("docs/deploy.md")).unwrap();
    for (at, flag) in guide.match_indices("--base-url ") {
        let rest = &guide[at + flag.len()..];
        let url = match rest.strip_prefix("\\\"").or(rest.strip_prefix('"')) {
            Some(quoted) => quoted.split(['"', '\\']).next().unwrap(),
            None => rest.split_whitespace().next().unwrap().trim_end_matches('`'),
        };
        assert!(!url.ends_with('/'), "docs/deploy.md writes --base-url {url}");
    }
}
