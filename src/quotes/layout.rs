//! The cheap structure quote finding needs: paragraphs, sentences and word tokens.

use crate::document::Span;

/// Paragraphs (lines) and the sentences inside them, in text order.
pub(crate) struct Layout {
    /// Non-blank lines, without their line break.
    pub paragraphs: Vec<Span>,
    /// Sentences; none crosses a paragraph boundary.
    pub sentences: Vec<Span>,
    /// For each sentence, the index of its paragraph.
    pub sentence_paragraph: Vec<usize>,
}

impl Layout {
    /// Splits `text` into paragraphs at line breaks and each paragraph into sentences.
    pub fn new(text: &str) -> Layout {
        // News sentences run to about 120 bytes: enough room that the lists rarely grow.
        let sentences = text.len() / 64 + 1;
        let mut layout = Layout {
            paragraphs: Vec::with_capacity(sentences / 2),
            sentences: Vec::with_capacity(sentences),
            sentence_paragraph: Vec::with_capacity(sentences),
        };
        // The sentence-final marks, found in one pass over the text: a paragraph is often a
        // line or two, too short for a search of its own to pay.
        let stops = stops(text);
        let mut next = 0;
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
            let line = trim(text, Span::new(start, end));
            start = end + 1;
            if line.is_empty() {
                continue;
            }
            let index = layout.paragraphs.len();
            layout.paragraphs.push(line);
            split_sentences(text, line, within(&stops, &mut next, line), |sentence| {
                layout.sentences.push(sentence);
                layout.sentence_paragraph.push(index);
            });
        }
        layout
    }

    /// The index of the sentence containing byte `pos` (or the last one starting before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        self.sentences
            .partition_point(|s| s.start <= pos)
            .checked_sub(1)
    }

    /// The index of the paragraph containing byte `pos` (or the last one starting before it).
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        self.paragraphs
            .partition_point(|p| p.start <= pos)
            .checked_sub(1)
    }
}

/// The positions, from a list in order, that fall inside `span`, counted from its start. `next`
/// is where the search begins and is moved past `span`'s positions: spans asked in text order
/// read the list once.
pub(crate) fn within<'p>(
    positions: &'p [usize],
    next: &mut usize,
    span: Span,
) -> impl Iterator<Item = usize> + 'p {
    // A step at a time: a span holds a few positions, and the gaps between spans fewer still.
    let count_below =
        |from: usize, bound: usize| positions[from..].iter().take_while(|&&p| p < bound).count();
    *next += count_below(*next, span.start);
    let first = *next;
    *next += count_below(first, span.end);
    positions[first..*next].iter().map(move |&p| p - span.start)
}

/// `span` without leading and trailing white space.
pub(crate) fn trim(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.end - (slice.len() - slice.trim_end().len());
    Span::new(start, end.max(start))
}

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "adm", "ala", "approx", "apr", "ariz", "ark", "aug", "ave", "blvd", "calif", "capt", "cmdr",
    "co", "col", "colo", "conn", "corp", "d", "dec", "del", "dept", "dr", "e.g", "etc", "feb",
    "fla", "ft", "ga", "gen", "gens", "gov", "hon", "i.e", "ill", "inc", "jan", "jr", "kan", "ky",
    "la", "lt", "ltd", "maj", "mar", "mass", "md", "messrs", "mich", "minn", "miss", "mo", "mont",
    "mr", "mrs", "ms", "mt", "neb", "nev", "no", "nov", "oct", "okla", "ore", "pa", "penn", "pres",
    "prof", "r", "rep", "reps", "rev", "sen", "sens", "sep", "sept", "sgt", "sr", "st", "tenn",
    "tex", "univ", "v", "va", "vs", "wash", "wis", "wyo",
];

/// Closing marks and brackets that may follow a sentence's final punctuation.
fn is_trailing_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Characters that may open a sentence besides letters and digits.
fn is_leading_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '„' | '`')
}

/// The positions, in order, of the marks that may end a sentence: . ? ! and the rarer ….
fn stops(text: &str) -> Vec<usize> {
    let mut all: Vec<usize> = memchr::memchr3_iter(b'.', b'?', b'!', text.as_bytes()).collect();
    // An ellipsis is not ASCII: most texts need no search for one.
    if !text.is_ascii() {
        all.extend(text.match_indices('…').map(|(at, _)| at));
        // Two runs in order: the sort merges them.
        all.sort();
    }
    all
}

