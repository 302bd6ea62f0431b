//! Documents, byte spans, and the byte → code point mapping the writers need.

use std::ops::Range;

/// One input record: an identifier and its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The document's identifier, unique within a batch.
    pub id: String,
    /// The full text. All spans produced by the pipeline are byte offsets into it.
    pub text: String,
}

impl Document {
    /// Creates a document from an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
        }
    }
}

/// A half-open byte range `start..end` into a document's text, always on `char` boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start <= end` is the caller's promise.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The text this span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The span as a `Range`.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies inside this span.
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Converts byte offsets of one text into Unicode code point offsets (Python's `text[start:end]`).
///
/// Offsets must be asked for in increasing order for the fast path; any order works.
pub struct CharOffsets<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    /// Prepares the mapping for `text`.
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += count_chars(&self.text.as_bytes()[self.byte..byte]);
        self.byte = byte;
        self.chars
    }
}

/// Counts code points in UTF-8 bytes: every byte that is not a continuation byte starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Converts a code point offset into a byte offset (for gold files, which count code points).
pub fn byte_offset(text: &str, char_offset: usize) -> usize {
    text.char_indices()
        .nth(char_offset)
        .map_or(text.len(), |(byte, _)| byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Erdoğan said «non»";
        let mut map = CharOffsets::new(text);
        let start = text.find("said").unwrap();
        assert_eq!(map.char_offset(start), 8);
        assert_eq!(map.char_offset(text.len()), text.chars().count());
        // Asking again for an earlier offset still works.
        assert_eq!(map.char_offset(start), 8);
    }

    #[test]
    fn byte_offset_inverts_char_offset() {
        let text = "Zürich, «Genève»";
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(byte_offset(text, chars), byte);
            assert_eq!(CharOffsets::new(text).char_offset(byte), chars);
        }
        assert_eq!(byte_offset(text, 999), text.len());
    }

    #[test]
    fn spans_overlap_and_contain() {
        let a = Span::new(0, 5);
        assert!(a.overlaps(&Span::new(4, 6)));
        assert!(!a.overlaps(&Span::new(5, 6)));
        assert!(a.contains(&Span::new(1, 5)));
        assert!(!a.contains(&Span::new(1, 6)));
    }
}
