//! Which file of the output each input writes. Pages, alias redirects, the generated site
//! files and static files each claim their path, and two inputs never write one file.

use rustc_hash::FxHashMap;

/// The file of the page at `url` in a site at `base_path`: `/guia/` → `guia/index.html`.
pub fn page_file(base_path: &str, url: &str) -> String {
    let path = url.strip_prefix(base_path).expect("page URLs start with the base path");
    format!("{}index.html", path.trim_start_matches('/'))
}

/// The file of an alias's redirect page: `/viejo/ruta/` → `viejo/ruta/index.html`; an old
/// address ending in `.html` keeps its name. An alias must be a plain path inside the site.
pub fn alias_file(alias: &str) -> Result<String, String> {
    let path = alias.trim_matches('/');
    let outside = path.split('/').any(|segment| segment == ".." || segment == ".");
    let not_a_path =
        path.contains(|c: char| c.is_whitespace() || matches!(c, '?' | '#' | '\\' | ':' | '"' | '<' | '>'));
    if outside || not_a_path {
        return Err(format!("the alias \"{alias}\" must be a URL path inside the site, like /viejo/ruta/"));
    }
    Ok(match path {
        "" => "index.html".to_owned(),
        html if html.ends_with(".html") => html.to_owned(),
        folder => format!("{folder}/index.html"),
    })
}

/// Who writes each output file, by path, and which folders those files need.
#[derive(Debug, Default)]
pub struct Claims {
    /// Who claimed what, as named in messages.
    owners: Vec<String>,
    /// Files, by path: their owner. (FxHash: every output path is claimed, one by one,
    /// between the pages and the end of a build.)
    files: FxHashMap<String, usize>,
    /// Folders the files need, by path: the owner of the first file inside.
    folders: FxHashMap<String, usize>,
}

impl Claims {
    /// Records that `owner` (as named in messages) writes `path`, unless another input
    /// writes it already, or a file where `path` needs a folder, or files inside a folder
    /// named `path`: then that input's name is the error.
    pub fn claim(&mut self, path: &str, owner: impl FnOnce() -> String) -> Result<(), &str> {
        let folders = || path.match_indices('/').map(|(slash, _)| &path[..slash]);
        let taken = self.files.get(path).or_else(|| self.folders.get(path));
        if let Some(&first) = taken.or_else(|| folders().find_map(|folder| self.files.get(folder))) {
            return Err(&self.owners[first]);
        }
        let index = self.owners.len();
        self.owners.push(owner());
        self.files.insert(path.to_owned(), index);
        for folder in folders() {
            if !self.folders.contains_key(folder) {
                self.folders.insert(folder.to_owned(), index);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_become_files_inside_the_site() {
        assert_eq!(alias_file("/viejo/ruta/").unwrap(), "viejo/ruta/index.html");
        assert_eq!(alias_file("viejo").unwrap(), "viejo/index.html");
        assert_eq!(alias_file("/faq.html").unwrap(), "faq.html");
        assert_eq!(alias_file("/").unwrap(), "index.html");
        for bad in ["../fuera/", "/a/./b", "/a b/", "/a?b=1", "/a#b", "https://x.example.com/a"] {
            assert!(alias_file(bad).unwrap_err().contains("must be a URL path inside the site"), "{bad}");
        }
    }

    #[test]
    fn the_first_claim_of_a_path_wins() {
        let mut claims = Claims::default();
        assert_eq!(claims.claim("a/index.html", || "content/a.md".to_owned()), Ok(()));
        assert_eq!(claims.claim("a/index.html", || "content/a/_index.md".to_owned()), Err("content/a.md"));
        assert_eq!(claims.claim("b/index.html", || "content/b.md".to_owned()), Ok(()));
    }

    #[test]
    fn a_file_cannot_stand_where_a_folder_is_needed() {
        let mut claims = Claims::default();
        assert_eq!(claims.claim("guia/pasos/index.html", || "content/guia/pasos.md".to_owned()), Ok(()));
        assert_eq!(claims.claim("sitemap.xml", || "the generated sitemap.xml".to_owned()), Ok(()));
        assert_eq!(claims.claim("guia", || "static/guia".to_owned()), Err("content/guia/pasos.md"));
        assert_eq!(
            claims.claim("guia/pasos", || "static/guia/pasos".to_owned()),
            Err("content/guia/pasos.md")
        );
        assert_eq!(
            claims.claim("sitemap.xml/index.html", || "the alias sitemap.xml".to_owned()),
            Err("the generated sitemap.xml")
        );
        assert_eq!(claims.claim("guia/otra/index.html", || "content/guia/otra.md".to_owned()), Ok(()));
    }
}
