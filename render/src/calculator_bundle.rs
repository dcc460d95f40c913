//! The page calculator: the WebAssembly bundle built from `calculator/` by `cargo xtask wasm`
//! and committed in the theme (so building a site needs no WebAssembly toolchain), and the
//! page glue that drives the form with it. `cargo xtask` checks the bundle is up to date.

/// The wasm-bindgen JavaScript module.
pub const MODULE_JS: &str = include_str!("../../themes/default/static/calculator/calculator.js");
/// The WebAssembly binary.
pub const WASM: &[u8] = include_bytes!("../../themes/default/static/calculator/calculator_bg.wasm");
/// The page glue that drives the form with the module.
pub const GLUE_JS: &str = include_str!("../../themes/default/static/sla-calculator.js");
