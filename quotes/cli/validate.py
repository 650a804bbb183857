"""``quotes validate``: check gold or output files against the schema and their texts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quotes.evaluation.validate import ERROR, KINDS, detect_kind, validate_records


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="gold or output: .jsonl, .json, or a folder of them")
    parser.add_argument(
        "--texts",
        metavar="T",
        help="source texts: a folder of .txt files or JSON Lines with id/text (else each record's own 'text')",
    )
    parser.add_argument(
        "--kind", choices=("auto",) + KINDS, default="auto", help="schema to check against (default: auto)"
    )
    parser.add_argument("--strict", action="store_true", help="warnings (overlapping or empty contents) fail too")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary lines")
    parser.set_defaults(func=run)


def _files_of(path: Path) -> list[Path]:
    from quotes.io.jsonl import JSONL_SUFFIXES, ReadError

    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(JSONL_SUFFIXES))
        if not files:
            raise ReadError(f"{path}: folder holds no .json or .jsonl files")
        return files
    return [path]


def run(args: argparse.Namespace) -> int:
    from quotes.io.jsonl import ReadError, iter_result_dicts, load_texts

    texts: dict[str, str] = {}
    if args.texts:
        texts = load_texts(args.texts)  # ReadError -> exit 2 in quotes.cli
    unreadable = failed = False
    for name in args.files:
        try:
            files = _files_of(Path(name))
            records = [rec for f in files for rec in iter_result_dicts(f)]
        except ReadError as exc:
            print(f"quotes validate: error: {exc}", file=sys.stderr)
            unreadable = True
            continue
        kind = detect_kind(records) if args.kind == "auto" else args.kind
        problems = validate_records(records, texts, kind)
        errors = sum(p.severity == ERROR for p in problems)
        warnings = len(problems) - errors
        if not args.quiet:
            prefix = f"{name}: " if len(args.files) > 1 else ""
            for p in problems:
                print(f"{prefix}{p}")
        n_quotes = sum(len(r["quotes"]) for r in records if isinstance(r.get("quotes"), list))
        verdict = "valid" if not errors and not (args.strict and warnings) else "INVALID"
        print(
            f"{name}: {verdict} ({kind}): {len(records)} records, {n_quotes} quotes, "
            f"{errors} errors, {warnings} warnings"
        )
        failed |= verdict != "valid"
    if unreadable:
        return 2
    return 1 if failed else 0
