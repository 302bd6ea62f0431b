#!/usr/bin/env bash
# Scores whosaid on the gold sets and times it on the bench corpus, both from ../shared
# (not shipped with the project). Prints tables and one JSON line per gold file.
#
#   scripts/evaluate.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
[ -d "$shared/eval" ] || { echo "no gold sets under $shared/eval"; exit 2; }

cargo build --release --quiet
bin=target/release/whosaid

echo "== scores"
for gold in seed/seed.gold.jsonl ner/worldwide.dev.jsonl ner/conll2003.dev.jsonl ner/gum_wikinews.jsonl \
            polnear/dev.gold.jsonl polnear/train.gold.jsonl; do
    if [ -f "$shared/eval/$gold" ]; then "$bin" eval "$shared/eval/$gold"; fi
done

bench="$shared/bench/bench.jsonl"
if [ -f "$bench" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    echo "== throughput on $bench (closing lines: reading and writing included)"
    # Five runs a thread count, and their median: these machines are noisy. The thread counts
    # take turns, so that a slow spell of the host slows both alike.
    for run in 1 2 3 4 5; do
        for threads in 1 2; do
            "$bin" extract "$bench" -o "$out/extract" --threads "$threads" 2>&1 | tail -n 1 |
                awk -v t="$threads" '{ for (i = 1; i < NF; i++) if ($(i + 1) == "MB/s") print t, $i }'
        done
    done > "$out/runs"
    for threads in 1 2; do
        runs=$(awk -v t="$threads" '$1 == t { print $2 }' "$out/runs" | sort -n | tr '\n' ' ')
        median=$(echo "$runs" | awk '{ print $3 }')
        echo "extract --threads $threads: median $median MB/s of 5 runs (${runs% })"
    done
    # Each two-thread run against the one-thread run just before it.
    awk '$1 == 1 { one = $2 } $1 == 2 { print $2 / one }' "$out/runs" | sort -n |
        awk '{ r[NR] = $1 } END { printf "extract --threads 2 / --threads 1: median of paired ratios %.2f (%.2f to %.2f)\n", r[3], r[1], r[NR] }'
    start=$(date +%s.%N)
    "$bin" stream "$bench" --threads 2 > "$out/stream.jsonl"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v b="$(stat -c %s "$bench")" \
        'BEGIN { printf "stream --threads 2: %.2f s, %.1f MB/s (whole process, start-up included)\n", e - s, b / 1e6 / (e - s) }'
fi
