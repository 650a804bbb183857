"""What counts as a quotation mark: glyphs, glyph families, apostrophes and doubled marks.

News text types quotation marks every way: straight and curly, guillemets (French
``« »`` and German reversed ``» «``), German low-high ``„ “``, and two apostrophes or
backticks for one double mark (``''smart,''``). Single marks are far more often
apostrophes (``don’t``, ``Russia’s``, ``’90s``, ``rock ’n’ roll``) than quotes, so
:func:`is_apostrophe` keeps those out of the pairing altogether.
"""

from __future__ import annotations

import re

DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02'  # " “ ” „ ‟ « » ＂
SINGLE_MARKS = "'\u2018\u2019\u201a\u201b\u2039\u203a"  # ' ‘ ’ ‚ ‛ ‹ ›
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS

# Glyph families: 0 straight, 1 curly, 2 guillemets.
FAMILY = {
    '"': 0, "\uff02": 0, "''": 0, "``": 0, "'": 0,
    "\u201c": 1, "\u201d": 1, "\u201e": 1, "\u201f": 1,
    "\u2018": 1, "\u2019": 1, "\u201a": 1, "\u201b": 1,
    "\u2018\u2018": 1, "\u2019\u2019": 1,
    "\u00ab": 2, "\u00bb": 2, "\u2039": 2, "\u203a": 2,
}
GUILLEMETS = "\u00ab\u00bb\u2039\u203a"
OPEN_GLYPHS = ("\u2018\u2018", "\u201c", "\u201e", "\u201f", "\u00ab", "\u2018", "\u201a", "\u201b", "\u2039", "``")
CLOSE_GLYPHS = ("\u2019\u2019", "\u201d", "\u00bb", "\u2019", "\u203a")
LOW_GLYPHS = ("\u201e", "\u201a", "``")  # „ ‚ `` only ever open a quote
_APOSTROPHE_GLYPHS = "'\u2019\u2018\u201b"

# Candidates for double marks. Two apostrophes or backticks typed for a double mark
# (``''smart,''``) count as one; double_marks joins them (a charset scans fast).
_DOUBLE_SCAN_RE = re.compile("[" + re.escape(DOUBLE_MARKS) + "'`\u2018\u2019]")
_DOUBLED = ("'", "`", "\u2018", "\u2019")
SINGLE_RE = re.compile("[" + re.escape(SINGLE_MARKS) + "]")
ANY_MARK_RE = re.compile("``|[" + re.escape(QUOTE_MARKS) + "]")

# Words elided with a leading apostrophe: ’em, ’til, ’tis, ’twas, ’cause, ’n’.
_ELISION_RE = re.compile(r"(?:em|til|tis|twas|cause|cos|cuz|bout|n)(?![^\W\d_])", re.IGNORECASE)
_DECADE_RE = re.compile(r"\d\d(?:s|\b)")
OPEN_BRACKETS = "([{<"


def is_apostrophe(text: str, i: int) -> bool:
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


def double_marks(text: str) -> list[tuple[int, str]]:
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
            opening = i == 0 or text[i - 1].isspace() or text[i - 1] in OPEN_BRACKETS
            out.append((i, "''") if opening else (j - 2, "''"))
    return out
