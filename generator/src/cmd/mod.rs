//! The commands, one file each.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod search;
pub mod serve;
pub mod sla;
