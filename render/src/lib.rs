//! Rendering the site model into files: the theme's templates, each page's view and menu,
//! the SLA views, redirect and 404 pages, feeds, the sitemap and robots.txt. It reads no
//! input file of the site (the theme's own files are compiled in) and writes nothing.

pub mod branding;
pub mod bundles;
pub mod content_hash;
pub mod i18n;
pub mod pages;
pub mod site_files;
pub mod sla_view;
mod template_cycles;
pub mod theme;
