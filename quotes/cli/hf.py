"""``quotes export hf``: gold annotations as a Hugging Face ``datasets.DatasetDict`` saved to disk.

One split per gold file, typed features (docs/exchange.md, :mod:`quotes.convert.hf`);
``datasets.load_from_disk(DIR)`` reads it back. ``datasets`` comes with the ``neural`` extra.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quotes.errors import UsageError


def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write gold annotations as a Hugging Face datasets.DatasetDict (save_to_disk), one split per gold file: "
        "named by --split NAME=FILE, else by the file name without .jsonl/.json/.gz (other characters than "
        "letters, digits and _ become _). Rows: id, text, quotes (start, end, kind, cue_start/cue_end and "
        "mention_start/mention_end with -1 when absent, speaker, speaker_type, role, speech)."
    )
    parser.add_argument("gold", nargs="*", metavar="GOLD", help="gold files: .jsonl, .json, or a folder of them")
    parser.add_argument(
        "--split",
        action="append",
        default=[],
        metavar="NAME=FILE",
        help="a gold file as the split NAME (repeatable)",
    )
    parser.add_argument(
        "--texts", metavar="T", help="texts: a folder of .txt files or JSON Lines with id/text (else each record's 'text')"
    )
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to save the DatasetDict into")
    parser.add_argument("--force", action="store_true", help="save into a folder that is not empty")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or summary")
    parser.set_defaults(func=run_export)


def _sources(args: argparse.Namespace) -> dict[str, str]:
    from quotes.convert.hf import named_sources

    named: dict[str, str] = {}
    for item in args.split:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            raise UsageError(f"--split {item!r}: write NAME=FILE")
        if name in named:
            raise UsageError(f"--split {name!r} given twice")
        named[name] = path
    for name, path in named_sources(args.gold).items() if args.gold else ():
        if name in named:
            raise UsageError(f"{path} makes the split {name!r}, which --split names too; name it with --split")
        named[name] = path
    if not named:
        raise UsageError("give at least one gold file (GOLD or --split NAME=FILE)")
    return dict(named_sources(named))


def run_export(args: argparse.Namespace) -> int:
    from quotes.errors import DataError

    try:
        from quotes.convert.hf import gold_dataset, require_datasets

        require_datasets()
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    out = Path(args.output)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not args.force)):
        raise UsageError(f"{out}: exists and is not an empty folder; choose another or pass --force")
    try:
        sources = _sources(args)
        dataset = gold_dataset(sources, args.texts, progress=not args.quiet)
    except DataError as exc:
        raise UsageError(str(exc)) from None
    datasets = require_datasets()
    quiet_before = datasets.are_progress_bars_disabled()
    if args.quiet:
        datasets.disable_progress_bars()
    try:
        dataset.save_to_disk(str(out))
    finally:
        if args.quiet and not quiet_before:
            datasets.enable_progress_bars()
    if not args.quiet:
        sizes = ", ".join(f"{name} {len(split)} documents" for name, split in dataset.items())
        print(f"hf: saved {sizes} to {out}", file=sys.stderr)
    return 0
