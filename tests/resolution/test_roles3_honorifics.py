"""An honorific of standing is a title (``the Rev. Al Sharpton`` -> ``Rev.``); a courtesy one is not."""

from __future__ import annotations

import pytest

from quotes.resolution.entities import cluster_entities


def role_of(nlp, text: str, name: str):
    doc = nlp(text)
    return next(e.role for e in cluster_entities(doc) if e.name == name)


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("By Sunday, the Rev. Al Sharpton began taking calls. “It is a shot in the arm,” Mr. Sharpton said.", "Al Sharpton", "Rev."),
        # a fuller role wins over the honorific
        ("“It is fine,” said Rev. Jesse Jackson, the civil rights leader.", "Jesse Jackson", "civil rights leader"),
        # courtesy honorifics name no position
        ("“It is fine,” said Mr. John King.", "John King", None),
        ("“It is fine,” said Ms. Ann Lee.", "Ann Lee", None),
    ],
)
def test_honorific_roles(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


@pytest.mark.parametrize(
    "text, name, role",
    [
        # a party-of-state appositive qualifies the title before the name: the position is the role
        ("“It matters,” said Senator Mark Kirk, Republican of Illinois.", "Mark Kirk", "Senator"),
        # alone, party membership is the role the document gives
        ("“It matters,” said Charlie King, a prominent New York Democrat.", "Charlie King", "prominent New York Democrat"),
    ],
)
def test_position_over_party_membership(nlp, text, name, role):
    assert role_of(nlp, text, name) == role
