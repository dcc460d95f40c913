//! The theme's WebAssembly bundles: each built from a crate by `cargo xtask wasm` and committed
//! in the theme (so building a site needs no WebAssembly toolchain), with the page glue that
//! drives it. `cargo xtask` checks the bundles are up to date.

use crate::theme::{built_in_file, built_in_text};

/// A bundle of the theme: `static/NAME/NAME.js` and `static/NAME/NAME_bg.wasm`, driven by
/// `static/GLUE.js`.
pub struct Bundle {
    /// Its folder and the stem of its files.
    pub name: &'static str,
    /// The stem of its page glue.
    pub glue: &'static str,
}

/// The SLA calculator.
pub const CALCULATOR: Bundle = Bundle { name: "calculator", glue: "sla-calculator" };

/// The search engine.
pub const SEARCH: Bundle = Bundle { name: "search", glue: "search-ui" };

impl Bundle {
    /// The wasm-bindgen JavaScript module.
    pub fn module_js(&self) -> &'static str {
        built_in_text(&format!("static/{0}/{0}.js", self.name))
    }

    /// The WebAssembly binary.
    pub fn wasm(&self) -> &'static [u8] {
        built_in_file(&format!("static/{0}/{0}_bg.wasm", self.name))
    }

    /// The page glue that drives the module.
    pub fn glue_js(&self) -> &'static str {
        built_in_text(&format!("static/{}.js", self.glue))
    }

    /// Its files as (stem, extension, bytes): the module, the WebAssembly, the glue.
    pub fn files(&self) -> [(&'static str, &'static str, &'static [u8]); 3] {
        [
            (self.name, "js", self.module_js().as_bytes()),
            (self.name, "wasm", self.wasm()),
            (self.glue, "js", self.glue_js().as_bytes()),
        ]
    }
}
