"""``quotes evaluate`` end to end: files in, table/JSON out, report files written."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from quotes.cli.app import main

REPO = Path(__file__).resolve().parents[2]

TEXT_A = (
    "“We will not accept R&D cuts <b>now</b>,” Hua Chunying told reporters. "
    "Hua said the ministry would respond within days."
)
TEXT_B = "Officials said the bridge would reopen in May. “It is safe,” the mayor said."


def span(text: str, sub: str, occurrence: int = 1) -> dict:
    i = -1
    for _ in range(occurrence):
        i = text.index(sub, i + 1)
    return {"start": i, "end": i + len(sub), "text": sub}


def quote(text, content, kind, cue, mention, speaker, confidence=None, cue_occurrence=1):
    d = span(text, content)
    d.update(
        kind=kind,
        cue=span(text, cue, cue_occurrence) if cue else None,
        mention=span(text, mention) if mention else None,
        speaker=speaker,
        speaker_type="person" if speaker else "unknown",
        role=None,
    )
    if confidence is not None:
        d["confidence"] = confidence
    return d


@pytest.fixture()
def corpus(tmp_path: Path) -> dict[str, Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text(TEXT_A, encoding="utf-8")
    gold = [
        {"id": "a", "quotes": [
            quote(TEXT_A, "We will not accept R&D cuts <b>now</b>,", "direct", "told", "Hua Chunying", "Hua Chunying"),
            quote(TEXT_A, "the ministry would respond within days", "indirect", "said", "Hua", "Hua Chunying"),
        ]},
        # b carries its own text, as converted corpora do
        {"id": "b", "text": TEXT_B, "quotes": [
            quote(TEXT_B, "the bridge would reopen in May", "indirect", "said", "Officials", None),
            quote(TEXT_B, "It is safe,", "direct", "said", "the mayor", None, cue_occurrence=2),
        ]},
    ]
    pred = [
        {"id": "a", "quotes": [
            quote(TEXT_A, "“We will not accept R&D cuts <b>now</b>,”", "direct", "told", "Hua Chunying",
                  "Ms. Hua Chunying", 0.9),
            quote(TEXT_A, "Chunying told reporters", "indirect", "told", "Hua", "Hua", 0.4),  # a false alarm
        ]},
        {"id": "b", "quotes": [
            quote(TEXT_B, "the bridge would reopen", "indirect", "said", "Officials", None, 0.75),
        ]},
    ]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in gold) + "\n",
                                         encoding="utf-8")
    (tmp_path / "pred.jsonl").write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in pred) + "\n",
                                         encoding="utf-8")
    return {"gold": tmp_path / "gold.jsonl", "pred": tmp_path / "pred.jsonl", "texts": texts, "tmp": tmp_path}


def test_evaluate_writes_every_report_file(corpus, capsys):
    out = corpus["tmp"] / "report"
    rc = main(["evaluate", "--gold", str(corpus["gold"]), "--pred", str(corpus["pred"]),
               "--texts", str(corpus["texts"]), "--report", str(out)])
    assert rc == 0
    table = capsys.readouterr().out
    assert "content overlap" in table and "end to end (speaker)" in table
    plotting = importlib.util.find_spec("matplotlib") is not None  # the chart needs the plot extra
    for name in ("metrics.json", "report.md", "report.html") + (("f1_by_kind.png",) if plotting else ()):
        assert (out / name).stat().st_size > 0
    if plotting:
        assert (out / "f1_by_kind.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    # gold 4, pred 3; overlap pairs: a/G1-P1, b/G1-P1 -> P 2/3, R 2/4; exact: a/G1 only
    assert metrics["detection"]["overlap"]["tp_gold"] == 2
    assert metrics["detection"]["exact"]["tp_gold"] == 1
    # both pairs right on the speaker ("Ms." dropped; null = null) -> e2e = overlap figures
    assert metrics["e2e"]["mode"] == "speaker" and metrics["e2e"]["tp_gold"] == 2

    page = (out / "report.html").read_text(encoding="utf-8")
    assert 'class="q-exact"' in page and 'class="q-overlap"' in page
    assert 'class="q-miss"' in page and 'class="q-fa"' in page
    assert 'class="cue"' in page and 'class="mention"' in page
    # the document text is escaped: its "<b>" never becomes markup
    assert "R&amp;D cuts &lt;b&gt;now&lt;/b&gt;" in page and "<b>now</b>" not in page
    assert "Misses (gold quotes not found): 2" in page
    assert "False alarms (predicted quotes not in the gold): 1" in page
    assert ("data:image/png;base64," in page) == plotting
    report_md = (out / "report.md").read_text(encoding="utf-8")
    assert "| confidence | count | right | share right |" in report_md
    assert "| [0.85, 1.00] | 1 | 1 | 1.000 |" in report_md


def test_evaluate_json_prints_metrics_only(corpus, capsys):
    rc = main(["evaluate", "--gold", str(corpus["gold"]), "--pred", str(corpus["pred"]), "--json",
               "--e2e", "mention"])
    assert rc == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["e2e"]["mode"] == "mention" and metrics["e2e"]["requested"] == "mention"
    assert metrics["quotes"] == {"gold": 4, "pred": 3}


def test_evaluate_speech_subset(corpus, capsys):
    rc = main(["evaluate", "--gold", str(corpus["gold"]), "--pred", str(corpus["pred"]), "--json",
               "--subset", "speech"])
    assert rc == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["subset"] == "speech"
    assert metrics["quotes"] == {"gold": 4, "pred": 3}  # every cue here is "told" or "said"


def test_evaluate_warns_about_documents_it_cannot_pair(corpus, capsys):
    pred = corpus["tmp"] / "partial.jsonl"
    pred.write_text(json.dumps({"id": "a", "error": "extraction failed"}) + "\n"
                    + json.dumps({"id": "zzz", "quotes": []}) + "\n", encoding="utf-8")
    rc = main(["evaluate", "--gold", str(corpus["gold"]), "--pred", str(pred), "--json"])
    assert rc == 0
    captured = capsys.readouterr()
    metrics = json.loads(captured.out)
    assert metrics["documents"]["error"] == ["a"] and metrics["documents"]["missing"] == ["b"]
    assert metrics["detection"]["overlap"]["recall"] == 0.0
    assert "zzz" in captured.err and "error record" in captured.err


def test_unreadable_input_exits_2(corpus, capsys):
    assert main(["evaluate", "--gold", str(corpus["tmp"] / "nope.jsonl"), "--pred", str(corpus["pred"])]) == 2
    bad = corpus["tmp"] / "bad.jsonl"
    bad.write_text('{"id": "a", "quotes": [\n', encoding="utf-8")
    assert main(["evaluate", "--gold", str(corpus["gold"]), "--pred", str(bad)]) == 2
    assert "malformed JSON" in capsys.readouterr().err


def test_project_gold_scores_one_against_itself(tmp_path, capsys):
    annotations = REPO / "data" / "annotations"
    if not any(annotations.glob("*.json")):
        pytest.skip("no gold annotations in data/annotations yet")
    out = tmp_path / "self"
    rc = main(["evaluate", "--gold", str(annotations), "--pred", str(annotations),
               "--texts", str(REPO / "seeds"), "--json", "--report", str(out)])
    assert rc == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["quotes"]["gold"] > 0
    figures = [metrics["e2e"]["f1"], metrics["speaker"]["strict"]["value"], metrics["mention"]["value"]]
    figures += [m[k] for m in (*metrics["detection"].values(), *metrics["span_sets"].values())
                for k in ("precision", "recall", "f1")]
    figures += [m[k] for per_kind in metrics["by_kind"].values() for m in per_kind.values()
                for k in ("precision", "recall", "f1")]
    if metrics["role_f1"]["value"] is not None:
        figures.append(metrics["role_f1"]["value"])
    assert [f for f in figures if f is not None] == [1.0] * sum(f is not None for f in figures)
    assert metrics["warnings"] == []


def test_records_without_offsets_are_unreadable_input(corpus, capsys):
    bad = corpus["tmp"] / "no_offsets.jsonl"
    bad.write_text(json.dumps({"id": "a", "quotes": [{"text": "We will", "kind": "direct"}]}) + "\n",
                   encoding="utf-8")
    assert main(["evaluate", "--gold", str(corpus["gold"]), "--pred", str(bad)]) == 2
    assert "missing key 'start'" in capsys.readouterr().err
