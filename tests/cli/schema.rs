//! The CSV schema of DESIGN §5: columns, offsets in code points, counts that agree.

use crate::harness::{char_slice, Scratch};

#[test]
fn header_rows_are_exactly_schema_v1() {
    let scratch = Scratch::new();
    scratch.write("one.txt", "John Kerry said Iran would talk to NATO.");
    let (run, out) = scratch.extract(&["one.txt"]);
    run.assert_code(0);
    let first_line = |name: &str| out.text(name).lines().next().unwrap_or("").to_owned();
    assert_eq!(
        first_line("mentions.csv"),
        "doc_id,start,end,text,type,entity_id,canonical,form"
    );
    assert_eq!(
        first_line("quotes.csv"),
        "doc_id,quote_index,kind,start,end,text,speaker,speaker_id,speaker_type,\
         speaker_text,speaker_start,speaker_end,cue,rule"
    );
    assert_eq!(
        first_line("documents.csv"),
        "doc_id,source,chars,mentions,quotes,status,error"
    );
    assert_eq!(
        first_line("entities.csv"),
        "entity_id,canonical,type,mentions,documents,quotes"
    );
}

#[test]
fn empty_corpus_writes_headers_only() {
    let scratch = Scratch::new();
    scratch.write("empty/readme.md", "no text files here");
    let (run, out) = scratch.extract(&["empty"]);
    run.assert_code(0);
    for name in crate::harness::FILES {
        assert_eq!(out.text(name).lines().count(), 1, "{name}");
    }
}

/// Non-ASCII before, inside and between the names, and several kinds of quote marks.
const UNICODE_TEXT: &str = "Zürich — Recep Tayyip Erdoğan met Angela Merkel in Germany. \
«Nous sommes prêts», a déclaré Erdoğan.\n\n\
“We will not give up,” Mr Erdoğan said. Ms Merkel said Germany would support NATO. \
日本 and Iran’s envoy — “Iran is ready,” said the envoy.";

#[test]
fn mention_offsets_are_code_points() {
    let scratch = Scratch::new();
    scratch.write_jsonl("u.jsonl", &[("u", UNICODE_TEXT)]);
    let (run, out) = scratch.extract(&["u.jsonl"]);
    run.assert_code(0);
    let mentions = out.mentions();
    assert!(mentions.rows.len() >= 5, "{mentions:#?}");
    for row in mentions.iter() {
        let (start, end) = (row.num("start"), row.num("end"));
        assert_eq!(
            char_slice(UNICODE_TEXT, start, end).as_deref(),
            Some(row.get("text")),
            "text[{start}:{end}] for {row:?}"
        );
    }
    // The test means something only if some mention comes after non-ASCII text, where byte and
    // code point offsets differ.
    let last_start = mentions.iter().map(|row| row.num("start")).max().unwrap();
    let prefix: String = UNICODE_TEXT.chars().take(last_start).collect();
    assert!(!prefix.is_ascii());
}

#[test]
fn quote_and_speaker_offsets_are_code_points() {
    let scratch = Scratch::new();
    scratch.write_jsonl("u.jsonl", &[("u", UNICODE_TEXT)]);
    let (run, out) = scratch.extract(&["u.jsonl"]);
    run.assert_code(0);
    let quotes = out.quotes();
    assert!(!quotes.rows.is_empty(), "no quotes found");
    for row in quotes.iter() {
        let (start, end) = (row.num("start"), row.num("end"));
        assert!(start < end, "empty quote {row:?}");
        assert_eq!(
            char_slice(UNICODE_TEXT, start, end).as_deref(),
            Some(row.get("text")),
            "quote text[{start}:{end}] for {row:?}"
        );
        if !row.get("speaker_text").is_empty() {
            let (start, end) = (row.num("speaker_start"), row.num("speaker_end"));
            assert_eq!(
                char_slice(UNICODE_TEXT, start, end).as_deref(),
                Some(row.get("speaker_text")),
                "speaker text[{start}:{end}] for {row:?}"
            );
        }
    }
    assert!(
        quotes
            .iter()
            .any(|row| row.get("text") == "We will not give up,"),
        "the curly-quoted sentence is a quote: {quotes:#?}"
    );
}

