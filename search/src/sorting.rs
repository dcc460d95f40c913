//! Sorting the engine's lists through one sort: each sort of another type or order compiles
//! to its own copy of std's sort, some 4 KB of the page's WebAssembly apiece.

use std::cmp::Ordering;

/// Sorts `items` by `key`, stably.
pub(crate) fn sort_by_key<T: Copy, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by `order`, stably: sorts their positions, with a comparison of one type
/// for every caller.
pub(crate) fn sort_by<T: Copy>(items: &mut [T], order: impl Fn(&T, &T) -> Ordering) {
    let mut positions: Vec<usize> = (0..items.len()).collect();
    let compare: &dyn Fn(&usize, &usize) -> Ordering = &|&a, &b| order(&items[a], &items[b]);
    positions.sort_by(compare);
    let sorted: Vec<T> = positions.into_iter().map(|position| items[position]).collect();
    items.copy_from_slice(&sorted);
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
}
