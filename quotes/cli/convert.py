"""``quotes convert``: one sub-subcommand per corpus or tool format (``quotes convert polnear ROOT --split dev``).

PolNeAR is here; the formats of other tools are listed in :data:`quotes.cli.formats.CONVERTS`.
"""

from __future__ import annotations

import argparse
import sys

from quotes.cli.formats import CONVERTS, add_formats
from quotes.errors import UsageError


def configure(parser: argparse.ArgumentParser) -> None:
    corpora = parser.add_subparsers(dest="corpus", metavar="CORPUS")
    parser.set_defaults(func=lambda args: _missing_corpus(parser))

    p = corpora.add_parser(
        "polnear",
        help="PolNeAR brat standoff -> gold JSON Lines (with text)",
        description=(
            "Convert a PolNeAR split to gold JSON Lines, one line per document in index.tsv order: "
            '{"id", "text", "source": "polnear", "annotator", "relations", "quotes"}. '
            "Kinds come from the quotation marks of each content; speaker and role are null. "
            "A summary of what was converted and skipped goes to stderr."
        ),
    )
    p.add_argument("root", metavar="ROOT", help="PolNeAR data folder (holding index.tsv and train/ dev/ ...)")
    p.add_argument("--split", default="dev", choices=("train", "dev", "annotator-training"), help="default: dev")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--annotator", metavar="ID", help="use this annotator's .ann instead of the canonical one")
    who.add_argument(
        "--all-annotators",
        action="store_true",
        help='one line per .ann file, with id "<doc_id>#<annotator>"',
    )
    p.add_argument("-o", "--output", default="-", metavar="FILE", help="output JSON Lines (default: stdout)")
    p.add_argument("--no-text", action="store_true", help="leave the document text out of each line")
    p.add_argument("--named", metavar="DIR",
                   help="a named layer (e.g. data/annotations/polnear-named): only its documents, with their "
                        "speaker names, types, roles and speech flags")
    p.add_argument("--subset", choices=("all", "tune", "check"), default="all",
                   help="with --named: the documents of the layer's tune or check split (default: all)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    p.set_defaults(func=run_polnear)
    add_formats(corpora, CONVERTS, "configure_convert")


def _missing_corpus(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_polnear(args: argparse.Namespace) -> int:
    from quotes.convert.named_layer import named_results, read_layer
    from quotes.convert.polnear import ConversionStats, iter_polnear
    from quotes.errors import BratError, PolnearError, ReadError
    from quotes.io.writer import ResultWriter

    if args.subset != "all" and not args.named:
        raise UsageError("--subset needs --named")
    stats = ConversionStats()
    try:
        results = iter_polnear(
            args.root, args.split, args.annotator, all_annotators=args.all_annotators, stats=stats
        )
        if args.named:
            results = named_results(results, read_layer(args.named), args.subset)
        with ResultWriter(args.output, include_text=not args.no_text) as writer:
            writer.write_all(results)
    except (PolnearError, BratError, ReadError) as exc:
        raise UsageError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read PolNeAR data: {exc}") from None
    if not args.quiet:
        print(stats.summary(), file=sys.stderr)
    return 0
