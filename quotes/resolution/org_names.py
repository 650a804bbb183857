"""Organization names in the forms news writes them: merging a cluster's short forms.

See :func:`org_aliases`; :mod:`quotes.resolution.entities` builds the clusters it merges.
"""

from __future__ import annotations

from typing import Callable, Optional, Protocol

from quotes.resolution.roles import country_of
from quotes.text.titles import title_lexicon


class NameMention(Protocol):
    """A name mention as :mod:`quotes.resolution.entities` gives it: token span and text."""

    start: int
    end: int
    text: str

#: Newspaper names that a paper's own text shortens to their last word (``the Times``).
_MASTHEAD_WORDS = frozenset(
    {"times", "post", "journal", "tribune", "globe", "herald", "guardian", "telegraph", "gazette",
     "chronicle", "examiner", "inquirer", "observer", "independent", "economist", "mirror", "express"}
)
#: Corporate designators that a company's short name leaves out (``Apple`` for ``Apple Inc.``).
DESIGNATORS = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "lp", "llp", "ag", "sa", "nv", "se", "&", "and",
                          "group", "holdings", "company", "corporation", "limited", "incorporated"})
#: ``Department of Justice`` is the ``Justice Department``.
_INVERTIBLE_HEADS = frozenset({"department", "ministry"})
#: Words an acronym skips (``Federal Bureau of Investigation`` -> FBI).
_ACRONYM_SKIPS = frozenset({"of", "for", "and", "&", "the", "on", "in", "to"})


def _bare_words(words: list[str]) -> list[str]:
    """An organization key as its other forms would give it: trailing corporate designators
    dropped (``goldman sachs group inc`` -> ``goldman sachs``) and ``department of X`` turned
    into ``X department``."""
    words = list(words)
    while len(words) > 1 and words[-1].strip(".,") in DESIGNATORS:
        words.pop()
    if len(words) >= 3 and words[0] in _INVERTIBLE_HEADS and words[1] == "of":
        words = words[2:] + words[:1]
    return words


def _initials(words: list[str]) -> set[str]:
    """Acronyms a name may go by: with and without its small words (FBI, DOJ)."""
    letters = [w for w in words if w[:1].isalpha()]
    out = {"".join(w[0] for w in letters)}
    out.add("".join(w[0] for w in letters if w not in _ACRONYM_SKIPS))
    return {a for a in out if len(a) >= 2}


#: Heads of organizations named after a person, which a bare surname does not stand for
#: (``Clinton Foundation``, ``Obama administration``).
_NAMED_AFTER_HEADS = frozenset({"administration", "campaign", "foundation", "family", "camp", "government", "presidency"})


#: An organization cluster: its key words (:func:`_org_key`), its country, its mentions.
OrgGroup = tuple[str, Optional[str], list[NameMention]]


