//! The cue verb list: which words introduce or attribute reported speech.

use crate::text::Word;
use crate::wordmap::WordMap;

/// What a cue verb reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// Something said or written: "said", "told", "tweeted".
    Speech,
    /// Something thought or believed: "believes", "thinks". Weaker evidence of a quote.
    Belief,
    /// Something a source shows: "a poll found", "the data show". Only introduces reported
    /// content; never marks its subject as a speaker.
    Evidence,
}

impl CueKind {
    fn parse(label: &str) -> Option<CueKind> {
        match label {
            "speech" => Some(CueKind::Speech),
            "belief" => Some(CueKind::Belief),
            "evidence" => Some(CueKind::Evidence),
            _ => None,
        }
    }
}

/// An error in a cue verb file; every variant names the 1-based line.
#[derive(Debug, thiserror::Error)]
pub enum QuoteDataError {
    /// The first non-comment line is not the `word\tlemma\tkind` header.
    #[error("line {line}: expected the header `word\\tlemma\\tkind`, found {found:?}")]
    Header {
        /// Line number.
        line: usize,
        /// What the line held.
        found: String,
    },
    /// A row without exactly three tab-separated columns, or with an empty one.
    #[error("line {line}: expected 3 non-empty tab-separated columns, found {found:?}")]
    Columns {
        /// Line number.
        line: usize,
        /// What the line held.
        found: String,
    },
    /// A kind other than `speech` or `belief`.
    #[error("line {line}: unknown cue kind {kind:?} (expected speech, belief or evidence)")]
    Kind {
        /// Line number.
        line: usize,
        /// The kind found.
        kind: String,
    },
    /// A file with a header but no rows.
    #[error("line {line}: the cue verb list is empty")]
    Empty {
        /// The last line number.
        line: usize,
    },
}

/// The cue verb list, built once and shared between threads.
#[derive(Clone, Debug)]
pub struct CueLexicon {
    /// Lower-case word form → kind.
    words: WordMap<CueKind>,
    /// For each pair of first and last bytes (by their low five bits, which tell letters
    /// apart in either case), a bit for each length of a form or a [`PHRASE_OPENERS`] word
    /// with those ends: the cheapest test ([`CueLexicon::may_open_cue`]), which rules out
    /// about four words in five.
    ends: Box<[u32; 32 * 32]>,
    /// Every form is ASCII letters only, so a scan of letter runs finds them all.
    letters_only: bool,
}

/// Words that open a cue of several words: "according to", "quoted as saying".
pub(crate) const PHRASE_OPENERS: [&[u8]; 2] = [b"according", b"quoted"];

/// Longest word form worth looking up; longer tokens are never cues. Below 32, so that a
/// length is a bit of a `u32`.
const MAX_CUE_LEN: usize = 24;

/// The index in [`CueLexicon::ends`] of a word's first and last bytes; for ASCII letters
/// the low five bits tell the letter in either case. Other bytes share indices with letters,
/// which only makes the test err towards yes.
fn ends_of_letters(word: &[u8]) -> Option<usize> {
    let (first, last) = (word.first()?, word.last()?);
    Some(usize::from(first & 0x1f) << 5 | usize::from(last & 0x1f))
}

/// Speech and belief cues report what someone said or thought; evidence cues do not.
fn reports_speech(kind: Option<CueKind>) -> bool {
    matches!(kind, Some(CueKind::Speech | CueKind::Belief))
}

