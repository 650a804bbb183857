"""Gold or results files as raw records, for the converters that export them.

The exporters need each record as written (a gold quote's ``note`` and ``speech`` are
not fields of :class:`~quotes.records.Quote`) and where it came from, so that an error
can name the file and record; a folder is its ``.json``/``.jsonl`` files in name order,
as :func:`quotes.io.jsonl.read_results` reads it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional, Union

from quotes.errors import ReadError
from quotes.io.jsonl import JSONL_SUFFIXES
from quotes.io.results import iter_result_dicts
from quotes.records import Result

PathLike = Union[str, os.PathLike]

#: Keys of a gold quote that :class:`~quotes.records.Quote` does not hold but exports keep.
QUOTE_EXTRAS = ("note", "speech")


def record_files(source: PathLike) -> list[Path]:
    """The files a gold or results source stands for: itself, or a folder's result files."""
    path = Path(source)
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(JSONL_SUFFIXES))
    if not files:
        raise ReadError(f"{path}: folder holds no .json or .jsonl files")
    return files


def iter_records(source: PathLike) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, record)`` for every record of ``source``; ``where`` is ``FILE record N``.

    Raises :class:`ReadError` (naming file and line) for what is not JSON objects.
    """
    for path in record_files(source):
        for n, record in enumerate(iter_result_dicts(path), start=1):
            yield f"{path} record {n}", record


def quote_extras(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The :data:`QUOTE_EXTRAS` of each quote of a raw record, in the record's order."""
    quotes = record.get("quotes")
    if not isinstance(quotes, list):
        return []
    return [{k: q[k] for k in QUOTE_EXTRAS if isinstance(q, dict) and q.get(k) is not None} for q in quotes]


@dataclass
class GoldRecord:
    """A result with the extras of each quote (:data:`QUOTE_EXTRAS`), index for index."""

    result: Result
    extras: list[dict[str, Any]] = field(default_factory=list)

    def extras_of(self, i: int) -> dict[str, Any]:
        return self.extras[i] if i < len(self.extras) else {}

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        """The gold JSON object: the result's, each quote with its extras."""
        d = self.result.to_dict(include_text)
        for i, q in enumerate(d.get("quotes", [])):
            q.update(self.extras_of(i))
        return d

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> "GoldRecord":
        """Raises KeyError, TypeError, ValueError or AttributeError on what is not a result."""
        return cls(Result.from_dict(record), quote_extras(record))


def span_problem(result: Result, text: str) -> Optional[str]:
    """What is wrong with the spans of a result against its text, or None: every content,
    cue and mention must lie inside the text and equal the text it says it covers."""
    for i, q in enumerate(result.quotes):
        for what, span in (("content", q.span), ("cue", q.cue), ("mention", q.mention)):
            if span is None:
                continue
            if not 0 <= span.start <= span.end <= len(text):
                return f"quote {i}: {what} [{span.start}, {span.end}) is outside the text ({len(text)} characters)"
            if span.text and span.text != text[span.start : span.end]:
                return (
                    f"quote {i}: {what} text {span.text[:40]!r} differs from the text at "
                    f"[{span.start}, {span.end}): {text[span.start : span.end][:40]!r}"
                )
    return None


def write_gold(dest: PathLike, records: Iterable[GoldRecord], include_text: bool = True) -> int:
    """Write gold records as JSON Lines to a file (``.gz`` compressed) or ``-`` (stdout),
    one flushed line per record; returns how many were written."""
    import gzip
    import json
    import sys

    if str(dest) == "-":
        fh: IO[str] = sys.stdout
    else:
        path = Path(dest)
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = gzip.open(path, "wt", encoding="utf-8") if path.name.endswith(".gz") else open(path, "w", encoding="utf-8")
    n = 0
    try:
        for record in records:
            fh.write(json.dumps(record.to_dict(include_text), ensure_ascii=False) + "\n")
            fh.flush()
            n += 1
    finally:
        if fh is not sys.stdout:
            fh.close()
    return n
