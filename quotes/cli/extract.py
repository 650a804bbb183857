"""``quotes extract``: run the extractor over a corpus, streaming, in parallel, resumable.

Input is read as a stream (:func:`quotes.io.documents.read_documents`), results come back in input
order from :mod:`quotes.batch.runner` (or :mod:`quotes.batch.dask_engine`) and each is written as
soon as it is ready: JSON Lines always (the contract), plus optional Parquet, DuckDB and
a terminal table. One output line per input document, errors included.

Exit status: 0 when every document was processed, 1 when some got an error record,
2 when the input or the arguments cannot be used.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from quotes.batch.runner import DEFAULT_MAX_CHARS, BatchOptions, completed_records
from quotes.errors import BatchError, ResumeError, UsageError
from quotes.extraction.modes import MODES, resolve_mode
from quotes.io.extras import require
from quotes.records import Document, Result


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input", metavar="INPUT",
        help="JSON Lines file (.jsonl, optionally .gz), folder of .txt files, .txt file, Parquet file, or - for stdin",
    )
    parser.add_argument("-o", "--output", metavar="OUTPUT", help="result JSON Lines file (default: stdout)")
    parser.add_argument("--mode", choices=MODES, default="auto",
                        help="extractor (default: auto = ranked for --scheme attribution, rules for speech)")
    parser.add_argument("--models", metavar="DIR", help="trained models for --mode neural/hybrid")
    parser.add_argument(
        "--scheme",
        choices=("speech", "attribution"),
        default="speech",
        help="what counts as a quote for the rules: 'speech' (default: what someone said or wrote) "
        "or 'attribution' (also beliefs, intentions and evidence, as PolNeAR annotates them)",
    )
    parser.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="worker processes (default: all cores); 0 runs in this process, without crash isolation",
    )
    parser.add_argument("--batch-size", type=int, default=16, metavar="N", help="documents per task (default: 16)")
    parser.add_argument(
        "--resume", action="store_true",
        help="continue an interrupted run: keep the records already in OUTPUT and append the rest",
    )
    parser.add_argument("--id-field", default="id", metavar="KEY", help="id key/column of the input (default: id)")
    parser.add_argument("--text-field", default="text", metavar="KEY", help="text key/column (default: text)")
    parser.add_argument("--parquet", metavar="FILE", help="also write one row per quote to this Parquet file")
    parser.add_argument("--db", metavar="FILE", help="also write documents, quotes and speakers to this DuckDB file")
    parser.add_argument(
        "--table", action="store_true",
        help="print a readable table of the quotes on stdout (without -o, instead of the JSON Lines)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    parser.add_argument(
        "--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
        help=f"documents longer than this get an error record (default: {DEFAULT_MAX_CHARS:,}; 0: no limit)",
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, metavar="S",
        help="seconds per document before it gets an error record (default: 300; 0: no limit)",
    )
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="where to run (default: local)")
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --workers processes)",
    )
    parser.add_argument(
        "--factory", metavar="MODULE:CALLABLE",
        help="use a custom extractor: a callable returning an object with extract(Document) -> Result",
    )
    parser.set_defaults(func=run)


# --------------------------------------------------------------------------- helpers


def count_documents(source: str) -> Optional[int]:
    """The number of input documents when it is cheap to know (for the progress bar's ETA)."""
    if source == "-":
        return None
    path = Path(source)
    try:
        if path.is_dir():
            return sum(1 for p in path.iterdir() if p.is_file() and p.name.endswith(".txt"))
        name = path.name.lower()
        if name.endswith(".txt"):
            return 1
        if name.endswith(".parquet"):
            from quotes.io.parquet import parquet_row_count

            return parquet_row_count(path)
        if name.endswith(".gz"):
            return None  # would mean decompressing the whole file once more
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except Exception:
        return None


class Sinks:
    """The optional outputs next to the JSON Lines: Parquet, DuckDB, the terminal table."""

    def __init__(self, parquet: Optional[str], db: Optional[str], table_write: Any = None):
        from quotes.io.table import QuoteTable

        self.parquet = self.db = None
        if parquet:
            from quotes.io.parquet import QuoteTableWriter

            self.parquet = QuoteTableWriter(parquet)
        if db:
            from quotes.io.database import DatabaseWriter

            self.db = DatabaseWriter(db)
        self.table = QuoteTable(write=table_write) if table_write else None

    def add(self, position: int, item: Any, result: Result) -> None:
        if self.parquet is not None:
            self.parquet.add(result, position)
        if self.db is not None:
            chars = len(item.text) if isinstance(item, Document) else None
            self.db.add(result, position, chars)
        if self.table is not None:
            self.table.add(result)

    def close(self) -> None:
        for sink in (self.parquet, self.db):
            if sink is not None:
                sink.close()

    def abort(self) -> None:
        for sink in (self.parquet, self.db):
            if sink is not None:
                sink.abort()


def replay(items: Iterator, output: Path, n_done: int) -> Iterator[tuple[int, Any, Result]]:
    """The first ``n_done`` input items with the records an earlier run wrote for them.

    Checks that each record's id is the id of the input document at that position, so
    a resume never stitches together outputs of two different inputs.
    """
    from quotes.batch.runner import iter_output_records

    records = iter_output_records(output, n_done)
    for (pos, item), result in zip(islice(items, n_done), records):
        if item.id != result.id:
            raise ResumeError(
                f"{output}: record {pos + 1} is for document {result.id!r} but input document {pos + 1} "
                f"is {item.id!r}; is this the output of another input? (run without --resume to start over)"
            )
        yield pos, item, result
        n_done -= 1
    if n_done > 0:
        raise ResumeError(f"{output} holds more records than the input has documents; cannot resume")


# --------------------------------------------------------------------------- command


def run(args: argparse.Namespace) -> int:
    from quotes.io.writer import ResultWriter

    out_path = check_arguments(args)
    factory = extractor_factory(args)
    options = BatchOptions(
        workers=available_cores() if args.workers is None else args.workers,
        batch_size=args.batch_size,
        max_chars=args.max_chars or None,
        timeout=args.timeout or None,
    )
    items = open_input(args)
    try:
        n_done = completed_records(out_path) if args.resume and out_path is not None else 0
    except ResumeError as exc:
        raise UsageError(str(exc)) from None

    bar = progress_bar(args, n_done)
    to_stdout = out_path is None and not args.table
    writer = ResultWriter(out_path, append=n_done > 0) if (out_path is not None or to_stdout) else None
    sinks = Sinks(args.parquet, args.db, table_writer(args, bar))
    started = time.monotonic()
    try:
        stats = extract_all(args, items, factory, options, out_path, n_done, writer, sinks, bar)
    except BatchError as exc:
        print(f"quotes extract: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if bar is not None:
            bar.close()
        if writer is not None:
            writer.close()
    sinks.close()
    if not args.quiet:
        print(summary(stats, time.monotonic() - started), file=sys.stderr)
    return 1 if stats["errors"] else 0


def check_arguments(args: argparse.Namespace) -> Optional[Path]:
    """Refuse arguments that cannot work, before any input is read; return the output path
    (None for stdout)."""
    if args.workers is not None and args.workers < 0:
        raise UsageError("--workers must be 0 or more")
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if args.max_chars < 0 or args.timeout < 0:
        raise UsageError("--max-chars and --timeout must be 0 (no limit) or more")
    out_path = Path(args.output) if args.output and args.output != "-" else None
    if args.resume:
        if out_path is None:
            raise UsageError("--resume needs -o OUTPUT (a file to continue)")
        if out_path.name.endswith(".gz"):
            raise UsageError("--resume cannot continue a .gz output; write plain JSON Lines")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    args.mode = resolve_mode(args.mode, args.scheme)
    check_extras(args)
    return out_path


def check_extras(args: argparse.Namespace) -> None:
    """The optional packages the chosen outputs and engine need (Parquet input is checked
    by its reader)."""
    if args.parquet:
        require("pyarrow", "parquet", "--parquet")
    if args.db:
        require("duckdb", "duckdb", "--db")
        require("pyarrow", "duckdb", "--db")
    if args.engine == "dask":
        require("distributed", "dask", "--engine dask")
    if args.mode in ("neural", "hybrid") and not args.factory:
        require("torch", "neural", f"--mode {args.mode}")
        require("transformers", "neural", f"--mode {args.mode}")
    if args.mode == "ranked" and not args.factory:
        require("lightgbm", "ranker", "--mode ranked")


def extractor_factory(args: argparse.Namespace) -> Any:
    """The picklable callable each worker calls once to build its extractor."""
    from quotes.batch.runner import default_factory, load_factory

    if not args.factory:
        return default_factory(args.mode, args.models, args.scheme)
    try:
        return load_factory(args.factory)
    except (ImportError, AttributeError, ValueError) as exc:
        raise UsageError(f"--factory {args.factory}: {exc}") from None


def open_input(args: argparse.Namespace) -> Iterator[tuple[int, Any]]:
    """``(position, document)`` pairs of the input, opened now: an input that cannot be
    used at all is exit 2 before any work starts."""
    from quotes.io.documents import read_documents

    documents = read_documents(args.input, id_field=args.id_field, text_field=args.text_field)
    first = next(documents, None)
    return enumerate(_chain(first, documents) if first is not None else iter(()))


def progress_bar(args: argparse.Namespace, n_done: int) -> Any:
    """A tqdm bar on stderr when it is a terminal (and not --quiet), else None."""
    if args.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(
        total=count_documents(args.input), initial=n_done, unit="doc", file=sys.stderr,
        dynamic_ncols=True, smoothing=0.1,
    )


def table_writer(args: argparse.Namespace, bar: Any) -> Optional[Callable[[str], None]]:
    """How --table prints a line: through the bar when there is one, so it stays intact."""
    if not args.table:
        return None
    if bar is not None:
        return lambda line: bar.write(line, file=sys.stdout)
    return lambda line: print(line, flush=True)


def extract_all(
    args: argparse.Namespace, items: Iterator, factory: Any, options: BatchOptions, out_path: Optional[Path],
    n_done: int, writer: Any, sinks: Sinks, bar: Any,
) -> dict[str, int]:
    """Replay the records kept by --resume, then extract the rest, writing each result
    as it comes; the sinks are aborted (left partial) when the run does not finish."""
    from quotes.batch.runner import run_batch

    stats = {"docs": 0, "quotes": 0, "errors": 0, "words": 0, "resumed": n_done}
    started = time.monotonic()
    last_update = 0.0
    try:
        try:
            for pos, item, result in replay(items, out_path, n_done) if n_done else ():
                sinks.add(pos, item, result)
                _count(stats, result)
        except ResumeError as exc:
            raise UsageError(str(exc)) from None
        for outcome in _engine(args, items, factory, options, run_batch):
            result = outcome.result
            if writer is not None:
                writer.write(result)
            sinks.add(outcome.position, outcome.item, result)
            _count(stats, result)
            if isinstance(outcome.item, Document):
                stats["words"] += len(outcome.item.text.split())
            if bar is not None:
                bar.update(1)
                now = time.monotonic()
                if now - last_update > 0.5:
                    last_update = now
                    bar.set_postfix_str(f"{stats['words'] / max(now - started, 1e-9):,.0f} words/s", refresh=False)
    except BaseException:
        sinks.abort()
        raise
    return stats


def summary(stats: dict[str, int], elapsed: float) -> str:
    resumed = f" ({stats['resumed']} kept from the earlier run)" if stats["resumed"] else ""
    return (
        f"{stats['docs']} documents{resumed}, {stats['quotes']} quotes, {stats['errors']} errors "
        f"in {elapsed:.1f} s ({stats['words'] / max(elapsed, 1e-9):,.0f} words/s)"
    )


def _chain(first: Any, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _count(stats: dict[str, int], result: Result) -> None:
    stats["docs"] += 1
    stats["quotes"] += len(result.quotes)
    stats["errors"] += result.error is not None


def _engine(args: argparse.Namespace, items: Iterator, factory: Any, options: BatchOptions, run_batch: Any):
    if args.engine == "dask":
        from quotes.batch.dask_engine import run_dask

        return run_dask(items, factory, options, scheduler=args.scheduler)
    return run_batch(items, factory, options)
