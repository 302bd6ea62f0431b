//! `whosaid stream`: one JSON line per input document, in input order.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::harness::{jsonl, Scratch, BIN};

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

#[test]
fn stream_writes_one_line_per_document_in_input_order() {
    let scratch = Scratch::new();
    let input = jsonl(&[
        (
            "s1",
            "\"We are ready,\" Mr Kerry said after John Kerry reached Iran.",
        ),
        ("s2", "Nothing here."),
        ("s3", "NATO met in Brussels."),
    ]);
    let run = scratch.cmd().arg("stream").stdin(input).run();
    run.assert_code(0);
    let docs = lines(&run.stdout);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["s1", "s2", "s3"]);
    for doc in &docs {
        assert_eq!(doc["status"], "ok");
        assert!(doc["error"].is_null());
        assert!(
            doc["mentions"].is_array() && doc["quotes"].is_array(),
            "{doc}"
        );
    }
    assert_eq!(docs[0]["source"], "-:1");
    let mention = &docs[2]["mentions"][0];
    assert_eq!(mention["text"], "NATO");
    assert_eq!(mention["start"], 0);
    assert_eq!(mention["end"], 4);
    assert_eq!(mention["type"], "ORG");
    assert!(mention["entity_id"].is_string() && mention["canonical"].is_string());
    assert_eq!(mention["form"], "acronym");
    let quote = &docs[0]["quotes"][0];
    assert_eq!(quote["text"], "We are ready,");
    assert_eq!(quote["kind"], "direct");
    assert_eq!(quote["speaker"], "John Kerry");
    assert_eq!(quote["speaker_text"], "Kerry");
    assert_eq!(docs[1]["mentions"].as_array().unwrap().len(), 0);
}

#[test]
fn stream_agrees_with_extract() {
    let scratch = Scratch::new();
    let docs = [
        (
            "a",
            "Angela Merkel met Recep Tayyip Erdoğan in Germany. “Yes,” Merkel said.",
        ),
        ("b", "Iran and NATO."),
    ];
    scratch.write_jsonl("docs.jsonl", &docs);
    let streamed = scratch.cmd().args(["stream", "docs.jsonl"]).run();
    streamed.assert_code(0);
    let streamed = lines(&streamed.stdout);
    let (run, out) = scratch.extract(&["docs.jsonl"]);
    run.assert_code(0);
    let mut from_stream = Vec::new();
    for doc in &streamed {
        for mention in doc["mentions"].as_array().unwrap() {
            from_stream.push(vec![
                doc["id"].as_str().unwrap().to_owned(),
                mention["start"].to_string(),
                mention["end"].to_string(),
                mention["text"].as_str().unwrap().to_owned(),
                mention["type"].as_str().unwrap().to_owned(),
                mention["entity_id"].as_str().unwrap().to_owned(),
                mention["canonical"].as_str().unwrap().to_owned(),
                mention["form"].as_str().unwrap().to_owned(),
            ]);
        }
    }
    assert_eq!(from_stream, out.mentions().rows);
}

#[test]
fn stream_reports_bad_records_and_exits_1() {
    let scratch = Scratch::new();
    let input = "{\"id\":\"a\",\"text\":\"Iran.\"}\nnot json\n{\"id\":\"c\",\"text\":\"NATO.\"}\n";
    let run = scratch.cmd().arg("stream").stdin(input).run();
    run.assert_code(1);
    let docs = lines(&run.stdout);
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1]["status"], "error");
    assert!(
        docs[1]["error"].as_str().unwrap().contains("line 2"),
        "{}",
        docs[1]
    );
    assert_eq!(docs[2]["id"], "c");
    assert_eq!(docs[2]["status"], "ok");
}

#[test]
fn stream_exits_0_when_the_reader_stops_early() {
    let scratch = Scratch::new();
    let text =
        "\"We are ready,\" Mr Kerry said after John Kerry reached Iran. NATO agreed. ".repeat(20);
    let ids: Vec<String> = (0..3000).map(|i| format!("doc-{i}")).collect();
    let docs: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), text.as_str())).collect();
    let input = scratch.write_jsonl("many.jsonl", &docs);
    let mut child = Command::new(BIN)
        .arg("stream")
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run whosaid stream");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    let first: Value = serde_json::from_str(&first).expect("a JSON line");
    assert_eq!(first["id"], "doc-0");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
