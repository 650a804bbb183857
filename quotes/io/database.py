"""DuckDB output: the results of a batch as SQL tables.

Tables:

* ``documents(id, n_quotes, error, chars, position)`` -- one row per input document,
* ``quotes(...)`` -- one row per quote, the columns of the Parquet quote table
  (:data:`quotes.io.parquet.QUOTE_COLUMNS`),
* ``speakers(speaker, speaker_type, n_quotes, n_documents, roles, first_doc, last_doc)``
  -- quotes grouped by speaker with name variants merged by
  :func:`quotes.io.speaker_index.merge_speaker_names`, the same rule as ``quotes speakers``.

Rows are appended in Arrow batches as results arrive, into ``<file>.partial``; the
speakers table is built at the end and the file renamed into place, so a database at
the given path is always complete.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional, Union

from quotes.io.extras import require
from quotes.io.parquet import QUOTE_COLUMNS, quote_rows, quote_schema
from quotes.records import Result

PathLike = Union[str, os.PathLike]

_SQL_TYPES = {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "float64": "DOUBLE"}


class DatabaseWriter:
    def __init__(self, path: PathLike, batch_rows: int = 20_000):
        require("duckdb", "duckdb", "DuckDB output")
        require("pyarrow", "duckdb", "DuckDB output")
        import duckdb

        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._partial = self.path.with_name(self.path.name + ".partial")
        for p in (self._partial, Path(str(self._partial) + ".wal")):
            if p.exists():
                p.unlink()
        self.con = duckdb.connect(str(self._partial))
        self.con.execute(
            "CREATE TABLE documents (id VARCHAR, n_quotes INTEGER, error VARCHAR, chars BIGINT, position BIGINT)"
        )
        cols = ", ".join(f'"{n}" {_SQL_TYPES[t]}' for n, t in QUOTE_COLUMNS.items())
        self.con.execute(f"CREATE TABLE quotes ({cols})")
        self.batch_rows = batch_rows
        self._docs: list[dict[str, Any]] = []
        self._quotes: list[dict[str, Any]] = []
        self._closed = False

    def add(self, result: Result, position: int, chars: Optional[int]) -> None:
        self._docs.append(
            {
                "id": result.id,
                "n_quotes": len(result.quotes),
                "error": result.error,
                "chars": chars,
                "position": position,
            }
        )
        self._quotes.extend(quote_rows(result, position))
        if len(self._docs) + len(self._quotes) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._docs:
            docs = pa.Table.from_pylist(
                self._docs,
                schema=pa.schema(
                    [("id", pa.string()), ("n_quotes", pa.int32()), ("error", pa.string()),
                     ("chars", pa.int64()), ("position", pa.int64())]
                ),
            )
            self.con.register("_docs_batch", docs)
            self.con.execute("INSERT INTO documents SELECT * FROM _docs_batch")
            self.con.unregister("_docs_batch")
            self._docs = []
        if self._quotes:
            quotes = pa.Table.from_pylist(self._quotes, schema=quote_schema())
            self.con.register("_quotes_batch", quotes)
            self.con.execute("INSERT INTO quotes SELECT * FROM _quotes_batch")
            self.con.unregister("_quotes_batch")
            self._quotes = []

    def close(self) -> None:
        """Flush, build the speakers table, and move the file into place."""
        if self._closed:
            return
        self._flush()
        build_speakers_table(self.con)
        self.con.close()
        self._closed = True
        os.replace(self._partial, self.path)

    def abort(self) -> None:
        if not self._closed:
            self.con.close()
            self._closed = True

    def __enter__(self) -> "DatabaseWriter":
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def build_speakers_table(con) -> None:
    """(Re)create ``speakers`` from ``quotes``, merging name variants.

    Only the distinct names travel to Python (to :func:`merge_speaker_names`); the
    grouping itself runs in DuckDB, so this scales with the number of names, not quotes.
    """
    import pyarrow as pa

    from quotes.io.speaker_index import merge_speaker_names

    counts = dict(
        con.sql("SELECT speaker, count(*) FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker").fetchall()
    )
    mapping = merge_speaker_names(counts)
    names = pa.table(
        {"name": pa.array(list(mapping), pa.string()), "canonical": pa.array(list(mapping.values()), pa.string())}
    )
    con.register("_speaker_names", names)
    con.execute("DROP TABLE IF EXISTS speakers")
    con.execute(
        """
        CREATE TABLE speakers AS
        WITH q AS (
            SELECT n.canonical AS speaker, q.speaker_type, q.role, q.doc_id, q.doc_position
            FROM quotes q JOIN _speaker_names n ON q.speaker = n.name
        )
        SELECT speaker,
               mode(speaker_type) AS speaker_type,
               count(*) AS n_quotes,
               count(DISTINCT doc_position) AS n_documents,
               coalesce(list(DISTINCT role ORDER BY role) FILTER (WHERE role IS NOT NULL), []) AS roles,
               arg_min(doc_id, doc_position) AS first_doc,
               arg_max(doc_id, doc_position) AS last_doc
        FROM q
        GROUP BY speaker
        ORDER BY n_quotes DESC, speaker
        """
    )
    con.unregister("_speaker_names")
