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

Offsets are Python ``str`` indices into the text exactly as given.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass

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

# Glyph families: 0 straight, 1 curly, 2 guillemets.
_FAMILY = {
    '"': 0, "\uff02": 0, "''": 0, "``": 0, "'": 0,
    "\u201c": 1, "\u201d": 1, "\u201e": 1, "\u201f": 1,
    "\u2018": 1, "\u2019": 1, "\u201a": 1, "\u201b": 1,
    "\u2018\u2018": 1, "\u2019\u2019": 1,
    "\u00ab": 2, "\u00bb": 2, "\u2039": 2, "\u203a": 2,
}
_GUILLEMETS = "\u00ab\u00bb\u2039\u203a"
_OPEN_GLYPHS = ("\u2018\u2018", "\u201c", "\u201e", "\u201f", "\u00ab", "\u2018", "\u201a", "\u201b", "\u2039", "``")
_CLOSE_GLYPHS = ("\u2019\u2019", "\u201d", "\u00bb", "\u2019", "\u203a")
_LOW_GLYPHS = ("\u201e", "\u201a", "``")  # „ ‚ `` only ever open a quote
_APOSTROPHE_GLYPHS = "'\u2019\u2018\u201b"

_LINE_ENDS = "\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
# A paragraph break: a whitespace run holding at least one line end.
_BREAK_RE = re.compile("[" + _LINE_ENDS + "]\\s*")  # extended left over spaces in _breaks
# Candidates for double marks. Two apostrophes or backticks typed for a double mark
# (``''smart,''``) count as one; _double_marks joins them (a charset scans fast).
_DOUBLE_SCAN_RE = re.compile("[" + re.escape(DOUBLE_MARKS) + "'`\u2018\u2019]")
_DOUBLED = ("'", "`", "\u2018", "\u2019")
_SINGLE_RE = re.compile("[" + re.escape(SINGLE_MARKS) + "]")
_ANY_MARK_RE = re.compile("``|[" + re.escape(QUOTE_MARKS) + "]")

