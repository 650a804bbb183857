"""Parquet in and out: documents from a Parquet file, quotes to a Parquet table.

Both directions stream. The reader walks the file one record batch at a time, so a
corpus larger than memory reads in constant space; the writer buffers rows and writes a
row group every ``row_group_size`` quotes, so a long run never holds its output either.

The quote table is one row per quote (``QUOTE_COLUMNS``); ``quote_rows`` is the one
place that flattens a :class:`~quotes.records.Result` into those rows, shared with the
DuckDB output (:mod:`quotes.io.database`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from quotes.errors import ReadError
from quotes.io.extras import require
from quotes.records import Document, InputError, Result

PathLike = Union[str, os.PathLike]

# name -> pyarrow type name; the order is the column order of the table.
QUOTE_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "quote_index": "int32",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "kind": "string",
    "cue_start": "int64",
    "cue_end": "int64",
    "cue_text": "string",
    "mention_start": "int64",
    "mention_end": "int64",
    "mention_text": "string",
    "speaker": "string",
    "speaker_type": "string",
    "role": "string",
    "confidence": "float64",
    # 0-based position of the document in the input: ids may repeat, positions never do.
    "doc_position": "int64",
}


def quote_schema():  # -> pyarrow.Schema
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([(name, types[t]) for name, t in QUOTE_COLUMNS.items()])


def quote_rows(result: Result, position: int) -> list[dict[str, Any]]:
    """Flatten the quotes of one result into quote-table rows (none for an error record)."""
    rows = []
    for i, q in enumerate(result.quotes):
        rows.append(
            {
                "doc_id": result.id,
                "quote_index": i,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "cue_start": q.cue.start if q.cue else None,
                "cue_end": q.cue.end if q.cue else None,
                "cue_text": q.cue.text if q.cue else None,
                "mention_start": q.mention.start if q.mention else None,
                "mention_end": q.mention.end if q.mention else None,
                "mention_text": q.mention.text if q.mention else None,
                "speaker": q.speaker,
                "speaker_type": q.speaker_type,
                "role": q.role,
                "confidence": q.confidence,
                "doc_position": position,
            }
        )
    return rows


# --------------------------------------------------------------------------- reading


def parquet_row_count(path: PathLike) -> int:
    """Number of rows, read from the file footer (no data is read)."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def read_parquet_documents(
    path: PathLike, id_field: str = "id", text_field: str = "text", batch_size: int = 256
) -> Iterator[Union[Document, InputError]]:
    """Stream documents from a Parquet file, one record batch at a time.

    Other columns are kept in ``Document.meta``, like the other keys of a JSON Lines
    record. A row with a null id or a null/non-string text becomes an InputError that
    names its 1-based row; a file without the id or text column cannot be used at all
    and raises :class:`~quotes.errors.ReadError`.
    """
    require("pyarrow", "parquet", "Parquet input")
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ReadError(f"{path}: not a readable Parquet file: {exc}") from None
    names = pf.schema_arrow.names
    for needed in (id_field, text_field):
        if needed not in names:
            raise ReadError(f"{path}: no column '{needed}' (columns: {', '.join(names)})")
    row = 0
    source = str(path)
    for batch in pf.iter_batches(batch_size=batch_size):
        for record in batch.to_pylist():
            row += 1
            raw_id = record.get(id_field)
            text = record.get(text_field)
            if raw_id is None:
                yield InputError(f"row-{row}", f"row {row}: null '{id_field}'", None, source)
                continue
            doc_id = str(raw_id)
            if not isinstance(text, str):
                got = "null" if text is None else type(text).__name__
                yield InputError(doc_id, f"row {row}: '{text_field}' must be a string, got {got}", None, source)
                continue
            meta = {k: v for k, v in record.items() if k not in (id_field, text_field)}
            yield Document(doc_id, text, meta)


# --------------------------------------------------------------------------- writing


class QuoteTableWriter:
    """Write the quote table incrementally, one row group per ``row_group_size`` quotes.

    Rows go to ``<path>.partial`` and the file is renamed into place on :meth:`close`,
    so a Parquet file at ``path`` is always complete (an interrupted run leaves only the
    partial file, which ``--resume`` rebuilds).
    """

    def __init__(self, path: PathLike, row_group_size: int = 10_000):
        require("pyarrow", "parquet", "Parquet output")
        import pyarrow.parquet as pq

        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._partial = self.path.with_name(self.path.name + ".partial")
        self._schema = quote_schema()
        self._writer = pq.ParquetWriter(self._partial, self._schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self.row_group_size = row_group_size
        self.count = 0

    def add(self, result: Result, position: int) -> None:
        self._rows.extend(quote_rows(result, position))
        if len(self._rows) >= self.row_group_size:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        import pyarrow as pa

        table = pa.Table.from_pylist(self._rows, schema=self._schema)
        self._writer.write_table(table)
        self.count += len(self._rows)
        self._rows = []

    def close(self) -> None:
        if self._writer is None:
            return
        self._flush()
        self._writer.close()
        self._writer = None
        os.replace(self._partial, self.path)

    def __enter__(self) -> "QuoteTableWriter":
        return self

    def abort(self) -> None:
        """Close without renaming: the partial file stays for a later ``--resume`` to redo."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def read_quote_table(path: PathLike, columns: Optional[list[str]] = None):  # -> pyarrow.Table
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=columns)
