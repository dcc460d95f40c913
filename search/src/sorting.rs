//! Sorting the engine's lists through one small sort: each sort of another type or order
//! compiles to its own copy of std's sort, some 4 KB of the page's WebAssembly apiece.

use alloc::{borrow::ToOwned, string::String, vec, vec::Vec};
use core::cmp::Ordering;

/// Sorts `items` by `key`, stably.
pub(crate) fn sort_by_key<T: Copy, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by `order`, stably.
pub(crate) fn sort_by<T: Copy>(items: &mut [T], order: impl Fn(&T, &T) -> Ordering) {
    let positions = merge_sort(items.len(), &|a, b| order(&items[a], &items[b]));
    let sorted: Vec<T> = positions.into_iter().map(|position| items[position]).collect();
    items.copy_from_slice(&sorted);
}

/// The positions `0..len` in the order of `order`, stably: a bottom-up merge sort, compiled
/// once for every caller (std's sort weighs some 7 KB of WebAssembly).
fn merge_sort(len: usize, order: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut to = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut to[start..end] {
                // The left one first unless the right one comes strictly before it.
                if left == middle || (right < end && order(from[right], from[left]) == Ordering::Less) {
                    *slot = from[right];
                    right += 1;
                } else {
                    *slot = from[left];
                    left += 1;
                }
            }
            start = end;
        }
        core::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// The distinct `names`, sorted.
pub(crate) fn distinct_sorted<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<&str> = names.collect();
    sort_by(&mut names, |a, b| a.cmp(b));
    names.dedup();
    names.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut items, |&(n, _)| n);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        assert_eq!(distinct_sorted(["t-2", "t-1", "t-2"].into_iter()), ["t-1", "t-2"]);
    }

    proptest::proptest! {
        #[test]
        fn sorts_as_std_does(items in proptest::collection::vec((0u8..8, 0u16..1000), 0..300)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(key, _)| key);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|&(key, _)| key);
            proptest::prop_assert_eq!(ours, std_sorted);
        }
    }
}
