//! Checks shared by the fuzz targets.

use whosaid::corpus::{from_reader, ReadOptions};

/// Reads `data` as a file called `name` and checks every record: an id, a text within the
/// size limit (lossy decoding may triple it), no NUL bytes.
pub fn check_reader(name: &str, data: &[u8]) {
    let options = ReadOptions {
        max_doc_bytes: 4096,
        ..ReadOptions::default()
    };
    let Ok(records) = from_reader(name, std::io::Cursor::new(data.to_vec()), &options) else {
        return;
    };
    for record in records.take(10_000) {
        assert!(!record.id.is_empty());
        assert!(record.text.len() <= 3 * options.max_doc_bytes || record.is_error());
        assert!(!record.text.contains('\0'), "NUL bytes are replaced");
    }
}
