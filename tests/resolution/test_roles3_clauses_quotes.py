"""Roles completed by a job clause or a quoted name: ``an official who runs X``, ``host of "Y"``."""

from __future__ import annotations

import pytest

from quotes.resolution.roles import roles_for_name


def appositive_roles(nlp, text: str, name: str) -> list[str]:
    doc = nlp(text)
    i = text.index(name)
    span = doc.char_span(i, i + len(name))
    return [r.text for r in roles_for_name(doc, span.start, span.end) if r.source == "appositive"]


@pytest.mark.parametrize(
    "text, name, role",
    [
        # a restrictive clause with a verb of holding a position says which job it is
        (
            "“It was needed,” said Kenneth Baer, a former Obama administration official who runs Crosscut Strategies.",
            "Kenneth Baer",
            "former Obama administration official who runs Crosscut Strategies",
        ),
        (
            "“It is fine,” said Bob Ames, a professor who teaches law at Yale, in an interview.",
            "Bob Ames",
            "professor who teaches law at Yale",
        ),
        # a clause about an event or an opinion is no part of the role
        # a role with a complement is complete without the clause
        (
            "“It will pass,” said Brian Baker, a longtime political adviser to the Ricketts family who oversees the group's campaign.",
            "Brian Baker",
            "longtime political adviser to the Ricketts family",
        ),
        ("“We lost,” said Ann Lee, a spokeswoman who was at the event.", "Ann Lee", "spokeswoman"),
        ("“It is fine,” said Bob Ames, a lawyer who says he voted for Trump.", "Bob Ames", "lawyer"),
        # a quoted name keeps its closing mark, even after the sentence's period
        ('"We invest," said Mark Cuban, a host on the TV show "Shark Tank."', "Mark Cuban", 'host on the TV show "Shark Tank"'),
        # a verb inside a quoted name heads no clause of the role
        ('"It is fine," said Bob Ames, the host of "Meet the Press," on Sunday.', "Bob Ames", 'host of "Meet the Press"'),
    ],
)
def test_appositive_role_shapes(nlp, text, name, role):
    assert appositive_roles(nlp, text, name) == [role]
