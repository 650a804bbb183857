"""Fine-tuning the shipped span ranker on a user's gold (``quotes train --task span-ranker
--init``), as scripts/finetune_loo.py does per fold: two seed articles, a few rounds; the result
keeps the shipped trees and adds new ones, counts the new gold's cue lemmas, and loads through
``--mode ranked --models DIR`` to find quotes in a third seed it never saw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("lightgbm")

from quotes.cli.app import main  # noqa: E402
from quotes.extraction.ranked import RANKER_DIR, default_model_dir, load_ranked_extractor  # noqa: E402
from quotes.learned.span_ranker import TABLES, SpanRanker  # noqa: E402
from quotes.records import Document  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ("002_962dfee02244f49b", "004_bbd98aaf2d756552")
HELD_OUT = "001_1be7ee7d359c8642"
ROUNDS = 5


@pytest.fixture(scope="module")
def finetuned(tmp_path_factory):
    """The shipped span ranker fine-tuned on two seeds through the CLI; the models folder."""
    tmp = tmp_path_factory.mktemp("finetune")
    gold = tmp / "gold"
    gold.mkdir()
    for stem in TRAIN:
        (gold / f"{stem}.json").symlink_to(ROOT / "data" / "annotations" / f"{stem}.json")
    models = tmp / "models"
    argv = ["train", "--task", "span-ranker", "--train", str(gold), "--dev", str(gold), "--texts", str(ROOT / "seeds"),
            "--init", "--out", str(models / RANKER_DIR), "--rounds", str(ROUNDS), "--leaves", "7", "--seed", "13",
            "--threads", "1", "--no-progress"]
    assert main(argv) == 0
    return models


def test_finetuning_continues_the_shipped_trees(finetuned):
    shipped = SpanRanker.load(default_model_dir())
    tuned = SpanRanker.load(finetuned / RANKER_DIR)
    grown = 0
    for table in TABLES:
        before, after = shipped.boosters[table].num_trees(), tuned.boosters[table].num_trees()
        # a booster whose rows are too few for LightGBM's min_data_in_leaf (20) adds no tree
        assert before <= after <= before + ROUNDS, table
        grown += after - before
    assert grown > 0, "fine-tuning added trees"
    # the new gold's cue lemmas are added to the shipped counts: "say" heads gold cues in both seeds
    assert tuned.prior["say"][0] > shipped.prior["say"][0]
    report = json.loads((finetuned / RANKER_DIR / "train_report.json").read_text(encoding="utf-8"))
    assert report["train_documents"] == len(TRAIN)


def test_finetuned_model_predicts_on_an_unseen_seed(finetuned):
    text = (ROOT / "seeds" / f"{HELD_OUT}.txt").read_text(encoding="utf-8")
    result = load_ranked_extractor(finetuned, scheme="speech").extract(Document(HELD_OUT, text))
    assert result.quotes, "the fine-tuned ranker finds quotes in the held-out seed"
    for q in result.quotes:
        assert text[q.start:q.end] == q.text
        assert 0.0 <= q.confidence <= 1.0
    # the held-out seed's gold quotes are mostly found (overlap), as the shipped model finds them
    gold = json.loads((ROOT / "data" / "annotations" / f"{HELD_OUT}.json").read_text(encoding="utf-8"))["quotes"]
    found = [g for g in gold if any(q.start < g["end"] and g["start"] < q.end for q in result.quotes)]
    assert len(found) >= len(gold) // 2
