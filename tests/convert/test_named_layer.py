"""The named PolNeAR layer: reading it, joining it with converted documents, and its fixed split."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from quotes.convert.named_layer import apply_layer, named_results, read_layer
from quotes.errors import ReadError
from quotes.records import Quote, Result

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "data" / "annotations" / "polnear-named"
POLNEAR = Path(os.environ.get("POLNEAR_ROOT", ROOT.parent / "shared" / "datasets" / "polnear"))
LABELS = 2363  # relations labelled (docs: data/annotations/polnear-named/README.md)


def test_the_layer_has_a_tune_and_a_check_split_that_do_not_overlap():
    layer = read_layer(LAYER)
    tune, check = set(layer.ids("tune")), set(layer.ids("check"))
    assert len(tune) >= 20 and len(check) >= 10
    assert not tune & check
    assert tune | check == set(layer.ids())
    labels = [lab for labs in layer.labels.values() for lab in labs]
    assert len(labels) == LABELS
    assert {lab.speaker_type for lab in labels} <= {"person", "organization", "group", "unknown"}
    assert not any((lab.role or "").lower().startswith(("the ", "a ", "an ", "his ", "her ")) for lab in labels)
    for doc_id in layer.ids():
        record = json.loads((LAYER / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert record["split"] == ("tune" if doc_id in tune else "check")


@pytest.mark.skipif(not POLNEAR.exists(), reason="PolNeAR corpus not found beside the repository")
def test_each_draw_of_the_split_is_the_seeded_sample_the_readme_states():
    """The split was fixed by seeded draws over PolNeAR dev's sorted ids before labelling."""
    draws = json.loads((LAYER / "split.json").read_text(encoding="utf-8"))["draws"]
    rows = (POLNEAR / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]
    remaining = sorted(row.split("\t")[0] for row in rows if row.split("\t")[1] == "dev")
    for seed, draw in draws.items():
        n = len(draw["tune"]) + len(draw["check"])
        drawn = random.Random(int(seed)).sample(remaining, n) if seed.isdigit() else list(remaining)
        assert sorted(drawn[: len(draw["tune"])]) == draw["tune"] and sorted(drawn[len(draw["tune"]):]) == draw["check"]
        remaining = [doc_id for doc_id in remaining if doc_id not in drawn]


def test_the_layer_stores_labels_and_offsets_but_no_corpus_text():
    for path in LAYER.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        if path.name == "split.json":
            continue
        assert set(record) == {"id", "split", "quotes"}
        for q in record["quotes"]:
            assert set(q) == {"start", "end", "speech", "speaker", "speaker_type", "role"}


def _result() -> Result:
    text = "“We are ready,” Zhang said. He believes the talks will go well."
    return Result("a", [Quote(1, 14, text[1:14], kind="direct"), Quote(36, 62, text[36:62], kind="indirect")], text=text)


def test_labels_join_by_content_span_into_new_records(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "quotes": [
        {"start": 1, "end": 14, "speech": True, "speaker": "Zhang Hanhui", "speaker_type": "person",
         "role": "ambassador to Moscow"},
        {"start": 36, "end": 62, "speech": False, "speaker": "Zhang Hanhui", "speaker_type": "person", "role": None},
    ]}))
    layer = read_layer(tmp_path)
    original = _result()
    named = apply_layer(original, layer.labels["a"])
    assert [(q.speaker, q.role, q.speech) for q in named.quotes] == [
        ("Zhang Hanhui", "ambassador to Moscow", True), ("Zhang Hanhui", None, False)]
    assert original.quotes[0].speaker is None  # the converted record is not changed
    assert named.to_dict()["quotes"][1]["speech"] is False


def test_a_label_that_matches_no_converted_quote_is_an_error_naming_document_and_span(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "quotes": [
        {"start": 2, "end": 14, "speech": True, "speaker": None, "speaker_type": "unknown", "role": None}]}))
    with pytest.raises(ReadError, match=r"a: the named layer labels content \[2, 14\)"):
        apply_layer(_result(), read_layer(tmp_path).labels["a"])
    with pytest.raises(ReadError, match="not in the corpus"):
        list(named_results([Result("b", [])], read_layer(tmp_path)))


def test_a_split_that_names_a_document_without_labels_is_an_error(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "quotes": []}))
    (tmp_path / "split.json").write_text(json.dumps({"tune": ["a"], "check": ["b"]}))
    with pytest.raises(ReadError, match="1 document.s. of the split have no labels, e.g. b"):
        read_layer(tmp_path)


@pytest.mark.skipif(not POLNEAR.exists(), reason="PolNeAR corpus not found beside the repository")
def test_the_layer_matches_the_converted_polnear_dev_split(tmp_path):
    from quotes.cli.app import main

    out = tmp_path / "check.jsonl"
    assert main(["convert", "polnear", str(POLNEAR), "--split", "dev", "--named", str(LAYER),
                 "--subset", "check", "-o", str(out), "-q"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == read_layer(LAYER).ids("check")
    quotes = [q for r in records for q in r["quotes"]]
    assert all("speech" in q for q in quotes)
    assert any(q["speaker"] for q in quotes) and any(q["role"] for q in quotes)
