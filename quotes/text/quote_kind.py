"""The kind of a quote (direct, indirect, mixed) from the quotation marks inside its content.

One rule for gold conversion and for the learned models, so that predicted and gold kinds are
decided alike.
"""

from __future__ import annotations

import unicodedata
from typing import Iterator, Optional

DOUBLE_OPEN = "“„‟«〝"
DOUBLE_CLOSE = "”»〞〟"
DOUBLE_EITHER = '"＂'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
_DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER
_SINGLE = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER
_QUOTE_MARKS = _DOUBLE + _SINGLE


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _mark_role(text: str, i: int, width: int, glyph: str, open_levels: list[str]) -> Optional[str]:
    """``open``, ``close`` or None (an apostrophe) for the quotation mark ``text[i:i+width]``.

    The glyph says which way a curly mark faces, but typists get it wrong (an
    opening mark typed at the end of a quote), so the neighbours decide when they
    disagree with it, as Markdown's flanking rules do: a mark that can open has
    a non-space after it and a space or punctuation before; one that can close has a
    non-space before it and a space or punctuation after.
    """
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    level = "d" if glyph in _DOUBLE or width == 2 else "s"
    if level == "s" and prev.isalnum() and nxt.isalnum():
        return None  # don't, Trump’s
    can_open = not nxt.isspace() and (prev.isspace() or _is_punct(prev))
    can_close = not prev.isspace() and (nxt.isspace() or _is_punct(nxt))
    if glyph in DOUBLE_OPEN + SINGLE_OPEN or glyph == "``":
        return "close" if can_close and not can_open else "open"
    if glyph in DOUBLE_CLOSE + SINGLE_CLOSE:
        return "open" if can_open and not can_close else "close"
    if can_open != can_close:
        return "open" if can_open else "close"
    return "close" if level in open_levels else "open"


def _marks(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """``(position, width, glyph)`` of the quotation marks in ``text[start:end]``.

    Two straight apostrophes or two backticks are one double mark, as
    some newspapers and Penn Treebank-style text type them.
    """
    i = start
    while i < end:
        pair = text[i : i + 2]
        if pair in ("''", "``") and i + 2 <= end:
            yield i, 2, pair
            i += 2
            continue
        if text[i] in _QUOTE_MARKS:
            yield i, 1, text[i]
        i += 1


def _paragraph_start(text: str, i: int, lo: int) -> bool:
    j = i
    while j > lo and text[j - 1] in " \t\u00a0":
        j -= 1
    return j > lo and text[j - 1] == "\n"


def quoted_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges of ``text[start:end]`` that lie inside quotation marks, marks included.

    Marks are paired innermost first, per level (double, single). What is left
    unpaired is read the way news text means it: a double mark opened and never
    closed runs to ``end`` (a quote cut by the span, or a multi-paragraph quote), a
    double close with no opener runs from ``start``; an opening double mark at the
    start of a paragraph inside an open quote continues it; unpaired single marks are
    apostrophes (``the voters’ choice``, ``’90s``).
    """
    stack: list[tuple[str, int]] = []
    ranges: list[tuple[int, int]] = []
    for i, width, glyph in _marks(text, start, end):
        level = "d" if glyph in _DOUBLE or width == 2 else "s"
        role = _mark_role(text, i, width, glyph, [lv for lv, _ in stack])
        if role is None:
            continue
        if role == "open":
            if level == "d" and any(lv == "d" for lv, _ in stack) and _paragraph_start(text, i, start):
                continue
            stack.append((level, i))
            continue
        opener = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == level), None)
        if opener is None:
            if level == "d":
                ranges.append((start, i + width))
            continue
        ranges.append((stack[opener][1], i + width))
        del stack[opener:]
    ranges.extend((pos, end) for lv, pos in stack if lv == "d")
    return sorted(ranges)


def content_kind(text: str, fragments: tuple[tuple[int, int], ...]) -> str:
    """``direct``, ``indirect`` or ``mixed`` from the quotation marks of a content.

    Direct when every letter and digit of the content fragments lies inside
    quotation marks (one pair, or several separated only by spaces and punctuation,
    as in a multi-paragraph quote); indirect when no mark pairs up; mixed otherwise
    (a partial quote, or scare quotes inside reported speech). Only the fragments
    count, so an interrupting ``he said`` between them does not make a quote mixed.
    """
    start, end = min(s for s, _ in fragments), max(e for _, e in fragments)
    ranges = quoted_ranges(text, start, end)
    if not ranges:
        return "indirect"
    for s, e in fragments:
        for i in range(s, e):
            if text[i].isalnum() and not any(a <= i < b for a, b in ranges):
                return "mixed"
    return "direct"