def org_aliases(groups: list[OrgGroup]) -> list[tuple[Optional[str], list[NameMention]]]:
    """Merge organization clusters that news writes in different forms; returns each merged
    cluster's country (None when no mention gives one) and mentions.

    ``Apple Inc.`` and ``Apple``; ``Goldman Sachs Group Inc`` and ``Goldman``; ``Department of
    Justice`` and ``Justice Department``; ``International Monetary Fund`` and ``IMF``. A short
    name or an acronym merges only when one cluster in the document fits it, and never across
    two different countries (``Russia's Foreign Ministry`` stays apart from ``China's``).
    """
    lex = title_lexicon()
    bare: list[list[str]] = []
    countries: list[set[str]] = []
    acronym: list[Optional[str]] = []
    initials: list[set[str]] = []
    for key, country, ms in groups:
        longest = max(ms, key=lambda m: (m.end - m.start, -m.start))
        bare.append(_bare_words(key.split()))
        countries.append({country} if country else set())
        token = _without_the(longest.text).replace(".", "")  # "The S.E.C." is an acronym too
        single = all(m.end - m.start - (_without_the(m.text) != m.text) == 1 for m in ms)
        acronym.append(token.casefold() if single and token.isalpha() and token.isupper() and 2 <= len(token) <= 6 else None)
        words = [w.casefold() for w in longest.text.split()]
        initials.append(_initials(_bare_words(words)) if len(words) >= 2 else set())
    parent = {i: i for i in range(len(groups))}
    country_of_root = {i: set(c) for i, c in enumerate(countries)}

    def union(i: int, j: int) -> None:
        ri, rj = find(parent, i), find(parent, j)
        if ri == rj or len(country_of_root[ri] | country_of_root[rj]) > 1:
            return
        parent[ri] = rj
        country_of_root[rj] |= country_of_root[ri]

    by_bare: dict[str, list[int]] = {}
    by_first: dict[str, set[str]] = {}  # first word -> longer keys it starts
    by_last: dict[str, set[str]] = {}  # last word -> longer keys it ends
    by_initials: dict[str, set[str]] = {}
    for i, words in enumerate(bare):
        key = " ".join(words)
        by_bare.setdefault(key, []).append(i)
        if len(words) >= 2:
            by_first.setdefault(words[0], set()).add(key)
            by_last.setdefault(words[-1], set()).add(key)
        for a in initials[i]:
            by_initials.setdefault(a, set()).add(key)
    for same in by_bare.values():
        for i in same[1:]:
            union(i, same[0])
    for i, words in enumerate(bare):
        if len(words) != 1:
            continue
        w = words[0]
        if acronym[i] is not None:
            fits = by_initials.get(acronym[i], set()) - {w}
            if len(fits) == 1:
                union(i, by_bare[next(iter(fits))][0])
            continue
        if not w[:1].isalpha() or w in lex.org_heads or w in lex.modifiers or w in _ACRONYM_SKIPS or country_of(w):
            continue
        longer = set(by_first.get(w, ()))
        if not longer and w in _MASTHEAD_WORDS:
            longer = set(by_last.get(w, ()))  # "the Times" of "The New York Times"
        if len(longer) == 1:
            target = longer.pop()
            if target.split()[-1] not in _NAMED_AFTER_HEADS:
                union(i, by_bare[target][0])
    _merge_longer_forms(bare, lambda i: find(parent, i), union)
    merged: dict[int, list[NameMention]] = {}
    for i, (_, _, ms) in enumerate(groups):
        merged.setdefault(find(parent, i), []).extend(ms)
    return [(next(iter(country_of_root[root]), None), ms) for root, ms in merged.items()]


def _without_the(text: str) -> str:
    return text[4:] if text[:4].casefold() == "the " else text


def _acronym_of(word: str) -> str:
    """A word as an acronym (``u.n.`` -> ``un``), or empty when it is none."""
    letters = word.replace(".", "")
    return letters if letters.isalpha() and 2 <= len(letters) <= 6 and ("." in word or word.isupper()) else ""


def spells_out(acronym: str, name: str) -> bool:
    """Whether an organization name spells out an acronym (``CNS``, ``Christian News Service``)."""
    letters = _acronym_of(acronym).casefold()
    words = [w.casefold() for w in _without_the(name).split()]
    return bool(letters) and len(words) >= 2 and letters in _initials(_bare_words(words))


def _merge_longer_forms(bare: list[list[str]], root: Callable[[int], int], union: Callable[[int, int], None]) -> None:
    """Merge multi-word names with the longer name news shortens them from.

    * ``U.N. Security Council`` is ``United Nations Security Council``: the same words after a
      first word that is the acronym of the other's first words;
    * ``Homeland Security`` is ``Department of Homeland Security`` (``homeland security
      department``): the name without its department or ministry head;
    * ``Tax Policy Center`` is ``Urban-Brookings Tax Policy Center``: the last words of the
      longer names, when all of them are one organization and what they add is not a generic
      word (``Security Council`` is not the ``National Security Council``).
    """
    lex = title_lexicon()
    keys = [tuple(w) for w in bare]
    for i, words in enumerate(keys):
        acr = _acronym_of(words[0]) if len(words) >= 2 else ""
        if not acr:
            continue
        rest = words[1:]
        for j, other in enumerate(keys):
            n = len(other) - len(rest)
            if n >= 2 and other[n:] == rest and acr in _initials(list(other[:n])):
                union(i, j)
    for i, words in enumerate(keys):
        if len(words) < 2:
            continue
        n = len(words)
        inverted = [j for j, o in enumerate(keys) if len(o) == n + 1 and o[:n] == words and o[-1] in _INVERTIBLE_HEADS]
        tails = [
            j for j, o in enumerate(keys)
            if len(o) > n and o[-n:] == words and not all(w in lex.modifiers or w in lex.org_heads for w in o[:-n])
        ]
        roots = {root(j) for j in inverted or tails}
        if len(roots) == 1:
            union(i, roots.pop())


def find(parent: dict[int, int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