/// Calls `emit` with each sentence of the paragraph `para`, given the [`stops`] inside it,
/// counted from its start.
fn split_sentences(
    text: &str,
    para: Span,
    stops: impl Iterator<Item = usize>,
    mut emit: impl FnMut(Span),
) {
    let slice = para.slice(text);
    let bytes = slice.as_bytes();
    let mut start = 0;
    let mut i = 0;
    for stop in stops {
        if stop < i {
            continue; // swallowed with the mark before
        }
        i = stop;
        let width = if bytes[i] < 0x80 { 1 } else { '…'.len_utf8() };
        let full_stop = bytes[i] == b'.';
        // Swallow repeated punctuation and closing marks: `?!”)`.
        let mut end = i + width;
        for d in slice[end..].chars() {
            if matches!(d, '.' | '?' | '!' | '…') || is_trailing_closer(d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        let stop = i;
        i = end;
        let rest = &slice[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() {
            continue; // no white space: "U.S.A", "3.5"
        }
        let Some(next) = after.chars().next() else {
            continue;
        };
        if !(next.is_uppercase() || next.is_numeric() || is_leading_opener(next)) {
            continue;
        }
        if full_stop && is_abbreviation(&slice[start..stop]) {
            continue;
        }
        emit(trim(text, Span::new(para.start + start, para.start + end)));
        start = end;
    }
    let last = trim(text, Span::new(para.start + start, para.end));
    if !last.is_empty() {
        emit(last);
    }
}

/// Does `before` (the text up to a full stop) end with an abbreviation or an initial?
fn is_abbreviation(before: &str) -> bool {
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    single_initial || word.contains('.') || is_listed_abbreviation(word)
}

/// Is `word`, in any case, one of the [`ABBREVIATIONS`]? They are at most six bytes long, so
/// each is one `u64` and the word, lower-cased into another, is compared with them all at once.
fn is_listed_abbreviation(word: &str) -> bool {
    if word.is_empty() || word.len() > 6 || !word.is_ascii() {
        return false;
    }
    let key = pack(word.as_bytes(), 0x20);
    ABBREVIATION_KEYS.contains(&key)
}

/// A word of at most eight ASCII bytes as a `u64`, little-endian, with `case` set in each
/// letter (0x20 lower-cases; set in a non-letter it would change it, so only letters get it).
const fn pack(word: &[u8], case: u8) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() {
        let byte = if word[i].is_ascii_alphabetic() {
            word[i] | case
        } else {
            word[i]
        };
        key |= (byte as u64) << (8 * i);
        i += 1;
    }
    key
}

/// [`ABBREVIATIONS`], packed.
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pack(ABBREVIATIONS[i].as_bytes(), 0);
        i += 1;
    }
    keys
};

/// A word or a punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Where it is.
    pub span: Span,
    /// The punctuation character, or `None` for a word.
    pub punct: Option<char>,
}

impl Token {
    /// Is this a word (letters or digits)?
    pub fn is_word(&self) -> bool {
        self.punct.is_none()
    }

    /// Is this the punctuation character `c`?
    pub fn is(&self, c: char) -> bool {
        self.punct == Some(c)
    }
}

/// Characters that join two word pieces: "O'Brien", "U.S", "well-known", "AT&T".
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&')
}

/// The character starting at byte `i` of `slice` and its width, decoded quickly for ASCII.
fn char_at(slice: &str, i: usize) -> Option<(char, usize)> {
    let b = *slice.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = slice.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Splits `span` of `text` into tokens, appending them to `out`.
pub(crate) fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let slice = span.slice(text);
    let bytes = slice.as_bytes();
    let mut i = 0;
    while let Some((c, width)) = char_at(slice, i) {
        if c.is_whitespace() {
            i += width;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                span: Span::new(span.start + i, span.start + i + width),
                punct: Some(c),
            });
            i += width;
            continue;
        }
        let mut end = i + width;
        loop {
            // The common case first: a run of ASCII letters and digits.
            end += crate::text::ascii_run_len(&bytes[end..]);
            let Some((d, width)) = char_at(slice, end) else {
                break;
            };
            if d.is_alphanumeric() {
                end += width;
                continue;
            }
            // "1,100" is one number; "O'Brien" one word.
            let comma = d == ',' && bytes[end - 1].is_ascii_digit();
            let joins = (is_joiner(d) || comma)
                && char_at(slice, end + width).is_some_and(|(n, _)| {
                    if comma {
                        n.is_ascii_digit()
                    } else {
                        n.is_alphanumeric()
                    }
                });
            if !joins {
                break;
            }
            end += width;
        }
        // An abbreviation keeps its full stop ("Mr.", "Gov.", "U.S."): it ends no clause.
        if bytes.get(end) == Some(&b'.')
            && !bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
            && is_abbreviation(&slice[..end])
        {
            end += 1;
        }
        out.push(Token {
            span: Span::new(span.start + i, span.start + end),
            punct: None,
        });
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_sorted_short_and_found_in_any_case() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATIONS
            .iter()
            .all(|a| (1..=6).contains(&a.len()) && a.to_lowercase() == *a));
        for word in ["Mr", "GOV", "Messrs", "calif"] {
            assert!(is_listed_abbreviation(word), "{word}");
        }
        for word in ["Mister", "Kerry", "", "governor"] {
            assert!(!is_listed_abbreviation(word), "{word}");
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        let layout = Layout::new(text);
        layout.sentences.iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn an_ellipsis_ends_a_sentence() {
        assert_eq!(
            sentences("He paused… Then he left. “Why?” she asked."),
            ["He paused…", "Then he left.", "“Why?” she asked."]
        );
    }

    #[test]
    fn sentences_skip_abbreviations_and_quoted_commas() {
        let text =
            "Mr. Smith went to Washington. \"Go now,\" he said. Dr. J. Doe left!\n\nNew line.";
        assert_eq!(
            sentences(text),
            [
                "Mr. Smith went to Washington.",
                "\"Go now,\" he said.",
                "Dr. J. Doe left!",
                "New line."
            ]
        );
    }

    #[test]
    fn tokens_keep_apostrophes_initialisms_and_abbreviations_inside_words() {
        let text = "O'Brien's U.S. deal, well-known 1,100, Mr. Lee said.";
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            words,
            [
                "O'Brien's",
                "U.S.",
                "deal",
                ",",
                "well-known",
                "1,100",
                ",",
                "Mr.",
                "Lee",
                "said",
                "."
            ]
        );
    }
}
