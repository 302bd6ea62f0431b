//! Decoding and text hygiene shared by every reader.

use super::{Record, Severity};

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes NUL bytes and control characters are looked for in a file to call it binary.
pub(super) const BINARY_SNIFF_BYTES: usize = 8 << 10;

/// Drops a leading byte order mark.
pub(super) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// Drops a leading byte order mark in place.
pub(super) fn strip_bom(bytes: &mut Vec<u8>) {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
}

/// Decodes UTF-8, replacing invalid sequences with U+FFFD. Returns the text and, when the
/// input was not valid, the offset of its first invalid byte.
pub(super) fn decode(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(error.as_bytes()).into_owned(),
                Some(at),
            )
        }
    }
}

/// Decodes a borrowed slice like [`decode`].
pub(super) fn decode_slice(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<usize>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.into(), None),
        Err(error) => (String::from_utf8_lossy(bytes), Some(error.valid_up_to())),
    }
}

/// The message for text decoded with replacement characters.
pub(super) fn invalid_utf8_message(place: &str, at: usize) -> String {
    format!("{place}invalid UTF-8 at byte {at}, decoded with replacement characters")
}

/// True for the control bytes that become spaces: C0 controls other than tab, line feed,
/// carriage return and form feed. They never occur inside a multi-byte UTF-8 sequence, so
/// replacing them byte for byte keeps the text valid and every offset in place.
fn is_stray_control(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C)
}

/// How many stray control characters `bytes` holds. Eight bytes are tested at once for any
/// byte below 0x20, and only the few groups with one (mostly a line break) are looked at a
/// byte at a time.
fn count_stray_controls(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder();
    let count = |group: &[u8]| group.iter().filter(|&&b| is_stray_control(b)).count();
    chunks
        .map(|group| {
            let mut eight = [0; 8];
            eight.copy_from_slice(group);
            let x = u64::from_le_bytes(eight);
            // A high bit set where a byte is below 0x20 (exact as a whole, not per byte).
            let below = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
            if below == 0 {
                0
            } else {
                count(group)
            }
        })
        .sum::<usize>()
        + count(tail)
}

/// Replaces stray control characters by spaces; returns the text and how many were replaced.
fn scrub(text: String) -> (String, usize) {
    let count = count_stray_controls(text.as_bytes());
    if count == 0 {
        return (text, 0);
    }
    let mut bytes = text.into_bytes();
    for byte in bytes.iter_mut().filter(|b| is_stray_control(**b)) {
        *byte = b' ';
    }
    // Only ASCII bytes were changed, so the text is still UTF-8; decode lossily rather than
    // assume it.
    (decode(bytes).0, count)
}

/// Gives the record its text after hygiene, noting what had to change and whether it is empty.
pub(super) fn set_text(record: &mut Record, text: String) {
    let (text, replaced) = scrub(text);
    if replaced > 0 {
        let plural = if replaced == 1 { "" } else { "s" };
        record.note(
            Severity::Warning,
            format!("{replaced} control character{plural} replaced by space{plural}"),
        );
    }
    if text.trim().is_empty() {
        record.note(Severity::Warning, "empty document");
    }
    record.text = text;
}

/// The message for a document over the size limit.
pub(super) fn too_big_message(size: impl std::fmt::Display, max: usize) -> String {
    format!("document is {size} bytes, over --max-doc-bytes {max}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> Record {
        let mut record = Record::new("id".into(), "src".into(), String::new());
        set_text(&mut record, text.to_owned());
        record
    }

    #[test]
    fn controls_become_spaces_and_keep_offsets() {
        let record = cleaned("a\0b\x01c\td\r\n\x0Ce\x1F");
        assert_eq!(record.text, "a b c\td\r\n\x0Ce ");
        let problem = record.problem.unwrap();
        assert_eq!(problem.severity, Severity::Warning);
        assert_eq!(problem.message, "3 control characters replaced by spaces");
    }

    #[test]
    fn stray_controls_are_counted_wherever_they_stand() {
        for len in 0..40 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    let expected = usize::from(is_stray_control(byte));
                    assert_eq!(count_stray_controls(&bytes), expected, "{len} {at} {byte}");
                }
            }
        }
        assert_eq!(
            count_stray_controls(b"a\0b\x01c\td\r\n\x0Ce\x1F\x7f\xff"),
            3
        );
    }

    #[test]
    fn clean_text_has_no_problem() {
        let record = cleaned("Erdoğan said \u{200F}«non»\u{202C}.");
        assert_eq!(record.text, "Erdoğan said \u{200F}«non»\u{202C}.");
        assert_eq!(record.problem, None);
    }

    #[test]
    fn whitespace_only_is_empty() {
        let record = cleaned(" \n\t ");
        assert_eq!(record.problem.unwrap().message, "empty document");
    }

    #[test]
    fn decode_reports_first_invalid_byte() {
        let (text, at) = decode(b"ab\xFFc".to_vec());
        assert_eq!(text, "ab\u{FFFD}c");
        assert_eq!(at, Some(2));
        assert_eq!(decode(b"ok".to_vec()), ("ok".to_owned(), None));
        assert_eq!(without_bom(b"\xEF\xBB\xBFx"), b"x");
    }
}
