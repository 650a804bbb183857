"""``quotes export brat`` and ``quotes convert brat``: brat standoff in PolNeAR's attribution scheme.

The export writes one ``.txt`` + ``.ann`` pair per document, which brat opens for
correction and the PolNeAR reader reads; the conversion reads such a folder (or PolNeAR's
own files) back to gold JSON Lines. Speaker, type, role and kind travel in a note on each
relation (docs/exchange.md).
"""

from __future__ import annotations

import argparse
import sys


def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write results or gold as brat standoff: one <id>.txt + <id>.ann per document, in PolNeAR's "
        "attribution scheme (Source, Cue, Content, Content2 and the Attribution relation), with speaker, "
        "speaker_type, role and kind in a note on each relation. Documents with errors are named on stderr "
        "and left out (exit 1); the others are written."
    )
    parser.add_argument("results", metavar="RESULTS", help="results or gold: .jsonl, .json, or a folder of them")
    parser.add_argument(
        "--texts", metavar="T", help="texts: a folder of .txt files or JSON Lines with id/text (else each record's 'text')"
    )
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write the pairs into")
    parser.add_argument("--force", action="store_true", help="write into a folder that already holds .txt/.ann files")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.set_defaults(func=run_export)


def configure_convert(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Convert a folder of brat .txt + .ann pairs in PolNeAR's attribution scheme (written by quotes export "
        "brat, edited in brat, or PolNeAR's own files) to gold JSON Lines, one line per document. A relation's "
        "quotes note restores kind, speaker, speaker_type and role; without one the kind comes from the quotation "
        "marks and the speaker is null. An .ann with an error is named (file:line) on stderr and left out (exit 1)."
    )
    parser.add_argument("folder", metavar="DIR", help="folder holding the .txt and .ann files (searched recursively)")
    parser.add_argument("-o", "--output", default="-", metavar="FILE", help="output JSON Lines (default: stdout)")
    parser.add_argument("--no-text", action="store_true", help="leave the document text out of each line")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.set_defaults(func=run_convert)


def run_export(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from quotes.convert.brat_export import export_brat
    from quotes.convert.gold_files import iter_records
    from quotes.io.documents import load_texts

    texts = load_texts(args.texts) if args.texts else None  # ReadError -> exit 2
    records = tqdm(iter_records(args.results), desc="brat", unit="doc", disable=args.quiet)
    stats = export_brat(records, args.output, texts, force=args.force)
    for error in stats.errors:
        print(f"quotes export brat: error: {error}", file=sys.stderr)
    if not args.quiet:
        print(stats.summary(args.output), file=sys.stderr)
    return 1 if stats.errors else 0


def run_convert(args: argparse.Namespace) -> int:
    from quotes.convert.brat_import import BratStats, iter_brat
    from quotes.convert.gold_files import write_gold

    stats = BratStats()
    write_gold(args.output, iter_brat(args.folder, stats, progress=not args.quiet), include_text=not args.no_text)
    for error in stats.errors:
        print(f"quotes convert brat: error: {error}", file=sys.stderr)
    if not args.quiet:
        print(stats.summary(), file=sys.stderr)
    return 1 if stats.errors else 0
