"""The figures of a score, each with the counts behind it: :class:`PRF`, :class:`Accuracy`,
:class:`Mean` and the confidence buckets of the reliability table.

They are frozen records built from counts, never from ratios, so document figures add up
to corpus figures exactly and ``metrics.json`` can show what every number is made of.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


def _ratio(num: float, den: float) -> Optional[float]:
    return num / den if den else None


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts.

    ``tp_pred`` counts predictions that are right and ``tp_gold`` gold items that are found;
    they are equal overall but differ per kind (a gold ``mixed`` may be found by a predicted
    ``direct``). Precision or recall whose denominator is zero is None (undefined). F1 is the
    harmonic mean when both are defined; when one is not, F1 is 0 if nothing was found (e.g.
    no prediction at all for gold items) and None otherwise (e.g. a per-kind row where gold
    quotes of the kind were found by predictions of another kind).
    """

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> Optional[float]:
        return _ratio(self.tp_pred, self.n_pred)

    @property
    def recall(self) -> Optional[float]:
        return _ratio(self.tp_gold, self.n_gold)

    @property
    def f1(self) -> Optional[float]:
        p, r = self.precision, self.recall
        if p is not None and r is not None:
            return 2 * p * r / (p + r) if p + r else 0.0
        if self.tp_pred == 0 and self.tp_gold == 0 and (self.n_pred or self.n_gold):
            return 0.0
        return None

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(
            self.tp_pred + other.tp_pred,
            self.n_pred + other.n_pred,
            self.tp_gold + other.tp_gold,
            self.n_gold + other.n_gold,
        )

    @classmethod
    def of(cls, tp: int, n_pred: int, n_gold: int) -> "PRF":
        return cls(tp, n_pred, tp, n_gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp_pred": self.tp_pred,
            "n_pred": self.n_pred,
            "tp_gold": self.tp_gold,
            "n_gold": self.n_gold,
        }


@dataclass(frozen=True)
class Accuracy:
    """Share of items that are right; None when there are no items."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> Optional[float]:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "correct": self.correct, "total": self.total}


@dataclass(frozen=True)
class Mean:
    """Mean of per-item scores (role token F1); None when there are no items."""

    total: float = 0.0
    count: int = 0

    @property
    def value(self) -> Optional[float]:
        return _ratio(self.total, self.count)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "count": self.count}


#: Confidence bucket edges of the reliability table; the last bucket includes 1.0.
RELIABILITY_EDGES = (0.0, 0.5, 0.7, 0.85, 1.0)


@dataclass(frozen=True)
class ReliabilityBucket:
    """Predicted quotes whose confidence is in ``[low, high)`` (``[low, 1.0]`` for the last)."""

    low: float
    high: float
    count: int = 0
    correct: int = 0

    @property
    def share_correct(self) -> Optional[float]:
        return _ratio(self.correct, self.count)

    @property
    def label(self) -> str:
        close = "]" if self.high >= 1.0 else ")"
        return f"[{self.low:.2f}, {self.high:.2f}{close}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "count": self.count,
            "correct": self.correct,
            "share_correct": self.share_correct,
        }

