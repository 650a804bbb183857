"""Organization names in the forms news writes them: merging a cluster's short forms.

See :func:`org_aliases`; :mod:`quotes.resolution.entities` builds the clusters it merges.
"""

from __future__ import annotations

from typing import Optional, Protocol

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
        token = longest.text.replace(".", "")
        single = all(m.end - m.start == 1 for m in ms)
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
    merged: dict[int, list[NameMention]] = {}
    for i, (_, _, ms) in enumerate(groups):
        merged.setdefault(find(parent, i), []).extend(ms)
    return [(next(iter(country_of_root[root]), None), ms) for root, ms in merged.items()]


def find(parent: dict[int, int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
