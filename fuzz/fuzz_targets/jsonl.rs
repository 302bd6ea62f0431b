//! Any bytes read as `jsonl`: the reader must not panic, and every record must come out with
//! an id and a text that is valid, clean UTF-8 (or an error).
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::corpus::{from_reader, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions {
        max_doc_bytes: 4096,
        ..ReadOptions::default()
    };
    let Ok(records) = from_reader("input.jsonl", std::io::Cursor::new(data.to_vec()), &options)
    else {
        return;
    };
    for record in records.take(10_000) {
        assert!(!record.id.is_empty());
        // Lossy decoding may turn each invalid byte into a three-byte replacement character.
        assert!(record.text.len() <= 3 * options.max_doc_bytes || record.is_error());
        assert!(
            !record.text.bytes().any(|b| b == 0),
            "NUL bytes are replaced"
        );
    }
});
