//! Exit codes: 0 when every document was read, 1 when some failed, 2 when the run could not
//! start (and then nothing is written).

use crate::harness::Scratch;

const GOOD: &str = "{\"id\":\"a\",\"text\":\"John Kerry flew to Iran.\"}\n";

#[test]
fn all_documents_read_exits_0() {
    let scratch = Scratch::new();
    scratch.write("ok.jsonl", GOOD);
    let (run, out) = scratch.extract(&["ok.jsonl"]);
    run.assert_code(0);
    assert_eq!(out.documents().column("status"), ["ok"]);
}

#[test]
fn warnings_only_exit_0() {
    let scratch = Scratch::new();
    scratch.write("dup.jsonl", format!("{GOOD}{GOOD}"));
    let (run, out) = scratch.extract(&["dup.jsonl"]);
    run.assert_code(0);
    assert_eq!(out.documents().column("status"), ["ok", "warning"]);
}

#[test]
fn a_malformed_line_exits_1_and_the_rest_is_written() {
    let scratch = Scratch::new();
    scratch.write(
        "mixed.jsonl",
        format!("{GOOD}{{\"id\": \"b\", \"text\": \n"),
    );
    let (run, out) = scratch.extract(&["mixed.jsonl"]);
    run.assert_code(1);
    assert_eq!(out.documents().column("status"), ["ok", "error"]);
    assert_eq!(out.mentions().column("doc_id"), ["a", "a"]);
}

#[test]
fn a_missing_input_exits_2_and_writes_nothing() {
    let scratch = Scratch::new();
    scratch.write("ok.jsonl", GOOD);
    let (run, out) = scratch.extract(&["ok.jsonl", "no-such-corpus"]);
    run.assert_code(2);
    assert!(run.stderr.contains("no-such-corpus"), "{}", run.stderr);
    assert!(!out.dir.exists(), "the output folder is not created");
}

#[test]
fn an_unknown_input_format_exits_2() {
    let scratch = Scratch::new();
    scratch.write("report.pdf", "%PDF-1.4");
    let (run, out) = scratch.extract(&["report.pdf"]);
    run.assert_code(2);
    assert!(run.stderr.contains("report.pdf"), "{}", run.stderr);
    assert!(!out.dir.exists());
}

#[test]
fn a_bad_gazetteer_exits_2_and_writes_nothing() {
    let scratch = Scratch::new();
    scratch.write("ok.jsonl", GOOD);
    scratch.write(
        "bad.tsv",
        "id\ttype\tcanonical\talias\tform\nx:1\tPLANET\tMars\tMars\tname\n",
    );
    let (run, out) = scratch.extract(&["ok.jsonl", "--gazetteer", "bad.tsv"]);
    run.assert_code(2);
    assert!(run.stderr.contains("bad.tsv:2"), "{}", run.stderr);
    assert!(!out.dir.exists());
}

#[test]
fn a_missing_gazetteer_file_exits_2() {
    let scratch = Scratch::new();
    scratch.write("ok.jsonl", GOOD);
    let (run, out) = scratch.extract(&["ok.jsonl", "--gazetteer", "absent.tsv"]);
    run.assert_code(2);
    assert!(run.stderr.contains("absent.tsv"), "{}", run.stderr);
    assert!(!out.dir.exists());
}

#[test]
fn a_failed_run_leaves_earlier_output_alone() {
    let scratch = Scratch::new();
    scratch.write("ok.jsonl", GOOD);
    let (run, out) = scratch.extract(&["ok.jsonl"]);
    run.assert_code(0);
    let before = out.text("mentions.csv");
    let (run, _) = scratch.extract(&["missing.jsonl"]);
    run.assert_code(2);
    assert_eq!(out.text("mentions.csv"), before);
    let leftovers: Vec<_> = std::fs::read_dir(&out.dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn usage_errors_exit_2() {
    let scratch = Scratch::new();
    scratch.write("ok.jsonl", GOOD);
    let run = scratch.cmd().args(["extract", "ok.jsonl"]).run();
    run.assert_code(2);
    let run = scratch
        .cmd()
        .args(["extract", "ok.jsonl", "-o", "out", "--shard", "4/3"])
        .run();
    run.assert_code(2);
    assert!(!scratch.join("out").exists());
}

#[test]
fn an_output_path_that_is_a_file_exits_2() {
    let scratch = Scratch::new();
    scratch.write("ok.jsonl", GOOD);
    scratch.write("taken", "not a folder");
    let run = scratch
        .cmd()
        .args(["extract", "ok.jsonl", "-o", "taken", "--quiet"])
        .run();
    run.assert_code(2);
    assert!(run.stderr.contains("taken"), "{}", run.stderr);
}

#[test]
fn output_errors_name_the_cause_once() {
    let scratch = Scratch::new();
    scratch.write("ok.jsonl", GOOD);
    scratch.write("taken", "not a folder");
    let run = scratch
        .cmd()
        .args(["extract", "ok.jsonl", "-o", "taken", "--quiet"])
        .run();
    assert_eq!(run.stderr.matches("os error").count(), 1, "{}", run.stderr);
}
