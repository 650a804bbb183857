"""``quotes evaluate``: score predictions against gold annotations (docs/format.md section 4).

    quotes evaluate --gold data/annotations --pred out.jsonl --texts seeds --report eval/

Prints the summary table (or, with ``--json``, the metrics object) on stdout and warnings
on stderr; ``--report DIR`` also writes metrics.json, report.md, report.html and, where
matplotlib is installed (``pip install 'quotes[plot]'``), f1_by_kind.png; without it one
line on stderr says the chart was skipped. Exit 0 when scored, 2 when an input cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quotes.evaluation.scorer import E2E_MODES

if TYPE_CHECKING:
    from quotes.records import Result

SUBSETS = ("all", "speech")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", required=True, metavar="G",
                        help="gold annotations: .jsonl, .json (one object or a list) or a folder of them")
    parser.add_argument("--pred", required=True, metavar="P", help="predictions, in the same formats (extract output)")
    parser.add_argument("--texts", metavar="T",
                        help="document texts (folder of .txt or JSON Lines with id/text); gold records' own "
                             "'text' is used otherwise. Needed for the highlighted documents in the HTML report")
    parser.add_argument("--report", metavar="DIR", type=Path,
                        help="write metrics.json, report.md, report.html and f1_by_kind.png (needs the "
                             "plot extra) into DIR")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON instead of the table")
    parser.add_argument("--e2e", choices=E2E_MODES, default="auto",
                        help="what makes a matched quote right end to end: the strict speaker name, the mention "
                             "span, or auto (speaker when the gold names speakers, else mention)")
    parser.add_argument("--subset", choices=SUBSETS, default="all",
                        help="'speech' scores speech relations only: by the gold's own speech flags when it has "
                             "them (the named PolNeAR layer), else gold and predicted quotes whose cue holds a "
                             "speech cue word (quotes/data/cues.json)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quotes.errors import UsageError
    from quotes.evaluation import load_speech_verbs, score_corpus, speech_filter
    from quotes.evaluation.report import format_table, to_json, write_report
    from quotes.evaluation.subsets import has_speech_flags
    from quotes.io.documents import load_texts

    gold = _read(args.gold, "gold")
    if not gold:
        raise UsageError(f"{args.gold}: holds no gold documents")
    pred = _read(args.pred, "predictions")
    texts = load_texts(args.texts) if args.texts else {}
    if args.texts:
        lacking = [r.id for r in gold if r.id not in texts and r.text is None]
        if lacking:
            print(f"quotes evaluate: warning: no text for {len(lacking)} gold document(s), e.g. {lacking[0]}",
                  file=sys.stderr)

    flags = args.subset == "speech" and has_speech_flags(gold)
    quote_filter = speech_filter(load_speech_verbs()) if args.subset == "speech" and not flags else None
    score = score_corpus(gold, pred, texts=texts, e2e=args.e2e, quote_filter=quote_filter, subset=args.subset,
                         speech_flags=flags)
    for warning in score.warnings:
        print(f"quotes evaluate: warning: {warning}", file=sys.stderr)

    print(to_json(score) if args.json else format_table(score))
    if args.report:
        try:
            report = write_report(score, args.report)
        except OSError as exc:
            raise UsageError(f"{args.report}: cannot write the report: {exc.strerror or exc}") from None
        print(f"quotes evaluate: report written to {args.report} ({', '.join(p.name for p in report.written)})",
              file=sys.stderr)
        for skipped in report.skipped:
            print(f"quotes evaluate: skipped {skipped}", file=sys.stderr)
    return 0


def _read(path: str, what: str) -> "list[Result]":
    """Read a results file; a record that is valid JSON but not a result (no offsets, an
    offset that is not a number) is unreadable input too, reported with its file."""
    from quotes.errors import UsageError
    from quotes.io.results import read_results

    try:
        return read_results(path)
    except (KeyError, TypeError, ValueError) as exc:
        detail = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise UsageError(f"{path}: not a {what} file of quote records ({detail})") from None
