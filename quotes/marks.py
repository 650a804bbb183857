"""Quotation-mark pairing on raw text: which characters open and close quotes.

News text is typographically messy: straight and curly marks, guillemets (French
``« »`` and German reversed ``» «``), German low-high ``„ “``, closing marks typed
as opening ones (``...at deeper levels. “``), stray marks, quotes that run over
several paragraphs with an opening mark on each paragraph and one closing mark on
the last, and single quotes that are sometimes quotes and far more often
apostrophes. Counting marks and pairing them in turn breaks on the first stray
mark and flips the parity of the rest of the document.

So the pairing is a small global decoding instead: every mark gets a cost for
acting as an opening mark and as a closing mark, read from its glyph and from the
characters around it; paragraph breaks end an open quote unless the next
paragraph is reopened with a mark (the multi-paragraph convention) or, across a
single newline, the quote is closed further on. A Viterbi pass over
(marks + paragraph breaks) with the states *outside*, *inside*, *inside a nested
quote* and *reopen pending* picks the cheapest consistent reading. It is linear
in the number of marks, cannot raise on any input and keeps every quote inside
one paragraph unless the text says otherwise, so one stray mark damages at most
its own paragraph.

Double marks are paired first. Single marks are paired in a second pass over the
text outside double-quoted spans (outlets that use ``‘ ’`` as primary quotes;
a single-quoted span that wholly contains a double-quoted one makes that one
nested), and a third pass pairs single marks inside each double-quoted span
(nested quotes, reported by :func:`find_nested`). Apostrophes (``don’t``,
``Russia’s``, ``’90s``, ``rock ’n’ roll``) never enter the single-mark passes.

Offsets are Python ``str`` indices into the text exactly as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

__all__ = [
    "QuotedSpan",
    "find_quoted_spans",
    "find_nested",
    "quote_mark_positions",
    "DOUBLE_MARKS",
    "SINGLE_MARKS",
    "QUOTE_MARKS",
]

DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02'  # " “ ” „ ‟ « » ＂
SINGLE_MARKS = "'\u2018\u2019\u201a\u201b\u2039\u203a"  # ' ‘ ’ ‚ ‛ ‹ ›
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS

_GUILLEMETS = "\u00ab\u00bb\u2039\u203a"
_OPEN_GLYPHS = "\u201c\u201e\u201f\u00ab\u2018\u201a\u201b\u2039"
_CLOSE_GLYPHS = "\u201d\u00bb\u2019\u203a"
_LOW_GLYPHS = "\u201e\u201a"  # „ ‚ only ever open a quote
_APOSTROPHE_GLYPHS = "'\u2019\u2018\u201b"

_LINE_ENDS = "\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
_SPACES_NO_NL = "[^\\S" + _LINE_ENDS + "]"
# A paragraph break: a whitespace run holding at least one line end.
_BREAK_RE = re.compile(_SPACES_NO_NL + "*(?:\r\n|[" + _LINE_ENDS + "])\\s*")
_LINE_END_RE = re.compile("\r\n|[" + _LINE_ENDS + "]")
_DOUBLE_RE = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
_SINGLE_RE = re.compile("[" + re.escape(SINGLE_MARKS) + "]")

# Words that are elided with a leading apostrophe: ’em, ’til, ’tis, ’twas, ’cause, ’n’.
_ELISIONS = ("em", "til", "tis", "twas", "cause", "cos", "cuz", "bout", "n")
_ELISION_RE = re.compile(r"(?:" + "|".join(_ELISIONS) + r")(?![^\W\d_])", re.IGNORECASE)
_DECADE_RE = re.compile(r"\d\d(?:s|\b)")
# A reporting verb glued after a mark (`“said the ministry.”`) shows the mark closes a quote.
_CUE_AFTER_RE = re.compile(
    r"\s?(?:said|says|say|told|tells|added|adds|asked|asks|according|stated|states|wrote|writes|"
    r"explained|noted|continued|replied|insisted|argued|declared|stressed)\b"
)
_CLAUSE_PUNCT = ",.;:!?\u2026"
_OPEN_BRACKETS = "([{<"
_CLOSE_BRACKETS = ")]}>"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015/"
_THIN_SPACES = " \u00a0\u202f\u2009\u200a\u2007"


@dataclass(frozen=True)
class QuotedSpan:
    """One quotation: the content between its marks and where the marks are.

    ``start``/``end`` delimit the content (inside the marks, end exclusive);
    ``open`` and ``close`` are the indices of the marks themselves, ``close`` is -1
    when the quote was never closed and ran to the end of its paragraph. A quote
    reopened on each paragraph is one span, ``paragraphs`` says over how many.
    """

    start: int
    end: int
    open: int
    close: int
    paragraphs: int
    nested: bool = False


# ---------------------------------------------------------------------------
# costs


@dataclass(frozen=True)
class _Costs:
    """Costs of the decoding; doubles and singles differ in how cheap a stray mark is."""

    skip: float  # a mark that is neither opening nor closing (stray, inch mark, apostrophe)
    terminate: float  # an open quote that ends at a paragraph end without a closing mark
    soft_continue: float  # an open quote that runs on over a single newline without reopening
    nest: float  # extra cost for opening a quote inside a quote (doubles only)
    allow_nest: bool


_DOUBLE_COSTS = _Costs(skip=3.5, terminate=2.5, soft_continue=1.5, nest=1.5, allow_nest=True)
_SINGLE_COSTS = _Costs(skip=1.2, terminate=4.0, soft_continue=2.5, nest=0.0, allow_nest=False)


def _char_class(ch: str) -> str:
    """Coarse class of a neighbour character: space, word, punct, open, close, dash, mark, other."""
    if not ch or ch.isspace():
        return "space"
    if ch.isalnum():
        return "word"
    if ch in _CLAUSE_PUNCT:
        return "punct"
    if ch in _OPEN_BRACKETS:
        return "open"
    if ch in _CLOSE_BRACKETS:
        return "close"
    if ch in _DASHES:
        return "dash"
    if ch in QUOTE_MARKS:
        return "mark"
    return "other"


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The characters left and right of the mark at ``i`` ('' at the text ends).

    Guillemets are written with a (thin) space inside in French (``« Oui »``), so
    spaces on their inner side are looked through.
    """
    n = len(text)
    left = text[i - 1] if i > 0 else ""
    right = text[i + 1] if i + 1 < n else ""
    if text[i] in _GUILLEMETS:
        j = i + 1
        while j < n and j < i + 3 and text[j] in _THIN_SPACES:
            j += 1
        k = i - 1
        while k >= 0 and k > i - 3 and text[k] in _THIN_SPACES:
            k -= 1
        r2 = text[j] if j < n else ""
        l2 = text[k] if k >= 0 else ""
        # Only look through when the far side is a word: « Oui » / »Ja« both ways.
        if r2.isalnum() and (not left or left.isspace() or left in _OPEN_BRACKETS):
            right = r2
        elif l2 and (l2.isalnum() or l2 in _CLAUSE_PUNCT) and (not right or right.isspace()):
            left = l2
    return left, right


