"""``quotes export FORMAT``: results or gold in the formats of other tools.

One sub-subcommand per format (:data:`quotes.cli.formats.EXPORTS`): Label Studio tasks to correct
predictions instead of annotating from scratch, brat standoff as PolNeAR and many corpora use it, and
Hugging Face datasets for training elsewhere.
"""

from __future__ import annotations

import argparse

from quotes.cli.formats import EXPORTS, add_formats, print_help


def configure(parser: argparse.ArgumentParser) -> None:
    formats = parser.add_subparsers(dest="format", metavar="FORMAT")
    parser.set_defaults(func=lambda args: print_help(parser))
    add_formats(formats, EXPORTS, "configure_export")
