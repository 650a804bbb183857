"""Label Studio both ways: ``quotes export labelstudio`` and ``quotes convert labelstudio``.

The round trips run on the seeds' gold and on the extractor's output for the seeds: tasks are
exported, their predictions accepted as annotations the way Label Studio exports them, and the
conversion must give back the same quotes. The bad-export tests edit such an export the way an
annotator or a hand edit breaks it, and check one message per problem while the rest converts.
A real server is exercised in test_labelstudio_server.py.
"""

from __future__ import annotations

import copy
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from quotes.cli.app import main
from quotes.convert.labelstudio_config import labelling_config
from quotes.convert.labelstudio_stream import iter_json_items
from quotes.evaluation.validate import validate_records
from quotes.io.documents import load_texts

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "annotations"
QUOTE_KEYS = ("start", "end", "text", "kind", "cue", "mention", "speaker", "speaker_type", "role")

NEWS = (
    "“We will not back down,” Mayor Ana Ruiz told reporters on Tuesday. "
    "The city council said the budget vote would be delayed until March."
)


def at(needle: str, text: str = NEWS) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def news_gold() -> dict:
    """A hand-made gold record of NEWS: a direct quote with a speaker and role, an indirect one."""
    def span(needle: str) -> dict:
        s, e = at(needle)
        return {"start": s, "end": e, "text": needle}

    q1 = {**span("We will not back down"), "kind": "direct", "cue": span("told"), "mention": span("Mayor Ana Ruiz"),
          "speaker": "Ana Ruiz", "speaker_type": "person", "role": "Mayor"}
    q2 = {**span("the budget vote would be delayed until March"), "kind": "indirect", "cue": span("said"),
          "mention": span("The city council"), "speaker": "city council", "speaker_type": "organization", "role": None}
    return {"id": "news-1", "text": NEWS, "quotes": [q1, q2]}


def run_cli(capsys, *args: str) -> tuple[int, str]:
    rc = main(list(args))
    return rc, capsys.readouterr().err


def export(tmp_path: Path, capsys, results: Path, *extra: str) -> tuple[int, list[dict], str]:
    out = tmp_path / "tasks.json"
    rc, err = run_cli(capsys, "export", "labelstudio", str(results), "-o", str(out), "-q", *extra)
    return rc, json.loads(out.read_text(encoding="utf-8")), err


def accepted(tasks: list[dict]) -> list[dict]:
    """The JSON export Label Studio gives once each task's prediction was submitted unchanged."""
    out = []
    for n, task in enumerate(tasks, start=1):
        annotations = []
        if task.get("predictions"):
            annotations.append({
                "id": n, "completed_by": 1, "was_cancelled": False, "ground_truth": False,
                "created_at": "2024-05-02T10:00:00.000000Z", "updated_at": "2024-05-02T10:00:00.000000Z",
                "result": copy.deepcopy(task["predictions"][0]["result"]),
            })
        out.append({"id": n, "data": task["data"], "annotations": annotations, "drafts": [], "predictions": [n]})
    return out


def convert(tmp_path: Path, capsys, tasks: list[dict]) -> tuple[int, list[dict], str]:
    src = tmp_path / "export.json"
    src.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    rc, err = run_cli(capsys, "convert", "labelstudio", str(src), "-o", str(out))
    return rc, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()], err


def comparable(quotes: list[dict]) -> list[dict]:
    return sorted(({k: q[k] for k in QUOTE_KEYS} for q in quotes), key=lambda q: (q["start"], q["end"]))


def problems(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("quotes convert labelstudio: ")]


# --------------------------------------------------------------------------- round trips


