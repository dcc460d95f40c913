//! `cargo xtask wasm [NAME]`: builds the WebAssembly bundles committed in the theme (all of
//! them, or the one named), see [`WASM_CRATES`].
//! `cargo xtask test`: the whole test suite (Rust, the demo site, the browser tests).

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A crate whose WebAssembly bundle (wasm-bindgen's `NAME.js` and `NAME_bg.wasm`) is committed
/// in the theme, with the hash of its inputs in `INPUTS` beside it.
struct WasmCrate {
    /// The library's name (`[lib] name`): it names the bundle's files, and `cargo xtask wasm
    /// NAME` builds this bundle alone.
    name: &'static str,
    /// The cargo package.
    package: &'static str,
    /// Its features for the wasm build (default features off).
    features: &'static [&'static str],
    /// The bundle's folder, relative to the repository root.
    out: &'static str,
    /// Files, relative to the repository root, whose content decides the bundle: the lock file
    /// pins wasm-bindgen and every dependency, the manifests hold the build profile.
    input_files: &'static [&'static str],
    /// Folders whose files all decide the bundle.
    input_dirs: &'static [&'static str],
}

/// Every committed bundle: adding one is adding a row.
const WASM_CRATES: &[WasmCrate] = &[
    WasmCrate {
        name: "calculator",
        package: "ayuda-calculator",
        features: &["wasm"],
        out: "themes/default/static/calculator",
        input_files: &["Cargo.lock", "Cargo.toml", "calculator/Cargo.toml", "rust-toolchain.toml"],
        input_dirs: &["calculator/src", "calculator/calendars"],
    },
    WasmCrate {
        name: "search",
        package: "ayuda-search",
        features: &["wasm"],
        out: "themes/default/static/search",
        input_files: &[
            "Cargo.lock",
            "Cargo.toml",
            "search/Cargo.toml",
            "text/Cargo.toml",
            "rust-toolchain.toml",
        ],
        input_dirs: &["search/src", "text/src"],
    },
];

const USAGE: &str = "usage: cargo xtask wasm [NAME] | cargo xtask test";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the repo").to_owned();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["wasm"] => WASM_CRATES.iter().try_for_each(|krate| wasm(&repo, krate)),
        ["wasm", name] => wasm(&repo, find(name)?),
        ["test"] => test(&repo),
        _ => bail!(USAGE),
    }
}

/// The bundle called `name`.
fn find(name: &str) -> Result<&'static WasmCrate> {
    match WASM_CRATES.iter().find(|krate| krate.name == name) {
        Some(krate) => Ok(krate),
        None => {
            let known: Vec<&str> = WASM_CRATES.iter().map(|krate| krate.name).collect();
            bail!("unknown wasm crate `{name}`; the known ones: {}", known.join(", "))
        }
    }
}

fn run(command: &mut Command) -> Result<()> {
    let status = command.status().with_context(|| format!("cannot run {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}

/// Builds `krate` for wasm32 and runs wasm-bindgen on it, writing the bundle and the hash of
/// its inputs into its folder.
fn wasm(repo: &Path, krate: &WasmCrate) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let cargo_home = cargo_home()?;
    let mut build = Command::new(&cargo);
    // Panic messages name the source files of the dependencies, under cargo's home: named
    // `cargo/…` instead, the bundle holds no path of this machine and is the same on every one.
    // Set here, these flags replace any RUSTFLAGS of the environment, which must not reach a
    // committed bundle either.
    let mut remap = std::ffi::OsString::from("--remap-path-prefix=");
    remap.push(&cargo_home);
    remap.push(format!("={CARGO_HOME_IN_BUNDLE}"));
    build.env("CARGO_ENCODED_RUSTFLAGS", remap).env_remove("RUSTFLAGS");
    build.current_dir(repo).args(["build", "--package", krate.package, "--lib"]);
    build.args(["--target", "wasm32-unknown-unknown", "--profile", "wasm", "--no-default-features"]);
    if !krate.features.is_empty() {
        build.args(["--features", &krate.features.join(",")]);
    }
    run(&mut build).context("is the target installed? `rustup target add wasm32-unknown-unknown`")?;
    let input = repo.join(format!("target/wasm32-unknown-unknown/wasm/{}.wasm", krate.name));
    let out = repo.join(krate.out);
    std::fs::create_dir_all(&out)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&input)
        .web(true)?
        // Every browser with ES modules and WebAssembly's bulk memory has `encodeInto`: its
        // polyfill would be dead weight in the bundles.
        .encode_into(wasm_bindgen_cli_support::EncodeInto::Always)
        .typescript(false)
        // The pages name the WebAssembly (its file name carries a hash): no default path.
        .omit_default_module_path(true)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&out)
        .context("wasm-bindgen")?;
    std::fs::write(out.join("INPUTS"), inputs_hash(repo, krate)?)?;
    for file in [format!("{}.js", krate.name), format!("{}_bg.wasm", krate.name)] {
        let bytes = std::fs::read(out.join(&file))?;
        for place in [&cargo_home, repo] {
            let path = place.as_os_str().as_encoded_bytes();
            if bytes.windows(path.len()).any(|window| window == path) {
                bail!("{file} holds the path {}: a path of this machine", place.display());
            }
        }
        println!("{file}: {} bytes", bytes.len());
    }
    Ok(())
}

