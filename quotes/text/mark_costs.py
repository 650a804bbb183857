"""The cost model of mark pairing: how cheaply each mark reads as opening or closing a quote.

A mark's neighbours say most: a mark between a space and a word opens (`` “We``), one
between a word or punctuation and a space closes (``down,” she``). The glyph's direction
is only a weak hint, since typists get it wrong (``...at deeper levels. “``) and German
and Swedish conventions turn it round; a lowercase reporting verb right after a mark
(``“said the ministry``) makes it a closing one. Quotes that run on over a line break
without a new mark are cheap when the line ends mid-sentence (hard-wrapped text) and
never allowed over a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.text.mark_glyphs import CLOSE_GLYPHS, GUILLEMETS, LOW_GLYPHS, OPEN_BRACKETS, OPEN_GLYPHS, QUOTE_MARKS

INF = float("inf")

# A reporting verb right after a mark (`“said the ministry.”`): the mark closes a quote.
_CUE_AFTER_RE = re.compile(
    r"\s?(?:said|says|say|told|tells|added|adds|asked|asks|according|stated|states|wrote|writes|"
    r"explained|noted|continued|replied|insisted|argued|declared|stressed)\b"
)
_CLAUSE_PUNCT = ",.;:!?\u2026"
_CLOSE_BRACKETS = ")]}>"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015/"
_THIN_SPACES = " \u00a0\u202f\u2009\u200a\u2007"


@dataclass(frozen=True)
class Costs:
    """Costs of the decoding; doubles and singles differ in how cheap a stray mark is."""

    skip: float  # a mark that is neither opening nor closing (stray, inch mark, apostrophe)
    terminate: float  # an open quote that ends at a paragraph end without a closing mark
    soft_continue: float  # an open quote that runs on over a single newline without reopening
    wrap_continue: float  # the same when the line ends mid-sentence (hard-wrapped text)
    nest: float  # extra cost for opening a quote inside a quote
    allow_nest: bool
    family_close: float = 1.0  # closing with another glyph family than the opening mark
    family_reopen: float = 3.0  # reopening a paragraph with another glyph family


DOUBLE_COSTS = Costs(skip=3.5, terminate=2.5, soft_continue=1.5, wrap_continue=0.3, nest=1.5, allow_nest=True)
SINGLE_COSTS = Costs(skip=1.2, terminate=4.0, soft_continue=2.5, wrap_continue=0.5, nest=0.0, allow_nest=False)


def _char_class(ch: str) -> str:
    """Coarse class of a neighbour character: space, word, punct, open, close, dash, mark, other."""
    if not ch or ch.isspace():
        return "space"
    if ch.isalnum():
        return "word"
    if ch in _CLAUSE_PUNCT:
        return "punct"
    if ch in OPEN_BRACKETS:
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
    if text[i] in GUILLEMETS:
        j = i + 1
        while j < n and j < i + 3 and text[j] in _THIN_SPACES:
            j += 1
        k = i - 1
        while k >= 0 and k > i - 3 and text[k] in _THIN_SPACES:
            k -= 1
        r2 = text[j] if j < n else ""
        l2 = text[k] if k >= 0 else ""
        if r2.isalnum() and (not left or left.isspace() or left in OPEN_BRACKETS):
            right = r2  # « Oui
        elif l2 and (l2.isalnum() or l2 in _CLAUSE_PUNCT) and (not right or right.isspace()):
            left = l2  # Oui »
    return left, right


def _prev_nonspace(text: str, i: int) -> str:
    k = i - 1
    while k >= 0 and k > i - 4 and text[k] in _THIN_SPACES:
        k -= 1
    return text[k] if k >= 0 else " "  # the text start reads like a blank


def _opening_cost(left: str, lc: str, rc: str, lo: bool, ro: bool) -> float:
    """Cost of the mark opening a quote, from its neighbours' classes."""
    if lo and rc == "word":
        return 0.0
    if left == ":" and rc in ("word", "other"):
        return 0.5  # said:“We ...
    if lc == "dash" and rc == "word":
        return 0.5
    if lo and rc == "other":
        return 0.5  # “$5 billion”, “[They] ...”
    if lo and rc == "punct":
        return 1.5  # “…and then”
    if lo and ro:
        return 2.0  # blank on both sides: ambiguous
    if lc == "punct" and rc in ("word", "other"):
        return 1.5  # run together: ,“said / .“We
    if lc in ("word", "other") and rc in ("word", "other"):
        return 2.5
    if lc == "punct":
        return 3.75  # looks like a closing mark after punctuation
    return 4.0  # looks like a closing mark after a word


def _closing_cost(lc: str, rc: str, lo: bool, ro: bool, prev: str, cue_after: bool) -> float:
    """Cost of the mark closing a quote, from its neighbours' classes."""
    if lc in ("word", "punct", "other", "close") and ro:
        return 0.0
    if lc == "punct" and rc in ("word", "other"):
        return 1.0  # .”Another
    if lc == "mark" and ro:
        return 0.5
    if lc in ("word", "other") and rc in ("word", "other"):
        return 2.5
    if lo and ro:
        # blank on both sides: a closing mark typed loose (`deeper levels. “`) when
        # punctuation precedes it, else ambiguous
        return 0.5 if prev in _CLAUSE_PUNCT else 2.0
    if cue_after and (prev in _CLAUSE_PUNCT or prev.isalnum()):
        return 0.5  # a closing mark typed the wrong way round: `stability, “said the ministry.”`
    if prev in _CLAUSE_PUNCT:
        return 1.5
    return 4.0  # looks like an opening mark


def mark_costs(text: str, i: int, glyph: str) -> tuple[float, float, float]:
    """(cost as an opening mark, as a closing mark, as an opening mark nested in a quote)."""
    length = len(glyph)
    left, right = _neighbours(text, i, length)
    lc, rc = _char_class(left), _char_class(right)
    lo = lc in ("space", "open", "mark")
    ro = rc in ("space", "close", "punct", "dash", "mark")
    prev = _prev_nonspace(text, i)
    cue_after = bool(_CUE_AFTER_RE.match(text, i + length, i + length + 13))

    oc = _opening_cost(left, lc, rc, lo, ro)
    if cue_after:
        oc += 2.5  # a quotation hardly starts with a lowercase reporting verb
    cc = _closing_cost(lc, rc, lo, ro, prev, cue_after)

    # --- glyph direction is a weak hint (typos, German and Swedish conventions)
    if glyph in LOW_GLYPHS:
        cc += 4.0
    elif glyph in OPEN_GLYPHS:
        cc += 0.5
    elif glyph in CLOSE_GLYPHS:
        oc += 0.5

    # --- a quote inside a quote: rare right after clause punctuation or before a cue
    nest = oc
    if prev in _CLAUSE_PUNCT:
        nest += 3.0
    if cue_after:
        nest += 5.0
    return oc, cc, nest


def continue_cost(text: str, s: int, hard: bool, costs: Costs) -> float:
    """Cost of an open quote running on over the break starting at ``s`` without a new mark.

    Never over a blank line; cheaply over a newline that cuts a sentence (hard-wrapped
    lines); at a price over a newline after a sentence end (a paragraph of its own).
    """
    if hard:
        return INF
    prev = text[s - 1] if s > 0 else " "
    if prev.isalnum() or prev in ",;-\u2013\u2014(":
        return costs.wrap_continue
    return costs.soft_continue
