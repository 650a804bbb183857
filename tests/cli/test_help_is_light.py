"""``quotes --help`` and every subcommand's arguments load without spaCy, torch or the extras."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT

HEAVY = ("spacy", "torch", "transformers", "datasets", "pyarrow", "duckdb", "matplotlib", "dask")


def test_building_the_whole_command_line_imports_no_heavy_package():
    code = (
        "import sys, quotes.cli.app as app; app.build_parser(); "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
