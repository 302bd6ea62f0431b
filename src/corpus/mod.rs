//! Corpus readers: a directory of `.txt` files, JSONL, CSV, a single text file or JSONL on stdin,
//! each optionally gzip-compressed.
//!
//! Every input record becomes a [`Record`], including the broken ones: a record that cannot be
//! analysed carries an [`Severity::Error`] problem and an empty text, so it still gets its row in
//! `documents.csv`. Only problems that make the whole input unusable (a missing path, a CSV header
//! without the named column) are [`CorpusError`]s, and [`open`] reports them before any record is
//! read.
//!
//! Records are read lazily: memory stays flat whatever the size of the corpus, bounded by the
//! largest document ([`ReadOptions::max_doc_bytes`]).
//!
//! # Text hygiene
//!
//! Every decoded text is cleaned the same way, and the record gets a [`Severity::Warning`] only
//! when something changed:
//!
//! - invalid UTF-8 is decoded with U+FFFD replacement characters;
//! - NUL and the other C0 control characters except tab, line feed, carriage return and form
//!   feed are replaced by spaces, one for one, so byte offsets do not shift;
//! - a leading byte order mark is dropped (files and the first JSONL line; CSV headers);
//! - bidirectional control marks (U+200E, U+202A…U+202E, U+2066…U+2069) are kept: they are
//!   valid text in Arabic and Hebrew quotes, and removing them would move offsets for nothing.
//!
//! An empty or whitespace-only text is a record with the warning `empty document`.

mod clean;
mod files;
mod jsonl;
mod table;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One input record, read. Problems are per record; the batch goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The document id.
    pub id: String,
    /// Where the record came from, for `documents.csv`: `corpus.jsonl:17`, `dir/a/b.txt`,
    /// `-:3` (stdin), `x.csv:row 5`.
    pub source: String,
    /// The text; empty when the problem is an error.
    pub text: String,
    /// What went wrong while reading, if anything.
    pub problem: Option<Problem>,
}

impl Record {
    /// A record read without problems (yet).
    pub(crate) fn new(id: String, source: String, text: String) -> Record {
        Record {
            id,
            source,
            text,
            problem: None,
        }
    }

    /// A record that could not be read: no text, one error.
    pub(crate) fn error(id: String, source: String, message: String) -> Record {
        let mut record = Record::new(id, source, String::new());
        record.note(Severity::Error, message);
        record
    }

    /// Adds a problem, keeping the worse severity and every message.
    pub(crate) fn note(&mut self, severity: Severity, message: impl Into<String>) {
        let message = message.into();
        match &mut self.problem {
            None => self.problem = Some(Problem { severity, message }),
            Some(problem) => {
                problem.severity = problem.severity.max(severity);
                problem.message.push_str("; ");
                problem.message.push_str(&message);
            }
        }
    }

    /// Whether the record was read well enough to be analysed.
    pub fn status(&self) -> Status {
        match &self.problem {
            None => Status::Ok,
            Some(problem) => match problem.severity {
                Severity::Warning => Status::Warning,
                Severity::Error => Status::Error,
            },
        }
    }

    /// True when the record must not be analysed.
    pub fn is_error(&self) -> bool {
        self.status() == Status::Error
    }
}

/// A problem met while reading one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Whether the record is still analysed.
    pub severity: Severity,
    /// What happened, e.g. `line 17: invalid JSON: expected value at column 3`; several problems
    /// of one record are joined with `; `.
    pub message: String,
}

/// How bad a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The text was repaired (lossy UTF-8, control characters replaced) or is empty; it is
    /// analysed anyway.
    Warning,
    /// The record has no usable text and is not analysed.
    Error,
}

/// A record's status as written in `documents.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Read without problems.
    Ok,
    /// Read with a warning; analysed.
    Warning,
    /// Not analysed.
    Error,
}

