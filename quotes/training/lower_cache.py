"""The on-disk cache of the tagger's frozen layers.

The tagger trains its top layers on cached outputs of the frozen lower layers: those are
computed once per window and kept under ``OUT/cache``, so an epoch on a CPU is about
three times cheaper and a resumed run does not pay for them again. A cache is keyed by a
fingerprint of everything its windows depend on (files, limits, stride, base encoder).
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any, Optional

import torch

from quotes.learned.window_outputs import lower_states
from quotes.training.config import TrainConfig
from quotes.training.loop import log_stderr, progress_bar


def file_fingerprint(*parts: Any) -> str:
    """Short hash of files (path, size, modification time; folders recursively) and other values."""
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, (str, Path)) and Path(p).exists():
            path = Path(p)
            files = sorted(path.rglob("*")) if path.is_dir() else [path]
            for f in files:
                if f.is_file():
                    st = f.stat()
                    h.update(f"{f}:{st.st_size}:{int(st.st_mtime)}".encode())
        else:
            h.update(repr(p).encode())
    return h.hexdigest()[:16]


def load_cache(path: Path, fingerprint: str) -> Optional[list[Any]]:
    """The cached states at ``path`` when they were computed for ``fingerprint``, else None."""
    if not path.is_file():
        return None
    try:
        blob = torch.load(path, map_location="cpu", weights_only=False)
    except Exception:  # a cache cut short by a kill is simply recomputed
        return None
    if blob.get("fingerprint") != fingerprint:
        return None
    return blob["states"]


def lower_cache(model: Any, windows: list[Any], path: Optional[Path], fingerprint: str, cfg: TrainConfig,
                device: str, what: str) -> list[Any]:
    """The frozen layers' output of every window, read from ``path`` when it was computed
    for the same windows and base (``fingerprint``), else computed and written there."""
    if path is not None:
        cached = load_cache(path, fingerprint)
        if cached is not None and len(cached) == len(windows):
            log_stderr(f"{what}: frozen-layer cache read from {path}")
            return cached
    t0 = time.time()
    bar = progress_bar(len(windows), f"{what} frozen layers", cfg.progress)
    states = lower_states(model, windows, batch_size=32, device=device, progress=bar)
    bar.close()
    log_stderr(f"{what}: frozen layers of {len(windows)} windows in {time.time() - t0:.0f}s")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        torch.save({"fingerprint": fingerprint, "states": states}, tmp)
        os.replace(tmp, path)
    return states

