//! Command-line parsing and the commands.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use whosaid::corpus::{self, ReadOptions, Record, Records};
use whosaid::gazetteer::{Gazetteer, Matcher};
use whosaid::output::{self, CsvOptions, CsvSink};
use whosaid::{eval, BatchOptions, Pipeline};

/// Who is named in news text, and who said what.
#[derive(Parser)]
#[command(name = "whosaid", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a corpus and write mentions.csv, quotes.csv, documents.csv and entities.csv.
    Extract(Extract),
    /// Read JSONL documents (stdin by default) and write one JSONL result per document to stdout.
    Stream(Stream),
    /// Score the pipeline against gold JSONL files.
    Eval(Eval),
    /// Gazetteer tools.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Validate a gazetteer file and print its counts and conflicts.
    Check {
        /// The TSV file (id, type, canonical, alias, form).
        file: PathBuf,
    },
}

#[derive(Args)]
struct Common {
    /// A gazetteer TSV to add (repeatable); it overrides the built-in lists.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Do not load the built-in gazetteers.
    #[arg(long)]
    no_builtin: bool,
    /// Worker threads (0: one per core; 1: everything on one thread).
    #[arg(short = 'j', long, default_value_t = 0)]
    threads: usize,
}

#[derive(Args)]
struct Inputs {
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// JSONL field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// CSV column holding the document id.
    #[arg(long, default_value = "id")]
    id_column: String,
    /// CSV column holding the text.
    #[arg(long, default_value = "text")]
    text_column: String,
    /// Refuse documents larger than this many bytes (reported as errors).
    #[arg(long, default_value_t = 64 << 20)]
    max_doc_bytes: usize,
    /// Process only shard K of N (1 ≤ K ≤ N), chosen by a hash of the document id.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<(u64, u64)>,
}

#[derive(Args)]
struct Extract {
    /// Inputs: directories of .txt, .jsonl, .csv, .txt files (optionally .gz), or - for JSONL on stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output directory.
    #[arg(short, long)]
    output: PathBuf,
    /// Spreadsheet-friendly CSV: UTF-8 BOM, CRLF, formula cells guarded.
    #[arg(long)]
    excel: bool,
    /// No progress bar and no closing line.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    common: Common,
    #[command(flatten)]
    read: Inputs,
}

#[derive(Args)]
struct Stream {
    /// Inputs (default: JSONL on stdin).
    inputs: Vec<String>,
    #[command(flatten)]
    common: Common,
    #[command(flatten)]
    read: Inputs,
}

#[derive(Args)]
struct Eval {
    /// Gold JSONL files.
    #[arg(required = true)]
    gold: Vec<PathBuf>,
    /// Print only the JSON lines.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

fn parse_shard(value: &str) -> Result<(u64, u64), String> {
    let (k, n) = value.split_once('/').ok_or("expected K/N, e.g. 3/8")?;
    let k: u64 = k
        .trim()
        .parse()
        .map_err(|_| format!("bad shard number `{k}`"))?;
    let n: u64 = n
        .trim()
        .parse()
        .map_err(|_| format!("bad shard count `{n}`"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: need 1 ≤ K ≤ N"));
    }
    Ok((k, n))
}

/// Runs the command line; the exit code says how the documents fared.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Stream(args) => stream(args),
        Command::Eval(args) => evaluate(args),
        Command::Gazetteer(GazetteerCommand::Check { file }) => check(file),
    }
}

impl Common {
    fn pipeline(&self) -> Result<Pipeline> {
        if self.threads > 0 {
            rayon::ThreadPoolBuilder::new()
                .num_threads(self.threads)
                .build_global()
                .context("cannot start the worker threads")?;
        }
        let mut builder = Pipeline::builder();
        builder.builtin(!self.no_builtin);
        for path in &self.gazetteers {
            builder.gazetteer(path);
        }
        builder.build().context("cannot load the gazetteers")
    }
}

impl Inputs {
    fn options(&self) -> ReadOptions {
        ReadOptions {
            id_field: self.id_field.clone(),
            text_field: self.text_field.clone(),
            id_column: self.id_column.clone(),
            text_column: self.text_column.clone(),
            max_doc_bytes: self.max_doc_bytes,
        }
    }

    /// Opens every input before any work starts, so a bad path fails fast; reads lazily.
    fn open(&self, inputs: &[String]) -> Result<impl Iterator<Item = Record> + Send> {
        let options = self.options();
        let opened: Vec<Records> = inputs
            .iter()
            .map(|input| corpus::open(input, &options))
            .collect::<Result<_, _>>()?;
        let shard = self.shard;
        Ok(opened.into_iter().flatten().filter(move |record| {
            shard.is_none_or(|(k, n)| whosaid::pipeline::shard_of(&record.id, n) == k - 1)
        }))
    }
}

/// Total input bytes, when every input is a plain file (for the progress bar).
fn input_bytes(inputs: &[String]) -> Option<u64> {
    inputs
        .iter()
        .map(|i| {
            std::fs::metadata(i)
                .ok()
                .filter(|m| m.is_file() && !i.ends_with(".gz"))
                .map(|m| m.len())
        })
        .sum()
}

fn interrupted_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let handler_flag = flag.clone();
    // Without a handler Ctrl-C kills the process, leaving only temporary files behind.
    let _ = ctrlc::set_handler(move || handler_flag.store(true, Ordering::SeqCst));
    flag
}