impl Status {
    /// The label used in files: `ok`, `warning`, `error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Error => "error",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to read the inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The JSONL field holding the document id (`id`).
    pub id_field: String,
    /// The JSONL field holding the text (`text`).
    pub text_field: String,
    /// The CSV column holding the document id (`id`).
    pub id_column: String,
    /// The CSV column holding the text (`text`).
    pub text_column: String,
    /// Documents larger than this many bytes are refused (64 MiB). For JSONL the whole line
    /// counts; for gzip input, the decompressed size.
    pub max_doc_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            id_field: "id".to_owned(),
            text_field: "text".to_owned(),
            id_column: "id".to_owned(),
            text_column: "text".to_owned(),
            max_doc_bytes: 64 << 20,
        }
    }
}

/// A problem that makes a whole input unusable.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The input path does not exist.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The input as given.
        path: String,
    },
    /// The input exists but cannot be opened or listed.
    #[error("{path}: cannot read: {source}")]
    Unreadable {
        /// The input as given.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// The input is a file whose name says nothing whosaid reads.
    #[error("{path}: unknown input format (expected a directory, .txt, .jsonl, .ndjson or .csv, optionally .gz, or - for JSONL on stdin)")]
    UnknownFormat {
        /// The input as given.
        path: String,
    },
    /// The CSV header cannot be read.
    #[error("{path}: cannot read the CSV header: {message}")]
    CsvHeader {
        /// The input as given.
        path: String,
        /// Why.
        message: String,
    },
    /// The CSV header lacks a column the options name.
    #[error("{path}: no column {column:?} in the CSV header (columns: {found})")]
    MissingColumn {
        /// The input as given.
        path: String,
        /// The column asked for.
        column: String,
        /// The header's columns, comma-separated.
        found: String,
    },
}

/// The kinds of input, told apart by path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// A directory: every `*.txt` and `*.txt.gz` below it, recursively, in path order; the id of
    /// a document is its path relative to the directory, without extension, with `/` separators.
    Dir,
    /// `*.jsonl` or `*.ndjson`: one JSON object per line.
    Jsonl,
    /// `*.csv`, with a header row.
    Csv,
    /// `*.txt`: one document whose id is the file stem.
    Text,
    /// `-`: JSONL on standard input.
    Stdin,
}

impl InputKind {
    /// Tells the kind of an input: `-` is stdin, an existing directory is `Dir`, a file goes by
    /// its extension (a `.gz` after it means gzip).
    pub fn detect(input: &str) -> Result<InputKind, CorpusError> {
        if input == "-" {
            return Ok(InputKind::Stdin);
        }
        let metadata = fs::metadata(input).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => CorpusError::NotFound {
                path: input.to_owned(),
            },
            _ => CorpusError::Unreadable {
                path: input.to_owned(),
                source,
            },
        })?;
        if metadata.is_dir() {
            return Ok(InputKind::Dir);
        }
        InputKind::detect_name(input).ok_or_else(|| CorpusError::UnknownFormat {
            path: input.to_owned(),
        })
    }

    /// Tells the kind of a file by its name alone (a `.gz` after the extension means gzip).
    pub fn detect_name(name: &str) -> Option<InputKind> {
        let name = split_gz(name).0.to_ascii_lowercase();
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(InputKind::Jsonl)
        } else if name.ends_with(".csv") {
            Some(InputKind::Csv)
        } else if name.ends_with(".txt") {
            Some(InputKind::Text)
        } else {
            None
        }
    }
}

/// The records of one input, read lazily, in input order.
pub struct Records(Box<dyn Iterator<Item = Record> + Send>);

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.0.next()
    }
}

impl fmt::Debug for Records {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Records")
    }
}

