"""The batch engine and the streaming readers it is fed by.

The engine tests use the tiny fake extractor in ``fakes.py`` (they are about ordering,
isolation and limits, not about extraction); ``test_extract_cli.py`` runs the real one.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import fakes  # noqa: E402

from quotes.batch.runner import BatchOptions, completed_records, iter_output_records, run_batch  # noqa: E402
from quotes.errors import BatchError, ReadError, ResumeError  # noqa: E402
from quotes.io.documents import read_documents  # noqa: E402
from quotes.records import Document, InputError  # noqa: E402

SENTENCES = [
    '"We are ready to work with Moscow," Zhang said on Tuesday.',
    'Talks will resume next week. "The door is open," Wang told reporters.',
    'The ministry gave no details.',
    '"Our position has not changed," Hua said. "We urge restraint," Hua said.',
]


def corpus(n: int) -> list[Document]:
    return [Document(f"doc-{i}", f"{SENTENCES[i % len(SENTENCES)]} Item {i}.") for i in range(n)]


def signature(outcomes) -> list[tuple]:
    return [(o.position, o.result.id, json.dumps(o.result.to_dict(), sort_keys=True)) for o in outcomes]


# --------------------------------------------------------------------------- readers


def test_jsonl_plain_and_gz_stream_the_same_documents(tmp_path):
    lines = [json.dumps({"id": d.id, "text": d.text, "source": "wire"}) for d in corpus(5)]
    plain = tmp_path / "docs.jsonl"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    packed = tmp_path / "docs.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    a = list(read_documents(plain))
    b = list(read_documents(packed))
    assert [(d.id, d.text) for d in a] == [(d.id, d.text) for d in b] == [(d.id, d.text) for d in corpus(5)]
    assert a[0].meta == {"source": "wire"}


def test_txt_folder_reads_sorted_files_with_ids_from_names(tmp_path):
    (tmp_path / "b.txt").write_text(SENTENCES[1], encoding="utf-8")
    (tmp_path / "a.txt").write_text(SENTENCES[0], encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    docs = list(read_documents(tmp_path))
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[1].text == SENTENCES[1]


def test_parquet_reader_streams_rows_and_reports_bad_ones(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "doc_key": ["p1", None, "p3", "p4"],
            "body": [SENTENCES[0], SENTENCES[1], None, SENTENCES[3]],
            "outlet": ["a", "b", "c", "d"],
        }
    )
    path = tmp_path / "docs.parquet"
    pq.write_table(table, path, row_group_size=2)
    docs = list(read_documents(path, id_field="doc_key", text_field="body"))
    assert [type(d).__name__ for d in docs] == ["Document", "InputError", "InputError", "Document"]
    assert docs[0].text == SENTENCES[0] and docs[0].meta == {"outlet": "a"}
    assert "row 2" in docs[1].message and "row 3" in docs[2].message and docs[2].id == "p3"
    with pytest.raises(ReadError, match="no column 'id'"):
        list(read_documents(path))


# --------------------------------------------------------------------------- engine


def test_workers_return_results_in_input_order_like_one_process():
    docs = corpus(60)
    items = list(enumerate(docs))
    inline = signature(run_batch(items, fakes.fast, BatchOptions(workers=0)))
    parallel = signature(run_batch(items, fakes.fast, BatchOptions(workers=2, batch_size=3)))
    assert parallel == inline
    assert [p for p, _, _ in parallel] == list(range(60))
    first = json.loads(inline[0][2])
    assert first["quotes"][0]["speaker"] == "Zhang"
    assert first["quotes"][0]["text"] == "We are ready to work with Moscow"


def test_read_ahead_is_bounded_by_the_window():
    pulled = []

    def source():
        for i, d in enumerate(corpus(200)):
            pulled.append(i)
            yield i, d

    options = BatchOptions(workers=2, batch_size=4, window=10)
    for n, outcome in enumerate(run_batch(source(), fakes.fast, options), start=1):
        assert len(pulled) - n < options.read_ahead
    assert n == 200


def test_failures_give_error_records_and_the_batch_goes_on():
    docs = corpus(12)
    docs[2] = Document("raises", "RAISE " + SENTENCES[0])
    docs[5] = Document("crashes", "CRASH " + SENTENCES[0])
    docs[8] = Document("too-long", "x" * 500)
    items = list(enumerate(docs)) + [(12, InputError("line-13", "malformed JSON", 13, "in.jsonl"))]
    out = list(run_batch(items, fakes.fast, BatchOptions(workers=2, batch_size=4, max_chars=400)))
    assert [o.result.id for o in out] == [d.id for d in docs] + ["line-13"]
    errors = {o.result.id: o.result.error for o in out if o.result.error}
    assert set(errors) == {"raises", "crashes", "too-long", "line-13"}
    assert "ValueError" in errors["raises"]
    assert "worker process died" in errors["crashes"]
    assert "500 characters" in errors["too-long"]
    assert "in.jsonl:line 13" in errors["line-13"]
    # the documents queued behind the crash in the same chunk were re-run, not lost
    clean = list(run_batch(enumerate(corpus(12)), fakes.fast, BatchOptions(workers=0)))
    for o, c in zip(out[:12], clean):
        if o.result.id not in errors:
            assert o.result.to_dict() == c.result.to_dict()


def test_timeout_stops_python_loops_and_blocked_workers():
    docs = [
        Document("hang", "HANG"),
        Document("ok-1", SENTENCES[0]),
        Document("blocked", "SLEEPHARD"),
        Document("ok-2", SENTENCES[1]),
    ]
    out = list(run_batch(enumerate(docs), fakes.fast, BatchOptions(workers=1, batch_size=4, timeout=0.5)))
    by_id = {o.result.id: o.result for o in out}
    assert "timed out after 0.5 s" in by_id["hang"].error  # the worker's own alarm
    assert "stopped after 0.5 s" in by_id["blocked"].error  # alarm held off: the parent kills the worker
    assert by_id["ok-1"].quotes and by_id["ok-2"].quotes


def test_an_extractor_that_cannot_load_stops_the_batch():
    with pytest.raises(BatchError, match="model files not found"):
        list(run_batch(enumerate(corpus(3)), fakes.broken, BatchOptions(workers=1)))


def test_input_errors_alone_never_start_a_worker():
    items = [(0, InputError("line-1", "malformed JSON", 1))]
    out = list(run_batch(items, fakes.broken, BatchOptions(workers=2)))
    assert out[0].result.error == "line 1: malformed JSON"


# --------------------------------------------------------------------------- resume


def test_completed_records_cuts_a_torn_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    whole = [json.dumps({"id": f"d{i}", "quotes": []}) + "\n" for i in range(3)]
    out.write_text("".join(whole) + '{"id": "d3", "quo', encoding="utf-8")
    assert completed_records(out) == 3
    assert out.read_text(encoding="utf-8") == "".join(whole)
    assert [r.id for r in iter_output_records(out, 2)] == ["d0", "d1"]


def test_completed_records_refuses_a_file_that_is_not_an_output(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "d0", "quotes": []}\nnot json\n{"id": "d2", "quotes": []}\n', encoding="utf-8")
    with pytest.raises(ResumeError, match="line 2"):
        completed_records(out)
