"""Cutting an over-long text into paragraph-aligned pieces that the parser can take.

Why: the memory and time of one spaCy parse grow with the length of the Doc (with the
small English model, about 650 MB peak RSS for a 100,000-character Doc and several GB
past a million characters, where spaCy refuses the text outright), so one huge document
would stall or kill a worker. News articles are far shorter than :data:`CHUNK_CHARS` and
are never cut. Only over-long inputs (a newspaper issue in one record, a transcript
dump) are, and then:

* at a paragraph break when there is one in the second half of the window, else at a
  line break, a sentence end, a space, and only as a last resort mid-word;
* never inside a quotation that :func:`quotes.text.marks.find_quoted_spans` sees in the whole
  text, so a multi-paragraph quote stays one span (unless a single quotation is longer
  than half a chunk);
* with offsets shifted back, so every span still indexes the original text.

What is lost at a cut is coreference across it: a pronoun in one piece cannot reach a
name introduced only in an earlier piece, so such a quote keeps its mention but may get
no speaker name.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Optional

from quotes.records import Quote, Span

CHUNK_CHARS = 100_000

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s")


def _protected(text: str) -> tuple[list[int], list[int]]:
    """Sorted starts and ends of the regions a cut must avoid: each quotation, marks included."""
    from quotes.text.marks import find_quoted_spans

    starts, ends = [], []
    for q in find_quoted_spans(text):
        lo = min(q.open, q.start) if q.open >= 0 else q.start
        hi = max(q.close + 1, q.end) if q.close >= 0 else q.end
        starts.append(lo)
        ends.append(hi)
    return starts, ends


def _inside(pos: int, starts: list[int], ends: list[int]) -> bool:
    """True when a cut at ``pos`` (between pos-1 and pos) falls strictly inside a region."""
    i = bisect.bisect_right(starts, pos - 1) - 1
    return i >= 0 and starts[i] < pos < ends[i]


def _last_cut(text: str, lo: int, hi: int, starts: list[int], ends: list[int]) -> Optional[int]:
    """The best cut position in ``(lo, hi]``: the kind of break counts first, then lateness."""
    for pattern in ("\n\n", "\n"):
        j = text.rfind(pattern, lo, hi)
        while j >= 0:
            cut = j + len(pattern)
            if not _inside(cut, starts, ends):
                return cut
            j = text.rfind(pattern, lo, j)
    best = None
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if not _inside(m.end(), starts, ends):
            best = m.end()
    if best is not None:
        return best
    j = hi - 1
    while j > lo:
        if text[j].isspace() and not _inside(j + 1, starts, ends):
            return j + 1
        j -= 1
    return None


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` covering ``text`` in order, each at most ``size`` characters.

    A text of at most ``size`` characters is one chunk. Every character belongs to
    exactly one chunk, so no quote can be found twice.
    """
    if size < 2:
        raise ValueError("chunk size must be at least 2 characters")
    n = len(text)
    if n <= size:
        return [(0, n)]
    starts, ends = _protected(text)
    bounds = []
    start = 0
    while n - start > size:
        hi = start + size
        lo = start + size // 2
        cut = _last_cut(text, lo, hi, starts, ends)
        if cut is None:  # no break outside quotations: mid-word, but not inside a quotation
            i = bisect.bisect_right(starts, hi - 1) - 1
            if not (i >= 0 and starts[i] < hi < ends[i]):
                cut = hi
            elif starts[i] > lo:
                cut = starts[i]  # just before the quotation that crosses the edge
        if cut is None:  # one quotation or one "word" fills the window: cut it anyway
            cut = _last_cut(text, lo, hi, [], []) or hi
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def shift_span(span: Optional[Span], offset: int) -> Optional[Span]:
    if span is None:
        return None
    return Span(span.start + offset, span.end + offset, span.text)


def shift_quote(quote: Quote, offset: int) -> Quote:
    """The same quote with every offset moved by ``offset`` (texts are unchanged)."""
    return dataclasses.replace(
        quote,
        start=quote.start + offset,
        end=quote.end + offset,
        cue=shift_span(quote.cue, offset),
        mention=shift_span(quote.mention, offset),
    )
