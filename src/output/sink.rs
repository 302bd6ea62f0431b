//! The four CSV files of a run, written under temporary names and renamed when complete.

use std::cmp::Reverse;
use std::fs::{self, File};
use std::io::{self, Write};
use std::panic::resume_unwind;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;

use rustc_hash::FxHashMap;

use super::cells::Cells;
use super::rows::{char_count, Rows};
use super::{CsvOptions, OutputError, Summary};
use crate::analysis::{Analysis, Entity, EntityType};
use crate::corpus::{Record, Status};

/// `mentions.csv` columns.
pub const MENTIONS_HEADER: [&str; 8] = [
    "doc_id",
    "start",
    "end",
    "text",
    "type",
    "entity_id",
    "canonical",
    "form",
];

/// `quotes.csv` columns.
pub const QUOTES_HEADER: [&str; 14] = [
    "doc_id",
    "quote_index",
    "kind",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_id",
    "speaker_type",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "cue",
    "rule",
];

/// `documents.csv` columns.
pub const DOCUMENTS_HEADER: [&str; 7] = [
    "doc_id", "source", "chars", "mentions", "quotes", "status", "error",
];

/// `entities.csv` columns.
pub const ENTITIES_HEADER: [&str; 6] = [
    "entity_id",
    "canonical",
    "type",
    "mentions",
    "documents",
    "quotes",
];

/// The UTF-8 byte order mark spreadsheets look for.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes `mentions.csv`, `quotes.csv`, `documents.csv` and `entities.csv` into one directory.
///
/// The files are written as `.NAME.tmp` and renamed by [`CsvSink::finish`], so the final names
/// appear only for complete output; dropping the sink without finishing removes the temporary
/// files, as [`CsvSink::abort`] does.
pub struct CsvSink {
    dir: PathBuf,
    mentions: Table,
    quotes: Table,
    documents: Table,
    entities: Table,
    totals: FxHashMap<Arc<str>, EntityTotal>,
    summary: Summary,
    // Last, so the files are closed before they are removed.
    temps: TempFiles,
}

impl CsvSink {
    /// Creates `dir` if needed and opens the four files under temporary names in it.
    pub fn create(dir: &Path, options: CsvOptions) -> Result<CsvSink, OutputError> {
        fs::create_dir_all(dir).map_err(|source| OutputError::io("create", dir, source))?;
        let mut temps = TempFiles::default();
        let mut open =
            |name: &str, header: &[&str]| Table::create(dir, name, header, options, &mut temps);
        let mentions = open("mentions.csv", &MENTIONS_HEADER)?;
        let quotes = open("quotes.csv", &QUOTES_HEADER)?;
        let documents = open("documents.csv", &DOCUMENTS_HEADER)?;
        let entities = open("entities.csv", &ENTITIES_HEADER)?;
        Ok(CsvSink {
            dir: dir.to_owned(),
            mentions,
            quotes,
            documents,
            entities,
            totals: FxHashMap::default(),
            summary: Summary::default(),
            temps,
        })
    }

    /// Writes one document's rows (`analysis` is `None` for records that were not analysed).
    /// Call in input order.
    pub fn write(
        &mut self,
        record: &Record,
        analysis: Option<&Analysis>,
    ) -> Result<(), OutputError> {
        self.summary.documents += 1;
        let (mentions, quotes) = match analysis {
            Some(analysis) => {
                self.write_analysis(&record.id, &record.text, analysis)?;
                self.count_entities(analysis);
                (analysis.mentions.len(), analysis.quotes.len())
            }
            None => (0, 0),
        };
        let chars = char_count(&record.text) as u64;
        let status = record.status();
        let error = record.problem.as_ref().map(|p| p.message.as_str());
        let table = &mut self.documents;
        table
            .write_row(|cells| {
                cells.text(&record.id)?;
                cells.text(&record.source)?;
                cells.num(chars)?;
                cells.num(mentions as u64)?;
                cells.num(quotes as u64)?;
                cells.text(status.as_str())?;
                cells.opt_text(error)
            })
            .map_err(|source| OutputError::io("write", &table.temp, source))?;
        let summary = &mut self.summary;
        match status {
            Status::Ok => summary.ok += 1,
            Status::Warning => summary.warnings += 1,
            Status::Error => summary.errors += 1,
        }
        summary.mentions += mentions as u64;
        summary.quotes += quotes as u64;
        summary.chars += chars;
        Ok(())
    }

