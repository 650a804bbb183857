"""The mode registry: ``auto`` (the default) runs the best shipped mode for the scheme."""

from __future__ import annotations

import json

import pytest

from quotes.cli.app import main
from quotes.extraction.modes import AUTO, MODES, load_extractor, resolve_mode


def test_auto_is_ranked_for_attribution_and_rules_for_speech():
    assert resolve_mode("auto", "attribution") == "ranked"
    assert resolve_mode("auto", "speech") == "rules"
    assert set(AUTO.values()) <= set(MODES)
    for mode in MODES:
        if mode != "auto":
            assert resolve_mode(mode, "attribution") == mode and resolve_mode(mode, "speech") == mode


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown mode 'best'"):
        load_extractor("best")


def test_the_default_mode_on_attribution_runs_the_span_ranker(tmp_path):
    pytest.importorskip("lightgbm")
    doc = tmp_path / "a.txt"
    doc.write_text("The senator believes the bill will pass. \"We have the votes,\" she told reporters.\n", encoding="utf-8")
    extractor = load_extractor(scheme="attribution")
    assert "span_ranker" in extractor.nlp.pipe_names
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(doc), "-o", str(out), "--scheme", "attribution", "--workers", "0", "--quiet"]) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    found = {(q["cue"]["text"] if q["cue"] else None, q["text"]) for q in record["quotes"]}
    assert any(cue == "told" and "We have the votes" in content for cue, content in found), found
    # a belief is an attribution relation in this scheme, and the ranker takes it
    assert any(cue == "believes" and "the bill will pass" in content for cue, content in found), found
