//! The starter site of `ayuda init` and the new pages of `ayuda new`: what they write and
//! where, and what they refuse (a folder that is not empty, a file that exists, a path that
//! leaves `content/`). The texts are real files under `starter/` and `new/`, compiled in.
//! Nothing here prints or reads arguments; every refusal is a [`Diagnostic`] naming its path.
//!
//! [`Diagnostic`]: diagnostics::Diagnostic

mod front_matter;
mod new_page;
mod starter;
mod write;

pub use new_page::{new_page, NewPage, PageKind, Written};
pub use starter::{init, Language};
