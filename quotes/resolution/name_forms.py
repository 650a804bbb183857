"""Name forms that NER gets wrong in news layout: headline words glued to a name, and the
partial forms of a long person name.

A title-case headline (``Obama Says African-American Museum Will Tell ...``) capitalizes every
word, so NER reads ``Obama Says`` as one person's name; were it kept, the headline span (the
longest form) would become the canonical name of every quote of Obama. News writes names in
running text without such words, so a headline span that the body never writes, and whose
leading or trailing words the body does write as a person's name (``Rip Donald Trump``), is
cut to those words
(:func:`unglue_headline_names`).

``Suu Kyi`` after ``Aung San Suu Kyi`` shares its last words but not its first, so the
first-and-last-word rule of :mod:`quotes.resolution.entities` leaves them apart;
:func:`names_ending_with` finds the longer names such a tail may join.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional, Protocol

from spacy.tokens import Doc, Token

from quotes.resolution.org_names import spells_out

#: A line counts as a title-case headline when this share of its longer words is capitalized.
_TITLE_SHARE = 0.8
#: Short words a title-case headline may leave in lower case (``of``, ``and``, ``the``).
_SHORT = 3


class Mention(Protocol):
    """A name mention as :mod:`quotes.resolution.entities` gives it."""

    start: int
    end: int
    label: str
    text: str


def headline_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens on title-case lines: lines of three or more words whose longer
    words are nearly all capitalized (a headline, a section title), where capitals say nothing
    about where a name ends."""
    out: set[int] = set()
    line: list[int] = []

    def close() -> None:
        if _title_case([doc[i] for i in line]):
            out.update(line)
        line.clear()

    for t in doc:
        if t.is_space and "\n" in t.text:
            close()
            continue
        line.append(t.i)
        if "\n" in t.whitespace_:
            close()
    close()
    return out


def on_headline(doc: Doc, i: int) -> bool:
    """Whether token ``i`` lies on a title-case line (see :func:`headline_tokens`), reading that
    line only."""
    lo = i
    while lo > 0 and not _ends_line(doc[lo - 1]):
        lo -= 1
    hi = i
    while hi < len(doc) - 1 and not _ends_line(doc[hi]):
        hi += 1
    return _title_case(doc[lo : hi + 1])


def _ends_line(t: Token) -> bool:
    return (t.is_space and "\n" in t.text) or "\n" in t.whitespace_


def _title_case(tokens: Iterable[Token]) -> bool:
    """Whether a line's longer words are nearly all capitalized (three words or more)."""
    words = [t for t in tokens if t.is_alpha]
    longer = [t for t in words if len(t) > _SHORT]
    return len(words) >= 3 and bool(longer) and sum(t.text[:1].isupper() for t in longer) >= _TITLE_SHARE * len(longer)


def _body_person_forms(mentions: list[Mention], heads: set[int]) -> set[str]:
    """Person name forms the running text writes: whole names and, for names of two or more
    words, their last word (the surname news uses alone)."""
    forms: set[str] = set()
    for m in mentions:
        if m.label != "PERSON" or m.start in heads:
            continue
        words = m.text.casefold().split()
        forms.add(" ".join(words))
        if len(words) > 1:
            forms.add(words[-1])
    return forms


def unglue_headline_names(doc: Doc, mentions: list[Mention], make: Callable[[Mention, int, int, str], Mention]) -> list[Mention]:
    """Cut person names in title-case headlines to the form the body writes (see the module
    docstring). ``make(mention, start, end, text)`` builds the shortened mention."""
    heads = headline_tokens(doc)
    if not heads:
        return mentions
    body_texts = {m.text.casefold() for m in mentions if m.start not in heads}
    forms = _body_person_forms(mentions, heads)
    out = []
    for m in mentions:
        words = m.text.split()
        if m.label == "PERSON" and m.start in heads and len(words) >= 2 and m.end - m.start == len(words):
            if m.text.casefold() not in body_texts:
                part = _body_part(words, forms)
                if part is not None:
                    i, j = part
                    m = make(m, m.start + i, m.start + j, " ".join(words[i:j]))
        out.append(m)
    return out


def _body_part(words: list[str], forms: set[str]) -> Optional[tuple[int, int]]:
    """The longest leading or trailing run of a headline name's words (``Obama`` of ``Obama
    Says``, ``Donald Trump`` of ``Rip Donald Trump``) that the body writes as a person's name."""
    n = len(words)
    runs = [(0, j) for j in range(1, n)] + [(i, n) for i in range(1, n)]
    runs = [(i, j) for i, j in runs if " ".join(words[i:j]).casefold() in forms]
    return max(runs, key=lambda r: (r[1] - r[0], -r[0])) if runs else None


def names_ending_with(words: list[str], full_names: list[list[str]]) -> list[int]:
    """Indices of the longer full names that ``words`` (two or more) ends: ``suu kyi`` of
    ``aung san suu kyi``. A tail that starts with an initial (``w. bush``) is no one's name in
    running text and ends nothing."""
    n = len(words)
    if n < 2 or words[0].endswith("."):
        return []
    return [i for i, f in enumerate(full_names) if len(f) > n and f[-n:] == words]


def merge_initialisms(places: dict[tuple[str, str], list[Mention]]) -> dict[tuple[str, str], list[Mention]]:
    """Places keyed by (label, casefolded text), with an initialism merged into the one place of
    the same label that it spells out (``U.S.`` into ``United States``, ``U.K.`` into ``United
    Kingdom``): the canonical name is then the full one the article writes."""
    out = {k: list(v) for k, v in places.items()}
    for key in list(out):
        label, text = key
        fits = [k for k in out if k != key and k[0] == label and spells_out(text, k[1])]
        if len(fits) == 1 and key in out:
            out[fits[0]].extend(out.pop(key))
    return out
