"""The span tagger over windows: batched forward passes, and their merge back into documents.

A document longer than one window is read through several overlapping windows; each
token's logits (and hidden state) are taken from the window where it is most central,
so it sees as much context as the windows give it on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np
import torch

from quotes.learned.span_model import SpanTagger
from quotes.learned.windows import LABELS, Encoding, Window, owners, pad_batch


@dataclass
class WindowOutput:
    """Per-window results without the special positions."""

    logits: np.ndarray  # [n_tokens, n_labels]
    hidden: Optional[np.ndarray] = None  # [n_tokens, hidden]


def run_windows(
    model: SpanTagger,
    windows: Sequence[Window],
    *,
    batch_size: int = 32,
    device: str = "cpu",
    lower_cache: Optional[Sequence[torch.Tensor]] = None,
    want_hidden: bool = False,
) -> list[WindowOutput]:
    """Logits (and final hidden states) of every window, batched by similar length.

    ``lower_cache[i]`` may hold window ``i``'s frozen-layer output (see
    :func:`lower_states`), which saves most of the compute when the same windows are
    read again (dev evaluation in every epoch).
    """
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
    out: list[Optional[WindowOutput]] = [None] * len(windows)
    model.eval()
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            batch = pad_batch([windows[i] for i in idx])
            mask = batch["attention_mask"].to(device)
            if lower_cache is not None:
                hidden = pad_hidden([lower_cache[i] for i in idx], mask.shape[1]).to(device)
            else:
                hidden = model.lower(batch["input_ids"].to(device), mask)
            h, logits = model.upper(hidden, mask)
            logits = logits.float().cpu().numpy()
            hs = h.float().cpu().numpy() if want_hidden else None
            for k, i in enumerate(idx):
                n = len(windows[i].input_ids)
                out[i] = WindowOutput(logits[k, 1 : n - 1], hs[k, 1 : n - 1] if hs is not None else None)
    return out  # type: ignore[return-value]


def lower_states(
    model: SpanTagger, windows: Sequence[Window], *, batch_size: int = 32, device: str = "cpu", progress: Any = None
) -> list[torch.Tensor]:
    """Frozen-layer output of every window, fp16 on the CPU (the training cache)."""
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
    out: list[Optional[torch.Tensor]] = [None] * len(windows)
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            batch = pad_batch([windows[i] for i in idx])
            h = model.lower(batch["input_ids"].to(device), batch["attention_mask"].to(device))
            for k, i in enumerate(idx):
                out[i] = h[k, : len(windows[i].input_ids)].to("cpu", torch.float16).clone()
            if progress is not None:
                progress.update(len(idx))
    return out  # type: ignore[return-value]


def pad_hidden(states: Sequence[torch.Tensor], width: int) -> torch.Tensor:
    """Stack cached states into ``[batch, width, hidden]`` float32, zero-padded."""
    hid = states[0].shape[-1]
    out = torch.zeros((len(states), width, hid), dtype=torch.float32)
    for k, s in enumerate(states):
        out[k, : s.shape[0]] = s.float()
    return out


def merge_windows(
    encodings: Sequence[Encoding], windows: Sequence[Window], outputs: Sequence[WindowOutput]
) -> list[tuple[np.ndarray, Optional[np.ndarray]]]:
    """Per document: (probabilities ``[n_tokens, n_labels]``, hidden states or None), each
    token taken from the window where it is most central."""
    by_doc: dict[int, list[int]] = {}
    for i, w in enumerate(windows):
        by_doc.setdefault(w.doc, []).append(i)
    merged = []
    for d, enc in enumerate(encodings):
        n = len(enc)
        idx = by_doc.get(d, [])
        if n == 0 or not idx:
            merged.append((np.zeros((0, len(LABELS)), dtype=np.float32), None))
            continue
        own = owners([(windows[i].start, windows[i].end) for i in idx], n)
        logits = np.zeros((n, len(LABELS)), dtype=np.float32)
        has_hidden = outputs[idx[0]].hidden is not None
        hidden = np.zeros((n, outputs[idx[0]].hidden.shape[1]), dtype=np.float32) if has_hidden else None
        for t in range(n):
            w = idx[own[t]]
            pos = t - windows[w].start
            logits[t] = outputs[w].logits[pos]
            if hidden is not None:
                hidden[t] = outputs[w].hidden[pos]
        merged.append((softmax(logits), hidden))
    return merged


def softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
