"""The docs that are generated from the code stay current."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT


def test_the_module_index_of_the_architecture_page_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "module_index.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_every_module_has_a_docstring_that_says_what_it_holds():
    import ast

    missing = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "quotes").rglob("*.py"))
               if p.name != "__main__.py" and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []
