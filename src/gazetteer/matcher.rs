//! The alias matcher: a trie of folded alias keys, walked from each word start of the text.
//! The trie is an Aho-Corasick automaton of the keys, of which only the anchored transitions
//! are used: a key is looked for where a word starts, never in the middle of one. It is
//! compiled in a few parts, by the keys' first byte, on all cores at once; a walk's first
//! byte chooses its part.
//!
//! Folding removes accents ("ğ" → "g"), lower-cases every letter but the first of each word
//! ("KERRY" and "Kerry" both become "Kerry"), and turns every run of characters that are not
//! letters or digits into one space. Alias keys are folded the same way and carry a space at each
//! end, so a key matches whole words only. The text is folded on the fly while the trie is
//! walked, so no folded copy of it is made. A key can only start at a word, and the walk from a
//! word stops as soon as no key goes on: keeping the first letter's case is what keeps walks
//! short, since most words are lower case and few keys begin with a lower-case letter. Before a
//! walk, small tables rule out most words: one of the keys' first two letters, and Bloom
//! filters of their first word and of their first two words. Every key starting at every word
//! is found, so an alias rejected for its casing cannot hide a shorter one that fits. The exact
//! casing rule of each alias is then checked against the original words.

use std::cmp::Reverse;

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use rayon::prelude::*;

use super::{Gazetteer, GazetteerError};
use crate::analysis::Form;
use crate::document::Span;
use crate::text::{self, Word};

/// How one word of an alias must be cased in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordCase {
    /// Any casing ("department").
    Any,
    /// Starts with a capital ("Kerry" also matches "KERRY").
    Capital,
    /// All capitals ("NATO", "US").
    Upper,
}

/// One way a key can match: an alias's entity and form, and its casing rule.
#[derive(Clone, Debug)]
struct Candidate {
    entity: u32,
    form: Form,
    /// The alias ends in a full stop ("U.S."), which the match then keeps.
    keeps_stop: bool,
    case: Box<[WordCase]>,
}

/// A match of an alias in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Where, in bytes of the original text.
    pub span: Span,
    /// Index of the entity in the gazetteer.
    pub entity: u32,
    /// How the alias names it.
    pub form: Form,
}

/// Finds every alias of a [`Gazetteer`] in a text.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// The trie of keys, in parts by their first folded byte. Only anchored walks are run on
    /// them.
    parts: Vec<Part>,
    /// For each first folded byte of a key, the index of its part.
    part_of: Box<[u8; 256]>,
    /// For each pair of folded bytes (a word's first two, the second being a space for a word of
    /// one letter), one bit: can a key start with them? Other words are skipped without a walk.
    /// A pair with a byte that is not ASCII is never ruled out: its bits are all set, for a
    /// second byte in the column of [`NOT_ASCII`].
    opens_key: Box<[u64]>,
    /// A Bloom filter of the keys' first words. Half the words that pass `opens_key` start no
    /// key, and this rules them out without a walk: the trie is large, so each step of a walk
    /// is likely a cache miss, while the filter is small enough to stay in cache.
    first_words: Bloom,
    /// A Bloom filter of the keys' first two words (see [`pair_hash`]); a key of one word is
    /// its word and the empty word. Most walks that find nothing start at a word that begins
    /// keys ("New", "The") but end in the next one; this rules them out too.
    first_pairs: Bloom,
    /// For each key, in sorted order, the aliases folding to it, most specific casing first.
    candidates: Vec<Box<[Candidate]>>,
}

/// Where [`SECOND_FOLDED`] puts every byte that is not ASCII.
const NOT_ASCII: u8 = 0x80;

/// A word's second byte as the first-pair test reads it: a letter or digit folded to lower
/// case, [`NOT_ASCII`] for a byte that is not ASCII, and a space for anything else (the word
/// has one character).
static SECOND_FOLDED: [u8; 256] = {
    let mut table = [b' '; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        if b.is_ascii_alphanumeric() {
            table[byte] = b.to_ascii_lowercase();
        } else if !b.is_ascii() {
            table[byte] = NOT_ASCII;
        }
        byte += 1;
    }
    table
};

/// How many parts the trie is compiled in. The parts are compiled in parallel, and the fewer
/// keys each has, the less memory its compilation takes at its peak.
const PARTS: usize = 4;

/// One part of the trie: the keys whose first folded byte falls in one range.
#[derive(Clone, Debug)]
struct Part {
    trie: NFA,
    /// The state after a key's leading space: where every walk from a word starts.
    word_start: StateID,
    /// The index of its first key among all keys: its pattern `p` is key `first_key + p`.
    first_key: usize,
}

