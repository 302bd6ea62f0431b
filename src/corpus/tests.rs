use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;
use tempfile::TempDir;

use super::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn read_all(input: &str, options: &ReadOptions) -> Vec<Record> {
    open(input, options).unwrap().collect()
}

fn read(input: &str) -> Vec<Record> {
    read_all(input, &ReadOptions::default())
}

fn message(record: &Record) -> &str {
    record.problem.as_ref().map_or("", |p| p.message.as_str())
}

#[test]
fn records_are_send() {
    fn is_send<T: Send>() {}
    is_send::<Records>();
}

#[test]
fn jsonl_reads_ids_texts_and_skips_blank_lines() {
    let dir = TempDir::new().unwrap();
    let input = write(
        dir.path(),
        "news.jsonl",
        b"{\"id\":\"a\",\"text\":\"Hello\",\"extra\":[1,{\"x\":2}]}\n\n  \r\n{\"id\":17,\"text\":\"Two\"}\r\n{\"text\":\"Three\"}",
    );
    let records = read(&input);
    assert_eq!(records.len(), 3);
    assert_eq!(
        (records[0].id.as_str(), records[0].text.as_str()),
        ("a", "Hello")
    );
    assert_eq!(records[0].source, format!("{input}:1"));
    assert_eq!(
        (records[1].id.as_str(), records[1].text.as_str()),
        ("17", "Two")
    );
    assert_eq!(records[2].id, "news:5");
    assert_eq!(records[2].source, format!("{input}:5"));
    assert!(records.iter().all(|r| r.status() == Status::Ok));
}

#[test]
fn jsonl_bad_lines_are_error_records_and_the_stream_goes_on() {
    let dir = TempDir::new().unwrap();
    let input = write(
        dir.path(),
        "bad.ndjson",
        b"{\"id\":\"a\"}\n{\"id\":\"b\",\"text\":5}\n{\"id\":\"c\",\"text\":\noops\n[1]\n{\"id\":\"f\",\"text\":\"fine\"}\n",
    );
    let records = read(&input);
    let messages: Vec<_> = records.iter().map(message).collect();
    assert_eq!(messages[0], "line 1: field \"text\" is missing");
    assert_eq!(records[0].id, "a");
    assert_eq!(
        messages[1],
        "line 2: field \"text\" is not a string (number)"
    );
    assert!(
        messages[2].starts_with("line 3: invalid JSON: EOF while parsing"),
        "{}",
        messages[2]
    );
    assert_eq!(
        messages[3],
        "line 4: invalid JSON: expected value at column 1"
    );
    assert!(messages[4]
        .starts_with("line 5: invalid JSON: invalid type: sequence, expected a JSON object"));
    assert_eq!(records[2].id, "bad:3");
    assert!(records[..5]
        .iter()
        .all(|r| r.is_error() && r.text.is_empty()));
    assert_eq!(
        (records[5].id.as_str(), records[5].status()),
        ("f", Status::Ok)
    );
}

#[test]
fn jsonl_invalid_utf8_is_a_warning_for_that_line_only() {
    let dir = TempDir::new().unwrap();
    let input = write(
        dir.path(),
        "x.jsonl",
        b"{\"id\":\"a\",\"text\":\"caf\xE9\"}\n{\"id\":\"b\",\"text\":\"ok\"}\n",
    );
    let records = read(&input);
    assert_eq!(records[0].text, "caf\u{FFFD}");
    assert_eq!(records[0].status(), Status::Warning);
    assert_eq!(
        message(&records[0]),
        "line 1: invalid UTF-8 at byte 21, decoded with replacement characters"
    );
    assert_eq!(records[1].status(), Status::Ok);
}

