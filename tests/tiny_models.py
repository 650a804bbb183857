"""Tiny learned models for the tests of ``quotes.learned`` and ``quotes.training``.

Four hand-made news paragraphs with their gold quotes, and a tagger and ranker trained on
them for a few steps (the real base encoder, 32-wordpiece windows): small enough to train
in seconds on a CPU, trained enough that the models find quotes in these texts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quotes.text.quote_kind import content_kind
from quotes.training.config import TrainConfig

# (text, [(content, cue, mention), ...]): contents, cues and mentions given as substrings
DOCS = [
    (
        "Zhang Hanhui, China's ambassador to Moscow, said the two countries would deepen cooperation. "
        "“We are ready to work with Russia,” he told Interfax on Tuesday.",
        [
            ("the two countries would deepen cooperation", "said", "Zhang Hanhui, China's ambassador to Moscow"),
            ("“We are ready to work with Russia,”", "told", "he"),
        ],
    ),
    (
        "The ministry said in a statement that talks would resume next week. "
        "Spokeswoman Hua Chunying told reporters the visit was “a success for both sides.”",
        [
            ("talks would resume next week", "said", "The ministry"),
            ("the visit was “a success for both sides.”", "told", "Spokeswoman Hua Chunying"),
        ],
    ),
    (
        "“There is no question I am getting special scrutiny,” the Republican candidate told CBS on Sunday. "
        "Critics said his account of events had changed several times.",
        [
            ("“There is no question I am getting special scrutiny,”", "told", "the Republican candidate"),
            ("his account of events had changed several times", "said", "Critics"),
        ],
    ),
    (
        "Wang Yi said China will strive to get relations back on track, according to the foreign ministry. "
        "Officials in Washington said the meeting was useful.",
        [
            ("China will strive to get relations back on track", "said", "Wang Yi"),
            ("the meeting was useful", "said", "Officials in Washington"),
        ],
    ),
]


def _span(text: str, sub: str, after: int = 0) -> dict:
    i = text.index(sub, after)
    return {"start": i, "end": i + len(sub), "text": sub}


def gold_record(doc_id: str, text: str, quotes: list, with_text: bool = True) -> dict:
    """A gold record (docs/format.md) of ``text``; each cue is the first after its content (else the first in the text)."""
    out = []
    for content, cue, mention in quotes:
        c = _span(text, content)
        cue_at = text.find(cue, c["end"]) if text.find(cue, c["end"]) >= 0 else text.index(cue)
        out.append(
            {
                **c,
                "kind": content_kind(text, ((c["start"], c["end"]),)),
                "cue": {"start": cue_at, "end": cue_at + len(cue), "text": cue},
                "mention": _span(text, mention),
                "speaker": None,
                "speaker_type": "unknown",
                "role": None,
            }
        )
    rec = {"id": doc_id, "quotes": out}
    if with_text:
        rec["text"] = text
    return rec


def write_gold(path: Path) -> Path:
    """The four documents as a gold JSON Lines file (with their texts)."""
    with open(path, "w", encoding="utf-8") as fh:
        for k, (text, quotes) in enumerate(DOCS):
            fh.write(json.dumps(gold_record(f"doc{k}", text, quotes), ensure_ascii=False) + "\n")
    return path


def tiny_config(tmp: Path, out: str, **kw: Any) -> TrainConfig:
    """A tiny tagger run on the four documents (train and dev alike); ``kw`` overrides."""
    gold = write_gold(tmp / "gold.jsonl")
    base = dict(
        task="tagger", train=str(gold), dev=str(gold), out=str(tmp / out), epochs=3, lr=1e-3, head_lr=1e-2,
        batch_size=4, max_length=32, stride=16, checkpoint_every=1, progress=False, threads=1, seed=7,
    )
    base.update(kw)
    return TrainConfig(**base)


def train_tiny_models(tmp: Path) -> dict[str, Any]:
    """Train a tiny tagger (4 epochs) and a ranker on it (2 epochs) under ``tmp``; ``models``
    is a models folder holding both, as ``quotes extract --models`` reads it."""
    from quotes.training.train import train

    report = train(tiny_config(tmp, "tagger", epochs=4))
    ranker_report = train(
        tiny_config(tmp, "ranker", task="ranker", tagger=str(tmp / "tagger"), epochs=2, lr=1e-3, batch_size=4)
    )
    models = tmp / "models"
    models.mkdir()
    (models / "span-tagger").symlink_to(tmp / "tagger")
    (models / "speaker-ranker").symlink_to(tmp / "ranker")
    return {"tmp": tmp, "report": report, "ranker_report": ranker_report, "models": models}
