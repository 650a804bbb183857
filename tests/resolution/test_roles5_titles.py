"""Abbreviated titles read against the role around them, descriptions that open with a missed
name, and sentence-opening descriptions of a role-less speaker."""

from __future__ import annotations

import pytest

from quotes.resolution.entities import cluster_entities
from quotes.resolution.roles import role_from_description


def role_of(nlp, text: str, name: str):
    doc = nlp(text)
    return next(e.role for e in cluster_entities(doc) if e.name == name)


@pytest.mark.parametrize(
    "text, name, role",
    [
        # a plural title before a list of names: each person holds the singular title
        ("The hearing saw Sens. Maria Holt (D-Ore.) and Peter Lang (R-Ky.) question the bank's chief.", "Maria Holt", "Sen."),
        ("The hearing saw Sens. Maria Holt (D-Ore.) and Peter Lang (R-Ky.) question the bank's chief.", "Peter Lang", "Sen."),
        ("Reps. Carla Ruiz and Tom Becker wrote to the agency on Friday.", "Tom Becker", "Rep."),
        # a fuller role before an abbreviated title: the abbreviation only addresses the person
        ("Democratic vice-presidential nominee Sen. Tim Kaine spoke in Ohio.", "Tim Kaine", "Democratic vice-presidential nominee"),
        ("Committee Chairman Rep. Kevin Brady said the bill would pass.", "Kevin Brady", "Committee Chairman"),
        # with no title noun before it, the abbreviation is the role
        ("Former Ohio Gov. Ted Strickland backed the plan.", "Ted Strickland", "Former Ohio Gov."),
        ("Lt. Gen. Mark Hertling said the troops were ready.", "Mark Hertling", "Lt. Gen."),
    ],
)
def test_abbreviated_titles(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


def test_a_no_break_space_before_the_name_still_ends_the_title(nlp):
    text = "Republican vice-presidential nominee\u00a0Gov.\u00a0Mike Pence said the tweet was a joke."
    assert role_of(nlp, text, "Mike Pence") == "Republican vice-presidential nominee"


def test_a_lone_plural_noun_gives_no_title(nlp):
    assert role_of(nlp, "Maria Holt and Peter Lang questioned the bank's chief.", "Peter Lang") is None


def test_description_opening_with_a_missed_name_keeps_only_the_appositive(nlp):
    doc = nlp("Reyes, a former state party chairman and mayoral candidate, mocked the plan on Twitter.")
    end = next(t.i for t in doc if t.text == "candidate") + 1
    role = role_from_description(doc, 0, end)
    assert role is not None and role.text == "former state party chairman and mayoral candidate"


def test_sentence_opening_description_takes_up_the_last_roleless_subject(extractor):
    text = (
        "“We need more ships,” Trump said. He said the cuts would be reversed.\n\n"
        "The GOP candidate did not supply a cost estimate for his plans. “It will be paid for,” he said."
    )
    quotes = extractor.extract_text(text)
    assert quotes and all(q.speaker == "Trump" and q.role == "GOP candidate" for q in quotes)


def test_a_quoted_role_does_not_claim_the_description(extractor):
    text = (
        "Senator Ellen Park said Jane Doe “is the only candidate who can win.”\n\n"
        "“We need more ships,” Tom Reilly said. The Republican candidate did not give a cost estimate."
    )
    quotes = extractor.extract_text(text)
    reilly = [q for q in quotes if q.speaker == "Tom Reilly"]
    assert reilly and reilly[0].role == "Republican candidate"


def test_past_three_words_the_introduction_wins(nlp):
    text = (
        "“The plan was a trap,” said Nora Feld, a lawyer at Brandt & Mosely, who represents the county. "
        "Later, said Ms. Feld, the lawyer for the county's water and sewer authority, the talks failed."
    )
    assert role_of(nlp, text, "Nora Feld") == "lawyer at Brandt & Mosely"



def test_a_name_tagged_as_an_organization_with_a_person_appositive(nlp):
    """The NER's label aside, a person-noun appositive on a person-shaped name makes it a person's."""
    from quotes.resolution.role_phrases import apposed_person_noun

    doc = nlp("“The framing is wrong,” Harlan T. Voss III, a columnist for The Ledger, wrote on Monday.")
    a = next(t.i for t in doc if t.text == "Harlan")
    assert apposed_person_noun(doc, a, a + 4, set())  # by the initial and the suffix


def test_a_company_with_an_agent_noun_appositive_stays_an_organization(nlp):
    from quotes.resolution.role_phrases import apposed_person_noun

    doc = nlp("Bellwether Chips II, a maker of memory cards, said profits fell.")
    assert not apposed_person_noun(doc, 0, 3, {"harlan"})


def test_a_hyphenated_given_name_with_an_office_for_appositive(nlp):
    from quotes.resolution.role_phrases import apposed_person_noun

    doc = nlp("Jean-Luc Marchand, the foreign minister of Belgium, said the talks would resume.")
    assert apposed_person_noun(doc, 0, 4, set())
    company = nlp("Rolls-Royce Holdings, the parent of the engine unit, said profits fell.")
    assert not apposed_person_noun(company, 0, 4, set())
