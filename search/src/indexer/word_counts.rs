//! A record's words with their count in each part, packed into bytes. The indexer keeps them
//! for every record, to assemble postings again after an edit without reading any page again.
//! As `(u32, [u16; 4])` pairs they took 12 bytes each, 29 MB of a live preview of 10,000
//! pages; packed, a word found only in the prose takes 4 (its passage included).

use super::FIELDS;
use crate::bytes::{Reader, Writer};
use alloc::boxed::Box;

/// A word of a record: its id, its count in each part, and the passage where it is met most.
pub(super) type Counted = (u32, [u16; FIELDS], u8);

/// Word ids in ascending order, each with its count in each part and its passage.
pub(super) struct WordCounts(Box<[u8]>);

impl WordCounts {
    /// Packs `words`, which are sorted by word id. Each word is the difference from the
    /// previous id, a byte with a bit for each part that has the word, those parts' counts,
    /// then its passage byte; numbers are unsigned LEB128.
    pub(super) fn pack(words: &[Counted]) -> WordCounts {
        let mut writer = Writer::default();
        let mut previous = 0;
        for &(word, counts, passage) in words {
            debug_assert!(word >= previous, "word ids ascend");
            writer.number(u64::from(word - previous));
            previous = word;
            let parts = (0..FIELDS).filter(|&part| counts[part] > 0).fold(0u8, |bits, part| bits | 1 << part);
            writer.byte(parts);
            counts.iter().filter(|&&count| count > 0).for_each(|&count| writer.number(u64::from(count)));
            writer.byte(passage);
        }
        WordCounts(writer.bytes.into_boxed_slice())
    }

    /// The words as they were packed.
    pub(super) fn iter(&self) -> impl Iterator<Item = Counted> + '_ {
        const PACKED: &str = "packed here: the word counts read back";
        let mut reader = Reader::new("word counts", &self.0);
        let mut word = 0u32;
        std::iter::from_fn(move || {
            if reader.at_end() {
                return None;
            }
            word += reader.number().expect(PACKED) as u32;
            let parts = reader.byte().expect(PACKED);
            let counts = std::array::from_fn(|part| match parts & 1 << part {
                0 => 0,
                _ => reader.number().expect(PACKED) as u16,
            });
            let passage = reader.byte().expect(PACKED);
            Some((word, counts, passage))
        })
    }

    /// The word ids alone.
    pub(super) fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.iter().map(|(word, _, _)| word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::prelude::rust_2021::*;

    proptest! {
        #[test]
        fn words_read_back_as_packed(
            mut words in proptest::collection::btree_map(any::<u32>(), any::<([u16; FIELDS], u8)>(), 0..200)
        ) {
            let words: Vec<Counted> =
                std::mem::take(&mut words).into_iter().map(|(id, (counts, passage))| (id, counts, passage)).collect();
            let packed = WordCounts::pack(&words);
            prop_assert_eq!(packed.iter().collect::<Vec<_>>(), words.clone());
            prop_assert_eq!(packed.ids().collect::<Vec<_>>(), words.iter().map(|w| w.0).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_word_only_in_the_prose_takes_four_bytes() {
        let packed = WordCounts::pack(&[(7, [0, 0, 0, 2], 0), (300, [0, 0, 0, 1], 3)]);
        // 7, parts, 2, passage; then 293 (two bytes), parts, 1, passage.
        assert_eq!(packed.0.len(), 4 + 5);
    }
}
