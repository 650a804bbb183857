"""``quotes validate``: check gold or output files against the schema and their texts."""

from __future__ import annotations

import argparse
import sys

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


def run(args: argparse.Namespace) -> int:
    from quotes.errors import ReadError
    from quotes.io.documents import load_texts
    from quotes.io.results import iter_result_dicts

    texts: dict[str, str] = {}
    if args.texts:
        texts = load_texts(args.texts)  # ReadError -> exit 2 in quotes.cli
    unreadable = failed = False
    for name in args.files:
        try:
            records = list(iter_result_dicts(name))
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
