"""The title lexicon: which words are titles, honorifics, organization and group heads.

Both the attribution rules (is a headline's subject a source?) and speaker resolution (where does a
role start?) ask these questions, so the lexicon sits in the text stage below both. The lists are
data, ``quotes/data/titles.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Token


@dataclass(frozen=True)
class TitleLexicon:
    """The title lexicon, loaded once (see ``quotes/data/titles.json`` for the lists)."""

    titles: frozenset[str]
    abbreviations: dict[str, str]
    generic_titles: frozenset[str]
    modifiers: frozenset[str]
    org_heads: frozenset[str]
    org_names: frozenset[str]
    group_heads: frozenset[str]
    person_heads: frozenset[str]
    statement_nouns: frozenset[str]
    honorifics: dict[str, Optional[str]]
    gendered_titles: dict[str, str]
    first_names: dict[str, str]
    title_classes: dict[str, frozenset[str]]
    countries: dict[str, str]
    country_names: dict[str, str]


@lru_cache(maxsize=1)
def title_lexicon() -> TitleLexicon:
    raw = json.loads(resources.files("quotes").joinpath("data/titles.json").read_text("utf-8"))
    first = {n: g for g, names in raw["first_names"].items() for n in names}
    return TitleLexicon(
        titles=frozenset(raw["person_titles"]),
        abbreviations=dict(raw["title_abbreviations"]),
        generic_titles=frozenset(raw["generic_titles"]),
        modifiers=frozenset(raw["role_modifiers"]),
        org_heads=frozenset(raw["org_heads"]),
        org_names=frozenset(raw["org_names"]),
        group_heads=frozenset(raw["group_heads"]),
        person_heads=frozenset(raw["person_heads"]),
        statement_nouns=frozenset(raw["statement_nouns"]),
        honorifics=dict(raw["honorifics"]),
        gendered_titles=dict(raw["gendered_titles"]),
        first_names=first,
        title_classes={k: frozenset(v) for k, v in raw["title_classes"].items()},
        countries=dict(raw["countries"]),
        country_names=dict(raw["country_names"]),
    )


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def is_title_word(word: str) -> bool:
    """``Minister``, ``spokesman``, ``vice-president`` (any hyphen part), ``Gov.`` (a dotted
    abbreviation; ``Gen`` without its dot is too often ``Gen Z``), case-insensitive."""
    lex = title_lexicon()
    w = _norm(word)
    w = lex.abbreviations.get(w, w)
    if w in lex.titles:
        return True
    if "-" in w:
        return any(p in lex.titles for p in w.split("-") if p)
    return False


def is_title(token: Token) -> bool:
    return is_title_word(token.text) or _norm(token.lemma_) in title_lexicon().titles
