//! Which file of the output each input writes. Pages, alias redirects, the generated site
//! files and static files each claim their path, and two inputs never write one file.

use std::collections::hash_map::{Entry, HashMap};

/// The file of the page at `url`: `/guia/` → `guia/index.html`.
pub fn page_file(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
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

/// Who writes each output file, by path.
#[derive(Debug, Default)]
pub struct Claims(HashMap<String, String>);

impl Claims {
    /// Records that `owner` (as named in messages) writes `path`, unless another input does
    /// already: then that one's name is the error.
    pub fn claim(&mut self, path: &str, owner: impl FnOnce() -> String) -> Result<(), &str> {
        match self.0.entry(path.to_owned()) {
            Entry::Occupied(first) => Err(first.into_mut()),
            Entry::Vacant(slot) => {
                slot.insert(owner());
                Ok(())
            }
        }
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
}
