//! HTTP: hyper connections with timeouts and a bounded request head, axum routes, and the
//! served files with their types, ranges and the site's 404 page.

use crate::live_reload::{self, EVENTS_PATH, SCRIPT_PATH};
use crate::served::Shared;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, DefaultPredicate};

/// A client that has not sent a whole request head by then is disconnected, and so is an idle
/// kept-alive connection.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// The most a request head (request line and headers) may take; more is refused.
const HEAD_BYTES: usize = 64 * 1024;

/// The search index files: stored compressed, served as they are.
const STORED_COMPRESSED: &str = "application/octet-stream";

/// Serves `shared` on `listener` until the process stops.
pub fn serve(listener: std::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = routes(shared);
        loop {
            let (stream, _) = match listener.accept().await {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait, and go on serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let service = TowerToHyperService::new(app.clone());
            tokio::spawn(async move {
                let mut connection = hyper::server::conn::http1::Builder::new();
                connection
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEAD_TIMEOUT)
                    .max_buf_size(HEAD_BYTES);
                // A client that goes away mid-response is not the server's problem.
                let _ = connection.serve_connection(TokioIo::new(stream), service).await;
            });
        }
    })
}

/// The routes: the live-reload script and events, then the site's files for GET and HEAD
/// (other methods get 405 with `Allow`).
fn routes(shared: Arc<Shared>) -> Router {
    let compress = DefaultPredicate::new().and(NotForContentType::const_new(STORED_COMPRESSED));
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route(EVENTS_PATH, get(live_reload::events))
        .fallback_service(get(site_file).with_state(Arc::clone(&shared)))
        .with_state(shared)
        .layer(CompressionLayer::new().gzip(true).compress_when(compress))
        .layer(axum::middleware::from_fn(bounded_head))
}

/// Refuses a request whose head is over [`HEAD_BYTES`] with 431. hyper's buffer bound stops
/// a longer head only when it is still incomplete once the buffer is full: one that arrives
/// in a few large reads gets through it whole.
async fn bounded_head(request: Request, next: axum::middleware::Next) -> Response {
    // The request line, `METHOD URI HTTP/1.1\r\n`, then `name: value\r\n` each, then `\r\n`.
    let line = request.method().as_str().len() + request.uri().to_string().len() + 12;
    let fields: usize =
        request.headers().iter().map(|(name, value)| name.as_str().len() + value.len() + 4).sum();
    if line + fields + 2 > HEAD_BYTES {
        return StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE.into_response();
    }
    next.run(request).await
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")],
        live_reload::SCRIPT,
    )
        .into_response()
}

/// Where a request leads in the site.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A file of the output, by path from its root.
    File(String),
    /// A folder asked for without its `/`: to `location`.
    Redirect(String),
    /// Nothing: the 404 page.
    Missing,
}

/// The file of the site a request path (as sent, percent-encoded) names.
fn target(shared: &Shared, raw_path: &str) -> Target {
    let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Target::Missing;
    };
    let base = shared.base_path();
    if !base.is_empty() && (path == "/" || path == base) {
        return Target::Redirect(format!("{base}/"));
    }
    let Some(inside) = path.strip_prefix(base.as_str()).and_then(|rest| rest.strip_prefix('/')) else {
        return Target::Missing;
    };
    if inside.split('/').any(|part| part == ".." || part == "." || part.contains('\\')) {
        return Target::Missing;
    }
    if inside.is_empty() || inside.ends_with('/') {
        return Target::File(format!("{inside}index.html"));
    }
    if !shared.has(inside) && shared.has(&format!("{inside}/index.html")) {
        return Target::Redirect(format!("{raw_path}/"));
    }
    Target::File(inside.to_owned())
}

/// A file of the site, or its 404 page.
async fn site_file(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let path = match target(&shared, request.uri().path()) {
        Target::Redirect(location) => {
            let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
            return Redirect::permanent(&format!("{location}{query}")).into_response();
        }
        Target::File(path) => path,
        Target::Missing => String::new(),
    };
    match shared.file(&path) {
        Some(bytes) => file_response(&path, bytes, request.headers()),
        None => not_found(&shared, &path),
    }
}