fn extract(args: Extract) -> Result<ExitCode> {
    let pipeline = args.common.pipeline()?;
    let records = args.read.open(&args.inputs)?;
    let mut sink = CsvSink::create(&args.output, CsvOptions { excel: args.excel })
        .with_context(|| format!("cannot write to {}", args.output.display()))?;
    let progress = progress_bar(
        args.quiet || args.inputs.iter().any(|i| i == "-"),
        input_bytes(&args.inputs),
    );
    let interrupted = interrupted_flag();
    let keep_going = || !interrupted.load(Ordering::Relaxed);
    let options = BatchOptions {
        keep_going: &keep_going,
        ..BatchOptions::default()
    };
    let started = Instant::now();
    let (mut docs, mut bytes) = (0u64, 0u64);
    let result = pipeline.run(records, &options, |record, analysis| {
        docs += 1;
        bytes += record.text.len() as u64;
        progress.set_position(bytes);
        // The bar is drawn four times a second: a count kept fresh per 64 documents will do.
        if docs % 64 == 0 && !progress.is_hidden() {
            progress.set_message(format!("{docs} docs"));
        }
        sink.write(&record, analysis.as_ref())
    });
    progress.finish_and_clear();
    if let Err(error) = result {
        sink.abort();
        return Err(error).context("cannot write the output");
    }
    if interrupted.load(Ordering::Relaxed) {
        sink.abort();
        eprintln!("whosaid: interrupted; no output written");
        return Ok(ExitCode::from(130));
    }
    let summary = sink.finish().context("cannot finish the output files")?;
    if !args.quiet {
        eprintln!("{}", closing_line(docs, bytes, started.elapsed()));
        if summary.errors + summary.warnings > 0 {
            eprintln!(
                "{} documents with errors, {} with warnings: see documents.csv",
                summary.errors, summary.warnings
            );
        }
    }
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn stream(args: Stream) -> Result<ExitCode> {
    let pipeline = args.common.pipeline()?;
    let inputs = if args.inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        args.inputs
    };
    let records = args.read.open(&inputs)?;
    // Small chunks: the first results come out at once, and memory stays flat.
    let options = BatchOptions {
        chunk_docs: 256,
        chunk_bytes: 1 << 20,
        ..BatchOptions::default()
    };
    // The writer thread locks stdout for itself.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout());
    let mut failed = false;
    let mut pending = 0usize;
    let result = pipeline.run(records, &options, |record, analysis| {
        failed |= record.is_error();
        output::write_jsonl(&mut out, &record, analysis.as_ref())?;
        pending += 1;
        if pending >= 64 {
            pending = 0;
            out.flush()?;
        }
        Ok::<(), io::Error>(())
    });
    let result = result.and_then(|()| out.flush());
    match result {
        // A closed pipe (head, a finished consumer) is not an error for a filter.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(error).context("cannot write to stdout"),
        Ok(()) => Ok(if failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }),
    }
}

fn evaluate(args: Eval) -> Result<ExitCode> {
    let pipeline = args.common.pipeline()?;
    for path in &args.gold {
        let gold = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let scores =
            eval::evaluate(&pipeline, &gold).with_context(|| format!("{}", path.display()))?;
        let name = path.display().to_string();
        if !args.json {
            println!("{}", scores.table(&name));
        }
        println!("{}", scores.json(&name));
    }
    Ok(ExitCode::SUCCESS)
}

fn check(file: PathBuf) -> Result<ExitCode> {
    let mut gazetteer = Gazetteer::new();
    let started = Instant::now();
    gazetteer.add_file(&file)?;
    let matcher = Matcher::new(&gazetteer)?;
    let mut kinds = std::collections::BTreeMap::new();
    for entity in gazetteer.entities() {
        *kinds.entry(entity.kind.as_str()).or_insert(0usize) += 1;
    }
    println!(
        "{}: {} entities, {} aliases ({} distinct keys)",
        file.display(),
        gazetteer.entities().len(),
        gazetteer.aliases().len(),
        matcher.len()
    );
    for (kind, count) in kinds {
        println!("  {kind}: {count}");
    }
    println!(
        "  matcher: {:.1} MB, built in {:.0} ms",
        matcher.memory_usage() as f64 / 1e6,
        started.elapsed().as_secs_f64() * 1e3
    );
    let conflicts = gazetteer.conflicts();
    let shared = gazetteer.shared_aliases();
    for conflict in conflicts {
        println!("conflict: {conflict}");
    }
    for (key, ids) in &shared {
        let ids: Vec<&str> = ids.iter().map(|id| &**id).collect();
        println!(
            "shared alias `{key}`: {} (matched as the first)",
            ids.join(", ")
        );
    }
    println!(
        "{} conflicts, {} shared aliases",
        conflicts.len(),
        shared.len()
    );
    if conflicts.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        bail!(
            "{} has {} conflicting entries",
            file.display(),
            conflicts.len()
        )
    }
}

fn progress_bar(hidden: bool, total: Option<u64>) -> ProgressBar {
    if hidden || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {bytes} {binary_bytes_per_sec} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

fn closing_line(docs: u64, bytes: u64, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64().max(1e-9);
    let mb = bytes as f64 / 1e6;
    format!(
        "{docs} docs, {mb:.1} MB in {seconds:.2} s: {:.0} docs/s, {:.1} MB/s",
        docs as f64 / seconds,
        mb / seconds
    )
}
