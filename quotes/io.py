"""Readers and writers for the contract's JSON Lines, folders of ``.txt`` files and stdin.

Readers stream: they never hold a corpus in memory, and a record that cannot be read
becomes an :class:`~quotes.records.InputError` in its place, so every input document
still gets exactly one output line.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional, Union

from .records import Document, InputError, Result

PathLike = Union[str, os.PathLike]
DocOrError = Union[Document, InputError]

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz")


class ReadError(Exception):
    """A whole input could not be opened (missing path, unknown format)."""


def _open_text(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{where}: invalid UTF-8 at byte {exc.start} (byte 0x{raw[exc.start]:02x}); "
            "re-encode the input as UTF-8"
        ) from None


def document_from_record(
    record: Any,
    *,
    line: Optional[int] = None,
    source: Optional[str] = None,
    id_field: str = "id",
    text_field: str = "text",
) -> DocOrError:
    """Turn one parsed JSON value into a Document, or an InputError that says what is wrong."""
    fallback_id = f"line-{line}" if line is not None else "record"
    if not isinstance(record, dict):
        return InputError(fallback_id, f"expected a JSON object, got {type(record).__name__}", line, source)
    raw_id = record.get(id_field)
    if raw_id is None:
        doc_id = fallback_id
        return InputError(doc_id, f"missing '{id_field}' key", line, source)
    doc_id = str(raw_id)
    if text_field not in record:
        return InputError(doc_id, f"missing '{text_field}' key", line, source)
    text = record[text_field]
    if not isinstance(text, str):
        return InputError(doc_id, f"'{text_field}' must be a string, got {type(text).__name__}", line, source)
    meta = {k: v for k, v in record.items() if k not in (id_field, text_field)}
    return Document(doc_id, text, meta)


def iter_jsonl_lines(stream: IO[bytes], source: str) -> Iterator[tuple[int, Any, Optional[str]]]:
    """Yield ``(line_number, parsed_value, error)`` for each non-blank line of a byte stream."""
    for n, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            line = _decode(raw, f"line {n}")
        except ValueError as exc:
            yield n, None, str(exc)
            continue
        try:
            yield n, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield n, None, f"malformed JSON: {exc.msg} at column {exc.colno}"


def read_jsonl_documents(
    stream: IO[bytes], source: str, id_field: str = "id", text_field: str = "text"
) -> Iterator[DocOrError]:
    for n, value, err in iter_jsonl_lines(stream, source):
        if err is not None:
            yield InputError(f"line-{n}", err, n, source)
        else:
            yield document_from_record(value, line=n, source=source, id_field=id_field, text_field=text_field)


def read_txt_file(path: Path) -> DocOrError:
    doc_id = path.name[: -len(".txt")] if path.name.endswith(".txt") else path.name
    try:
        text = _decode(path.read_bytes(), path.name)
    except ValueError as exc:
        return InputError(doc_id, str(exc), None, str(path))
    except OSError as exc:
        return InputError(doc_id, f"cannot read file: {exc.strerror}", None, str(path))
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
        files = sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(".txt"))
        if not files:
            raise ReadError(f"{path}: folder holds no .txt files")
        for p in files:
            yield read_txt_file(p)
        return
    name = path.name.lower()
    if name.endswith(".txt"):
        yield read_txt_file(path)
    elif name.endswith(".parquet"):
        from .parquet_io import read_parquet_documents

        yield from read_parquet_documents(path, id_field=id_field, text_field=text_field)
    elif name.endswith(JSONL_SUFFIXES):
        with _open_text(path) as fh:
            yield from read_jsonl_documents(fh, str(path), id_field, text_field)
    else:
        raise ReadError(
            f"{path}: unknown input format; use .jsonl/.ndjson (optionally .gz), .parquet, "
            ".txt or a folder of .txt files"
        )


def _read_stdin(id_field: str, text_field: str) -> Iterator[DocOrError]:
    data = sys.stdin.buffer
    head = data.peek(64) if hasattr(data, "peek") else b""  # type: ignore[attr-defined]
    if head.lstrip()[:1] in (b"{", b""):
        yield from read_jsonl_documents(data, "<stdin>", id_field, text_field)
        return
    raw = data.read()
    try:
        yield Document("stdin", _decode(raw, "<stdin>"), {})
    except ValueError as exc:
        yield InputError("stdin", str(exc), None, "<stdin>")


# --------------------------------------------------------------------------- results


def read_results(source: PathLike) -> list[Result]:
    """Read gold or predicted results: JSON Lines, a ``.json`` file holding one document
    object or a list of them, or a folder of such files (sorted by name)."""
    path = Path(source)
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    if path.is_dir():
        out: list[Result] = []
        files = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(JSONL_SUFFIXES))
        if not files:
            raise ReadError(f"{path}: folder holds no .json or .jsonl files")
        for p in files:
            out.extend(read_results(p))
        return out
    return [Result.from_dict(d) for d in iter_result_dicts(path)]


def iter_result_dicts(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the raw JSON objects of a results file, raising ReadError with the line on bad JSON."""
    with _open_text(path) as fh:
        raw = fh.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: invalid UTF-8 at byte {exc.start}") from None
    stripped = text.lstrip()
    if stripped.startswith("[") or (path.name.endswith((".json", ".json.gz")) and stripped.startswith("{")):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if not stripped.startswith("["):
                value = None  # maybe JSON Lines after all
            else:
                raise ReadError(f"{path}: malformed JSON at line {exc.lineno}: {exc.msg}") from None
        if value is not None:
            for item in value if isinstance(value, list) else [value]:
                if not isinstance(item, dict):
                    raise ReadError(f"{path}: expected JSON objects, got {type(item).__name__}")
                yield item
            return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReadError(f"{path}: line {n}: malformed JSON: {exc.msg}") from None
        if not isinstance(value, dict):
            raise ReadError(f"{path}: line {n}: expected a JSON object")
        yield value


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
        self.count = 0

    def write(self, result: Result) -> None:
        self._fh.write(json.dumps(result.to_dict(self.include_text), ensure_ascii=False) + "\n")
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
