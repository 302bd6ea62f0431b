//! `--shard K/N`: the shards of a corpus together hold exactly the documents of the whole run.

use std::collections::BTreeSet;

use crate::harness::Scratch;

const TEXTS: [&str; 4] = [
    "John Kerry flew to Iran on Monday.",
    "NATO officials met in Brussels.",
    "\"We are ready,\" Angela Merkel said in Germany.",
    "Nothing of note happened.",
];

/// The mention rows of a table, each as one string.
fn rows(table: &crate::harness::Table) -> BTreeSet<String> {
    table.rows.iter().map(|row| row.join("|")).collect()
}

#[test]
fn shards_partition_the_corpus() {
    let scratch = Scratch::new();
    let ids: Vec<String> = (0..60).map(|i| format!("wire-{i:03}")).collect();
    let docs: Vec<(&str, &str)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), TEXTS[i % TEXTS.len()]))
        .collect();
    scratch.write_jsonl("corpus.jsonl", &docs);
    let (run, whole) = scratch.extract_to("whole", &["corpus.jsonl"]);
    run.assert_code(0);

    let mut seen_ids = Vec::new();
    let mut seen_mentions = BTreeSet::new();
    let mut seen_quotes = BTreeSet::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let (run, part) =
            scratch.extract_to(&format!("part{k}"), &["corpus.jsonl", "--shard", &shard]);
        run.assert_code(0);
        let part_ids = part.documents().column("doc_id").join(",");
        assert!(
            !part_ids.is_empty(),
            "shard {shard} of 60 documents is empty"
        );
        // Within a shard, input order is kept.
        let positions: Vec<usize> = part
            .documents()
            .column("doc_id")
            .iter()
            .map(|id| ids.iter().position(|x| x == id).expect("a known id"))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        seen_ids.extend(
            part.documents()
                .column("doc_id")
                .iter()
                .map(|s| s.to_string()),
        );
        seen_mentions.extend(rows(&part.mentions()));
        seen_quotes.extend(rows(&part.quotes()));
    }
    seen_ids.sort();
    assert_eq!(seen_ids, ids, "every document in exactly one shard");
    assert_eq!(seen_mentions, rows(&whole.mentions()));
    assert_eq!(seen_quotes, rows(&whole.quotes()));
}

#[test]
fn a_document_stays_in_its_shard_across_runs() {
    let scratch = Scratch::new();
    let ids: Vec<String> = (0..20).map(|i| format!("d{i}")).collect();
    let docs: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), TEXTS[0])).collect();
    scratch.write_jsonl("corpus.jsonl", &docs);
    // The same ids in another order and another file land in the same shards.
    let reversed: Vec<(&str, &str)> = docs.iter().rev().copied().collect();
    scratch.write_jsonl("reversed.jsonl", &reversed);
    let (run, a) = scratch.extract_to("a", &["corpus.jsonl", "--shard", "2/4"]);
    run.assert_code(0);
    let (run, b) = scratch.extract_to("b", &["reversed.jsonl", "--shard", "2/4"]);
    run.assert_code(0);
    let set = |out: &crate::harness::Output| -> BTreeSet<String> {
        out.documents()
            .column("doc_id")
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    assert_eq!(set(&a), set(&b));
}
