"""Cue shapes grown from PolNeAR train's cues (scripts/mine_polnear_cues.py): stated demands,
charges with a preposition, participles, particle verbs, gerund and content objects, and
speech nouns with a complement clause; with the bare topics the speech scheme leaves out."""

from __future__ import annotations

import pytest

from quotes.attribution.cues import load_lexicon


@pytest.mark.parametrize(
    "text, expected",
    [
        # a stated demand: what is called for is reported content
        ("Sanders has called for a moratorium on charter schools.", ("a moratorium on charter schools", "has called for", "Sanders")),
        ("The senator called for Congress to pass the bill before the recess.", ("Congress to pass the bill before the recess", "called for", "The senator")),
        ("The senator called on Congress to pass the bill.", ("Congress to pass the bill", "called on", "The senator")),
        ("Democrats lobbied for stricter gun laws.", ("stricter gun laws", "lobbied for", "Democrats")),
        # a charge or a comparison: the object with its predicate
        ("Clinton criticized Trump for refusing to release his tax returns.", ("Trump for refusing to release his tax returns", "criticized", "Clinton")),
        ("Clinton likened Trump to a con artist.", ("Trump to a con artist", "likened", "Clinton")),
        # participles closing a clause take the main clause's subject
        ("The governor vetoed the bill, citing concerns about its cost.", ("concerns about its cost", "citing", "The governor")),
        ("Obama praised the deal, noting that it would create thousands of jobs.", ("it would create thousands of jobs", "noting", "Obama")),
        # a denial names what is denied; a gerund object is a clause
        ("Pence has strongly denied any involvement in the scheme.", ("any involvement in the scheme", "has strongly denied", "Pence")),
        ("Trump has admitted using the tax code to his advantage.", ("using the tax code to his advantage", "has admitted", "Trump")),
        # particle verb
        ("Critics have pointed out that Trump is free to disclose his returns.", ("Trump is free to disclose his returns", "have pointed out", "Critics")),
        # a refusal to say reports the question
        ("The White House declined to say whether the president would sign the bill.", ("whether the president would sign the bill", "to say", "The White House")),
        # speech nouns with a complement clause or an infinitive
        ("Trump's comments that the election was rigged drew criticism from Republicans.", ("the election was rigged", "comments", "Trump")),
        ("Clinton rejected Trump's pronouncements that he had won the debate.", ("he had won the debate", "pronouncements", "Trump")),
        ("Her pledge to cut taxes was popular with voters.", ("to cut taxes", "pledge", "Her")),
        ("Cruz has faced criticism that he abandoned his principles.", ("he abandoned his principles", "criticism", None)),
    ],
)
def test_new_cue_shapes_report_their_content(quotes_of, text, expected):
    assert quotes_of(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Ryan defended the plan.",  # a topic object
        "She talked about the economy.",  # a topic preposition
        "The claim that he made was false.",  # a relative clause, not a complement
        "The decision to close the plant angered workers.",  # a decision is no speech act
        "A small group of rich donors pushes the tally beyond the total for 2012.",  # "for" is no demand here
        "The campaign asked voters about the economy.",  # a topic, not a demand
    ],
)
def test_topics_and_look_alikes_are_no_quotes(quotes_of, text):
    assert quotes_of(text) == []


def test_demands_and_denials_in_the_attribution_scheme_too(quotes_of):
    assert quotes_of("Sanders has called for a moratorium on charter schools.", "attribution") == [
        ("a moratorium on charter schools", "has called for", "Sanders")
    ]


def test_particle_verbs_need_their_particle():
    lex = load_lexicon("speech")
    assert "point out" in lex.verbs
    assert lex.verbs["point"].frames == {"prep:to"}  # bare "point" reports only "pointed to X as Y"
    assert lex.verbs["call"].demand_preps >= {"for", "on+to"}
    assert "that" in lex.speech_nouns["claim"] and "decision" not in lex.speech_nouns
