"""Quotation-mark pairing on raw text: which characters open and close quotes.

News text is typographically messy: straight and curly marks, guillemets (French
``« »`` and German reversed ``» «``), German low-high ``„ “``, doubled apostrophes
as double marks (``''smart,''``), closing marks typed as opening ones
(``...at deeper levels. “``), stray marks, quotes that run over several
paragraphs with an opening mark on each paragraph and one closing mark on the
last, and single quotes that are sometimes quotes and far more often apostrophes.
Pairing marks in turn breaks on the first stray mark and flips the parity of the
rest of the document.

So the pairing is a small global decoding instead. Every mark gets a cost for
acting as an opening and as a closing mark, read from the characters around it
and, weakly, from its glyph. Paragraph breaks end an open quote unless the next
paragraph is reopened with a mark (the multi-paragraph convention) or, across a
single newline, the quote is closed further on. A Viterbi pass over marks and
paragraph breaks, with the states *outside*, *inside*, *inside a nested quote*
and *reopen pending* (the inside states remember the glyph family that opened the
quote, since a quote rarely opens straight and closes curly), picks the cheapest
consistent reading. It is linear in the number of marks, total on any input, and
keeps every quote inside its paragraph unless the text says otherwise, so one
stray mark damages at most its own paragraph.

Double marks are paired first. Single marks are paired in a second pass over the
text outside double-quoted spans (outlets that use ``‘ ’`` as primary quotes; a
single-quoted span wholly containing a double-quoted one makes that one nested),
and a third pass pairs single marks inside each double-quoted span (nested
quotes, reported by :func:`find_nested`). Apostrophes (``don’t``, ``Russia’s``,
``’90s``, ``rock ’n’ roll``) never enter the single-mark passes.

Offsets are Python ``str`` indices into the text exactly as given. The glyphs and
apostrophes are in :mod:`quotes.text.mark_glyphs`, the costs in
:mod:`quotes.text.mark_costs`, the decoder in :mod:`quotes.text.mark_decoder`; this
module runs the three passes and holds the public API.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from quotes.text.mark_costs import DOUBLE_COSTS, INF, SINGLE_COSTS
from quotes.text.mark_decoder import Decoded, QuotedSpan, breaks, decode
from quotes.text.mark_glyphs import (
    ANY_MARK_RE,
    DOUBLE_MARKS,
    QUOTE_MARKS,
    SINGLE_MARKS,
    SINGLE_RE,
    double_marks,
    is_apostrophe,
)

__all__ = [
    "QuotedSpan",
    "find_quoted_spans",
    "find_nested",
    "find_quotations",
    "quote_mark_positions",
    "DOUBLE_MARKS",
    "SINGLE_MARKS",
    "QUOTE_MARKS",
]


# ---------------------------------------------------------------------------
# the three passes


def _rstrip_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _nonempty(text: str, s: QuotedSpan) -> bool:
    return s.end > s.start  # contents are trimmed, so non-empty means non-blank


def _forget_empty(roles: dict[int, str], spans: list[QuotedSpan]) -> None:
    """Marks of dropped empty quotes (``""``) are not opening or closing anything."""
    for s in spans:
        if s.end <= s.start:
            roles.pop(s.open, None)
            roles.pop(s.close, None)


def _region(s: QuotedSpan) -> tuple[int, int]:
    """Characters a span owns, its marks included."""
    return s.open, (s.close + 1 if s.close >= 0 else s.end)


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(regions, (pos, INF)) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


def _single_candidates(
    text: str, lo: int, hi: int, excluded: list[tuple[int, int]], taken: set[int]
) -> list[tuple[int, str]]:
    """Single marks in ``[lo, hi)`` that are not apostrophes, not part of a doubled
    mark (``taken``) and not inside an ``excluded`` range (sorted, disjoint)."""
    out = []
    for m in SINGLE_RE.finditer(text, lo, hi):
        i = m.start()
        if i in taken or (excluded and _inside(i, excluded)) or is_apostrophe(text, i):
            continue
        out.append((i, m.group()))
    return out


@dataclass
class _Analysis:
    top: list[QuotedSpan]
    nested: list[QuotedSpan]
    roles: dict[int, str]


def _outer_singles(
    text: str, brks: list, dregions: list[tuple[int, int]], taken: set[int], end: int, roles: dict[int, str]
) -> list[QuotedSpan]:
    """Pass 2: single-quoted spans outside double-quoted ones (primary single quotes)."""
    smarks = _single_candidates(text, 0, len(text), dregions, taken)
    if not smarks:
        return []
    outer_breaks = [b for b in brks if not _inside(b[0], dregions)]
    sd = decode(text, smarks, outer_breaks, SINGLE_COSTS, end)
    roles.update(sd.roles)
    singles = [s for s in sd.spans if _nonempty(text, s)]
    _forget_empty(roles, sd.spans)
    return singles


def _top_level(doubles: list[QuotedSpan], singles: list[QuotedSpan], nested: list[QuotedSpan]) -> list[QuotedSpan]:
    """Top-level spans sorted by start; a single-quoted span wholly containing
    double-quoted ones makes them nested (appended to ``nested``)."""
    top: list[QuotedSpan] = []
    sregions = [_region(s) for s in singles]
    si = 0
    for d in doubles:
        r = _region(d)
        while si < len(sregions) and sregions[si][1] <= r[0]:
            si += 1
        if si < len(sregions) and sregions[si][0] <= r[0] and r[1] <= sregions[si][1]:
            nested.append(QuotedSpan(d.start, d.end, d.open, d.close, d.paragraphs, True))
        else:
            top.append(d)
    top.extend(singles)
    top.sort(key=lambda s: s.start)
    return top


def _inner_singles(
    text: str, dd: Decoded, brks: list, taken: set[int], nested: list[QuotedSpan], roles: dict[int, str]
) -> None:
    """Pass 3: single marks inside each double-quoted span (nested quotes), added to ``nested``."""
    break_starts = [b[0] for b in brks]
    for d in dd.spans:
        lo, hi = d.start, d.end
        inner = _single_candidates(text, lo, hi, [], taken) if hi - lo >= 2 else []
        if len(inner) < 2:
            continue
        k = bisect.bisect_left(break_starts, lo)
        ib = []
        while k < len(brks) and brks[k][1] <= hi:
            ib.append(brks[k])
            k += 1
        nd = decode(text, inner, ib, SINGLE_COSTS, _rstrip_end(text, lo, hi))
        for s in nd.spans:
            if s.close >= 0 and _nonempty(text, s):
                nested.append(QuotedSpan(s.start, s.end, s.open, s.close, s.paragraphs, True))
                roles[s.open] = "open"
                roles[s.close] = "close"


def _analyse(text: str) -> _Analysis:
    if not isinstance(text, str) or not text:
        return _Analysis([], [], {})
    brks = breaks(text)
    end = len(text.rstrip())

    # 1. double marks over the whole text
    dmarks = double_marks(text)
    taken = {i + k for i, g in dmarks if len(g) > 1 for k in range(len(g))}
    dd = decode(text, dmarks, brks, DOUBLE_COSTS, end)
    roles = dict(dd.roles)
    doubles = [s for s in dd.spans if _nonempty(text, s)]
    _forget_empty(roles, dd.spans + dd.nested)
    nested = [s for s in dd.nested if _nonempty(text, s)]
    dregions = sorted(_region(s) for s in dd.spans)

    # 2. single marks outside double-quoted spans (primary single quotes)
    singles = _outer_singles(text, brks, dregions, taken, end, roles)
    top = _top_level(doubles, singles, nested)

    # 3. single marks inside each double-quoted span (nested quotes)
    _inner_singles(text, dd, brks, taken, nested, roles)
    nested.sort(key=lambda s: (s.start, s.end))
    return _Analysis(top, nested, roles)


# ---------------------------------------------------------------------------
# public API


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quotations of ``text``: sorted, non-overlapping, with non-blank content.

    Never raises; any string gives in-bounds spans. Quotes nested in another
    (``‘fake news’`` inside a double-quoted quote) stay inside their outer span's
    content and are listed by :func:`find_nested`.
    """
    try:
        return _analyse(text).top
    except Exception:  # pragma: no cover - the decoder is total; this is a last guard
        return []


