"""What a training run depends on (:class:`TrainConfig`) and what it did (:class:`TrainReport`).

Both are written next to the model (``OUT/train_config.json``, ``OUT/train_report.json``)
so a model folder says how it was made. This module imports no torch: the command line
builds its configs before any model code is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

TASKS = ("tagger", "ranker")


@dataclass
class TrainConfig:
    """Everything a run depends on; written to ``OUT/train_config.json``."""

    task: str
    train: str
    dev: str
    out: str
    init: Optional[str] = None
    texts: Optional[str] = None
    epochs: int = 3
    lr: float = 1e-4
    head_lr: float = 1e-3
    batch_size: int = 16
    max_steps: Optional[int] = None
    seed: int = 13
    resume: bool = False
    device: str = "auto"
    patience: int = 2
    checkpoint_every: int = 200
    max_length: int = 256
    stride: int = 192
    train_stride: Optional[int] = None  # windows for training; default: no overlap
    n_trained_layers: int = 2
    max_docs: Optional[int] = None
    skip_docs: int = 0  # leave out the first N training documents (e.g. those another model trained on)
    max_dev_docs: Optional[int] = None
    tagger: Optional[str] = None  # ranker: the tagger whose hidden states it reads
    threads: Optional[int] = None
    warmup: float = 0.06
    progress: bool = True


@dataclass
class TrainReport:
    """What a run did: per-epoch dev figures, the best one, the time it took."""

    out: str
    best_epoch: Optional[int]
    best_score: Optional[float]
    history: list[dict[str, Any]]
    steps: int
    seconds: float
    stopped_early: bool = False