impl Part {
    /// Compiles the keys `keys`, which start at index `first_key` of all keys.
    fn new(keys: &[String], first_key: usize) -> Result<Part, GazetteerError> {
        // Walks are short and start at the root: states near it are kept dense (one look-up
        // per step, not a scan of their transitions) down to the fourth letter of a key.
        let trie = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .dense_depth(5)
            .build(keys)
            .map_err(|e| GazetteerError::Build(e.to_string()))?;
        let word_start = trie
            .start_state(Anchored::Yes)
            .map(|start| trie.next_state(Anchored::Yes, start, b' '))
            .map_err(|e| GazetteerError::Build(e.to_string()))?;
        Ok(Part {
            trie,
            word_start,
            first_key,
        })
    }
}

/// The part holding the keys whose first folded byte is `byte`.
fn part_for<'p>(parts: &'p [Part], part_of: &[u8; 256], byte: u8) -> Option<&'p Part> {
    parts.get(usize::from(part_of[usize::from(byte)]))
}

/// The first folded byte of a key (the one after its leading space).
fn first_byte(key: &str) -> u8 {
    key.as_bytes().get(1).copied().unwrap_or(0)
}

/// Where to cut the sorted `keys` into [`PARTS`] parts of about equal size, never between two
/// keys of the same first byte: the index of each part's first key.
fn part_starts(keys: &[String]) -> Vec<usize> {
    let total: usize = keys.iter().map(String::len).sum();
    let mut starts = vec![0];
    let mut seen = 0;
    for (index, pair) in keys.windows(2).enumerate() {
        seen += pair[0].len();
        if starts.len() < PARTS
            && first_byte(&pair[0]) != first_byte(&pair[1])
            && seen * PARTS >= total * starts.len()
        {
            starts.push(index + 1);
        }
    }
    starts
}

