//! The files being served, and the site's state as open pages see it. Rebuilds write into a
//! [`WorkingSink`]; what they touched is published to [`Shared`] only when the build is good.
//! Pages are kept deflated: on a 10,000-page site they are most of the memory a preview
//! holds.

use bytes::Bytes;
use diagnostics::Diagnostic;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::broadcast;

/// What open pages are told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// Load the page again: the site changed.
    Reload { version: u64 },
    /// Only these stylesheets changed (URLs from the host's root): swap them in place.
    Stylesheets { version: u64, urls: Vec<String> },
    /// The build has errors (as `file:line:column: message`): show them over the page.
    Problems { errors: Vec<String> },
}

/// The state a page is told when it connects.
#[derive(Clone, Debug, Default)]
pub struct Status {
    /// Counts the changes pages were told about: a page that reconnects with another
    /// version missed one and reloads.
    pub version: u64,
    /// The errors of the last build, if it failed.
    pub errors: Vec<String>,
}

/// A file as kept in memory: pages deflated against a dictionary, other files as they are
/// (most are small, or already compressed like the search index). Bytes are shared between
/// the working and the served copy.
#[derive(Clone, Debug)]
enum Stored {
    Plain(Bytes),
    Deflated(Bytes, Arc<Dictionary>),
}

impl PartialEq for Stored {
    fn eq(&self, other: &Stored) -> bool {
        match (self, other) {
            (Stored::Plain(a), Stored::Plain(b)) => a == b,
            (Stored::Deflated(a, d), Stored::Deflated(b, e)) => Arc::ptr_eq(d, e) && a == b,
            _ => false,
        }
    }
}

/// One page of a folder, which the pages under it are deflated against: they share their
/// header, menu (the section open in it), breadcrumbs and footer. At 10,000 pages, one
/// dictionary for the site took the pages from 86 MB deflated alone to 57 MB; one for each
/// section's folder, to 47 MB.
#[derive(Debug)]
struct Dictionary(Vec<u8>);

/// The dictionary of each folder holding pages' folders (a section's), made from the first
/// page stored under it.
#[derive(Default)]
struct Dictionaries(RwLock<HashMap<String, Arc<Dictionary>>>);

impl Dictionaries {
    /// The dictionary for the page at `path` (`section/article/index.html`), made from its
    /// bytes if it is the first page of its section's folder.
    fn for_page(&self, path: &str, bytes: &[u8]) -> Arc<Dictionary> {
        let folder = path.rsplitn(3, '/').nth(2).unwrap_or_default();
        if let Some(dictionary) = self.0.read().expect("dictionaries").get(folder) {
            return Arc::clone(dictionary);
        }
        let mut dictionaries = self.0.write().expect("dictionaries");
        let dictionary = dictionaries
            .entry(folder.to_owned())
            .or_insert_with(|| Arc::new(Dictionary(bytes[bytes.len().saturating_sub(WINDOW)..].to_vec())));
        Arc::clone(dictionary)
    }
}

/// A deflate stream may refer this far back, so a dictionary longer than this is cut.
const WINDOW: usize = 32 * 1024;

thread_local! {
    static COMPRESSOR: std::cell::RefCell<flate2::Compress> =
        std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::fast(), false));
}

impl Stored {
    fn new(path: &str, bytes: &[u8], dictionaries: &Dictionaries) -> Stored {
        if !path.ends_with(".html") {
            return Stored::Plain(Bytes::copy_from_slice(bytes));
        }
        let dictionary = dictionaries.for_page(path, bytes);
        let deflated = COMPRESSOR.with_borrow_mut(|compressor| {
            compressor.reset();
            compressor.set_dictionary(&dictionary.0).expect("a dictionary before any input");
            let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
            loop {
                let read = compressor.total_in() as usize;
                let status = compressor
                    .compress_vec(&bytes[read..], &mut out, flate2::FlushCompress::Finish)
                    .expect("deflating into memory");
                if status == flate2::Status::StreamEnd {
                    break out;
                }
                out.reserve(out.capacity());
            }
        });
        Stored::Deflated(Bytes::from(deflated), dictionary)
    }

