"""Result records streamed from the files given to ``quotes view``.

JSON Lines files (``.jsonl``, ``.ndjson``, optionally ``.gz``) are read a line at a time,
so a corpus of any size goes through in constant memory; ``.json`` files (one result or a
list) and folders of them (the gold layout of ``data/annotations``) are read per file.

A record that cannot be read (bad JSON, no id, a quote without offsets) does not stop the
build: it becomes an :class:`Unreadable` entry naming the file and line, listed on the
index, and the records around it are still read.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, Union

from quotes.errors import ReadError
from quotes.io.jsonl import JSONL_SUFFIXES, iter_jsonl_lines, json_type
from quotes.io.results import iter_result_dicts
from quotes.records import Result


@dataclass
class Unreadable:
    """A line of a results file that is not a result record."""

    where: str  # "FILE: line N"
    id: str | None
    message: str

    def describe(self) -> str:
        return f"{self.where}: {self.message}"


Record = Union[Result, Unreadable]


def check_source(path: Path) -> None:
    """Raise ReadError when ``path`` cannot be a results source at all."""
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    if path.is_dir():
        if not _folder_files(path):
            raise ReadError(f"{path}: folder holds no .json or .jsonl files")
    elif not path.name.lower().endswith(JSONL_SUFFIXES):
        raise ReadError(f"{path}: not a results file; use .jsonl/.ndjson (optionally .gz) or .json")


def _folder_files(path: Path) -> list[Path]:
    try:
        return sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(JSONL_SUFFIXES))
    except OSError as exc:
        raise ReadError(f"{path}: cannot list the folder: {exc.strerror or exc}") from None


def iter_records(path: Path) -> Iterator[Record]:
    """The records of one source, in order."""
    files = _folder_files(path) if path.is_dir() else [path]
    for f in files:
        if f.name.lower().endswith((".json", ".json.gz")):
            yield from _json_records(f)
        else:
            yield from _jsonl_records(f)


def _open(path: Path) -> IO[bytes]:
    try:
        return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")  # type: ignore[return-value]
    except OSError as exc:
        raise ReadError(f"{path}: cannot open: {exc.strerror or exc}") from None


def _jsonl_records(path: Path) -> Iterator[Record]:
    with _open(path) as fh:
        for n, value, err in iter_jsonl_lines(fh, str(path)):
            yield _to_record(value, err, f"{path}: line {n}")


def _json_records(path: Path) -> Iterator[Record]:
    try:
        for i, value in enumerate(iter_result_dicts(path), start=1):
            yield _to_record(value, None, f"{path}: item {i}")
    except ReadError as exc:
        yield Unreadable(str(path), None, str(exc).removeprefix(f"{path}: "))


def _to_record(value: object, err: str | None, where: str) -> Record:
    if err is not None:
        return Unreadable(where, None, err)
    if not isinstance(value, dict):
        return Unreadable(where, None, f"expected a result object, got {json_type(value)}")
    raw_id = value.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        return Unreadable(where, None, "expected a result object with a string 'id'")
    try:
        result = Result.from_dict(value)
    except KeyError as exc:
        return Unreadable(where, str(raw_id), f"a quote or span lacks {exc.args[0]!r}")
    except (TypeError, ValueError, AttributeError) as exc:
        return Unreadable(where, str(raw_id), f"not a result record: {exc}")
    if result.text is not None and not isinstance(result.text, str):
        return Unreadable(where, result.id, f"'text' must be a string, got {json_type(result.text)}")
    for i, q in enumerate(result.quotes, start=1):
        for name in ("text", "kind", "speaker", "speaker_type", "role"):
            v = getattr(q, name)
            if v is not None and not isinstance(v, str):
                return Unreadable(where, result.id, f"quote {i}: '{name}' must be a string, got {json_type(v)}")
    return result
