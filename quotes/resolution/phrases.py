"""Token-level helpers of speaker resolution: character spans, possessors, noun-phrase bounds.

Also the gender of a given name (:func:`first_name_gender`): the title lexicon's own list,
then ``quotes/data/first_names.json`` (US census names, ``scripts/derive_first_names.py``).

Small readings of the spaCy parse that the name, pronoun and description rules all need; they
hold no state, so they live apart from :class:`~quotes.resolution.context.ResolutionContext`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan


def char_span(doc: Doc, start: int, end: int, mode: str) -> Optional[SpacySpan]:
    """``Doc.char_span`` that answers None, not an error, for offsets outside the text."""
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # Doc.text would rebuild it
    if not (0 <= start < end <= size):
        return None
    return doc.char_span(start, end, alignment_mode=mode)


def possessor(root: Token, a: int, b: int) -> Optional[Token]:
    """``the diplomat's statement`` -> diplomat; ``a statement from the ministry`` -> ministry."""
    for c in root.children:
        if c.dep_ == "poss" and a <= c.i < b:
            return c
    for c in root.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "of", "by") and a <= c.i < b:
            for g in c.children:
                if g.dep_ == "pobj" and g.i < b:
                    return g
    return None


def np_bounds(t: Token, lo: int = 0, hi: Optional[int] = None) -> tuple[int, int]:
    """A noun's phrase up to the noun itself plus its complements, minus clauses."""
    hi = len(t.doc) if hi is None else hi
    a = max(lo, t.left_edge.i)
    b = t.i + 1
    for c in t.rights:
        if c.dep_ in ("prep", "compound", "amod", "nmod") and c.right_edge.i < hi:
            b = max(b, c.right_edge.i + 1)
        else:
            break
    return a, min(b, hi)


@lru_cache(maxsize=1)
def _census_first_names() -> dict[str, str]:
    raw = json.loads(resources.files("quotes").joinpath("data/first_names.json").read_text("utf-8"))
    return {n: g for g in ("male", "female") for n in raw[g]}


def given_name_gender(words: list[str], curated: dict[str, str]) -> Optional[str]:
    """The gender of a person name's casefolded ``words`` from its first word, a given name.

    A lone word may be a surname, and English surnames come from men's given names (``Warren``,
    ``Graham``), so a lone word is a man's name only when ``curated`` says so.
    """
    g = first_name_gender(words[0], curated) if words else None
    return g if g and (len(words) > 1 or g == "female" or words[0] in curated) else None


def first_name_gender(word: str, curated: dict[str, str]) -> Optional[str]:
    """The gender of casefolded given name ``word``: ``curated`` (the title lexicon's names)
    first, then the census names that are nearly always one gender's (``Melanie``)."""
    return curated.get(word) or _census_first_names().get(word)


def one_edit_apart(a: str, b: str) -> bool:
    """Whether two different words differ by one letter added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]