#[test]
fn quote_rows_are_numbered_and_speakers_complete() {
    let scratch = Scratch::new();
    let text = "\"We are ready to talk,\" Mr Kerry said after John Kerry landed in Iran. \
                \"The door is open,\" he added. NATO said the talks would go on.";
    scratch.write_jsonl("q.jsonl", &[("q", text)]);
    let (run, out) = scratch.extract(&["q.jsonl"]);
    run.assert_code(0);
    let quotes = out.quotes();
    assert!(quotes.rows.len() >= 2, "{quotes:#?}");
    let indices: Vec<usize> = quotes.iter().map(|row| row.num("quote_index")).collect();
    assert_eq!(indices, (0..quotes.rows.len()).collect::<Vec<_>>());
    let mut previous = 0;
    for row in quotes.iter() {
        assert!(row.num("start") >= previous, "quotes in text order");
        previous = row.num("start");
        assert!(matches!(row.get("kind"), "direct" | "partial" | "indirect"));
        assert!(!row.get("rule").is_empty(), "every quote names its rule");
        // A resolved speaker has all three entity columns; an unresolved one none.
        let resolved = [row.get("speaker_id"), row.get("speaker_type")];
        assert!(
            resolved.iter().all(|c| c.is_empty()) || resolved.iter().all(|c| !c.is_empty()),
            "{row:?}"
        );
        if row.get("speaker_text").is_empty() {
            assert_eq!(row.get("speaker"), "", "{row:?}");
        } else {
            assert!(!row.get("speaker").is_empty(), "{row:?}");
        }
    }
    let first = quotes.row_where("quote_index", "0");
    assert_eq!(first.get("text"), "We are ready to talk,");
    assert_eq!(first.get("speaker"), "John Kerry");
    assert_eq!(first.get("speaker_text"), "Kerry");
    assert_eq!(first.get("speaker_type"), "PERSON");
    assert_eq!(first.get("cue"), "said");
}

#[test]
fn counts_agree_across_files() {
    let scratch = Scratch::new();
    scratch.write_jsonl(
        "c.jsonl",
        &[
            ("a", "John Kerry met NATO in Iran. \"Fine,\" Kerry said."),
            ("b", "Iran and Iraq. NATO again. Iran once more."),
            ("c", "Nothing to see."),
        ],
    );
    let (run, out) = scratch.extract(&["c.jsonl"]);
    run.assert_code(0);
    let (mentions, quotes, documents, entities) = (
        out.mentions(),
        out.quotes(),
        out.documents(),
        out.entities(),
    );
    for doc in documents.iter() {
        let id = doc.get("doc_id");
        assert_eq!(doc.num("mentions"), mentions.rows_where("doc_id", id).len());
        assert_eq!(doc.num("quotes"), quotes.rows_where("doc_id", id).len());
        assert_eq!(doc.get("status"), "ok");
        assert_eq!(doc.get("error"), "");
    }
    let total: usize = entities.iter().map(|row| row.num("mentions")).sum();
    assert_eq!(total, mentions.rows.len());
    let iran = entities.row_where("entity_id", "iso:IRN");
    assert_eq!(iran.get("canonical"), "Iran");
    assert_eq!(iran.get("type"), "COUNTRY");
    assert_eq!(iran.num("mentions"), 3);
    assert_eq!(iran.num("documents"), 2);
    // Most mentioned first.
    let counts: Vec<usize> = entities.iter().map(|row| row.num("mentions")).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn offsets_count_carriage_returns_of_crlf_files() {
    let scratch = Scratch::new();
    let text = "Iran.\r\n\r\n“We are ready,” Mr Kerry said.\r\nJohn Kerry left Iran.\r\n";
    scratch.write("crlf.txt", text);
    let (run, out) = scratch.extract(&["crlf.txt"]);
    run.assert_code(0);
    let mentions = out.mentions();
    let starts: Vec<(String, usize)> = mentions
        .iter()
        .map(|row| (row.get("text").to_owned(), row.num("start")))
        .collect();
    for (written, start) in &starts {
        assert_eq!(
            char_slice(text, *start, start + written.chars().count()).as_deref(),
            Some(written.as_str())
        );
    }
    assert_eq!(starts.last().map(|(t, _)| t.as_str()), Some("Iran"));
    let quotes = out.quotes();
    let quote = quotes.row_where("quote_index", "0");
    assert_eq!(quote.get("text"), "We are ready,");
    assert_eq!(quote.num("start"), 10);
    assert_eq!(quote.get("speaker"), "John Kerry");
}

#[test]
fn quote_closed_by_a_period_is_attributed_to_the_next_speaker() {
    let scratch = Scratch::new();
    let text = "\"We will keep talking.\" John Kerry said.";
    scratch.write_jsonl("q.jsonl", &[("q", text)]);
    let (run, out) = scratch.extract(&["q.jsonl"]);
    run.assert_code(0);
    let quotes = out.quotes();
    let quote = quotes.row_where("quote_index", "0");
    assert_eq!(quote.get("text"), "We will keep talking.");
    assert_eq!(quote.get("speaker"), "John Kerry");
}
