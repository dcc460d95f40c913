//! The files around the pages: sitemap, Atom feeds, robots.txt.

use chrono::NaiveDate;
use markdown::escape;
use model::content::{Document, Kind};

/// `sitemap.xml`: every page, with its last change when known (`last_changes`, by
/// document). Page URLs are appended to `origin` (the base URL's scheme and host).
pub fn sitemap(origin: &str, docs: &[Document], last_changes: &[Option<NaiveDate>]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut sorted: Vec<(&Document, Option<NaiveDate>)> =
        docs.iter().zip(last_changes.iter().copied()).collect();
    sorted.sort_by(|a, b| a.0.url.cmp(&b.0.url));
    for (doc, last_change) in sorted {
        xml.push_str(&format!("  <url><loc>{}{}</loc>", escape(origin), escape(&doc.url)));
        if let Some(date) = last_change {
            xml.push_str(&format!("<lastmod>{}</lastmod>", date.format("%Y-%m-%d")));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// An Atom feed of a language's 20 most recently updated articles, titled as the site in that
/// language (with its description as subtitle); `feed_url` and page URLs are appended to `origin`.
pub fn feed(
    origin: &str,
    title: &str,
    subtitle: Option<&str>,
    feed_url: &str,
    language: &str,
    docs: &[Document],
) -> String {
    let mut articles: Vec<&Document> = docs
        .iter()
        .filter(|d| {
            d.kind == Kind::Article && d.language == language && d.front.updated.or(d.front.date).is_some()
        })
        .collect();
    articles.sort_by(|a, b| {
        b.front.updated.or(b.front.date).cmp(&a.front.updated.or(a.front.date)).then(a.url.cmp(&b.url))
    });
    articles.truncate(20);
    let stamp = |d: &Document| {
        format!("{}T00:00:00Z", d.front.updated.or(d.front.date).expect("filtered").format("%Y-%m-%d"))
    };
    let updated = articles.first().map(|d| stamp(d)).unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{language}\">\n  <title>{}</title>\n{}  <id>{base}{feed}</id>\n  <link rel=\"self\" href=\"{base}{feed}\"/>\n  <updated>{updated}</updated>\n",
        escape(title),
        subtitle.map(|s| format!("  <subtitle>{}</subtitle>\n", escape(s))).unwrap_or_default(),
        base = escape(origin),
        feed = escape(feed_url)
    );
    for doc in articles {
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{base}{url}</id>\n    <link href=\"{base}{url}\"/>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n{}  </entry>\n",
            escape(&doc.front.title),
            stamp(doc),
            escape(title),
            doc.front.description.as_ref().map(|d| format!("    <summary>{}</summary>\n", escape(d))).unwrap_or_default(),
            base = escape(origin),
            url = escape(&doc.url),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// `robots.txt` pointing at the sitemap.
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n")
}
