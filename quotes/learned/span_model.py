"""The span tagger's network: content, cue and source spans from a fine-tuned encoder.

The model is the base encoder with its lower layers frozen and its top
``n_trained_layers`` layers plus a token-classification head fine-tuned on BIO labels
(:data:`~quotes.learned.windows.LABELS`). Freezing the lower layers keeps training
affordable on a CPU (their output is computed once per window and cached) and keeps the
shipped model small: only the trained layers and the head are saved, in fp16, and the
rest is read from the installed base encoder at load time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from quotes.errors import ModelError
from quotes.learned.encoder import BASE_NAME, BASE_PACKAGE, base_fingerprint, load_base_model
from quotes.learned.model_files import CONFIG_FILE, read_config
from quotes.learned.windows import LABELS

FORMAT = "quotes-span-tagger"
FORMAT_VERSION = 1
WEIGHTS_FILE = "weights.safetensors"


@dataclass
class TaggerConfig:
    """What a saved tagger needs besides its weights: the recipe and the decoding settings."""

    n_trained_layers: int = 2
    max_length: int = 256
    stride: int = 192  # inference: a window every ``stride`` wordpieces (128 and 254 were no better on dev)
    dropout: float = 0.1
    # linking (characters): the largest gap between a content and its cue, a cue and its source
    max_cue_gap: int = 120
    max_source_gap: int = 80
    drop_uncued: bool = False  # drop contents that find no cue
    merge_gap_tokens: int = 0  # join two contents of the same stretch split by at most this many O tokens
    min_content_chars: int = 12  # shorter contents ("that", "it") were mostly errors on PolNeAR dev
    base: str = BASE_NAME
    base_package: str = BASE_PACKAGE
    base_fingerprint: str = ""
    training: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d.update(format=FORMAT, version=FORMAT_VERSION, labels=list(LABELS))
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TaggerConfig":
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def additive_mask(attention_mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """``[batch, 1, 1, seq]`` mask that adds a large negative number at padding positions."""
    m = attention_mask[:, None, None, :].to(dtype)
    return (1.0 - m) * torch.finfo(dtype).min


class SpanTagger(nn.Module):
    """Base encoder (lower layers frozen) + top layers fine-tuned + a BIO head."""

    def __init__(self, base: nn.Module, config: TaggerConfig):
        super().__init__()
        self.config = config
        self.base = base
        n_layers = base.config.num_hidden_layers
        if not 1 <= config.n_trained_layers <= n_layers:
            raise ValueError(f"n_trained_layers must be within 1..{n_layers}")
        self.n_frozen = n_layers - config.n_trained_layers
        self.dropout = nn.Dropout(config.dropout)
        self.head = nn.Linear(base.config.hidden_size, len(LABELS))
        for p in self.base.parameters():
            p.requires_grad_(False)
        for layer in self.top_layers:
            for p in layer.parameters():
                p.requires_grad_(True)

    @property
    def hidden_size(self) -> int:
        return int(self.base.config.hidden_size)

    @property
    def top_layers(self) -> Sequence[nn.Module]:
        return list(self.base.encoder.layer[self.n_frozen :])

    def train(self, mode: bool = True) -> "SpanTagger":
        super().train(mode)
        # the frozen part always runs as at inference (no dropout), so its cached output is exact
        self.base.embeddings.eval()
        for layer in self.base.encoder.layer[: self.n_frozen]:
            layer.eval()
        return self

    @torch.no_grad()
    def lower(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Hidden states after the frozen layers (cacheable: they never change)."""
        h = self.base.embeddings(input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids))
        mask = additive_mask(attention_mask, h.dtype)
        for layer in self.base.encoder.layer[: self.n_frozen]:
            h = _layer_out(layer(h, attention_mask=mask))
        return h

    def upper(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The trained layers and the head: ``(final hidden states, logits)``."""
        mask = additive_mask(attention_mask, hidden.dtype)
        h = hidden
        for layer in self.top_layers:
            h = _layer_out(layer(h, attention_mask=mask))
        return h, self.head(self.dropout(h))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.upper(self.lower(input_ids, attention_mask), attention_mask)

    # ------------------------------------------------------------------ saving

    def trained_state(self) -> dict[str, torch.Tensor]:
        """Only what differs from the base encoder: the trained layers and the head."""
        state = {}
        for k in range(self.n_frozen, self.base.config.num_hidden_layers):
            for name, t in self.base.encoder.layer[k].state_dict().items():
                state[f"encoder.layer.{k}.{name}"] = t
        for name, t in self.head.state_dict().items():
            state[f"head.{name}"] = t
        return state

    def load_trained_state(self, state: dict[str, torch.Tensor], where: str = "") -> None:
        expected = self.trained_state()
        missing = sorted(set(expected) - set(state))
        if missing:
            raise ModelError(f"{where}: weights lack {len(missing)} tensor(s), e.g. {missing[0]}")
        with torch.no_grad():
            for name, target in expected.items():
                src = state[name]
                if tuple(src.shape) != tuple(target.shape):
                    raise ModelError(f"{where}: tensor {name} has shape {tuple(src.shape)}, expected {tuple(target.shape)}")
                target.copy_(src.to(target.dtype))

    def save(self, folder: str | Path, dtype: torch.dtype = torch.float16) -> None:
        """Write ``config.json`` and ``weights.safetensors`` (trained tensors only) into ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        state = {k: v.detach().to("cpu", dtype).contiguous() for k, v in self.trained_state().items()}
        save_file(state, str(folder / WEIGHTS_FILE), metadata={"format": FORMAT})
        cfg = self.config.to_dict()
        cfg["base_fingerprint"] = self.config.base_fingerprint or base_fingerprint()
        (folder / CONFIG_FILE).write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_base(cls, config: Optional[TaggerConfig] = None) -> "SpanTagger":
        """A fresh tagger on the installed base encoder (head randomly initialised)."""
        config = config or TaggerConfig()
        config.base_fingerprint = base_fingerprint()
        return cls(load_base_model(), config)

    @classmethod
    def load(cls, folder: str | Path) -> "SpanTagger":
        """Load a saved tagger; a missing or corrupted folder raises :class:`ModelError` naming it."""
        folder = Path(folder)
        cfg = read_config(folder, FORMAT)
        weights = folder / WEIGHTS_FILE
        if not weights.is_file():
            raise ModelError(f"{weights}: no such file; {folder} is not a complete span tagger model")
        try:
            state = load_file(str(weights))
        except Exception as exc:  # safetensors raises its own error types
            raise ModelError(f"{weights}: cannot read the weights ({exc})") from None
        config = TaggerConfig.from_dict(cfg)
        model = cls(load_base_model(), config)
        if config.base_fingerprint and config.base_fingerprint != base_fingerprint():
            raise ModelError(
                f"{folder}: trained on a different base encoder than the installed {BASE_PACKAGE} "
                "(fingerprint mismatch)"
            )
        model.load_trained_state(state, str(weights))
        model.eval()
        return model


def weights_fingerprint(folder: str | Path) -> str:
    """Hash of a tagger's weights file: a ranker reads this tagger's hidden states, so it
    records which tagger it was trained with."""
    return hashlib.sha256((Path(folder) / WEIGHTS_FILE).read_bytes()).hexdigest()[:16]


def _layer_out(out: Any) -> torch.Tensor:
    return out[0] if isinstance(out, (tuple, list)) else out


def n_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)
