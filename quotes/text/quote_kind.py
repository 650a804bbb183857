"""The kind of a quote (direct, indirect, mixed) from the quotation marks around its words.

One rule for the rules extractor, the learned models and the gold conversion, so that
predicted and gold kinds are decided alike, and one pairer under it: the quotation marks
are those that :func:`quotes.text.marks.find_quotations` pairs in the whole document.
Pairing in the document rather than inside the content matters: a direct quote's
content lies *between* its marks (``“We are ready,” Zhang said`` has the content ``We are
ready,``), a quote may run over paragraphs reopened with a mark on each, and a closing
mark may be typed as an opening one; none of that can be read from the content alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional, Sequence

from quotes.text.marks import QuotedSpan, find_quotations

Fragments = Sequence[tuple[int, int]]


def _has_words(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start:end])


def _words_beside(text: str, q: QuotedSpan, start: int, end: int) -> bool:
    """Whether ``q`` has words next to the content ``[start, end)`` in the content's first or
    last paragraph (a line): words of the quotation in other paragraphs do not count."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    if para_end < 0:
        para_end = len(text)
    return _has_words(text, max(q.start, para_start), start) or _has_words(text, end, min(q.end, para_end))


def own_quotations(text: str, start: int, end: int, quotations: Iterable[QuotedSpan]) -> list[QuotedSpan]:
    """The quotations that quote words of the content ``[start, end)``.

    A quotation overlapping the content is its own when the content holds one of the
    quotation's marks (``said the plan was “a disaster``), or when the quotation has no
    words beside the content in the content's paragraphs: a direct quote's content is
    the inside of its marks, or some paragraphs of a quote running over several. A
    quotation with words of its own beside the content is a quoted passage the content
    is reported in (``"… Melanie thought the whole thing was outrageous. …"``): its marks
    quote the passage, not the words Melanie is reported to have thought.
    """
    own = []
    for q in quotations:
        lo, hi = q.open, (q.close + 1 if q.close >= 0 else q.end)
        if hi <= start or end <= lo:
            continue
        holds_mark = start <= q.open < end or (q.close >= 0 and start <= q.close < end)
        if holds_mark or not _words_beside(text, q, start, end):
            own.append(q)
    return own


def kind_of(text: str, fragments: Fragments, quotations: Iterable[QuotedSpan]) -> str:
    """``direct``, ``indirect`` or ``mixed`` for the content ``fragments`` of ``text``.

    ``quotations`` are the document's quotations, top-level and nested
    (:func:`quotes.text.marks.find_quotations`). With none of its own
    (:func:`own_quotations`) the content is indirect; it is direct when every letter and
    digit of the fragments lies inside its own quotations (one, or several separated
    only by spaces and punctuation, as in ``“A.” “B.”``), and mixed when some words lie
    outside (a partial quote, or quoted words in reported speech). Only the fragments
    count, so an interrupting ``he said`` between them does not make a quote mixed.
    """
    start, end = min(s for s, _ in fragments), max(e for _, e in fragments)
    inside = [(q.start, q.end) for q in own_quotations(text, start, end, quotations)]
    if not inside:
        return "indirect"
    for s, e in fragments:
        for i in range(s, e):
            if text[i].isalnum() and not any(a <= i < b for a, b in inside):
                return "mixed"
    return "direct"


@lru_cache(maxsize=16)
def _document_quotations(text: str) -> tuple[QuotedSpan, ...]:
    """Pairing is per document; the quotes of one document ask for it one after another."""
    return tuple(find_quotations(text))


def content_kind(text: str, fragments: Fragments, quotations: Optional[Sequence[QuotedSpan]] = None) -> str:
    """:func:`kind_of` with the quotations of ``text`` paired here unless given.

    ``text`` is the whole document, not the content: the marks around a content decide
    its kind as much as the marks inside it.
    """
    return kind_of(text, fragments, _document_quotations(text) if quotations is None else quotations)
