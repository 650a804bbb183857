"""Training the span ranker for a few rounds on the seed articles: the loss falls, the dev
figures are the scorer's, and a saved model predicts exactly what the trained one did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("lightgbm")

from quotes.training.span_ranker import SpanRankerConfig, train_span_ranker  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("span-ranker")
    cfg = SpanRankerConfig(
        train=str(ROOT / "data" / "annotations"), dev=str(ROOT / "data" / "annotations"), texts=str(ROOT / "seeds"),
        out=str(out / "model"), cache=str(out / "cache"), rounds=40, patience=40, min_data_in_leaf=3,
        num_leaves=7, folds=1, max_docs=4, max_dev_docs=2, progress=False,
    )
    lines: list[str] = []
    report = train_span_ranker(cfg, lines.append)
    return cfg, report, lines


def test_training_loss_falls_and_dev_is_scored(trained):
    cfg, report, lines = trained
    for table in ("cue", "content", "source", "cue_span"):
        history = report["history"][table]
        assert history, table
        assert history[-1]["train_loss"] < history[0]["train_loss"], table
    cue = report["history"]["cue"]
    assert min(h["dev_loss"] for h in cue) < cue[0]["dev_loss"]
    dev = report["dev"]
    assert 0.0 < dev["content_exact_f1"] <= 1.0 and 0.0 < dev["e2e_f1"] <= 1.0
    assert report["threshold"] in [f["threshold"] for f in report["thresholds"]]
    assert any("round" in line or "rows" in line for line in lines)
    saved = json.loads((Path(cfg.out) / "train_report.json").read_text(encoding="utf-8"))
    assert saved["threshold"] == report["threshold"]


def test_save_load_predict_round_trip(trained, tmp_path):
    from quotes.extraction.pipeline import build_nlp
    from quotes.learned.span_ranker import SpanRanker
    from quotes.text.layout import Layout

    cfg, _, _ = trained
    model = SpanRanker.load(cfg.out)
    model.save(tmp_path / "again")
    again = SpanRanker.load(tmp_path / "again")
    nlp = build_nlp(scheme="attribution")
    text = (ROOT / "seeds" / "004_bbd98aaf2d756552.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    rules = list(doc._.quote_candidates)
    nouns = nlp.get_pipe("quote_detector").lexicon.statement_nouns
    first = model.predict(doc, Layout(doc), rules, nouns)
    second = again.predict(doc, Layout(doc), rules, nouns)
    assert first, "the trained model keeps some attributions of a seed article"
    assert [a.quote for a in first] == [a.quote for a in second]
    assert all(0.0 <= a.quote.confidence <= 1.0 for a in first)
