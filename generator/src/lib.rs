//! ayuda turns a folder of Markdown into a static help center, with service-level tables
//! and a deadline calculator driven by the site's SLA policy.
//!
//! The pipeline runs one way: [`content`] reads files into documents, [`site`] links them
//! into a graph, [`markdown`] and [`render`] turn them into pages, and [`output`] writes the
//! result atomically. [`build::build`] runs it all. The command line is a thin layer over it.

pub mod build;
pub mod calculator_bundle;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod front_matter;
pub mod highlight;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod output_paths;
pub mod render;
pub mod serve;
pub mod shortcodes;
pub mod site;
pub mod site_files;
pub mod sla;
pub mod sla_view;
pub mod slug;
pub mod theme;
