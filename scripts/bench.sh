#!/usr/bin/env bash
# Runs the criterion benches and the end-to-end CLI timing, and records the figures in
# benches/record/DATE-HHMM.csv (bench, measure, value, unit).
#
#   scripts/bench.sh [CORPUS.jsonl]     (default: ../shared/bench/bench.jsonl, else the samples)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/bench/bench.jsonl}
[ -f "$corpus" ] || corpus=samples/articles.jsonl
export WHOSAID_BENCH_CORPUS=$corpus
# One file per run, named by its date and time.
record="benches/record/$(date +%F-%H%M).csv"
mkdir -p benches/record

cargo bench --bench pipeline -- --noplot 2>&1 | tee /tmp/whosaid-bench.log
cargo build --release --quiet

{
    echo "bench,measure,value,unit"
    # criterion prints "group/name" then "time: [low median high]" and "thrpt: [...]" (the
    # name and the time may share a line); later "time:" lines compare with the last run.
    awk '
        function median(line) { sub(/.*\[/, "", line); split(line, v, " "); return v[3] "," v[4] }
        /^Benchmarking|^Found|^ *[0-9]+ \(/ { next }
        /^[^ ]/ {
            name = $0; state = 0
            if (index(name, "time:")) { sub(/ *time:.*/, "", name); printf "\"%s\",time,%s\n", name, median($0); state = 1 }
            next
        }
        / time:/ && state == 0 { printf "\"%s\",time,%s\n", name, median($0); state = 1; next }
        / thrpt:/ && state == 1 { printf "\"%s\",throughput,%s\n", name, median($0); state = 2; next }
    ' /tmp/whosaid-bench.log
    out=$(mktemp -d)
    # The thread counts take turns, so that a slow spell of the host slows both alike.
    for run in 1 2 3 4 5; do
        for threads in 1 2; do
            line=$(target/release/whosaid extract "$corpus" -o "$out" --threads "$threads" 2>&1 | tail -n 1)
            echo "$line" | awk -v t="$threads" '{ for (i = 1; i <= NF; i++) if ($(i+1) == "MB/s") print "\"extract --threads " t "\",throughput," $i ",MB/s" }'
        done
    done
    rm -rf "$out"
} > "$record"
# The figures the throughput goals are stated in: the pipeline's share of a bare scan, and the
# median of each thread count's five runs.
goals=$(
    awk -F, '
        /bare Aho-Corasick scan",throughput/ { scan = $(NF - 1); scan_unit = $NF }
        /bare Aho-Corasick scan, fixed alias list",throughput/ { fixed = $(NF - 1); fixed_unit = $NF }
        /pipeline analyze",throughput/ { pipeline = $(NF - 1); pipeline_unit = $NF }
        END {
            if (scan > 0 && scan_unit == pipeline_unit)
                printf "\"pipeline analyze / bare Aho-Corasick scan\",ratio,%.3f,\n", pipeline / scan
            if (fixed > 0 && fixed_unit == pipeline_unit)
                printf "\"pipeline analyze / bare Aho-Corasick scan, fixed alias list\",ratio,%.3f,\n", pipeline / fixed
        }' "$record"
    for threads in 1 2; do
        median=$(grep "^\"extract --threads $threads\",throughput," "$record" | cut -d, -f3 | sort -n | sed -n 3p)
        echo "\"extract --threads $threads\",median throughput,$median,MB/s"
    done
    # Each two-thread run against the one-thread run just before it: the median of the five.
    paste -d, <(grep '^"extract --threads 1",throughput,' "$record" | cut -d, -f3) \
        <(grep '^"extract --threads 2",throughput,' "$record" | cut -d, -f3) |
        awk -F, '{ print $2 / $1 }' | sort -n | sed -n 3p |
        awk '{ printf "\"extract --threads 2 / --threads 1\",median of paired ratios,%.2f,\n", $1 }'
)
echo "$goals" >> "$record"
echo "recorded in $record"
