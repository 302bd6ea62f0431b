//! The pipeline: one document in, one [`Analysis`] out; and the batch runner that drives it
//! over a corpus on all cores, in bounded chunks, writing results in input order.

use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::corpus::{Record, Severity};
use crate::entities::{Lexicon, Recognizer};
use crate::gazetteer::{Gazetteer, GazetteerError};
use crate::quotes::{self, CueLexicon, QuoteContext};
use crate::reuse;
use crate::text::{self, Word};

/// Builds a [`Pipeline`]: which gazetteers to load.
#[derive(Clone, Debug)]
pub struct PipelineBuilder {
    builtin: bool,
    gazetteers: Vec<PathBuf>,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            builtin: true,
            gazetteers: Vec::new(),
        }
    }
}

impl PipelineBuilder {
    /// Whether to load the built-in gazetteers (default true).
    pub fn builtin(&mut self, yes: bool) -> &mut Self {
        self.builtin = yes;
        self
    }

    /// Adds a user gazetteer file; later files override earlier ones and the built-in lists.
    pub fn gazetteer(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.gazetteers.push(path.into());
        self
    }

    /// Loads the gazetteers and compiles the matcher.
    pub fn build(&self) -> Result<Pipeline, GazetteerError> {
        let mut gazetteer = if self.builtin {
            Gazetteer::builtin()?
        } else {
            Gazetteer::new()
        };
        for path in &self.gazetteers {
            gazetteer.add_file(path)?;
        }
        Pipeline::from_gazetteer(&gazetteer)
    }
}

/// Everything needed to analyse documents; built once, then shared by every thread.
#[derive(Clone, Debug)]
pub struct Pipeline {
    recognizer: Recognizer,
    cues: CueLexicon,
}

impl Pipeline {
    /// A pipeline over the built-in gazetteers.
    pub fn builtin() -> Result<Pipeline, GazetteerError> {
        PipelineBuilder::default().build()
    }

    /// Options for building a pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// A pipeline over a gazetteer of your own.
    pub fn from_gazetteer(gazetteer: &Gazetteer) -> Result<Pipeline, GazetteerError> {
        Ok(Pipeline {
            recognizer: Recognizer::new(gazetteer, Lexicon::builtin()?)?,
            cues: CueLexicon::builtin(),
        })
    }

    /// The entity recognizer.
    pub fn recognizer(&self) -> &Recognizer {
        &self.recognizer
    }

    /// Finds the entities and quotes of one text. A pure function of the text.
    pub fn analyze(&self, text: &str) -> Analysis {
        // One scan of the text into words serves both stages.
        thread_local! {
            static WORDS: Cell<Vec<Word>> = const { Cell::new(Vec::new()) };
        }
        reuse::with_kept(&WORDS, |words| {
            text::words_into(text, words);
            let found = self.recognizer.find(text, words, &self.cues);
            let quotes = quotes::find(
                &self.cues,
                &QuoteContext {
                    text,
                    words,
                    mentions: &found.mentions,
                    entities: &found.entities,
                    genders: &found.genders,
                },
            );
            Analysis {
                entities: found.entities,
                mentions: found.mentions,
                quotes,
            }
        })
    }

    /// Analyses a record unless reading it failed; a panic becomes the record's error.
    pub fn analyze_record(&self, record: &mut Record) -> Option<Analysis> {
        if record
            .problem
            .as_ref()
            .is_some_and(|p| p.severity == Severity::Error)
        {
            return None;
        }
        match panic::catch_unwind(AssertUnwindSafe(|| self.analyze(&record.text))) {
            Ok(analysis) => Some(analysis),
            Err(payload) => {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown cause".to_string());
                record.note(
                    Severity::Error,
                    format!("internal error while analysing: {what}"),
                );
                None
            }
        }
    }

