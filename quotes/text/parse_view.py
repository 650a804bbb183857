"""The text the parser sees: the input with markup and control characters blanked out,
at the same length, so every offset found in it is an offset into the input as given.

Why: real inputs carry HTML (``<p>&ldquo;We will not back down,&rdquo; <b>Maria
Lopez</b> said.</p>``), terminal escapes and NUL bytes. Given to spaCy as they are, tags
and entities become tokens (a mention ``p>&ldquo;We``) and control characters glue onto
words. Replacing each of them by spaces -- an entity by its character plus spaces --
keeps every index where it was, so quotes are found as in clean text while their spans
still index the original. The texts of the returned spans are read back from the
original (:func:`reslice`); speaker names and roles, which are names rather than spans,
come out clean.

Datelines of wire copy (``WASHINGTON (AP) — ``, ``FLINT, Mich., Oct. 4 (UPI) — ``) are
blanked too: the parser reads ``WASHINGTON -- President Obama, dedicating the museum,
said ...`` with the city as the subject of ``said``.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Optional

from quotes.records import Quote, Span

# C0 controls except tab, line feed, vertical tab, form feed and carriage return (which
# are whitespace already), DEL, and whole ANSI escape sequences (``\x1b[31m``).
_CONTROL = re.compile(r"\x1b\[[0-9;?]{0,20}[ -/]{0,2}[@-~]|[\x00-\x08\x0e-\x1f\x7f]")
_TAG = re.compile(r"<!--.{0,5000}?-->|</?[A-Za-z][A-Za-z0-9:-]{0,30}(?:\s[^<>]{0,500})?/?>", re.S)
# at a line start: a place in capitals (then words, a date, an agency), then a spaced dash
_DATELINE = re.compile(
    r"(?m)^[^\S\n]*[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,4}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"[^\S\n]*(?:\([A-Za-z .&/-]{1,40}\))?[^\S\n]*(?:--|—|–|-)[^\S\n]+(?=[\"“‘'A-Z])"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def _entity(m: re.Match) -> str:
    raw = m.group()
    char = html.unescape(raw)
    if char == raw:  # not an entity html knows: text as written
        return raw
    if len(char) > len(raw) or not char.isprintable():  # &nbsp; and the like: a space
        return " " * len(raw)
    return char + " " * (len(raw) - len(char))


def parse_view(text: str) -> str:
    """``text`` with control characters, HTML tags and comments, and datelines blanked, and
    HTML entities replaced by their character padded with spaces; the same length as ``text``.

    Returns ``text`` itself when there is nothing to blank (the usual case).
    """
    view = text
    if _CONTROL.search(view):
        view = _CONTROL.sub(_blank, view)
    if "<" in view and _TAG.search(view):
        view = _TAG.sub(_blank, view)
    if "&" in view and _ENTITY.search(view):
        view = _ENTITY.sub(_entity, view)
    if _DATELINE.search(view):
        view = _DATELINE.sub(_blank, view)
    assert len(view) == len(text)
    return view


def _reslice_span(span: Optional[Span], text: str) -> Optional[Span]:
    return None if span is None else Span.of(text, span.start, span.end)


def reslice(quotes: list[Quote], text: str) -> list[Quote]:
    """The quotes with the ``text`` of every quote, cue and mention span read from the
    original text (new records; the given ones are left as they are)."""
    return [
        replace(q, text=text[q.start : q.end], cue=_reslice_span(q.cue, text), mention=_reslice_span(q.mention, text))
        for q in quotes
    ]
