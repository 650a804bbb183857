"""Checkpoints of a training run, and the random state that makes resuming exact.

A checkpoint holds the weights, the optimizer and schedule, the loop's position and the
Python, NumPy and torch random states, so a run killed mid-epoch continues at the same
batch and reaches the same model as a run that was never interrupted.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any, Optional

import numpy as np
import torch

CHECKPOINT_DIR = "checkpoint"
CHECKPOINT_FILE = "state.pt"


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


def save_checkpoint(out: Path, state: dict[str, Any]) -> None:
    """Write atomically so a kill during the write leaves the previous checkpoint intact."""
    folder = out / CHECKPOINT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (CHECKPOINT_FILE + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, folder / CHECKPOINT_FILE)


def load_checkpoint(out: Path) -> Optional[dict[str, Any]]:
    path = out / CHECKPOINT_DIR / CHECKPOINT_FILE
    if not path.is_file():
        return None
    return torch.load(path, map_location="cpu", weights_only=False)


def rng_state() -> dict[str, Any]:
    return {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}


def set_rng_state(s: dict[str, Any]) -> None:
    random.setstate(s["python"])
    np.random.set_state(s["numpy"])
    torch.set_rng_state(s["torch"])
