"""Roles in clauses and coordinations: shared subjects, negation, tense, partitives, conjuncts."""

from __future__ import annotations

import pytest

from quotes.resolution.entities import cluster_entities
from quotes.resolution.roles import RoleMention, RoleSignature, best_role, entity_accepts, roles_for_name


def role_of(nlp, text: str, name: str):
    doc = nlp(text)
    return next(e.role for e in cluster_entities(doc) if e.name == name)


def roles_at(nlp, text: str, name: str) -> list[RoleMention]:
    doc = nlp(text)
    i = text.index(name)
    span = doc.char_span(i, i + len(name))
    return roles_for_name(doc, span.start, span.end)


@pytest.mark.parametrize(
    "text, name, role",
    [
        # a subject shared by two verbs: the present one wins over the past one
        (
            "“We should know,” Ann Brook said. Ms. Brook served as director of the Budget Office and is now president of the Tax Foundation.",
            "Ann Brook",
            "president of the Tax Foundation",
        ),
        # a superlative partitive is kept as written: the kind of person is its plural noun
        (
            "“It works,” said Tom Reed, one of the most respected economists in the state.",
            "Tom Reed",
            "one of the most respected economists in the state",
        ),
        # coordinated role nouns before a name form one role
        ("Her guest, the singer and songwriter Jane Doe, said the show was over.", "Jane Doe", "singer and songwriter"),
    ],
)
def test_clausal_and_coordinated_roles(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


def test_negated_copula_states_no_role(nlp):
    assert roles_at(nlp, "Mr. King is not an employee of the network.", "King") == []
    assert [r.text for r in roles_at(nlp, "Mr. King is an employee of the network.", "King")] == ["employee of the network"]


def test_past_copula_is_a_former_role(nlp):
    (past,) = roles_at(nlp, "Ann Brook was chairman of the Democratic Party.", "Ann Brook")
    (now,) = roles_at(nlp, "Ann Brook is chairman of the Republican Party.", "Ann Brook")
    assert not past.current and now.current
    assert best_role([past, now]) == "chairman of the Republican Party"


def test_partitive_needs_a_person_noun(nlp):
    # "one of the reasons" names no kind of person; a bare judging predicate is no role either
    assert roles_at(nlp, "Tom Reed, one of the reasons for the delay, stayed home.", "Tom Reed") == []
    assert roles_at(nlp, "Tom Reed is one of the liars.", "Tom Reed") == []


def test_coordinated_role_nouns_need_a_role_noun_on_each_side(nlp):
    roles = [r.text for r in roles_at(nlp, "The hotel and casino owner Bill Hart said it was over.", "Bill Hart")]
    assert roles and not any("hotel" in r for r in roles)


def test_the_documents_own_role_beats_one_in_quoted_words(nlp):
    text = (
        "The group plans to attack Democrat Jane Roe with new ads.\n\n"
        "“Voters should learn about Secretary Jane Roe's record,” Baker said."
    )
    doc = nlp(text)
    roles = [r for e in cluster_entities(doc) if e.name == "Jane Roe" for r in e.roles]
    assert {(r.text, r.quoted) for r in roles} >= {("Democrat", False), ("Secretary", True)}
    assert best_role(roles) == "Democrat"


def test_a_possessive_that_refers_back_is_resolved(nlp):
    text = "That is what the Clinton campaign now hopes. Brian Fallon, the campaign’s press secretary, noted that it worked."
    assert [r.text for r in roles_at(nlp, text, "Brian Fallon")] == ["Clinton campaign’s press secretary"]
    # nothing named before: the possessive stays as written
    text = "The company’s chief executive, Tom Reed, said so."
    assert [r.text for r in roles_at(nlp, text, "Tom Reed")] == ["company’s chief executive"]


def test_a_current_role_beats_a_longer_former_one(nlp):
    text = "Mort Klein, president of the Zionist group, was the organizer of the big September rally against the deal in Washington."
    roles = roles_at(nlp, text, "Mort Klein")
    assert {r.text for r in roles} == {"president of the Zionist group", "organizer of the big September rally against the deal in Washington"}
    assert best_role(roles) == "president of the Zionist group"


@pytest.mark.parametrize(
    "text, role",
    [
        # a coordinated appositive is one role, as written, each conjunct with its article or not
        ("“It is over,” said Jim Tate, a former adviser to the governor and now a lobbyist in Albany.", "former adviser to the governor and now a lobbyist in Albany"),
        ("“It is over,” said Jim Tate, a senior fellow at the institute and a former ambassador to Spain.", "senior fellow at the institute and a former ambassador to Spain"),
        ("“It is over,” said Jim Tate, a tax lawyer and senior fellow at the institute.", "tax lawyer and senior fellow at the institute"),
    ],
)
def test_coordinated_appositive_is_one_role(nlp, text, role):
    assert [r.text for r in roles_at(nlp, text, "Jim Tate")] == [role]


def test_a_party_conflict_rules_a_description_out():
    gop = [RoleMention("GOP presidential nominee", 0, 24)]
    assert not entity_accepts(RoleSignature.of("Democratic presidential nominee"), gop)
    assert entity_accepts(RoleSignature.of("Republican nominee"), gop)
    assert entity_accepts(RoleSignature.of("presidential nominee"), gop)
    assert RoleSignature.of("Democratic nominee").conflicts(RoleSignature.of("Republican nominee"))
