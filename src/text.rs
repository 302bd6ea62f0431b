//! The cheap structure of a text: words with their casing, and where sentences start.

use crate::document::Span;

/// A run of letters and digits, with hyphens and apostrophes joining inside a name
/// ("al-Assad", "O'Brien"); a possessive "'s" is left out ("Kerry's" → "Kerry").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Where, in bytes.
    pub span: Span,
    /// First character is an upper-case letter.
    pub capitalised: bool,
    /// Two or more letters, all upper case.
    pub upper: bool,
    /// Has a lower-case letter.
    pub has_lower: bool,
    /// The number of the line it stands on, from 0.
    pub line: u32,
    /// Begins a sentence, a line, or a quotation (where capitals say nothing about names).
    pub sentence_start: bool,
    /// Something other than spaces lies between this word and the previous one
    /// (punctuation such as a comma, a bracket or a quote mark, or a line break).
    pub after_punct: bool,
    /// A hyphen or an apostrophe joins two runs of letters and digits inside it ("al-Assad").
    pub joined: bool,
    /// Made of ASCII letters only ("said", not "G20", "al-Assad" or "Erdoğan").
    pub plain: bool,
}

impl Word {
    /// The word's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

/// The indices of the words that `keep` accepts, in order. Every index is written and the
/// count advances by the answer, so there is no branch on it: for a test whose answers follow
/// no pattern (is the word capitalised, can it start an alias), a branch would be mispredicted
/// often enough to cost more than the test.
pub(crate) fn select(words: &[Word], mut keep: impl FnMut(&Word) -> bool) -> Vec<usize> {
    let mut selected = vec![0; words.len()];
    let mut found = 0;
    for (i, word) in words.iter().enumerate() {
        selected[found] = i;
        found += usize::from(keep(word));
    }
    selected.truncate(found);
    selected
}

/// Splits a text into words.
pub fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    words_into(text, &mut words);
    words
}

/// [`words`] into a vector of the caller's, cleared first, so that its room is used again.
pub fn words_into(text: &str, words: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    words.clear();
    words.reserve(text.len() / 5);
    // True until the first word, and after sentence-ending punctuation or a line break.
    let mut sentence_start = true;
    let mut punct = false;
    let mut line = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let class = CLASS[usize::from(byte)];
        let start = at;
        // What the first character says: capital, letter, lower case, ASCII letter.
        let (capitalised, mut letters, mut has_lower, mut plain);
        if class & ALPHANUMERIC != 0 {
            // ASCII, most of news text, is classified without decoding.
            capitalised = class & UPPER != 0;
            plain = class & DIGIT == 0;
            letters = usize::from(plain);
            has_lower = class & LOWER != 0;
            at += 1;
        } else if byte == b' ' {
            // The most common gap between words changes nothing.
            at += 1;
            continue;
        } else if byte.is_ascii() {
            match byte {
                b'.' => {
                    sentence_start |= !words
                        .last()
                        .is_some_and(|w: &Word| is_abbreviation(w.text(text)))
                }
                b'!' | b'?' | b'"' => sentence_start = true,
                b'\n' => {
                    sentence_start = true;
                    punct = true;
                    line += 1;
                }
                _ => {}
            }
            punct |= class & SPACE == 0;
            at += 1;
            continue;
        } else {
            let c = char_at(text, at);
            at += c.len_utf8();
            if !c.is_alphanumeric() {
                if matches!(c, '•' | '“' | '«' | '„') {
                    sentence_start = true;
                }
                punct |= !c.is_whitespace();
                continue;
            }
            capitalised = c.is_uppercase();
            letters = usize::from(c.is_alphabetic());
            has_lower = c.is_lowercase();
            plain = false;
        }
        let mut joined = false;
        loop {
            // Plain ASCII letters and digits, the bulk of every word, are read eight at a time.
            let run = ascii_run(&bytes[at..]);
            at += run.len;
            letters += run.letters;
            has_lower |= run.lower;
            plain &= !run.digit;
            let Some(&byte) = bytes.get(at) else {
                break;
            };
            // Only a few ASCII characters can join a word; anything else ASCII ends it.
            if CLASS[usize::from(byte)] & MAY_JOIN == 0 {
                break;
            }
            let next = char_at(text, at);
            if next.is_alphanumeric() {
                letters += usize::from(next.is_alphabetic());
                has_lower |= next.is_lowercase();
                plain = false;
                at += next.len_utf8();
                continue;
            }
            // A joiner stays inside the word only when a letter follows it, and an apostrophe
            // followed by a lone "s" is a possessive, which is not part of the name.
            if matches!(next, '-' | '\'' | '’' | '‐') {
                let rest = &text[at + next.len_utf8()..];
                let joins = rest.chars().next().is_some_and(char::is_alphanumeric);
                let possessive = !matches!(next, '-' | '‐')
                    && rest.starts_with(['s', 'S'])
                    && !rest[1..].starts_with(char::is_alphanumeric);
                if joins && !possessive {
                    joined = true;
                    plain = false;
                    at += next.len_utf8();
                    continue;
                }
            }
            break;
        }
        words.push(Word {
            span: Span::new(start, at),
            capitalised,
            upper: letters >= 2 && !has_lower,
            has_lower,
            line,
            sentence_start,
            after_punct: punct,
            joined,
            plain,
        });
        sentence_start = false;
        punct = false;
    }
}