def test_gold_of_the_seeds_comes_back_unchanged(tmp_path, capsys):
    rc, tasks, _ = export(tmp_path, capsys, GOLD, "--texts", str(SEEDS))
    assert rc == 0 and len(tasks) == 5
    rc, gold, err = convert(tmp_path, capsys, accepted(tasks))
    assert rc == 0, err
    assert "converted 5 of 5 tasks" in err
    want = {}
    for path in sorted(GOLD.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        want[record["id"]] = record
    assert [g["id"] for g in gold] == sorted(want)
    texts = load_texts(SEEDS)
    for g in gold:
        assert g["text"] == texts[g["id"]]
        assert comparable(g["quotes"]) == comparable(want[g["id"]]["quotes"])
        notes = sorted((q["start"], q["note"]) for q in want[g["id"]]["quotes"] if "note" in q)
        assert sorted((q["start"], q["note"]) for q in g["quotes"] if "note" in q) == notes
    assert [p for p in validate_records(gold, {}, "gold") if p.severity == "error"] == []


def test_extraction_output_of_the_seeds_comes_back_unchanged(tmp_path, capsys, extractor):
    from quotes.records import Document

    texts = load_texts(SEEDS)
    results = tmp_path / "seeds.jsonl"
    records = [extractor.extract(Document(i, t)).to_dict() for i, t in sorted(texts.items())]
    results.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert sum(len(r["quotes"]) for r in records) > 20
    rc, tasks, _ = export(tmp_path, capsys, results, "--texts", str(SEEDS))
    assert rc == 0
    # the confidences are the regions' scores, their mean the prediction's
    first = tasks[0]["predictions"][0]
    scores = [r["score"] for r in first["result"] if r.get("value", {}).get("labels") == ["Content"]]
    assert scores == [q["confidence"] for q in records[0]["quotes"]]
    assert first["score"] == pytest.approx(sum(scores) / len(scores), abs=1e-4)
    rc, gold, err = convert(tmp_path, capsys, accepted(tasks))
    assert rc == 0, err
    assert {g["id"]: comparable(g["quotes"]) for g in gold} == {r["id"]: comparable(r["quotes"]) for r in records}


def test_shared_cue_and_mention_are_one_region_each(tmp_path, capsys):
    text = "“The river is rising,” she said. “Leave tonight.”"
    s, e = text.index("said"), text.index("said") + 4
    cue = {"start": s, "end": e, "text": "said"}
    she = {"start": text.index("she"), "end": text.index("she") + 3, "text": "she"}
    quotes = [
        {"start": 1, "end": 21, "text": text[1:21], "kind": "direct", "cue": cue, "mention": she,
         "speaker": None, "speaker_type": "person", "role": None},
        {"start": 34, "end": 48, "text": text[34:48], "kind": "direct", "cue": cue, "mention": she,
         "speaker": None, "speaker_type": "person", "role": None},
    ]
    src = tmp_path / "g.jsonl"
    src.write_text(json.dumps({"id": "flood", "text": text, "quotes": quotes}) + "\n", encoding="utf-8")
    rc, tasks, _ = export(tmp_path, capsys, src)
    result = tasks[0]["predictions"][0]["result"]
    labels = [r["value"]["labels"][0] for r in result if r["type"] == "labels"]
    assert sorted(labels) == ["Content", "Content", "Cue", "Source"]
    assert len([r for r in result if r["type"] == "relation"]) == 4
    rc, gold, err = convert(tmp_path, capsys, accepted(tasks))
    assert rc == 0 and comparable(gold[0]["quotes"]) == comparable(quotes)


# --------------------------------------------------------------------------- export


def test_config_declares_every_name_the_tasks_use(capsys):
    rc, _ = run_cli(capsys, "export", "labelstudio", "--config")
    assert rc == 0
    root = ET.fromstring(labelling_config())
    names = {el.get("name"): el for el in root.iter() if el.get("name")}
    assert {"label", "text", "kind", "speaker", "speaker_type", "role", "note"} <= set(names)
    assert [el.get("value") for el in names["label"]] == ["Content", "Cue", "Source"]
    assert all(names[n].get("perRegion") == "true" for n in ("kind", "speaker", "speaker_type", "role", "note"))
    assert [el.get("value") for el in names["kind"]] == ["direct", "indirect", "mixed"]
    assert {el.get("value") for el in root.iter("Relation")} == {"cue", "source"}


def test_config_with_results_is_a_usage_error(tmp_path, capsys):
    rc, err = run_cli(capsys, "export", "labelstudio", str(GOLD), "--config")
    assert rc == 2 and "--config" in err


def test_missing_text_and_bad_spans_are_reported_and_the_rest_exported(tmp_path, capsys):
    good = news_gold()
    bad_span = copy.deepcopy(good)
    bad_span["id"] = "news-2"
    bad_span["quotes"][0]["text"] = "We will back down"
    bad_span["quotes"][1]["cue"]["end"] = 10_000
    no_text = {"id": "news-3", "quotes": []}
    failed = {"id": "news-4", "error": "document timed out"}
    src = tmp_path / "results.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in (good, bad_span, no_text, failed)]
    src.write_text("\n".join(lines[:3] + ["{not json", lines[3]]) + "\n", encoding="utf-8")
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": "news-4", "text": NEWS}) + "\n", encoding="utf-8")
    rc, tasks, err = export(tmp_path, capsys, src, "--texts", str(texts))
    assert rc == 1
    said = [line for line in err.splitlines() if line.startswith("quotes export labelstudio: ")]
    assert len(said) == 4, err
    assert "line 2 (document news-2) quote 0: content text 'We will back down'" in said[0] and "quote left out" in said[0]
    assert "line 2 (document news-2) quote 1: cue [" in said[1] and "outside the text" in said[1]
    assert "line 3 (document news-3): no text" in said[2]
    assert "line 4: malformed JSON" in said[3]
    assert [t["data"]["doc_id"] for t in tasks] == ["news-1", "news-2", "news-4"]
    assert "predictions" not in tasks[2]  # the error record is there to annotate, with nothing predicted
    n_content = [sum(r["type"] == "labels" and r["value"]["labels"] == ["Content"] for r in t["predictions"][0]["result"])
                 for t in tasks[:2]]
    assert n_content == [2, 1]


def test_export_reads_stdin(tmp_path, capsys, monkeypatch):
    data = (json.dumps(news_gold(), ensure_ascii=False) + "\n").encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out = tmp_path / "t.json"
    assert main(["export", "labelstudio", "-", "-o", str(out), "-q"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["data"]["doc_id"] == "news-1"


# --------------------------------------------------------------------------- convert: choosing annotations


def test_latest_submitted_annotation_wins_and_unannotated_tasks_are_counted(tmp_path, capsys):
    src = tmp_path / "g.jsonl"
    src.write_text(json.dumps(news_gold(), ensure_ascii=False) + "\n", encoding="utf-8")
    _, tasks, _ = export(tmp_path, capsys, src)
    ls = accepted(tasks)
    base = ls[0]["annotations"][0]
    older = copy.deepcopy(base)
    newer = copy.deepcopy(base)
    skipped = copy.deepcopy(base)
    older.update(id=11, updated_at="2024-05-01T09:00:00.000000Z")
    newer.update(id=12, updated_at="2024-05-03T09:00:00.000000Z")
    skipped.update(id=13, updated_at="2024-05-04T09:00:00.000000Z", was_cancelled=True, result=[])
    for r in newer["result"]:
        if r.get("from_name") == "speaker" and r["id"] == "q0":
            r["value"]["text"] = ["Ana María Ruiz"]
    ls[0]["annotations"] = [older, newer, skipped]
    ls.append({"id": 2, "data": {"text": NEWS, "doc_id": "news-2"}, "annotations": [], "drafts": [{"result": []}]})
    ls.append({"id": 3, "data": {"text": NEWS, "doc_id": "news-3"}, "annotations": [skipped]})
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 0, err
    assert [g["id"] for g in gold] == ["news-1"]
    assert gold[0]["quotes"][0]["speaker"] == "Ana María Ruiz"
    assert "2 tasks without a submitted annotation left out (2, 3)" in err


# --------------------------------------------------------------------------- convert: bad exports


def news_export(tmp_path: Path, capsys) -> list[dict]:
    """Two tasks of NEWS whose predictions were accepted; the tests break the first."""
    second = news_gold()
    second["id"] = "news-2"
    src = tmp_path / "g.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (news_gold(), second)), encoding="utf-8")
    _, tasks, _ = export(tmp_path, capsys, src)
    return accepted(tasks)


def region(task: dict, rid: str) -> dict:
    return next(r for r in task["annotations"][0]["result"] if r.get("id") == rid and r["type"] == "labels")


def check_rest_converted(gold: list[dict]) -> None:
    assert gold[-1]["id"] == "news-2"
    assert comparable(gold[-1]["quotes"]) == comparable(news_gold()["quotes"])


def test_missing_text(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    del ls[0]["data"]["text"]
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 1
    assert problems(err) == ["quotes convert labelstudio: task 1 (document news-1): no text in data.text; skipped"]
    assert len(gold) == 1
    check_rest_converted(gold)


def test_out_of_range_region(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    region(ls[0], "q0")["value"].update(start=len(NEWS) - 3, end=len(NEWS) + 40)
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 1
    said = problems(err)
    assert "task 1 (document news-1) region q0: offsets" in said[0] and "out of range" in said[0]
    # its fields and relations then point at a region that is gone: one line each, nothing else lost
    assert all("q0" in line for line in said)
    assert [q["text"] for q in gold[0]["quotes"]] == ["the budget vote would be delayed until March"]
    check_rest_converted(gold)


def test_region_text_that_does_not_match_the_task_text(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    s, e = at("Mayor Ana Ruiz")
    value = region(ls[0], "s1")["value"]
    value.update(start=s + 1, end=e + 1)  # shifted by one, text kept
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 1
    said = problems(err)
    assert said[0] == (
        f"quotes convert labelstudio: task 1 (document news-1) region s1: region text 'Mayor Ana Ruiz' does not match "
        f"the task text at [{s + 1}, {e + 1}) ('ayor Ana Ruiz '); dropped"
    )
    assert "relation q0 -> s1 names region s1, which is not in the annotation" in said[1]
    assert len(said) == 2
    first = comparable(gold[0]["quotes"])[0]
    assert first["mention"] is None and first["speaker"] == "Ana Ruiz" and first["cue"]["text"] == "told"
    check_rest_converted(gold)


def test_overlapping_regions(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    result = ls[0]["annotations"][0]["result"]
    s, e = at("Ana Ruiz told reporters")
    result.append({"id": "x1", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": s, "end": e, "text": NEWS[s:e], "labels": ["Source"]}})
    s, e = at("Mayor Ana Ruiz")
    result.append({"id": "x2", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": s, "end": e, "text": NEWS[s:e], "labels": ["Source"]}})
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 1
    said = problems(err)
    assert len(said) == 2, err
    assert "region x2: the same Source span" in said[0] and "as region s1; merged into it" in said[0]
    assert "region x1: Source" in said[1] and "overlaps Source region s1" in said[1]
    assert comparable(gold[0]["quotes"]) == comparable(news_gold()["quotes"])
    check_rest_converted(gold)


def test_relation_to_a_deleted_region(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    result = ls[0]["annotations"][0]["result"]
    result.remove(region(ls[0], "c0"))  # the annotator deleted the cue "told"; its relation stayed
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 1
    assert problems(err) == [
        "quotes convert labelstudio: task 1 (document news-1): relation q0 -> c0 names region c0, "
        "which is not in the annotation; ignored"
    ]
    first = comparable(gold[0]["quotes"])[0]
    assert first["cue"] is None and first["mention"]["text"] == "Mayor Ana Ruiz"
    check_rest_converted(gold)


def test_unknown_label(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    region(ls[0], "c2")["value"]["labels"] = ["Verb"]
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 1
    said = problems(err)
    assert said[0] == (
        "quotes convert labelstudio: task 1 (document news-1) region c2: unknown label 'Verb' "
        "(expected Content, Cue or Source); dropped"
    )
    assert len(said) == 2 and "relation q1 -> c2 names region c2" in said[1]
    assert comparable(gold[0]["quotes"])[1]["cue"] is None
    check_rest_converted(gold)


def test_content_without_cue_or_source_is_fine(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    result = ls[0]["annotations"][0]["result"]
    ls[0]["annotations"][0]["result"] = [
        r for r in result if r["type"] != "relation" and not (r["type"] == "labels" and r["value"]["labels"] != ["Content"])
        and r.get("from_name") != "kind"
    ]
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 0, err
    quotes = comparable(gold[0]["quotes"])
    assert [(q["cue"], q["mention"]) for q in quotes] == [(None, None), (None, None)]
    assert [q["kind"] for q in quotes] == ["direct", "indirect"]  # no kind given: read from the quotation marks
    assert [q["speaker"] for q in quotes] == ["Ana Ruiz", "city council"]
    assert "2 contents without a kind got it from their quotation marks" in err
    assert [p for p in validate_records(gold, {}, "gold") if p.severity == "error"] == []


def test_fields_and_relations_that_do_not_fit(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    result = ls[0]["annotations"][0]["result"]
    result.append({"id": "c0", "from_name": "kind", "to_name": "text", "type": "choices", "value": {"choices": ["direct"]}})
    result.append({"id": "q0", "from_name": "speaker_type", "to_name": "text", "type": "choices",
                   "value": {"choices": ["robot"]}})
    result.append({"from_id": "c0", "to_id": "s1", "type": "relation", "labels": []})
    result.append({"from_id": "s3", "to_id": "q0", "type": "relation", "labels": ["source"]})
    rc, gold, err = convert(tmp_path, capsys, ls)
    assert rc == 1
    said = problems(err)
    assert len(said) == 4, err
    assert "region c0: kind is set on a Cue region" in said[0]
    assert "region q0: speaker_type ['robot'] is not one of person" in said[1]
    assert "relation c0 -> s1 links a Cue and a Source region" in said[2]
    assert "region q0: a second Source relation (to s3, already to s1); the first is kept" in said[3]
    assert comparable(gold[0]["quotes"]) == comparable(news_gold()["quotes"])


def test_unusable_exports_exit_2(tmp_path, capsys):
    src = tmp_path / "min.json"
    src.write_text(json.dumps({"text": NEWS, "label": []}), encoding="utf-8")
    rc, err = run_cli(capsys, "convert", "labelstudio", str(src), "-o", str(tmp_path / "o.jsonl"))
    assert rc == 2 and "not a Label Studio JSON export" in err
    rc, err = run_cli(capsys, "convert", "labelstudio", str(tmp_path / "absent.json"))
    assert rc == 2 and "absent.json" in err


def test_json_min_and_broken_tail_are_reported(tmp_path, capsys):
    ls = news_export(tmp_path, capsys)
    src = tmp_path / "export.json"
    body = json.dumps([ls[0], {"text": NEWS, "label": []}, ls[1]], ensure_ascii=False)
    src.write_text(body[:-30], encoding="utf-8")  # cut short inside the last task
    out = tmp_path / "gold.jsonl"
    rc, err = run_cli(capsys, "convert", "labelstudio", str(src), "-o", str(out))
    assert rc == 1
    said = problems(err)
    assert len(said) == 2
    assert "item at line 1: not a task of Label Studio's JSON export" in said[0] and "JSON-MIN" in said[0]
    assert "malformed JSON" in said[1]
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["news-1"]


# --------------------------------------------------------------------------- the incremental reader


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 1 << 16])
def test_incremental_reader_matches_json_loads(chunk):
    values = [{"id": 1, "n": 123456789012345, "f": -1.5e-07, "s": "“quoted” \\u00e9 \n", "l": [True, None, []]},
              {"id": 2, "data": {"text": NEWS}}, [], "tail", 42]
    as_array = json.dumps(values, indent=2, ensure_ascii=False)
    got = [(v, e) for _, v, e in iter_json_items(io.StringIO(as_array), chunk)]
    assert got == [(v, None) for v in values]
    lines = "\n".join(json.dumps(v) for v in values) + "\n"
    got = [(line, v) for line, v, _ in iter_json_items(io.StringIO(lines), chunk)]
    assert got == [(n, v) for n, v in enumerate(values, start=1)]


def test_incremental_reader_resumes_after_a_bad_json_line():
    text = '{"id": "a"}\n{"id": "b", oops}\n\n{"id": "c"}\n'
    got = list(iter_json_items(io.StringIO(text), 4))
    assert [(line, v) for line, v, e in got if e is None] == [(1, {"id": "a"}), (4, {"id": "c"})]
    assert [(line, e.split(":")[0]) for line, _, e in got if e is not None] == [(2, "malformed JSON")]