# Words elided with a leading apostrophe: ’em, ’til, ’tis, ’twas, ’cause, ’n’.
_ELISION_RE = re.compile(r"(?:em|til|tis|twas|cause|cos|cuz|bout|n)(?![^\W\d_])", re.IGNORECASE)
_DECADE_RE = re.compile(r"\d\d(?:s|\b)")
# A reporting verb right after a mark (`“said the ministry.”`): the mark closes a quote.
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

    ``start``/``end`` delimit the content (inside the marks, end exclusive, trimmed
    of surrounding whitespace); ``open`` and ``close`` are the indices of the marks
    themselves, ``close`` is -1 when the quote was never closed: it then ends at its
    paragraph end, or just before the next quote opened in the same paragraph. A
    quote reopened on each paragraph is one span, ``paragraphs`` says over how many
    paragraphs (lines) it runs. A mark is one character, or two for a doubled
    ``''`` typed as a double mark.
    """

    start: int
    end: int
    open: int
    close: int
    paragraphs: int
    nested: bool = False


# ---------------------------------------------------------------------------
# costs of reading a mark one way or the other


@dataclass(frozen=True)
class _Costs:
    """Costs of the decoding; doubles and singles differ in how cheap a stray mark is."""

    skip: float  # a mark that is neither opening nor closing (stray, inch mark, apostrophe)
    terminate: float  # an open quote that ends at a paragraph end without a closing mark
    soft_continue: float  # an open quote that runs on over a single newline without reopening
    wrap_continue: float  # the same when the line ends mid-sentence (hard-wrapped text)
    nest: float  # extra cost for opening a quote inside a quote
    allow_nest: bool
    family_close: float = 1.0  # closing with another glyph family than the opening mark
    family_reopen: float = 3.0  # reopening a paragraph with another glyph family


_DOUBLE_COSTS = _Costs(skip=3.5, terminate=2.5, soft_continue=1.5, wrap_continue=0.3, nest=1.5, allow_nest=True)
_SINGLE_COSTS = _Costs(skip=1.2, terminate=4.0, soft_continue=2.5, wrap_continue=0.5, nest=0.0, allow_nest=False)


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
    if ch in QUOTE_MARKS or ch == "`":
        return "mark"
    return "other"


def _neighbours(text: str, i: int, length: int) -> tuple[str, str]:
    """The characters left and right of the mark ``text[i:i+length]`` ('' at the text ends).

    Guillemets are written with a (thin) space inside in French (``« Oui »``), so
    spaces on their inner side are looked through.
    """
    n = len(text)
    left = text[i - 1] if i > 0 else ""
    right = text[i + length] if i + length < n else ""
    if text[i] in _GUILLEMETS:
        j = i + 1
        while j < n and j < i + 3 and text[j] in _THIN_SPACES:
            j += 1
        k = i - 1
        while k >= 0 and k > i - 3 and text[k] in _THIN_SPACES:
            k -= 1
        r2 = text[j] if j < n else ""
        l2 = text[k] if k >= 0 else ""
        if r2.isalnum() and (not left or left.isspace() or left in _OPEN_BRACKETS):
            right = r2  # « Oui
        elif l2 and (l2.isalnum() or l2 in _CLAUSE_PUNCT) and (not right or right.isspace()):
            left = l2  # Oui »
    return left, right


def _prev_nonspace(text: str, i: int) -> str:
    k = i - 1
    while k >= 0 and k > i - 4 and text[k] in _THIN_SPACES:
        k -= 1
    return text[k] if k >= 0 else " "  # the text start reads like a blank


def _mark_costs(text: str, i: int, glyph: str) -> tuple[float, float, float]:
    """(cost as an opening mark, as a closing mark, as an opening mark nested in a quote)."""
    length = len(glyph)
    left, right = _neighbours(text, i, length)
    lc, rc = _char_class(left), _char_class(right)
    lo = lc in ("space", "open", "mark")
    ro = rc in ("space", "close", "punct", "dash", "mark")
    prev = _prev_nonspace(text, i)
    cue_after = bool(_CUE_AFTER_RE.match(text, i + length, i + length + 13))

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
        oc = 2.0  # blank on both sides: ambiguous
    elif lc == "punct" and rc in ("word", "other"):
        oc = 1.5  # run together: ,“said / .“We
    elif lc in ("word", "other") and rc in ("word", "other"):
        oc = 2.5
    elif lc == "punct":
        oc = 3.75  # looks like a closing mark after punctuation
    else:
        oc = 4.0  # looks like a closing mark after a word
    if cue_after:
        oc += 2.5  # a quotation hardly starts with a lowercase reporting verb

    # --- as a closing mark
    if lc in ("word", "punct", "other", "close") and ro:
        cc = 0.0
    elif lc == "punct" and rc in ("word", "other"):
        cc = 1.0  # .”Another
    elif lc == "mark" and ro:
        cc = 0.5
    elif lc in ("word", "other") and rc in ("word", "other"):
        cc = 2.5
    elif lo and ro:
        # blank on both sides: a closing mark typed loose (`deeper levels. “`) when
        # punctuation precedes it, else ambiguous
        cc = 0.5 if prev in _CLAUSE_PUNCT else 2.0
    elif cue_after and (prev in _CLAUSE_PUNCT or prev.isalnum()):
        cc = 0.5  # a closing mark typed the wrong way round: `stability, “said the ministry.”`
    elif prev in _CLAUSE_PUNCT:
        cc = 1.5
    else:
        cc = 4.0  # looks like an opening mark

    # --- glyph direction is a weak hint (typos, German and Swedish conventions)
    if glyph in _LOW_GLYPHS:
        cc += 4.0
    elif glyph in _OPEN_GLYPHS:
        cc += 0.5
    elif glyph in _CLOSE_GLYPHS:
        oc += 0.5

    # --- a quote inside a quote: rare right after clause punctuation or before a cue
    nest = oc
    if prev in _CLAUSE_PUNCT:
        nest += 3.0
    if cue_after:
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
    if right and right in "sS" and left and not left.isspace() and not text[i + 2 : i + 3].isalpha():
        return True  # the “Group of Friends”’s plan
    if not left.isalnum():
        if right.isdigit() and _DECADE_RE.match(text, i + 1):
            return True  # ’90s
        if right.isalpha() and _ELISION_RE.match(text, i + 1):
            if right in "nN":  # ’n’ needs its second mark
                return i + 2 < n and text[i + 2] in _APOSTROPHE_GLYPHS
            return True
    if left in "nN" and i >= 2 and text[i - 2] in _APOSTROPHE_GLYPHS and not right.isalnum():
        if i < 3 or not text[i - 3].isalnum():
            return True  # second mark of ’n’
    return False


def _span(text: str, start: int, end: int, open_: int, close: int, paras: int, nested: bool = False) -> QuotedSpan:
    """A span whose content is trimmed of surrounding whitespace (``« Oui »``, ``” Olmecs”``)."""
    end = max(start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuotedSpan(start, end, open_, close, paras, nested)


# ---------------------------------------------------------------------------
# decoding

# actions
_SKIP, _OPEN, _CLOSE, _NEST, _REOPEN, _CLOSE_NEST = 0, 1, 2, 3, 4, 5
_PASS, _TERM, _CONT, _TO_PEND, _RESTART = 6, 7, 8, 9, 10
_INF = float("inf")


@dataclass
class _Decoded:
    spans: list[QuotedSpan]
    nested: list[QuotedSpan]
    roles: dict[int, str]  # mark index -> "open" | "close"


def _breaks(text: str) -> list[tuple[int, int, bool]]:
    """Paragraph breaks: (run start, run end, hard) for whitespace runs holding a line end.

    A run with two line ends (a blank line) is a hard break; a single newline is soft:
    scraped texts both separate paragraphs and wrap lines with it.
    """
    out = []
    for m in _BREAK_RE.finditer(text):
        s, e = m.span()
        while s > 0 and text[s - 1].isspace() and text[s - 1] not in _LINE_ENDS:
            s -= 1
        run = text[s:e]
        ends = sum(run.count(c) for c in _LINE_ENDS) - run.count("\r\n")
        out.append((s, e, ends >= 2 or "\u2029" in run))
    return out


def _continue_cost(text: str, s: int, hard: bool, costs: _Costs) -> float:
    """Cost of an open quote running on over the break starting at ``s`` without a new mark.

    Never over a blank line; cheaply over a newline that cuts a sentence (hard-wrapped
    lines); at a price over a newline after a sentence end (a paragraph of its own).
    """
    if hard:
        return _INF
    prev = text[s - 1] if s > 0 else " "
    if prev.isalnum() or prev in ",;-\u2013\u2014(":
        return costs.wrap_continue
    return costs.soft_continue


def _decode(
    text: str,
    marks: list[tuple[int, str]],
    breaks: list[tuple[int, int, bool]],
    costs: _Costs,
    end: int,
) -> _Decoded:
    """Cheapest consistent reading of ``marks`` ((index, glyph), sorted) over ``breaks``.

    ``end`` is where a quote still open at the end of the region stops.
    States: 0 outside; 1+f inside a quote opened with family f; 1+F+f reopen pending
    (the next event is the mark reopening the paragraph); 1+2F+f inside a nested quote.
    """
    # Only the glyph families present take part (most texts use one or two).
    present = sorted({_FAMILY.get(g, 0) for _, g in marks}) or [0]
    fam_index = {f: k for k, f in enumerate(present)}
    F = len(present)
    S = 1 + 3 * F
    IN, PEND, IN2 = 1, 1 + F, 1 + 2 * F
    fams = range(F)

    # One event list in text order; marks never sit inside breaks (breaks are whitespace).
    mark_starts = {m for m, _ in marks}
    events: list[tuple] = []
    bi, nb = 0, len(breaks)
    for m, glyph in marks:
        while bi < nb and breaks[bi][0] < m:
            s, e, hard = breaks[bi]
            events.append((1, s, _continue_cost(text, s, hard, costs), e in mark_starts))
            bi += 1
        oc, cc, nc = _mark_costs(text, m, glyph)
        events.append((0, m, oc, cc, nc, fam_index[_FAMILY.get(glyph, 0)]))
    for s, e, hard in breaks[bi:]:
        events.append((1, s, _continue_cost(text, s, hard, costs), False))

    skip, term = costs.skip, costs.terminate
    nest_extra, allow_nest = costs.nest, costs.allow_nest
    fam_close, fam_reopen = costs.family_close, costs.family_reopen

    # back pointers, S per event in one flat array: previous state * 16 + action (-1: unreachable)
    idle_break = [_PASS] + [-1] * (S - 1)  # a break seen from outside with nothing open
    cost = [_INF] * S
    cost[0] = 0.0
    back = array("h")
    for ev in events:
        if ev[0] == 1 and min(cost[1:]) == _INF:
            back.extend(idle_break)
            continue
        new = [_INF] * S
        bp = [-1] * S
        if ev[0] == 0:
            _, _pos, oc, cc, nc, g = ev
            c0 = cost[0]
            new[0], bp[0] = c0 + skip, _SKIP
            best_in, best_bp = c0 + oc, _OPEN
            for f in fams:
                ci = cost[IN + f]
                if ci < _INF:
                    v = ci + cc + (fam_close if f != g else 0.0)
                    if v < new[0]:
                        new[0], bp[0] = v, (IN + f) * 16 + _CLOSE
                    v = ci + skip
                    if v < new[IN + f]:
                        new[IN + f], bp[IN + f] = v, (IN + f) * 16 + _SKIP
                    if allow_nest:
                        v = ci + nc + nest_extra
                        if v < new[IN2 + f]:
                            new[IN2 + f], bp[IN2 + f] = v, (IN + f) * 16 + _NEST
                    # a quote whose closing mark is missing ends where the next one opens
                    v = ci + term + oc
                    if v < best_in:
                        best_in, best_bp = v, (IN + f) * 16 + _RESTART
                cp = cost[PEND + f]
                if cp < _INF:
                    v = cp + oc + (fam_reopen if f != g else 0.0)
                    if v < new[IN + f]:
                        new[IN + f], bp[IN + f] = v, (PEND + f) * 16 + _REOPEN
                c2 = cost[IN2 + f]
                if c2 < _INF:
                    v = c2 + cc
                    if v < new[IN + f]:
                        new[IN + f], bp[IN + f] = v, (IN2 + f) * 16 + _CLOSE_NEST
                    v = c2 + skip
                    if v < new[IN2 + f]:
                        new[IN2 + f], bp[IN2 + f] = v, (IN2 + f) * 16 + _SKIP
            if best_in < new[IN + g]:
                new[IN + g], bp[IN + g] = best_in, best_bp
        else:
            _, _s, cont, reopen_next = ev
            new[0], bp[0] = cost[0], _PASS
            for f in fams:
                ci = cost[IN + f]
                if ci < _INF:
                    v = ci + term
                    if v < new[0]:
                        new[0], bp[0] = v, (IN + f) * 16 + _TERM
                    if cont < _INF:
                        new[IN + f], bp[IN + f] = ci + cont, (IN + f) * 16 + _CONT
                    if reopen_next:
                        new[PEND + f], bp[PEND + f] = ci, (IN + f) * 16 + _TO_PEND
                c2 = cost[IN2 + f]
                if c2 < _INF:
                    v = c2 + term + 1.0
                    if v < new[0]:
                        new[0], bp[0] = v, (IN2 + f) * 16 + _TERM
        back.extend(bp)
        cost = new

    # at the end of the region an open quote is unclosed
    state, best = 0, cost[0]
    for f in fams:
        for st, extra in ((IN + f, term), (IN2 + f, term + 1.0)):
            if cost[st] + extra < best:
                state, best = st, cost[st] + extra

    actions = [0] * len(events)
    for k in range(len(events) - 1, -1, -1):
        b = back[k * S + state]
        if b < 0:  # unreachable by construction; stay total anyway
            b = _SKIP if events[k][0] == 0 else _PASS
        state, actions[k] = divmod(b, 16)

    # forward: spans from the chosen actions
    spans: list[QuotedSpan] = []
    nested: list[QuotedSpan] = []
    roles: dict[int, str] = {}
    glyph_len = {m: len(g) for m, g in marks}
    cur_open, paras, nest_open = -1, 1, -1
    for ev, act in zip(events, actions):
        pos = ev[1]
        if act == _OPEN:
            cur_open, paras = pos, 1
            roles[pos] = "open"
        elif act == _CLOSE and cur_open >= 0:
            roles[pos] = "close"
            spans.append(_span(text, cur_open + glyph_len[cur_open], pos, cur_open, pos, paras))
            cur_open, nest_open = -1, -1
        elif act == _REOPEN:
            roles[pos] = "open"
        elif act == _RESTART:
            if cur_open >= 0:
                start = cur_open + glyph_len[cur_open]
                spans.append(_span(text, start, pos, cur_open, -1, paras))
            cur_open, paras, nest_open = pos, 1, -1
            roles[pos] = "open"
        elif act == _NEST:
            nest_open = pos
        elif act == _CLOSE_NEST and nest_open >= 0:
            roles[nest_open] = "open"
            roles[pos] = "close"
            nested.append(_span(text, nest_open + glyph_len[nest_open], pos, nest_open, pos, 1, True))
            nest_open = -1
        elif act == _TERM and cur_open >= 0:
            start = cur_open + glyph_len[cur_open]
            spans.append(_span(text, start, pos, cur_open, -1, paras))
            cur_open, nest_open = -1, -1
        elif act in (_CONT, _TO_PEND):
            paras += 1
    if cur_open >= 0:
        start = cur_open + glyph_len[cur_open]
        spans.append(_span(text, start, end, cur_open, -1, paras))
    return _Decoded(spans, nested, roles)


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
    k = bisect.bisect_right(regions, (pos, _INF)) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


def _single_candidates(
    text: str, lo: int, hi: int, excluded: list[tuple[int, int]], taken: set[int]
) -> list[tuple[int, str]]:
    """Single marks in ``[lo, hi)`` that are not apostrophes, not part of a doubled
    mark (``taken``) and not inside an ``excluded`` range (sorted, disjoint)."""
    out = []
    for m in _SINGLE_RE.finditer(text, lo, hi):
        i = m.start()
        if i in taken or (excluded and _inside(i, excluded)) or _is_apostrophe(text, i):
            continue
        out.append((i, m.group()))
    return out


def _double_marks(text: str) -> list[tuple[int, str]]:
    """(index, glyph) of the double marks; two single marks typed for a double mark are one.

    In a run of three apostrophes one is a nested single mark: after a word the run
    closes the nested quote then the outer one (``,'''``), before a word it opens the
    outer one then the nested one.
    """
    out = []
    n = len(text)
    after = -1  # end of the last run of doubled single marks
    for m in _DOUBLE_SCAN_RE.finditer(text):
        i = m.start()
        if i < after:
            continue
        ch = m.group()
        if ch not in _DOUBLED:
            out.append((i, ch))
            continue
        j = i + 1
        while j < n and text[j] == ch:
            j += 1
        after = j
        if j - i == 1:
            continue  # a lone single mark: the single-mark passes decide
        if j - i == 2:
            out.append((i, ch * 2))
        elif ch == "'":
            opening = i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_BRACKETS
            out.append((i, "''") if opening else (j - 2, "''"))
    return out



@dataclass
class _Analysis:
    top: list[QuotedSpan]
    nested: list[QuotedSpan]
    roles: dict[int, str]


def _analyse(text: str) -> _Analysis:
    if not isinstance(text, str) or not text:
        return _Analysis([], [], {})
    n = len(text)
    breaks = _breaks(text)
    break_starts = [b[0] for b in breaks]
    end = len(text.rstrip())

    # 1. double marks over the whole text
    dmarks = _double_marks(text)
    taken = {i + k for i, g in dmarks if len(g) > 1 for k in range(len(g))}
    dd = _decode(text, dmarks, breaks, _DOUBLE_COSTS, end)
    roles = dict(dd.roles)
    doubles = [s for s in dd.spans if _nonempty(text, s)]
    _forget_empty(roles, dd.spans + dd.nested)
    nested = [s for s in dd.nested if _nonempty(text, s)]
    dregions = sorted(_region(s) for s in dd.spans)

    # 2. single marks outside double-quoted spans (primary single quotes)
    smarks = _single_candidates(text, 0, n, dregions, taken)
    if smarks:
        outer_breaks = [b for b in breaks if not _inside(b[0], dregions)]
        sd = _decode(text, smarks, outer_breaks, _SINGLE_COSTS, end)
        roles.update(sd.roles)
        singles = [s for s in sd.spans if _nonempty(text, s)]
        _forget_empty(roles, sd.spans)
    else:
        singles = []

    # a single-quoted span wholly containing double-quoted ones makes them nested
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

    # 3. single marks inside each double-quoted span (nested quotes)
    for d in dd.spans:
        lo, hi = d.start, d.end
        inner = _single_candidates(text, lo, hi, [], taken) if hi - lo >= 2 else []
        if len(inner) < 2:
            continue
        k = bisect.bisect_left(break_starts, lo)
        ib = []
        while k < len(breaks) and breaks[k][1] <= hi:
            ib.append(breaks[k])
            k += 1
        nd = _decode(text, inner, ib, _SINGLE_COSTS, _rstrip_end(text, lo, hi))
        for s in nd.spans:
            if s.close >= 0 and _nonempty(text, s):
                nested.append(QuotedSpan(s.start, s.end, s.open, s.close, s.paragraphs, True))
                roles[s.open] = "open"
                roles[s.close] = "close"
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
        doubled = {i: g for i, g in _double_marks(text) if len(g) > 1}
        out = []
        skip_to = -1
        for m in _ANY_MARK_RE.finditer(text):
            i, glyph = m.start(), m.group()
            if i < skip_to:
                continue
            if i in doubled:
                glyph = doubled[i]
                skip_to = i + len(glyph)
            elif glyph in SINGLE_MARKS and i not in roles and _is_apostrophe(text, i):
                continue
            out.append((i, glyph, roles.get(i, "ambiguous")))
        return out
    except Exception:  # pragma: no cover
        return []
