"""The Viterbi decoder that pairs quotation marks: the cheapest consistent reading of a text.

The decoder walks the marks and paragraph breaks of a region in text order. Its states
are *outside*, *inside* a quote, *inside a nested quote* and *reopen pending* (the next
event is the mark that reopens a quote on a new paragraph); the inside states remember
the glyph family of the opening mark, since a quote rarely opens straight and closes
curly. Each mark costs what :mod:`quotes.text.mark_costs` says it costs in its role;
a paragraph break ends an open quote unless the next paragraph is reopened with a mark
or, across a single newline, the quote runs on. The pass is linear in the number of
marks and total on any input.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from quotes.text.mark_costs import INF, Costs, continue_cost, mark_costs
from quotes.text.mark_glyphs import FAMILY

_LINE_ENDS = "\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
# A paragraph break: a whitespace run holding at least one line end.
_BREAK_RE = re.compile("[" + _LINE_ENDS + "]\\s*")  # extended left over spaces in breaks()

# actions
_SKIP, _OPEN, _CLOSE, _NEST, _REOPEN, _CLOSE_NEST = 0, 1, 2, 3, 4, 5
_PASS, _TERM, _CONT, _TO_PEND, _RESTART = 6, 7, 8, 9, 10


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


def make_span(text: str, start: int, end: int, open_: int, close: int, paras: int, nested: bool = False) -> QuotedSpan:
    """A span whose content is trimmed of surrounding whitespace (``« Oui »``, ``” Olmecs”``)."""
    end = max(start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuotedSpan(start, end, open_, close, paras, nested)


@dataclass
class Decoded:
    spans: list[QuotedSpan]
    nested: list[QuotedSpan]
    roles: dict[int, str]  # mark index -> "open" | "close"


@dataclass(frozen=True)
class _States:
    """The state numbering for ``families`` glyph families present in a region.

    0 outside; ``inside + f`` inside a quote opened with family f; ``pending + f``
    reopen pending; ``nested + f`` inside a nested quote.
    """

    families: int

    @property
    def count(self) -> int:
        return 1 + 3 * self.families

    @property
    def inside(self) -> int:
        return 1

    @property
    def pending(self) -> int:
        return 1 + self.families

    @property
    def nested(self) -> int:
        return 1 + 2 * self.families


def breaks(text: str) -> list[tuple[int, int, bool]]:
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


def _events(
    text: str,
    marks: list[tuple[int, str]],
    brks: list[tuple[int, int, bool]],
    costs: Costs,
    fam_index: dict[int, int],
) -> list[tuple]:
    """One event list in text order: ``(0, pos, open, close, nest, family)`` for a mark,
    ``(1, pos, continue cost, reopened next)`` for a break. Marks never sit inside
    breaks (breaks are whitespace)."""
    mark_starts = {m for m, _ in marks}
    events: list[tuple] = []
    bi, nb = 0, len(brks)
    for m, glyph in marks:
        while bi < nb and brks[bi][0] < m:
            s, e, hard = brks[bi]
            events.append((1, s, continue_cost(text, s, hard, costs), e in mark_starts))
            bi += 1
        oc, cc, nc = mark_costs(text, m, glyph)
        events.append((0, m, oc, cc, nc, fam_index[FAMILY.get(glyph, 0)]))
    for s, e, hard in brks[bi:]:
        events.append((1, s, continue_cost(text, s, hard, costs), False))
    return events


def _mark_step(cost: list[float], ev: tuple, st: _States, costs: Costs) -> tuple[list[float], list[int]]:
    """Costs and back pointers (previous state * 16 + action) after the mark ``ev``."""
    S, IN, PEND, IN2 = st.count, st.inside, st.pending, st.nested
    skip, term = costs.skip, costs.terminate
    new = [INF] * S
    bp = [-1] * S
    _, _pos, oc, cc, nc, g = ev
    c0 = cost[0]
    new[0], bp[0] = c0 + skip, _SKIP
    best_in, best_bp = c0 + oc, _OPEN
    for f in range(st.families):
        ci = cost[IN + f]
        if ci < INF:
            v = ci + cc + (costs.family_close if f != g else 0.0)
            if v < new[0]:
                new[0], bp[0] = v, (IN + f) * 16 + _CLOSE
            v = ci + skip
            if v < new[IN + f]:
                new[IN + f], bp[IN + f] = v, (IN + f) * 16 + _SKIP
            if costs.allow_nest:
                v = ci + nc + costs.nest
                if v < new[IN2 + f]:
                    new[IN2 + f], bp[IN2 + f] = v, (IN + f) * 16 + _NEST
            # a quote whose closing mark is missing ends where the next one opens
            v = ci + term + oc
            if v < best_in:
                best_in, best_bp = v, (IN + f) * 16 + _RESTART
        cp = cost[PEND + f]
        if cp < INF:
            v = cp + oc + (costs.family_reopen if f != g else 0.0)
            if v < new[IN + f]:
                new[IN + f], bp[IN + f] = v, (PEND + f) * 16 + _REOPEN
        c2 = cost[IN2 + f]
        if c2 < INF:
            v = c2 + cc
            if v < new[IN + f]:
                new[IN + f], bp[IN + f] = v, (IN2 + f) * 16 + _CLOSE_NEST
            v = c2 + skip
            if v < new[IN2 + f]:
                new[IN2 + f], bp[IN2 + f] = v, (IN2 + f) * 16 + _SKIP
    if best_in < new[IN + g]:
        new[IN + g], bp[IN + g] = best_in, best_bp
    return new, bp


def _break_step(cost: list[float], ev: tuple, st: _States, costs: Costs) -> tuple[list[float], list[int]]:
    """Costs and back pointers after the paragraph break ``ev``."""
    S, IN, PEND, IN2 = st.count, st.inside, st.pending, st.nested
    term = costs.terminate
    new = [INF] * S
    bp = [-1] * S
    _, _s, cont, reopen_next = ev
    new[0], bp[0] = cost[0], _PASS
    for f in range(st.families):
        ci = cost[IN + f]
        if ci < INF:
            v = ci + term
            if v < new[0]:
                new[0], bp[0] = v, (IN + f) * 16 + _TERM
            if cont < INF:
                new[IN + f], bp[IN + f] = ci + cont, (IN + f) * 16 + _CONT
            if reopen_next:
                new[PEND + f], bp[PEND + f] = ci, (IN + f) * 16 + _TO_PEND
        c2 = cost[IN2 + f]
        if c2 < INF:
            v = c2 + term + 1.0
            if v < new[0]:
                new[0], bp[0] = v, (IN2 + f) * 16 + _TERM
    return new, bp


def _best_actions(events: list[tuple], st: _States, costs: Costs) -> list[int]:
    """The action taken at each event on the cheapest path (forward pass, then back pointers)."""
    S = st.count
    # back pointers, S per event in one flat array: previous state * 16 + action (-1: unreachable)
    idle_break = [_PASS] + [-1] * (S - 1)  # a break seen from outside with nothing open
    cost = [INF] * S
    cost[0] = 0.0
    back = array("h")
    for ev in events:
        if ev[0] == 1 and min(cost[1:]) == INF:
            back.extend(idle_break)
            continue
        step = _mark_step if ev[0] == 0 else _break_step
        cost, bp = step(cost, ev, st, costs)
        back.extend(bp)

    # at the end of the region an open quote is unclosed
    term = costs.terminate
    state, best = 0, cost[0]
    for f in range(st.families):
        for s, extra in ((st.inside + f, term), (st.nested + f, term + 1.0)):
            if cost[s] + extra < best:
                state, best = s, cost[s] + extra

    actions = [0] * len(events)
    for k in range(len(events) - 1, -1, -1):
        b = back[k * S + state]
        if b < 0:  # unreachable by construction; stay total anyway
            b = _SKIP if events[k][0] == 0 else _PASS
        state, actions[k] = divmod(b, 16)
    return actions


def _read_spans(text: str, marks: list[tuple[int, str]], events: list[tuple], actions: list[int], end: int) -> Decoded:
    """The spans, nested spans and mark roles that the chosen actions spell out."""
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
            spans.append(make_span(text, cur_open + glyph_len[cur_open], pos, cur_open, pos, paras))
            cur_open, nest_open = -1, -1
        elif act == _REOPEN:
            roles[pos] = "open"
        elif act == _RESTART:
            if cur_open >= 0:
                start = cur_open + glyph_len[cur_open]
                spans.append(make_span(text, start, pos, cur_open, -1, paras))
            cur_open, paras, nest_open = pos, 1, -1
            roles[pos] = "open"
        elif act == _NEST:
            nest_open = pos
        elif act == _CLOSE_NEST and nest_open >= 0:
            roles[nest_open] = "open"
            roles[pos] = "close"
            nested.append(make_span(text, nest_open + glyph_len[nest_open], pos, nest_open, pos, 1, True))
            nest_open = -1
        elif act == _TERM and cur_open >= 0:
            start = cur_open + glyph_len[cur_open]
            spans.append(make_span(text, start, pos, cur_open, -1, paras))
            cur_open, nest_open = -1, -1
        elif act in (_CONT, _TO_PEND):
            paras += 1
    if cur_open >= 0:
        start = cur_open + glyph_len[cur_open]
        spans.append(make_span(text, start, end, cur_open, -1, paras))
    return Decoded(spans, nested, roles)


def decode(
    text: str,
    marks: list[tuple[int, str]],
    brks: list[tuple[int, int, bool]],
    costs: Costs,
    end: int,
) -> Decoded:
    """Cheapest consistent reading of ``marks`` ((index, glyph), sorted) over the breaks ``brks``.

    ``end`` is where a quote still open at the end of the region stops.
    """
    # Only the glyph families present take part (most texts use one or two).
    present = sorted({FAMILY.get(g, 0) for _, g in marks}) or [0]
    fam_index = {f: k for k, f in enumerate(present)}
    st = _States(len(present))
    events = _events(text, marks, brks, costs, fam_index)
    actions = _best_actions(events, st, costs)
    return _read_spans(text, marks, events, actions, end)