/// The 404 page nearest the missing `path` up its folders (`en/a/b` → `en/a/404.html`,
/// `en/404.html`, `404.html`: each language has its own), as hosts such as Cloudflare Pages
/// do; or a plain one. With the live-reload script.
fn not_found(shared: &Shared, path: &str) -> Response {
    let folders = std::iter::successors(Some(path), |folder| folder.rsplit_once('/').map(|(up, _)| up))
        .skip(1)
        .map(|folder| format!("{folder}/404.html"))
        .chain(std::iter::once("404.html".to_owned()));
    let page = folders.filter_map(|file| shared.file(&file)).next().unwrap_or_else(|| {
        Bytes::from_static(b"<!doctype html><html lang=\"en\"><title>Not found</title><body><h1>Not found</h1></body></html>")
    });
    let mut response = html_response(&page);
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

fn html_response(page: &[u8]) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")],
        live_reload::inject(page),
    )
        .into_response()
}

/// A file with its type; pages get the live-reload script, other files honour `Range`.
fn file_response(path: &str, bytes: Bytes, headers: &HeaderMap) -> Response {
    if path.ends_with(".html") {
        return html_response(&bytes);
    }
    let mut response_headers = HeaderMap::new();
    response_headers.insert(header::CONTENT_TYPE, content_type(path));
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response_headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let Some(range) = headers.get(header::RANGE).and_then(|r| r.to_str().ok()) else {
        return (response_headers, Body::from(bytes)).into_response();
    };
    let length = bytes.len() as u64;
    match http_range_header::parse_range_header(range).and_then(|ranges| ranges.validate(length)) {
        Ok(ranges) if ranges.len() == 1 => {
            let (start, end) = (*ranges[0].start(), *ranges[0].end());
            let content_range = format!("bytes {start}-{end}/{length}");
            response_headers
                .insert(header::CONTENT_RANGE, HeaderValue::from_str(&content_range).expect("ascii"));
            let part = bytes.slice(start as usize..=end as usize);
            (StatusCode::PARTIAL_CONTENT, response_headers, Body::from(part)).into_response()
        }
        // Several ranges: the whole file, which a client must accept.
        Ok(_) => (response_headers, Body::from(bytes)).into_response(),
        Err(_) => {
            let content_range = format!("bytes */{length}");
            response_headers
                .insert(header::CONTENT_RANGE, HeaderValue::from_str(&content_range).expect("ascii"));
            (StatusCode::RANGE_NOT_SATISFIABLE, response_headers).into_response()
        }
    }
}

/// The media type of a file by its extension, with the charset of text.
fn content_type(path: &str) -> HeaderValue {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml" | "svg");
    let value = if text && mime.get_param("charset").is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    HeaderValue::from_str(&value).expect("a media type is a header value")
}

#[cfg(test)]
mod tests {
    use super::*;
    use build::Sink;

    fn shared(files: &[&str], base: &str) -> Shared {
        let working = crate::served::WorkingSink::default();
        for file in files {
            working.put(file, b"x").unwrap();
        }
        let shared = Shared::default();
        shared.publish(&working, true, base);
        shared
    }

    #[test]
    fn request_paths_lead_to_files_inside_the_site_only() {
        let site = shared(&["index.html", "guia/index.html", "a b.css"], "");
        assert_eq!(target(&site, "/"), Target::File("index.html".into()));
        assert_eq!(target(&site, "/guia/"), Target::File("guia/index.html".into()));
        assert_eq!(target(&site, "/guia"), Target::Redirect("/guia/".into()));
        assert_eq!(target(&site, "/a%20b.css"), Target::File("a b.css".into()));
        assert_eq!(target(&site, "/../etc/passwd"), Target::Missing);
        assert_eq!(target(&site, "/%2e%2e/etc/passwd"), Target::Missing);
        assert_eq!(target(&site, "/guia/%2E%2E/%2E%2E/x"), Target::Missing);
        assert_eq!(target(&site, "/%ff"), Target::Missing);
    }

    #[test]
    fn a_site_with_a_base_path_is_served_under_it() {
        let site = shared(&["index.html", "guia/index.html"], "/docs");
        assert_eq!(target(&site, "/"), Target::Redirect("/docs/".into()));
        assert_eq!(target(&site, "/docs"), Target::Redirect("/docs/".into()));
        assert_eq!(target(&site, "/docs/"), Target::File("index.html".into()));
        assert_eq!(target(&site, "/docs/guia/"), Target::File("guia/index.html".into()));
        assert_eq!(target(&site, "/docsx/guia/"), Target::Missing);
        assert_eq!(target(&site, "/guia/"), Target::Missing);
    }

    #[test]
    fn types_carry_their_charset() {
        assert_eq!(content_type("a/b.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("m.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("e.wasm"), "application/wasm");
        assert_eq!(content_type("i.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("search-index/es/t-1.bin"), "application/octet-stream");
    }
}
