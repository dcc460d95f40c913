//! The page calculator: the WebAssembly bundle built from `calculator/` by `cargo xtask wasm`
//! and committed in the theme (so building a site needs no WebAssembly toolchain), and the
//! page glue that drives the form with it. `cargo xtask` checks the bundle is up to date.

use crate::theme::{built_in_file, built_in_text};

/// The wasm-bindgen JavaScript module.
pub fn module_js() -> &'static str {
    built_in_text("static/calculator/calculator.js")
}

/// The WebAssembly binary.
pub fn wasm() -> &'static [u8] {
    built_in_file("static/calculator/calculator_bg.wasm")
}

/// The page glue that drives the form with the module.
pub fn glue_js() -> &'static str {
    built_in_text("static/sla-calculator.js")
}
