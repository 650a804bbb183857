"""The ``quotes`` command line: one subcommand per module.

Each subcommand lives in the module that holds its logic, as a ``configure(parser)``
function that adds its arguments and sets ``func``; this file only wires them together.
Modules keep heavy imports (spaCy, torch) inside functions so ``--help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Optional, Sequence

from quotes import __version__
from quotes.errors import ModelError, UsageError  # noqa: F401
from quotes.io.jsonl import ReadError

# name -> (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("quotes.cli.extract", "find quotes and their speakers in documents"),
    "validate": ("quotes.cli.validate", "check a gold or output file against the schema and the texts"),
    "evaluate": ("quotes.cli.evaluate", "score predictions against gold annotations"),
    "convert": ("quotes.cli.convert", "convert annotated corpora (PolNeAR) to gold JSON Lines"),
    "train": ("quotes.cli.train", "train or fine-tune the span tagger and speaker ranker"),
    "speakers": ("quotes.cli.speakers", "index speakers across a corpus of results"),
}

EXIT_OK = 0
EXIT_FAILURE = 1  # the command ran and found problems (invalid file, failed documents)
EXIT_USAGE = 2  # bad arguments or unreadable input


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotes",
        description="Quotation attribution for news: who said what.",
    )
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("quotes"):
                continue  # subcommand not part of this build
            raise
        sub = subs.add_parser(name, help=help_text, description=help_text)
        module.configure(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except (UsageError, ReadError, ModelError) as exc:
        print(f"quotes {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
