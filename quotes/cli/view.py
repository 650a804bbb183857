"""``quotes view``: a static results site that works offline (speakers, documents, quotes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results", nargs="+", metavar="RESULTS",
        help="results or gold: JSON Lines (.jsonl, .gz), .json files or folders of them",
    )
    parser.add_argument(
        "--texts", metavar="T",
        help="document texts for records without a 'text' key: a folder of .txt or JSON Lines with id/text",
    )
    parser.add_argument("-o", "--out", required=True, metavar="DIR", help="folder to write the site into")
    parser.add_argument("--title", default="Quotes", help="the site's title (default: Quotes)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars and no summary line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.errors import UsageError
    from quotes.io.documents import load_texts
    from quotes.site import build_site

    paths = [Path(p) for p in args.results]
    for p in paths:
        if str(p) == "-":
            raise UsageError("RESULTS must be files or folders: the site reads them twice, so stdin cannot be used")
    texts = load_texts(args.texts) if args.texts else None  # ReadError -> exit 2
    report = build_site(paths, Path(args.out), texts=texts, title=args.title, quiet=args.quiet)
    for u in report.unreadable:
        print(f"quotes view: {u.describe()}", file=sys.stderr)
    if not args.quiet:
        print(
            f"{report.out_dir / 'index.html'}: {report.n_documents} documents ({len(report.without_text)} without text), "
            f"{report.n_speakers} speakers, {report.n_errors} error records, {len(report.unreadable)} unreadable records",
            file=sys.stderr,
        )
    return 1 if report.unreadable else 0