impl Matcher {
    /// Compiles the aliases of a gazetteer.
    pub fn new(gazetteer: &Gazetteer) -> Result<Matcher, GazetteerError> {
        // Every (key, candidate) pair, sorted by key: equal keys become one pattern, and a
        // trie is built much faster from sorted keys. Within a key, stricter casing comes
        // first, so "NATO" in capitals is checked before "Nato"; otherwise the order of the
        // files decides: each pair carries its place in them.
        let mut pairs: Vec<(String, Reverse<usize>, usize, Candidate)> =
            Vec::with_capacity(gazetteer.aliases().len());
        for alias in gazetteer.aliases() {
            let candidate = Candidate {
                entity: alias.entity,
                form: alias.form,
                keeps_stop: alias.text.ends_with('.'),
                case: word_cases(&alias.text),
            };
            let strict = Reverse(strictness(&candidate.case));
            for key in shaped_keys(&alias.text) {
                pairs.push((key, strict, pairs.len(), candidate.clone()));
            }
        }
        pairs.sort_unstable_by(|(a, a_strict, a_at, _), (b, b_strict, b_at, _)| {
            (a, a_strict, a_at).cmp(&(b, b_strict, b_at))
        });
        let mut keys: Vec<String> = Vec::new();
        let mut candidates: Vec<Box<[Candidate]>> = Vec::new();
        let mut group: Vec<Candidate> = Vec::new();
        let mut pairs = pairs.into_iter().peekable();
        while let Some((key, _, _, candidate)) = pairs.next() {
            group.push(candidate);
            if pairs.peek().is_none_or(|(next, ..)| *next != key) {
                keys.push(key);
                candidates.push(std::mem::take(&mut group).into_boxed_slice());
            }
        }
        let starts = part_starts(&keys);
        let mut part_of = Box::new([0u8; 256]);
        for (index, &start) in starts.iter().enumerate().skip(1) {
            if let Some(key) = keys.get(start) {
                part_of[usize::from(first_byte(key))..].fill(index as u8);
            }
        }
        let ends = starts.iter().skip(1).copied().chain([keys.len()]);
        let parts = starts
            .iter()
            .zip(ends)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(&start, end)| Part::new(&keys[start..end], start))
            .collect::<Result<Vec<Part>, GazetteerError>>()?;
        let mut opens_key = vec![0u64; 256 * 256 / 64].into_boxed_slice();
        for first in 0..=255u8 {
            let Some(part) = part_for(&parts, &part_of, first) else {
                continue;
            };
            let trie = &part.trie;
            let after_first = trie.next_state(Anchored::Yes, part.word_start, first);
            if trie.is_dead(after_first) {
                continue;
            }
            for second in 0..=255u8 {
                if !trie.is_dead(trie.next_state(Anchored::Yes, after_first, second)) {
                    let pair = usize::from(first) << 8 | usize::from(second);
                    opens_key[pair / 64] |= 1 << (pair % 64);
                }
            }
        }
        for first in 0..=255u8 {
            let seconds = if first.is_ascii() {
                NOT_ASCII..=NOT_ASCII
            } else {
                0..=255
            };
            for second in seconds {
                let pair = usize::from(first) << 8 | usize::from(second);
                opens_key[pair / 64] |= 1 << (pair % 64);
            }
        }
        let mut first_words = Bloom::new(20);
        let mut first_pairs = Bloom::new(21);
        for key in &keys {
            let mut words = key.split(' ').filter(|w| !w.is_empty());
            if let Some(first) = words.next() {
                let first = word_hash(first.as_bytes(), false);
                let second = word_hash(words.next().unwrap_or("").as_bytes(), false);
                first_words.insert(first);
                first_pairs.insert(pair_hash(first, second));
            }
        }
        Ok(Matcher {
            parts,
            part_of,
            opens_key,
            first_words,
            first_pairs,
            candidates,
        })
    }

    /// Number of distinct alias keys.
    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    /// True when there are no aliases.
    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// Bytes of heap the automaton uses, all its parts together.
    pub fn memory_usage(&self) -> usize {
        self.parts.iter().map(|part| part.trie.memory_usage()).sum()
    }

    /// Every alias occurrence whose words and casing fit, possibly overlapping, sorted by
    /// start then longest first.
    pub fn find_all(&self, text: &str) -> Vec<Hit> {
        self.find_in(text, &text::words(text))
    }

    /// [`Matcher::find_all`] for a text already split into `words` (by [`text::words`]).
    pub fn find_in(&self, text: &str, words: &[Word]) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        let mut scratch = String::new();
        // The first-pair test on every word; the other tests and the walks then for the words
        // that pass it, and for joined words, whose later runs may start keys.
        let candidates = text::select(words, |word| {
            word.joined | self.may_open_key(bytes, word.span.start)
        });
        for word in candidates.iter().map(|&i| &words[i]) {
            let start = word.span.start;
            // A plain word is its own run of letters: its end is known.
            let known_end = (word.plain && !word.joined).then(|| word.span.len());
            // A joined word is listed whatever its first pair; any other passed that test.
            if (!word.joined || self.may_open_key(bytes, start))
                && self.may_start_key(bytes, start, known_end)
            {
                self.walk(text, start, &mut scratch, &mut hits);
            }
            // A key can also start after a joiner: "Assad" in "al-Assad".
            if word.joined {
                let mut after_joiner = false;
                for (offset, c) in word.text(text).char_indices() {
                    if c.is_alphanumeric() {
                        if after_joiner
                            && self.may_open_key(bytes, start + offset)
                            && self.may_start_key(bytes, start + offset, None)
                        {
                            self.walk(text, start + offset, &mut scratch, &mut hits);
                        }
                        after_joiner = false;
                    } else {
                        after_joiner = true;
                    }
                }
            }
        }
        hits.sort_by_key(|hit| (hit.span.start, std::cmp::Reverse(hit.span.end)));
        hits
    }

    /// Can a key start at the word starting at byte `at`? Looks at the first two folded bytes
    /// only, when both are ASCII; a word with a non-ASCII letter there is always walked.
    fn may_open_key(&self, bytes: &[u8], at: usize) -> bool {
        let first = bytes[at];
        let second = bytes
            .get(at + 1)
            .map_or(b' ', |&b| SECOND_FOLDED[usize::from(b)]);
        let pair = usize::from(first) << 8 | usize::from(second);
        self.opens_key[pair / 64] >> (pair % 64) & 1 == 1
    }

    /// Can a key start with the run of letters and digits at byte `at`, as a whole word? Asks
    /// the first-word filter when the run is ASCII, folding it as a walk would: the first
    /// letter as written, the others in lower case; then the first-pair filter with the next
    /// run, or with none when the text ends. Runs that are not ASCII, or that touch a
    /// non-ASCII character, are always walked. `known_end` is the run's length when the caller
    /// knows it; otherwise the run is measured.
    fn may_start_key(&self, bytes: &[u8], at: usize, known_end: Option<usize>) -> bool {
        let rest = &bytes[at..];
        let end = match known_end {
            Some(end) => end,
            None => match ascii_word_len(rest) {
                Some(end) => end,
                None => return true,
            },
        };
        let first = word_hash(&rest[..end], true);
        if !self.first_words.may_contain(first) {
            return false;
        }
        // A key of one word ends here; a longer one goes on with the next word, which a walk
        // reaches over any run of separators.
        if self
            .first_pairs
            .may_contain(pair_hash(first, word_hash(b"", true)))
        {
            return true;
        }
        let Some(gap) = rest[end..]
            .iter()
            .position(|b| b.is_ascii_alphanumeric() || !b.is_ascii())
        else {
            return false;
        };
        let next = &rest[end + gap..];
        match ascii_word_len(next) {
            Some(len) => self
                .first_pairs
                .may_contain(pair_hash(first, word_hash(&next[..len], true))),
            None => true,
        }
    }

    /// Walks the trie from the word starting at byte `start`, folding the text on the way, and
    /// adds a hit for every key that ends at a word end.
    fn walk(&self, text: &str, start: usize, scratch: &mut String, hits: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        // The part and state reached; the part is chosen by the first folded byte.
        let mut cursor = None;
        // Bytes of the key walked so far, its leading space included.
        let mut depth = 1;
        let mut in_word = false;
        let mut at = start;
        loop {
            let (c, width) = match bytes.get(at) {
                Some(&byte) if byte.is_ascii() => (char::from(byte), 1),
                Some(_) => {
                    let c = text[at..].chars().next().unwrap_or(' ');
                    (c, c.len_utf8())
                }
                // The end of the text ends the last word.
                None => (' ', 0),
            };
            if c.is_alphanumeric() {
                if c.is_ascii() {
                    let byte = c as u8;
                    let folded = if in_word {
                        byte.to_ascii_lowercase()
                    } else {
                        byte
                    };
                    if !self.step(&mut cursor, folded) {
                        return;
                    }
                    depth += 1;
                } else {
                    scratch.clear();
                    fold_char(c, in_word, scratch);
                    for &folded in scratch.as_bytes() {
                        if !self.step(&mut cursor, folded) {
                            return;
                        }
                    }
                    depth += scratch.len();
                }
                in_word = true;
            } else if in_word {
                // A run of separators is one space, and a key can only end there.
                if !self.step(&mut cursor, b' ') {
                    return;
                }
                depth += 1;
                if let Some((part, state)) = cursor {
                    self.report(text, part, state, depth, Span::new(start, at), hits);
                }
                in_word = false;
            }
            if width == 0 {
                return;
            }
            at += width;
        }
    }

    /// Takes one step along the trie with a folded byte; false when no key goes on. The
    /// first step chooses the part.
    fn step<'m>(&'m self, cursor: &mut Option<(&'m Part, StateID)>, byte: u8) -> bool {
        let (part, state) = match *cursor {
            Some(at) => at,
            None => match part_for(&self.parts, &self.part_of, byte) {
                Some(part) => (part, part.word_start),
                None => return false,
            },
        };
        let next = part.trie.next_state(Anchored::Yes, state, byte);
        *cursor = Some((part, next));
        !part.trie.is_dead(next)
    }

    /// Adds a hit for each key that ends in `state` of `part` and is `depth` bytes long: the
    /// trie also lists, at a state, the keys that are proper suffixes of the path to it, and
    /// those start at a later word.
    fn report(
        &self,
        text: &str,
        part: &Part,
        state: StateID,
        depth: usize,
        mut span: Span,
        hits: &mut Vec<Hit>,
    ) {
        let trie = &part.trie;
        // Only a match state may be asked for its patterns.
        if !trie.is_match(state) {
            return;
        }
        let Some(pattern) = (0..trie.match_len(state))
            .map(|index| trie.match_pattern(state, index))
            .find(|&pattern| trie.pattern_len(pattern) == depth)
        else {
            return;
        };
        let after = &text[span.end..];
        // "US$ 4 billion" is money, not the country.
        if after.starts_with('$') {
            return;
        }
        let original = span.slice(text);
        let Some(candidates) = self.candidates.get(part.first_key + pattern.as_usize()) else {
            return;
        };
        let fits = candidates.iter().find(|c| casing_fits(&c.case, original));
        if let Some(candidate) = fits {
            // An alias ending in a full stop ("U.S.") keeps it: folding turned it into a space.
            if candidate.keeps_stop && after.starts_with('.') {
                span.end += 1;
            }
            hits.push(Hit {
                span,
                entity: candidate.entity,
                form: candidate.form,
            });
        }
    }
}

