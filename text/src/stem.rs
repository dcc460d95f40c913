//! Snowball stemmers of our own, for folded words, that need nothing but `core` and `alloc`.

pub(crate) mod spanish;
