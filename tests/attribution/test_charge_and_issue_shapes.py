"""Second round of cue shapes from PolNeAR train: attacks with a description (``went after X
as Y``), links (``linked X to Y``), passive charges, speech verbs with a noun complement
(``announced plans to ...``), issued statements and cases (``released a statement saying``,
``made the case that``) and the comment clause ``as X put it``; with their negatives."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Trump went after Clinton as a career politician.", ("Clinton as a career politician", "went after", "Trump")),
        ("Republicans are going after the governor as soft on crime.", ("the governor as soft on crime", "are going after", "Republicans")),
        ("The senator linked the shooting to lax gun laws.", ("the shooting to lax gun laws", "linked", "The senator")),
        ("The mayor has been accused of lying about the budget.", ("lying about the budget", "has been accused of", None)),
        ("The governor was blamed by Democrats for the shutdown.", ("the shutdown", "was blamed", "Democrats")),
        ("The governor announced plans to cut taxes next year.", ("plans to cut taxes next year", "announced", "The governor")),
        ("Obama made the case that the deal would keep Iran from a bomb.", ("the deal would keep Iran from a bomb", "made the case", "Obama")),
        ("As one analyst put it, the race is now a toss-up.", ("the race is now a toss-up", "put it", "one analyst")),
        ("The group released a statement saying the vote was rigged.", ("the vote was rigged", "saying", "The group")),
        ("The ministry issued a statement saying that talks would resume.", ("talks would resume", "saying", "The ministry")),
    ],
)
def test_shape_is_reported(quotes_of, text, expected):
    assert expected in quotes_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Trump went after the voters in Iowa.",  # an attack without a description: a topic
        "He goes home as a hero.",
        "The band put it on the shelf as a souvenir.",  # no comment clause
        "The mayor was accused.",  # a passive charge without its charge
    ],
)
def test_shape_reports_nothing(quotes_of, text):
    assert quotes_of(text) == []


def test_statement_owner_is_not_its_critic(quotes_of):
    # only a verb that issues the statement makes its subject the speaker
    found = quotes_of("The council rejected a statement saying the vote was rigged.")
    assert found and all(m != "The council" for _, _, m in found)
    found = quotes_of("Critics rejected the claim that the deal was fair.")
    assert found and all(m != "Critics" for _, _, m in found)


def test_headline_verb_needs_a_reporting_frame(quotes_of):
    # a title-cased "Goes" is no headline cue: "go" reports only in "went after X as Y"
    assert all(c != "Goes" for _, c, _ in quotes_of("Trump Goes Home After Long Campaign Trip"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The agency came under criticism for its handling of the storm.", ("its handling of the storm", "criticism", None)),
        ("The senator has faced criticism for voting against the bill.", ("voting against the bill", "criticism", None)),
    ],
)
def test_criticism_for_a_charge(quotes_of, text, expected):
    assert expected in quotes_of(text)


@pytest.mark.parametrize("text", ["The crew opened fire for ten minutes.", "They lit a fire for warmth.", "The coach won praise."])
def test_no_charge_without_a_criticism_noun_and_for(quotes_of, text):
    assert quotes_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The council called a meeting for Friday to discuss the budget.",  # convening, not naming
        "The governor called a special election for November.",
        "The union called a strike for Monday morning.",
        "The group has been challenging the mining company over water permits for years.",  # a date, no charge
    ],
)
def test_dated_for_is_no_charge(quotes_of, text):
    assert quotes_of(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Critics slammed the mayor for the delays.", ("the mayor for the delays", "slammed", "Critics")),
        ("Democrats blasted the vote for its timing.", ("the vote for its timing", "blasted", "Democrats")),
    ],
)
def test_charge_with_for_still_reported(quotes_of, text, expected):
    assert expected in quotes_of(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The fund pointed to weak demand as the main reason for the slowdown.", ("weak demand as the main reason for the slowdown", "pointed to", "The fund")),
        (
            "The bank pointed to Italy's decision to delay the reform as an example of growing risks.",
            ("Italy's decision to delay the reform as an example of growing risks", "pointed to", "The bank"),
        ),
    ],
)
def test_point_to_with_description_on_the_object(quotes_of, text, expected):
    assert expected in quotes_of(text)


@pytest.mark.parametrize(
    "text",
    ["She pointed to his role as chairman.", "She pointed to his decision to serve as chairman.", "He pointed to the door."],
)
def test_point_to_without_description_reports_nothing(quotes_of, text):
    assert quotes_of(text) == []


def test_invitation_is_no_speech(quotes_of):
    """``invited X to Y`` is an act, not a report, in the speech scheme; ``urged X to Y`` reports."""
    assert quotes_of("The mayor invited the two candidates to attend a forum.") == []
    assert quotes_of("The mayor urged the two candidates to attend a forum.") == [
        ("the two candidates to attend a forum", "urged", "The mayor")
    ]