def _prev_nonspace(text: str, i: int) -> str:
    k = i - 1
    while k >= 0 and k > i - 4 and text[k] in _THIN_SPACES:
        k -= 1
    return text[k] if k >= 0 else ""


def _mark_costs(text: str, i: int) -> tuple[float, float, float]:
    """(cost as opening mark, cost as closing mark, extra cost as nested opening)."""
    ch = text[i]
    left, right = _neighbours(text, i)
    lc, rc = _char_class(left), _char_class(right)
    lo = lc in ("space", "open", "mark")
    ro = rc in ("space", "close", "punct", "dash", "mark")

    # --- as an opening mark
    if lo and rc == "word":
        oc = 0.0
    elif left == ":" and rc in ("word", "other"):
        oc = 0.5  # said:“We ...
    elif lc == "dash" and rc == "word":
        oc = 0.5
    elif lo and rc == "other":
        oc = 0.5  # “$5 billion”, “[They] ...”
    elif lo and rc == "punct":
        oc = 1.5  # “…and then”
    elif lo and ro:
        oc = 2.0  # both sides blank: ambiguous
    elif lc == "punct" and rc in ("word", "other"):
        oc = 1.5  # run-together: ,“said / .“We
    elif lc in ("word", "other") and rc in ("word", "other"):
        oc = 2.5
    elif lc == "punct":
        oc = 3.0  # looks like a closing mark after punctuation
    else:
        oc = 4.0  # looks like a closing mark after a word

    # --- as a closing mark
    cue_after = False
    if lc in ("word", "punct", "other", "close") and (ro or not right):
        cc = 0.0
    elif lc == "punct" and rc in ("word", "other"):
        cc = 1.0  # .”Another
    elif lc == "mark" and ro:
        cc = 0.5
    elif lc in ("word", "other") and rc in ("word", "other"):
        cc = 2.5
    elif lo and ro:
        # blank on both sides: a closing mark typed loose (`deeper levels. “`) when
        # punctuation precedes, else ambiguous
        cc = 0.5 if _prev_nonspace(text, i) in _CLAUSE_PUNCT else 2.0
    else:
        # looks like an opening mark; after clause punctuation it is a closing mark typed
        # the wrong way round (`stability, “said the ministry.”`)
        p = _prev_nonspace(text, i)
        cue_after = bool(_CUE_AFTER_RE.match(text, i + 1, i + 14))
        if cue_after and (p in _CLAUSE_PUNCT or p.isalnum()):
            cc = 0.5
        elif p in _CLAUSE_PUNCT:
            cc = 1.5
        else:
            cc = 4.0

    if cue_after:
        oc += 2.5  # a quotation hardly starts with a lowercase reporting verb

    # --- glyph direction is a weak hint (typos, German and Swedish conventions)
    if ch in _LOW_GLYPHS:
        cc += 4.0
    elif ch in _OPEN_GLYPHS:
        cc += 0.5
    elif ch in _CLOSE_GLYPHS:
        oc += 0.5

    # --- opening a quote inside a quote: rare right after clause punctuation
    nest = oc
    if _prev_nonspace(text, i) in _CLAUSE_PUNCT:
        nest += 3.0
    if cue_after or _CUE_AFTER_RE.match(text, i + 1, i + 14):
        nest += 5.0
    return oc, cc, nest


