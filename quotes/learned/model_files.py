"""Model folders on disk: a ``config.json`` that says what the folder holds, next to the weights.

The span tagger and the speaker ranker both write this layout; reading the config first
means a folder of the wrong kind, or one cut short, fails with a :class:`ModelError` that
names the path instead of an error from deep inside safetensors or torch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quotes.errors import ModelError

CONFIG_FILE = "config.json"


def read_config(folder: Path, fmt: str) -> dict[str, Any]:
    """A model folder's ``config.json``, checked for the expected format."""
    if not folder.is_dir():
        raise ModelError(f"{folder}: no such model folder")
    path = folder / CONFIG_FILE
    if not path.is_file():
        raise ModelError(f"{path}: no such file; {folder} is not a model folder")
    try:
        cfg = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(cfg, dict) or cfg.get("format") != fmt:
        raise ModelError(f"{path}: not a {fmt} model (format {cfg.get('format') if isinstance(cfg, dict) else None!r})")
    return cfg
