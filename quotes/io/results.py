"""The one reader of result files: gold annotations and extractor output alike.

Every command that reads results (``evaluate``, ``validate``, ``speakers``, ``train``,
``extract --resume``) reads them here, so they all accept the same layouts and say the
same thing about the same broken file:

* JSON Lines, one result object per line (``.jsonl``, ``.ndjson``, any other name),
* a ``.json`` file holding one result object, or any file holding a JSON list of them,
* any of these gzipped (``.gz``),
* a folder of such files (``.json``/``.jsonl``/``.ndjson``, optionally ``.gz``), read in
  sorted order.

JSON Lines stream, one line at a time, so a corpus of results larger than memory can be
indexed; a JSON list or a single ``.json`` object is one value and is read whole.

Anything that is not a result raises :class:`~quotes.errors.ReadError` naming the file
and the line (``line N``) or list item (``item N``): bad JSON, bad UTF-8, a truncated
``.gz``, a record that is not an object, a quote without ``start``. Never a ``KeyError``
from deep inside a record. Blank lines are not records and are skipped; a byte order
mark at the start of the file is dropped.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Union

from quotes.errors import ReadError
from quotes.io.jsonl import BOM, JSONL_SUFFIXES, json_type, open_bytes, oserror_text, utf8_problem
from quotes.records import Result

PathLike = Union[str, os.PathLike]

# Names whose single top-level object is read as one result, not as JSON Lines.
_JSON_NAMES = (".json", ".json.gz")


def result_files(source: PathLike) -> list[Path]:
    """The files a results source stands for: itself, or the result files of a folder
    (sorted by name). ReadError when it is missing or a folder holds none."""
    path = Path(source)
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    if not path.is_dir():
        return [path]
    try:
        files = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(JSONL_SUFFIXES))
    except OSError as exc:
        raise ReadError(f"{path}: cannot list the folder: {oserror_text(exc)}") from None
    if not files:
        raise ReadError(f"{path}: folder holds no .json or .jsonl files")
    return files


def iter_results(source: PathLike) -> Iterator[Result]:
    """Stream the results of a file or folder, in order."""
    for path in result_files(source):
        for where, record in _file_records(path):
            try:
                yield Result.from_dict(record)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ReadError(f"{path}: {where}: not a result record: {_record_problem(exc)}") from None


def read_results(source: PathLike) -> list[Result]:
    """All results of a file or folder as a list (see :func:`iter_results`)."""
    return list(iter_results(source))


def iter_result_dicts(source: PathLike) -> Iterator[dict[str, Any]]:
    """The raw JSON objects of a results file or folder, unchecked beyond being objects
    (for the validator, which reports every schema problem itself)."""
    for path in result_files(source):
        for _where, record in _file_records(path):
            yield record


def _record_problem(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    if isinstance(exc, AttributeError):
        return "a quote or span is not a JSON object"
    return str(exc)


# --------------------------------------------------------------------------- one file


def _file_records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, object)`` for each object of one file; ``where`` is ``line N`` or ``item N``."""
    try:
        fh = open_bytes(path)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read: {oserror_text(exc)}") from None
    with fh:
        yield from _stream_records(fh, path)


def _stream_records(fh: IO[bytes], path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Read line by line; the first line that is not blank decides the layout: a ``[``
    (or a ``{`` in a ``.json`` file) makes the file one JSON value, read whole."""
    seen: Optional[list[bytes]] = []  # blank lines before the first record; None once it is read
    offset = 0  # bytes read so far, not counting the BOM: where the next line starts
    for n, raw in enumerate(_raw_lines(fh, path), start=1):
        if n == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReadError(f"{path}: {utf8_problem(raw, exc, 'file', offset)}") from None
        offset += len(raw)
        line = text[:-1] if text.endswith("\n") else text
        if seen is not None:
            if not line.strip():
                seen.append(raw)
                continue
            head = line.lstrip()[:1]
            if head == "[" or (head == "{" and path.name.endswith(_JSON_NAMES)):
                whole = b"".join(seen) + raw + _read_rest(fh, path)
                try:
                    text = whole.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise ReadError(f"{path}: {utf8_problem(whole, exc, 'file')}") from None
                yield from _whole_records(text, path)
                return
            seen = None
        if line.strip():
            yield f"line {n}", _line_record(line, n, path)


def _whole_records(text: str, path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """The objects of a file that is one JSON value: a list of objects or one object.
    A ``.json`` file of several objects that does not parse as one value is JSON Lines."""
    listed = text.lstrip().startswith("[")
    try:
        value = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        if listed:
            raise ReadError(f"{path}: malformed JSON at line {exc.lineno}: {exc.msg}") from None
        for n, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield f"line {n}", _line_record(line, n, path)
        return
    except RecursionError:
        raise ReadError(f"{path}: malformed JSON: nested too deeply") from None
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ReadError(f"{path}: item {i}: expected a JSON object, got {json_type(item)}")
        yield f"item {i}", item


def _line_record(line: str, n: int, path: Path) -> dict[str, Any]:
    try:
        value = json.loads(line, strict=False)
    except json.JSONDecodeError as exc:
        raise ReadError(f"{path}: line {n}: malformed JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ReadError(f"{path}: line {n}: malformed JSON: nested too deeply") from None
    if not isinstance(value, dict):
        raise ReadError(f"{path}: line {n}: expected a JSON object, got {json_type(value)}")
    return value


def _raw_lines(fh: IO[bytes], path: Path) -> Iterator[bytes]:
    lines = iter(fh)
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            return
        except (EOFError, zlib.error, OSError) as exc:
            raise _stream_error(exc, path) from None
        yield raw


def _read_rest(fh: IO[bytes], path: Path) -> bytes:
    try:
        return fh.read()
    except (EOFError, zlib.error, OSError) as exc:
        raise _stream_error(exc, path) from None


def _stream_error(exc: BaseException, path: Path) -> ReadError:
    """A file that breaks off (truncated or corrupt ``.gz``, failing disk) as a ReadError."""
    if isinstance(exc, EOFError):
        return ReadError(f"{path}: the compressed data ends early (is the file truncated?)")
    return ReadError(f"{path}: cannot read: {oserror_text(exc)}")