def _is_apostrophe(text: str, i: int) -> bool:
    """True when the single mark at ``i`` is an apostrophe, not a quotation mark."""
    ch = text[i]
    if ch not in _APOSTROPHE_GLYPHS:
        return False
    n = len(text)
    left = text[i - 1] if i > 0 else ""
    right = text[i + 1] if i + 1 < n else ""
    if left.isalnum() and right.isalnum():
        return True  # don’t, Russia’s, O'Brien
    if not left.isalnum():
        if right.isdigit() and _DECADE_RE.match(text, i + 1):
            return True  # ’90s
        if right.isalpha() and _ELISION_RE.match(text, i + 1):
            if right in "nN":  # ’n’ needs its second mark
                return i + 2 < n and text[i + 2] in _APOSTROPHE_GLYPHS
            return True
    if left in "nN" and i >= 2 and text[i - 2] in _APOSTROPHE_GLYPHS and not right.isalnum():
        k = i - 3
        if k < 0 or not text[k].isalnum():
            return True  # second mark of ’n’
    return False


# ---------------------------------------------------------------------------
# decoding

_OUT, _IN, _PEND, _IN2 = 0, 1, 2, 3
# actions
_SKIP, _OPEN, _CLOSE, _NEST, _REOPEN, _CLOSE_NEST = 0, 1, 2, 3, 4, 5
_PASS, _TERM, _CONT, _TO_PEND, _TERM2 = 6, 7, 8, 9, 10
_INF = float("inf")


@dataclass
class _Decoded:
    spans: list[QuotedSpan]
    nested: list[QuotedSpan]
    roles: dict[int, str]  # mark index -> "open" | "close"


