"""``quotes validate``: every kind of problem is found, named with its document and quote."""

from __future__ import annotations

import copy
import json

import pytest

from quotes.cli.app import main
from quotes.evaluation.validate import ERROR, WARNING, Problem, detect_kind, validate_records

DOC_ID = "000_7247b9e7ac936e0a"
TEXT = (
    "China Will Work With Russia on Policy Towards US, Says Ambassador to Moscow\n\n"
    "“We are ready to deepen cooperation in every field,” Zhang Hanhui told Interfax on Monday. "
    "Foreign Ministry spokeswoman Hua Chunying said Beijing would “deepen strategic mutual trust” with Moscow.\n"
)


def span(needle: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def quote(content: str, kind: str, cue: str, mention: str, speaker: str, role=None) -> dict:
    return {
        **span(content),
        "kind": kind,
        "cue": span(cue),
        "mention": span(mention),
        "speaker": speaker,
        "speaker_type": "person",
        "role": role,
    }


def gold_record() -> dict:
    return {
        "id": DOC_ID,
        "text": TEXT,
        "quotes": [
            quote(
                "China Will Work With Russia on Policy Towards US",
                "indirect",
                "Says",
                "Ambassador to Moscow",
                "Zhang Hanhui",
                "China's ambassador to Moscow",
            ),
            quote(
                "We are ready to deepen cooperation in every field", "direct", "told", "Zhang Hanhui", "Zhang Hanhui"
            ),
            quote(
                "Beijing would “deepen strategic mutual trust” with Moscow",
                "mixed",
                "said",
                "Foreign Ministry spokeswoman Hua Chunying",
                "Hua Chunying",
                "Foreign Ministry spokeswoman",
            ),
        ],
    }


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


def test_valid_gold_record_has_no_problems():
    assert validate_records([gold_record()]) == []
    as_output = gold_record()
    for q in as_output["quotes"]:
        q["confidence"] = 0.9
    assert detect_kind([as_output]) == "output"
    assert validate_records([as_output, {"id": "broken", "error": "text is empty"}]) == []


def test_schema_error_names_the_quote_and_field():
    rec = gold_record()
    rec["quotes"][1]["kind"] = "paraphrase"
    del rec["quotes"][2]["speaker_type"]
    problems = validate_records([rec], kind="gold")
    assert {(p.code, p.quote) for p in problems} == {("schema", 1), ("schema", 2)}
    assert f"{DOC_ID} quote 1: schema: 'paraphrase' is not one of" in str(problems[0]) + str(problems[1])
    assert any("'speaker_type' is a required property" in str(p) for p in problems)


def test_output_kind_needs_confidence_and_checks_error_lines():
    rec = gold_record()
    problems = validate_records([rec], kind="output")
    assert [p.quote for p in problems if p.code == "schema"] == [0, 1, 2]
    assert all("'confidence' is a required property" in p.message for p in problems)
    problems = validate_records([{"id": "x", "error": ""}], kind="output")
    assert only(problems, "schema").doc_id == "x"


def test_wrong_span_text_is_reported_with_both_texts():
    rec = gold_record()
    rec["quotes"][2]["cue"]["text"] = "says"
    p = only(validate_records([rec]), "text")
    s = rec["quotes"][2]["cue"]["start"]
    assert str(p) == f"{DOC_ID} quote 2: cue text 'says' != source text 'said' at [{s},{s + 4})"


def test_content_off_by_one_is_reported():
    rec = gold_record()
    rec["quotes"][1]["start"] += 1
    p = only(validate_records([rec]), "text")
    assert p.quote == 1 and p.message.startswith("content text 'We are ready")


def test_out_of_bounds_and_reversed_spans():
    rec = gold_record()
    rec["quotes"][0]["mention"] = {"start": len(TEXT) - 2, "end": len(TEXT) + 5, "text": "w.\n"}
    rec["quotes"][1]["cue"] = {"start": 30, "end": 20, "text": ""}
    problems = validate_records([rec])
    bounds = only(problems, "bounds")
    n = len(TEXT)
    assert str(bounds) == f"{DOC_ID} quote 0: mention span [{n - 2},{n + 5}) outside text of length {n}"
    order = only(problems, "order")
    assert str(order) == f"{DOC_ID} quote 1: cue start 30 > end 20"


def test_overlapping_contents_are_warnings():
    rec = gold_record()
    inner = copy.deepcopy(rec["quotes"][2])
    inner.update(span("deepen strategic mutual trust"))
    rec["quotes"].append(inner)
    p = only(validate_records([rec]), "overlap")
    assert p.severity == WARNING and p.quote == 3
    outer = rec["quotes"][2]
    assert str(p) == (
        f"{DOC_ID} quote 3: warning: content [{inner['start']},{inner['end']}) "
        f"overlaps quote 2 [{outer['start']},{outer['end']})"
    )


def test_missing_text_for_an_id():
    rec = gold_record()
    del rec["text"]
    p = only(validate_records([rec], texts={"another-doc": TEXT}), "missing-text")
    assert p.doc_id == DOC_ID and p.quote is None and p.severity == ERROR
    assert validate_records([rec], texts={DOC_ID: TEXT}) == []
    # a document with no quotes needs no text
    assert validate_records([{"id": "empty", "quotes": []}]) == []


def test_conflicting_texts_and_duplicate_ids():
    rec = gold_record()
    problems = validate_records([rec, copy.deepcopy(rec)], texts={DOC_ID: TEXT.replace("Monday", "Sunday")})
    assert [p.code for p in problems if p.code == "text-conflict"] == ["text-conflict", "text-conflict"]
    assert only(problems, "duplicate-id").doc_id == DOC_ID


# --------------------------------------------------------------------------- command line


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_cli_exit_codes_and_messages(tmp_path, capsys):
    good = write_jsonl(tmp_path / "good.jsonl", [gold_record()])
    assert main(["validate", str(good)]) == 0
    assert "valid (gold): 1 records, 3 quotes, 0 errors, 0 warnings" in capsys.readouterr().out

    rec = gold_record()
    rec["quotes"][1]["cue"]["text"] = "said"
    bad = write_jsonl(tmp_path / "bad.jsonl", [rec])
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{DOC_ID} quote 1: cue text 'said' != source text 'told'")
    assert out[-1].endswith("INVALID (gold): 1 records, 3 quotes, 1 errors, 0 warnings")

    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "quotes": []}\n{"id": \n', encoding="utf-8")
    assert main(["validate", str(broken)]) == 2
    assert "line 2: malformed JSON" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "absent.jsonl")]) == 2


def test_cli_texts_folder_json_file_and_strict(tmp_path, capsys):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{DOC_ID}.txt").write_text(TEXT, encoding="utf-8")
    rec = gold_record()
    del rec["text"]
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / f"{DOC_ID}.json").write_text(json.dumps(rec, indent=1), encoding="utf-8")
    assert main(["validate", str(gold_dir)]) == 1  # no text to check against
    assert f"{DOC_ID}: no source text" in capsys.readouterr().out
    assert main(["validate", str(gold_dir), "--texts", str(texts)]) == 0
    capsys.readouterr()

    inner = copy.deepcopy(rec["quotes"][2])
    inner.update(span("deepen strategic mutual trust"))
    rec["quotes"].append(inner)
    overlap = write_jsonl(tmp_path / "overlap.jsonl", [rec])
    assert main(["validate", str(overlap), "--texts", str(texts)]) == 0
    assert main(["validate", str(overlap), "--texts", str(texts), "--strict"]) == 1
    assert "warning: content" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["gold", "output"])
def test_cli_kind_option(tmp_path, kind):
    good = write_jsonl(tmp_path / "g.jsonl", [gold_record()])
    assert main(["validate", str(good), "--kind", kind]) == (0 if kind == "gold" else 1)
