//! The site as data: read from a [`source::Source`] (the file system, or files in memory), it
//! is the configuration, each page's front matter, the documents of `content/` under stable
//! keys (their paths) with their language, place and URL, the sections, translations and tags
//! that link them, the SLA policy, the template files, and what each output depends on
//! ([`deps`]). Reading happens here and nowhere later; rendering happens later, never here.

pub mod config;
pub mod content;
pub mod deps;
pub mod front_matter;
pub mod output_paths;
pub mod policy;
pub mod site;
pub mod source;
pub mod theme;

pub use site::{load, DocId, LoadOptions, Loaded, Problems, Site};
pub use source::{FsSource, MemorySource, Source};
