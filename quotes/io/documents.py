"""Document readers: JSON Lines, ``.txt`` files, folders of them, stdin and Parquet.

Readers stream: they never hold a corpus in memory, and a record that cannot be read
becomes an :class:`~quotes.records.InputError` in its place, so every input document
still gets exactly one output line.

What the readers promise, whatever the bytes they are given (the fuzzer in
``scripts/fuzz.py`` holds them to it):

* :func:`read_documents` raises only :class:`ReadError`, and only when the input as a
  whole cannot be used (missing path, unknown format, not gzip, unreadable folder); any
  other problem becomes an InputError naming the line (or file) and what is wrong, and
  the documents around it are still read;
* the encoding rules are those of :mod:`quotes.io.jsonl` (UTF-8, a leading BOM dropped,
  line ends kept as given).

Results are read by :mod:`quotes.io.results` and written by :mod:`quotes.io.writer`.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Union

from quotes.errors import ReadError
from quotes.io.jsonl import (
    BOM,
    JSONL_SUFFIXES,
    decode_utf8,
    json_type,
    open_bytes,
    oserror_text,
    parse_lines,
    unpaired_surrogate,
)
from quotes.records import Document, InputError

PathLike = Union[str, os.PathLike]
DocOrError = Union[Document, InputError]

# Recovers the id of a line that is not valid JSON, so its error record names the document.
_ID_VALUE = r'\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(-?\d{1,30})\b)'


def _id_of_broken_line(raw: bytes, id_field: str = "id") -> Optional[str]:
    """The id of a JSON Lines record that cannot be parsed, when it can still be read:
    from the line decoded with replacement characters, or from an ``{"id": ...`` at its
    start when the JSON itself is broken."""
    line = raw.decode("utf-8", errors="replace")
    try:
        value = json.loads(line, strict=False)
    except (ValueError, RecursionError):
        value = None
    if isinstance(value, dict):
        found = value.get(id_field)
        return str(found) if isinstance(found, (str, int)) and not isinstance(found, bool) else None
    m = re.match(r'\s*\{\s*' + re.escape(json.dumps(id_field)) + _ID_VALUE, line)
    if not m:
        return None
    if m.group(2) is not None:
        return m.group(2)
    try:
        return json.loads(f'"{m.group(1)}"', strict=False)
    except ValueError:
        return None


def document_from_record(
    record: Any,
    *,
    line: Optional[int] = None,
    source: Optional[str] = None,
    id_field: str = "id",
    text_field: str = "text",
) -> DocOrError:
    """Turn one parsed JSON value into a Document, or an InputError that says what is wrong.

    The id may be a JSON string or an integer (kept as its decimal string); a record
    without a usable id gets ``line-N`` as the id of its error record.
    """
    fallback_id = f"line-{line}" if line is not None else "record"
    if not isinstance(record, dict):
        return InputError(fallback_id, f"expected a JSON object, got {json_type(record)}", line, source)
    if id_field not in record:
        return InputError(fallback_id, f"missing '{id_field}' key", line, source)
    raw_id = record[id_field]
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        return InputError(fallback_id, f"'{id_field}' must be a string, got {json_type(raw_id)}", line, source)
    doc_id = str(raw_id)
    bad = unpaired_surrogate(doc_id)
    if bad is not None:
        return InputError(fallback_id, f"'{id_field}' {bad}", line, source)
    if text_field not in record:
        return InputError(doc_id, f"missing '{text_field}' key", line, source)
    text = record[text_field]
    if not isinstance(text, str):
        return InputError(doc_id, f"'{text_field}' must be a string, got {json_type(text)}", line, source)
    bad = unpaired_surrogate(text)
    if bad is not None:
        return InputError(doc_id, f"'{text_field}' {bad}", line, source)
    meta = {k: v for k, v in record.items() if k not in (id_field, text_field)}
    return Document(doc_id, text, meta)


def read_jsonl_documents(
    stream: IO[bytes], source: str, id_field: str = "id", text_field: str = "text"
) -> Iterator[DocOrError]:
    """Documents of a JSON Lines byte stream; an unreadable line's error record keeps the
    line's id when it can still be read from the broken line, else ``line-N``."""
    for n, raw, value, err in parse_lines(stream, source):
        if err is not None:
            doc_id = _id_of_broken_line(raw, id_field) if raw else None
            yield InputError(doc_id if doc_id is not None else f"line-{n}", err, n, source)
        else:
            yield document_from_record(value, line=n, source=source, id_field=id_field, text_field=text_field)


def read_txt_file(path: Path) -> DocOrError:
    """One ``.txt`` file as a document (id = file name without ``.txt``)."""
    doc_id = path.name[: -len(".txt")] if path.name.endswith(".txt") else path.name
    try:
        text = decode_utf8(path.read_bytes(), "file")
    except ValueError as exc:
        return InputError(doc_id, str(exc), None, str(path))
    except OSError as exc:
        return InputError(doc_id, f"cannot read file: {oserror_text(exc)}", None, str(path))
    return Document(doc_id, text, {})


def read_documents(
    source: PathLike, *, id_field: str = "id", text_field: str = "text"
) -> Iterator[DocOrError]:
    """Stream documents from ``source``.

    ``source`` is ``-`` (stdin: JSON Lines, or one plain-text document when the first
    character is not ``{``), a folder of ``.txt`` files (id = file name without ``.txt``,
    in sorted order), a single ``.txt`` file, a JSON Lines file (``.jsonl``, ``.ndjson``,
    optionally ``.gz``) or a Parquet file.
    """
    if str(source) == "-":
        yield from _read_stdin(id_field, text_field)
        return
    path = Path(source)
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    if path.is_dir():
        try:
            # not is_file(): a broken link or a FIFO named *.txt still gets its error record
            files = sorted(p for p in path.iterdir() if p.name.endswith(".txt") and not p.is_dir())
        except OSError as exc:
            raise ReadError(f"{path}: cannot list the folder: {oserror_text(exc)}") from None
        if not files:
            raise ReadError(f"{path}: folder holds no .txt files")
        for p in files:
            yield read_txt_file(p)
        return
    name = path.name.lower()
    if name.endswith(".txt"):
        yield read_txt_file(path)
    elif name.endswith(".parquet"):
        from quotes.io.parquet import read_parquet_documents

        yield from read_parquet_documents(path, id_field=id_field, text_field=text_field)
    elif name.endswith(JSONL_SUFFIXES):
        try:
            fh = open_bytes(path)
        except OSError as exc:
            raise ReadError(f"{path}: cannot open: {oserror_text(exc)}") from None
        with fh:
            yield from read_jsonl_documents(fh, str(path), id_field, text_field)
    else:
        raise ReadError(
            f"{path}: unknown input format; use .jsonl/.ndjson (optionally .gz), .parquet, "
            ".txt or a folder of .txt files"
        )


def _read_stdin(id_field: str, text_field: str) -> Iterator[DocOrError]:
    data = sys.stdin.buffer
    head = data.peek(64) if hasattr(data, "peek") else b""  # type: ignore[attr-defined]
    if head.startswith(BOM):
        head = head[len(BOM) :]
    if head.lstrip()[:1] in (b"{", b""):
        yield from read_jsonl_documents(data, "<stdin>", id_field, text_field)
        return
    raw = data.read()
    try:
        yield Document("stdin", decode_utf8(raw, "input"), {})
    except ValueError as exc:
        yield InputError("stdin", str(exc), None, "<stdin>")


def load_texts(source: PathLike) -> dict[str, str]:
    """Map document id to text from any document source (folder of .txt, JSON Lines...).

    Documents that cannot be read are skipped here; the caller reports ids it lacks.
    """
    return {d.id: d.text for d in read_documents(source) if isinstance(d, Document)}