    /// Writes entities.csv, flushes and syncs every file, then gives each its final name.
    pub fn finish(self) -> Result<Summary, OutputError> {
        let CsvSink {
            dir,
            mentions,
            quotes,
            documents,
            mut entities,
            totals,
            summary,
            mut temps,
        } = self;
        // The other files are flushed and synced on threads of their own while entities.csv
        // is written: the waits for the disk overlap each other and that work.
        let names = thread::scope(|scope| {
            let closing: Vec<_> = [mentions, quotes, documents]
                .into_iter()
                .map(|table| scope.spawn(move || table.close()))
                .collect();
            let entities = write_entities(&mut entities, &totals).and_then(|()| entities.close());
            let mut names = closing
                .into_iter()
                .map(|handle| handle.join().unwrap_or_else(|panic| resume_unwind(panic)))
                .collect::<Result<Vec<_>, OutputError>>()?;
            // documents.csv is renamed last: its presence means the run completed.
            names.insert(names.len() - 1, entities?);
            Ok::<_, OutputError>(names)
        })?;
        for (temp, path) in names {
            fs::rename(&temp, &path).map_err(|source| OutputError::io("rename", &temp, source))?;
        }
        temps.disarm();
        // Make the renames durable too; not every platform can sync a directory.
        if let Ok(handle) = File::open(&dir) {
            let _ = handle.sync_all();
        }
        Ok(summary)
    }

    /// Removes the temporary files (an interrupted run).
    pub fn abort(self) {
        drop(self);
    }

    fn write_analysis(
        &mut self,
        id: &str,
        text: &str,
        analysis: &Analysis,
    ) -> Result<(), OutputError> {
        let rows = Rows::new(text, analysis);
        let table = &mut self.mentions;
        for row in rows.mentions() {
            table
                .write_row(|cells| {
                    cells.text(id)?;
                    cells.num(row.start as u64)?;
                    cells.num(row.end as u64)?;
                    cells.text(row.text)?;
                    cells.text(row.kind)?;
                    cells.text(row.entity_id)?;
                    cells.text(row.canonical)?;
                    cells.text(row.form)
                })
                .map_err(|source| OutputError::io("write", &table.temp, source))?;
        }
        let table = &mut self.quotes;
        for row in rows.quotes() {
            table
                .write_row(|cells| {
                    cells.text(id)?;
                    cells.num(row.quote_index as u64)?;
                    cells.text(row.kind)?;
                    cells.num(row.start as u64)?;
                    cells.num(row.end as u64)?;
                    cells.text(row.text)?;
                    cells.opt_text(row.speaker)?;
                    cells.opt_text(row.speaker_id)?;
                    cells.opt_text(row.speaker_type)?;
                    cells.opt_text(row.speaker_text)?;
                    cells.opt_num(row.speaker_start)?;
                    cells.opt_num(row.speaker_end)?;
                    cells.opt_text(row.cue)?;
                    cells.text(row.rule)
                })
                .map_err(|source| OutputError::io("write", &table.temp, source))?;
        }
        Ok(())
    }

    /// Adds a document's mentions and attributed quotes to the corpus totals: counted per
    /// entity of the document first, so the corpus table is looked up once per entity.
    fn count_entities(&mut self, analysis: &Analysis) {
        let document = self.summary.documents;
        // (mentions, quotes) per entity of the document.
        let mut counts = vec![(0u64, 0u64); analysis.entities.len()];
        for mention in &analysis.mentions {
            if let Some(count) = counts.get_mut(mention.entity as usize) {
                count.0 += 1;
            }
        }
        for quote in &analysis.quotes {
            let speaker = quote.speaker.as_ref().and_then(|s| s.entity);
            if let Some(count) = speaker.and_then(|e| counts.get_mut(e as usize)) {
                count.1 += 1;
            }
        }
        for (entity, &(mentions, quotes)) in analysis.entities.iter().zip(&counts) {
            if mentions + quotes == 0 {
                continue;
            }
            let add = |total: &mut EntityTotal| {
                total.mentions += mentions;
                total.quotes += quotes;
                // Two entities of a document may share an id: the document counts once.
                if total.last_document != document {
                    total.last_document = document;
                    total.documents += 1;
                }
            };
            match self.totals.get_mut(&*entity.id) {
                Some(total) => add(total),
                None => {
                    let mut total = EntityTotal::new(entity);
                    add(&mut total);
                    self.totals.insert(Arc::clone(&entity.id), total);
                }
            }
        }
    }
}

/// Writes the corpus totals into entities.csv, most mentioned first, then by id.
fn write_entities(
    table: &mut Table,
    totals: &FxHashMap<Arc<str>, EntityTotal>,
) -> Result<(), OutputError> {
    // Most entities are mentioned as often as many others, so the sort compares many ids. Each
    // key carries the first bytes of its id, which settle most comparisons without a visit to
    // the id itself, stored elsewhere in memory.
    let mut order: Vec<_> = totals
        .iter()
        .map(|(id, total)| (Reverse(total.mentions), id_prefix(id), &**id, total))
        .collect();
    order.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| a.2.cmp(b.2)));
    for (_, _, id, total) in order {
        table
            .write_row(|cells| {
                cells.text(id)?;
                cells.text(&total.canonical)?;
                cells.text(total.kind.as_str())?;
                cells.num(total.mentions)?;
                cells.num(total.documents)?;
                cells.num(total.quotes)
            })
            .map_err(|source| OutputError::io("write", &table.temp, source))?;
    }
    Ok(())
}

