//! JavaScript bindings for the page: the engine, handed the index files it asks for.
//!
//! ```js
//! const engine = SearchEngine.open(await (await fetch(base + "entry.txt")).text());
//! if (!engine) throw new Error("entry.txt is not a search index's entry");
//! for (;;) {
//!   const step = JSON.parse(engine.search(query, 8, true)); // as the reader types
//!   if (!step.need) return step;                  // {"results": [...], "total", "partial", "more"}
//!   for (const file of step.need) {
//!     const error = engine.add(file, new Uint8Array(await (await fetch(base + file)).arrayBuffer()));
//!     if (error) throw new Error(error);
//!   }
//! }
//! ```
//!
//! Errors are returned, not thrown: a `Result` with a `JsError` brings wasm-bindgen's table of
//! JavaScript values and its glue, 0.4 KB of the gzipped bundle.

use crate::{Engine, Reach, Step};
use alloc::string::String;
use wasm_bindgen::prelude::*;

/// The page's allocator, in place of std's dlmalloc: 2.9 KB less of the gzipped bundle. One
/// thread (no `atomics`); it grows the memory as dlmalloc does and reuses what is freed.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Without `std` a panic stops the module at once: the page then reports that search failed
/// (as `std`'s abort did) and the module holds no panic messages, no `core::fmt` to write them
/// and no panic hook, 1.3 KB less of the gzipped bundle than `std`'s handler. (With `index` the
/// crate has `std`, whose handler this would duplicate.)
#[cfg(all(target_arch = "wasm32", not(feature = "index")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// A language's search index in the page.
#[wasm_bindgen]
pub struct SearchEngine(Engine);

#[wasm_bindgen]
impl SearchEngine {
    /// An engine for the index whose `entry.txt` holds `entry`; `undefined` if it holds
    /// something else.
    pub fn open(entry: &str) -> Option<SearchEngine> {
        Engine::new(entry).ok().map(SearchEngine)
    }

    /// Reads a file the engine asked for: `undefined`, or what is wrong with the file.
    pub fn add(&mut self, file: &str, bytes: &[u8]) -> Option<String> {
        self.0.add(file, bytes).err().map(|error| error.message())
    }

    /// JSON: `{"need": [file, ...]}` when files are missing, else the results as
    /// `ayuda search --json` prints them; `as_you_type`: [`Reach::FirstTiers`], else `Full`.
    pub fn search(&self, query: &str, limit: usize, as_you_type: bool) -> String {
        let reach = if as_you_type { Reach::FirstTiers } else { Reach::Full };
        match self.0.search_reaching(query, limit, reach) {
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
