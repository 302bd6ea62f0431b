use std::fs;
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use tempfile::TempDir;

use super::*;
use crate::analysis::{Analysis, Entity, EntityType, Form, Mention, Quote, QuoteKind, Speaker};
use crate::corpus::{Problem, Record, Severity};
use crate::document::Span;

fn entity(id: &str, canonical: &str, kind: EntityType) -> Entity {
    Entity {
        id: Arc::from(id),
        canonical: Arc::from(canonical),
        kind,
    }
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap();
    Span::new(start, start + needle.len())
}

fn record(id: &str, text: &str) -> Record {
    Record {
        id: id.into(),
        source: format!("{id}.txt"),
        text: text.into(),
        problem: None,
    }
}

/// «Erdoğan» and a resolved and an unresolved quote, in non-ASCII text.
fn sample() -> (Record, Analysis) {
    let text = "Erdoğan said: «Türkiye first». He added: «No».";
    let analysis = Analysis {
        entities: vec![
            entity("Q39723", "Recep Tayyip Erdoğan", EntityType::Person),
            entity("iso:TUR", "Turkey", EntityType::Country),
        ],
        mentions: vec![
            Mention {
                span: span_of(text, "Erdoğan"),
                entity: 0,
                form: Form::Short,
            },
            Mention {
                span: span_of(text, "Türkiye"),
                entity: 1,
                form: Form::Alias,
            },
        ],
        quotes: vec![
            Quote {
                kind: QuoteKind::Direct,
                span: span_of(text, "Türkiye first"),
                speaker: Some(Speaker {
                    span: span_of(text, "Erdoğan"),
                    entity: Some(0),
                }),
                cue: Some(span_of(text, "said")),
                rule: "cue_before",
            },
            Quote {
                kind: QuoteKind::Direct,
                span: span_of(text, "No"),
                speaker: Some(Speaker {
                    span: span_of(text, "He"),
                    entity: None,
                }),
                cue: None,
                rule: "pronoun",
            },
        ],
    };
    (record("d1", text), analysis)
}

fn read_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn write_sample(dir: &Path, options: CsvOptions) -> Summary {
    let (record, analysis) = sample();
    let mut sink = CsvSink::create(dir, options).unwrap();
    sink.write(&record, Some(&analysis)).unwrap();
    let mut failed = Record {
        id: "bad".into(),
        source: "x.jsonl:2".into(),
        text: String::new(),
        problem: Some(Problem {
            severity: Severity::Error,
            message: "line 2: field \"text\" is missing".into(),
        }),
    };
    sink.write(&failed, None).unwrap();
    failed.id = "=cmd".into();
    failed.problem = None;
    failed.text = "-x".into();
    sink.write(&failed, Some(&Analysis::default())).unwrap();
    sink.finish().unwrap()
}

#[test]
fn headers_are_exact() {
    let dir = TempDir::new().unwrap();
    write_sample(dir.path(), CsvOptions::default());
    let header = |name: &str| read_rows(&dir.path().join(name)).remove(0);
    assert_eq!(header("mentions.csv"), MENTIONS_HEADER);
    assert_eq!(header("quotes.csv"), QUOTES_HEADER);
    assert_eq!(header("documents.csv"), DOCUMENTS_HEADER);
    assert_eq!(header("entities.csv"), ENTITIES_HEADER);
    assert_eq!(
        MENTIONS_HEADER.join(","),
        "doc_id,start,end,text,type,entity_id,canonical,form"
    );
    assert_eq!(
        QUOTES_HEADER.join(","),
        "doc_id,quote_index,kind,start,end,text,speaker,speaker_id,speaker_type,speaker_text,speaker_start,speaker_end,cue,rule"
    );
    assert_eq!(
        DOCUMENTS_HEADER.join(","),
        "doc_id,source,chars,mentions,quotes,status,error"
    );
    assert_eq!(
        ENTITIES_HEADER.join(","),
        "entity_id,canonical,type,mentions,documents,quotes"
    );
}

