#!/usr/bin/env python3
"""Run whosaid over a JSONL corpus with Spark and write its tables with Spark's writers.

Each partition of the corpus (read with ``sc.textFile``, one JSON document a line) is piped
through one ``whosaid stream`` process; the JSON result lines are flattened into the rows of
``whosaid extract``'s CSV files and written with Spark's CSV writer (and, with ``--parquet``,
its Parquet writer):

    OUTPUT/mentions/    doc_id,start,end,text,type,entity_id,canonical,form
    OUTPUT/quotes/      doc_id,quote_index,kind,start,end,text,speaker,speaker_id,
                        speaker_type,speaker_text,speaker_start,speaker_end,cue,rule
    OUTPUT/documents/   doc_id,source,chars,mentions,quotes,status,error
    OUTPUT/entities/    entity_id,canonical,type,mentions,documents,quotes
    OUTPUT/parquet/{mentions,quotes,documents,entities}/   (with --parquet)

The rows are those ``whosaid extract INPUT`` writes for the same file, including ``source``
(``INPUT:LINE``), the ids of lines without one (``STEM:LINE``) and the line numbers in error
messages: every line carries its line number in the whole input, not in its partition. Row
order is not kept (Spark writes one part file per partition); sort to compare.

Local run:

    spark-submit --master 'local[2]' examples/spark/whosaid_job.py \\
        --input samples/articles.jsonl --output /tmp/spark-out \\
        --binary target/release/whosaid

On a cluster, ship the binary with ``--files`` and name it by its file name (see README.md).
"""

import argparse
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import PurePosixPath

from pyspark import SparkConf, SparkFiles, StorageLevel
from pyspark.sql import SparkSession, functions as F
from pyspark.sql.types import LongType, StringType, StructField, StructType

MENTIONS = StructType(
    [
        StructField("doc_id", StringType(), False),
        StructField("start", LongType(), False),
        StructField("end", LongType(), False),
        StructField("text", StringType(), False),
        StructField("type", StringType(), False),
        StructField("entity_id", StringType(), False),
        StructField("canonical", StringType(), False),
        StructField("form", StringType(), False),
    ]
)

QUOTES = StructType(
    [
        StructField("doc_id", StringType(), False),
        StructField("quote_index", LongType(), False),
        StructField("kind", StringType(), False),
        StructField("start", LongType(), False),
        StructField("end", LongType(), False),
        StructField("text", StringType(), False),
        StructField("speaker", StringType(), True),
        StructField("speaker_id", StringType(), True),
        StructField("speaker_type", StringType(), True),
        StructField("speaker_text", StringType(), True),
        StructField("speaker_start", LongType(), True),
        StructField("speaker_end", LongType(), True),
        StructField("cue", StringType(), True),
        StructField("rule", StringType(), False),
    ]
)

DOCUMENTS = StructType(
    [
        StructField("doc_id", StringType(), False),
        StructField("source", StringType(), False),
        StructField("chars", LongType(), False),
        StructField("mentions", LongType(), False),
        StructField("quotes", LongType(), False),
        StructField("status", StringType(), False),
        StructField("error", StringType(), True),
    ]
)

# One row per (document, entity) pair: the per-document counts that entities/ adds up.
# `line` tells documents apart even when two share an id, as whosaid extract does.
ENTITY_HITS = StructType(
    [
        StructField("line", LongType(), False),
        StructField("entity_id", StringType(), False),
        StructField("canonical", StringType(), False),
        StructField("type", StringType(), False),
        StructField("mentions", LongType(), False),
        StructField("quotes", LongType(), False),
    ]
)

MENTION_FIELDS = [f.name for f in MENTIONS.fields[1:]]
QUOTE_FIELDS = [f.name for f in QUOTES.fields[1:]]

# whosaid exits 1 when some documents could not be read (each is still reported, as a
# result line with status "error"); anything else non-zero is a failure of the run.
OK_EXIT_CODES = (0, 1)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Pipe a JSONL corpus through `whosaid stream` with Spark and write "
        "mentions, quotes, documents and entities with Spark's CSV (and Parquet) writers."
    )
    parser.add_argument("--input", required=True, help="JSONL corpus: any path sc.textFile reads (.gz too)")
    parser.add_argument("--output", required=True, help="output directory (replaced)")
    parser.add_argument(
        "--binary",
        default="whosaid",
        help="the whosaid binary: a local path (shipped with SparkContext.addFile), or the file "
        "name of one shipped with spark-submit --files (default: whosaid)",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="minimum number of input partitions, one whosaid process each "
        "(default: Spark's default parallelism)",
    )
    parser.add_argument("--parquet", action="store_true", help="also write Parquet under OUTPUT/parquet/")
    parser.add_argument(
        "--threads", type=int, default=1, help="worker threads of each whosaid process (default: 1, one per Spark task)"
    )
    parser.add_argument(
        "--source-name",
        default=None,
        help="the input's name in `source` and in the ids of lines without one, as whosaid "
        "extract would show it (default: --input as given)",
    )
    parser.add_argument(
        "--whosaid-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for `whosaid stream` (repeatable), e.g. --whosaid-arg=--gazetteer=extra.tsv "
        "(a file it names must exist on every executor)",
    )
    return parser.parse_args(argv)