    /// Analyses every record on the current rayon pool and hands each result to `write` in
    /// input order, from a separate writer thread. Reading runs on its own thread too, so
    /// the three overlap. Memory is bounded by a few chunks of `chunk_bytes`. A pool of one
    /// thread does all three in turn on the calling thread, so that one thread means one core.
    ///
    /// Stops early, returning the writer's error, if `write` fails or `keep_going` says no.
    pub fn run<I, W, E>(&self, records: I, options: &BatchOptions, mut write: W) -> Result<(), E>
    where
        I: Iterator<Item = Record> + Send,
        W: FnMut(Record, Option<Analysis>) -> Result<(), E> + Send,
        E: Send,
    {
        // Records as read: until `keep_going` says no, with repeated ids flagged.
        let mut ids = DuplicateIds::default();
        let records = records
            .take_while(|_| (options.keep_going)())
            .map(move |mut record| {
                ids.check(&mut record);
                record
            });
        if rayon::current_num_threads() <= 1 {
            for mut record in records {
                let analysis = self.analyze_record(&mut record);
                write(record, analysis)?;
            }
            return Ok(());
        }
        type Chunk = Vec<(Record, Option<Analysis>)>;
        let (read_tx, read_rx) = mpsc::sync_channel::<Vec<Record>>(2);
        // Each chunk is analysed as a job of its own, so that the cores go on to the next one
        // while the last documents of a chunk finish; results may then come back out of order.
        // A chunk takes a permit when its job starts and the writer returns it once the chunk
        // is written, which bounds the chunks in memory. The result channel holds as many
        // chunks as there are permits, so a job never waits to hand its result over.
        let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(CHUNKS_IN_FLIGHT);
        let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Chunk)>(CHUNKS_IN_FLIGHT);
        thread::scope(|scope| {
            scope.spawn(move || {
                let mut chunk = Vec::new();
                let mut bytes = 0;
                // The first chunk is a sixteenth of the full size, and each next one twice the
                // last, so that the cores start work as soon as a few documents are read.
                let mut shrink = 16;
                for record in records {
                    bytes += record.text.len() + 64;
                    chunk.push(record);
                    if bytes * shrink >= options.chunk_bytes
                        || chunk.len() * shrink >= options.chunk_docs
                    {
                        bytes = 0;
                        shrink = (shrink / 2).max(1);
                        if read_tx.send(std::mem::take(&mut chunk)).is_err() {
                            return;
                        }
                    }
                }
                if !chunk.is_empty() {
                    let _ = read_tx.send(chunk);
                }
            });
            let writer = scope.spawn(move || {
                // Chunks that came back before an earlier one, by their number.
                let mut waiting = BTreeMap::new();
                let mut next = 0;
                for (number, chunk) in done_rx {
                    waiting.insert(number, chunk);
                    while let Some(chunk) = waiting.remove(&next) {
                        for (record, analysis) in chunk {
                            write(record, analysis)?;
                        }
                        next += 1;
                        let _ = permit_rx.recv();
                    }
                }
                Ok(())
            });
            // The jobs run on the pool; this thread only hands the chunks out.
            rayon::in_place_scope(|jobs| {
                for (number, chunk) in read_rx.into_iter().enumerate() {
                    // No permit: the writer has stopped.
                    if permit_tx.send(()).is_err() {
                        break;
                    }
                    let done_tx = done_tx.clone();
                    jobs.spawn(move |_| {
                        let analysed: Chunk = chunk
                            .into_par_iter()
                            .map(|mut record| {
                                let analysis = self.analyze_record(&mut record);
                                (record, analysis)
                            })
                            .collect();
                        // A closed channel means the writer has stopped, with its error.
                        let _ = done_tx.send((number, analysed));
                    });
                }
            });
            drop(done_tx);
            match writer.join() {
                Ok(result) => result,
                Err(payload) => panic::resume_unwind(payload),
            }
        })
    }
}

/// How many chunks may be read, analysed or waiting to be written at once: enough that the
/// cores never wait for a chunk to start.
const CHUNKS_IN_FLIGHT: usize = 4;

/// How [`Pipeline::run`] cuts the corpus into chunks, and when it stops.
pub struct BatchOptions<'a> {
    /// A chunk closes when its texts reach this many bytes…
    pub chunk_bytes: usize,
    /// …or this many documents.
    pub chunk_docs: usize,
    /// Asked before each record is read; returning false stops reading (Ctrl-C).
    pub keep_going: &'a (dyn Fn() -> bool + Sync),
}

