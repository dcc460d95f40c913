//! `ayuda serve` end to end, on a copy of a fixture site served under a base path: after each
//! of 36 edits of every kind, every file served equals a clean `ayuda build` of the same tree
//! (the reload script aside), or, while the site has errors, the last good build, with the
//! errors sent to open pages. Once with the operating system's events, once with `--poll`.
//! Then the server's limits: slow clients, oversized heads, methods, ranges, types.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const BASE_URL: &str = "https://ayuda.example.com/docs/";
/// How the live-reload script's tag begins and ends; between, its overlay's words (tested
/// in the serve crate and in the browser).
const RELOAD_START: &str = r#"<script data-ayuda-reload data-events="/__ayuda/events" "#;
const RELOAD_END: &str = r#" src="/__ayuda/live-reload.js"></script>"#;
/// How long an edit may take to show; far above what it takes, for a loaded machine.
const SETTLE: Duration = Duration::from_secs(30);

/// A running `ayuda serve`, killed when the test ends, even on failure.
struct Server {
    child: Child,
    address: String,
    lines: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ayuda"))
            .args(["serve", "--port", "0", "--base-url", BASE_URL, "--root"])
            .arg(root)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let first = lines.recv_timeout(SETTLE).expect("serve prints its address");
        assert!(first.starts_with("Serving on http://127.0.0.1:"), "the first line: {first}");
        assert!(first.ends_with("/docs/"), "served at the base URL's path: {first}");
        let address = first.split("http://").nth(1).unwrap().split('/').next().unwrap().to_owned();
        Server { child, address, lines }
    }

    /// Forgets the lines printed so far.
    fn drain(&self) {
        while self.lines.try_recv().is_ok() {}
    }

    /// Waits for a printed line containing `text`.
    fn line_with(&self, text: &str) -> String {
        let deadline = Instant::now() + SETTLE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("serve never printed a line with {text:?}");
    }
}

/// One HTTP/1.1 exchange on a fresh connection: status line, headers (names lowercased), body.
/// A server may answer a request it refuses (a head too large) before it has read all of it,
/// and close: the rest of the request then meets a closed connection, and the answer, already
/// received, is read all the same.
fn request(address: &str, head: &str) -> (String, BTreeMap<String, String>, Vec<u8>) {
    let closed_early =
        |e: &std::io::Error| matches!(e.kind(), ErrorKind::BrokenPipe | ErrorKind::ConnectionReset);
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(SETTLE)).unwrap();
    let sent = stream.write_all(format!("{head}Host: {address}\r\nConnection: close\r\n\r\n").as_bytes());
    sent.or_else(|e| if closed_early(&e) { Ok(()) } else { Err(e) }).unwrap();
    let mut response = Vec::new();
    if let Err(e) = stream.read_to_end(&mut response) {
        assert!(closed_early(&e) && !response.is_empty(), "no answer to {:.60}: {e}", head);
    }
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8(response[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap().to_owned();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
        .collect();
    (status, headers, response[split + 4..].to_vec())
}

fn get(address: &str, path: &str) -> (String, BTreeMap<String, String>, Vec<u8>) {
    request(address, &format!("GET {path} HTTP/1.1\r\n"))
}

/// The fixture: tests/sites/basic with a policy, an SLA page and a static stylesheet, in a
/// scratch folder (removed when dropped): the folder and the site's root in it.
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned();
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path().join("site");
    copy_folder(&repo.join("tests/sites/basic"), &root);
    std::fs::copy(repo.join("sla.yaml"), root.join("sla.yaml")).unwrap();
    write(
        &root,
        "content/acuerdo.md",
        "---\ntitle: Acuerdo\n---\n\n{{ sla_targets() }}\n\n{{ sla_calculator() }}\n",
    );
    write(&root, "static/extra.css", "p { margin: 0 }\n");
    (scratch, root)
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap()
}

fn replace(root: &Path, path: &str, from: &str, to: &str) {
    let text = read(root, path);
    assert!(text.contains(from), "{path} holds {from:?}");
    write(root, path, &text.replacen(from, to, 1));
}

/// Every file of a clean build of `root`, by path, or `None` if the build fails. The file
/// that marks a folder as a build's output is not the site's: it is left out.
fn clean_build(root: &Path, out: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let _ = std::fs::remove_dir_all(out);
    let status = Command::new(env!("CARGO_BIN_EXE_ayuda"))
        .args(["build", "--quiet", "--base-url", BASE_URL, "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    status.success().then(|| {
        let mut files = BTreeMap::new();
        collect(out, out, &mut files);
        files.remove(build::OUTPUT_MARKER);
        files
    })
}

