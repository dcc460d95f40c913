//! `ayuda init`: a new help center that builds and checks clean at once.

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Where to write the new help center, and in which language.
#[derive(Args)]
#[command(after_help = "\
Writes ayuda.yaml, sla.yaml (both commented), two sections with an article each, a page of
frequently asked questions, the service-level agreement page with its calculator, and
.github/workflows/pages.yml (publishes the site on GitHub Pages; set AYUDA_GIT in it).
Refuses a folder that has anything in it, writing nothing.")]
pub struct InitArgs {
    /// The folder to write: a new one (it is created) or an empty one.
    dir: PathBuf,
    /// The language of the site.
    #[arg(long, value_enum, default_value_t = Lang::Es)]
    lang: Lang,
}

/// The languages of the starter site.
#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    /// Spanish.
    Es,
    /// English.
    En,
}

/// Runs `ayuda init`.
pub fn run(args: &InitArgs) -> Result<ExitCode> {
    let language = match args.lang {
        Lang::Es => scaffold::Language::Spanish,
        Lang::En => scaffold::Language::English,
    };
    let today = chrono::Local::now().date_naive();
    let written = scaffold::init(&args.dir, language, today).map_err(|problem| anyhow!("{problem}"))?;
    let dir = args.dir.display();
    println!("Wrote a new help center into {dir}:");
    for file in &written {
        println!("  {}", args.dir.join(file).display());
    }
    println!("\nNext steps:");
    println!("  cd {dir} && ayuda serve");
    println!("    to see it on http://127.0.0.1:1111/");
    println!("  ayuda new article SECTION/NAME (or: ayuda new section NAME, ayuda new faq SECTION/NAME)");
    println!("    to add a page");
    println!("  set AYUDA_GIT in .github/workflows/pages.yml and push to GitHub");
    println!("    to publish it on GitHub Pages");
    Ok(ExitCode::SUCCESS)
}
