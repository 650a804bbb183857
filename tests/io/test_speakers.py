"""The speaker index: name variants merged into one speaker, in the CLI and in DuckDB."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from quotes.cli.app import main
from quotes.io.speaker_index import SpeakerIndex, merge_speaker_names, name_key, strip_titles
from quotes.records import Quote, Result


@pytest.mark.parametrize(
    "name, stripped",
    [
        ("Chinese Foreign Minister Wang Yi", "Wang Yi"),
        ("Mr. Wang", "Wang"),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
        ("White House press secretary Jen Psaki", "Jen Psaki"),
        ("Secretary of State Antony Blinken", "Antony Blinken"),
        # names of their own, not a title before a name
        ("Prime Minister's Office", "Prime Minister's Office"),
        ("Ministry of Foreign Affairs", "Ministry of Foreign Affairs"),
        ("the President", "the President"),
    ],
)
def test_strip_titles(name, stripped):
    assert strip_titles(name) == stripped


def test_name_key_folds_case_titles_and_articles():
    assert name_key("Foreign Minister Wang Yi") == name_key("wang yi") == "wang yi"
    assert name_key("the Kremlin") == name_key("Kremlin") == "kremlin"


def test_variants_merge_into_one_speaker():
    mapping = merge_speaker_names({"wang yi": 4, "Wang Yi": 2, "Foreign Minister Wang Yi": 1, "Wang": 3})
    assert set(mapping.values()) == {"Wang Yi"}


def test_a_short_name_shared_by_two_speakers_stays_apart():
    mapping = merge_speaker_names({"Wang Yi": 2, "Wang Wenbin": 2, "Wang": 1, "Lavrov": 1, "Sergey Lavrov": 1})
    assert mapping["Wang"] == "Wang"
    assert mapping["Lavrov"] == "Sergey Lavrov"  # last token of a unique full name
    assert mapping["Wang Yi"] != mapping["Wang Wenbin"]


def quote(text: str, speaker: str, role: str = None, kind: str = "direct") -> Quote:
    return Quote(0, len(text), text, kind, speaker=speaker, speaker_type="person", role=role)


RESULTS = [
    Result("beijing-1", [
        quote("China is ready to deepen strategic mutual trust with Russia", "Wang Yi", "Foreign Minister"),
        quote("The door to dialogue remains open", "Wang"),
        quote("We oppose unilateral sanctions", "Wang Wenbin", "spokesman"),
    ]),
    Result("moscow-2", [
        quote("Relations have reached new frontiers", "Vladimir Putin", "Russian President"),
        quote("Our positions are close", "Foreign Minister Wang Yi", "Chinese Foreign Minister"),
    ]),
    Result("broken-3", error="extraction failed"),
    Result("beijing-4", [quote("We will work together", "wang yi"), quote("A floating remark", None)]),
]


def test_index_counts_quotes_documents_and_roles_across_documents():
    index = SpeakerIndex()
    for pos, r in enumerate(RESULTS):
        index.add(r, (0, pos))
    entries = {e.speaker: e for e in index.entries()}
    # "Wang" is ambiguous here (Wang Yi and Wang Wenbin): it stays its own entry
    assert set(entries) == {"Wang Yi", "Wang", "Wang Wenbin", "Vladimir Putin"}
    wang = entries["Wang Yi"]
    assert (wang.n_quotes, wang.n_documents, wang.first_doc, wang.last_doc) == (3, 3, "beijing-1", "beijing-4")
    assert set(wang.roles) == {"Foreign Minister", "Chinese Foreign Minister"}
    assert sorted(wang.variants) == ["Foreign Minister Wang Yi", "Wang Yi", "wang yi"]
    assert index.entries()[0].speaker == "Wang Yi"
    assert index.n_unattributed == 1 and index.n_documents == 4


def test_speakers_command_prints_and_exports(tmp_path, capsys):
    import pyarrow.parquet as pq

    src = tmp_path / "results.jsonl"
    src.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in RESULTS), encoding="utf-8")
    csv_path, pq_path = tmp_path / "speakers.csv", tmp_path / "speakers.parquet"
    assert main(["speakers", str(src), "--csv", str(csv_path), "--parquet", str(pq_path), "--top", "2"]) == 0
    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    assert lines[0].split()[:4] == ["speaker", "type", "quotes", "docs"]
    assert len(lines) == 4 and lines[2].startswith("Wang Yi ")
    assert "4 speakers, 7 quotes in 4 documents (1 with no named speaker)" in printed.err
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert len(rows) == 4 and rows[0]["speaker"] == "Wang Yi" and rows[0]["n_quotes"] == "3"
    table = pq.read_table(pq_path).to_pylist()
    assert table[0]["variants"] == ["Foreign Minister Wang Yi", "Wang Yi", "wang yi"]
    assert main(["speakers", str(tmp_path / "missing.jsonl")]) == 2


def test_duckdb_speakers_table_uses_the_same_merge(tmp_path):
    import duckdb

    from quotes.io.database import DatabaseWriter

    path = tmp_path / "q.duckdb"
    with DatabaseWriter(path) as db:
        for pos, r in enumerate(RESULTS):
            db.add(r, pos, chars=100)
    index = SpeakerIndex()
    for pos, r in enumerate(RESULTS):
        index.add(r, (0, pos))
    expected = {(e.speaker, e.n_quotes, e.n_documents, e.first_doc, e.last_doc) for e in index.entries()}
    con = duckdb.connect(str(path), read_only=True)
    got = set(con.sql("SELECT speaker, n_quotes, n_documents, first_doc, last_doc FROM speakers").fetchall())
    assert got == expected
    roles = con.sql("SELECT roles FROM speakers WHERE speaker = 'Wang Yi'").fetchall()[0][0]
    assert roles == ["Chinese Foreign Minister", "Foreign Minister"]
    con.close()
    assert not Path(str(path) + ".partial").exists()
