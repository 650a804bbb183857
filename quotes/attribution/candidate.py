"""The detector's working record: a quote found by one rule, before it becomes a Quote.

Rules (:mod:`quotes.attribution.direct`, :mod:`quotes.attribution.indirect` and the other rule
modules) each yield candidates; the detector (:mod:`quotes.attribution.detect`) settles overlaps
between them and turns the survivors into :class:`~quotes.attribution.detect.Attribution`
records. Keeping spans as token ranges until the end lets the rules compare them cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

TokRange = tuple[int, int]  # [start, end) token indices


@dataclass
class Candidate:
    """One detected quote with the evidence that attributed it.

    ``content`` is a character span (direct quotes keep the exact inside of their marks);
    ``cue`` and ``mention`` are token ranges. ``pattern`` names the rule that fired and
    keys the confidence table; ``parent`` is the earlier candidate a continuation or a
    floating quote takes its speaker from.
    """

    content: tuple[int, int]
    cue: Optional[TokRange]
    mention: Optional[TokRange]
    pattern: str
    cue_class: Optional[str] = None
    mention_head: Optional[int] = None
    parent: Optional["Candidate"] = None
    quoted: list[int] = field(default_factory=list)  # indices of the quoted spans it holds
    cue_head: Optional[int] = None  # the cue's main token (a verb, ':' or a dash)

    @property
    def start(self) -> int:
        return self.content[0]

    @property
    def end(self) -> int:
        return self.content[1]


def char_range(doc: Doc, rng: TokRange) -> tuple[int, int]:
    """Characters covered by the token range ``[i, j)``."""
    i, j = rng
    last = doc[j - 1]
    return doc[i].idx, last.idx + len(last.text)


PUNCT_EDGE = frozenset(",.;:—–-―…") | frozenset({"--", "..."})


def trim(doc: Doc, i: int, j: int, *, keep_marks: bool = True) -> TokRange:
    """Drop whitespace and edge punctuation from the token range ``[i, j)``.

    Quotation marks stay when ``keep_marks`` (a mixed quote may end on its closing mark),
    otherwise they are dropped too.
    """
    while i < j:
        t = doc[i]
        if t.is_space or t.text in PUNCT_EDGE or (not keep_marks and t.is_quote):
            i += 1
        else:
            break
    while j > i:
        t = doc[j - 1]
        if t.is_space or t.text in PUNCT_EDGE or (not keep_marks and t.is_quote):
            j -= 1
        else:
            break
    return i, j
