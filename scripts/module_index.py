"""Write the module index of docs/architecture.md: one line per module, from its docstring.

    python scripts/module_index.py            # rewrite the index between the markers
    python scripts/module_index.py --check    # exit 1 when the index is out of date

The first paragraph of each module's docstring is its line, so the page says what the code says.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- module index: begin -->", "<!-- module index: end -->"


def first_paragraph(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())


def index() -> str:
    lines = []
    package = ROOT / "quotes"
    groups: dict[str, list[Path]] = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        groups.setdefault(rel.parts[0] if len(rel.parts) > 1 else "", []).append(path)
    for group, paths in sorted(groups.items()):
        title = f"`quotes/{group}/`" if group else "`quotes/`"
        lines.append(f"\n### {title}\n")
        for path in paths:
            if path.name == "__main__.py":
                line = "`python -m quotes` runs the command line."
            else:
                line = first_paragraph(path) or "(no docstring)"
            lines.append(f"- `{path.relative_to(ROOT)}`: {line}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + BEGIN + "\n" + index() + END + tail
    if "--check" in argv:
        if new != text:
            print(f"{DOC}: the module index is out of date; run python scripts/module_index.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
