//! Throughput benchmarks. The corpus is `$WHOSAID_BENCH_CORPUS`, else `../shared/bench/bench.jsonl`
//! when present, else the sample articles (a JSONL file with a `text` field per line).
//!
//! `cargo bench` runs: the gazetteer build, a bare Aho-Corasick scan of every shipped alias,
//! the single-threaded pipeline over the same text (so the two compare in one run), `analyze`
//! on a short and a long article, and the parallel batch path. Where the corpus comes with a
//! fixed alias list (`$WHOSAID_BENCH_ALIASES`, else `../shared/bench/aliases-65k.txt`, one alias
//! a line), a bare scan of that list runs too: it does not change with the gazetteers, so its
//! figure compares across versions and machines.

// The allocator the `whosaid` binary ships with, so the figures are the tool's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::time::Duration;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use whosaid::corpus::{self, ReadOptions};
use whosaid::gazetteer::Gazetteer;
use whosaid::{BatchOptions, Pipeline};

fn corpus_path() -> String {
    if let Ok(path) = std::env::var("WHOSAID_BENCH_CORPUS") {
        return path;
    }
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/bench.jsonl");
    if Path::new(shared).exists() {
        shared.to_string()
    } else {
        concat!(env!("CARGO_MANIFEST_DIR"), "/samples/articles.jsonl").to_string()
    }
}

/// The fixed alias list that comes with the bench corpus, if there is one.
fn fixed_aliases() -> Option<String> {
    let path = std::env::var("WHOSAID_BENCH_ALIASES").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/bench/aliases-65k.txt"
        )
        .to_string()
    });
    std::fs::read_to_string(path).ok()
}

fn texts() -> Vec<String> {
    let records = corpus::open(&corpus_path(), &ReadOptions::default()).expect("bench corpus");
    records.map(|r| r.text).filter(|t| !t.is_empty()).collect()
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("load gazetteers", |b| {
        b.iter(|| Gazetteer::builtin().expect("gazetteers"))
    });
    let gazetteer = Gazetteer::builtin().expect("gazetteers");
    group.bench_function("load and compile", |b| {
        b.iter(|| Pipeline::from_gazetteer(&gazetteer).expect("pipeline"))
    });
    group.finish();
}

/// A leftmost-longest automaton of `patterns`: the bare scan the pipeline is compared with.
fn bare_scan<P: AsRef<[u8]>>(patterns: impl IntoIterator<Item = P>) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("automaton")
}

/// Every match of the automaton in every text, counted.
fn count_matches(scan: &AhoCorasick, texts: &[String]) -> usize {
    texts
        .iter()
        .map(|t| scan.find_iter(t.as_str()).count())
        .sum()
}

fn scan_versus_pipeline(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let gazetteer = Gazetteer::builtin().expect("gazetteers");
    let aliases: Vec<&str> = gazetteer.aliases().iter().map(|a| &*a.text).collect();
    let scan = bare_scan(aliases);
    let pipeline = Pipeline::from_gazetteer(&gazetteer).expect("pipeline");
    let fixed_list = fixed_aliases();
    let fixed_scan = fixed_list
        .as_ref()
        .map(|list| bare_scan(list.lines().filter(|line| !line.is_empty())));

    let mut group = c.benchmark_group("corpus, one thread");
    group
        .sample_size(10)
        .throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("bare Aho-Corasick scan", |b| {
        b.iter(|| count_matches(&scan, &texts))
    });
    if let Some(fixed_scan) = &fixed_scan {
        group.bench_function("bare Aho-Corasick scan, fixed alias list", |b| {
            b.iter(|| count_matches(fixed_scan, &texts))
        });
    }
    group.bench_function("pipeline analyze", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| pipeline.analyze(t).mentions.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn single_documents(c: &mut Criterion) {
    let pipeline = Pipeline::builtin().expect("pipeline");
    let mut group = c.benchmark_group("analyze");
    for (name, file) in [
        ("short article", "samples/articles/afghan.txt"),
        ("long article", "samples/articles/questionnaire.txt"),
    ] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
            .expect("sample");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| pipeline.analyze(&text)));
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let pipeline = Pipeline::builtin().expect("pipeline");
    let path = corpus_path();
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let mut group = c.benchmark_group("batch, all threads");
    group.sample_size(10).throughput(Throughput::Bytes(bytes));
    group.bench_function("read, analyze, order", |b| {
        b.iter_batched(
            || corpus::open(&path, &ReadOptions::default()).expect("bench corpus"),
            |records| {
                let mut mentions = 0;
                pipeline
                    .run(records, &BatchOptions::default(), |_, analysis| {
                        mentions += analysis.map_or(0, |a| a.mentions.len());
                        Ok::<(), ()>(())
                    })
                    .expect("batch");
                mentions
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(
    benches,
    build,
    scan_versus_pipeline,
    single_documents,
    batch
);
criterion_main!(benches);
