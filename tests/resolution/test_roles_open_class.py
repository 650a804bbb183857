"""Open-class roles: heads from the derived person-noun lexicon, read in every syntactic shape."""

from __future__ import annotations

import pytest

from quotes.resolution.entities import cluster_entities
from quotes.resolution.role_phrases import is_person_word, person_nouns, role_head
from quotes.resolution.roles import role_from_description


def role_of(nlp, text: str, name: str):
    doc = nlp(text)
    return next(e.role for e in cluster_entities(doc) if e.name == name)


def test_person_nouns_are_derived_from_wordnet():
    nouns = person_nouns()
    assert len(nouns) > 5000
    for w in ("pollster", "psychologist", "blogger", "teacher", "economist", "widow", "host", "aide", "vice president"):
        assert w in nouns, w
    # senses that are mostly not people are filtered out
    for w in ("company", "campaign", "board", "debate", "party"):
        assert w not in nouns, w
    assert is_person_word("co-host") and is_person_word("Talk-Show Host") and not is_person_word("talk-show")


@pytest.mark.parametrize(
    "text, name, role",
    [
        (
            "In offering analysis of the election, longtime Democratic pollster Pat Caddell told Alex Marlow on Thursday he was surprised.",
            "Pat Caddell",
            "longtime Democratic pollster",
        ),
        ("“His body language was excellent,” said MSNBC host Chris Matthews.", "Chris Matthews", "MSNBC host"),
        ("Republicans are slamming Democratic vice-presidential nominee Tim Kaine for his work.", "Tim Kaine", "Democratic vice-presidential nominee"),
        ("Longtime Clinton aide Huma Abedin declined to comment.", "Huma Abedin", "Longtime Clinton aide"),
        ("“She will win,” Clinton spokesman Jesse Lehrich said Friday.", "Jesse Lehrich", "Clinton spokesman"),
        ("“They are 100 percent wrong,” said 9/11 widow Terry Strada.", "Terry Strada", "9/11 widow"),
        (
            "Two Democrats, billionaire environmentalist Tom Steyer and hedge-fund manager S. Donald Sussman, top the list.",
            "Tom Steyer",
            "billionaire environmentalist",
        ),
    ],
)
def test_premodifier_chains(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("“Turnout makes a difference,” said Charlie King, a prominent New York Democrat.", "Charlie King", "prominent New York Democrat"),
        (
            "But Megan Hester, senior associate for education organizing at the Annenberg Institute for School Reform, said parents want neighborhood schools.",
            "Megan Hester",
            "senior associate for education organizing at the Annenberg Institute for School Reform",
        ),
        (
            "“Full panic mode,” said Leslie Wimes, a South Florida-based president of the Democratic African-American Women Caucus.",
            "Leslie Wimes",
            "South Florida-based president of the Democratic African-American Women Caucus",
        ),
        ("“It was a mistake,” said Jane Smith, a child psychologist in Denver.", "Jane Smith", "child psychologist in Denver"),
        ("Mark Jones, a law professor at Georgetown, said the case was weak.", "Mark Jones", "law professor at Georgetown"),
        ("Tom Lee, a spokesman for the hotel chain, declined to comment.", "Tom Lee", "spokesman for the hotel chain"),
    ],
)
def test_appositives(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


def test_relative_clause_with_complement(nlp):
    text = "Sarah Brown, who is a political blogger in Ohio, wrote that the race was close."
    assert role_of(nlp, text, "Sarah Brown") == "political blogger in Ohio"


def test_predicate_noun_without_complement_is_no_role(nlp):
    # a bare predicate noun judges rather than describes
    assert role_of(nlp, "Donald Trump is a liar, the senator said.", "Donald Trump") is None


def test_determiners_and_possessive_pronouns_are_dropped(nlp):
    doc = nlp("His longtime aide said the plan was dead.")
    r = role_from_description(doc, 0, 3)
    assert r is not None and r.text == "longtime aide"
    doc = nlp("Another Harvard economist disagreed with the forecast.")
    r = role_from_description(doc, 0, 3)
    assert r is not None and r.text == "Harvard economist"


@pytest.mark.parametrize(
    "text, a, b, role",
    [
        ("Three economists said the plan would fail.", 0, 2, "economists"),
        ("Even a credible candidate would struggle.", 0, 4, "credible candidate"),
        ("The candidate's aides left.", 0, 3, "candidate"),
    ],
)
def test_counts_focusing_adverbs_and_possessive_marks_are_dropped(nlp, text, a, b, role):
    r = role_from_description(nlp(text), a, b)
    assert r is not None and r.text == role


def test_possessive_name_stays(nlp):
    text = "Clinton's campaign manager Robby Mook said the debate went well."
    assert role_of(nlp, text, "Robby Mook") == "Clinton's campaign manager"


def test_description_text_is_the_role(nlp):
    doc = nlp("The talk-show host said he would not apologize.")
    r = role_from_description(doc, 0, 5)
    assert r is not None and r.text == "talk-show host"


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("The production company owns the programming.", 0, 3),
        ("The presidential debate drew millions of viewers.", 0, 3),
        ("The Clinton campaign said nothing.", 0, 3),
    ],
)
def test_non_person_phrase_is_no_role(nlp, text, a, b):
    assert role_from_description(nlp(text), a, b) is None


def test_thing_apposed_to_a_name_is_no_role(nlp):
    text = "“We will see,” said John Dickey, the chief executive of Ora Media -- the production company that owns the show."
    assert role_of(nlp, text, "John Dickey") == "chief executive of Ora Media"


def test_role_head_is_the_last_noun_before_its_complement(nlp):
    doc = nlp("She is the senior associate for education at the institute.")
    assert role_head(doc, 3, 10).text == "associate"
    doc = nlp("He is the RT host and former MSNBC personality.")
    assert role_head(doc, 3, 10).text == "host"
