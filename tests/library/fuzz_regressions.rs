//! Inputs the fuzzers once broke, kept under `fuzz/regressions/<target>/`: each must now go
//! through its reader (or `analyze`) with the same checks the fuzz target makes.

use std::path::Path;

use whosaid::corpus::{from_reader, ReadOptions};

fn cases(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut cases: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn reader_regressions_stay_fixed() {
    let options = ReadOptions {
        max_doc_bytes: 4096,
        ..ReadOptions::default()
    };
    let mut checked = 0;
    for (target, name) in [
        ("jsonl", "input.jsonl"),
        ("csv", "input.csv"),
        ("gzip", "input.jsonl.gz"),
    ] {
        for (case, bytes) in cases(target) {
            let Ok(records) = from_reader(name, std::io::Cursor::new(bytes), &options) else {
                continue;
            };
            for record in records.take(10_000) {
                assert!(!record.id.is_empty(), "{target}/{case}: empty id");
                assert!(
                    record.text.len() <= 3 * options.max_doc_bytes || record.is_error(),
                    "{target}/{case}: text over the limit"
                );
                assert!(
                    !record.text.contains('\0'),
                    "{target}/{case}: NUL byte kept"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 1, "the kept crash inputs are found");
}

#[test]
fn analyze_regressions_stay_fixed() {
    let pipeline = whosaid::Pipeline::builtin().unwrap();
    for (case, bytes) in cases("analyze") {
        let text = String::from_utf8_lossy(&bytes);
        let analysis = pipeline.analyze(&text);
        for m in &analysis.mentions {
            assert!(
                text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end),
                "{case}"
            );
        }
    }
}
