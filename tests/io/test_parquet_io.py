"""Parquet in and out: the quote table holds exactly the results written, and Parquet
documents read like JSON Lines documents."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotes.errors import ReadError
from quotes.io.documents import read_documents
from quotes.io.parquet import (
    QUOTE_COLUMNS,
    QuoteTableWriter,
    parquet_row_count,
    read_parquet_documents,
    read_quote_table,
)
from quotes.records import Document, InputError, Quote, Result, Span

MOSCOW = "“We are ready to work with Moscow,” Zhang Hanhui, China's ambassador, told Interfax."
BEIJING = "The ministry said cooperation would deepen. “The door is open,” Wang Yi said."


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def quote(text: str, content: str, **kw) -> Quote:
    s = span(text, content)
    return Quote(s.start, s.end, s.text, **kw)


RESULTS = [
    Result("moscow", [quote(MOSCOW, "We are ready to work with Moscow", kind="direct", cue=span(MOSCOW, "told"),
                            mention=span(MOSCOW, "Zhang Hanhui"), speaker="Zhang Hanhui", speaker_type="person",
                            role="China's ambassador", confidence=0.93)]),
    Result("broken", error="document longer than 2,000,000 characters"),
    Result("beijing", [
        quote(BEIJING, "cooperation would deepen", kind="indirect", cue=span(BEIJING, "said"),
              mention=span(BEIJING, "The ministry"), speaker="the ministry", speaker_type="organization"),
        quote(BEIJING, "The door is open", kind="direct", speaker="Wang Yi", speaker_type="person"),
    ]),
    Result("moscow", []),  # a repeated id: rows are told apart by doc_position
]


def rebuild(rows: list[dict]) -> dict[int, list[Quote]]:
    """Quotes back from quote-table rows, by document position."""
    out: dict[int, list[Quote]] = {}
    for r in sorted(rows, key=lambda r: (r["doc_position"], r["quote_index"])):
        cue = Span(r["cue_start"], r["cue_end"], r["cue_text"]) if r["cue_start"] is not None else None
        mention = Span(r["mention_start"], r["mention_end"], r["mention_text"]) if r["mention_start"] is not None else None
        out.setdefault(r["doc_position"], []).append(
            Quote(r["start"], r["end"], r["text"], r["kind"], cue, mention, r["speaker"], r["speaker_type"],
                  r["role"], r["confidence"])
        )
    return out


def test_quote_rows_read_back_equal_the_results(tmp_path):
    path = tmp_path / "out" / "quotes.parquet"
    with QuoteTableWriter(path, row_group_size=1) as writer:
        for pos, result in enumerate(RESULTS):
            writer.add(result, pos)
        assert not path.exists()  # only the partial file while the run goes on
    assert writer.count == 3 and not (tmp_path / "out" / "quotes.parquet.partial").exists()
    table = read_quote_table(path)
    assert table.column_names == list(QUOTE_COLUMNS)
    assert pq.ParquetFile(path).metadata.num_row_groups == 2  # one per document with quotes
    rows = table.to_pylist()
    assert [r["doc_id"] for r in rows] == ["moscow", "beijing", "beijing"]
    assert rebuild(rows) == {pos: r.quotes for pos, r in enumerate(RESULTS) if r.quotes}
    assert read_quote_table(path, columns=["speaker"]).column("speaker").to_pylist() == [
        "Zhang Hanhui", "the ministry", "Wang Yi"]


def test_an_aborted_table_leaves_only_the_partial_file(tmp_path):
    path = tmp_path / "quotes.parquet"
    with pytest.raises(KeyboardInterrupt):
        with QuoteTableWriter(path) as writer:
            writer.add(RESULTS[0], 0)
            raise KeyboardInterrupt
    assert not path.exists() and (tmp_path / "quotes.parquet.partial").exists()


def write_documents(path, **columns) -> None:
    pq.write_table(pa.table(columns), path)


def test_parquet_documents_keep_other_columns_as_meta(tmp_path):
    path = tmp_path / "docs.parquet"
    write_documents(path, id=["moscow", "beijing"], text=[MOSCOW, BEIJING], outlet=["Interfax", "Xinhua"])
    assert parquet_row_count(path) == 2
    docs = list(read_documents(path))  # dispatched on the suffix, like any input
    assert docs == [Document("moscow", MOSCOW, {"outlet": "Interfax"}), Document("beijing", BEIJING, {"outlet": "Xinhua"})]
    assert list(read_parquet_documents(path, batch_size=1)) == docs


def test_bad_rows_become_error_records_that_name_the_row(tmp_path):
    path = tmp_path / "docs.parquet"
    write_documents(path, doc=[7, None, 9], body=[MOSCOW, BEIJING, None])
    docs = list(read_documents(path, id_field="doc", text_field="body"))
    assert docs[0] == Document("7", MOSCOW, {})
    assert docs[1] == InputError("row-2", "row 2: null 'doc'", None, str(path))
    assert docs[2] == InputError("9", "row 3: 'body' must be a string, got null", None, str(path))


def test_a_missing_column_or_a_file_that_is_not_parquet_is_a_read_error(tmp_path):
    path = tmp_path / "docs.parquet"
    write_documents(path, id=["moscow"], body=[MOSCOW])
    with pytest.raises(ReadError, match=r"docs\.parquet: no column 'text' \(columns: id, body\)"):
        list(read_documents(path))
    fake = tmp_path / "fake.parquet"
    fake.write_text('{"id": "moscow", "text": "not parquet"}\n', encoding="utf-8")
    with pytest.raises(ReadError, match=r"fake\.parquet: not a readable Parquet file"):
        list(read_documents(fake))