/// Opens one input and returns its records lazily.
///
/// Fatal problems (missing path, unknown format, unreadable directory, CSV header without the
/// named columns) are returned here, before any record is read; everything else becomes a
/// record with a [`Problem`].
pub fn open(input: &str, options: &ReadOptions) -> Result<Records, CorpusError> {
    let records: Box<dyn Iterator<Item = Record> + Send> = match InputKind::detect(input)? {
        InputKind::Stdin => Box::new(jsonl::JsonlRecords::new(
            Box::new(io::BufReader::new(io::stdin())),
            Origin::stdin(),
            options,
        )),
        InputKind::Jsonl => Box::new(jsonl::JsonlRecords::new(
            open_file(input)?,
            Origin::file(input),
            options,
        )),
        InputKind::Csv => Box::new(table::CsvRecords::new(
            open_file(input)?,
            Origin::file(input),
            options,
        )?),
        InputKind::Text => {
            let path = PathBuf::from(input);
            let id = Origin::file(input).stem;
            let max = options.max_doc_bytes;
            Box::new(std::iter::once_with(move || {
                files::read_text_file(&path, id, path.to_string_lossy().into_owned(), max)
            }))
        }
        InputKind::Dir => Box::new(files::DirRecords::new(Path::new(input), options)?),
    };
    Ok(Records(records))
}

/// Reads records from any byte stream: JSONL or CSV as told by `name` (`x.jsonl`, `x.csv`,
/// optionally `.gz`, which is then decompressed). `name` is used in `source` and ids the same
/// way a file's path is. Useful for data that is not in a file: an object store, a socket.
pub fn from_reader(
    name: &str,
    reader: impl io::Read + Send + 'static,
    options: &ReadOptions,
) -> Result<Records, CorpusError> {
    let origin = Origin::file(name);
    let reader: Box<dyn io::BufRead + Send> = if origin.gz {
        Box::new(io::BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(io::BufReader::with_capacity(1 << 16, reader))
    };
    let records: Box<dyn Iterator<Item = Record> + Send> = match InputKind::detect_name(name) {
        Some(InputKind::Jsonl) => Box::new(jsonl::JsonlRecords::new(reader, origin, options)),
        Some(InputKind::Csv) => Box::new(table::CsvRecords::new(reader, origin, options)?),
        _ => {
            return Err(CorpusError::UnknownFormat {
                path: name.to_owned(),
            })
        }
    };
    Ok(Records(records))
}

/// A buffered reader over a file, decompressing when the name ends in `.gz`.
fn open_file(input: &str) -> Result<Box<dyn io::BufRead + Send>, CorpusError> {
    let file = fs::File::open(input).map_err(|source| CorpusError::Unreadable {
        path: input.to_owned(),
        source,
    })?;
    Ok(if split_gz(input).1 {
        Box::new(io::BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(io::BufReader::with_capacity(1 << 16, file))
    })
}

/// Where a stream's records come from: the name used in `source` and the stem used for ids.
#[derive(Clone, Debug)]
struct Origin {
    /// The input as given, or `-`.
    name: String,
    /// The file name without `.gz` and extension, or `stdin`.
    stem: String,
    /// Whether read errors are gzip errors.
    gz: bool,
}

impl Origin {
    fn file(input: &str) -> Origin {
        let (name, gz) = split_gz(input);
        let stem = Path::new(name)
            .file_stem()
            .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
        Origin {
            name: input.to_owned(),
            stem,
            gz,
        }
    }

    fn stdin() -> Origin {
        Origin {
            name: "-".to_owned(),
            stem: "stdin".to_owned(),
            gz: false,
        }
    }

    /// The message for a read error in the middle of the stream.
    fn read_failure(&self, place: &str, error: &io::Error) -> String {
        if self.gz {
            format!("gzip stream is corrupt or truncated at {place}: {error}")
        } else {
            format!("{place}: unreadable: {}", describe_io(error))
        }
    }
}

/// Splits a trailing `.gz` (any case) off a name.
fn split_gz(name: &str) -> (&str, bool) {
    let len = name.len();
    if len > 3 && name.is_char_boundary(len - 3) && name[len - 3..].eq_ignore_ascii_case(".gz") {
        (&name[..len - 3], true)
    } else {
        (name, false)
    }
}

/// A short lowercase description of an I/O error: `permission denied` rather than
/// `Permission denied (os error 13)`.
fn describe_io(error: &io::Error) -> String {
    if error.raw_os_error().is_some() {
        error.kind().to_string()
    } else {
        error.to_string()
    }
}

#[cfg(test)]
mod tests;
