"""Hugging Face datasets from gold: ``quotes export hf`` and :mod:`quotes.convert.hf`.

On the seeds' gold (texts from seeds/): typed features, rows equal after
``save_to_disk`` / ``load_from_disk``, rows back to the same quote records, split naming,
errors that name file and document, and the one-line message without ``datasets``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from quotes.cli.app import main
from quotes.convert.hf import (
    features,
    gold_dataset,
    gold_rows,
    gold_split,
    record_of,
    results_of,
    split_name,
)
from quotes.errors import DataError

# datasets comes with the neural extra; CI installs it, so there a missing one fails the tests
needs_datasets = pytest.mark.skipif(
    importlib.util.find_spec("datasets") is None and not os.environ.get("CI"),
    reason="datasets is not installed (pip install 'quotes[neural]')",
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "annotations"
FIELDS = ("start", "end", "text", "kind", "cue", "mention", "speaker", "speaker_type", "role")


def gold_seeds() -> dict[str, dict]:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    return {r["id"]: r for r in records}


def comparable(quotes: list[dict]) -> list[tuple]:
    return sorted(tuple(json.dumps(q.get(k), sort_keys=True, ensure_ascii=False) for k in FIELDS) for q in quotes)


@needs_datasets
def test_features_are_typed():
    f = features()
    quote = f["quotes"].feature
    assert quote["kind"].names == ["direct", "indirect", "mixed"]
    assert quote["speaker_type"].names == ["person", "organization", "group", "unknown"]
    assert all(quote[k].dtype == "int64" for k in ("start", "end", "cue_start", "cue_end", "mention_start", "mention_end"))
    assert quote["speaker"].dtype == "string" and quote["speech"].dtype == "bool"


@needs_datasets
def test_seed_gold_rows_go_back_to_the_same_quotes():
    ds = gold_dataset([GOLD], texts=SEEDS)
    assert list(ds) == ["annotations"]
    split = ds["annotations"]
    assert split.features == features() and split.num_rows == 5
    want = gold_seeds()
    for result in results_of(split):
        assert result.text == (SEEDS / f"{result.id}.txt").read_text(encoding="utf-8")
        assert comparable([q.to_dict() for q in result.quotes]) == comparable(want[result.id]["quotes"]), result.id
    # a quote with neither cue nor mention (the gold has one) is -1 offsets, and back to nulls
    row = next(r for r in split if r["id"] == "000_7247b9e7ac936e0a")
    floating = [q for q in row["quotes"] if q["cue_start"] == -1]
    assert floating and all(q["cue_end"] == q["mention_start"] == q["mention_end"] == -1 for q in floating)
    assert all(isinstance(q["kind"], int) for q in row["quotes"])
    assert record_of(row).result.quotes[0].kind == want[row["id"]]["quotes"][0]["kind"]


@needs_datasets
def test_cli_saves_a_dataset_dict_that_loads_back_equal(tmp_path, capsys):
    dev = tmp_path / "held-out.jsonl"
    # a second split: two seed documents with their text inside the records, and a speech flag
    lines = []
    for doc_id in ("001_1be7ee7d359c8642", "004_bbd98aaf2d756552"):
        record = gold_seeds()[doc_id]
        record["text"] = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
        record["quotes"][0]["speech"] = False
        lines.append(json.dumps(record, ensure_ascii=False))
    dev.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "hf"
    code = main(["export", "hf", str(dev), "--split", f"train={GOLD}", "--texts", str(SEEDS), "-o", str(out)])
    assert code == 0
    err = capsys.readouterr().err
    assert "held_out" in err and "train" in err  # progress bars and the summary name the splits
    import datasets

    loaded = datasets.load_from_disk(str(out))
    expected = gold_dataset({"train": GOLD, "held_out": dev}, texts=SEEDS)
    assert sorted(loaded) == ["held_out", "train"]
    for name in expected:
        assert loaded[name].features == features()
        assert loaded[name].to_list() == expected[name].to_list()
    first = loaded["held_out"][0]["quotes"]
    assert first[0]["speech"] is False and first[1]["speech"] is None
    assert record_of(loaded["held_out"][0]).to_dict()["quotes"][0]["speech"] is False


@needs_datasets
def test_split_names_from_files_and_their_clashes(tmp_path, capsys):
    assert split_name("gold/dev-2.jsonl.gz") == "dev_2" and split_name("data/annotations") == "annotations"
    assert split_name("Train.JSON") == "Train" and split_name("---.jsonl") == "gold"
    a, b = tmp_path / "a" / "dev.jsonl", tmp_path / "b" / "dev.json"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text('{"id": "x", "text": "Zhang said no.", "quotes": []}\n', encoding="utf-8")
    assert main(["export", "hf", str(a), str(b), "-o", str(tmp_path / "o"), "-q"]) == 2
    assert "both make the split 'dev'; name them with NAME=FILE" in capsys.readouterr().err
    assert main(["export", "hf", "--split", "bad name=" + str(a), "-o", str(tmp_path / "o"), "-q"]) == 2
    assert "'bad name' is not a split name" in capsys.readouterr().err
    assert main(["export", "hf", "--split", "dev=" + str(a), str(b), "-o", str(tmp_path / "o"), "-q"]) == 2
    assert "which --split names too" in capsys.readouterr().err


@needs_datasets
def test_gold_problems_name_file_and_document(tmp_path, capsys):
    assert main(["export", "hf", str(GOLD), "-o", str(tmp_path / "o"), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"quotes export: error: {GOLD / '000_7247b9e7ac936e0a.json'} record 1: gold document "
        "'000_7247b9e7ac936e0a' has no text (give the texts with --texts)"
    ]
    bad = tmp_path / "bad.jsonl"
    text = "“We are ready,” Zhang said."
    quote = {"start": 1, "end": 14, "text": "We are ready,", "kind": "quoted", "cue": None, "mention": None}
    bad.write_text(json.dumps({"id": "z1", "text": text, "quotes": [quote]}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.jsonl record 1: document 'z1': quote 0: kind 'quoted' is not one of"):
        gold_split(bad)
    quote |= {"kind": "direct", "end": 15}
    bad.write_text(json.dumps({"id": "z1", "text": text, "quotes": [quote]}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"quote 0: content text 'We are ready,' differs from the text at \[1, 15\)"):
        gold_split(bad)


@needs_datasets
def test_skip_and_limit_leave_out_documents():
    rows = list(gold_rows(GOLD, SEEDS, skip=1, limit=2))
    assert [r["id"] for r in rows] == ["001_1be7ee7d359c8642", "002_962dfee02244f49b"]


def test_without_datasets_the_command_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "datasets", None)
    assert main(["export", "hf", str(GOLD), "--texts", str(SEEDS), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'quotes[neural]'" in err[0]
    assert not (tmp_path / "o").exists()


@needs_datasets
def test_unreadable_gold_is_a_data_error_naming_the_file(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "text": "Zhang said no.", "quotes": []}\n{"id": "b", "quotes": [\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"broken\.jsonl: line 2: malformed JSON"):
        gold_split(broken)
    with pytest.raises(DataError, match=r"missing: no such file or folder"):
        gold_dataset([tmp_path / "missing"])