def stem_of(name):
    """The stem whosaid uses for the ids of lines without one: the file name without `.gz`
    (any case) and without its extension."""
    if len(name) > 3 and name[-3:].lower() == ".gz":
        name = name[:-3]
    stem = PurePosixPath(name).stem
    return stem or name


def shipped_files(conf):
    """File names already shipped by spark-submit (--files), which need no addFile."""
    names = set()
    for key in ("spark.files", "spark.yarn.dist.files"):
        for entry in (conf.get(key, "") or "").split(","):
            entry = entry.strip().split("#")[-1]
            if entry:
                names.add(PurePosixPath(entry).name)
    return names


def executable(name):
    """The shipped binary on this executor, made executable (addFile and --files may drop the
    mode bits)."""
    candidates = [SparkFiles.get(name), os.path.abspath(name)]
    for path in candidates:
        if os.path.isfile(path):
            mode = os.stat(path).st_mode
            if not os.access(path, os.X_OK):
                os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            return path
    raise FileNotFoundError(
        "whosaid binary %r not found on this executor (looked in %s); ship it with "
        "--files or --binary" % (name, ", ".join(candidates))
    )


def make_pipe(binary_name, stream_args, name, stem):
    """A partition function: (line text, line index from 0) -> rewritten result dicts.

    Like RDD.pipe (one process per partition, fed by a thread, read line by line), but the
    binary is found on the executor (SparkFiles.get), exit code 1 is accepted (documents with
    errors are reported as rows), and each result gets back the line number it has in the
    whole input."""

    def run(partition):
        command = [executable(binary_name), "stream"] + stream_args
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Input line numbers of this partition's lines, in the order fed (whosaid's line L is
        # lines[L - 1]), and the few lines that themselves hold "stdin:" (see rewrite()).
        lines = []
        suspects = {}
        failure = []

        def feed():
            try:
                out = process.stdin
                for text, index in partition:
                    lines.append(index + 1)
                    if "stdin:" in text:
                        suspects[len(lines)] = text
                    out.write(text.encode("utf-8"))
                    out.write(b"\n")
                out.close()
            except BrokenPipeError:
                pass  # whosaid stopped early: its exit code and stderr say why
            except BaseException as error:  # noqa: BLE001 - re-raised by the reader
                failure.append(error)
                process.kill()

        errors = []
        stderr_reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
        stderr_reader.start()
        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for raw in process.stdout:
            result = json.loads(raw)
            rewrite(result, lines, suspects, name, stem)
            yield result
        feeder.join()
        code = process.wait()
        stderr_reader.join()
        if failure:
            raise failure[0]
        if code not in OK_EXIT_CODES:
            message = b"".join(errors).decode("utf-8", "replace").strip()
            raise RuntimeError("%s exited with code %d: %s" % (" ".join(command), code, message))

    return run


def rewrite(result, lines, suspects, name, stem):
    """Puts back what whosaid extract would have written for this line of the whole input:
    `source` is NAME:LINE, a line without an id gets STEM:LINE, error messages name LINE."""
    local = int(result["source"].rsplit(":", 1)[1])
    line = lines[local - 1]
    result["line"] = line
    result["source"] = "%s:%d" % (name, line)
    if result["id"] == "stdin:%d" % local and not own_id(suspects.get(local), result["id"]):
        result["id"] = "%s:%d" % (stem, line)
    if result.get("error") and local != line:
        result["error"] = re.sub(r"\bline %d\b" % local, "line %d" % line, result["error"])


def own_id(text, id_):
    """Whether a line that mentions "stdin:" really has this id (else it is a fallback id)."""
    if text is None:
        return False
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("id") == id_


def mention_rows(result):
    doc = result["id"]
    return [tuple([doc] + [m[k] for k in MENTION_FIELDS]) for m in result["mentions"]]


