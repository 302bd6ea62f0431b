//! `whosaid eval` on a tiny gold file of our own.

use serde_json::Value;

use crate::harness::Scratch;

fn gold() -> String {
    let text = "John Kerry flew to Iran on Monday. \"We are ready,\" Mr Kerry said.";
    let span = |part: &str, from: usize| {
        let at = text[from..].find(part).unwrap() + from;
        (at, at + part.len())
    };
    let (kerry, iran, quote) = (
        span("John Kerry", 0),
        span("Iran", 0),
        span("We are ready,", 0),
    );
    let short = span("Kerry", kerry.1);
    serde_json::json!({
        "id": "gold-1",
        "text": text,
        "entities": [
            {"start": kerry.0, "end": kerry.1, "type": "PERSON", "canonical": "John Kerry"},
            {"start": iran.0, "end": iran.1, "type": "COUNTRY", "canonical": "Iran"},
            {"start": short.0, "end": short.1, "type": "PERSON", "canonical": "John Kerry"},
        ],
        "quotes": [
            {"start": quote.0, "end": quote.1, "kind": "direct", "speaker": "John Kerry"},
        ],
    })
    .to_string()
        + "\n"
}

fn figures(value: &Value) {
    for key in ["p", "r", "f1", "tp", "fp", "fn"] {
        assert!(value[key].is_number(), "{key} in {value}");
    }
}

#[test]
fn eval_prints_one_json_line_with_the_scores() {
    let scratch = Scratch::new();
    scratch.write("tiny.gold.jsonl", gold());
    let run = scratch
        .cmd()
        .args(["eval", "tiny.gold.jsonl", "--json"])
        .run();
    run.assert_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let scores: Value = serde_json::from_str(lines[0]).expect("a JSON line");
    assert_eq!(scores["gold"], "tiny.gold.jsonl");
    assert_eq!(scores["documents"], 1);
    for key in ["PERSON", "COUNTRY", "micro"] {
        figures(&scores["entities"][key]);
    }
    for key in [
        "direct_detection",
        "direct_attribution",
        "indirect_detection",
        "indirect_attribution",
    ] {
        figures(&scores["quotes"][key]);
    }
    // The pipeline finds all three names and the quote with its speaker in this easy text.
    let micro = &scores["entities"]["micro"];
    assert_eq!(
        (micro["tp"].as_u64(), micro["fn"].as_u64()),
        (Some(3), Some(0)),
        "{micro}"
    );
    let detection = &scores["quotes"]["direct_detection"];
    assert_eq!(detection["tp"], 1, "{detection}");
    assert_eq!(scores["quotes"]["direct_attribution"]["tp"], 1);
}

#[test]
fn eval_without_json_flag_prints_a_table_then_the_json_line() {
    let scratch = Scratch::new();
    scratch.write("tiny.gold.jsonl", gold());
    let run = scratch.cmd().args(["eval", "tiny.gold.jsonl"]).run();
    run.assert_code(0);
    assert!(run.stdout.contains("1 documents"), "{}", run.stdout);
    assert!(run.stdout.contains("entities PERSON"), "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap();
    let scores: Value = serde_json::from_str(last).expect("the last line is JSON");
    assert_eq!(scores["documents"], 1);
}

#[test]
fn eval_names_a_bad_gold_line() {
    let scratch = Scratch::new();
    scratch.write("bad.gold.jsonl", format!("{}{{\"id\": 3", gold()));
    let run = scratch.cmd().args(["eval", "bad.gold.jsonl"]).run();
    run.assert_code(2);
    assert!(run.stderr.contains("bad.gold.jsonl"), "{}", run.stderr);
    assert!(run.stderr.contains('2'), "{}", run.stderr);
}
