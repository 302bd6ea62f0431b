//! Writers: the four CSV files of DESIGN §5 and a JSONL stream.
//!
//! - `mentions.csv`: doc_id, start, end, text, type, entity_id, canonical, form
//! - `quotes.csv`: doc_id, quote_index, kind, start, end, text, speaker, speaker_id,
//!   speaker_type, speaker_text, speaker_start, speaker_end, cue, rule
//! - `documents.csv`: doc_id, source, chars, mentions, quotes, status, error
//! - `entities.csv`: entity_id, canonical, type, mentions, documents, quotes
//!
//! Offsets are Unicode code points (Python's `text[start:end]`), end exclusive. Rows come in
//! input order, then in text order; `quote_index` counts a document's quotes from 0. A quote's
//! `speaker` is the canonical name of the entity it resolves to, else the speaker as written;
//! `speaker_id` and `speaker_type` are empty when it is unresolved, and every speaker column is
//! empty when there is no speaker. `entities.csv` holds corpus totals (`quotes` counts the
//! quotes attributed to the entity), most mentioned first, then by id.

mod cells;
mod jsonl;
mod rows;
mod sink;

use std::io;
use std::path::{Path, PathBuf};

pub use jsonl::write_jsonl;
pub use rows::{MentionRow, QuoteRow, Rows};
pub use sink::{CsvSink, DOCUMENTS_HEADER, ENTITIES_HEADER, MENTIONS_HEADER, QUOTES_HEADER};

/// How the CSV files are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// For spreadsheets: a UTF-8 byte order mark at the start of each file, CRLF line ends,
    /// and a `'` before cells starting with `=`, `+`, `-`, `@`, tab or carriage return, so they
    /// are not taken for formulas. Long cells are kept whole.
    pub excel: bool,
}

/// What a run wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written to `documents.csv`.
    pub documents: u64,
    /// Records with status `ok`.
    pub ok: u64,
    /// Records with status `warning`.
    pub warnings: u64,
    /// Records with status `error`.
    pub errors: u64,
    /// Rows of `mentions.csv`.
    pub mentions: u64,
    /// Rows of `quotes.csv`.
    pub quotes: u64,
    /// Code points of text read.
    pub chars: u64,
}

/// Output that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}", path.display())]
pub struct OutputError {
    action: &'static str,
    path: PathBuf,
    #[source]
    source: io::Error,
}

impl OutputError {
    fn io(action: &'static str, path: &Path, source: io::Error) -> OutputError {
        OutputError {
            action,
            path: path.to_owned(),
            source,
        }
    }

    /// The file or directory concerned.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying I/O error (a full disk, a missing permission…).
    pub fn io_error(&self) -> &io::Error {
        &self.source
    }
}

#[cfg(test)]
mod tests;
