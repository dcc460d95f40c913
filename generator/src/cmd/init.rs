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
Accepts a new folder, an empty one, or a fresh clone of a repository (only .git, a README, a
LICENSE); refuses any other, and a file it would write over, writing nothing.")]
pub struct InitArgs {
    /// The folder to write: a new one (it is created), an empty one, or a fresh clone.
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
    println!("  cd {} && ayuda serve", shell_word(&dir.to_string()));
    println!("    to see it on http://127.0.0.1:1111/");
    println!("  ayuda new article SECTION/NAME (or: ayuda new section NAME, ayuda new faq SECTION/NAME)");
    println!("    to add a page");
    println!("  set AYUDA_GIT in .github/workflows/pages.yml and push to GitHub");
    println!("    to publish it on GitHub Pages");
    Ok(ExitCode::SUCCESS)
}

/// `text` as one word of a POSIX shell: as it is when it has nothing the shell reads, else
/// in single quotes (`/tmp/Mi Sitio` -> `'/tmp/Mi Sitio'`).
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn a_folder_is_quoted_for_the_shell_only_when_it_must_be() {
        assert_eq!(shell_word("/tmp/ayuda-sitio_2/v1.0"), "/tmp/ayuda-sitio_2/v1.0");
        assert_eq!(shell_word("/tmp/Mi Sitio"), "'/tmp/Mi Sitio'");
        assert_eq!(shell_word("/tmp/o'brien"), r"'/tmp/o'\''brien'");
        assert_eq!(shell_word("$HOME/x;y"), "'$HOME/x;y'");
    }
}