/// The first 16 bytes of an id, zero-padded, as a number that orders as the bytes do.
fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0; 16];
    let len = id.len().min(16);
    bytes[..len].copy_from_slice(&id.as_bytes()[..len]);
    u128::from_be_bytes(bytes)
}

/// Corpus totals of one entity.
struct EntityTotal {
    canonical: Arc<str>,
    kind: EntityType,
    mentions: u64,
    documents: u64,
    quotes: u64,
    /// The last document counted, so each counts once.
    last_document: u64,
}

impl EntityTotal {
    fn new(entity: &Entity) -> EntityTotal {
        EntityTotal {
            canonical: Arc::clone(&entity.canonical),
            kind: entity.kind,
            mentions: 0,
            documents: 0,
            quotes: 0,
            last_document: 0,
        }
    }
}

/// One output file, open under its temporary name.
struct Table {
    cells: Cells<SyncingFile>,
    temp: PathBuf,
    path: PathBuf,
}

impl Table {
    fn create(
        dir: &Path,
        name: &str,
        header: &[&str],
        options: CsvOptions,
        temps: &mut TempFiles,
    ) -> Result<Table, OutputError> {
        let temp = dir.join(format!(".{name}.tmp"));
        let path = dir.join(name);
        temps.paths.push(temp.clone());
        let io_error = |source| OutputError::io("write", &temp, source);
        let mut out = File::create(&temp).map_err(io_error)?;
        if options.excel {
            out.write_all(BOM).map_err(io_error)?;
        }
        let mut cells = Cells::new(SyncingFile::new(out), options.excel);
        cells.row(header).map_err(io_error)?;
        Ok(Table { cells, temp, path })
    }

    /// Writes one row with `cells` and ends it.
    fn write_row(
        &mut self,
        cells: impl FnOnce(&mut Cells<SyncingFile>) -> io::Result<()>,
    ) -> io::Result<()> {
        cells(&mut self.cells)?;
        self.cells.end()
    }

    /// Flushes and syncs the file; returns its temporary and final names.
    fn close(self) -> Result<(PathBuf, PathBuf), OutputError> {
        let io_error = |source| OutputError::io("write", &self.temp, source);
        let out = self.cells.into_inner().map_err(io_error)?;
        out.file.sync_all().map_err(io_error)?;
        Ok((self.temp, self.path))
    }
}

/// A file that is synced to disk every [`SYNC_EVERY`] bytes as it is written, on the writer's
/// thread while the cores analyse on: the sync at the end of a run then has little left to
/// wait for, however large the output.
struct SyncingFile {
    file: File,
    /// Bytes written since the last sync.
    unsynced: usize,
}

/// How many bytes [`SyncingFile`] writes between syncs.
const SYNC_EVERY: usize = 4 << 20;

impl SyncingFile {
    fn new(file: File) -> SyncingFile {
        SyncingFile { file, unsynced: 0 }
    }
}

impl Write for SyncingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.file.write(buf)?;
        self.unsynced += written;
        if self.unsynced >= SYNC_EVERY {
            self.file.sync_data()?;
            self.unsynced = 0;
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Temporary files removed on drop unless disarmed.
#[derive(Default)]
struct TempFiles {
    paths: Vec<PathBuf>,
}

impl TempFiles {
    fn disarm(&mut self) {
        self.paths.clear();
    }
}

impl Drop for TempFiles {
    fn drop(&mut self) {
        for path in &self.paths {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{id_prefix, SyncingFile, SYNC_EVERY};
    use proptest::prelude::*;
    use std::io::Write;

    #[test]
    fn a_syncing_file_writes_everything_and_syncs_as_it_goes() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("out.csv");
        let mut out = SyncingFile::new(std::fs::File::create(&path).expect("file"));
        let block = vec![b'x'; SYNC_EVERY / 3 + 7];
        for _ in 0..4 {
            out.write_all(&block).expect("write");
            // Never more than one sync's worth is left to the end.
            assert!(out.unsynced < SYNC_EVERY);
        }
        out.flush().expect("flush");
        // The third write passed the mark and synced; only the fourth is left.
        assert_eq!(out.unsynced, block.len());
        assert_eq!(
            std::fs::metadata(&path).expect("metadata").len(),
            4 * block.len() as u64
        );
    }

    proptest! {
        /// Where two prefixes differ, they order the ids as the ids themselves order.
        #[test]
        fn id_prefixes_order_as_ids(a in "[a-c:\\-é]{0,20}", b in "[a-c:\\-é]{0,20}") {
            if id_prefix(&a) != id_prefix(&b) {
                prop_assert_eq!(id_prefix(&a).cmp(&id_prefix(&b)), a.cmp(&b));
            }
        }
    }
}
