"""The title lexicon: which words are titles, honorifics, organization and group heads.

Both the attribution rules (is a headline's subject a source?) and speaker resolution (where does a
role start?) ask these questions, so the lexicon sits in the text stage below both. The lists are
data, ``quotes/data/titles.json``; a pipeline may carry another file in the same format.

The questions are asked deep inside the rules (a role's bounds, an entity's country), so the
lexicon is not passed down every call: :func:`title_lexicon` answers the one made active for the
duration of a component call (:func:`using_titles`), else the bundled one. The active lexicon is a
context variable, so two pipelines with different lexicons may run in two threads at once.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from spacy.tokens import Token


@dataclass(frozen=True, eq=False)
class TitleLexicon:
    """The title lexicon (see ``quotes/data/titles.json`` for the lists).

    Compared and hashed by identity (``eq=False``): caches of the rules key on the lexicon
    that answered, so a custom lexicon never reads answers cached for another.
    """

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
    #: verbs of a relative clause that describes a job (``an official who runs X``)
    position_verbs: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> "TitleLexicon":
        """The lexicon of a parsed ``titles.json``."""
        first = {n: g for g, names in raw["first_names"].items() for n in names}
        return cls(
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
            position_verbs=frozenset(raw.get("position_verbs", ())),
        )


def read_title_text(path: Union[str, Path, None] = None) -> str:
    """The JSON text of a title lexicon file (``None``: the bundled ``quotes/data/titles.json``)."""
    if path is None:
        return resources.files("quotes").joinpath("data/titles.json").read_text("utf-8")
    return Path(path).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def bundled_title_lexicon() -> TitleLexicon:
    """The bundled lexicon, loaded once."""
    return TitleLexicon.from_data(json.loads(read_title_text()))


def load_title_lexicon(path: Union[str, Path, None] = None) -> TitleLexicon:
    """The lexicon of a ``titles.json``-format file; ``None`` gives the bundled one (cached)."""
    if path is None:
        return bundled_title_lexicon()
    return TitleLexicon.from_data(json.loads(read_title_text(path)))


_ACTIVE: ContextVar[Optional[TitleLexicon]] = ContextVar("quotes_title_lexicon", default=None)


def title_lexicon() -> TitleLexicon:
    """The title lexicon in force: the one :func:`using_titles` made active, else the bundled one."""
    return _ACTIVE.get() or bundled_title_lexicon()


@contextmanager
def using_titles(lexicon: Optional[TitleLexicon]) -> Iterator[Optional[TitleLexicon]]:
    """Make ``lexicon`` the one :func:`title_lexicon` answers until the block ends
    (``None``: the bundled one). Components wrap their call in it."""
    token = _ACTIVE.set(lexicon)
    try:
        yield lexicon
    finally:
        _ACTIVE.reset(token)


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
