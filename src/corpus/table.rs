//! CSV with a header row naming the id and text columns.
//!
//! Rows are numbered from 1, the header not counted (`x.csv:row 5` is the fifth data row).
//! A ragged row (a field count other than the header's) is still read when it has both needed
//! columns, with a warning; when it lacks one of them it is an error record. A CSV row is read
//! whole before its size is checked, so memory is bounded by the largest row, not by
//! `max_doc_bytes`.

use std::io::BufRead;

use csv::ByteRecord;

use super::clean::{self, decode, invalid_utf8_message, too_big_message};
use super::{CorpusError, Origin, ReadOptions, Record, Severity};

/// The records of a CSV stream.
pub(super) struct CsvRecords {
    reader: csv::Reader<Box<dyn BufRead + Send>>,
    origin: Origin,
    id_column: usize,
    text_column: usize,
    columns: usize,
    max_doc_bytes: usize,
    row: u64,
    record: ByteRecord,
    done: bool,
}

impl CsvRecords {
    /// Reads the header and finds the columns; a header without them is fatal.
    pub(super) fn new(
        input: Box<dyn BufRead + Send>,
        origin: Origin,
        options: &ReadOptions,
    ) -> Result<CsvRecords, CorpusError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(input);
        let header: Vec<String> = reader
            .byte_headers()
            .map_err(|error| CorpusError::CsvHeader {
                path: origin.name.clone(),
                message: error.to_string(),
            })?
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let cell = if i == 0 {
                    clean::without_bom(cell)
                } else {
                    cell
                };
                String::from_utf8_lossy(cell).into_owned()
            })
            .collect();
        let find = |column: &str| {
            header
                .iter()
                .position(|name| name == column)
                .ok_or_else(|| CorpusError::MissingColumn {
                    path: origin.name.clone(),
                    column: column.to_owned(),
                    found: header.join(", "),
                })
        };
        let id_column = find(&options.id_column)?;
        let text_column = find(&options.text_column)?;
        Ok(CsvRecords {
            reader,
            id_column,
            text_column,
            columns: header.len(),
            max_doc_bytes: options.max_doc_bytes,
            origin,
            row: 0,
            record: ByteRecord::new(),
            done: false,
        })
    }

    /// Turns the current row into a record.
    fn convert(&self) -> Record {
        let row = self.row;
        let source = format!("{}:row {row}", self.origin.name);
        let fallback_id = format!("{}:{row}", self.origin.stem);
        let ragged = self.record.len() != self.columns;
        let ragged_message = || {
            format!(
                "row {row} has {} fields, expected {}",
                self.record.len(),
                self.columns
            )
        };
        let (Some(id), Some(text)) = (
            self.record.get(self.id_column),
            self.record.get(self.text_column),
        ) else {
            return Record::error(fallback_id, source, ragged_message());
        };
        let (id, bad_id) = decode(id.to_vec());
        let id = if id.is_empty() { fallback_id } else { id };
        let mut record = Record::new(id, source, String::new());
        if ragged {
            record.note(Severity::Warning, ragged_message());
        }
        if bad_id.is_some() {
            record.note(
                Severity::Warning,
                format!("row {row}: invalid UTF-8 in the id, decoded with replacement characters"),
            );
        }
        if text.len() > self.max_doc_bytes {
            record.note(
                Severity::Error,
                format!(
                    "row {row}: {}",
                    too_big_message(text.len(), self.max_doc_bytes)
                ),
            );
            return record;
        }
        let (text, invalid_at) = decode(text.to_vec());
        if let Some(at) = invalid_at {
            record.note(
                Severity::Warning,
                invalid_utf8_message(&format!("row {row}: "), at),
            );
        }
        clean::set_text(&mut record, text);
        record
    }
}

impl Iterator for CsvRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.done {
            return None;
        }
        self.row += 1;
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => Some(self.convert()),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(error) => {
                // Byte records in a flexible reader fail only on I/O (a corrupt gzip stream,
                // say), after which the reader cannot resync: the rest is one error record.
                self.done = true;
                let place = format!("row {}", self.row);
                let message = match error.kind() {
                    csv::ErrorKind::Io(io) => self.origin.read_failure(&place, io),
                    _ => format!("{place}: {error}"),
                };
                Some(Record::error(
                    format!("{}:{}", self.origin.stem, self.row),
                    format!("{}:{place}", self.origin.name),
                    message,
                ))
            }
        }
    }
}
