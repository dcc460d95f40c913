//! `ayuda build` as a command: what the process reads besides the site (the day).

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// The demo site's SLA page.
const SLA_PAGE: &str = "servicio-al-cliente/acuerdo-de-niveles-de-servicio/index.html";

/// A fresh output folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ayuda-cli-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn source_date_epoch_fixes_the_holiday_years_of_the_sla_page() {
    let out = scratch("epoch");
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
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn a_template_loop_is_an_error_not_a_crash() {
    // Rendering any of these templates would overflow Tera's stack and abort the process.
    let out = scratch("cycle");
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
    assert!(stderr.ends_with("the build failed with 3 error(s)\n"), "no previous output to speak of: {stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_content_path_that_is_a_file_is_an_error_naming_it() {
    let site = scratch("content-file");
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
    std::fs::remove_dir_all(site).unwrap();
}