#[test]
fn rows_use_code_point_offsets() {
    let dir = TempDir::new().unwrap();
    let summary = write_sample(dir.path(), CsvOptions::default());
    let (record, _) = sample();
    let chars: Vec<char> = record.text.chars().collect();
    let slice = |start: &str, end: &str| -> String {
        chars[start.parse().unwrap()..end.parse().unwrap()]
            .iter()
            .collect()
    };

    let mentions = read_rows(&dir.path().join("mentions.csv"));
    assert_eq!(
        mentions[2],
        ["d1", "15", "22", "Türkiye", "COUNTRY", "iso:TUR", "Turkey", "alias"]
    );
    for row in &mentions[1..] {
        assert_eq!(slice(&row[1], &row[2]), row[3]);
    }

    let quotes = read_rows(&dir.path().join("quotes.csv"));
    assert_eq!(
        quotes[1],
        [
            "d1",
            "0",
            "direct",
            "15",
            "28",
            "Türkiye first",
            "Recep Tayyip Erdoğan",
            "Q39723",
            "PERSON",
            "Erdoğan",
            "0",
            "7",
            "said",
            "cue_before"
        ]
    );
    assert_eq!(
        quotes[2],
        ["d1", "1", "direct", "42", "44", "No", "He", "", "", "He", "31", "33", "", "pronoun"]
    );
    assert_eq!(slice(&quotes[2][10], &quotes[2][11]), "He");

    let documents = read_rows(&dir.path().join("documents.csv"));
    let length = chars.len().to_string();
    assert_eq!(
        documents[1],
        ["d1", "d1.txt", length.as_str(), "2", "2", "ok", ""]
    );
    assert_eq!(
        documents[2],
        [
            "bad",
            "x.jsonl:2",
            "0",
            "0",
            "0",
            "error",
            "line 2: field \"text\" is missing"
        ]
    );
    assert_eq!(documents[3], ["=cmd", "x.jsonl:2", "2", "0", "0", "ok", ""]);

    assert_eq!(
        summary,
        Summary {
            documents: 3,
            ok: 2,
            warnings: 0,
            errors: 1,
            mentions: 2,
            quotes: 2,
            chars: chars.len() as u64 + 2,
        }
    );
}

#[test]
fn excel_mode_writes_bom_crlf_and_guards_formulas() {
    let dir = TempDir::new().unwrap();
    write_sample(dir.path(), CsvOptions { excel: true });
    let bytes = fs::read(dir.path().join("documents.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFdoc_id,source,"));
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
    assert!(text.ends_with("'=cmd,x.jsonl:2,2,0,0,ok,\r\n"), "{text}");
    for name in ["mentions.csv", "quotes.csv", "entities.csv"] {
        assert!(fs::read(dir.path().join(name))
            .unwrap()
            .starts_with(b"\xEF\xBB\xBF"));
    }
}

#[test]
fn entity_totals_count_mentions_documents_and_quotes_in_order() {
    let dir = TempDir::new().unwrap();
    let mut sink = CsvSink::create(dir.path(), CsvOptions::default()).unwrap();
    let (first, analysis) = sample();
    sink.write(&first, Some(&analysis)).unwrap();
    // A second document naming Turkey twice and a new organisation once.
    let text = "Turkey and Turkey and NATO";
    let second = Analysis {
        entities: vec![
            entity("Q7184", "NATO", EntityType::Org),
            entity("iso:TUR", "Turkey", EntityType::Country),
        ],
        mentions: vec![
            Mention {
                span: Span::new(0, 6),
                entity: 1,
                form: Form::Name,
            },
            Mention {
                span: Span::new(11, 17),
                entity: 1,
                form: Form::Name,
            },
            Mention {
                span: Span::new(22, 26),
                entity: 0,
                form: Form::Acronym,
            },
        ],
        quotes: vec![],
    };
    sink.write(&record("d2", text), Some(&second)).unwrap();
    sink.finish().unwrap();
    let rows = read_rows(&dir.path().join("entities.csv"));
    assert_eq!(
        rows[1..],
        [
            vec!["iso:TUR", "Turkey", "COUNTRY", "3", "2", "0"],
            vec!["Q39723", "Recep Tayyip Erdoğan", "PERSON", "1", "1", "1"],
            vec!["Q7184", "NATO", "ORG", "1", "1", "0"],
        ]
    );
}

