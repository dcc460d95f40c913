//! `ayuda new`: a new article, section or page of questions, with its front matter.

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What to write, and where.
#[derive(Args)]
#[command(after_help = "\
PATH is relative to content/ (a leading content/ is dropped), with or without .md:
  ayuda new article facturacion/exportar   writes content/facturacion/exportar.md
  ayuda new section facturacion            writes content/facturacion/_index.md
  ayuda new faq facturacion/preguntas      writes content/facturacion/preguntas.md (faq: true)
  ayuda new article facturacion/exportar.en  its English version, content/facturacion/exportar.en.md
                                           (en must be in the site's languages)
An article or FAQ goes into an existing section (create it first with ayuda new section), not
into an article; a
section also gets _index.LANG.md for each other language its parent section has. The page's
date and updated are today. Refuses to write over a file, a path outside content/, and a name
that is not as published (lowercase letters, digits and -). Its weight puts it after the pages
beside it in the menus, when they have weights.")]
pub struct NewArgs {
    /// What kind of page.
    kind: Kind,
    /// Where, relative to content/ (e.g. facturacion/exportar).
    path: String,
    /// The title [default: the file name's words, e.g. exportar-informes: "Exportar informes"].
    #[arg(long)]
    title: Option<String>,
    /// The site folder (with ayuda.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// The kinds of page `ayuda new` writes.
#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    /// An article: content/PATH.md.
    Article,
    /// A section: content/PATH/_index.md.
    Section,
    /// A page of questions, each `##` heading a question: content/PATH.md.
    Faq,
}

/// Runs `ayuda new`.
pub fn run(args: &NewArgs) -> Result<ExitCode> {
    let kind = match args.kind {
        Kind::Article => scaffold::PageKind::Article,
        Kind::Section => scaffold::PageKind::Section,
        Kind::Faq => scaffold::PageKind::Faq,
    };
    let page = scaffold::NewPage {
        kind,
        path: &args.path,
        title: args.title.as_deref(),
        today: chrono::Local::now().date_naive(),
    };
    let written = scaffold::new_page(&args.root, &page).map_err(|problem| anyhow!("{problem}"))?;
    for file in &written.files {
        // Inside the site (the default), the path as the writer would type it.
        let shown = if args.root == Path::new(".") { file.clone() } else { args.root.join(file) };
        println!("Wrote {}", shown.display());
    }
    println!("\nNext steps:");
    if args.title.is_none() {
        println!("  title: {} comes from the file name:", written.title);
        println!("    give it its accents and capitals in the front matter");
    }
    match written.weight {
        Some(weight) => {
            println!("  weight: {weight} puts it after the pages beside it in the menus:");
            println!("    change it to move the page (lowest first)");
        }
        None => println!("  it goes among the pages beside it by title; a weight places it (lowest first)"),
    }
    println!("  write the page, then run ayuda check");
    Ok(ExitCode::SUCCESS)
}
