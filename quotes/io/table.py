"""Plain-text tables for the terminal: extracted quotes and the speaker index.

Columns have fixed widths fitted to the terminal, so a table can be printed row by row
while a batch runs (no need to hold every result to size the columns) and long quotes
are cut to their first words instead of wrapping.

Widths are terminal columns, not characters: a Chinese or Japanese character takes two,
a combining accent none, so names like 王毅 keep the columns aligned.
"""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass
from typing import IO, Callable, Iterable, Optional, Sequence

from quotes.records import Result


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # preferred width; the last column takes what the terminal has left
    align: str = "<"


def char_width(char: str) -> int:
    """Terminal columns of one character: 2 for East Asian wide and full-width ones, 0 for
    combining marks, 1 otherwise."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes."""
    return sum(char_width(c) for c in text)


def clip(value: object, width: int) -> str:
    """One-line text of at most ``width`` columns, ending in an ellipsis when cut."""
    text = "" if value is None else " ".join(str(value).split())
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += char_width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` filled with spaces to ``width`` columns (``<`` left, ``>`` right, ``^`` centre)."""
    gap = max(width - display_width(text), 0)
    if align == ">":
        return " " * gap + text
    if align == "^":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def fit_columns(columns: Sequence[Column], total_width: Optional[int] = None) -> list[int]:
    """Widths for ``columns``: the preferred ones, the last stretched or shrunk to fit."""
    total = total_width or shutil.get_terminal_size((120, 24)).columns
    widths = [c.width for c in columns]
    used = sum(widths[:-1]) + 2 * (len(columns) - 1)
    widths[-1] = max(total - used, 12)
    return widths


def format_row(values: Sequence[object], columns: Sequence[Column], widths: Sequence[int]) -> str:
    cells = [pad(clip(v, w), w, c.align) for v, c, w in zip(values, columns, widths)]
    return "  ".join(cells).rstrip()


def format_table(
    columns: Sequence[Column], rows: Iterable[Sequence[object]], total_width: Optional[int] = None
) -> str:
    widths = fit_columns(columns, total_width)
    lines = [format_row([c.header for c in columns], columns, widths)]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(format_row(r, columns, widths) for r in rows)
    return "\n".join(lines)


QUOTE_COLUMNS = (
    Column("document", 22),
    Column("speaker", 20),
    Column("role", 24),
    Column("kind", 8),
    Column("quote", 60),
)


def quote_table_rows(result: Result) -> list[tuple[object, ...]]:
    """Table rows for one result: one per quote, or one saying why there are none."""
    if result.error is not None:
        return [(result.id, "", "", "error", result.error)]
    if not result.quotes:
        return [(result.id, "", "", "", "(no quotes)")]
    return [(result.id, q.speaker or "?", q.role or "", q.kind, q.text) for q in result.quotes]


class QuoteTable:
    """Print extracted quotes as a table, row by row as results arrive.

    ``write`` is the function that prints one line (``print`` by default; the batch CLI
    passes ``tqdm.write`` so rows and the progress bar do not overwrite each other).
    """

    def __init__(
        self,
        stream: Optional[IO[str]] = None,
        total_width: Optional[int] = None,
        write: Optional[Callable[[str], None]] = None,
    ):
        import sys

        out = stream or sys.stdout
        self._write = write or (lambda line: print(line, file=out, flush=True))
        self.columns = QUOTE_COLUMNS
        self.widths = fit_columns(self.columns, total_width)
        self._started = False

    def add(self, result: Result) -> None:
        if not self._started:
            self._write(format_row([c.header for c in self.columns], self.columns, self.widths))
            self._write("  ".join("-" * w for w in self.widths))
            self._started = True
        for row in quote_table_rows(result):
            self._write(format_row(row, self.columns, self.widths))