fn collect(root: &Path, folder: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(name, std::fs::read(&path).unwrap());
        }
    }
}

/// `page` without the live-reload script's tag, when it holds the tag once.
fn without_reload_script(page: &str) -> Option<String> {
    let [start] = page.match_indices(RELOAD_START).map(|(at, _)| at).collect::<Vec<_>>()[..] else {
        return None;
    };
    let end = start + page[start..].find(RELOAD_END)? + RELOAD_END.len();
    Some(format!("{}{}", &page[..start], &page[end..]))
}

/// The first file whose served bytes differ from `expected` (the reload script taken out of
/// pages), or a file served that `gone` says no longer exists.
fn first_difference(
    server: &Server,
    expected: &BTreeMap<String, Vec<u8>>,
    gone: &BTreeSet<String>,
) -> Option<String> {
    for (path, bytes) in expected {
        let (status, _, mut body) = get(&server.address, &format!("/docs/{path}"));
        if !status.contains("200") {
            return Some(format!("{path}: {status}"));
        }
        if path.ends_with(".html") {
            let text = String::from_utf8(body).unwrap();
            let Some(page) = without_reload_script(&text) else {
                return Some(format!("{path}: the reload script is not there once"));
            };
            body = page.into_bytes();
        }
        if body != *bytes {
            return Some(format!("{path}: other bytes"));
        }
    }
    for path in gone.iter().filter(|path| !expected.contains_key(*path)) {
        let (status, _, _) = get(&server.address, &format!("/docs/{path}"));
        if !status.contains("404") {
            return Some(format!("{path} was removed but is served: {status}"));
        }
    }
    None
}

/// Reads the live-reload events: (event, data) pairs.
fn events(address: &str) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(address).unwrap();
    // HTTP/1.0: the stream is sent as it is, without chunks.
    write!(stream, "GET /__ayuda/events HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let (sender, events) = channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_owned();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if sender.send((event.clone(), data.to_owned())).is_err() {
                    break;
                }
            }
        }
    });
    events
}

/// The data of the next `name` event that `wanted` accepts.
fn next_event(events: &Receiver<(String, String)>, name: &str, wanted: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + SETTLE;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok((event, data)) if event == name && wanted(&data) => return data,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("no {name:?} event");
}

