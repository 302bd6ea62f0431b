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
    /// Begins a sentence, a line, or a quotation (where capitals say nothing about names).
    pub sentence_start: bool,
    /// Something other than spaces lies between this word and the previous one
    /// (punctuation such as a comma, a bracket or a quote mark).
    pub after_punct: bool,
}

impl Word {
    /// The word's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

/// Splits a text into words.
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut words = Vec::with_capacity(text.len() / 6);
    // True until the first word, and after sentence-ending punctuation or a line break.
    let mut sentence_start = true;
    let mut punct = false;
    let mut at = 0;
    while at < bytes.len() {
        let c = char_at(text, at);
        if !c.is_alphanumeric() {
            match c {
                '.' => {
                    sentence_start |= !words
                        .last()
                        .is_some_and(|w: &Word| is_abbreviation(w.text(text)))
                }
                '!' | '?' | '\n' | '•' | '"' | '“' | '«' | '„' => sentence_start = true,
                _ => {}
            }
            punct |= !c.is_whitespace();
            at += c.len_utf8();
            continue;
        }
        let start = at;
        let mut letters = usize::from(c.is_alphabetic());
        let mut all_upper = c.is_uppercase();
        at += c.len_utf8();
        while at < bytes.len() {
            // Plain ASCII letters and digits, the bulk of every word, need no decoding.
            let byte = bytes[at];
            if byte.is_ascii_alphanumeric() {
                letters += usize::from(byte.is_ascii_alphabetic());
                all_upper &= !byte.is_ascii_lowercase();
                at += 1;
                continue;
            }
            let next = char_at(text, at);
            if next.is_alphanumeric() {
                letters += usize::from(next.is_alphabetic());
                all_upper &= !next.is_lowercase();
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
                    at += next.len_utf8();
                    continue;
                }
            }
            break;
        }
        words.push(Word {
            span: Span::new(start, at),
            capitalised: c.is_uppercase(),
            upper: letters >= 2 && all_upper,
            sentence_start,
            after_punct: punct,
        });
        sentence_start = false;
        punct = false;
    }
    words
}

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

/// True when a line is written in capitals (a headline): casing then says nothing about names.
pub fn is_shouting(line: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    if line.is_ascii() {
        for b in line.bytes() {
            upper += usize::from(b.is_ascii_uppercase());
            lower += usize::from(b.is_ascii_lowercase());
        }
    } else {
        for c in line.chars() {
            upper += usize::from(c.is_uppercase());
            lower += usize::from(c.is_lowercase());
        }
    }
    upper >= 8 && lower * 4 < upper
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| w.text(text)).collect()
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
        assert!(w[5].after_punct && !w[4].after_punct);
    }

    #[test]
    fn detects_headlines_in_capitals() {
        assert!(is_shouting("KERRY SAYS IRAN CAN HELP"));
        assert!(!is_shouting("Kerry says Iran can help, the US said"));
    }
}
