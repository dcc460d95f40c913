//! JavaScript bindings for the page: the engine, handed the index files it asks for.
//!
//! ```js
//! const engine = new SearchEngine(await (await fetch(base + "entry.txt")).text());
//! for (;;) {
//!   const step = JSON.parse(engine.search(query, 8));
//!   if (!step.need) return step;                  // {"results": [...], "total", "partial"}
//!   for (const file of step.need) engine.add(file, new Uint8Array(await (await fetch(base + file)).arrayBuffer()));
//! }
//! ```

use crate::{Engine, Step};
use wasm_bindgen::prelude::*;

/// The page's allocator, in place of std's dlmalloc: 2.9 KB less of the gzipped bundle. One
/// thread (no `atomics`); it grows the memory as dlmalloc does and reuses what is freed.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A language's search index in the page.
#[wasm_bindgen]
pub struct SearchEngine(Engine);

#[wasm_bindgen]
impl SearchEngine {
    /// An engine for the index whose `entry.txt` holds `entry`.
    #[wasm_bindgen(constructor)]
    pub fn new(entry: &str) -> Result<SearchEngine, JsError> {
        Ok(SearchEngine(Engine::new(entry).map_err(|e| JsError::new(&e.message()))?))
    }

    /// Reads a file the engine asked for.
    pub fn add(&mut self, file: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.0.add(file, bytes).map_err(|e| JsError::new(&e.message()))
    }

    /// JSON: `{"need": [file, ...]}` when files are missing, else the results as
    /// `ayuda search --json` prints them.
    pub fn search(&self, query: &str, limit: usize) -> String {
        match self.0.search(query, limit) {
            Step::Need(files) => {
                let mut json = String::from("{\"need\":[");
                for (i, file) in files.iter().enumerate() {
                    json.push_str(if i > 0 { ",\"" } else { "\"" });
                    json.push_str(file);
                    json.push('"');
                }
                json.push_str("]}");
                json
            }
            Step::Done(results) => results.to_json(),
        }
    }
}
