"""Span normalization and the one-to-one pairing of gold and predicted quotes.

Offsets are the authority of the contract (docs/format.md section 4): every content, cue and
mention span is first trimmed of the marks and punctuation annotators disagree on
(:func:`normalize_span`), then gold and predicted contents are paired one to one, largest
overlap first (:func:`pair_spans`). Every figure of the scorer is computed on what these
two rules return.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from quotes.records import Quote, Span, covered_text

#: Every quotation mark the normalization strips: straight, curly, low-9, guillemets, backtick.
QUOTE_MARKS = frozenset("\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a\u201f\u201b")
#: Punctuation stripped at the edges of a span, so ``said,`` and ``said`` compare equal.
EDGE_PUNCTUATION = frozenset(",.;:")

Offsets = tuple[int, int]


def _strippable(ch: str) -> bool:
    return ch.isspace() or ch in QUOTE_MARKS or ch in EDGE_PUNCTUATION


def normalize_span(start: int, end: int, covered: str) -> Offsets:
    """Return the normalized ``[start, end)`` of a span, inside the original offsets.

    ``covered`` is the text the span covers (``text[start:end]``). Whitespace, quotation marks
    (``" ' ` “ ” ‘ ’ « » „ ‚ ‹ › ‟ ‛``) and ``, . ; :`` are stripped from both ends until
    none is left; a single pass reaches that fixed point because every character is tested
    against the same set. Two rules keep every span comparable:

    * when ``covered`` does not have the span's length (a record without its ``text``), the
      span is returned unchanged, since there is nothing to strip against;
    * a span made only of such characters (a ``:`` cue, a lone mark) is returned unchanged
      rather than emptied, so it can still match an identical span.
    """
    if len(covered) != end - start:
        return (start, end)
    i, j = 0, len(covered)
    while i < j and _strippable(covered[i]):
        i += 1
    while j > i and _strippable(covered[j - 1]):
        j -= 1
    if i == j:
        return (start, end)
    return (start + i, start + j)


def overlap(a: Offsets, b: Offsets) -> int:
    """Number of characters two ``[start, end)`` spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair_spans(gold: Sequence[Offsets], pred: Sequence[Offsets]) -> list[tuple[int, int, int]]:
    """Pair gold and predicted spans one to one, largest character overlap first.

    Every (gold, predicted) pair sharing at least one character is a candidate; candidates
    are taken greedily in order of larger overlap, then smaller difference in length, then
    smaller distance between starts, then gold and predicted index, skipping any whose gold
    or predicted span is already paired. The tie-breaks make the result deterministic and
    make an identical span win over a longer one that contains it.

    Returns ``(gold_index, pred_index, overlap)`` triples sorted by gold index.
    """
    order = sorted(range(len(pred)), key=lambda k: pred[k])
    candidates: list[tuple[int, int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi in order:
            p = pred[pi]
            if p[0] >= g[1]:
                break  # predicted spans are sorted by start: none further can overlap
            ov = overlap(g, p)
            if ov > 0:
                candidates.append((-ov, abs((g[1] - g[0]) - (p[1] - p[0])), abs(g[0] - p[0]), gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int, int]] = []
    for neg_ov, _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi, -neg_ov))
    pairs.sort()
    return pairs


@dataclass
class PreparedQuote:
    """A quote with its normalized spans, ready for comparison."""

    quote: Quote
    content: Offsets
    cue: Optional[Offsets]
    mention: Optional[Offsets]


def prepare_quote(quote: Quote, doc_text: Optional[str]) -> PreparedQuote:
    """Normalize the content, cue and mention spans of a quote (:func:`normalize_span`)."""

    def norm(span: Optional[Span]) -> Optional[Offsets]:
        if span is None:
            return None
        return normalize_span(span.start, span.end, covered_text(span.start, span.end, span.text, doc_text))

    content = normalize_span(quote.start, quote.end, covered_text(quote.start, quote.end, quote.text, doc_text))
    return PreparedQuote(quote, content, norm(quote.cue), norm(quote.mention))