/// The edits, each a name and what it does to the site folder.
type Edit = (&'static str, fn(&Path));

fn edits() -> Vec<Edit> {
    vec![
        ("body", |r| {
            write(r, "content/guia/exportar.md", &(read(r, "content/guia/exportar.md") + "\nOtro párrafo.\n"))
        }),
        ("title", |r| {
            replace(r, "content/guia/primeros-pasos.md", "title: Primeros pasos", "title: Cómo empezar")
        }),
        ("weight", |r| replace(r, "content/guia/exportar.md", "weight: 2", "weight: 0")),
        ("new article", |r| {
            write(
                r,
                "content/guia/nuevo.md",
                "---\ntitle: Nuevo\ntags: [cuenta]\n---\n\n## Uno\n\nTexto nuevo.\n",
            )
        }),
        ("body of the new article", |r| {
            write(r, "content/guia/nuevo.md", &(read(r, "content/guia/nuevo.md") + "\nMás texto.\n"))
        }),
        ("a translation", |r| write(r, "content/guia/nuevo.en.md", "---\ntitle: New\n---\n\nNew text.\n")),
        ("translation removed", |r| std::fs::remove_file(r.join("content/guia/nuevo.en.md")).unwrap()),
        ("broken link", |r| {
            write(
                r,
                "content/guia/exportar.md",
                &(read(r, "content/guia/exportar.md") + "\n[roto](no-existe.md)\n"),
            )
        }),
        ("another edit while broken", |r| {
            replace(r, "content/guia/nuevo.md", "Texto nuevo.", "Texto renovado.")
        }),
        ("broken link fixed", |r| {
            replace(r, "content/guia/exportar.md", "[roto](no-existe.md)", "[bien](nuevo.md)")
        }),
        ("shortcode template", |r| {
            write(r, "templates/shortcodes/aviso.html", "<aside class=\"aviso\">{{ args.texto }}</aside>\n")
        }),
        ("stylesheet", |r| write(r, "static/extra.css", "p { margin: 0 0 1rem }\n")),
        ("sla.yaml", |r| replace(r, "sla.yaml", "@example.com", "-nuevo@example.com")),
        ("draft", |r| replace(r, "content/guia/preguntas.md", "title:", "draft: true\ntitle:")),
        ("draft published", |r| replace(r, "content/guia/preguntas.md", "draft: true\n", "")),
        ("tags", |r| replace(r, "content/guia/exportar.md", "tags: [cuenta]", "tags: [cuenta, datos]")),
        ("new section with an article", |r| {
            write(
                r,
                "content/facturas/_index.md",
                "---\ntitle: Facturas\nweight: 3\n---\n\nTodo sobre facturas.\n",
            );
            write(
                r,
                "content/facturas/_index.en.md",
                "---\ntitle: Invoices\nweight: 3\n---\n\nAll about invoices.\n",
            );
            write(r, "content/facturas/emitir.md", "---\ntitle: Emitir una factura\n---\n\nPasos.\n");
        }),
        ("rename an article", |r| {
            std::fs::rename(r.join("content/facturas/emitir.md"), r.join("content/facturas/crear.md"))
                .unwrap()
        }),
        ("delete an article", |r| std::fs::remove_file(r.join("content/facturas/crear.md")).unwrap()),
        ("heading", |r| replace(r, "content/guia/nuevo.md", "## Uno", "## Primero")),
        ("front-matter error", |r| {
            replace(r, "content/guia/nuevo.md", "title: Nuevo", "title: Nuevo\ncolor: azul")
        }),
        ("front matter fixed", |r| {
            replace(r, "content/guia/nuevo.md", "title: Nuevo\ncolor: azul", "title: Nuevo")
        }),
        ("ayuda.yaml", |r| replace(r, "ayuda.yaml", "title: Ayuda de prueba", "title: Ayuda renovada")),
        ("rename a section folder", |r| {
            std::fs::rename(r.join("content/facturas"), r.join("content/cobros")).unwrap()
        }),
        ("static file", |r| write(r, "static/notas.txt", "notas\n")),
        ("sla.yaml broken", |r| write(r, "sla.yaml", &(read(r, "sla.yaml") + "\nsin_sentido: [\n"))),
        ("sla.yaml fixed", |r| {
            let text = read(r, "sla.yaml");
            write(r, "sla.yaml", text.trim_end().strip_suffix("sin_sentido: [").unwrap())
        }),
        ("delete a section folder", |r| std::fs::remove_dir_all(r.join("content/cobros")).unwrap()),
        ("body again", |r| {
            write(
                r,
                "content/guia/primeros-pasos.md",
                &(read(r, "content/guia/primeros-pasos.md") + "\nFin.\n"),
            )
        }),
        ("English body", |r| {
            write(
                r,
                "content/guia/primeros-pasos.en.md",
                &(read(r, "content/guia/primeros-pasos.en.md") + "\nMore.\n"),
            )
        }),
        ("description", |r| {
            replace(r, "content/guia/exportar.md", "description: Exportar a Excel.", "description: A Excel.")
        }),
        ("stylesheet removed", |r| std::fs::remove_file(r.join("static/extra.css")).unwrap()),
        ("template added", |r| {
            write(r, "templates/shortcodes/nota.html", "<p class=\"nota\">{{ body }}</p>\n")
        }),
        ("template broken", |r| write(r, "templates/shortcodes/nota.html", "<p>{{ body </p>\n")),
        ("template fixed", |r| write(r, "templates/shortcodes/nota.html", "<p>{{ body }}</p>\n")),
        ("home body", |r| write(r, "content/_index.md", &(read(r, "content/_index.md") + "\nBienvenida.\n"))),
    ]
}

/// Applies every edit to a fresh copy of the fixture served by `ayuda serve EXTRA`, and
/// checks what is served after each.
fn every_edit_is_served_as_a_clean_build(extra: &[&str]) {
    let (_scratch, root) = fixture();
    let out = root.with_extension("out");
    let server = Server::start(&root, extra);
    let events = events(&server.address);
    next_event(&events, "hello", |_| true);
    let mut good = clean_build(&root, &out).expect("the fixture builds");
    let mut seen: BTreeSet<String> = good.keys().cloned().collect();
    assert_eq!(first_difference(&server, &good, &seen), None, "before any edit");
    let edits = edits();
    assert!(edits.len() >= 30);
    let mut broken = false;
    for (what, edit) in edits {
        server.drain();
        edit(&root);
        match clean_build(&root, &out) {
            Some(files) => {
                seen.extend(files.keys().cloned());
                let deadline = Instant::now() + SETTLE;
                let mut difference = first_difference(&server, &files, &seen);
                while difference.is_some() && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(100));
                    difference = first_difference(&server, &files, &seen);
                }
                assert_eq!(difference, None, "after the edit {what:?}");
                good = files;
                broken = false;
            }
            None => {
                let line = server.line_with("still serving the last good build");
                if !broken {
                    // The errors reach the page, with their places.
                    let placed =
                        |data: &str| [".md:", ".yaml", ".html"].iter().any(|place| data.contains(place));
                    next_event(&events, "problems", placed);
                }
                broken = true;
                assert_eq!(first_difference(&server, &good, &seen), None, "after {what:?} ({line})");
            }
        }
        if what == "stylesheet" {
            // A stylesheet swap, not a reload.
            next_event(&events, "stylesheets", |data| data.contains("\"/docs/extra.css\""));
        }
        if what == "broken link" {
            // Drain to the error message of this edit: it names the file, line and column.
            let problems = server.line_with("exportar.md:");
            assert!(problems.contains("content/guia/exportar.md:"), "{problems}");
        }
    }
    drop(server);
}