/// What a run of ASCII letters and digits holds.
#[derive(Debug, Default, PartialEq, Eq)]
struct Run {
    /// Its length in bytes.
    len: usize,
    /// How many letters it has, or 2 when it has more: all a word's casing needs to know.
    letters: usize,
    /// It has a lower-case letter.
    lower: bool,
    /// It has a digit.
    digit: bool,
}

/// Reads the run of ASCII letters and digits that `bytes` starts with, eight bytes at a time:
/// each byte is classified with a few operations on all eight together, without a branch,
/// so that the only branch taken per word is the one that finds its end.
fn ascii_run(bytes: &[u8]) -> Run {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The high bit of each byte that lies in lo..=hi, for bytes below 0x80: the sums never
    // carry into the next byte.
    let between = |x: u64, lo: u8, hi: u8| {
        let at_least = (x + ONES * u64::from(0x80 - lo)) & HIGH;
        let above = (x + ONES * u64::from(0x7f - hi)) & HIGH;
        at_least & !above
    };
    let mut run = Run::default();
    loop {
        // Eight bytes in one load where there are eight; the text's last few, padded.
        let chunk = match bytes.get(run.len..run.len + 8) {
            Some(eight) => load_u64(eight),
            None => load_u64(bytes.get(run.len..).unwrap_or_default()),
        };
        let ascii = !chunk & HIGH;
        let seven = chunk & LOW7;
        let digit = between(seven, b'0', b'9') & ascii;
        let letter = between(seven | (ONES * 0x20), b'a', b'z') & ascii;
        // A letter is lower case when its 0x20 bit is set, which a shift by two moves to the
        // high bit of its own byte.
        let lower = letter & (chunk << 2);
        let stop = !(digit | letter) & HIGH;
        // Bytes past the end were zero, which stops the run.
        let len = (stop.trailing_zeros() / 8) as usize;
        // The bits below the first stop: all of them when none stops the run.
        let inside = (stop & stop.wrapping_neg()).wrapping_sub(1);
        run.len += len;
        // One letter or two, without a count of the bits, which has no instruction of its own
        // on every processor.
        let letters = letter & inside;
        run.letters +=
            usize::from(letters != 0) + usize::from(letters & letters.wrapping_sub(1) != 0);
        run.lower |= lower & inside != 0;
        run.digit |= digit & inside != 0;
        if len < 8 {
            run.letters = run.letters.min(2);
            return run;
        }
    }
}

/// The length of the run of ASCII letters and digits that `bytes` starts with.
pub(crate) fn ascii_run_len(bytes: &[u8]) -> usize {
    ascii_run(bytes).len
}

/// Up to eight bytes as a little-endian `u64`, zero-padded. Overlapping fixed-size reads do
/// it without a loop or a call to `memcpy`, which a copy of a variable length would be.
pub(crate) fn load_u64(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    match len {
        0 => 0,
        1..=3 => {
            let (first, middle, last) = (bytes[0], bytes[len / 2], bytes[len - 1]);
            u64::from(first)
                | u64::from(middle) << (8 * (len / 2))
                | u64::from(last) << (8 * (len - 1))
        }
        4..=7 => {
            let low = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            let high = u32::from_le_bytes([
                bytes[len - 4],
                bytes[len - 3],
                bytes[len - 2],
                bytes[len - 1],
            ]);
            u64::from(low) | u64::from(high) << (8 * (len - 4))
        }
        _ => u64::from_le_bytes([
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
        ]),
    }
}

