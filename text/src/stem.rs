//! Stemmers written for ayuda, with nothing but `core` and `alloc`.

pub(crate) mod english;
