"""The article's principal: the person a news story is about, who keeps its pronouns.

A profile names its subject dozens of times and everyone else a few times (aides quoted
once, a rival in passing). When a ``he`` could go to the principal or to someone mentioned
in passing nearby, the thread of the story is the principal's
(:func:`quotes.resolution.pronouns.resolve_pronoun`). A story about two people equally
(a debate, a match-up) has no principal: the margin must be clear.
"""

from __future__ import annotations

from typing import Optional, Sequence

from quotes.resolution.entities import Entity

#: The principal is named at least this often ...
PRINCIPAL_MIN_MENTIONS = 6
#: ... and at least this many times as often as anyone else.
PRINCIPAL_MARGIN = 2.0


def principal_person(entities: Sequence[Entity]) -> Optional[Entity]:
    """The person named far more often than anyone else in the document, if there is one."""
    persons = sorted((e for e in entities if e.label == "PERSON"), key=lambda e: -len(e.mentions))
    if not persons or len(persons[0].mentions) < PRINCIPAL_MIN_MENTIONS:
        return None
    runner_up = len(persons[1].mentions) if len(persons) > 1 else 0
    return persons[0] if len(persons[0].mentions) >= PRINCIPAL_MARGIN * runner_up else None