impl CueLexicon {
    /// Parses a cue verb file: a `word\tlemma\tkind` header, then one form per line;
    /// blank lines and lines starting with `#` are skipped. Errors name the line.
    pub fn from_tsv(tsv: &str) -> Result<CueLexicon, QuoteDataError> {
        let mut words = WordMap::default();
        let mut header_seen = false;
        let mut last = 0;
        for (index, raw) in tsv.lines().enumerate() {
            let line = index + 1;
            last = line;
            let row = raw.trim_end_matches('\r');
            if row.trim().is_empty() || row.starts_with('#') {
                continue;
            }
            if !header_seen {
                if row.split('\t').map(str::trim).ne(["word", "lemma", "kind"]) {
                    return Err(QuoteDataError::Header {
                        line,
                        found: row.to_owned(),
                    });
                }
                header_seen = true;
                continue;
            }
            let columns: Vec<&str> = row.split('\t').map(str::trim).collect();
            let [word, lemma, kind] = columns[..] else {
                return Err(QuoteDataError::Columns {
                    line,
                    found: row.to_owned(),
                });
            };
            if word.is_empty() || lemma.is_empty() {
                return Err(QuoteDataError::Columns {
                    line,
                    found: row.to_owned(),
                });
            }
            let kind = CueKind::parse(kind).ok_or_else(|| QuoteDataError::Kind {
                line,
                kind: kind.to_owned(),
            })?;
            words.insert(word.to_lowercase().as_bytes(), kind);
        }
        if !header_seen {
            return Err(QuoteDataError::Header {
                line: last.max(1),
                found: String::new(),
            });
        }
        if words.is_empty() {
            return Err(QuoteDataError::Empty { line: last });
        }
        let mut ends = Box::new([0u32; 32 * 32]);
        let forms = words.iter().map(|(word, _)| word);
        for word in forms.chain(PHRASE_OPENERS.map(<[u8]>::to_vec)) {
            if let (Some(index), true) = (ends_of_letters(&word), word.len() <= MAX_CUE_LEN) {
                ends[index] |= 1 << word.len();
            }
        }
        let letters_only = words
            .iter()
            .all(|(word, _)| word.iter().all(u8::is_ascii_alphabetic));
        Ok(CueLexicon {
            words,
            ends,
            letters_only,
        })
    }

    /// The list shipped with whosaid (`gazetteers/cue_verbs.tsv`).
    pub fn builtin() -> CueLexicon {
        // The shipped file is checked by a unit test, so this cannot fail at run time.
        #[allow(clippy::expect_used)]
        CueLexicon::from_tsv(include_str!("../../gazetteers/cue_verbs.tsv"))
            .expect("the built-in cue verb list parses")
    }

    /// Is this word (in any case) a speech or belief verb form ("said", "believes")?
    pub fn is_cue(&self, word: &str) -> bool {
        reports_speech(self.kind(word))
    }

    /// [`CueLexicon::is_cue`] for a word of `text`.
    pub(crate) fn is_cue_word(&self, text: &str, word: &Word) -> bool {
        reports_speech(self.word_kind(text, word))
    }

