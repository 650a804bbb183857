"""Role extraction (quotes.resolution.roles) on news-like sentences."""

from __future__ import annotations

import pytest

from quotes.resolution.entities import cluster_entities, extract_roles
from quotes.resolution.roles import (
    RoleSignature,
    best_role,
    entity_accepts,
    role_from_description,
    title_words,
)


def roles_by_name(nlp, text: str) -> dict[str, list[str]]:
    doc = nlp(text)
    entities = cluster_entities(doc)
    found = extract_roles(doc, entities)
    return {e.name: [r.text for r in found[e.key]] for e in entities if e.label == "PERSON"}


def role_of(nlp, text: str, name: str):
    doc = nlp(text)
    return next(e.role for e in cluster_entities(doc) if e.name == name)


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Russian Foreign Minister Sergey Lavrov praised the talks.", "Sergey Lavrov", "Russian Foreign Minister"),
        ("“The American side is not ready,” Kremlin spokesman Dmitry Peskov told reporters.", "Dmitry Peskov", "Kremlin spokesman"),
        (
            "The points were welcomed in Beijing by China’s Foreign Ministry spokesman Hua Chunying on Monday.",
            "Hua Chunying",
            "China’s Foreign Ministry spokesman",
        ),
        ("US Secretary of State Antony Blinken will travel to Japan next week.", "Antony Blinken", "US Secretary of State"),
        ("On Tuesday, the White House press secretary Jen Psaki announced new talks.", "Jen Psaki", "White House press secretary"),
        ("Officials met White House national security adviser Jake Sullivan in Alaska.", "Jake Sullivan", "White House national security adviser"),
        ("In an interview, Gov. Gavin Newsom said California would sue.", "Gavin Newsom", "Gov."),
        ("Former Pennsylvania Gov. Ed Rendell backed the plan.", "Ed Rendell", "Former Pennsylvania Gov."),
        ("Lt. Gen. Mark Hertling said the troops were ready.", "Mark Hertling", "Lt. Gen."),
    ],
)
def test_title_before_the_name(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


@pytest.mark.parametrize(
    "text, name, role",
    [
        (
            "Andrey Denisov, the Russian ambassador in Beijing, has said an alliance is not necessary.",
            "Andrey Denisov",
            "Russian ambassador in Beijing",
        ),
        ("Zhang Hanhui, China’s ambassador to Moscow, told Interfax the ties were strong.", "Zhang Hanhui", "China’s ambassador to Moscow"),
        (
            "Tedros Adhanom Ghebreyesus, the director-general of the World Health Organization, urged caution.",
            "Tedros Adhanom Ghebreyesus",
            "director-general of the World Health Organization",
        ),
        (
            "Moscow regrets that the proposal made by the President of Russia, Vladimir Putin, was not accepted.",
            "Vladimir Putin",
            "President of Russia",
        ),
    ],
)
def test_appositives_on_either_side(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


@pytest.mark.parametrize(
    "text, name, role",
    [
        (
            "“It worked,” said Kenneth Baer, a former Obama administration official who runs Crosscut Strategies.",
            "Kenneth Baer",
            "former Obama administration official who runs Crosscut Strategies",
        ),
        (
            "The stations closed, said Jeffrey N. Trimble, a senior official with the Broadcasting Board of "
            "Governors that oversees them.",
            "Jeffrey N. Trimble",
            "senior official with the Broadcasting Board of Governors",
        ),
        ("“No comment,” said Dmitry Peskov, Vladimir Putin’s spokesman.", "Dmitry Peskov", "Vladimir Putin’s spokesman"),
    ],
)
def test_long_appositives_and_names_inside_them(nlp, text, name, role):
    # the appositive's head noun comes late; another name may modify it
    assert role_of(nlp, text, name) == role


def test_honorifics_never_make_a_role(nlp):
    # "King" is a title word, but "Mr. King and Mr." is two names, not Schultz's role
    found = roles_by_name(nlp, "Both Mr. King and Mr. Schultz say RT's management has never told them what to say.")
    assert all(not roles for roles in found.values()), found


def test_relative_and_copular_clauses(nlp):
    found = roles_by_name(
        nlp,
        "Dmitry Peskov, who is the Kremlin spokesman, told reporters the talks were useful. "
        "Maria Zakharova is the spokeswoman of the Russian Foreign Ministry.",
    )
    assert found["Dmitry Peskov"] == ["Kremlin spokesman"]
    assert found["Maria Zakharova"] == ["spokeswoman of the Russian Foreign Ministry"]


def test_no_role_where_none_is_stated(nlp):
    found = roles_by_name(
        nlp,
        "Wang, who spoke via videoconference at a conference in Beijing, defended his country’s stance. "
        "In Moscow Vladimir Putin met reporters. By Jonny Tickle",
    )
    assert all(not roles for roles in found.values()), found


def test_names_in_a_list_do_not_lend_each_other_titles(nlp):
    found = roles_by_name(
        nlp,
        "Chinese Communist Party foreign affairs chief Yang Jiechi and Foreign Minister Wang Yi met Antony Blinken.",
    )
    assert found["Wang Yi"] == ["Foreign Minister"]
    assert found["Yang Jiechi"] == ["Chinese Communist Party foreign affairs chief"]
    assert found["Antony Blinken"] == []


def test_the_most_specific_role_wins(nlp):
    text = (
        "President Vladimir Putin met Xi Jinping on Monday. "
        "Later, Russian President Vladimir Putin said the visit was a success. Putin smiled."
    )
    doc = nlp(text)
    putin = next(e for e in cluster_entities(doc) if e.name == "Vladimir Putin")
    assert sorted(r.text for r in putin.roles) == ["President", "Russian President"]
    assert putin.role == "Russian President"
    assert best_role([]) is None


def test_cataphoric_country_possessive_is_made_explicit(nlp):
    text = "China is willing to keep talking with Russia, the country’s ambassador to Moscow has said."
    doc = nlp(text)
    start = text.index("the country’s")
    span = doc.char_span(start, start + len("the country’s ambassador to Moscow"))
    role = role_from_description(doc, span.start, span.end)
    assert role is not None and role.text == "China’s ambassador to Moscow"
    assert role.source == "description"
    assert text[role.start : role.end] == "country’s ambassador to Moscow"
    generic = doc.char_span(text.index("Russia"), text.index("Russia") + len("Russia"))
    assert role_from_description(doc, generic.start, generic.end) is None  # no title, no role


def test_role_signatures_match_descriptions_to_roles():
    diplomat = RoleSignature.of("the Chinese diplomat")
    ambassador = RoleSignature.of("Ambassador to Moscow")
    assert title_words("Kremlin spokesman") == {"spokesman"}
    assert diplomat.accepts(RoleSignature.of("Chinese Foreign Minister"))
    assert not diplomat.accepts(RoleSignature.of("Russian Foreign Minister"))  # nationality differs
    assert not ambassador.accepts(RoleSignature.of("US President"))
    assert not ambassador.accepts(RoleSignature.of("Russian ambassador in Beijing"))  # posted elsewhere
    assert ambassador.accepts(RoleSignature.of("China’s ambassador to Moscow"))
    assert RoleSignature.of("the ambassador").conflicts(RoleSignature.of("US Secretary of State"))


def test_a_nationality_stated_once_holds_for_all_roles(nlp):
    doc = nlp("Chinese Foreign Minister Wang Yi arrived on Monday. Foreign Minister Wang Yi met reporters.")
    wang = next(e for e in cluster_entities(doc) if e.name == "Wang Yi")
    assert entity_accepts(RoleSignature.of("the Chinese diplomat"), wang.roles)
    assert not entity_accepts(RoleSignature.of("the Russian diplomat"), wang.roles)


def test_class_words_inside_a_long_role(nlp):
    doc = nlp(
        "The visit of the director of the Office of the Foreign Affairs Commission Wang Yi to Moscow began on Tuesday."
    )
    wang = next(e for e in cluster_entities(doc) if e.name == "Wang Yi")
    assert wang.role == "director of the Office of the Foreign Affairs Commission"
    assert entity_accepts(RoleSignature.of("the diplomat"), wang.roles)
    assert not entity_accepts(RoleSignature.of("the general"), wang.roles)


def test_abbreviated_titles_read_as_the_title_they_stand_for(nlp):
    assert title_words("Former Pennsylvania Gov.") == {"governor"}
    assert title_words("Sen.") == {"senator"}
    assert title_words("Gen Z") == set()  # no dot, no title: "Gen Z voters"
    doc = nlp("Gov. Gavin Newsom said the state would sue. The governor said the case was strong.")
    (newsom,) = [e for e in cluster_entities(doc) if e.name == "Gavin Newsom"]
    assert entity_accepts(RoleSignature.of("the governor"), newsom.roles)
