"""``train(cfg)``: the training run of ``cfg.task``, the span tagger or the speaker ranker.

The tasks live in :mod:`.tagger` and :mod:`.ranker`; both run the loop of :mod:`.loop`
(fixed seeds, resumable checkpoints, dev evaluation with the project's scorer after every
epoch, the best epoch saved, early stopping).
"""

from __future__ import annotations

from typing import Callable

from quotes.training.config import TASKS, TrainConfig, TrainReport
from quotes.training.loop import log_stderr
from quotes.training.ranker import train_ranker
from quotes.training.tagger import train_tagger


def train(cfg: TrainConfig, log: Callable[[str], None] = log_stderr) -> TrainReport:
    """Run the training of ``cfg.task``."""
    if cfg.task == "tagger":
        return train_tagger(cfg, log)
    if cfg.task == "ranker":
        return train_ranker(cfg, log)
    raise ValueError(f"unknown task {cfg.task!r}; choose one of {', '.join(TASKS)}")
