"""Per-token layout of a parsed text: paragraphs, quoted spans and the detector's own sentences.

spaCy's sentence splits break around quotation marks (a quote's inner full stops end
"sentences", and the small model glues a headline onto the next paragraph), so the
rules never use them. Instead one linear pass records, for every token, its paragraph,
the top-level quoted span it lies in (spans come from the raw text via
:mod:`quotes.marks`), and a sentence index whose boundaries are full stops *outside*
quotation marks and line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

try:  # the shared quotation-mark pairer
    from .marks import find_quoted_spans
except ImportError:  # pragma: no cover - until quotes.marks is available
    find_quoted_spans = None  # type: ignore[assignment]

try:  # boilerplate, reader comments, captions, bylines
    from .zones import blocked_ranges
except ImportError:  # pragma: no cover - until quotes.zones is available
    blocked_ranges = None  # type: ignore[assignment]

SENT_END = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})


@dataclass(frozen=True)
class Quoted:
    """A top-level quoted span: content ``[start, end)`` inside the marks.

    ``open``/``close`` are the offsets of the marks (``close == -1`` when unclosed).
    Same fields as :class:`quotes.marks.QuotedSpan`, which is used when present.
    """

    start: int
    end: int
    open: int
    close: int
    paragraphs: int = 1
    nested: tuple = ()


# ----------------------------------------------------------------- fallback mark pairing

_MARK = re.compile(r"''|``|[\"“”„‟«»〝〞＂]")
_OPENERS = frozenset("“„‟«〝")
_CLOSERS = frozenset("”»〞")


def _pair_marks(text: str) -> list[Quoted]:
    """Minimal double-quote pairing, used only when :mod:`quotes.marks` is absent.

    Handles straight and curly marks, ``''``/`````` pairs, a curly opener typed where a
    closer belongs, and multi-paragraph quotes that reopen on each paragraph.
    """
    out: list[Quoted] = []
    open_at: Optional[int] = None
    open_len = 0
    paras = 1
    for m in _MARK.finditer(text):
        p, mark = m.start(), m.group()
        before = text[p - 1] if p > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if mark == "``" or (mark in _OPENERS and not (not before.isspace() and (after.isspace() or after in ".,;:"))):
            role = "open"
        elif mark in _CLOSERS or mark in _OPENERS:
            role = "close" if not (before.isspace() and not after.isspace()) else "open"
        else:  # straight marks and '' decide by their neighbours
            if before.isspace() or before in "([{—–-/" or p == 0:
                role = "open" if not after.isspace() else "close"
            else:
                role = "close"
        if role == "open":
            if open_at is not None:
                between = text[open_at:p]
                if "\n" in between:
                    line_start = text.rfind("\n", 0, p) + 1
                    if text[line_start:p].strip() == "":
                        paras += 1  # a multi-paragraph quote reopening
                        continue
                    end = open_at + between.index("\n")
                    out.append(Quoted(open_at + open_len, end, open_at, -1, paras))
                # two openers in one paragraph: the first was never closed; restart
            open_at, open_len, paras = p, len(mark), 1
        elif open_at is not None:
            out.append(Quoted(open_at + open_len, p, open_at, p, paras))
            open_at = None
    if open_at is not None:
        nl = text.find("\n", open_at)
        out.append(Quoted(open_at + open_len, len(text) if nl < 0 else nl, open_at, -1, paras))
    return out


def quoted_spans(text: str) -> list:
    """Top-level quoted spans of ``text`` (from :mod:`quotes.marks` when available)."""
    if find_quoted_spans is not None:
        return list(find_quoted_spans(text))
    return _pair_marks(text)


def blocked(text: str) -> list[tuple[int, int]]:
    """Character ranges where no quote may start (from :mod:`quotes.zones` when available)."""
    if blocked_ranges is not None:
        return [(int(s), int(e)) for s, e in blocked_ranges(text)]
    return []


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
