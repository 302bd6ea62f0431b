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
    # Five runs a thread count, and their median: these machines are noisy.
    medians=()
    for threads in 1 2; do
        runs=$(for run in 1 2 3 4 5; do
            "$bin" extract "$bench" -o "$out/extract" --threads "$threads" 2>&1 | tail -n 1 |
                awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "MB/s") print $i }'
        done | sort -n | tr '\n' ' ')
        median=$(echo "$runs" | awk '{ print $3 }')
        echo "extract --threads $threads: median $median MB/s of 5 runs (${runs% })"
        medians+=("$median")
    done
    awk -v one="${medians[0]}" -v two="${medians[1]}" \
        'BEGIN { printf "extract --threads 2 / --threads 1: %.2f\n", two / one }'
    start=$(date +%s.%N)
    "$bin" stream "$bench" --threads 2 > "$out/stream.jsonl"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v b="$(stat -c %s "$bench")" \
        'BEGIN { printf "stream --threads 2: %.2f s, %.1f MB/s (whole process, start-up included)\n", e - s, b / 1e6 / (e - s) }'
fi
