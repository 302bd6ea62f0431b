//! Properties of the library API on arbitrary text: spans in place, mentions ordered and
//! disjoint, no panics, and CSV output that a reader reads back.

use std::sync::OnceLock;

use proptest::prelude::*;
use whosaid::corpus::Record;
use whosaid::output::{CsvOptions, CsvSink};
use whosaid::{Analysis, EntityType, Pipeline, Span};

use crate::harness::{char_slice, Table};

/// `default` cases, or `PROPTEST_CASES` when set (for a longer search than the test suite's).
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::builtin().expect("the built-in gazetteers load"))
}

/// Pieces that exercise names, cues and quote marks, mixed with arbitrary characters.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "Mr Kerry", "John Kerry said", "Kerry", "Iran", "NATO", "the United Nations",
            "Angela Merkel", "Erdoğan", "President", "said", "told reporters", "according to",
            "he said", "She", "Islamic State (IS)", "IS", "US", "us", "French", "Mr", "Mr.",
            "Ms", "Dr", "Barack Obama", "Obama", "Hamdullah Mohib",
        ])
        .prop_map(str::to_owned),
        4 => prop::sample::select(vec![
            "\"", "'", "«", "»", "“", "”", "‘", "’", "„", ": ", ", ", ". ", " ", "\n", "\n\n",
            "(", ")", "—", "\u{200F}", "\r\n",
        ])
        .prop_map(str::to_owned),
        2 => "[A-Za-z]{1,10}",
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..48).prop_map(|parts| parts.concat())
}

/// A span that lies inside `text` on char boundaries.
fn assert_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{what} {span:?} is reversed");
    prop_assert!(
        span.end <= text.len(),
        "{what} {span:?} ends past {}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a character in {text:?}"
    );
    Ok(())
}

fn check_analysis(text: &str, analysis: &Analysis) -> Result<(), TestCaseError> {
    let entities = analysis.entities.len();
    let mut previous: Option<Span> = None;
    for mention in &analysis.mentions {
        assert_span(text, mention.span, "mention")?;
        prop_assert!(!mention.span.is_empty(), "empty mention {mention:?}");
        prop_assert!((mention.entity as usize) < entities, "{mention:?}");
        if let Some(previous) = previous {
            prop_assert!(
                previous.end <= mention.span.start,
                "mentions {previous:?} and {:?} overlap or are out of order in {text:?}",
                mention.span
            );
        }
        previous = Some(mention.span);
    }
    let mut previous_start = 0;
    for quote in &analysis.quotes {
        assert_span(text, quote.span, "quote")?;
        prop_assert!(!quote.span.is_empty(), "empty quote {quote:?} in {text:?}");
        prop_assert!(
            quote.span.start >= previous_start,
            "quotes out of order in {text:?}"
        );
        previous_start = quote.span.start;
        if let Some(speaker) = &quote.speaker {
            assert_span(text, speaker.span, "speaker")?;
            prop_assert!(!speaker.span.is_empty(), "empty speaker in {quote:?}");
            if let Some(entity) = speaker.entity {
                prop_assert!((entity as usize) < entities, "{quote:?}");
            }
        }
        if let Some(cue) = quote.cue {
            assert_span(text, cue, "cue")?;
        }
        prop_assert!(!quote.rule.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn spans_lie_on_char_boundaries_and_mentions_are_disjoint(text in text()) {
        let analysis = pipeline().analyze(&text);
        check_analysis(&text, &analysis)?;
    }

    #[test]
    fn analyze_never_panics_on_any_string(text in any::<String>()) {
        let analysis = pipeline().analyze(&text);
        check_analysis(&text, &analysis)?;
    }

    #[test]
    fn person_spans_exclude_titles(text in text()) {
        let analysis = pipeline().analyze(&text);
        for mention in &analysis.mentions {
            let written = mention.span.slice(&text);
            if analysis.entity(mention.entity).kind == EntityType::Person {
                for title in ["Mr ", "Mr. ", "Ms ", "Mrs ", "President ", "Dr "] {
                    prop_assert!(
                        !written.starts_with(title),
                        "person mention {written:?} keeps its title in {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn analyze_is_a_pure_function_of_the_text(text in text()) {
        prop_assert_eq!(pipeline().analyze(&text), pipeline().analyze(&text));
    }
}

/// What `--excel` does to a cell.
fn guarded(cell: &str, excel: bool) -> String {
    if excel && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn csv_output_reads_back(
        docs in prop::collection::vec(("\\PC{0,12}|[=+@,\"\n-]{1,3}", text()), 1..4),
        excel in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut sink = CsvSink::create(dir.path(), CsvOptions { excel }).expect("create sink");
        let mut analyses = Vec::new();
        for (i, (id, text)) in docs.iter().enumerate() {
            let record = Record {
                id: id.clone(),
                source: format!("generated:{i}"),
                text: text.clone(),
                problem: None,
            };
            let analysis = pipeline().analyze(text);
            sink.write(&record, Some(&analysis)).expect("write rows");
            analyses.push(analysis);
        }
        sink.finish().expect("finish");
        let read = |name: &str| Table::parse(&std::fs::read(dir.path().join(name)).unwrap());

        let documents = read("documents.csv");
        prop_assert_eq!(documents.rows.len(), docs.len());
        for (row, (id, text)) in documents.iter().zip(&docs) {
            prop_assert_eq!(row.get("doc_id"), guarded(id, excel));
            prop_assert_eq!(row.num("chars"), text.chars().count());
        }

        let mentions = read("mentions.csv");
        let expected: usize = analyses.iter().map(|a| a.mentions.len()).sum();
        prop_assert_eq!(mentions.rows.len(), expected);
        let mut rows = mentions.iter();
        for ((id, text), analysis) in docs.iter().zip(&analyses) {
            for mention in &analysis.mentions {
                let row = rows.next().unwrap();
                prop_assert_eq!(row.get("doc_id"), guarded(id, excel));
                let written = mention.span.slice(text);
                prop_assert_eq!(row.get("text"), guarded(written, excel));
                prop_assert_eq!(
                    char_slice(text, row.num("start"), row.num("end")),
                    Some(written.to_owned())
                );
            }
        }

        let quotes = read("quotes.csv");
        let expected: usize = analyses.iter().map(|a| a.quotes.len()).sum();
        prop_assert_eq!(quotes.rows.len(), expected);
        let mut rows = quotes.iter();
        for ((_, text), analysis) in docs.iter().zip(&analyses) {
            for quote in &analysis.quotes {
                let row = rows.next().unwrap();
                let written = quote.span.slice(text);
                prop_assert_eq!(row.get("text"), guarded(written, excel));
                prop_assert_eq!(
                    char_slice(text, row.num("start"), row.num("end")),
                    Some(written.to_owned())
                );
            }
        }
    }
}
