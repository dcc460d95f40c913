//! ayuda turns a folder of Markdown into a static help center, with service-level tables
//! and a deadline calculator driven by the site's SLA policy.
//!
//! The command-line interface is a thin layer over this library.

pub mod sla;
