"""Decoding the tagger's label probabilities into spans.

Decoding is Viterbi over the label probabilities with BIO constraints, so every span is
well formed (no ``I-`` without its ``B-``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from quotes.learned.windows import LABELS, Encoding


def _allowed() -> np.ndarray:
    """``allowed[i, j]``: label ``j`` may follow label ``i`` in BIO."""
    n = len(LABELS)
    ok = np.ones((n, n), dtype=bool)
    for j, lj in enumerate(LABELS):
        if lj.startswith("I-"):
            for i, li in enumerate(LABELS):
                ok[i, j] = li[2:] == lj[2:] and li != "O"
    return ok


ALLOWED = _allowed()
START_ALLOWED = np.array([not lab.startswith("I-") for lab in LABELS])


def viterbi(probs: np.ndarray) -> list[int]:
    """The most probable label sequence that is well-formed BIO."""
    n = probs.shape[0]
    if n == 0:
        return []
    logp = np.log(np.clip(probs, 1e-9, 1.0))
    trans = np.where(ALLOWED, 0.0, -np.inf)
    score = np.where(START_ALLOWED, logp[0], -np.inf)
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + trans  # [prev, cur]
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


@dataclass(frozen=True)
class TagSpan:
    """A decoded span: role (CONTENT, CUE, SOURCE), token range, character range, mean probability."""

    role: str
    tok_start: int
    tok_end: int
    start: int
    end: int
    score: float


def decode(enc: Encoding, probs: np.ndarray) -> list[TagSpan]:
    """Well-formed spans from per-token probabilities (Viterbi under BIO constraints)."""
    labels = viterbi(probs)
    spans: list[TagSpan] = []
    cur: Optional[list[int]] = None  # [role label index of B, start token]

    def close(end_tok: int) -> None:
        if cur is None:
            return
        b, s = cur
        role = LABELS[b][2:]
        conf = float(np.mean([probs[t, labels[t]] for t in range(s, end_tok)]))
        spans.append(TagSpan(role, s, end_tok, enc.starts[s], enc.ends[end_tok - 1], conf))

    for t, lab in enumerate(labels):
        name = LABELS[lab]
        if name.startswith("B-"):
            close(t)
            cur = [lab, t]
        elif name == "O":
            close(t)
            cur = None
    close(len(labels))
    return spans
