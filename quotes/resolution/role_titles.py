"""Abbreviated titles in front of names, read against the role around them.

US news writes a short title before a name whether or not a fuller role precedes it:

* ``Sens. Ann Lee (D-Mont.) and Tom Reed (R-La.)``: a plural title shared by a list of names;
  each person is a ``Sen.`` (the singular is what the document says of each of them);
* ``Republican vice-presidential nominee Gov. Mike Pence``, ``panel Chairman Rep. Jason
  Chaffetz``: the fuller role names the position, and the abbreviation after it only repeats
  the office the person holds as a form of address, so the role ends before it
  (``Former Pennsylvania Gov. Ed Rendell`` keeps its title: no title noun comes before it).

And the title nouns a role states (:func:`title_words`), which match descriptions to holders.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from quotes.text.titles import _norm, is_title, title_lexicon

#: Plural abbreviated titles and the singular each named person holds.
PLURAL_TITLES = {"sens": "Sen.", "reps": "Rep."}


def plural_title_before(doc: Doc, start: int) -> Optional[tuple[str, int, int]]:
    """``Sens.`` right before ``doc[start]``: the singular title and its character bounds."""
    if start >= 1 and doc[start - 1].text.endswith(".") and doc[start - 1].text[:-1].lower() in PLURAL_TITLES:
        t = doc[start - 1]
        return PLURAL_TITLES[t.text[:-1].lower()], t.idx, t.idx + len(t)
    if start >= 2 and doc[start - 1].text == "." and doc[start - 2].lower_ in PLURAL_TITLES:
        t = doc[start - 2]
        return PLURAL_TITLES[t.lower_], t.idx, doc[start - 1].idx + 1
    return None


def listed_plural_title(doc: Doc, start: int, end: int) -> Optional[tuple[str, int, int]]:
    """The plural title in front of the first name of a list this name belongs to.

    ``Sens. Ann Lee (D-Mont.) and Tom Reed`` gives Reed ``Sen.``; a name that is no conjunct
    of an earlier name gets nothing here (its own premodifier is read elsewhere).
    """
    if not doc.has_annotation("DEP"):
        return None
    head = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), doc[end - 1])
    first = head
    while first.dep_ == "conj" and first.head.i < first.i and first.head.pos_ == "PROPN":
        first = first.head
    if first is head:
        return None
    s = first.i
    while s - 1 >= 0 and doc[s - 1].dep_ == "compound" and doc[s - 1].head.i in (s, first.i):
        w = doc[s - 1]
        if w.pos_ != "PROPN" or not w.text[:1].isalpha() or w.lower_.rstrip(".") in PLURAL_TITLES:
            break
        s -= 1
    return plural_title_before(doc, s)


def cut_trailing_abbreviation(doc: Doc, a: int, b: int) -> int:
    """The end of a title phrase ``doc[a:b]`` before an abbreviated title that follows a
    fuller role (``panel Chairman Rep.`` -> ``panel Chairman``); ``b`` when there is none."""
    lex = title_lexicon()
    last = b - 1
    while last > a and doc[last].is_space:  # a no-break space between title and name
        last -= 1
    if last <= a or _norm(doc[last].text) not in lex.abbreviations:
        return b
    for k in range(a, last):
        word = _norm(doc[k].text)
        if is_title(doc[k]) and word not in lex.abbreviations and word not in lex.modifiers:
            return last
    return b


def title_words(text: str) -> frozenset[str]:
    """The title nouns in a phrase, lower-cased (``Kremlin spokesman`` -> {``spokesman``})."""
    lex = title_lexicon()
    out = set()
    words = [
        lex.abbreviations.get(w.strip(",;:()\"“”")) or w.strip(",.;:()\"“”")
        for w in _norm(text).replace("'s", " ").split()
    ]
    for i, w in enumerate(words):
        if not w:
            continue
        pair = f"{w} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair in lex.titles:
            out.add(pair)
        if w == "general" and i > 0 and words[i - 1] in lex.titles:
            # postpositive: an "attorney general" is an attorney, no military general
            if f"{words[i - 1]}-general" in lex.titles:
                out.add(f"{words[i - 1]}-general")
            continue
        for part in [w] + (w.split("-") if "-" in w else []):
            if part in lex.titles:
                out.add(part)
            elif part.endswith("s") and part[:-1] in lex.titles:  # plural descriptions
                out.add(part[:-1])
    return frozenset(out)