impl Default for BatchOptions<'_> {
    fn default() -> Self {
        BatchOptions {
            // Small enough that filling the pipeline at the start and draining it at the end
            // (reading the first chunk, writing the last) cost little; large enough that each
            // chunk keeps every core busy.
            chunk_bytes: 1 << 20,
            chunk_docs: 1024,
            keep_going: &|| true,
        }
    }
}

/// The shard (0-based, of `shards`) a document id falls in: FNV-1a of the id, so the split is
/// the same on every machine and in every version.
pub fn shard_of(id: &str, shards: u64) -> u64 {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    hash % shards.max(1)
}

/// Flags records whose id was seen before. Keeps a 64-bit hash per id, not the id, so memory
/// stays small for millions of documents.
#[derive(Default)]
struct DuplicateIds {
    seen: HashSet<u64, BuildHasherDefault<IdentityHasher>>,
    hasher: BuildHasherDefault<DefaultHasher>,
}

impl DuplicateIds {
    fn check(&mut self, record: &mut Record) {
        if !self.seen.insert(self.hasher.hash_one(&record.id)) {
            record.note(Severity::Warning, format!("duplicate id `{}`", record.id));
        }
    }
}

/// The ids are hashed already; hashing them again would be wasted work.
#[derive(Default)]
struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn shards_partition_ids() {
        let ids: Vec<String> = (0..1000).map(|i| format!("doc-{i}")).collect();
        let mut sizes = [0; 4];
        for id in &ids {
            let shard = shard_of(id, 4);
            assert_eq!(shard, shard_of(id, 4));
            sizes[shard as usize] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 200), "{sizes:?}");
        assert_eq!(shard_of("a", 0), 0);
    }

    /// A pipeline over a gazetteer of one person, quick to build.
    fn small_pipeline() -> Pipeline {
        let mut gazetteer = Gazetteer::new();
        gazetteer
            .add_tsv(
                "test",
                "id\ttype\tcanonical\talias\tform\nq:1\tPERSON\tJohn Kerry\tJohn Kerry\tname\n",
            )
            .unwrap();
        Pipeline::from_gazetteer(&gazetteer).unwrap()
    }

    /// Documents whose sizes fall and rise, one per chunk, so that later chunks often finish
    /// before earlier ones.
    fn records() -> Vec<Record> {
        (0..200)
            .map(|i| {
                let sentences = if i % 2 == 0 { 200 - i } else { 1 };
                let text = "\"We will not give up,\" John Kerry said. ".repeat(sentences);
                Record::new(format!("doc-{i}"), "test".into(), text)
            })
            .collect()
    }

    fn one_document_a_chunk() -> BatchOptions<'static> {
        BatchOptions {
            chunk_docs: 1,
            ..BatchOptions::default()
        }
    }

    fn on_pool<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(work)
    }

    #[test]
    fn results_are_written_in_input_order_whatever_finishes_first() {
        let pipeline = small_pipeline();
        let options = one_document_a_chunk();
        for threads in [1, 2, 4] {
            let mut written = Vec::new();
            on_pool(threads, || {
                pipeline.run(records().into_iter(), &options, |record, analysis| {
                    let quotes = analysis.map_or(0, |a| a.quotes.len());
                    written.push((record.id, quotes));
                    Ok::<(), ()>(())
                })
            })
            .unwrap();
            let expected: Vec<(String, usize)> = records()
                .iter()
                .map(|r| (r.id.clone(), r.text.matches("said").count()))
                .collect();
            assert_eq!(written, expected, "{threads} threads");
        }
    }

    #[test]
    fn a_failing_writer_stops_the_batch_with_its_error() {
        let pipeline = small_pipeline();
        let options = one_document_a_chunk();
        for threads in [1, 2] {
            let mut written = 0;
            let result = on_pool(threads, || {
                pipeline.run(records().into_iter(), &options, |_, _| {
                    written += 1;
                    if written == 10 {
                        Err("disk full")
                    } else {
                        Ok(())
                    }
                })
            });
            assert_eq!(result, Err("disk full"), "{threads} threads");
            assert_eq!(written, 10, "{threads} threads");
        }
    }

    #[test]
    fn pipeline_is_send_and_sync() {
        assert_send_sync::<Pipeline>();
    }
}
