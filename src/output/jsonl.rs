//! One JSON object per document, for streaming.

use std::io::{self, Write};

use serde::Serialize;

use super::rows::{char_count, MentionRow, QuoteRow, Rows};
use crate::analysis::Analysis;
use crate::corpus::Record;

/// A document as one JSONL line; field names and values as in the CSV files.
#[derive(Serialize)]
struct JsonDocument<'a> {
    id: &'a str,
    source: &'a str,
    status: &'static str,
    error: Option<&'a str>,
    chars: usize,
    mentions: Vec<MentionRow<'a>>,
    quotes: Vec<QuoteRow<'a>>,
}

/// Writes one document as a JSON object on one line:
/// `{"id","source","status","error","chars","mentions":[…],"quotes":[…]}`.
///
/// Mentions and quotes carry the same fields and values as the `mentions.csv` and `quotes.csv`
/// columns (without `doc_id`); an empty optional value (no error, no speaker, no cue) is `null`.
pub fn write_jsonl(
    out: &mut impl Write,
    record: &Record,
    analysis: Option<&Analysis>,
) -> io::Result<()> {
    let rows = analysis.map(|analysis| Rows::new(&record.text, analysis));
    let document = JsonDocument {
        id: &record.id,
        source: &record.source,
        status: record.status().as_str(),
        error: record.problem.as_ref().map(|p| p.message.as_str()),
        chars: char_count(&record.text),
        mentions: rows.iter().flat_map(Rows::mentions).collect(),
        quotes: rows.iter().flat_map(Rows::quotes).collect(),
    };
    serde_json::to_writer(&mut *out, &document)?;
    out.write_all(b"\n")
}