/// [`CLASS`] bits.
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const ALPHANUMERIC: u8 = LOWER | UPPER | DIGIT;
/// White space, as `char::is_whitespace` has it for ASCII (a test checks).
const SPACE: u8 = 8;
/// A byte that may go on a word past its run of ASCII letters and digits: a hyphen, an
/// apostrophe, or any byte of a non-ASCII character.
const MAY_JOIN: u8 = 16;

/// For each byte, what it is if it is ASCII, and whether it may join a word: one load where
/// the word scan spends most of its time.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_lowercase() {
            LOWER
        } else if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_digit() {
            DIGIT
        } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else {
            0
        };
        byte += 1;
    }
    while byte < 256 {
        table[byte] = MAY_JOIN;
        byte += 1;
    }
    table[b'-' as usize] = MAY_JOIN;
    table[b'\'' as usize] = MAY_JOIN;
    table
};

/// The character starting at byte `at` (a char boundary).
fn char_at(text: &str, at: usize) -> char {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        char::from(byte)
    } else {
        text[at..].chars().next().unwrap_or(' ')
    }
}

/// Words after which a full stop does not end the sentence: initials and titles.
fn is_abbreviation(word: &str) -> bool {
    (word.len() == 1 && word.starts_with(char::is_uppercase))
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Gen"
                | "Sen"
                | "Rep"
                | "Lt"
                | "Col"
                | "Gov"
                | "Prof"
                | "Jr"
                | "Sr"
                | "Capt"
                | "Sgt"
                | "Maj"
                | "Adm"
                | "Rev"
                | "Hon"
                | "Cmdr"
                | "Messrs"
                | "Mt"
                | "Ft"
                | "No"
                | "Co"
                | "Corp"
                | "Inc"
                | "Ltd"
                | "Brig"
                | "Gens"
        )
}

