//! Vectors a thread keeps from one document to the next, so that their room is used again
//! rather than allocated, grown and freed for every document.

use std::cell::Cell;
use std::thread::LocalKey;

/// The most items a kept vector may hold room for: a vector grown for a very long document is
/// given back rather than held by the thread.
const MOST_KEPT: usize = 1 << 16;

/// A thread's kept vector, declared with `thread_local!` as `Cell<Vec<T>>`.
pub(crate) type Kept<T> = LocalKey<Cell<Vec<T>>>;

/// Runs `work` with the thread's vector `kept`, emptied. A call made inside `work` with the
/// same vector gets a new one; if `work` panics, the vector is dropped and the next call starts
/// afresh.
pub(crate) fn with_kept<T, R>(kept: &'static Kept<T>, work: impl FnOnce(&mut Vec<T>) -> R) -> R {
    let mut vector = kept.take();
    vector.clear();
    let result = work(&mut vector);
    if vector.capacity() <= MOST_KEPT {
        kept.set(vector);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static NUMBERS: Cell<Vec<u32>> = const { Cell::new(Vec::new()) };
    }

    #[test]
    fn the_room_is_kept_and_the_contents_are_not() {
        with_kept(&NUMBERS, |numbers| numbers.extend(0..100));
        with_kept(&NUMBERS, |numbers| {
            assert!(numbers.is_empty());
            assert!(numbers.capacity() >= 100);
        });
    }

    #[test]
    fn a_vector_grown_too_large_is_given_back() {
        with_kept(&NUMBERS, |numbers| numbers.resize(MOST_KEPT + 1, 0));
        with_kept(&NUMBERS, |numbers| assert_eq!(numbers.capacity(), 0));
    }
}