#[test]
fn jsonl_over_long_line_is_refused_without_stopping() {
    let dir = TempDir::new().unwrap();
    let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "x".repeat(100_000));
    let content =
        format!("{{\"id\":\"a\",\"text\":\"A\"}}\n{long}\n{{\"id\":\"c\",\"text\":\"C\"}}\n");
    let input = write(dir.path(), "x.jsonl", content.as_bytes());
    let options = ReadOptions {
        max_doc_bytes: 1000,
        ..ReadOptions::default()
    };
    let records = read_all(&input, &options);
    assert_eq!(records.len(), 3);
    assert!(records[1].is_error());
    assert_eq!(
        message(&records[1]),
        format!(
            "line 2: document is {} bytes, over --max-doc-bytes 1000",
            long.len()
        )
    );
    assert_eq!(records[2].text, "C");
}

#[test]
fn jsonl_control_characters_and_empty_text_are_warnings() {
    let dir = TempDir::new().unwrap();
    let input = write(
        dir.path(),
        "x.jsonl",
        b"{\"id\":\"a\",\"text\":\"a\\u0000b\\u0007\"}\n{\"id\":\"b\",\"text\":\"  \"}\n",
    );
    let records = read(&input);
    assert_eq!(records[0].text, "a b ");
    assert_eq!(
        message(&records[0]),
        "2 control characters replaced by spaces"
    );
    assert_eq!(message(&records[1]), "empty document");
    assert_eq!(records[1].status(), Status::Warning);
}

#[test]
fn jsonl_custom_fields_and_bom() {
    let dir = TempDir::new().unwrap();
    let input = write(
        dir.path(),
        "x.jsonl",
        b"\xEF\xBB\xBF{\"doc\":\"a\",\"body\":\"A\",\"text\":1}\n",
    );
    let options = ReadOptions {
        id_field: "doc".into(),
        text_field: "body".into(),
        ..ReadOptions::default()
    };
    let records = read_all(&input, &options);
    assert_eq!(
        (records[0].id.as_str(), records[0].text.as_str()),
        ("a", "A")
    );
    assert_eq!(records[0].status(), Status::Ok);
}

#[test]
fn jsonl_gzip_and_truncated_gzip() {
    let dir = TempDir::new().unwrap();
    let mut content = String::new();
    for i in 0..2000 {
        content.push_str(&format!(
            "{{\"id\":{i},\"text\":\"document number {i}\"}}\n"
        ));
    }
    let packed = gzip(content.as_bytes());
    let whole = write(dir.path(), "all.jsonl.gz", &packed);
    let records = read(&whole);
    assert_eq!(records.len(), 2000);
    assert_eq!(records[1999].text, "document number 1999");

    let cut = write(dir.path(), "cut.jsonl.gz", &packed[..packed.len() / 2]);
    let records = read(&cut);
    let (last, good) = records.split_last().unwrap();
    assert!(!good.is_empty() && good.iter().all(|r| r.status() == Status::Ok));
    assert!(last.is_error());
    assert!(message(last).starts_with("gzip stream is corrupt or truncated at line "));
    assert_eq!(last.id, format!("cut:{}", good.len() + 1));
}

#[test]
fn csv_reads_columns_and_reports_ragged_rows() {
    let dir = TempDir::new().unwrap();
    let input = write(
        dir.path(),
        "x.csv",
        b"\xEF\xBB\xBFid,title,text\n1,T,\"Line one,\nline two\"\n2,T\n3,T,third,extra\n,T,no id\n4,T,caf\xE9\n",
    );
    let records = read(&input);
    assert_eq!(records.len(), 5);
    assert_eq!(records[0].text, "Line one,\nline two");
    assert_eq!(records[0].source, format!("{input}:row 1"));
    assert_eq!(message(&records[1]), "row 2 has 2 fields, expected 3");
    assert!(records[1].is_error());
    assert_eq!(records[2].text, "third");
    assert_eq!(records[2].status(), Status::Warning);
    assert_eq!(message(&records[2]), "row 3 has 4 fields, expected 3");
    assert_eq!(records[3].id, "x:4");
    assert_eq!(records[4].text, "caf\u{FFFD}");
    assert_eq!(
        message(&records[4]),
        "row 5: invalid UTF-8 at byte 3, decoded with replacement characters"
    );
}