/// For each word, whether its line is written in capitals (a headline): casing then says
/// nothing about names.
pub fn shouting(words: &[Word]) -> Vec<bool> {
    let mut shouting = vec![false; words.len()];
    // Words in capitals and words with a lower-case letter, counted over each line in one pass.
    let (mut first, mut upper, mut lower) = (0, 0, 0);
    for (i, word) in words.iter().enumerate() {
        upper += usize::from(word.upper);
        lower += usize::from(word.has_lower);
        if words.get(i + 1).is_none_or(|next| next.line != word.line) {
            if upper >= 3 && lower * 4 < upper {
                shouting[first..=i].fill(true);
            }
            (first, upper, lower) = (i + 1, 0, 0);
        }
    }
    shouting
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| w.text(text)).collect()
    }

    /// Each word of `text` with one of its flags.
    fn flagged(text: &str, flag: fn(&Word) -> bool) -> Vec<(&str, bool)> {
        words(text)
            .iter()
            .map(|w| (w.text(text), flag(w)))
            .collect()
    }

    #[test]
    fn select_lists_the_accepted_words_in_order() {
        let text = "Ann met the Prime Minister in Oslo";
        let words = words(text);
        let capitalised = select(&words, |w| w.capitalised);
        let texts: Vec<&str> = capitalised.iter().map(|&i| words[i].text(text)).collect();
        assert_eq!(texts, ["Ann", "Prime", "Minister", "Oslo"]);
        assert!(select(&words, |_| false).is_empty());
    }

    #[test]
    fn upper_means_two_letters_or_more_and_no_lower_case() {
        let text = "I US G7 G20 NATO's ÉU É A-B Ab 7 UN2 abcdefghIJ ABCDEFGHIJK";
        assert_eq!(
            flagged(text, |w| w.upper),
            [
                ("I", false),
                ("US", true),
                ("G7", false),
                ("G20", false),
                ("NATO", true),
                ("s", false),
                ("ÉU", true),
                ("É", false),
                ("A-B", true),
                ("Ab", false),
                ("7", false),
                ("UN2", true),
                ("abcdefghIJ", false),
                ("ABCDEFGHIJK", true),
            ]
        );
    }

    #[test]
    fn joins_names_and_drops_possessives() {
        assert_eq!(
            texts("Mr Kerry's aide, al-Assad and O'Brien don't - yes."),
            ["Mr", "Kerry", "s", "aide", "al-Assad", "and", "O'Brien", "don't", "yes"]
        );
    }

    #[test]
    fn marks_sentence_starts_and_casing() {
        let text = "The US said. Iran\nNATO \"Quote Mr. Kerry";
        let w = words(text);
        let starts: Vec<bool> = w.iter().map(|w| w.sentence_start).collect();
        assert_eq!(starts, [true, false, false, true, true, true, false, false]);
        assert!(w[1].upper && w[1].capitalised);
        assert!(!w[0].upper);
        assert!(
            w[5].after_punct && w[4].after_punct,
            "a quote mark and a line break separate"
        );
        assert!(!w[1].after_punct);
        let joined = words("al-Assad's O'Brien Kerry's");
        let flags: Vec<bool> = joined.iter().map(|w| w.joined).collect();
        assert_eq!(flags, [true, false, true, false, false]);
    }

    /// What [`ascii_run`] should find, a byte at a time.
    fn run_one_by_one(bytes: &[u8]) -> Run {
        let len = bytes
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let run = &bytes[..len];
        Run {
            len,
            letters: run
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .count()
                .min(2),
            lower: run.iter().any(u8::is_ascii_lowercase),
            digit: run.iter().any(u8::is_ascii_digit),
        }
    }

    #[test]
    fn runs_read_eight_bytes_at_a_time_end_where_they_should() {
        for text in [
            "",
            "a",
            "Kerry",
            "KERRY's",
            "abcdefgh",
            "abcdefghi",
            "G20 summit",
            "x@[`{/:",
            "Erdoğan",
            "0123456789abcdefXYZ!",
            "\u{7f}\u{10}\u{19}A",
        ] {
            let bytes = text.as_bytes();
            for start in 0..bytes.len() {
                assert_eq!(
                    ascii_run(&bytes[start..]),
                    run_one_by_one(&bytes[start..]),
                    "{text:?} from {start}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn runs_agree_with_a_byte_by_byte_reading(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            proptest::prop_assert_eq!(ascii_run(&bytes), run_one_by_one(&bytes));
        }
    }

    #[test]
    fn loads_read_up_to_eight_bytes_zero_padded() {
        let bytes = b"abcdefghij";
        for len in 0..=10 {
            let mut padded = [0u8; 8];
            let take = len.min(8);
            padded[..take].copy_from_slice(&bytes[..take]);
            assert_eq!(load_u64(&bytes[..len]), u64::from_le_bytes(padded), "{len}");
        }
    }

    #[test]
    fn the_class_table_agrees_with_char() {
        for byte in 0..128u8 {
            let c = char::from(byte);
            let class = CLASS[usize::from(byte)];
            assert_eq!(class & SPACE != 0, c.is_whitespace(), "{byte}");
            assert_eq!(class & ALPHANUMERIC != 0, c.is_alphanumeric(), "{byte}");
            assert_eq!(class & UPPER != 0, c.is_uppercase(), "{byte}");
        }
        for byte in 0..=255u8 {
            let joins = !byte.is_ascii() || byte == b'-' || byte == b'\'';
            assert_eq!(CLASS[usize::from(byte)] & MAY_JOIN != 0, joins, "{byte}");
        }
    }

    #[test]
    fn plain_words_are_ascii_letters_only() {
        let text = "said G20 al-Assad Erdoğan SAID x2 \u{2014}told";
        assert_eq!(
            flagged(text, |w| w.plain),
            [
                ("said", true),
                ("G20", false),
                ("al-Assad", false),
                ("Erdoğan", false),
                ("SAID", true),
                ("x2", false),
                ("told", true)
            ]
        );
    }

    #[test]
    fn detects_headlines_in_capitals() {
        let text = "KERRY SAYS IRAN CAN HELP\nKerry says Iran can help, the US said";
        let w = words(text);
        let flags = shouting(&w);
        assert_eq!(flags.iter().filter(|&&f| f).count(), 5);
        assert!(flags[..5].iter().all(|&f| f) && !flags[5..].iter().any(|&f| f));
        assert_eq!(w[5].line, 1);
        // The last line is judged too, and a text without words has nothing to judge.
        let flags = shouting(&words("Kerry says so\nIRAN CAN HELP, IT SAID"));
        assert_eq!(flags, [false, false, false, true, true, true, true, true]);
        assert!(shouting(&[]).is_empty());
    }
}