    fn bytes(&self) -> Bytes {
        let (deflated, dictionary) = match self {
            Stored::Plain(bytes) => return bytes.clone(),
            Stored::Deflated(deflated, dictionary) => (deflated, dictionary),
        };
        let mut inflater = flate2::Decompress::new(false);
        inflater.set_dictionary(&dictionary.0).expect("a dictionary before any input");
        let mut out = Vec::with_capacity(deflated.len() * 6);
        loop {
            let read = inflater.total_in() as usize;
            let status = inflater
                .decompress_vec(&deflated[read..], &mut out, flate2::FlushDecompress::Finish)
                .expect("what was deflated here inflates");
            if status == flate2::Status::StreamEnd {
                return Bytes::from(out);
            }
            out.reserve(out.capacity());
        }
    }
}

/// What the server and the rebuild thread share.
pub struct Shared {
    files: RwLock<HashMap<String, Stored>>,
    status: RwLock<Status>,
    base_path: RwLock<String>,
    messages: broadcast::Sender<Message>,
}

impl Default for Shared {
    fn default() -> Shared {
        Shared {
            files: RwLock::default(),
            status: RwLock::default(),
            base_path: RwLock::default(),
            messages: broadcast::channel(64).0,
        }
    }
}

impl Shared {
    /// The served file at `path` (from the output's root), if there is one.
    pub fn file(&self, path: &str) -> Option<Bytes> {
        let stored = self.files.read().expect("files").get(path).cloned();
        stored.map(|stored| stored.bytes())
    }

    /// Whether a file is served at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.files.read().expect("files").contains_key(path)
    }

    /// The path the site is served at, like `/docs`, or empty.
    pub fn base_path(&self) -> String {
        self.base_path.read().expect("base path").clone()
    }

    /// The state a page connecting now is told.
    pub fn status(&self) -> Status {
        self.status.read().expect("status").clone()
    }

    /// Messages to open pages, from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Message> {
        self.messages.subscribe()
    }

    /// Serves the working files written or removed since the last publication (every file
    /// with `everything`) and the base path. Returns the paths whose bytes changed.
    pub fn publish(&self, working: &WorkingSink, everything: bool, base_path: &str) -> Vec<String> {
        let working_files = working.files.lock().expect("working files");
        let mut files = self.files.write().expect("files");
        let mut touched = std::mem::take(&mut *working.touched.lock().expect("touched"));
        if everything {
            touched.extend(files.keys().chain(working_files.keys()).cloned());
        }
        // Sorted, since `touched` is.
        let mut changed = Vec::new();
        for path in touched {
            let now = working_files.get(&path);
            if files.get(&path) == now {
                continue;
            }
            match now {
                Some(bytes) => files.insert(path.clone(), bytes.clone()),
                None => files.remove(&path),
            };
            changed.push(path);
        }
        *self.base_path.write().expect("base path") = base_path.to_owned();
        changed
    }

    /// Tells open pages about a change that was published, and counts it.
    pub fn announce_change(&self, stylesheets: Option<Vec<String>>) {
        let mut status = self.status.write().expect("status");
        status.version += 1;
        status.errors.clear();
        let version = status.version;
        let message = match stylesheets {
            Some(urls) => Message::Stylesheets { version, urls },
            None => Message::Reload { version },
        };
        // No page open is not an error.
        let _ = self.messages.send(message);
    }

    /// Tells open pages that the build has errors, or that it has none any more.
    pub fn announce_errors(&self, errors: Vec<String>) {
        let mut status = self.status.write().expect("status");
        if status.errors == errors {
            return;
        }
        status.errors = errors.clone();
        let _ = self.messages.send(Message::Problems { errors });
    }
}

/// Where rebuilds write: every file in memory, shared with the served copy (bytes are
/// reference-counted), and the paths written or removed since the last publication.
#[derive(Default)]
pub struct WorkingSink {
    files: Mutex<HashMap<String, Stored>>,
    dictionaries: Dictionaries,
    touched: Mutex<BTreeSet<String>>,
}

impl build::Sink for WorkingSink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        // Deflated on the rendering threads, before the lock.
        let stored = Stored::new(path, bytes, &self.dictionaries);
        self.files.lock().expect("working files").insert(path.to_owned(), stored);
        self.touched.lock().expect("touched").insert(path.to_owned());
        Ok(())
    }

    fn remove(&self, path: &str) -> Result<(), Diagnostic> {
        self.files.lock().expect("working files").remove(path);
        self.touched.lock().expect("touched").insert(path.to_owned());
        Ok(())
    }
}
