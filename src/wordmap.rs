//! A map from words to values, made for the short words most look-ups are about.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rustc_hash::FxHashMap;

use crate::text::load_u64;

/// Longest word kept in the packed map: one byte of the key is left for the length, so that
/// no two words share a key.
const PACKED: usize = 15;

/// Words (byte strings, compared exactly) to values. A word of up to 15 bytes is packed with
/// its length into a `u128`, so a look-up hashes two machine words and compares one key,
/// with no string hashing, pointer chasing or `memcmp`; longer words go to a plain map.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    packed: HashMap<u128, V, BuildHasherDefault<PackedHasher>>,
    long: FxHashMap<Box<[u8]>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            packed: HashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

/// Hashes a packed key in one step: its two halves folded together, then a full multiplication
/// whose halves are folded again, so that every bit of the hash depends on every bit of the
/// key (the map takes its bucket from the low bits and its tag from the high ones). The keys
/// are the program's own word lists, so no protection against crafted collisions is needed.
#[derive(Clone, Copy, Debug, Default)]
struct PackedHasher(u64);

impl Hasher for PackedHasher {
    fn write_u128(&mut self, key: u128) {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29) ^ self.0;
        let product = u128::from(folded) * 0x9e37_79b9_7f4a_7c15;
        self.0 = (product as u64) ^ ((product >> 64) as u64);
    }

    // Only `u128` keys are hashed; this general path keeps the trait whole.
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(16) {
            let mut sixteen = [0u8; 16];
            sixteen[..chunk.len()].copy_from_slice(chunk);
            self.write_u128(u128::from_le_bytes(sixteen));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The key of a short word: its bytes, then its length in the last byte.
fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > PACKED {
        return None;
    }
    let (low, high) = word.split_at(word.len().min(8));
    // The high half holds at most seven bytes, so its top byte is free for the length.
    let high = load_u64(high) | (word.len() as u64) << 56;
    Some(u128::from(load_u64(low)) | u128::from(high) << 64)
}

impl<V> WordMap<V> {
    /// The value of a word.
    pub fn get(&self, word: &[u8]) -> Option<&V> {
        match pack(word) {
            Some(key) => self.packed.get(&key),
            None => self.long.get(word),
        }
    }

    /// The value of a word of ASCII letters, looked up in lower case; the map's words must be
    /// lower case. Setting the case bit of every byte lower-cases letters without a branch.
    pub fn get_letters_lowered(&self, letters: &[u8]) -> Option<&V> {
        debug_assert!(letters.iter().all(u8::is_ascii_alphabetic));
        match pack(letters) {
            Some(key) => {
                let case = u128::from_le_bytes([0x20; 16]) & (!0u128 >> (8 * (16 - letters.len())));
                self.packed.get(&(key | case))
            }
            None => self.long.get(&*letters.to_ascii_lowercase()),
        }
    }

    /// The value of a word, inserted with `V::default()` if it has none.
    pub fn entry_or_default(&mut self, word: &[u8]) -> &mut V
    where
        V: Default,
    {
        match pack(word) {
            Some(key) => self.packed.entry(key).or_default(),
            None => self.long.entry(word.into()).or_default(),
        }
    }

    /// Sets the value of a word, returning the one it had.
    pub fn insert(&mut self, word: &[u8], value: V) -> Option<V> {
        match pack(word) {
            Some(key) => self.packed.insert(key, value),
            None => self.long.insert(word.into(), value),
        }
    }

    /// Every word and its value, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (Vec<u8>, &V)> {
        let packed = self.packed.iter().map(|(key, value)| {
            let bytes = key.to_le_bytes();
            (bytes[..usize::from(bytes[15])].to_vec(), value)
        });
        packed.chain(self.long.iter().map(|(word, value)| (word.to_vec(), value)))
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.packed.len() + self.long.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_words_are_kept_apart_and_never_confused() {
        let mut map = WordMap::default();
        let words: [&[u8]; 6] = [
            b"",
            b"a",
            b"a\0",
            b"fifteen-letters",
            b"sixteen-letters!",
            b"a much longer word than that",
        ];
        for (i, word) in words.iter().enumerate() {
            assert_eq!(map.insert(word, i), None);
        }
        assert_eq!(map.len(), words.len());
        for (i, word) in words.iter().enumerate() {
            assert_eq!(map.get(word), Some(&i), "{word:?}");
        }
        assert_eq!(map.get(b"b"), None);
        assert_eq!(map.get(b"a\0\0"), None);
        *map.entry_or_default(b"a") += 10;
        assert_eq!(map.get(b"a"), Some(&11));
        let mut all: Vec<(Vec<u8>, usize)> = map.iter().map(|(w, &v)| (w, v)).collect();
        all.sort();
        assert_eq!(all.len(), words.len());
        assert_eq!(all[0], (Vec::new(), 0));
    }
}
