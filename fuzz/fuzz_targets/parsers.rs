//! Every parser of site input (front matter, shortcode calls, Markdown, the SLA policy) on
//! the fuzzer's texts: none may panic, and every problem must be placed inside the text. The
//! check is the property test's (`build/tests/parsing`), included from there.

#![no_main]

#[allow(dead_code)] // The property test's own helpers are not used here.
#[path = "../../build/tests/parsing/parsers.rs"]
mod parsers;

use libfuzzer_sys::fuzz_target;
use markdown::Highlighter;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    // Every reader checks UTF-8 first (a file that is not is refused whole, at its first bad byte).
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(message) = parsers::parse_everywhere(text, HIGHLIGHTER.get_or_init(Highlighter::new)) {
        panic!("{message}");
    }
});
