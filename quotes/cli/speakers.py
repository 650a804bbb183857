"""``quotes speakers``: the speaker index across a corpus of results."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quotes.errors import UsageError
from quotes.io.extras import require
from quotes.io.speaker_index import build_index, speakers_table, write_csv, write_parquet


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", nargs="+", metavar="RESULTS", help="result JSON Lines files (from quotes extract)")
    parser.add_argument("--csv", metavar="FILE", help="write the whole index as CSV")
    parser.add_argument("--parquet", metavar="FILE", help="write the whole index as Parquet")
    parser.add_argument("--top", type=int, default=25, metavar="N", help="speakers to print (0: all; default 25)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.results]
    for p in paths:
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder")
    if args.top < 0:
        raise UsageError("--top must be 0 or more")
    if args.parquet:
        require("pyarrow", "parquet", "--parquet")
    index = build_index(paths)
    entries = index.entries()
    if args.csv:
        write_csv(entries, Path(args.csv))
    if args.parquet:
        write_parquet(entries, Path(args.parquet))
    shown = entries if args.top == 0 else entries[: args.top]
    print(speakers_table(shown))
    print(
        f"{len(entries)} speakers, {index.n_quotes} quotes in {index.n_documents} documents "
        f"({index.n_unattributed} with no named speaker)",
        file=sys.stderr,
    )
    return 0
