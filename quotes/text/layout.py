"""Per-token layout of a parsed text: paragraphs, quoted spans and the detector's own sentences.

spaCy's sentence splits break around quotation marks (a quote's inner full stops end
"sentences", and the small model glues a headline onto the next paragraph), so the
rules never use them. Instead one linear pass records, for every token, its paragraph,
the top-level quoted span it lies in (spans come from the raw text via
:mod:`quotes.text.marks`), and a sentence index whose boundaries are full stops *outside*
quotation marks and line breaks.
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

from quotes.text.marks import QuotedSpan, find_quotations, find_quoted_spans
from quotes.text.zones import blocked_ranges

SENT_END = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})


def quoted_spans(text: str) -> list:
    """Top-level quoted spans of ``text`` (:func:`quotes.text.marks.find_quoted_spans`)."""
    return list(find_quoted_spans(text))


def blocked(text: str) -> list[tuple[int, int]]:
    """Character ranges where no quote may start (:func:`quotes.text.zones.blocked_ranges`)."""
    return sorted((int(s), int(e)) for s, e in blocked_ranges(text))


# ----------------------------------------------------------------- the layout


class Layout:
    """Token-indexed facts for one parsed document, built in one pass.

    * ``para[i]``: paragraph number (a line break starts a new one),
    * ``quote[i]``: index into ``quoted`` of the span whose content holds token i, else -1,
    * ``mark[i]``: index of the span whose opening or closing mark token i is, else -1,
    * ``sent[i]``: the detector's own sentence number; ``sent_start``/``sent_end`` per sentence.
    """

    def __init__(self, doc: Doc, quoted: Optional[Sequence] = None, blocked_spans: Optional[Sequence] = None):
        self.doc = doc
        text = doc.text
        self.text = text
        self.quoted = list(quoted) if quoted is not None else quoted_spans(text)
        self.blocked = sorted(blocked_spans if blocked_spans is not None else blocked(text))
        n = len(doc)
        self.para = [0] * n
        self.quote = [-1] * n
        self.mark = [-1] * n
        self.is_close = [False] * n
        self.sent = [0] * n
        self.sent_start: list[int] = []
        self.sent_end: list[int] = []
        self.para_start: list[int] = [0]
        self._map_quotes()
        self._segment()

    @cached_property
    def quotations(self) -> list[QuotedSpan]:
        """Every quotation of the text, top-level and nested, paired once per document for the
        kind rule (:func:`quotes.text.quote_kind.content_kind`)."""
        return find_quotations(self.text)

    # -- quoted spans -> tokens
    def _map_quotes(self) -> None:
        doc, qs = self.doc, self.quoted
        k = 0
        for t in doc:
            a, b = t.idx, t.idx + len(t.text)
            while k < len(qs) and max(qs[k].end, qs[k].close + 1) <= a:
                k += 1
            if k >= len(qs):
                break
            q = qs[k]
            if a <= q.open < b:
                self.mark[t.i] = k
            elif q.close >= 0 and a <= q.close < b:
                self.mark[t.i] = k
                self.is_close[t.i] = True
            elif q.start <= a < q.end:
                self.quote[t.i] = k

    # -- paragraphs and sentences
    def _segment(self) -> None:
        doc = self.doc
        n = len(doc)
        para = 0
        sent = 0
        self.sent_start.append(0)
        for i in range(n):
            t = doc[i]
            self.para[i] = para
            self.sent[i] = sent
            boundary = False
            if t.is_space and "\n" in t.text:
                boundary = True
                para += 1
                self.para_start.append(i + 1)
            elif "\n" in t.whitespace_:
                boundary = True
                para += 1
                self.para_start.append(i + 1)
            elif i + 1 < n:
                nxt = doc[i + 1]
                if self.quote[i] == -1 and self.mark[i] == -1:
                    if t.text in SENT_END or (t.text.endswith(".") and len(t.text) > 1 and nxt.is_sent_start
                                              and self.quote[i + 1] == -1 and self.mark[i + 1] == -1):
                        boundary = _starts_sentence(nxt)
                elif self.is_close[i] and i > 0 and doc[i - 1].text in SENT_END:
                    boundary = _starts_sentence(nxt) and not _is_attribution_start(doc, i + 1)
            if boundary and i + 1 < n:
                self.sent_end.append(i + 1)
                sent += 1
                self.sent_start.append(i + 1)
        self.sent_end.append(n)

    # -- queries
    def sent_bounds(self, i: int) -> tuple[int, int]:
        s = self.sent[i]
        return self.sent_start[s], self.sent_end[s]

    def para_bounds(self, i: int) -> tuple[int, int]:
        p = self.para[i]
        end = self.para_start[p + 1] if p + 1 < len(self.para_start) else len(self.doc)
        return self.para_start[p], end

    def is_blocked(self, char: int) -> bool:
        for s, e in self.blocked:
            if s <= char < e:
                return True
            if s > char:
                break
        return False

    def tokens_of(self, start: int, end: int) -> tuple[int, int]:
        """Token range ``[i, j)`` covering characters ``[start, end)``."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:  # only whitespace
            return 0, 0
        return span.start, span.end

    def starts_paragraph(self, char: int) -> bool:
        line_start = self.text.rfind("\n", 0, char) + 1
        return self.text[line_start:char].strip() == ""


def _starts_sentence(t: Token) -> bool:
    """Whether ``t`` can open a new sentence (not a lower-case continuation)."""
    if t.is_space:
        return True
    c = t.text[:1]
    return not c.islower()


def _is_attribution_start(doc: Doc, i: int) -> bool:
    """`` “Go.” Zhang said`` keeps the attribution in the quote's sentence: a short run of
    capitalized words followed by a verb is not a new sentence for the detector."""
    for j in range(i, min(i + 5, len(doc))):
        t = doc[j]
        if t.pos_ == "VERB":
            return j > i
        if t.pos_ not in ("PROPN", "DET", "ADJ", "NOUN", "PRON"):
            return False
    return False