/// The length of the run of ASCII letters and digits that `bytes` starts with, when it is a
/// whole word: `None` when it is empty or a non-ASCII character follows it (which may be a
/// letter that goes on with the word).
fn ascii_word_len(bytes: &[u8]) -> Option<usize> {
    let len = text::ascii_run_len(bytes);
    (len > 0 && bytes.get(len).is_none_or(u8::is_ascii)).then_some(len)
}

/// The hash of a word of ASCII letters and digits, eight bytes at a time. With `fold`, as the
/// trie's keys are folded: the first letter as written, the others in lower case (setting
/// bit 5 lower-cases a letter and leaves a digit alone). The empty word hashes to 0.
fn word_hash(word: &[u8], fold: bool) -> u64 {
    let mut hash = word.len() as u64;
    for (i, chunk) in word.chunks(8).enumerate() {
        let mut value = crate::text::load_u64(chunk);
        if fold {
            let lower = 0x2020_2020_2020_2020u64 >> (8 * (8 - chunk.len()));
            value |= if i == 0 { lower & !0xff } else { lower };
        }
        hash = (hash.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    hash
}

/// The hash of two words in a row, from their [`word_hash`]es.
fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(29) ^ second).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A Bloom filter of hashes (two bits each): no false negatives, a few per cent of false
/// positives for the shipped gazetteers. Both bits of a hash lie in one 64-bit word, so that a
/// test reads memory once.
#[derive(Clone, Debug)]
struct Bloom {
    words: Box<[u64]>,
    mask: usize,
}

impl Bloom {
    /// A filter of 2^`log2` bits.
    fn new(log2: u32) -> Bloom {
        let words = (1 << log2) / 64;
        Bloom {
            words: vec![0; words].into_boxed_slice(),
            mask: words - 1,
        }
    }

    /// The word of a hash and its two bits there.
    fn position(&self, hash: u64) -> (usize, u64) {
        let bits = 1 << ((hash >> 12) & 63) | 1 << ((hash >> 18) & 63);
        ((hash >> 40) as usize & self.mask, bits)
    }

    fn insert(&mut self, hash: u64) {
        let (word, bits) = self.position(hash);
        self.words[word] |= bits;
    }

    fn may_contain(&self, hash: u64) -> bool {
        let (word, bits) = self.position(hash);
        self.words[word] & bits == bits
    }
}

/// One space between words, however many the text has: "John  Kerry" is "John Kerry".
fn push_space(folded: &mut String) {
    if !folded.ends_with(' ') {
        folded.push(' ');
    }
}

/// Appends the folded form of one character (nothing for a second space in a row) and says
/// whether a word goes on after it.
fn fold_char(c: char, in_word: bool, out: &mut String) -> bool {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(if in_word { c.to_ascii_lowercase() } else { c });
            return true;
        }
        push_space(out);
        return false;
    }
    if !c.is_alphanumeric() {
        push_space(out);
        return false;
    }
    let start = out.len();
    if let Some(ascii) = deunicode::deunicode_char(c) {
        for (i, a) in ascii
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .enumerate()
        {
            out.push(if in_word || i > 0 {
                a.to_ascii_lowercase()
            } else {
                a
            });
        }
    }
    if out.len() == start {
        // A letter with no ASCII form (CJK, Arabic…): kept as itself, so that aliases in that
        // script still match.
        if in_word {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    true
}

/// The keys an alias is searched under: its folded form between spaces, and for each word
/// written in lower case (which matches any casing) the variant with that word capitalised.
fn shaped_keys(alias: &str) -> Vec<String> {
    let mut folded = String::with_capacity(alias.len() + 2);
    let mut in_word = false;
    for c in alias.chars() {
        in_word = fold_char(c, in_word, &mut folded);
    }
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut keys = vec![String::from(" ")];
    for word in words {
        let capitalised = word
            .chars()
            .next()
            .filter(|c| c.is_lowercase())
            .map(|first| {
                let mut w: String = first.to_uppercase().collect();
                w.push_str(&word[first.len_utf8()..]);
                w
            });
        let mut next = Vec::with_capacity(keys.len() * 2);
        let extend = |key: &str, word: &str| {
            let mut longer = String::with_capacity(key.len() + word.len() + 1);
            longer.push_str(key);
            longer.push_str(word);
            longer.push(' ');
            longer
        };
        for key in &keys {
            next.push(extend(key, word));
            // Bounded: an alias of many lower-case words is searched in a few casings only.
            if let (Some(cap), true) = (&capitalised, keys.len() < 8) {
                next.push(extend(key, cap));
            }
        }
        keys = next;
    }
    keys
}

/// A name folded for comparison: lower case, accents folded, single spaces between words.
pub fn fold_key(alias: &str) -> String {
    let mut folded = String::with_capacity(alias.len());
    if alias.is_ascii() {
        // The common case, byte by byte: what `fold_char` does for ASCII.
        for byte in alias.bytes() {
            if byte.is_ascii_alphanumeric() {
                folded.push(char::from(byte.to_ascii_lowercase()));
            } else {
                push_space(&mut folded);
            }
        }
    } else {
        for c in alias.chars() {
            fold_char(c, true, &mut folded);
        }
    }
    // Folding never writes two spaces in a row: only the ends may need trimming.
    let trimmed = folded.trim_matches(' ');
    if trimmed.len() == folded.len() {
        folded
    } else {
        trimmed.to_string()
    }
}

/// The words of a text as the matcher sees them: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn word_cases(alias: &str) -> Box<[WordCase]> {
    words(alias)
        .map(|word| {
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            match letters.next() {
                Some(first) if first.is_uppercase() => {
                    let rest: Vec<char> = letters.collect();
                    if !rest.is_empty() && rest.iter().all(|c| c.is_uppercase()) {
                        WordCase::Upper
                    } else {
                        WordCase::Capital
                    }
                }
                _ => WordCase::Any,
            }
        })
        .collect()
}