#[test]
fn csv_without_the_column_is_fatal() {
    let dir = TempDir::new().unwrap();
    let input = write(dir.path(), "x.csv", b"id,body\n1,x\n");
    let error = open(&input, &ReadOptions::default()).unwrap_err();
    assert!(matches!(error, CorpusError::MissingColumn { ref column, .. } if column == "text"));
    assert!(error.to_string().contains("(columns: id, body)"), "{error}");
}

#[test]
fn csv_gzip() {
    let dir = TempDir::new().unwrap();
    let input = write(dir.path(), "x.csv.gz", &gzip(b"text,id\nhello,h\n"));
    let records = read(&input);
    assert_eq!(
        (records[0].id.as_str(), records[0].text.as_str()),
        ("h", "hello")
    );
}

#[test]
fn csv_truncated_gzip_keeps_the_rows_read() {
    let dir = TempDir::new().unwrap();
    let mut content = String::from("id,text\n");
    for i in 0..2000 {
        content.push_str(&format!("{i},row number {i}\n"));
    }
    let packed = gzip(content.as_bytes());
    let input = write(dir.path(), "cut.csv.gz", &packed[..packed.len() / 2]);
    let records = read(&input);
    let (last, good) = records.split_last().unwrap();
    assert!(!good.is_empty() && good.iter().all(|r| r.status() == Status::Ok));
    assert!(message(last).starts_with("gzip stream is corrupt or truncated at row "));
    assert_eq!(last.source, format!("{input}:row {}", good.len() + 1));
}

#[test]
fn text_file_is_one_document() {
    let dir = TempDir::new().unwrap();
    let input = write(dir.path(), "story.txt", "\u{FEFF}Zürich\u{1}".as_bytes());
    let records = read(&input);
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0].id.as_str(), records[0].text.as_str()),
        ("story", "Zürich ")
    );
    assert_eq!(records[0].source, input);
    assert_eq!(records[0].status(), Status::Warning);

    let packed = write(dir.path(), "other.txt.gz", &gzip(b"compressed"));
    let records = read(&packed);
    assert_eq!(
        (records[0].id.as_str(), records[0].text.as_str()),
        ("other", "compressed")
    );
}

#[test]
fn text_file_problems() {
    let dir = TempDir::new().unwrap();
    let options = ReadOptions {
        max_doc_bytes: 100,
        ..ReadOptions::default()
    };
    let binary = write(dir.path(), "bin.txt", b"abc\0def");
    assert_eq!(message(&read(&binary)[0]), "binary file (NUL bytes)");
    let empty = write(dir.path(), "empty.txt", b" \n ");
    let record = &read(&empty)[0];
    assert_eq!(
        (message(record), record.status()),
        ("empty document", Status::Warning)
    );
    let big = write(dir.path(), "big.txt", &[b'a'; 101]);
    let record = &read_all(&big, &options)[0];
    assert_eq!(
        message(record),
        "document is 101 bytes, over --max-doc-bytes 100"
    );
    assert!(record.is_error() && record.text.is_empty());
    let big_gz = write(dir.path(), "big.txt.gz", &gzip(&[b'a'; 1000]));
    let record = &read_all(&big_gz, &options)[0];
    assert_eq!(
        message(record),
        "document is more than 100 bytes, over --max-doc-bytes 100"
    );
    let corrupt = write(dir.path(), "bad.txt.gz", b"not gzip at all");
    let record = &read(&corrupt)[0];
    assert!(
        message(record).starts_with("gzip stream is corrupt: "),
        "{}",
        message(record)
    );
    let invalid = write(dir.path(), "latin.txt", b"na\xEFve");
    let record = &read(&invalid)[0];
    assert_eq!(
        message(record),
        "invalid UTF-8 at byte 2, decoded with replacement characters"
    );
}

