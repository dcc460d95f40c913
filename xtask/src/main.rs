//! `cargo xtask wasm`: builds the calculator's WebAssembly bundle into the theme.
//! `cargo xtask test`: the whole test suite (Rust, the demo site, the browser tests).

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() -> Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the repo").to_owned();
    match task.as_str() {
        "wasm" => wasm(&repo, &repo.join("themes/default/static/calculator")),
        "test" => test(&repo),
        _ => bail!("usage: cargo xtask wasm | cargo xtask test"),
    }
}

fn run(command: &mut Command) -> Result<()> {
    let status = command.status().with_context(|| format!("cannot run {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}

/// Builds `calculator` for wasm32 and runs wasm-bindgen on it, writing the bundle and the hash
/// of its inputs into `out`.
fn wasm(repo: &Path, out: &Path) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(&cargo).current_dir(repo).args([
        "build",
        "--package",
        "ayuda-calculator",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm",
        "--no-default-features",
        "--features",
        "wasm",
    ]))
    .context("is the target installed? `rustup target add wasm32-unknown-unknown`")?;
    let input = repo.join("target/wasm32-unknown-unknown/wasm/calculator.wasm");
    std::fs::create_dir_all(out)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&input)
        .web(true)?
        .typescript(false)
        .omit_default_module_path(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(out)
        .context("wasm-bindgen")?;
    std::fs::write(out.join("INPUTS"), inputs_hash(repo)?)?;
    for file in ["calculator.js", "calculator_bg.wasm"] {
        let size = std::fs::metadata(out.join(file))?.len();
        println!("{file}: {size} bytes");
    }
    Ok(())
}

/// Files, relative to the repository root, whose content decides the bundle: the lock file
/// pins wasm-bindgen and every dependency, the manifests hold the build profile.
const INPUT_FILES: &[&str] = &["Cargo.lock", "Cargo.toml", "calculator/Cargo.toml", "rust-toolchain.toml"];
/// Folders whose files all decide the bundle.
const INPUT_DIRS: &[&str] = &["calculator/src", "calculator/calendars"];

/// A hash of the bundle's inputs under `repo`, as recorded in the bundle's `INPUTS` file.
fn inputs_hash(repo: &Path) -> Result<String> {
    let mut files: Vec<String> = INPUT_FILES.iter().map(|f| (*f).to_owned()).collect();
    for dir in INPUT_DIRS {
        for entry in walkdir::WalkDir::new(repo.join(dir)).sort_by_file_name() {
            let entry = entry?;
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(repo).expect("inside the repo");
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut hasher = Sha256::new();
    for file in &files {
        let text = std::fs::read_to_string(repo.join(file)).with_context(|| file.clone())?;
        hasher.update(file.as_bytes());
        hasher.update([0]);
        // Line endings must not change the hash (a checkout on another system).
        hasher.update(text.replace("\r\n", "\n").as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    Ok(format!("{}\n", digest.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}

/// Everything CI checks: Rust tests, then the browser tests against the demo site built with
/// a freshly rebuilt calculator bundle.
fn test(repo: &Path) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(&cargo).current_dir(repo).args(["test", "--workspace"]))?;
    let site = std::env::temp_dir().join(format!("ayuda-test-site-{}", std::process::id()));
    run(Command::new(&cargo)
        .current_dir(repo)
        .args(["run", "--release", "--quiet", "--package", "ayuda", "--", "build", "--quiet", "--out"])
        .arg(&site))?;
    let result = run(Command::new("bash")
        .arg(repo.join("tests/browser/run.sh"))
        .env("AYUDA_SITE", &site)
        .env("AYUDA_BIN", repo.join("target/release/ayuda")));
    let _ = std::fs::remove_dir_all(&site);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_calculator_bundle_is_built_from_the_current_sources() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let recorded = std::fs::read_to_string(repo.join("themes/default/static/calculator/INPUTS")).unwrap();
        assert_eq!(
            inputs_hash(repo).unwrap(),
            recorded,
            "the calculator's sources, Cargo.lock or the toolchain changed: run `cargo xtask wasm` and commit the bundle"
        );
    }
}
