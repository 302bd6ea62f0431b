//! Every input record gets its row in documents.csv, with a status, and an error message that
//! says where the problem is.

use crate::harness::{Scratch, Table};

fn status_and_error(documents: &Table, id: &str) -> (String, String) {
    let row = documents.row_where("doc_id", id);
    (row.get("status").to_owned(), row.get("error").to_owned())
}

#[test]
fn every_jsonl_line_is_a_row_with_its_problem() {
    let scratch = Scratch::new();
    let mut input: Vec<u8> = Vec::new();
    input.extend_from_slice(b"{\"id\":\"good\",\"text\":\"John Kerry flew to Iran.\"}\n");
    input.extend_from_slice(b"{\"id\":\"broken\",\"text\":\"no end\n");
    input.extend_from_slice(b"{\"id\":\"notext\",\"body\":\"Iran\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\":\"number\",\"text\":42}\n");
    input.extend_from_slice(b"{\"id\":\"latin1\",\"text\":\"Caf\xE9 in Iran\"}\n");
    input.extend_from_slice(b"{\"id\":\"blank\",\"text\":\"   \"}\n");
    input.extend_from_slice(b"{\"id\":\"good\",\"text\":\"NATO met.\"}\n");
    scratch.write("records.jsonl", &input);
    let (run, out) = scratch.extract(&["records.jsonl"]);
    run.assert_code(1);
    let documents = out.documents();
    // The malformed line has no id of its own: it is named after the file and line.
    assert_eq!(
        documents.column("doc_id"),
        [
            "good",
            "records:2",
            "notext",
            "number",
            "latin1",
            "blank",
            "good"
        ]
    );
    assert_eq!(
        documents.column("source"),
        [
            "records.jsonl:1",
            "records.jsonl:2",
            "records.jsonl:3",
            "records.jsonl:5",
            "records.jsonl:6",
            "records.jsonl:7",
            "records.jsonl:8"
        ]
    );
    assert_eq!(
        documents.column("status"),
        ["ok", "error", "error", "error", "warning", "warning", "warning"]
    );

    let (_, error) = status_and_error(&documents, "records:2");
    assert!(
        error.contains("line 2") && error.contains("JSON"),
        "{error}"
    );
    let (_, error) = status_and_error(&documents, "notext");
    assert!(
        error.contains("line 3") && error.contains("text"),
        "{error}"
    );
    let (_, error) = status_and_error(&documents, "number");
    assert!(
        error.contains("line 5") && error.contains("not a string"),
        "{error}"
    );
    let (_, error) = status_and_error(&documents, "latin1");
    assert!(
        error.contains("line 6") && error.contains("UTF-8"),
        "{error}"
    );
    let (_, error) = status_and_error(&documents, "blank");
    assert!(error.contains("empty"), "{error}");
    let duplicate = documents.rows_where("doc_id", "good");
    assert_eq!(duplicate[0].get("error"), "");
    assert!(
        duplicate[1].get("error").contains("duplicate"),
        "{duplicate:?}"
    );

    // Records with errors are not analysed; warnings are.
    for id in ["records:2", "notext", "number"] {
        let row = documents.row_where("doc_id", id);
        assert_eq!((row.num("chars"), row.num("mentions")), (0, 0), "{row:?}");
    }
    let mentions = out.mentions();
    let latin1 = mentions.rows_where("doc_id", "latin1");
    assert_eq!(latin1.len(), 1, "{latin1:?}");
    assert_eq!(latin1[0].get("text"), "Iran");
    assert_eq!(
        latin1[0].num("start"),
        8,
        "the replacement character counts as one"
    );
    assert_eq!(mentions.rows_where("doc_id", "good").len(), 3);
}

#[test]
fn every_file_of_a_directory_is_a_row_with_its_problem() {
    let scratch = Scratch::new();
    scratch.write("corpus/a-good.txt", "Angela Merkel visited Iran.");
    scratch.write("corpus/b-empty.txt", "");
    scratch.write(
        "corpus/c-binary.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01",
    );
    scratch.write("corpus/d-latin1.txt", b"Caf\xE9 society in Germany.");
    scratch.write("corpus/e-bom.txt", "\u{feff}NATO met.");
    let (run, out) = scratch.extract(&["corpus"]);
    run.assert_code(1);
    let documents = out.documents();
    assert_eq!(
        documents.column("doc_id"),
        ["a-good", "b-empty", "c-binary", "d-latin1", "e-bom"]
    );
    assert_eq!(
        documents.column("status"),
        ["ok", "warning", "error", "warning", "ok"]
    );
    assert!(status_and_error(&documents, "b-empty").1.contains("empty"));
    assert!(status_and_error(&documents, "c-binary")
        .1
        .contains("binary"));
    assert!(status_and_error(&documents, "d-latin1").1.contains("UTF-8"));
    // The byte order mark is not text: NATO starts at 0.
    let mentions = out.mentions();
    let nato = mentions.row_where("doc_id", "e-bom");
    assert_eq!((nato.num("start"), nato.get("text")), (0, "NATO"));
    assert_eq!(documents.row_where("doc_id", "e-bom").num("chars"), 9);
}

#[test]
fn an_empty_jsonl_file_has_no_records() {
    let scratch = Scratch::new();
    scratch.write("empty.jsonl", "");
    scratch.write_jsonl("one.jsonl", &[("x", "Iran.")]);
    let (run, out) = scratch.extract(&["empty.jsonl", "one.jsonl"]);
    run.assert_code(0);
    assert_eq!(out.documents().column("doc_id"), ["x"]);
}

#[test]
fn csv_rows_with_problems_are_rows_too() {
    let scratch = Scratch::new();
    let mut input = b"id,text\nr1,John Kerry flew to Iran.\nr2\nr3,\"Caf".to_vec();
    input.extend_from_slice(b"\xE9 in Iran\"\n,NATO met.\n");
    scratch.write("rows.csv", &input);
    let (run, out) = scratch.extract(&["rows.csv"]);
    run.assert_code(1);
    let documents = out.documents();
    assert_eq!(documents.column("doc_id"), ["r1", "rows:2", "r3", "rows:4"]);
    assert_eq!(documents.column("status"), ["ok", "error", "warning", "ok"]);
    let (_, error) = status_and_error(&documents, "rows:2");
    assert!(error.contains("row 2"), "{error}");
    let (_, error) = status_and_error(&documents, "r3");
    assert!(
        error.contains("row 3") && error.contains("UTF-8"),
        "{error}"
    );
}

#[test]
fn oversized_documents_are_errors() {
    let scratch = Scratch::new();
    let large = "Iran and NATO. ".repeat(20);
    scratch.write_jsonl("sizes.jsonl", &[("small", "Iran."), ("large", &large)]);
    scratch.write("dir/large.txt", &large);
    scratch.write("dir/small.txt", "Iran.");
    let (run, out) = scratch.extract(&["sizes.jsonl", "dir", "--max-doc-bytes", "100"]);
    run.assert_code(1);
    let documents = out.documents();
    // An oversized JSONL line is skipped unparsed, so its id is the file and line.
    assert_eq!(
        documents.column("doc_id"),
        ["small", "sizes:2", "large", "small"]
    );
    assert_eq!(
        documents.column("status"),
        ["ok", "error", "error", "warning"]
    );
    for id in ["sizes:2", "large"] {
        let (_, error) = status_and_error(&documents, id);
        assert!(error.contains("max-doc-bytes 100"), "{error}");
    }
    let (_, error) = status_and_error(&documents, "sizes:2");
    assert!(error.contains("line 2"), "{error}");
}
