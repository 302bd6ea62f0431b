//! Any bytes as a `.txt` file in a directory: reading must not panic and yields exactly one
//! record for the file.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::corpus::{open, ReadOptions};

static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("whosaid-fuzz-text-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        dir
    });
    std::fs::write(dir.join("doc.txt"), data).expect("temporary file");
    let options = ReadOptions {
        max_doc_bytes: 4096,
        ..ReadOptions::default()
    };
    let records: Vec<_> = open(&dir.to_string_lossy(), &options)
        .expect("directory")
        .collect();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].id, "doc");
});