#[test]
fn missing_and_unknown_inputs_are_fatal() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nope.jsonl");
    let error = open(&missing.to_string_lossy(), &ReadOptions::default()).unwrap_err();
    assert!(matches!(error, CorpusError::NotFound { .. }));
    let other = write(dir.path(), "x.pdf", b"%PDF");
    assert!(matches!(
        open(&other, &ReadOptions::default()).unwrap_err(),
        CorpusError::UnknownFormat { .. }
    ));
    assert_eq!(InputKind::detect("-").unwrap(), InputKind::Stdin);
    let upper = write(dir.path(), "X.JSONL.GZ", &gzip(b""));
    assert_eq!(InputKind::detect(&upper).unwrap(), InputKind::Jsonl);
}

#[test]
fn directory_walk_is_recursive_sorted_and_filtered() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "b.txt", b"B");
    write(&root, "a/z.txt", b"AZ");
    write(&root, "a/c.txt.gz", &gzip(b"AC"));
    write(&root, "a-b.txt", b"AB");
    write(&root, "notes.md", b"skip");
    write(&root, "a/deeper/d.TXT", b"D");
    let input = root.to_string_lossy().into_owned();
    let records = read(&input);
    let ids: Vec<_> = records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["a/c", "a/deeper/d", "a/z", "a-b", "b"]);
    assert_eq!(records[0].text, "AC");
    assert_eq!(records[4].source, format!("{input}/b.txt"));
}

#[cfg(unix)]
#[test]
fn directory_walk_reports_dangling_links_and_follows_file_links() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("corpus");
    let outside = write(dir.path(), "outside.txt", b"linked");
    write(&root, "real.txt", b"R");
    symlink(&outside, root.join("link.txt")).unwrap();
    symlink(root.join("gone.txt"), root.join("dangling.txt")).unwrap();
    symlink(&root, root.join("loop")).unwrap();
    let records = read(&root.to_string_lossy());
    let summary: Vec<_> = records
        .iter()
        .map(|r| (r.id.as_str(), r.text.as_str(), message(r)))
        .collect();
    assert_eq!(
        summary,
        [
            ("dangling", "", "dangling symlink"),
            ("link", "linked", ""),
            ("real", "R", ""),
        ]
    );
}

#[cfg(unix)]
#[test]
fn directory_walk_reports_unreadable_entries() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "locked/a.txt", b"A");
    let secret = write(&root, "secret.txt", b"S");
    write(&root, "z.txt", b"Z");
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    // Permission bits do not stop root; the test then only checks the walk goes on.
    let privileged = fs::read(&secret).is_ok();
    let records = read(&root.to_string_lossy());
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    let last = records.last().unwrap();
    assert_eq!((last.id.as_str(), last.text.as_str()), ("z", "Z"));
    if !privileged {
        assert_eq!(records[0].id, "locked");
        assert_eq!(
            message(&records[0]),
            "unreadable directory: permission denied"
        );
        assert_eq!(records[1].id, "secret");
        assert_eq!(message(&records[1]), "unreadable: permission denied");
    }
}

#[test]
fn any_reader_can_be_a_corpus() {
    let data = b"{\"id\": \"a\", \"text\": \"one\"}\n{\"text\": 5}\n".to_vec();
    let records: Vec<Record> = from_reader(
        "feed.jsonl",
        std::io::Cursor::new(data),
        &ReadOptions::default(),
    )
    .unwrap()
    .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].text, "one");
    assert_eq!(records[1].id, "feed:2");
    assert!(records[1].is_error());
    let csv = b"id,text\nx,hello\n".to_vec();
    let records: Vec<Record> =
        from_reader("t.csv", std::io::Cursor::new(csv), &ReadOptions::default())
            .unwrap()
            .collect();
    assert_eq!(records[0].text, "hello");
    assert!(from_reader("t.pdf", std::io::empty(), &ReadOptions::default()).is_err());
}
