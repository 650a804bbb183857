"""Sub-subcommands by format: ``quotes export FORMAT`` and ``quotes convert FORMAT``.

Each format's command line lives in its own module (``quotes/cli/<format>.py``) with a
``configure_export(parser)`` and/or ``configure_convert(parser)`` function that adds its
arguments and sets ``func``; this module lists them, so adding a format is one line here.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: format -> (module, one-line help), for ``quotes export``
EXPORTS: dict[str, tuple[str, str]] = {
    "labelstudio": ("quotes.cli.labelstudio", "Label Studio tasks whose predictions are the quotes, or its labelling config"),
    "brat": ("quotes.cli.brat", "brat standoff .txt + .ann pairs in PolNeAR's attribution scheme"),
    "hf": ("quotes.cli.hf", "a Hugging Face datasets.DatasetDict saved to disk"),
}

#: format -> (module, one-line help), for ``quotes convert`` (besides ``polnear``)
CONVERTS: dict[str, tuple[str, str]] = {
    "labelstudio": ("quotes.cli.labelstudio", "a Label Studio JSON export -> gold JSON Lines"),
    "brat": ("quotes.cli.brat", "a folder of brat .txt + .ann pairs -> gold JSON Lines"),
}


def add_formats(subparsers: argparse._SubParsersAction, table: dict[str, tuple[str, str]], hook: str) -> None:
    """Add one sub-subcommand per format of ``table`` whose module defines ``hook``."""
    for name, (module_name, help_text) in table.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # format not part of this build
            raise
        if not hasattr(module, hook):
            continue
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        getattr(module, hook)(sub)


def print_help(parser: argparse.ArgumentParser) -> int:
    """``quotes export`` or ``quotes convert`` without a format: help on stderr, exit 2."""
    parser.print_help(sys.stderr)
    return 2