def find_nested(text: str) -> list[QuotedSpan]:
    """Quotations nested inside a top-level quotation (``nested=True``), sorted by start."""
    try:
        return _analyse(text).nested
    except Exception:  # pragma: no cover
        return []


def find_quotations(text: str) -> list[QuotedSpan]:
    """Every quotation of ``text``, top-level and nested, sorted by (start, end): one pairing
    for callers that need both :func:`find_quoted_spans` and :func:`find_nested`."""
    try:
        analysis = _analyse(text)
    except Exception:  # pragma: no cover
        return []
    return sorted(analysis.top + analysis.nested, key=lambda s: (s.start, s.end))


def quote_mark_positions(text: str) -> list[tuple[int, str, str]]:
    """Every quotation mark of ``text`` with its role: ``(index, mark, role)``.

    ``role`` is ``"open"`` or ``"close"`` for marks that delimit a quotation found by
    :func:`find_quoted_spans` or :func:`find_nested` (a mark reopening a quote on a
    new paragraph counts as ``"open"``) and ``"ambiguous"`` for the rest (stray marks,
    inch marks, unmatched single marks). ``mark`` is one character, or two for a
    doubled ``''`` / ``````. Apostrophes are not listed.
    """
    try:
        if not isinstance(text, str) or not text:
            return []
        roles = _analyse(text).roles
        doubled = {i: g for i, g in double_marks(text) if len(g) > 1}
        out = []
        skip_to = -1
        for m in ANY_MARK_RE.finditer(text):
            i, glyph = m.start(), m.group()
            if i < skip_to:
                continue
            if i in doubled:
                glyph = doubled[i]
                skip_to = i + len(glyph)
            elif glyph in SINGLE_MARKS and i not in roles and is_apostrophe(text, i):
                continue
            out.append((i, glyph, roles.get(i, "ambiguous")))
        return out
    except Exception:  # pragma: no cover
        return []
