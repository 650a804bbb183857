"""Speech shapes the cue frames missed on news: a naming verb whose object sits outside its
clause (``condemned what he called ...``, ``which critics called ...``, ``has been called a
fraud by ...``, ``was dubbed ...``), a passive ``as`` description (``is being criticized as
...``), ``agreed to`` and ``pointed to X as Y`` (counts from PolNeAR train), ``announced
plans this week to ...``, a reported question (``asked about why ...``) and a transcript quoted whole with a ``NAME:`` per paragraph; with
the look-alikes the speech scheme leaves out."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        ('The envoy condemned what he called a "flagrant violation" of the treaty.', ('a "flagrant violation" of the treaty', "called", "he")),
        ("Ministers moved to denounce what the Danish premier called the junta's reckless conduct.", ("the junta's reckless conduct", "called", "the Danish premier")),
        ("The levy, which the bank's chairman called a pure money grab, was dropped.", ("a pure money grab", "called", "the bank's chairman")),
        ("The mayor has been called a fraud by several council members.", ("a fraud", "has been called", "several council members")),
        ("The governor was dubbed the winner of the debate.", ("the winner of the debate", "was dubbed", None)),
        ("The county purged its rolls, in what is being criticized as a cynical ploy.", ("a cynical ploy", "is being criticized as", None)),
        ("The union agreed to end the strike and return to work.", ("to end the strike and return to work", "agreed", "The union")),
        ("The fund pointed to the tariff fight as an example of rising protectionism.", ("the tariff fight as an example of rising protectionism", "pointed to", "The fund")),
        (
            "At the rally the governor spoke to oil workers, promising to cut drilling fees ― hardly what his donors wanted.",
            ("to cut drilling fees", "promising", "the governor"),
        ),
        ("Reporters asked the minister about why the tax cut leaves out renters.", ("why the tax cut leaves out renters", "asked", "Reporters")),
        ("The sheriff's office, which reported “312 break-ins” in the county last year, hired more deputies.", ("“312 break-ins” in the county", "reported", "The sheriff's office")),
        ("The chain announced plans this week to close forty stores.", ("plans this week to close forty stores", "announced", "The chain")),
    ],
)
def test_shapes_report_their_content(quotes_of, text, expected):
    assert quotes_of(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "He agreed to a short interview.",  # agreeing to a thing reports nothing
        "The analyst pointed to the chart.",  # a topic: no description
        "Reporters asked the minister about the tax cut.",  # a topic, not a question
        "The agency reported a “historic” rise in shootings.",  # one scare-quoted word
        "The council called an emergency meeting.",  # a meeting, not a name
        "She was named chairwoman of the panel.",  # an appointment, no cue verb
    ],
)
def test_look_alikes_are_no_quotes(quotes_of, text):
    assert quotes_of(text) == []


def test_an_infinitive_speech_act_reports_its_own_content(quotes_of):
    text = "The senator drew anger abroad after agreeing to describe the general as a tyrant in an interview."
    assert [q[1] for q in quotes_of(text)] == ["to describe"]


def test_that_clause_parsed_as_root_after_an_aside(quotes_of):
    text = "The governor continues to insist, most recently in a radio interview on Sunday, that she never saw the memo."
    assert quotes_of(text) == [("she never saw the memo", "to insist", "The governor")]


def test_transcript_quoted_whole_gives_one_quote_per_turn(quotes_of):
    text = (
        "A partial transcript follows:\n\n"
        '"HOST: Let us begin with the news about the debate tonight. Will she attend?\n\n'
        '"GOVERNOR: Well, she will not be at the debate, and that was never the plan.\n\n'
        '"HOST: Thank you for joining us this morning, governor."'
    )
    assert quotes_of(text) == [
        ("Let us begin with the news about the debate tonight. Will she attend?", ":", "HOST"),
        ("Well, she will not be at the debate, and that was never the plan", ":", "GOVERNOR"),
        ("Thank you for joining us this morning, governor", ":", "HOST"),
    ]
