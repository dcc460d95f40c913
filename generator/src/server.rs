//! A plain static file server on 127.0.0.1 for a built site (`ayuda serve`).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// The MIME type of a file, by extension.
pub fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The file a request path maps to, or `None` if it would leave `root`.
pub fn resolve(root: &Path, request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut file = root.to_owned();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The part of a request path inside a site published at `base_path` (`/docs`), or `None`
/// when the request is for something else on the host.
pub fn inside_base<'a>(request_path: &'a str, base_path: &str) -> Option<&'a str> {
    let rest = request_path.strip_prefix(base_path)?;
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        Some(rest)
    } else {
        None
    }
}

/// Serves `root` on `listener`, at `base_path` as the site will be published, until the
/// process ends.
pub fn serve(root: &Path, base_path: &str, listener: TcpListener) {
    for stream in listener.incoming().flatten() {
        let (root, base_path) = (root.to_owned(), base_path.to_owned());
        std::thread::spawn(move || {
            let _ = handle(&root, &base_path, stream);
        });
    }
}

fn handle(root: &Path, base_path: &str, mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            method == "HEAD",
        );
    }
    let Some(target) = inside_base(target, base_path) else {
        return not_found(root, &mut stream, method == "HEAD");
    };
    match resolve(root, target) {
        None => respond(
            &mut stream,
            "403 Forbidden",
            "text/plain; charset=utf-8",
            b"forbidden\n",
            method == "HEAD",
        ),
        Some(file) => match std::fs::read(&file) {
            Ok(bytes) => respond(&mut stream, "200 OK", mime_type(&file), &bytes, method == "HEAD"),
            Err(_) => not_found(root, &mut stream, method == "HEAD"),
        },
    }
}

/// Answers with the site's 404 page.
fn not_found(root: &Path, stream: &mut TcpStream, head: bool) -> std::io::Result<()> {
    let page = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"not found\n".to_vec());
    respond(stream, "404 Not Found", "text/html; charset=utf-8", &page, head)
}

fn respond(stream: &mut TcpStream, status: &str, mime: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/srv/site");
        assert_eq!(resolve(root, "/a/b.css?x=1"), Some(PathBuf::from("/srv/site/a/b.css")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(mime_type(Path::new("x.wasm")), "application/wasm");
    }

    #[test]
    fn a_site_at_a_base_path_is_served_there() {
        assert_eq!(inside_base("/docs/guia/", "/docs"), Some("/guia/"));
        assert_eq!(inside_base("/docs", "/docs"), Some(""));
        assert_eq!(inside_base("/docs?x=1", "/docs"), Some("?x=1"));
        assert_eq!(inside_base("/docsx/guia/", "/docs"), None);
        assert_eq!(inside_base("/guia/", "/docs"), None);
        assert_eq!(inside_base("/guia/", ""), Some("/guia/"));
    }
}