#[test]
fn final_names_appear_only_after_finish() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("new/out");
    let mut sink = CsvSink::create(&out, CsvOptions::default()).unwrap();
    let (record, analysis) = sample();
    sink.write(&record, Some(&analysis)).unwrap();
    let names = [
        "mentions.csv",
        "quotes.csv",
        "documents.csv",
        "entities.csv",
    ];
    for name in names {
        assert!(!out.join(name).exists());
        assert!(out.join(format!(".{name}.tmp")).exists());
    }
    sink.finish().unwrap();
    for name in names {
        assert!(out.join(name).exists());
        assert!(!out.join(format!(".{name}.tmp")).exists());
    }
}

#[test]
fn abort_and_drop_remove_the_temporary_files() {
    let dir = TempDir::new().unwrap();
    let sink = CsvSink::create(dir.path(), CsvOptions::default()).unwrap();
    sink.abort();
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    let mut sink = CsvSink::create(dir.path(), CsvOptions::default()).unwrap();
    let (record, analysis) = sample();
    sink.write(&record, Some(&analysis)).unwrap();
    drop(sink);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn create_fails_cleanly_where_a_file_blocks_the_directory() {
    let dir = TempDir::new().unwrap();
    let blocker = dir.path().join("out");
    fs::write(&blocker, b"").unwrap();
    let error = CsvSink::create(&blocker, CsvOptions::default())
        .err()
        .unwrap();
    assert_eq!(error.path(), blocker);
}

#[test]
fn jsonl_has_the_csv_fields() {
    let (record, analysis) = sample();
    let mut out = Vec::new();
    write_jsonl(&mut out, &record, Some(&analysis)).unwrap();
    assert!(out.ends_with(b"}\n"));
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["id"], "d1");
    assert_eq!(value["source"], "d1.txt");
    assert_eq!(value["status"], "ok");
    assert_eq!(value["error"], serde_json::Value::Null);
    assert_eq!(value["chars"], record.text.chars().count());
    assert_eq!(
        value["mentions"][1],
        serde_json::json!({"start": 15, "end": 22, "text": "Türkiye", "type": "COUNTRY",
            "entity_id": "iso:TUR", "canonical": "Turkey", "form": "alias"})
    );
    assert_eq!(
        value["quotes"][1],
        serde_json::json!({"quote_index": 1, "kind": "direct", "start": 42, "end": 44,
            "text": "No", "speaker": "He", "speaker_id": null, "speaker_type": null,
            "speaker_text": "He", "speaker_start": 31, "speaker_end": 33, "cue": null,
            "rule": "pronoun"})
    );

    let failed = Record {
        problem: Some(Problem {
            severity: Severity::Error,
            message: "binary file (NUL bytes)".into(),
        }),
        text: String::new(),
        ..record
    };
    let mut out = Vec::new();
    write_jsonl(&mut out, &failed, None).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["status"], "error");
    assert_eq!(value["error"], "binary file (NUL bytes)");
    assert_eq!(value["mentions"], serde_json::json!([]));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the cells hold, reading the files back gives them unchanged (less the `'` of
    /// the formula guard in Excel mode).
    #[test]
    fn csv_round_trips(
        id in "\\PC*",
        source in "[a-z,\"\\r\\n ]*",
        message in any::<String>(),
        excel in any::<bool>(),
    ) {
        let dir = TempDir::new().unwrap();
        let mut sink = CsvSink::create(dir.path(), CsvOptions { excel }).unwrap();
        let record = Record {
            id: id.clone(),
            source: source.clone(),
            text: String::new(),
            problem: Some(Problem { severity: Severity::Warning, message: message.clone() }),
        };
        sink.write(&record, None).unwrap();
        sink.finish().unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .from_path(dir.path().join("documents.csv"))
            .unwrap();
        let row = reader.records().next().unwrap().unwrap();
        let unguard = |cell: &str, original: &str| {
            let guarded = excel && original.starts_with(['=', '+', '-', '@', '\t', '\r']);
            if guarded { cell.strip_prefix('\'').unwrap().to_owned() } else { cell.to_owned() }
        };
        // The BOM is part of the first header cell to the csv crate; data rows are unaffected.
        prop_assert_eq!(unguard(&row[0], &id), id.clone());
        prop_assert_eq!(unguard(&row[1], &source), source.clone());
        prop_assert_eq!(unguard(&row[6], &message), message.clone());
        prop_assert_eq!(&row[5], "warning");
    }
}
