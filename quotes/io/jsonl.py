"""Readers and writers for the contract's JSON Lines, folders of ``.txt`` files and stdin.

Readers stream: they never hold a corpus in memory, and a record that cannot be read
becomes an :class:`~quotes.records.InputError` in its place, so every input document
still gets exactly one output line.

What the readers promise, whatever the bytes they are given (the fuzzer in
``scripts/fuzz.py`` holds them to it):

* :func:`read_documents` raises only :class:`ReadError`, and only when the input as a
  whole cannot be used (missing path, unknown format, not gzip, unreadable folder); any
  other problem becomes an InputError naming the line (or file) and what is wrong, and
  the documents around it are still read;
* the results reader is :mod:`quotes.io.results`.

Encoding rules: input is UTF-8; a byte order mark at the start of a file, of stdin or of
a ``.txt`` document is an encoding mark, not text, and is dropped (offsets count from
the character after it, as with Python's ``utf-8-sig``); line ends are kept as given
(``\\r\\n`` stays in the text, so offsets match the file).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional, Union

from quotes.errors import ReadError  # noqa: F401
from quotes.records import Document, InputError, Result

PathLike = Union[str, os.PathLike]
DocOrError = Union[Document, InputError]

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz")

BOM = b"\xef\xbb\xbf"

# What a damaged stream raises part way: a truncated gzip member (EOFError), corrupt
# compressed data (zlib.error), a bad CRC or header (gzip.BadGzipFile, an OSError) or a
# failing disk (OSError).
STREAM_ERRORS = (EOFError, zlib.error, OSError)

# Recovers the id of a line that is not valid JSON, so its error record names the document.
_ID_VALUE = r'\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(-?\d{1,30})\b)'


def open_bytes(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages about the input as written."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def decode_utf8(raw: bytes, what: str = "input") -> str:
    """UTF-8 without a leading BOM; ValueError says where the first bad byte is."""
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(utf8_problem(raw, exc, what)) from None


def utf8_problem(raw: bytes, exc: UnicodeDecodeError, what: str, offset: int = 0) -> str:
    """Where ``raw`` stops being UTF-8, as a message; ``offset`` is the number of bytes of
    the ``what`` before ``raw`` (a line read from the middle of a file)."""
    return (
        f"invalid UTF-8 at byte {offset + exc.start} of the {what} (byte 0x{raw[exc.start]:02x}); "
        "re-encode it as UTF-8"
    )


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


def unpaired_surrogate(s: str) -> Optional[str]:
    """Say where ``s`` holds a lone UTF-16 surrogate (a JSON escape such as ``\\ud800``
    with no partner), or None.

    Such a string is not Unicode text: it cannot be written as UTF-8, so a document
    holding one would break every writer after it. It is refused at reading instead.
    """
    try:
        s.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"holds an unpaired surrogate (\\u{ord(s[exc.start]):04x}) at character {exc.start}; "
            "it is not valid Unicode text"
        )
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


def _parse_lines(stream: IO[bytes], source: str) -> Iterator[tuple[int, bytes, Any, Optional[str]]]:
    """Yield ``(line_number, raw_line, parsed_value, error)`` for each non-blank line."""
    n = 0
    it = iter(stream)
    while True:
        try:
            raw = next(it)
        except StopIteration:
            return
        except STREAM_ERRORS as exc:
            if n == 0 and isinstance(exc, gzip.BadGzipFile):
                raise ReadError(f"{source}: not a gzip file ({exc})") from None
            why = "the compressed data ends early" if isinstance(exc, EOFError) else oserror_text(exc)
            yield n + 1, b"", None, (
                f"input breaks off here: {why}; the {n} lines before were read, anything after is lost "
                "(is the file truncated?)"
            )
            return
        n += 1
        if n == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        if not raw.strip():
            continue
        try:
            line = decode_utf8(raw, "line")
        except ValueError as exc:
            yield n, raw, None, str(exc)
            continue
        try:
            yield n, raw, json.loads(line, strict=False), None
        except json.JSONDecodeError as exc:
            cut = "" if raw.endswith(b"\n") else "; the last line has no line end: is the file cut short?"
            yield n, raw, None, f"malformed JSON: {exc.msg} (column {exc.colno}){cut}"
        except RecursionError:
            yield n, raw, None, "malformed JSON: nested too deeply"


def iter_jsonl_lines(stream: IO[bytes], source: str) -> Iterator[tuple[int, Any, Optional[str]]]:
    """Yield ``(line_number, parsed_value, error)`` for each non-blank line of a byte stream.

    Blank lines are not records and are skipped. A BOM before the first line is dropped.
    Raw control characters inside JSON strings are accepted (``strict=False``): they are
    text as given, and refusing them would only lose documents. A stream that breaks off
    (truncated or corrupt ``.gz``, read error) ends with one error for the line where it
    broke; the lines before it were read normally. A ``.gz`` that is not gzip at all
    raises :class:`ReadError` (the input as a whole cannot be used).
    """
    for n, _raw, value, err in _parse_lines(stream, source):
        yield n, value, err


def oserror_text(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def read_jsonl_documents(
    stream: IO[bytes], source: str, id_field: str = "id", text_field: str = "text"
) -> Iterator[DocOrError]:
    """Documents of a JSON Lines byte stream; an unreadable line's error record keeps the
    line's id when it can still be read from the broken line, else ``line-N``."""
    for n, raw, value, err in _parse_lines(stream, source):
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


# --------------------------------------------------------------------------- results


class ResultWriter:
    """Write results as JSON Lines, one line per document, flushed per record.

    Flushing per line means a killed run leaves only whole lines behind (at most a torn
    last line, which ``--resume`` drops), so no finished document is ever lost.
    """

    def __init__(self, dest: Union[PathLike, IO[str], None], append: bool = False, include_text: bool = False):
        self.include_text = include_text
        self._own = False
        if dest is None or str(dest) == "-":
            self._fh: IO[str] = sys.stdout
        elif isinstance(dest, (str, os.PathLike)):
            p = Path(dest)
            if p.parent and not p.parent.exists():
                p.parent.mkdir(parents=True, exist_ok=True)
            if p.name.endswith(".gz"):
                self._fh = io.TextIOWrapper(gzip.open(p, "ab" if append else "wb"), encoding="utf-8")
            else:
                self._fh = open(p, "a" if append else "w", encoding="utf-8")
            self._own = True
        else:
            self._fh = dest
        encoding = (getattr(self._fh, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
        self._ascii_only = encoding != "utf8"
        self.count = 0

    def write(self, result: Result) -> None:
        record = result.to_dict(self.include_text)
        line = json.dumps(record, ensure_ascii=False)
        if self._ascii_only or unpaired_surrogate(line) is not None:
            # A stream that cannot take UTF-8, or a string that is not Unicode text: JSON's
            # \u escapes carry the same record in plain ASCII instead of failing the run.
            line = json.dumps(record, ensure_ascii=True)
        self._fh.write(line + "\n")
        self._fh.flush()
        self.count += 1

    def write_all(self, results: Iterable[Result]) -> int:
        for r in results:
            self.write(r)
        return self.count

    def close(self) -> None:
        if self._own:
            self._fh.close()

    def __enter__(self) -> "ResultWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load_texts(source: PathLike) -> dict[str, str]:
    """Map document id to text from any document source (folder of .txt, JSON Lines...).

    Documents that cannot be read are skipped here; the caller reports ids it lacks.
    """
    return {d.id: d.text for d in read_documents(source) if isinstance(d, Document)}
