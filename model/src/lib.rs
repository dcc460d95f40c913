//! The site as data: its configuration, each page's front matter, the documents of
//! `content/` with their language, place and URL, the sections and translations that link
//! them, the SLA policy, and which output file each input claims. Reading files happens here
//! and nowhere later; rendering happens later and never here.

pub mod config;
pub mod content;
pub mod front_matter;
pub mod output_paths;
pub mod policy;
pub mod site;