/// The name of cargo's home in the bundles, where the sources of the dependencies are.
const CARGO_HOME_IN_BUNDLE: &str = "cargo";

/// Cargo's home, as cargo finds it: `CARGO_HOME`, else `.cargo` in the home folder.
fn cargo_home() -> Result<PathBuf> {
    match std::env::var_os("CARGO_HOME").filter(|home| !home.is_empty()) {
        Some(home) => Ok(std::env::current_dir()?.join(home)),
        None => Ok(std::env::home_dir().context("no home folder")?.join(".cargo")),
    }
}

/// A hash of the inputs of `krate`'s bundle under `repo`, as recorded in its `INPUTS` file.
fn inputs_hash(repo: &Path, krate: &WasmCrate) -> Result<String> {
    let mut files: Vec<String> = krate.input_files.iter().map(|f| (*f).to_owned()).collect();
    for dir in krate.input_dirs {
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
    // The build's flags, less the machine's own path.
    hasher.update(format!("--remap-path-prefix=CARGO_HOME={CARGO_HOME_IN_BUNDLE}").as_bytes());
    let digest = hasher.finalize();
    Ok(format!("{}\n", digest.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}

/// Everything CI checks: Rust tests, then the browser tests against the demo site built with
/// a freshly rebuilt calculator bundle.
fn test(repo: &Path) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // The page's search engine (and the text crate's analyser in it) runs in the browser: it
    // must build for wasm32 with its bindings.
    run(Command::new(&cargo).current_dir(repo).args([
        "build",
        "--package",
        "ayuda-search",
        "--no-default-features",
        "--features",
        "wasm",
        "--target",
        "wasm32-unknown-unknown",
    ]))
    .context(
        "ayuda-search must build for wasm32-unknown-unknown; \
         is the target installed? `rustup target add wasm32-unknown-unknown`",
    )?;
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
    fn every_committed_bundle_is_built_from_the_current_sources() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        for krate in WASM_CRATES {
            let recorded = std::fs::read_to_string(repo.join(krate.out).join("INPUTS")).unwrap();
            assert_eq!(
                inputs_hash(repo, krate).unwrap(),
                recorded,
                "the sources of `{}`, Cargo.lock or the toolchain changed: run `cargo xtask wasm {}` and commit the bundle",
                krate.name,
                krate.name
            );
        }
    }

    /// Issue 11: the page's search engine, its module and its WebAssembly, is at most 50 KB
    /// gzipped. zlib-rs at its best level counts a little more than `gzip -9` (about 0.5 %).
    #[test]
    fn the_search_engine_is_at_most_50_kb_gzipped() {
        use std::io::Write;
        let folder =
            Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join(find("search").unwrap().out);
        let gzipped = |file: &str| {
            let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gzip.write_all(&std::fs::read(folder.join(file)).unwrap()).unwrap();
            gzip.finish().unwrap().len()
        };
        let total = gzipped("search_bg.wasm") + gzipped("search.js");
        assert!(total <= 50_000, "the search engine is {total} bytes gzipped, over the 50,000 of issue 11");
    }

    #[test]
    fn bundles_have_distinct_names_and_folders() {
        for (i, krate) in WASM_CRATES.iter().enumerate() {
            for other in &WASM_CRATES[i + 1..] {
                assert_ne!(krate.name, other.name);
                assert_ne!(krate.out, other.out);
            }
        }
    }

    #[test]
    fn an_unknown_bundle_is_an_error_naming_the_known_ones() {
        let error = find("nope").err().unwrap().to_string();
        assert!(error.contains("`nope`") && error.contains("calculator"), "{error}");
        assert_eq!(find("calculator").unwrap().package, "ayuda-calculator");
    }
}