#[test]
fn every_edit_is_served_as_a_clean_build_with_change_events() {
    every_edit_is_served_as_a_clean_build(&[]);
}

#[test]
fn every_edit_is_served_as_a_clean_build_when_polling() {
    every_edit_is_served_as_a_clean_build(&["--poll", "--poll-interval", "100"]);
}

/// The resident memory of a process, in KB (Linux).
fn resident_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn the_server_holds_its_limits() {
    let (_scratch, root) = fixture();
    let out = root.with_extension("out");
    let files = clean_build(&root, &out).unwrap();
    let server = Server::start(&root, &[]);
    let address = server.address.clone();

    // Types, the base path, the 404 page, and nothing outside the site.
    let (status, headers, body) = get(&address, "/docs/guia/primeros-pasos/");
    assert_eq!(
        (status.as_str(), headers["content-type"].as_str()),
        ("HTTP/1.1 200 OK", "text/html; charset=utf-8")
    );
    assert!(String::from_utf8(body).unwrap().contains("<h1>Primeros pasos</h1>"));
    let wasm = files.keys().find(|p| p.ends_with(".wasm")).expect("a wasm file");
    let (_, headers, _) = get(&address, &format!("/docs/{wasm}"));
    assert_eq!(headers["content-type"], "application/wasm");
    let (status, headers, _) = get(&address, "/docs/guia");
    assert_eq!(
        (status.as_str(), headers["location"].as_str()),
        ("HTTP/1.1 308 Permanent Redirect", "/docs/guia/")
    );
    assert_eq!(
        get(&address, "/guia/primeros-pasos/").0,
        "HTTP/1.1 404 Not Found",
        "nothing outside the base"
    );
    let (status, _, body) = get(&address, "/docs/no/existe/");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    assert!(String::from_utf8(body).unwrap().contains("Página no encontrada"));
    // Each language's own 404 page: the nearest one up the missing path's folders.
    let (status, _, body) = get(&address, "/docs/en/no/such/page/");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("<html lang=\"en\">") && body.contains("<h1>Page not found</h1>"));
    for escape in ["/docs/../../etc/passwd", "/docs/%2e%2e/%2e%2e/etc/passwd", "/docs/..%2f..%2fetc/passwd"] {
        let (status, _, body) = get(&address, escape);
        assert_eq!(status, "HTTP/1.1 404 Not Found", "{escape}");
        assert!(!String::from_utf8_lossy(&body).contains("root:"), "{escape}");
    }

    // Methods: GET and HEAD only, saying so.
    let (status, headers, body) = request(&address, "HEAD /docs/ HTTP/1.1\r\n");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.is_empty() && headers["content-length"].parse::<usize>().unwrap() > 1000);
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let (status, headers, _) =
            request(&address, &format!("{method} /docs/ HTTP/1.1\r\nContent-Length: 0\r\n"));
        assert_eq!(status, "HTTP/1.1 405 Method Not Allowed", "{method}");
        assert_eq!(headers.get("allow").map(String::as_str), Some("GET,HEAD"), "{method}");
    }

    // Ranges, on files that are not pages.
    let css = files.keys().find(|p| p.starts_with("assets/style.")).unwrap();
    let (status, headers, body) =
        request(&address, &format!("GET /docs/{css} HTTP/1.1\r\nRange: bytes=0-9\r\n"));
    assert_eq!(status, "HTTP/1.1 206 Partial Content");
    assert_eq!(body, files[css][..10]);
    assert_eq!(headers["content-range"], format!("bytes 0-9/{}", files[css].len()));
    let (status, _, _) =
        request(&address, &format!("GET /docs/{css} HTTP/1.1\r\nRange: bytes=99999999-\r\n"));
    assert_eq!(status, "HTTP/1.1 416 Range Not Satisfiable");

    // Compression for pages; the search index is stored compressed and served as it is.
    let (_, headers, _) = request(&address, "GET /docs/ HTTP/1.1\r\nAccept-Encoding: gzip\r\n");
    assert_eq!(headers.get("content-encoding").map(String::as_str), Some("gzip"));
    let index = files.keys().find(|p| p.starts_with("search-index/") && p.ends_with(".bin")).unwrap();
    let (_, headers, body) =
        request(&address, &format!("GET /docs/{index} HTTP/1.1\r\nAccept-Encoding: gzip\r\n"));
    assert_eq!(headers.get("content-encoding"), None, "{index}");
    assert_eq!(body, files[index]);

    // Slow clients that never finish their request head are let go: the server ends each
    // connection (the read ends, closed or reset), and answers none of them with a page. The
    // clients' own read timeout, what is left of SETTLE (far above the server's limit), only
    // stops a test whose server holds them: a read that times out fails.
    let mut slow: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream.write_all(b"GET /docs/ HTTP/1.1\r\nHost: x\r\n").unwrap();
            stream
        })
        .collect();
    let deadline = Instant::now() + SETTLE;
    for (i, stream) in slow.iter_mut().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
        stream.set_read_timeout(Some(left)).unwrap();
        let mut rest = Vec::new();
        match stream.read_to_end(&mut rest) {
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted) => {}
            Err(e) => panic!("slow client {i} still held by the server ({:?}: {e})", e.kind()),
        }
        assert!(
            rest.is_empty() || rest.starts_with(b"HTTP/1.1 408"),
            "slow client {i} was answered: {}",
            String::from_utf8_lossy(&rest)
        );
    }

    // A head over 64 KB is refused, however few reads bring it; one just under is served.
    let header = |bytes: usize| format!("GET /docs/ HTTP/1.1\r\nX-Filler: {}\r\n", "a".repeat(bytes));
    assert_eq!(request(&address, &header(100_000)).0, "HTTP/1.1 431 Request Header Fields Too Large");
    assert_eq!(request(&address, &header(70_000)).0, "HTTP/1.1 431 Request Header Fields Too Large");
    assert_eq!(request(&address, &header(60_000)).0, "HTTP/1.1 200 OK");

    // A request head of 100 MB is refused early, without the memory growing.
    let before = resident_kb(server.child.id()).unwrap();
    let mut stream = TcpStream::connect(&address).unwrap();
    let mut sent = 0usize;
    let chunk = vec![b'a'; 1 << 20];
    if stream.write_all(b"GET /").is_ok() {
        while sent < 100 << 20 && stream.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let after = resident_kb(server.child.id()).unwrap();
    assert!(sent < 100 << 20, "the server read the whole 100 MB head");
    assert!(after < before + 20_000, "memory grew from {before} KB to {after} KB");
    assert_eq!(get(&address, "/docs/").0, "HTTP/1.1 200 OK", "still serving");
    drop(server);
}

#[test]
fn a_folder_without_a_site_is_refused_before_anything_is_served() {
    let empty = tempfile::tempdir().unwrap();
    for root in [empty.path().to_path_buf(), empty.path().join("missing")] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ayuda"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > SETTLE {
                let _ = child.kill();
                panic!("serve kept running on {}", root.display());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert!(output.stdout.is_empty(), "nothing is served: {}", String::from_utf8_lossy(&output.stdout));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("there is no site here") && stderr.contains("ayuda init"), "{stderr}");
    }
}
