#!/usr/bin/env bash
# Runs examples/spark/whosaid_job.py in Spark local mode and checks that its rows equal
# `whosaid extract`'s on the same input.
#
#   examples/spark/check.sh [INPUT.jsonl ...]
#
# Default inputs: examples/spark/sample.jsonl (ids missing, a blank and a broken line, quotes
# in quotes, non-ASCII text) and samples/articles.jsonl when it exists.
#
# Environment:
#   WHOSAID_SPARK_VENV  Python venv with pyspark, made if missing
#                       (default: ${XDG_CACHE_HOME:-$HOME/.cache}/whosaid-spark-venv)
#   WHOSAID_BIN         the whosaid binary (default: target/release/whosaid, built if missing)
#   SPARK_MASTER        default local[2]
#   KEEP_OUTPUT=1       keep the outputs (their directory is printed)
# Needs python3 (with venv), Java 8/11/17 (java on PATH or JAVA_HOME), cargo to build, and
# PyPI the first time.
set -euo pipefail

PYSPARK_VERSION=3.5.7

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

say() { printf 'spark check: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# --- inputs -------------------------------------------------------------------------------
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(examples/spark/sample.jsonl)
  [ -f samples/articles.jsonl ] && inputs+=(samples/articles.jsonl)
fi
for input in "${inputs[@]}"; do
  [ -f "$input" ] || die "no input file $input"
done

# --- Java ---------------------------------------------------------------------------------
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java || true)"
fi
[ -n "$java" ] || die "Java is needed (Spark $PYSPARK_VERSION runs on Java 8, 11 or 17): install a JDK or set JAVA_HOME"
say "java: $("$java" -version 2>&1 | head -n 1)"

# --- Python venv with pyspark --------------------------------------------------------------
venv="${WHOSAID_SPARK_VENV:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/whosaid-spark-venv}"
python="$venv/bin/python"
if ! "$python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  say "installing pyspark==$PYSPARK_VERSION into $venv"
  if [ ! -x "$python" ]; then
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv" || die "cannot make a venv at $venv (python3 -m venv; on Debian: apt-get install python3-venv)"
  fi
  "$python" -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION" \
    || die "pip install pyspark==$PYSPARK_VERSION failed"
fi
say "pyspark $("$python" -c 'import pyspark; print(pyspark.__version__)') in $venv"

# --- the binary ---------------------------------------------------------------------------
bin="${WHOSAID_BIN:-target/release/whosaid}"
if [ ! -x "$bin" ]; then
  [ -z "${WHOSAID_BIN:-}" ] || die "WHOSAID_BIN=$bin is not an executable file"
  say "building $bin (cargo build --release)"
  cargo build --release --quiet || die "cargo build --release failed"
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# --- run both and compare -----------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/whosaid-spark-check.XXXXXX")"
if [ "${KEEP_OUTPUT:-}" = 1 ]; then
  trap 'say "outputs kept in $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

export PATH="$venv/bin:$PATH"
export PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python"
# Local mode needs no network: keep Spark off the machine's other interfaces.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
master="${SPARK_MASTER:-local[2]}"

n=0
for input in "${inputs[@]}"; do
  n=$((n + 1))
  cli="$work/$n/cli" spark="$work/$n/spark" log="$work/$n/spark.log"
  mkdir -p "$work/$n"

  say "$input: whosaid extract"
  # Exit code 1: some documents could not be read; they are rows of documents.csv all the same.
  set +e
  "$bin" extract "$input" -o "$cli" --quiet
  code=$?
  set -e
  [ "$code" -le 1 ] || die "whosaid extract $input exited with code $code"

  say "$input: Spark job ($master)"
  started=$(date +%s)
  if ! spark-submit --master "$master" \
      --conf spark.ui.enabled=false \
      --conf spark.ui.showConsoleProgress=false \
      examples/spark/whosaid_job.py \
      --input "$input" --output "$spark" --binary "$bin" --parquet \
      >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "the Spark job failed on $input (log above)"
  fi
  grep '^whosaid_job:' "$log" >&2 || true
  say "$input: Spark job took $(( $(date +%s) - started )) s"

  "$python" "$here/compare.py" "$cli" "$spark" --parquet 2>"$work/$n/compare.log" \
    || { grep -v -e ' WARN ' -e 'setLogLevel' "$work/$n/compare.log" >&2; die "$input: Spark and whosaid extract differ"; }
done
