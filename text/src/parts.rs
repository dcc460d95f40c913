//! A part of a text by its byte range, as `&text[range]`.

use core::ops::Range;

/// `&text[range]`, panicking in the same cases but with a fixed message: `str`'s own message
/// formats the text and the character it cuts (`Debug`), and that code and its Unicode tables
/// took 3 KB of the page's gzipped WebAssembly.
pub fn part(text: &str, range: Range<usize>) -> &str {
    match text.get(range) {
        Some(part) => part,
        None => panic!("a range off the text's character boundaries"),
    }
}

/// `&text[from..]`, as [`part`].
pub fn tail(text: &str, from: usize) -> &str {
    part(text, from..text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_what_indexing_gives() {
        let text = "señal";
        assert_eq!(part(text, 1..4), &text[1..4]);
        assert_eq!(tail(text, 4), "al");
        assert_eq!(tail(text, 6), "");
        assert!(std::panic::catch_unwind(|| part(text, 0..3)).is_err(), "inside ñ");
        assert!(std::panic::catch_unwind(|| tail(text, 7)).is_err(), "past the end");
    }
}