def quote_rows(result):
    doc = result["id"]
    return [tuple([doc] + [q.get(k) for k in QUOTE_FIELDS]) for q in result["quotes"]]


def document_row(result):
    return (
        result["id"],
        result["source"],
        result["chars"],
        len(result["mentions"]),
        len(result["quotes"]),
        result["status"],
        result.get("error"),
    )


def entity_hits(result):
    """Per entity of one document: its mentions, and the quotes it is the speaker of."""
    hits = {}
    for m in result["mentions"]:
        if m["entity_id"]:
            hit = hits.setdefault(m["entity_id"], [m["canonical"], m["type"], 0, 0])
            hit[2] += 1
    for q in result["quotes"]:
        if q.get("speaker_id"):
            hit = hits.setdefault(q["speaker_id"], [q["speaker"], q["speaker_type"], 0, 0])
            hit[3] += 1
    line = result["line"]
    return [(line, eid, canonical, kind, n, k) for eid, (canonical, kind, n, k) in hits.items()]


def write_csv(frame, path):
    # RFC 4180 like whosaid's writer: a quote inside a cell is doubled (Spark's default
    # escape is a backslash), white space around cells is kept (Spark trims it by default),
    # and an empty string is written as "" while a null is an empty cell (Spark's defaults).
    (
        frame.write.mode("overwrite")
        .option("header", True)
        .option("quote", '"')
        .option("escape", '"')
        .option("ignoreLeadingWhiteSpace", False)
        .option("ignoreTrailingWhiteSpace", False)
        .option("encoding", "UTF-8")
        .option("lineSep", "\n")
        .csv(path)
    )


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    conf = SparkConf().setAppName("whosaid")
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    sc = spark.sparkContext

    binary_name = PurePosixPath(args.binary).name
    if binary_name not in shipped_files(sc.getConf()):
        if not os.path.isfile(args.binary):
            raise SystemExit("whosaid_job: no binary at %s (build it, or ship it with --files)" % args.binary)
        sc.addFile(os.path.abspath(args.binary))

    name = args.source_name or args.input
    stem = stem_of(name)
    stream_args = ["--threads", str(args.threads)] + list(args.whosaid_arg)

    if args.partitions > 0:
        text = sc.textFile(args.input, minPartitions=args.partitions)
    else:
        text = sc.textFile(args.input)
    # zipWithIndex numbers the lines across partitions (one extra pass to count them).
    results = text.zipWithIndex().mapPartitions(make_pipe(binary_name, stream_args, name, stem))
    # Every table is made from the same results: keep them rather than run whosaid again.
    results = results.persist(StorageLevel.MEMORY_AND_DISK)

    mentions = spark.createDataFrame(results.flatMap(mention_rows), MENTIONS)
    quotes = spark.createDataFrame(results.flatMap(quote_rows), QUOTES)
    documents = spark.createDataFrame(results.map(document_row), DOCUMENTS)
    hits = spark.createDataFrame(results.flatMap(entity_hits), ENTITY_HITS)
    # whosaid extract's entities.csv: corpus totals, most mentioned first, then by id. An id
    # can come with another canonical name in another document (an organisation known only
    # by how it is written): like whosaid extract, keep the first document's.
    entities = (
        hits.groupBy("entity_id")
        .agg(
            F.min_by("canonical", "line").alias("canonical"),
            F.min_by("type", "line").alias("type"),
            F.sum("mentions").alias("mentions"),
            F.countDistinct("line").alias("documents"),
            F.sum("quotes").alias("quotes"),
        )
        .orderBy(F.desc("mentions"), F.asc("entity_id"))
        .coalesce(1)
    )

    out = args.output.rstrip("/")
    tables = {"documents": documents, "mentions": mentions, "quotes": quotes, "entities": entities}
    for table, frame in tables.items():
        if args.parquet:
            frame = frame.cache()  # built once (in Python), written twice
        write_csv(frame, "%s/%s" % (out, table))
        if args.parquet:
            frame.write.mode("overwrite").parquet("%s/parquet/%s" % (out, table))
            frame.unpersist()

    docs, errors, n_mentions, n_quotes = results.map(
        lambda r: (1, int(r["status"] == "error"), len(r["mentions"]), len(r["quotes"]))
    ).fold((0, 0, 0, 0), lambda a, b: tuple(x + y for x, y in zip(a, b)))
    print(
        "whosaid_job: %d documents (%d with errors), %d mentions, %d quotes -> %s"
        % (docs, errors, n_mentions, n_quotes, out),
        file=sys.stderr,
    )
    results.unpersist()
    spark.stop()


if __name__ == "__main__":
    main()
