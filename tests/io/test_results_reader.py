"""The one results reader: every layout gives the same results, every broken file one
ReadError naming the file and the line."""

from __future__ import annotations

import gzip
import json

import pytest

from quotes.cli.app import main
from quotes.errors import ReadError
from quotes.io.results import iter_result_dicts, iter_results, read_results
from quotes.records import Quote, Result, Span

TEXT = "“We are ready,” Zhang Hanhui told Interfax."
RESULTS = [
    Result("moscow-1", [Quote(1, 13, "We are ready", "direct", Span.of(TEXT, 29, 33), Span.of(TEXT, 16, 28),
                              speaker="Zhang Hanhui", speaker_type="person")]),
    Result("moscow-2", error="document too long"),
    Result("moscow-3", []),
]
RECORDS = [r.to_dict() for r in RESULTS]


def lines(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.mark.parametrize(
    "name, content",
    [
        ("out.jsonl", lines(RECORDS)),
        ("out.ndjson", "\ufeff" + lines(RECORDS).replace("\n", "\r\n") + "\n\n"),
        ("gold.json", json.dumps(RECORDS, indent=2)),
        ("out.txt", "  \n" + json.dumps(RECORDS)),
    ],
)
def test_every_layout_reads_the_same_results(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert read_results(path) == RESULTS
    assert list(iter_result_dicts(path)) == RECORDS


def test_gzip_and_a_folder_of_files_in_name_order(tmp_path):
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(lines(RECORDS[1:]))
    (tmp_path / "a.json").write_text(json.dumps(RECORDS[0]), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not results", encoding="utf-8")
    assert read_results(tmp_path) == RESULTS


def test_json_lines_stream_record_by_record(tmp_path):
    path = tmp_path / "out.jsonl.gz"
    path.write_bytes(gzip.compress(lines(RECORDS * 400).encode())[:-30])  # cut short near its end
    stream = iter_results(path)
    assert [next(stream) for _ in RESULTS] == RESULTS  # read before the end is reached
    with pytest.raises(ReadError, match=r"out\.jsonl\.gz: the compressed data ends early"):
        list(stream)
    path = tmp_path / "out.jsonl"
    path.write_text(lines(RECORDS) + '{"id": "moscow-4", "quotes": [\n', encoding="utf-8")
    with pytest.raises(ReadError, match=r"out\.jsonl: line 4: malformed JSON: Expecting value \(column 31\)"):
        read_results(path)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"id": "a"}\n[1]\n', r"line 2: expected a JSON object, got array"),
        ('{"id": "a", "quotes": [{"end": 4}]}\n', r"line 1: not a result record: missing key 'start'"),
        ('{"id": "a", "quotes": ["We are ready"]}\n', r"line 1: not a result record: a quote or span is not"),
        ('[{"id": "a"}, "b"]', r"item 2: expected a JSON object, got string"),
        ('[{"id": "a"},', r"malformed JSON at line 1: Expecting value"),
    ],
)
def test_a_broken_file_is_one_read_error_with_file_and_place(tmp_path, content, message):
    path = tmp_path / "pred.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError, match=r"pred\.jsonl: " + message):
        read_results(path)


def test_bad_utf8_is_located_in_the_file_and_a_cut_gzip_is_named(tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_bytes(b'{"id": "a"}\n{"id": "\xff"}\n')
    with pytest.raises(ReadError, match=r"invalid UTF-8 at byte 20 of the file \(byte 0xff\)"):
        read_results(path)
    cut = tmp_path / "pred.jsonl.gz"
    cut.write_bytes(gzip.compress(lines(RECORDS * 50).encode())[:-30])
    with pytest.raises(ReadError, match=r"pred\.jsonl\.gz: the compressed data ends early"):
        read_results(cut)
    with pytest.raises(ReadError, match="no such file or folder"):
        read_results(tmp_path / "missing.jsonl")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ReadError, match="folder holds no .json or .jsonl files"):
        read_results(empty)


def test_speakers_command_reports_a_broken_record_in_one_line(tmp_path, capsys):
    path = tmp_path / "results.jsonl"
    path.write_text(lines(RECORDS) + '{"id": "x", "quotes": [{"end": 4}]}\n', encoding="utf-8")
    assert main(["speakers", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"quotes speakers: error: {path}: line 4: not a result record: missing key 'start'\n"
