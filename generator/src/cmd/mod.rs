//! The commands, one file each.

pub mod build;
pub mod serve;
pub mod sla;
