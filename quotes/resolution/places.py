"""Place descriptions: ``the state`` and ``the country`` as speakers.

``the state incorrectly stated ...`` names a state government, and the state is the one the
text has just named (``the 2000 election in Florida, when the state ...``). News names the
place it means in the same or the previous sentences, so the nearest place of the right kind
within the pronoun window is taken; with none there, the one place of that kind the whole
document names, if it names only one; otherwise no one (a guess between two states is worse
than an unnamed speaker).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Callable, Optional

from quotes.resolution.context import PRONOUN_WINDOW, ResolutionContext
from quotes.resolution.entities import Entity
from quotes.resolution.roles import country_of


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    """Casefolded names of the US states (``quotes/data/us_states.txt``)."""
    text = resources.files("quotes").joinpath("data/us_states.txt").read_text("utf-8")
    return frozenset(s.strip().casefold() for s in text.splitlines() if s.strip() and not s.startswith("#"))


def _is_state(e: Entity) -> bool:
    return e.label == "GPE" and (e.name or "").casefold() in us_states()


def _is_country(e: Entity) -> bool:
    return e.label == "GPE" and bool(country_of(e.name or ""))


#: Place nouns a definite description may use, and the kind of place each one names.
_KINDS: dict[str, Callable[[Entity], bool]] = {"state": _is_state, "country": _is_country, "nation": _is_country}


def place_description(ctx: ResolutionContext, a: int, root_word: str) -> Optional[Entity]:
    """The place ``the state`` (a description at token ``a`` with head ``root_word``) names,
    or None (see the module docstring)."""
    kind = _KINDS.get(root_word)
    if kind is None:
        return None
    sent = ctx.sent_of[a]
    near = [
        ev for ev in ctx.events
        if ev.pos < a and kind(ev.entity) and ctx.sent_of[ev.pos] >= sent - PRONOUN_WINDOW
    ]
    if near:
        return near[-1].entity
    named = {id(e): e for e in ctx.entities if kind(e)}
    return next(iter(named.values())) if len(named) == 1 else None
