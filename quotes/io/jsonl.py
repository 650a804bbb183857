"""JSON Lines as bytes: opening (plain or ``.gz``), decoding and parsing line by line.

The shared ground of the readers: :mod:`quotes.io.documents` reads documents from these
lines and :mod:`quotes.io.results` reads results, each with its own policy for a bad
line (an error record in place of the document; a ReadError for a results file).

Encoding rules: input is UTF-8; a byte order mark at the start of a file, of stdin or of
a ``.txt`` document is an encoding mark, not text, and is dropped (offsets count from
the character after it, as with Python's ``utf-8-sig``); line ends are kept as given
(``\\r\\n`` stays in the text, so offsets match the file).
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import IO, Any, Iterator, Optional

from quotes.errors import ReadError

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz")

BOM = b"\xef\xbb\xbf"

# What a damaged stream raises part way: a truncated gzip member (EOFError), corrupt
# compressed data (zlib.error), a bad CRC or header (gzip.BadGzipFile, an OSError) or a
# failing disk (OSError).
STREAM_ERRORS = (EOFError, zlib.error, OSError)


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


def oserror_text(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def parse_lines(stream: IO[bytes], source: str) -> Iterator[tuple[int, bytes, Any, Optional[str]]]:
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
    for n, _raw, value, err in parse_lines(stream, source):
        yield n, value, err