fn strictness(case: &[WordCase]) -> usize {
    case.iter()
        .map(|c| match c {
            WordCase::Upper => 2,
            WordCase::Capital => 1,
            WordCase::Any => 0,
        })
        .sum()
}

/// Does the original text's casing satisfy the alias's word by word?
fn casing_fits(case: &[WordCase], original: &str) -> bool {
    let mut text_words = words(original);
    for rule in case {
        let Some(word) = text_words.next() else {
            // Folding changed the number of words (rare letters): accept.
            return true;
        };
        let ok = match rule {
            WordCase::Any => true,
            WordCase::Capital => word
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()),
            WordCase::Upper => word.chars().all(|c| !c.is_lowercase()),
        };
        if !ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_word_filter_folds_text_as_the_keys_are_folded() {
        let mut filter = Bloom::new(20);
        for key in ["Kerry", "Mccain", "Schwarzenegger", "G20"] {
            filter.insert(word_hash(key.as_bytes(), false));
        }
        for text in [
            "Kerry",
            "KERRY",
            "McCain",
            "SCHWARZENEGGER",
            "Schwarzenegger",
            "G20",
        ] {
            assert!(
                filter.may_contain(word_hash(text.as_bytes(), true)),
                "{text}"
            );
        }
        // Eight bits of 2^20 are set: a false positive here is all but impossible.
        for text in ["kerry", "Kerr", "Kerryx", "Schwarzenegge", "G2"] {
            assert!(
                !filter.may_contain(word_hash(text.as_bytes(), true)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_first_word_is_walked_only_before_a_word_that_can_follow_it() {
        let g = gazetteer(&[
            ("q1", "PERSON", "John Kerry", "John Kerry", "name"),
            ("iso:USA", "COUNTRY", "United States", "US", "acronym"),
        ]);
        let m = Matcher::new(&g).unwrap();
        let may_start = |text: &str| m.may_start_key(text.as_bytes(), 0, None);
        // "John" starts a key only before "Kerry", over any separators; "US" is a key alone.
        for text in [
            "John Kerry",
            "JOHN, KERRY",
            "John-Kerry said",
            "US",
            "US forces",
        ] {
            assert!(may_start(text), "{text}");
        }
        for text in ["John Smith", "John", "John ", "Jo Kerry", "Kerry"] {
            assert!(!may_start(text), "{text}");
        }
        // A non-ASCII character next to a word may be a letter of it: such words are walked.
        for text in ["John Kérry", "Johné Kerry", "John “Kerry”"] {
            assert!(may_start(text), "{text}");
        }
    }

    fn gazetteer(rows: &[(&str, &str, &str, &str, &str)]) -> Gazetteer {
        let mut tsv = String::from("id\ttype\tcanonical\talias\tform\n");
        for (id, kind, canonical, alias, form) in rows {
            tsv.push_str(&format!("{id}\t{kind}\t{canonical}\t{alias}\t{form}\n"));
        }
        let mut g = Gazetteer::new();
        g.add_tsv("test", &tsv).unwrap();
        g
    }

    fn found(matcher: &Matcher, text: &str) -> Vec<String> {
        matcher
            .find_all(text)
            .iter()
            .map(|h| h.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn matches_whole_words_only() {
        let g = gazetteer(&[("iso:IRN", "COUNTRY", "Iran", "Iran", "name")]);
        let m = Matcher::new(&g).unwrap();
        assert_eq!(
            found(&m, "Iran, Iranian, Irani and Iran's"),
            ["Iran", "Iran"]
        );
    }

    #[test]
    fn folds_accents_and_punctuation() {
        let g = gazetteer(&[
            (
                "q1",
                "PERSON",
                "François Hollande",
                "François Hollande",
                "name",
            ),
            ("iso:USA", "COUNTRY", "United States", "U.S.", "acronym"),
        ]);
        let m = Matcher::new(&g).unwrap();
        assert_eq!(
            found(&m, "President Francois Hollande"),
            ["Francois Hollande"]
        );
        assert_eq!(found(&m, "the U.S.-led coalition"), ["U.S."]);
        assert_eq!(found(&m, "in the U.S. Then"), ["U.S."]);
        assert_eq!(found(&m, "FRANÇOIS HOLLANDE SAYS"), ["FRANÇOIS HOLLANDE"]);
        assert_eq!(
            found(&m, "Francois \n  Hollande"),
            ["Francois \n  Hollande"]
        );
    }

    #[test]
    fn casing_follows_the_alias() {
        let g = gazetteer(&[
            ("org:is", "ORG", "Islamic State", "IS", "acronym"),
            ("org:nato", "ORG", "NATO", "NATO", "acronym"),
            ("org:nato", "ORG", "NATO", "Nato", "alias"),
            (
                "org:sd",
                "ORG",
                "State Department",
                "state department",
                "alias",
            ),
            ("iso:TUR", "COUNTRY", "Turkey", "Turkey", "name"),
        ]);
        let m = Matcher::new(&g).unwrap();
        assert_eq!(found(&m, "it is IS, not is"), ["IS"]);
        assert_eq!(found(&m, "Nato and NATO but not nato"), ["Nato", "NATO"]);
        assert_eq!(
            found(&m, "the State Department and the state department"),
            ["State Department", "state department"]
        );
        assert_eq!(found(&m, "roast turkey in Turkey"), ["Turkey"]);
    }

    #[test]
    fn overlapping_hits_are_all_reported_longest_first() {
        let g = gazetteer(&[
            ("a", "ORG", "United Nations", "United Nations", "name"),
            (
                "b",
                "ORG",
                "United Nations Security Council",
                "United Nations Security Council",
                "name",
            ),
        ]);
        let m = Matcher::new(&g).unwrap();
        assert_eq!(
            found(&m, "the United Nations Security Council met"),
            ["United Nations Security Council", "United Nations"]
        );
    }

    #[test]
    fn keys_start_at_any_word_whatever_its_first_letter() {
        let g = gazetteer(&[
            ("org:aq", "ORG", "al-Qaeda", "al-Qaeda", "name"),
            ("q", "PERSON", "Émile Zola", "Émile Zola", "name"),
            (
                "q2",
                "ORG",
                "Süddeutsche Zeitung",
                "Süddeutsche Zeitung",
                "name",
            ),
        ]);
        let m = Matcher::new(&g).unwrap();
        // A letter that is not ASCII, second in the word, is never ruled out.
        assert_eq!(
            found(&m, "in the Süddeutsche Zeitung"),
            ["Süddeutsche Zeitung"]
        );
        assert_eq!(
            found(
                &m,
                "the al-Qaeda, Al Qaeda. Emile Zola, ÉMILE ZOLA and Émile Zola"
            ),
            [
                "al-Qaeda",
                "Al Qaeda",
                "Emile Zola",
                "ÉMILE ZOLA",
                "Émile Zola"
            ]
        );
        assert_eq!(found(&m, "realQaeda alQaeda Zola"), Vec::<String>::new());
    }

    /// The matcher's contract the slow way: at every run of letters and digits, every alias
    /// compared word by word in folded form, the strictest casing that fits chosen.
    fn hits_the_slow_way(g: &Gazetteer, text: &str) -> Vec<(usize, usize, u32)> {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                runs.push((s, i));
            }
        }
        runs.extend(start.map(|s| (s, text.len())));
        let mut aliases: Vec<_> = g.aliases().iter().collect();
        aliases.sort_by_key(|a| std::cmp::Reverse(strictness(&word_cases(&a.text))));
        let mut hits = Vec::new();
        for first in 0..runs.len() {
            let mut seen = Vec::new();
            for alias in &aliases {
                let key = fold_key(&alias.text);
                let words: Vec<&str> = key.split(' ').collect();
                let Some(last) = (first + words.len()).checked_sub(1) else {
                    continue;
                };
                if seen.contains(&key)
                    || last >= runs.len()
                    || (0..words.len())
                        .any(|k| fold_key(&text[runs[first + k].0..runs[first + k].1]) != words[k])
                {
                    continue;
                }
                let (start, mut end) = (runs[first].0, runs[last].1);
                if text[end..].starts_with('$') {
                    continue;
                }
                if !casing_fits(&word_cases(&alias.text), &text[start..end]) {
                    continue;
                }
                seen.push(key);
                if alias.text.ends_with('.') && text[end..].starts_with('.') {
                    end += 1;
                }
                hits.push((start, end, alias.entity));
            }
        }
        hits.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        hits
    }

    proptest::proptest! {
        #[test]
        fn walks_find_what_a_word_by_word_comparison_finds(
            pieces in proptest::collection::vec((0..WORDS.len(), 0..SEPARATORS.len()), 0..24)
        ) {
            let text: String = pieces
                .iter()
                .map(|&(w, s)| format!("{}{}", WORDS[w], SEPARATORS[s]))
                .collect();
            let g = gazetteer(&ALIASES);
            let found: Vec<(usize, usize, u32)> = Matcher::new(&g)
                .unwrap()
                .find_all(&text)
                .iter()
                .map(|h| (h.span.start, h.span.end, h.entity))
                .collect();
            proptest::prop_assert_eq!(found, hits_the_slow_way(&g, &text));
        }
    }

    const ALIASES: [(&str, &str, &str, &str, &str); 10] = [
        ("q1", "PERSON", "John Kerry", "John Kerry", "name"),
        ("q1", "PERSON", "John Kerry", "Kerry", "alias"),
        ("iso:USA", "COUNTRY", "United States", "U.S.", "acronym"),
        ("iso:USA", "COUNTRY", "United States", "US", "acronym"),
        ("org:aq", "ORG", "al-Qaeda", "al-Qaeda", "name"),
        ("q2", "PERSON", "Émile Zola", "Émile Zola", "name"),
        (
            "org:sd",
            "ORG",
            "State Department",
            "state department",
            "alias",
        ),
        ("org:nato", "ORG", "NATO", "NATO", "acronym"),
        ("org:nato", "ORG", "NATO", "Nato", "alias"),
        ("org:st", "ORG", "Sainte Œuvre", "Sainte Œuvre", "name"),
    ];

    const WORDS: [&str; 24] = [
        "John",
        "JOHN",
        "john",
        "Kerry",
        "KERRY",
        "kerry",
        "U",
        "S",
        "US",
        "us",
        "al",
        "Al",
        "Qaeda",
        "qaeda",
        "Émile",
        "EMILE",
        "Zola",
        "state",
        "State",
        "Department",
        "NATO",
        "Nato",
        "ŒUVRE",
        "Sainte",
    ];

    const SEPARATORS: [&str; 11] = [" ", "  ", ", ", "-", "'", "’", ". ", ".", "\n", "$", ""];

    #[test]
    fn parts_cut_between_first_bytes_into_about_equal_sizes() {
        let mut keys: Vec<String> = (b'A'..=b'Z')
            .flat_map(|first| (0..10).map(move |n| format!(" {}{n} ", char::from(first))))
            .collect();
        keys.sort();
        let starts = part_starts(&keys);
        assert_eq!(starts.len(), PARTS);
        assert_eq!(starts[0], 0);
        for (&start, &next) in starts.iter().zip(&starts[1..]) {
            assert!(start < next);
            assert_ne!(first_byte(&keys[next - 1]), first_byte(&keys[next]));
            // Ten keys a letter: no part more than a letter away from its even share.
            assert!(
                (next - start).abs_diff(keys.len() / PARTS) <= 10,
                "{starts:?}"
            );
        }
        // One first byte cannot be cut; no keys make one empty part.
        let same: Vec<String> = (0..100).map(|n| format!(" A{n:03} ")).collect();
        assert_eq!(part_starts(&same), [0]);
        assert_eq!(part_starts(&[]), [0]);
    }

    #[test]
    fn every_part_is_walked_from_its_own_first_bytes() {
        let names: Vec<String> = (b'A'..=b'Z')
            .map(|c| format!("{}ello", char::from(c)))
            .collect();
        let rows: Vec<(&str, &str, &str, &str, &str)> = names
            .iter()
            .map(|name| {
                (
                    name.as_str(),
                    "PERSON",
                    name.as_str(),
                    name.as_str(),
                    "name",
                )
            })
            .collect();
        let m = Matcher::new(&gazetteer(&rows)).unwrap();
        assert_eq!(m.parts.len(), PARTS);
        let text = names.join(" ");
        assert_eq!(found(&m, &text), names);
    }

    #[test]
    fn non_latin_aliases_still_match() {
        let g = gazetteer(&[("q", "PERSON", "Xi Jinping", "习近平", "alias")]);
        let m = Matcher::new(&g).unwrap();
        assert_eq!(
            m.find_all("主席习近平说").len(),
            0,
            "no word boundary inside CJK runs"
        );
        assert_eq!(found(&m, "主席 习近平 说"), ["习近平"]);
    }
}
