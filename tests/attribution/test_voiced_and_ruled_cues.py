"""Speech cues added from PolNeAR train's cue counts (scripts/mine_polnear_cues.py): rulings
(``ruled that``), charges (``charged X with Y``), demands whose bare object is the content
(``urged caution``, ``proposed new tolls``), attitude nouns voiced by a verb (``expressed
concern that``), a noun's ``that`` clause hung on its issuing verb (``made the case to X
that``), a demand noun's ``for X to Y`` clause (``a call for Congress to act``) and a reported clause misparsed as a relative clause after a long addressee; with
the look-alikes the speech scheme leaves out."""

from __future__ import annotations

import pytest

from quotes.attribution.cues import load_lexicon


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The judge ruled that the search was unlawful.", ("the search was unlawful", "ruled", "The judge")),
        ("Regulators charged the firm with misleading investors.", ("the firm with misleading investors", "charged", "Regulators")),
        ("Several governors have proposed new tolls on interstate highways.", ("new tolls on interstate highways", "have proposed", "Several governors")),
        ("Senator Blake urges caution on tariffs", ("caution on tariffs", "urges", "Senator Blake")),
        ("The union demanded higher wages and a shorter week.", ("higher wages and a shorter week", "demanded", "The union")),
        ("Local officials have expressed concern that the closures could hurt rural voters.", ("the closures could hurt rural voters", "expressed concern", "Local officials")),
        ("Union leaders voiced frustration that the talks had stalled.", ("the talks had stalled", "voiced frustration", "Union leaders")),
        ("The senator tried to make the case to voters in both states that the tariff would hurt farmers.", ("the tariff would hurt farmers", "make the case", "The senator")),
        ("The president issued a call for Congress to act on the budget.", ("Congress to act on the budget", "issued a call", "The president")),
        ("She assured a room full of nervous donors from three states that the campaign had enough money.", ("the campaign had enough money", "assured", "She")),
    ],
)
def test_added_cues_report_their_content(quotes_of, text, expected):
    assert quotes_of(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The governor ruled out a third run for office.",  # a particle verb that reports nothing
        "The company charged customers a fee for late payments.",  # a price, not a charge
        "He fears that the deal will collapse.",  # a belief
        "There is concern that the bridge is unsafe.",  # an attitude nobody voices
        "The city has expressed interest in the site.",  # a voiced attitude without content
    ],
)
def test_look_alikes_stay_out(quotes_of, text):
    assert quotes_of(text) == []


def test_voiced_nouns_are_data():
    lex = load_lexicon("speech")
    assert "express" in lex.voice_verbs and "concern" in lex.voiced_nouns
    assert "concern" not in lex.speech_nouns  # on its own an attitude is no speech noun
    assert lex.verbs["propose"].takes("object") and lex.verbs["charge"].takes("dobj")
    assert "with" in lex.verbs["charge"].preps
