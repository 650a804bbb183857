"""The ``quotes`` command line: :mod:`.app` wires one module per subcommand."""

from quotes.cli.app import main

__all__ = ["main"]
