//! `ayuda serve` end to end: it builds, prints its URL, and serves the site on 127.0.0.1
//! with the right types, the site's 404 page, and nothing outside the output folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// Kills the server when the test ends, even on failure.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(address: &str, path: &str) -> (String, String, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(response[..split].to_vec()).unwrap();
    let status = head.lines().next().unwrap().to_owned();
    let content_type = head.lines().find_map(|l| l.strip_prefix("Content-Type: ")).unwrap_or("").to_owned();
    (status, content_type, response[split + 4..].to_vec())
}

#[test]
fn serves_the_built_site_on_loopback() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join("tests/sites/basic");
    let out = std::env::temp_dir().join(format!("ayuda-serve-{}", std::process::id()));
    let child = Command::new(env!("CARGO_BIN_EXE_ayuda"))
        .args(["serve", "--port", "0", "--base-url", "https://ayuda.example.com/docs/", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut lines = BufReader::new(server.0.stdout.take().unwrap()).lines();
    let serving = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("Serving"))).unwrap().unwrap();
    let address = serving.split("http://").nth(1).unwrap().split('/').next().unwrap().to_owned();
    assert!(address.starts_with("127.0.0.1:"), "{serving}");

    assert!(serving.ends_with("/docs/ (Ctrl-C stops)"), "served at the base URL's path: {serving}");
    let (status, kind, body) = get(&address, "/docs/guia/primeros-pasos/");
    assert_eq!((status.as_str(), kind.as_str()), ("HTTP/1.1 200 OK", "text/html; charset=utf-8"));
    assert!(String::from_utf8(body).unwrap().contains("<h1>Primeros pasos</h1>"));
    let css = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .find(|name| name.to_string_lossy().starts_with("style."))
        .expect("a stylesheet");
    let (status, kind, _) = get(&address, &format!("/docs/assets/{}", css.to_string_lossy()));
    assert_eq!((status.as_str(), kind.as_str()), ("HTTP/1.1 200 OK", "text/css; charset=utf-8"));
    let (status, _, _) = get(&address, "/guia/primeros-pasos/");
    assert_eq!(status, "HTTP/1.1 404 Not Found", "nothing outside the base path");
    let (status, _, body) = get(&address, "/docs/no/existe/");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    assert!(String::from_utf8(body).unwrap().contains("Página no encontrada"));
    let (status, _, _) = get(&address, "/docs/../../etc/passwd");
    assert_eq!(status, "HTTP/1.1 403 Forbidden");
    drop(server);
    std::fs::remove_dir_all(out).unwrap();
}