    /// The kind of cue this word (in any case) is, if it is one.
    pub fn kind(&self, word: &str) -> Option<CueKind> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > MAX_CUE_LEN {
            return None;
        }
        if !word.is_ascii() {
            return self.words.get(word.to_lowercase().as_bytes()).copied();
        }
        if !self.may_open_cue(bytes) {
            return None;
        }
        let mut buffer = [0u8; MAX_CUE_LEN];
        for (lower, b) in buffer.iter_mut().zip(bytes) {
            *lower = b.to_ascii_lowercase();
        }
        self.words.get(&buffer[..bytes.len()]).copied()
    }

    /// The kind of cue a word of `text` is, if it is one; a plain word (ASCII letters only,
    /// most words) is looked up from its bytes, with no test of them beyond the quick one.
    #[inline]
    pub(crate) fn word_kind(&self, text: &str, word: &Word) -> Option<CueKind> {
        if word.plain {
            self.kind_of_letters(&text.as_bytes()[word.span.range()])
        } else {
            self.kind(word.text(text))
        }
    }

    /// The kind of cue a word of ASCII letters only is, if it is one.
    #[inline]
    pub(crate) fn kind_of_letters(&self, letters: &[u8]) -> Option<CueKind> {
        if !self.may_open_cue(letters) {
            return None;
        }
        self.look_up_letters(letters)
    }

    /// [`CueLexicon::kind_of_letters`] for a word that has passed
    /// [`CueLexicon::may_open_cue`] already.
    #[inline]
    pub(crate) fn look_up_letters(&self, letters: &[u8]) -> Option<CueKind> {
        self.words.get_letters_lowered(letters).copied()
    }

    /// Can this word, in any case, be a cue form or open a phrase cue? `false` is sure; `true`
    /// has to be looked up. Exact for the ends and length of a word of ASCII letters; other
    /// bytes share the letters' indices, which only makes the answer err towards yes. The test
    /// has no branch on the word, so that asking it of every word costs no mispredictions.
    #[inline]
    pub(crate) fn may_open_cue(&self, letters: &[u8]) -> bool {
        let index = ends_of_letters(letters).unwrap_or(0);
        self.ends[index] >> letters.len().min(31) & 1 == 1
    }

    /// Are all the forms ASCII letters only ("said", not "re-said" or "déclaré")?
    pub(crate) fn letters_only(&self) -> bool {
        self.letters_only
    }

    /// Is this word a speech cue (not a belief verb)?
    pub fn is_speech(&self, word: &str) -> bool {
        self.kind(word) == Some(CueKind::Speech)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_parses_and_covers_common_forms() {
        let lexicon = CueLexicon::builtin();
        for word in [
            "said", "Says", "told", "ADDED", "tweeted", "warned", "denied",
        ] {
            assert!(lexicon.is_cue(word), "{word}");
        }
        assert_eq!(lexicon.kind("believes"), Some(CueKind::Belief));
        assert_eq!(lexicon.kind("showed"), Some(CueKind::Evidence));
        assert!(!lexicon.is_cue("showed"));
        // Quote finding pre-scans sentences for letter runs only when this holds.
        assert!(lexicon.letters_only());
        for word in ["State", "the", "", "Kerry"] {
            assert!(!lexicon.is_cue(word), "{word}");
        }
    }

    #[test]
    fn the_letters_path_agrees_with_the_general_one() {
        let long = "Counterrevolutionaries"; // past the packed map's 15 bytes
        let tsv = format!(
            "word\tlemma\tkind\nsaid\tsay\tspeech\n{}\tx\tbelief\n",
            long.to_lowercase()
        );
        for lexicon in [CueLexicon::builtin(), CueLexicon::from_tsv(&tsv).unwrap()] {
            for word in [
                "said",
                "SAID",
                "Said",
                "sAiD",
                "told",
                "Tweeted",
                "believes",
                "showed",
                "sad",
                "saida",
                "x",
                "Kerry",
                "according",
                "Counterrevolutionaries",
                "COUNTERREVOLUTIONARIES",
                "Counterrevolutionarie",
            ] {
                assert_eq!(
                    lexicon.kind_of_letters(word.as_bytes()),
                    lexicon.kind(word),
                    "{word}"
                );
            }
            assert_eq!(lexicon.kind_of_letters(b""), None);
        }
        // Forms that are not letters only are found whatever their ends.
        let other =
            "word\tlemma\tkind\nre-said\tsay\tspeech\n1,2,3\tcount\tspeech\nsaid\tsay\tspeech\n";
        let lexicon = CueLexicon::from_tsv(other).unwrap();
        assert!(!lexicon.letters_only());
        for word in ["Re-Said", "1,2,3", "SAID"] {
            assert_eq!(lexicon.kind(word), Some(CueKind::Speech), "{word}");
        }
        for word in ["re-sad", "1,2,4", "said,"] {
            assert_eq!(lexicon.kind(word), None, "{word}");
        }
    }

    #[test]
    fn the_quick_test_passes_every_form_and_opener_and_rules_out_most_words() {
        let lexicon = CueLexicon::builtin();
        let forms: Vec<Vec<u8>> = lexicon.words.iter().map(|(word, _)| word).collect();
        let openers = PHRASE_OPENERS.iter().map(|opener| opener.to_vec());
        for word in forms.into_iter().chain(openers) {
            for cased in [word.clone(), word.to_ascii_uppercase()] {
                assert!(
                    lexicon.may_open_cue(&cased),
                    "{:?}",
                    String::from_utf8(cased)
                );
            }
        }
        let text = "The minister flew to Paris on Monday for talks with the leaders of \
                    seven countries about trade and the budget";
        let passed = text
            .split(' ')
            .filter(|word| lexicon.may_open_cue(word.as_bytes()))
            .count();
        assert!(passed < 10, "{passed} of 20 words passed");
        assert!(!lexicon.may_open_cue(b""));
    }

    #[test]
    fn errors_name_the_line() {
        let bad_kind = "# c\nword\tlemma\tkind\nsaid\tsay\tspeech\nsang\tsing\tsong\n";
        let err = CueLexicon::from_tsv(bad_kind).unwrap_err();
        assert!(matches!(err, QuoteDataError::Kind { line: 4, .. }), "{err}");
        assert!(err.to_string().starts_with("line 4"));

        let bad_columns = "word\tlemma\tkind\nsaid say speech\n";
        let err = CueLexicon::from_tsv(bad_columns).unwrap_err();
        assert!(
            matches!(err, QuoteDataError::Columns { line: 2, .. }),
            "{err}"
        );

        let no_header = "said\tsay\tspeech\n";
        let err = CueLexicon::from_tsv(no_header).unwrap_err();
        assert!(
            matches!(err, QuoteDataError::Header { line: 1, .. }),
            "{err}"
        );

        let empty = "word\tlemma\tkind\n";
        assert!(matches!(
            CueLexicon::from_tsv(empty),
            Err(QuoteDataError::Empty { .. })
        ));
    }
}
