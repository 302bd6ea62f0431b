//! Text files, alone or in a directory tree.
//!
//! The walk is depth first with every directory's entries sorted, which is the order of
//! [`Path`]'s component-wise comparison, so the output is the same on every run. Symbolic links
//! to files are followed; links to directories are not (no cycles, nothing outside the tree by
//! surprise). Only `*.txt` and `*.txt.gz` files are read (any letter case).

use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use super::clean::{self, decode, invalid_utf8_message, too_big_message, BINARY_SNIFF_BYTES};
use super::{describe_io, split_gz, CorpusError, ReadOptions, Record, Severity};

/// Reads one text file (gzip-compressed when its name ends in `.gz`) as one record.
pub(super) fn read_text_file(path: &Path, id: String, source: String, max: usize) -> Record {
    let gz = split_gz(&path.to_string_lossy()).1;
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => return Record::error(id, source, unreadable(path, &error)),
    };
    // A plain file's size is known before reading it; a compressed one is capped while reading.
    if !gz && metadata.len() > max as u64 {
        return Record::error(id, source, too_big_message(metadata.len(), max));
    }
    let bytes = match read_capped(path, gz, max, metadata.len()) {
        Ok(bytes) => bytes,
        Err(error) if gz && error.raw_os_error().is_none() => {
            return Record::error(id, source, format!("gzip stream is corrupt: {error}"))
        }
        Err(error) => return Record::error(id, source, unreadable(path, &error)),
    };
    if bytes.len() > max {
        return Record::error(id, source, too_big_message(format!("more than {max}"), max));
    }
    text_record(id, source, bytes)
}

/// Reads at most `max + 1` bytes, so an oversized file is seen without reading it all.
fn read_capped(path: &Path, gz: bool, max: usize, size: u64) -> io::Result<Vec<u8>> {
    let file = fs::File::open(path)?;
    let limit = max as u64 + 1;
    let mut bytes = Vec::new();
    if gz {
        // The compressed size says little about the text's; let the buffer grow.
        flate2::read::MultiGzDecoder::new(io::BufReader::new(file))
            .take(limit)
            .read_to_end(&mut bytes)?;
    } else {
        bytes.reserve_exact(size.min(limit) as usize + 1);
        file.take(limit).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Makes a record of a file's bytes: binary files are refused, the rest decoded and cleaned.
fn text_record(id: String, source: String, bytes: Vec<u8>) -> Record {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if memchr::memchr(0, sniff).is_some() {
        return Record::error(id, source, "binary file (NUL bytes)".to_owned());
    }
    let mut bytes = bytes;
    clean::strip_bom(&mut bytes);
    let mut record = Record::new(id, source, String::new());
    let (text, invalid_at) = decode(bytes);
    if let Some(at) = invalid_at {
        record.note(Severity::Warning, invalid_utf8_message("", at));
    }
    clean::set_text(&mut record, text);
    record
}

/// `unreadable: permission denied`, or `dangling symlink` for a link to nothing.
fn unreadable(path: &Path, error: &io::Error) -> String {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && error.kind() == io::ErrorKind::NotFound {
        "dangling symlink".to_owned()
    } else {
        format!("unreadable: {}", describe_io(error))
    }
}

/// True for the file names a directory walk reads.
fn is_text_name(name: &str) -> bool {
    let (name, _) = split_gz(name);
    name.len() > 4 && name.is_char_boundary(name.len() - 4) && {
        name[name.len() - 4..].eq_ignore_ascii_case(".txt")
    }
}

/// One step of the walk.
enum Entry {
    /// A path to look at.
    Path(PathBuf),
    /// A directory whose listing failed part way, with the message.
    Failed(PathBuf, String),
}

/// The records of a directory tree.
pub(super) struct DirRecords {
    root: PathBuf,
    max_doc_bytes: usize,
    /// The sorted listings of the directories being walked, innermost last.
    stack: Vec<std::vec::IntoIter<Entry>>,
}

impl DirRecords {
    /// Lists the root now, so an unreadable root is reported before any work starts.
    pub(super) fn new(root: &Path, options: &ReadOptions) -> Result<DirRecords, CorpusError> {
        let listing = list(root).map_err(|source| CorpusError::Unreadable {
            path: root.to_string_lossy().into_owned(),
            source,
        })?;
        Ok(DirRecords {
            root: root.to_owned(),
            max_doc_bytes: options.max_doc_bytes,
            stack: vec![listing.into_iter()],
        })
    }

    /// The id of a path: relative to the root, `/`-separated, without `.txt` or `.txt.gz`.
    fn id(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let parts: Vec<_> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy()),
                _ => None,
            })
            .collect();
        let id = parts.join("/");
        let (stem, _) = split_gz(&id);
        match stem.len().checked_sub(4) {
            Some(cut) if is_text_name(&id) => stem[..cut].to_owned(),
            _ => id,
        }
    }

    /// Looks at one path: returns a record for a text file or a failure, descends into a
    /// directory, and skips anything else.
    fn visit(&mut self, path: PathBuf) -> Option<Record> {
        let name = path.file_name()?.to_string_lossy().into_owned();
        let error = |message: String| Some(self.failure(&path, message));
        let file_type = match fs::symlink_metadata(&path) {
            Ok(metadata) => metadata.file_type(),
            Err(e) if is_text_name(&name) => {
                return error(format!("unreadable: {}", describe_io(&e)))
            }
            Err(_) => return None,
        };
        if file_type.is_dir() {
            return match list(&path) {
                Ok(listing) => {
                    self.stack.push(listing.into_iter());
                    None
                }
                Err(e) => {
                    Some(self.failure(&path, format!("unreadable directory: {}", describe_io(&e))))
                }
            };
        }
        if !is_text_name(&name) {
            return None;
        }
        if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(target) if target.is_file() => {}
                Ok(_) => return None,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return error("dangling symlink".to_owned())
                }
                Err(e) => return error(format!("unreadable: {}", describe_io(&e))),
            }
        } else if !file_type.is_file() {
            return None;
        }
        let id = self.id(&path);
        let source = path.to_string_lossy().into_owned();
        Some(read_text_file(&path, id, source, self.max_doc_bytes))
    }

    /// An error record for a path.
    fn failure(&self, path: &Path, message: String) -> Record {
        Record::error(self.id(path), path.to_string_lossy().into_owned(), message)
    }
}

impl Iterator for DirRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            let entry = match self.stack.last_mut()?.next() {
                Some(entry) => entry,
                None => {
                    self.stack.pop();
                    continue;
                }
            };
            let record = match entry {
                Entry::Path(path) => self.visit(path),
                Entry::Failed(path, message) => Some(self.failure(&path, message)),
            };
            if record.is_some() {
                return record;
            }
        }
    }
}

/// A directory's entries, sorted; an entry that cannot be read ends the listing with a failure.
fn list(dir: &Path) -> io::Result<Vec<Entry>> {
    let mut paths = Vec::new();
    let mut failure = None;
    for entry in fs::read_dir(dir)? {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(error) => {
                failure = Some(format!(
                    "unreadable directory entry: {}",
                    describe_io(&error)
                ));
                break;
            }
        }
    }
    paths.sort();
    let mut entries: Vec<Entry> = paths.into_iter().map(Entry::Path).collect();
    if let Some(message) = failure {
        entries.push(Entry::Failed(dir.to_owned(), message));
    }
    Ok(entries)
}
