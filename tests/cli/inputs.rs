//! Each kind of input: a directory tree of `.txt`, JSONL (plain and gzip), CSV, one `.txt` file
//! and JSONL on standard input.

use std::io::Write as _;

use crate::harness::{jsonl, root, Cmd, Scratch, FILES};

const KERRY: &str = "John Kerry flew to Iran on Monday.";
const NATO: &str = "NATO officials met in Brussels.";
const MERKEL: &str = "Angela Merkel spoke about Germany.";

/// `(doc_id, text)` of every mention row.
fn mention_texts(table: &crate::harness::Table) -> Vec<(String, String)> {
    table
        .iter()
        .map(|row| (row.get("doc_id").to_owned(), row.get("text").to_owned()))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn directory_ids_are_relative_paths_with_slashes_in_path_order() {
    let scratch = Scratch::new();
    scratch.write("corpus/zeta.txt", MERKEL);
    scratch.write("corpus/asia/iran.txt", KERRY);
    scratch.write("corpus/europe/nato/summit.txt", NATO);
    scratch.write(
        "corpus/europe/notes.md",
        "Iran is not read from a .md file.",
    );
    scratch.write("corpus/europe/data.json", r#"{"text": "Iran"}"#);
    let (run, out) = scratch.extract(&["corpus"]);
    run.assert_code(0);
    let documents = out.documents();
    assert_eq!(
        documents.column("doc_id"),
        ["asia/iran", "europe/nato/summit", "zeta"]
    );
    let source = documents.row_where("doc_id", "europe/nato/summit");
    assert!(
        source.get("source").ends_with("summit.txt"),
        "source names the file: {source:?}"
    );
    assert_eq!(
        mention_texts(&out.mentions()),
        pairs(&[
            ("asia/iran", "John Kerry"),
            ("asia/iran", "Iran"),
            ("europe/nato/summit", "NATO"),
            ("zeta", "Angela Merkel"),
            ("zeta", "Germany"),
        ])
    );
}

#[test]
fn gzipped_text_files_in_a_directory_are_read() {
    let scratch = Scratch::new();
    scratch.write("corpus/a.txt", KERRY);
    scratch.write("corpus/b.txt.gz", gzip(NATO.as_bytes()));
    let (run, out) = scratch.extract(&["corpus"]);
    run.assert_code(0);
    assert_eq!(out.documents().column("doc_id"), ["a", "b"]);
    assert_eq!(out.mentions().rows_where("doc_id", "b").len(), 1);
}

#[test]
fn jsonl_ids_texts_and_sources() {
    let scratch = Scratch::new();
    scratch.write_jsonl("news.jsonl", &[("k1", KERRY), ("n1", NATO)]);
    let (run, out) = scratch.extract(&["news.jsonl"]);
    run.assert_code(0);
    let documents = out.documents();
    assert_eq!(documents.column("doc_id"), ["k1", "n1"]);
    assert_eq!(documents.column("source"), ["news.jsonl:1", "news.jsonl:2"]);
    assert_eq!(
        documents.column("chars"),
        [KERRY.len().to_string(), NATO.len().to_string()]
    );
    assert_eq!(
        mention_texts(&out.mentions()),
        pairs(&[("k1", "John Kerry"), ("k1", "Iran"), ("n1", "NATO")])
    );
}

#[test]
fn jsonl_with_other_field_names() {
    let scratch = Scratch::new();
    let line = serde_json::json!({"key": "x7", "body": KERRY, "text": "ignored"});
    scratch.write("custom.jsonl", format!("{line}\n"));
    let (run, out) =
        scratch.extract(&["custom.jsonl", "--id-field", "key", "--text-field", "body"]);
    run.assert_code(0);
    assert_eq!(out.documents().column("doc_id"), ["x7"]);
    assert_eq!(out.mentions().column("text"), ["John Kerry", "Iran"]);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

#[test]
fn jsonl_gz_gives_the_same_rows_as_plain_jsonl() {
    let scratch = Scratch::new();
    let docs = [("k1", KERRY), ("n1", NATO), ("m1", MERKEL)];
    scratch.write("plain/news.jsonl", jsonl(&docs));
    scratch.write("packed/news.jsonl.gz", gzip(jsonl(&docs).as_bytes()));
    let (run, plain) = scratch.extract_to("out-plain", &["plain/news.jsonl"]);
    run.assert_code(0);
    let (run, packed) = scratch.extract_to("out-gz", &["packed/news.jsonl.gz"]);
    run.assert_code(0);
    assert_eq!(packed.documents().column("doc_id"), ["k1", "n1", "m1"]);
    assert_eq!(
        packed.documents().column("source"),
        [
            "packed/news.jsonl.gz:1",
            "packed/news.jsonl.gz:2",
            "packed/news.jsonl.gz:3"
        ]
    );
    for name in ["mentions.csv", "quotes.csv", "entities.csv"] {
        assert_eq!(plain.text(name), packed.text(name), "{name}");
    }
}

#[test]
fn csv_with_named_id_and_text_columns() {
    let scratch = Scratch::new();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["section", "key", "body"]).unwrap();
    writer.write_record(["world", "r1", KERRY]).unwrap();
    // A text with a comma, quotes and a line break, which CSV quoting must carry.
    let quoted = "\"We are ready,\" Mr Kerry said.\nJohn Kerry, in Iran, smiled.";
    writer.write_record(["world", "r2", quoted]).unwrap();
    scratch.write("table.csv", writer.into_inner().unwrap());
    let (run, out) = scratch.extract(&["table.csv", "--id-column", "key", "--text-column", "body"]);
    run.assert_code(0);
    let documents = out.documents();
    assert_eq!(documents.column("doc_id"), ["r1", "r2"]);
    assert_eq!(
        documents.row_where("doc_id", "r2").num("chars"),
        quoted.chars().count()
    );
    assert!(out
        .mentions()
        .rows_where("doc_id", "r2")
        .iter()
        .any(|row| row.get("text") == "Iran"));
}

#[test]
fn csv_without_the_named_column_is_refused() {
    let scratch = Scratch::new();
    scratch.write("table.csv", "id,content\n1,Iran\n");
    let (run, out) = scratch.extract(&["table.csv"]);
    run.assert_code(2);
    assert!(run.stderr.contains("text"), "{}", run.stderr);
    assert!(!out.dir.exists(), "nothing is written");
}

#[test]
fn single_text_file_is_one_document_named_by_its_stem() {
    let scratch = Scratch::new();
    scratch.write("dispatch-42.txt", KERRY);
    let (run, out) = scratch.extract(&["dispatch-42.txt"]);
    run.assert_code(0);
    assert_eq!(out.documents().column("doc_id"), ["dispatch-42"]);
    assert_eq!(out.mentions().column("text"), ["John Kerry", "Iran"]);
}

#[test]
fn stdin_reads_jsonl() {
    let scratch = Scratch::new();
    let run = scratch
        .cmd()
        .args(["extract", "-", "-o", "out", "--quiet"])
        .stdin(jsonl(&[("s1", NATO), ("s2", KERRY)]))
        .run();
    run.assert_code(0);
    let out = crate::harness::Output::new(scratch.join("out"));
    let documents = out.documents();
    assert_eq!(documents.column("doc_id"), ["s1", "s2"]);
    assert_eq!(documents.column("source"), ["-:1", "-:2"]);
    assert_eq!(
        out.mentions().column("text"),
        ["NATO", "John Kerry", "Iran"]
    );
}

#[test]
fn several_inputs_are_read_in_the_order_given() {
    let scratch = Scratch::new();
    scratch.write_jsonl("b.jsonl", &[("j1", NATO)]);
    scratch.write("a.txt", KERRY);
    let (run, out) = scratch.extract(&["b.jsonl", "a.txt"]);
    run.assert_code(0);
    assert_eq!(out.documents().column("doc_id"), ["j1", "a"]);
}

#[test]
fn sample_jsonl_matches_sample_directory() {
    let scratch = Scratch::new();
    let dir = scratch.join("from-dir");
    let file = scratch.join("from-jsonl");
    for (input, out) in [
        ("samples/articles", &dir),
        ("samples/articles.jsonl", &file),
    ] {
        Cmd::new(root())
            .arg("extract")
            .arg(input)
            .arg("-o")
            .arg(out)
            .arg("--quiet")
            .run()
            .assert_code(0);
    }
    let dir = crate::harness::Output::new(dir);
    let file = crate::harness::Output::new(file);
    for name in FILES {
        if name == "documents.csv" {
            // Only the sources differ.
            assert_eq!(
                dir.documents().column("doc_id"),
                file.documents().column("doc_id")
            );
            assert_eq!(
                dir.documents().column("chars"),
                file.documents().column("chars")
            );
        } else {
            crate::harness::assert_same_text(name, &dir.text(name), &file.text(name));
        }
    }
}
