//! Text for ayuda: one place that turns prose into identifiers and terms, the same way in
//! the native build and in WebAssembly. Today it makes slugs; no I/O, no threads.

mod slug;

pub use slug::slugify;
