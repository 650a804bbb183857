"""Reported clauses the parser hides: a comment clause ``as X noted`` that frames its host
clause, a reported clause hung as an unmarked adverbial clause after an adverbial (``said
after the meeting he would ...``), and a title-cased headline whose subject follows an
opening phrase (``Campaigning In Ohio, Warren Vows To ...``), and a spaced dash that ends
what an infinitive or object frame reports; with the look-alikes."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        ("As several analysts have pointed out, the budget relies on optimistic growth forecasts.", ("the budget relies on optimistic growth forecasts", "have pointed out", "several analysts")),
        ("If, as critics have argued, the tariffs raise prices, farmers will suffer first.", ("the tariffs raise prices", "have argued", "critics")),
        ("Mr. Lopez said after the meeting he would not seek another term.", ("he would not seek another term", "said", "Mr. Lopez")),
        ("Campaigning In Ohio, Warren Vows To Break Up The Big Banks\n\nWarren spoke in Columbus on Monday.", ("To Break Up The Big Banks", "Vows", "Warren")),
    ],
)
def test_hidden_reported_clauses(quotes_of, text, expected):
    assert quotes_of(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Someone as wealthy as Mr. Blake claims to be would pay more.",  # a comparison
        "He spoke slowly, because the room was loud.",  # a marked adverbial clause
        "The talks stalled as the rivalry between the two capitals continues.",  # a time clause
    ],
)
def test_comparisons_and_adverbials_are_no_quotes(quotes_of, text):
    assert quotes_of(text) == []


def test_a_spaced_dash_ends_a_demand(quotes_of):
    text = "The governor called on lawmakers to fund the schools -- a demand that the speaker said was impossible to meet."
    assert quotes_of(text) == [
        ("lawmakers to fund the schools", "called on", "The governor"),
        ("was impossible to meet", "said", "the speaker"),
    ]


def test_a_name_call_tagged_as_two_predicates(quotes_of):
    # the parser tags both "Trump" and "liar" as predicates of "called": the first is the object
    text = 'Sanders called Trump a "pathological liar" who is "utterly amoral," a "serial cheat," a "bully" and a "fraud."'
    assert quotes_of(text) == [
        ('Trump a "pathological liar" who is "utterly amoral," a "serial cheat," a "bully" and a "fraud."', "called", "Sanders")
    ]


def test_a_source_on_a_topic_headline(quotes_of):
    text = "Warren on Wall Street: The Banks Are 'Too Big.'\n\nSenator Elizabeth Warren spoke on Tuesday in Boston about the banks."
    assert quotes_of(text) == [("The Banks Are 'Too Big.'", "on Wall Street:", "Warren")]


def test_a_heading_with_on_is_no_source(quotes_of):
    assert quotes_of("Focus on Jobs: A New Plan.\n\nThe council met on Tuesday.") == []
