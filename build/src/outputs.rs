//! Which input writes which output file: every output has one source. Generated files claim
//! their names first, then pages, aliases, and the copied files; a second claim on a file is
//! an error naming both inputs.

use crate::render::STYLESHEET;
use diagnostics::Diagnostic;
use model::content::Asset;
use model::output_paths::{alias_file, page_file, Claims};
use model::{DocId, Site};

/// What the site's files will be, besides its pages and generated files.
#[derive(Debug, Default)]
pub struct Plan {
    /// Redirect pages: (file, the page it leads to).
    pub aliases: Vec<(String, DocId)>,
    /// Copied files that no other input claims, in claim order.
    pub copies: Vec<CopyRef>,
}

/// A copied file: one of `content/` that is not Markdown, or a static file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyRef {
    /// Index into [`Site::content_assets`].
    Content(usize),
    /// Index into [`Site::static_files`].
    Static(usize),
}

impl CopyRef {
    /// The file.
    pub fn asset(self, site: &Site) -> &Asset {
        match self {
            CopyRef::Content(i) => &site.content_assets[i],
            CopyRef::Static(i) => &site.static_files[i],
        }
    }
}

/// Claims every output of the site: the `generated` files, each page, each alias, each copied
/// file. Returns the aliases and copies to write, and every collision.
pub fn plan(site: &Site, generated: &[&str]) -> (Plan, Vec<Diagnostic>) {
    let mut claims = Claims::default();
    let mut problems = Vec::new();
    for &path in generated {
        claims.claim(path, || format!("the generated {path}")).expect("generated files have distinct names");
    }
    let base = &site.config.base_path;
    for doc in &site.documents {
        if let Err(first) =
            claims.claim(&page_file(base, &doc.url), || format!("the page {}", doc.file.display()))
        {
            problems.push(Diagnostic::file(&doc.file, format!("its URL {} is taken by {first}", doc.url)));
        }
    }
    let mut plan = Plan::default();
    for (id, doc) in site.documents.iter().enumerate() {
        for (alias, &(line, column)) in doc.front.aliases.iter().zip(&doc.positions.aliases) {
            let claimed = alias_file(alias).and_then(|file| {
                claims
                    .claim(&file, || format!("the alias {alias} of {}", doc.file.display()))
                    .map_err(|first| format!("the alias {alias} would replace {first}"))?;
                Ok(file)
            });
            match claimed {
                Ok(file) => plan.aliases.push((file, id)),
                Err(message) => problems.push(Diagnostic::at(&doc.file, line, column, message)),
            }
        }
    }
    // The stylesheet of `static/` is published under its content's name, with the others.
    let static_copies = (0..site.static_files.len()).filter(|&i| site.static_files[i].path != STYLESHEET);
    let copies =
        (0..site.content_assets.len()).map(CopyRef::Content).chain(static_copies.map(CopyRef::Static));
    for copy in copies {
        let asset = copy.asset(site);
        match claims.claim(&asset.path, || asset.file.display().to_string()) {
            Ok(()) => plan.copies.push(copy),
            Err(first) => problems.push(Diagnostic::file(
                &asset.file,
                format!("copying it to {} would replace {first}", asset.path),
            )),
        }
    }
    (plan, problems)
}
