"""``quotes export labelstudio`` and ``quotes convert labelstudio``: correct quotes in Label Studio.

Export writes tasks whose predictions are the quotes (and, with ``--config``, the labelling
config they need); convert reads the project's JSON export back as gold JSON Lines. Both stream:
results and exports are read one item at a time, tasks and gold are written as they come.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Optional

from quotes.errors import ReadError, UsageError


def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write Label Studio tasks (a JSON list to import through the UI or the API) whose predictions are the "
        "quotes of RESULTS: Content, Cue and Source regions, relations from each content to its cue and source, "
        "and the kind, speaker, speaker type and role as fields of the content. Import the config printed by "
        "--config into the project first. Problems go to stderr, one a line (exit 1); the rest is exported."
    )
    parser.add_argument(
        "results",
        nargs="?",
        metavar="RESULTS",
        help="extraction output or gold: .jsonl, .json (one document or a list), a folder of them, or -",
    )
    parser.add_argument(
        "--texts", metavar="T", help="texts of records without 'text': a folder of .txt files or JSON Lines"
    )
    parser.add_argument("--config", action="store_true", help="print the labelling config (XML) instead of tasks")
    parser.add_argument("--model-version", metavar="NAME", help="model_version of the predictions (default: quotes VERSION)")
    parser.add_argument("-o", "--output", default="-", metavar="FILE", help="tasks.json, or - for stdout (default)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    parser.set_defaults(func=run_export)


def configure_convert(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Convert a Label Studio JSON export (Export > JSON, or the API's exportType=JSON) of tasks made by "
        "'quotes export labelstudio' to gold JSON Lines for 'quotes validate' and 'quotes train'. Each task "
        "gives its latest submitted annotation; tasks without one are left out and counted in the summary. "
        "Problems go to stderr, one a line naming the task and region (exit 1); the rest converts."
    )
    parser.add_argument("export", metavar="EXPORT", help="the export: a JSON list of tasks (.json, .json.gz or -)")
    parser.add_argument("-o", "--output", default="-", metavar="FILE", help="gold JSON Lines, or - for stdout (default)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    parser.set_defaults(func=run_convert)


def _progress(items: Iterator[Any], quiet: bool, unit: str) -> Iterator[Any]:
    from tqdm import tqdm

    return tqdm(items, disable=quiet or None, unit=unit, file=sys.stderr, leave=False)


def _open_output(name: str) -> tuple[IO[str], bool]:
    if name == "-":
        return sys.stdout, False
    path = Path(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8"), True
    except OSError as exc:
        raise UsageError(f"cannot write {name}: {exc.strerror or exc}") from None


def _result_items(source: str) -> Iterator[tuple[str, Any, Optional[str]]]:
    """``(where, record, error)`` of every record of a results file, folder or stdin.

    The path is checked now, not when the first item is read, so that a missing input fails
    before anything is written."""
    from quotes.io.jsonl import JSONL_SUFFIXES

    path = Path(source)
    if source == "-":
        return _items_of([(source, "<stdin>")])
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(JSONL_SUFFIXES))
        if not files:
            raise ReadError(f"{path}: folder holds no .json or .jsonl files")
        return _items_of([(str(f), str(f)) for f in files])
    return _items_of([(source, source)])


def _items_of(files: list[tuple[str, str]]) -> Iterator[tuple[str, Any, Optional[str]]]:
    from quotes.convert.labelstudio_stream import iter_file_items

    for source, name in files:
        for line, value, error in iter_file_items(source):
            yield f"{name}: line {line}", value, error


def run_export(args: argparse.Namespace) -> int:
    from quotes import __version__
    from quotes.convert.labelstudio_config import labelling_config
    from quotes.convert.labelstudio_export import ExportStats, iter_tasks

    if args.config:
        if args.results or args.texts:
            raise UsageError("--config prints the labelling config only; give RESULTS in a separate call")
        out, own = _open_output(args.output)
        out.write(labelling_config())
        if own:
            out.close()
        return 0
    if not args.results:
        raise UsageError("give RESULTS (extraction output or gold), or --config for the labelling config")
    texts: dict[str, str] = {}
    if args.texts:
        from quotes.io.documents import load_texts

        texts = load_texts(args.texts)
    stats = ExportStats()
    items = _result_items(args.results)
    tasks = iter_tasks(_progress(items, args.quiet, "doc"), texts, args.model_version or f"quotes {__version__}", stats)
    out, own = _open_output(args.output)
    try:
        out.write("[")
        for n, task in enumerate(tasks):
            out.write(("\n" if n == 0 else ",\n") + json.dumps(task, ensure_ascii=False))
        out.write("\n]\n")
    finally:
        if own:
            out.close()
    return _finish("export", stats.problems, stats.summary(), args.quiet)


def run_convert(args: argparse.Namespace) -> int:
    from quotes.convert.labelstudio_import import ConvertStats, iter_gold
    from quotes.convert.labelstudio_stream import iter_file_items

    if args.export != "-" and not Path(args.export).is_file():
        raise ReadError(f"{args.export}: no such file")
    name = "<stdin>" if args.export == "-" else args.export
    stats = ConvertStats()
    items = ((f"{name}: item at line {line}", value, error) for line, value, error in iter_file_items(args.export))
    first = _first_is_array(args.export)
    if first is False:
        raise UsageError(f"{name}: not a Label Studio JSON export (expected a JSON list of tasks)")
    out, own = _open_output(args.output)
    try:
        for gold in iter_gold(_progress(items, args.quiet, "task"), stats):
            out.write(json.dumps(gold, ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if own:
            out.close()
    return _finish("convert", stats.problems, stats.summary(), args.quiet)


def _first_is_array(source: str) -> Optional[bool]:
    """Whether a file starts with ``[`` (None for stdin, which cannot be peeked at twice)."""
    if source == "-":
        return None
    from quotes.convert.labelstudio_stream import open_text

    with open_text(source) as fh:
        try:
            head = fh.read(4096).lstrip()
        except UnicodeDecodeError:
            return False
    return head.startswith("[") or not head


def _finish(verb: str, problems: list[str], summary: str, quiet: bool) -> int:
    for p in problems:
        print(f"quotes {verb} labelstudio: {p}", file=sys.stderr)
    if not quiet:
        print(summary, file=sys.stderr)
    return 1 if problems else 0
