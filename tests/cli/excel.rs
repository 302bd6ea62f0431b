//! `--excel`: a byte order mark, CRLF line ends and formula cells guarded.

use crate::harness::{Scratch, FILES};

const DOCS: &[(&str, &str)] = &[
    (
        "=HYPERLINK(\"x\")",
        "John Kerry flew to Iran. \"We are ready,\" Mr Kerry said.",
    ),
    ("+plain", "NATO met in Brussels."),
    ("@home", "Nothing here."),
];

#[test]
fn excel_files_start_with_a_bom_and_end_lines_with_crlf() {
    let scratch = Scratch::new();
    scratch.write_jsonl("docs.jsonl", DOCS);
    let (run, out) = scratch.extract(&["docs.jsonl", "--excel"]);
    run.assert_code(0);
    for name in FILES {
        let text = out.text(name);
        assert!(text.starts_with("\u{feff}"), "{name} starts with a BOM");
        assert!(text.ends_with("\r\n"), "{name} ends with CRLF");
        let bare = text
            .match_indices('\n')
            .filter(|(at, _)| !text[..*at].ends_with('\r'));
        assert_eq!(
            bare.count(),
            0,
            "{name} has a line feed without CR:\n{text}"
        );
        // Still a CSV file for a reader that strips the BOM.
        assert!(!out.table(name).header.is_empty());
    }
}

#[test]
fn excel_guards_cells_that_look_like_formulas() {
    let scratch = Scratch::new();
    scratch.write_jsonl("docs.jsonl", DOCS);
    let (run, out) = scratch.extract(&["docs.jsonl", "--excel"]);
    run.assert_code(0);
    assert_eq!(
        out.documents().column("doc_id"),
        ["'=HYPERLINK(\"x\")", "'+plain", "'@home"]
    );
    let mention_ids = out.mentions().column("doc_id");
    assert!(
        mention_ids.iter().all(|id| id.starts_with('\'')),
        "{mention_ids:?}"
    );
}

#[test]
fn plain_output_has_no_bom_no_cr_and_no_guard() {
    let scratch = Scratch::new();
    scratch.write_jsonl("docs.jsonl", DOCS);
    let (run, out) = scratch.extract(&["docs.jsonl"]);
    run.assert_code(0);
    for name in FILES {
        let bytes = out.bytes(name);
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name}");
        assert!(!bytes.contains(&b'\r'), "{name}");
    }
    assert_eq!(
        out.documents().column("doc_id"),
        ["=HYPERLINK(\"x\")", "+plain", "@home"]
    );
}

#[test]
fn excel_and_plain_hold_the_same_rows() {
    let scratch = Scratch::new();
    scratch.write_jsonl("docs.jsonl", &DOCS[1..]);
    let (run, plain) = scratch.extract_to("plain", &["docs.jsonl"]);
    run.assert_code(0);
    let (run, excel) = scratch.extract_to("excel", &["docs.jsonl", "--excel"]);
    run.assert_code(0);
    for name in FILES {
        let unguard = |table: crate::harness::Table| -> Vec<Vec<String>> {
            table
                .rows
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|cell| cell.strip_prefix('\'').map(str::to_owned).unwrap_or(cell))
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            unguard(plain.table(name)),
            unguard(excel.table(name)),
            "{name}"
        );
    }
}

#[test]
fn excel_keeps_long_cells_whole() {
    let scratch = Scratch::new();
    let long = "We will keep talking about this for a very long time, ".repeat(700);
    let text = format!("\"{}\" John Kerry said.", long.trim_end());
    assert!(long.len() > 32_767);
    scratch.write_jsonl("long.jsonl", &[("long", &text)]);
    let (run, out) = scratch.extract(&["long.jsonl", "--excel"]);
    run.assert_code(0);
    let quotes = out.quotes();
    let quote = quotes.row_where("doc_id", "long");
    assert_eq!(quote.get("text"), long.trim_end());
    assert_eq!(quote.get("speaker"), "John Kerry");
}