def _breaks(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Paragraph breaks in ``text[lo:hi]``: (run start, run end, hard) for whitespace runs with a line end."""
    out = []
    for m in _BREAK_RE.finditer(text, lo, hi):
        s, e = m.span()
        run = m.group()
        hard = "\u2029" in run or len(_LINE_END_RE.findall(run)) >= 2
        out.append((s, e, hard))
    return out


def _decode(
    text: str,
    marks: list[int],
    breaks: list[tuple[int, int, bool]],
    costs: _Costs,
    end: int,
) -> _Decoded:
    """Cheapest consistent open/close reading of ``marks`` (sorted indices) over the breaks.

    ``end`` is where an open quote stops at the end of the region (trailing space stripped).
    """
    # Merge marks and breaks into one event list, in text order. A mark sits never
    # inside a break (breaks are whitespace), so comparing positions is enough.
    events: list[tuple] = []
    mark_set = set(marks)
    bi = 0
    nb = len(breaks)
    for m in marks:
        while bi < nb and breaks[bi][0] < m:
            s, e, hard = breaks[bi]
            events.append((1, s, e, hard, e in mark_set))
            bi += 1
        oc, cc, nc = _mark_costs(text, m)
        events.append((0, m, oc, cc, nc))
    while bi < nb:
        s, e, hard = breaks[bi]
        events.append((1, s, e, hard, False))
        bi += 1

    skip = costs.skip
    term = costs.terminate
    soft = costs.soft_continue
    nest_extra = costs.nest
    allow_nest = costs.allow_nest

    c_out, c_in, c_pend, c_in2 = 0.0, _INF, _INF, _INF
    back: list[tuple] = []
    for ev in events:
        if ev[0] == 0:
            _, _pos, oc, cc, nc = ev
            # to OUT
            n_out, b_out = c_out + skip, (_OUT, _SKIP)
            v = c_in + cc
            if v < n_out:
                n_out, b_out = v, (_IN, _CLOSE)
            # to IN
            n_in, b_in = c_out + oc, (_OUT, _OPEN)
            v = c_in + skip
            if v < n_in:
                n_in, b_in = v, (_IN, _SKIP)
            v = c_pend + oc
            if v < n_in:
                n_in, b_in = v, (_PEND, _REOPEN)
            v = c_in2 + cc
            if v < n_in:
                n_in, b_in = v, (_IN2, _CLOSE_NEST)
            # to IN2
            if allow_nest:
                n_in2, b_in2 = c_in + nc + nest_extra, (_IN, _NEST)
                v = c_in2 + skip
                if v < n_in2:
                    n_in2, b_in2 = v, (_IN2, _SKIP)
            else:
                n_in2, b_in2 = _INF, None
            back.append((b_out, b_in, None, b_in2))
            c_out, c_in, c_pend, c_in2 = n_out, n_in, _INF, n_in2
        else:
            _, _s, _e, hard, reopen_next = ev
            n_out, b_out = c_out, (_OUT, _PASS)
            v = c_in + term
            if v < n_out:
                n_out, b_out = v, (_IN, _TERM)
            v = c_in2 + term + 1.0
            if v < n_out:
                n_out, b_out = v, (_IN2, _TERM2)
            if hard:
                n_in, b_in = _INF, None
            else:
                n_in, b_in = c_in + soft, (_IN, _CONT)
            if reopen_next:
                n_pend, b_pend = c_in, (_IN, _TO_PEND)
            else:
                n_pend, b_pend = _INF, None
            back.append((b_out, b_in, b_pend, None))
            c_out, c_in, c_pend, c_in2 = n_out, n_in, n_pend, _INF

    # final state: an open quote at the end of the region is unclosed
    finals = [(c_out, _OUT), (c_in + term, _IN), (c_in2 + term + 1.0, _IN2)]
    best_cost, state = min(finals, key=lambda t: t[0])
    if best_cost == _INF:  # cannot happen (OUT is always reachable); be defensive
        state = _OUT

    actions = [0] * len(events)
    for k in range(len(events) - 1, -1, -1):
        bp = back[k][state]
        if bp is None:  # defensive: unreachable state
            bp = (_OUT, _SKIP if events[k][0] == 0 else _PASS)
        state, actions[k] = bp

    # forward: build spans from the chosen actions
    spans: list[QuotedSpan] = []
    nested: list[QuotedSpan] = []
    roles: dict[int, str] = {}
    cur_open = -1
    paras = 1
    nest_open = -1
    for ev, act in zip(events, actions):
        if ev[0] == 0:
            pos = ev[1]
            if act == _OPEN:
                cur_open, paras = pos, 1
                roles[pos] = "open"
            elif act == _CLOSE:
                roles[pos] = "close"
                spans.append(QuotedSpan(cur_open + 1, pos, cur_open, pos, paras))
                cur_open = -1
            elif act == _REOPEN:
                roles[pos] = "open"
            elif act == _NEST:
                nest_open = pos
                roles[pos] = "open"
            elif act == _CLOSE_NEST:
                roles[pos] = "close"
                nested.append(QuotedSpan(nest_open + 1, pos, nest_open, pos, 1, True))
                nest_open = -1
        else:
            if act in (_TERM, _TERM2):
                spans.append(QuotedSpan(cur_open + 1, ev[1], cur_open, -1, paras))
                cur_open, nest_open = -1, -1
            elif act in (_CONT, _TO_PEND):
                paras += 1
    if cur_open >= 0:
        spans.append(QuotedSpan(cur_open + 1, max(cur_open + 1, end), cur_open, -1, paras))
    return _Decoded(spans, nested, roles)


def _rstrip_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _nonempty(text: str, s: QuotedSpan) -> bool:
    return s.end > s.start and not text[s.start : s.end].isspace()


def _single_candidates(text: str, lo: int, hi: int, excluded: list[tuple[int, int]]) -> list[int]:
    """Indices of single marks in ``[lo, hi)`` that are not apostrophes nor inside ``excluded`` ranges."""
    out = []
    ei = 0
    ne = len(excluded)
    for m in _SINGLE_RE.finditer(text, lo, hi):
        i = m.start()
        while ei < ne and excluded[ei][1] <= i:
            ei += 1
        if ei < ne and excluded[ei][0] <= i < excluded[ei][1]:
            continue
        if _is_apostrophe(text, i):
            continue
        out.append(i)
    return out


def _region(s: QuotedSpan) -> tuple[int, int]:
    """Characters a span owns, marks included."""
    return s.open, (s.close + 1 if s.close >= 0 else s.end)


@dataclass
class _Analysis:
    top: list[QuotedSpan]
    nested: list[QuotedSpan]
    roles: dict[int, str]


def _analyse(text: str) -> _Analysis:
    if not isinstance(text, str) or not text:
        return _Analysis([], [], {})
    n = len(text)
    breaks = _breaks(text, 0, n)
    end = _rstrip_end(text, 0, n)

    # 1. double marks over the whole text
    dmarks = [m.start() for m in _DOUBLE_RE.finditer(text)]
    dd = _decode(text, dmarks, breaks, _DOUBLE_COSTS, end)
    roles = dict(dd.roles)
    doubles = [s for s in dd.spans if _nonempty(text, s)]
    nested = [s for s in dd.nested if _nonempty(text, s)]
    dregions = sorted(_region(s) for s in dd.spans)

    # 2. single marks outside double-quoted spans (primary single quotes)
    smarks = _single_candidates(text, 0, n, dregions)
    outer_breaks = [b for b in breaks if not _inside(b[0], dregions)]
    sd = _decode(text, smarks, outer_breaks, _SINGLE_COSTS, end)
    roles.update(sd.roles)
    singles = [s for s in sd.spans if _nonempty(text, s)]

    # a single-quoted span wholly containing double-quoted ones makes them nested
    top: list[QuotedSpan] = []
    si = 0
    sregions = [_region(s) for s in singles]
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

    # 3. single marks inside each double-quoted span (nested quotes)
    for d in dd.spans:
        lo, hi = d.start, d.end
        if hi - lo < 2:
            continue
        inner = _single_candidates(text, lo, hi, [])
        if len(inner) < 2:
            continue
        ib = [b for b in breaks if lo <= b[0] and b[1] <= hi]
        nd = _decode(text, inner, ib, _SINGLE_COSTS, _rstrip_end(text, lo, hi))
        for s in nd.spans:
            if s.close >= 0 and _nonempty(text, s):
                nested.append(QuotedSpan(s.start, s.end, s.open, s.close, s.paragraphs, True))
                roles[s.open] = "open"
                roles[s.close] = "close"
    nested.sort(key=lambda s: (s.start, s.end))
    return _Analysis(top, nested, roles)


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    # regions are few compared to breaks; a bisect keeps it linear-ish
    import bisect

    k = bisect.bisect_right(regions, (pos, float("inf"))) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


# ---------------------------------------------------------------------------
# public API


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quotations of ``text``: sorted, non-overlapping, non-empty content.

    Never raises; any string gives in-bounds spans. Nested quotes (single quotes in a
    double-quoted quote) stay inside their outer span and are listed by
    :func:`find_nested`.
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


def quote_mark_positions(text: str) -> list[tuple[int, str, str]]:
    """Every quotation-mark character with its role: ``(index, char, role)``.

    ``role`` is ``"open"`` or ``"close"`` for marks that delimit a quotation found
    by :func:`find_quoted_spans` or :func:`find_nested` (a mark reopening a quote on a
    new paragraph counts as ``"open"``), and ``"ambiguous"`` for the rest (stray
    marks, inch marks, unmatched single marks). Apostrophes are not listed.
    """
    try:
        if not isinstance(text, str) or not text:
            return []
        roles = _analyse(text).roles
        out = []
        for m in re.finditer("[" + re.escape(QUOTE_MARKS) + "]", text):
            i = m.start()
            ch = m.group()
            if ch in SINGLE_MARKS and i not in roles and _is_apostrophe(text, i):
                continue
            out.append((i, ch, roles.get(i, "ambiguous")))
        return out
    except Exception:  # pragma: no cover
        return []
