"""Confidence of a detected quote: the measured precision of the evidence pattern behind it.

Each rule names its pattern (``direct_after``, ``ccomp:speech``, ``floating``...) and the
kind of mention it found (a proper name, a pronoun, a description, none). The table
``quotes/data/confidence.json`` holds, per cue scheme (:mod:`quotes.attribution.cues`), for each pattern
and each pattern+mention pair, how often such a quote was right (its content overlaps a gold quote and its mention the gold
mention) on an annotated corpus; it is written by ``scripts/dev_polnear_rules.py
--calibrate``, never edited by hand. A confidence therefore means what it says: among
quotes given 0.8, about 80% were right where the table was measured.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Doc

DEFAULT_CONFIDENCE = 0.5
PRIOR_STRENGTH = 4.0  # pseudo-counts pulling sparse cells toward their parent's precision


def mention_kind(doc: Doc, mention: Optional[tuple[int, int]], head: Optional[int]) -> str:
    """``proper`` (a name), ``pronoun``, ``nominal`` (a description) or ``none``."""
    if mention is None:
        return "none"
    if head is not None and doc[head].pos_ == "PRON":
        return "pronoun"
    if any(doc[i].pos_ == "PROPN" for i in range(*mention)):
        return "proper"
    if mention[1] - mention[0] == 1 and doc[mention[0]].pos_ == "PRON":
        return "pronoun"
    return "nominal"


@lru_cache(maxsize=1)
def load_table() -> dict:
    try:
        raw = resources.files("quotes").joinpath("data/confidence.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return json.loads(raw)


def smoothed(tp: float, n: float, prior: float, strength: float = PRIOR_STRENGTH) -> float:
    """Precision with ``strength`` pseudo-counts at ``prior``: sparse cells stay near it."""
    return (tp + strength * prior) / (n + strength)


def confidence(pattern: str, mkind: str, scheme: str = "speech", table: Optional[dict] = None) -> float:
    """Look up the calibrated precision of ``pattern`` with a mention of kind ``mkind``
    in the table of cue ``scheme``."""
    table = (load_table() if table is None else table).get(scheme, {})
    cells = table.get("cells", {})
    base = table.get("overall", DEFAULT_CONFIDENCE)
    family = pattern.split(":", 1)[0]
    p = base
    for key in (family, pattern, f"{pattern}|{mkind}"):
        cell = cells.get(key)
        if cell:
            p = smoothed(cell["tp"], cell["n"], p)
    return round(min(max(p, 0.01), 0.99), 4)
