"""Read JSON values one at a time from a large file, without loading it whole.

A Label Studio export is one JSON array of tasks, and results come as JSON Lines, as a
pretty-printed ``.json`` per document or as a JSON array: all of them are a run of JSON
values, at the top level or inside one array. :func:`iter_json_items` decodes them with
``json.JSONDecoder.raw_decode`` over a buffer that is refilled by chunks, so memory holds
one item at a time (plus a chunk), whatever the size of the file.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Union

from quotes.errors import ReadError

CHUNK = 1 << 16
_WS = " \t\r\n"
_TAIL = 16  # longest token a chunk boundary can cut and leave an error before the end


class _Buffer:
    """A text buffer over a stream that grows when a value does not fit in it yet."""

    def __init__(self, stream: IO[str], chunk: int):
        self.stream = stream
        self.chunk = chunk
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # line number of ``pos``

    def more(self) -> bool:
        """Read another chunk (at least as large as what is buffered, so a long value costs
        linear time); False at the end of the stream."""
        if self.eof:
            return False
        data = self.stream.read(max(self.chunk, len(self.buf) - self.pos))
        if not data:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + data
        self.pos = 0
        return True

    def skip_ws(self) -> Optional[str]:
        """Move past whitespace; the next character, or None at the end."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                if self.buf[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return None

    def advance(self, end: int) -> None:
        self.line += self.buf.count("\n", self.pos, end)
        self.pos = end

    def skip_line(self) -> None:
        """Move to the start of the next line (to resume after a malformed JSON Lines record)."""
        while True:
            nl = self.buf.find("\n", self.pos)
            if nl >= 0:
                self.advance(nl + 1)
                return
            self.pos = len(self.buf)
            if not self.more():
                return


def _decode(b: _Buffer, decoder: json.JSONDecoder) -> Any:
    """The JSON value at the buffer's position; reads on until it is complete."""
    while True:
        try:
            value, end = decoder.raw_decode(b.buf, b.pos)
        except json.JSONDecodeError as exc:
            # Only a value cut by the end of the buffer is worth reading on for; an error in
            # the middle is a real one, and reading the rest of a large file would not fix it.
            cut = exc.pos >= len(b.buf) - _TAIL or exc.msg.startswith("Unterminated string")
            if cut and b.more():
                continue
            raise exc
        except RecursionError:
            raise json.JSONDecodeError("nested too deeply", b.buf, b.pos) from None
        if end == len(b.buf) and not b.eof and b.more():
            continue  # a number cut by the chunk boundary: decode it again in full
        b.advance(end)
        return value


def iter_json_items(stream: IO[str], chunk: int = CHUNK) -> Iterator[tuple[int, Any, Optional[str]]]:
    """``(line, value, error)`` for each item: the elements of a top-level array, or else each
    top-level value (JSON Lines, or one pretty-printed object).

    ``line`` is where the item starts. A malformed item gives an ``error`` in place of its
    value: in a run of top-level values (JSON Lines) reading resumes on the next line, so one
    broken record loses nothing else; inside an array nothing after it can be trusted, and the
    error ends the stream.
    """
    b = _Buffer(stream, chunk)
    decoder = json.JSONDecoder(strict=False)
    first = b.skip_ws()
    if first is None:
        return
    if first == "[":
        yield from _array_items(b, decoder)
        return
    while b.skip_ws() is not None:
        line = b.line
        try:
            yield line, _decode(b, decoder), None
        except json.JSONDecodeError as exc:
            yield line, None, f"malformed JSON: {exc.msg}"
            b.skip_line()


def _array_items(b: _Buffer, decoder: json.JSONDecoder) -> Iterator[tuple[int, Any, Optional[str]]]:
    b.advance(b.pos + 1)  # the "["
    if b.skip_ws() == "]":
        b.advance(b.pos + 1)
        return
    while True:
        line = b.line
        if b.skip_ws() is None:
            yield line, None, "malformed JSON: the array is not closed (is the file cut short?)"
            return
        line = b.line
        try:
            value = _decode(b, decoder)
        except json.JSONDecodeError as exc:
            yield line, None, f"malformed JSON: {exc.msg}; nothing after it is read"
            return
        yield line, value, None
        nxt = b.skip_ws()
        if nxt == ",":
            b.advance(b.pos + 1)
        elif nxt == "]":
            b.advance(b.pos + 1)
            rest = b.skip_ws()
            if rest is not None:
                yield b.line, None, "malformed JSON: extra data after the closing ]"
            return
        else:
            what = "the end of the file (is it cut short?)" if nxt is None else repr(nxt)
            yield b.line, None, f"malformed JSON: expected , or ] after an item, found {what}"
            return


def open_text(path: Union[str, Path]) -> IO[str]:
    """A UTF-8 text stream over a file (``.gz`` decompressed) or ``-`` for stdin; a byte order
    mark is dropped. Raises ReadError when the file cannot be opened."""
    if str(path) == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig")
    p = Path(path)
    try:
        if p.name.endswith(".gz"):
            return io.TextIOWrapper(gzip.open(p, "rb"), encoding="utf-8-sig")
        return open(p, encoding="utf-8-sig")
    except OSError as exc:
        raise ReadError(f"{p}: cannot open: {exc.strerror or exc}") from None


def iter_file_items(path: Union[str, Path], chunk: int = CHUNK) -> Iterator[tuple[int, Any, Optional[str]]]:
    """:func:`iter_json_items` of a file; a file that cannot be read or decoded as UTF-8 raises
    ReadError naming it."""
    stream = open_text(path)
    try:
        yield from iter_json_items(stream, chunk)
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: invalid UTF-8 ({exc.reason}); re-encode it as UTF-8") from None
    except (EOFError, OSError) as exc:
        raise ReadError(f"{path}: cannot read: {exc}") from None
    finally:
        if str(path) != "-":
            stream.close()
