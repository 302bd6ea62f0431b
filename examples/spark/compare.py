#!/usr/bin/env python3
"""Check that the Spark job wrote the same rows as `whosaid extract`.

    compare.py CLI_DIR SPARK_DIR [--parquet]

CLI_DIR holds whosaid extract's mentions.csv, quotes.csv, documents.csv and entities.csv;
SPARK_DIR the job's mentions/, quotes/, documents/ and entities/ directories of part files
(and parquet/, checked with --parquet, which needs pyspark). Each table must have the same
header and, once sorted, the same rows, cell by cell, as strings.

What is normalised, and why (nothing else is):
- Row order: Spark writes one part file per partition, in no particular order.
- The header is repeated in every part file: it is checked in each, and counted once.
- Empty cells: whosaid writes an absent value (no speaker, no cue, no error) and an empty
  string alike as an empty cell; Spark writes a null as an empty cell and an empty string as
  "". The csv module reads both as "", so they compare equal without any special case.
- Parquet (with --parquet): a null is read as "" and a number as its decimal string, which is
  how both CSV writers render them.

Prints `spark check: N mention rows, M quote rows equal` and exits 0, or lists the first
differences and exits 1.
"""

import argparse
import csv
import glob
import os
import sys

TABLES = ("mentions", "quotes", "documents", "entities")
SHOWN = 5


def read_cli(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise SystemExit("compare: %s is empty (no header)" % path)
    return rows[0], rows[1:]


def read_spark(directory, header):
    parts = sorted(glob.glob(os.path.join(directory, "part-*")))
    if not parts:
        raise SystemExit("compare: no part files in %s" % directory)
    rows = []
    for part in parts:
        with open(part, newline="", encoding="utf-8") as f:
            part_rows = list(csv.reader(f))
        if not part_rows:
            continue  # an empty partition may leave an empty file
        if part_rows[0] != header:
            raise SystemExit("compare: %s: header %r, expected %r" % (part, part_rows[0], header))
        rows.extend(part_rows[1:])
    return rows


def read_parquet(spark, directory, header):
    frame = spark.read.parquet(directory)
    if frame.columns != header:
        raise SystemExit("compare: %s: columns %r, expected %r" % (directory, frame.columns, header))
    return [["" if v is None else str(v) for v in row] for row in frame.collect()]


def diff(name, header, expected, got):
    """Differences between two sorted row lists, as printable lines (empty when equal)."""
    if expected == got:
        return []
    lines = ["%s: %d rows from whosaid extract, %d from Spark" % (name, len(expected), len(got))]
    missing = sorted(set(map(tuple, expected)) - set(map(tuple, got)))
    extra = sorted(set(map(tuple, got)) - set(map(tuple, expected)))
    for label, rows in (("only in whosaid extract", missing), ("only in Spark", extra)):
        for row in rows[:SHOWN]:
            lines.append("  %s: %s" % (label, dict(zip(header, row))))
        if len(rows) > SHOWN:
            lines.append("  %s: … %d more" % (label, len(rows) - SHOWN))
    if not missing and not extra:
        lines.append("  the same rows, with different repeat counts")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cli_dir")
    parser.add_argument("spark_dir")
    parser.add_argument("--parquet", action="store_true", help="also check SPARK_DIR/parquet/ (needs pyspark)")
    args = parser.parse_args()

    spark = None
    if args.parquet:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.master("local[1]").appName("whosaid-compare").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")

    problems = []
    counts = {}
    for table in TABLES:
        header, expected = read_cli(os.path.join(args.cli_dir, table + ".csv"))
        expected.sort()
        counts[table] = len(expected)
        got = sorted(read_spark(os.path.join(args.spark_dir, table), header))
        problems += diff(table + " (CSV)", header, expected, got)
        if spark is not None:
            got = sorted(read_parquet(spark, os.path.join(args.spark_dir, "parquet", table), header))
            problems += diff(table + " (Parquet)", header, expected, got)
    if spark is not None:
        spark.stop()

    if problems:
        print("spark check: FAILED", file=sys.stderr)
        for line in problems:
            print(line, file=sys.stderr)
        return 1
    print(
        "spark check: %d mention rows, %d quote rows equal (and %d documents, %d entities%s)"
        % (
            counts["mentions"],
            counts["quotes"],
            counts["documents"],
            counts["entities"],
            "; CSV and Parquet" if spark is not None else "",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
