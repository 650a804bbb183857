"""Pronoun antecedents and the article's principal (:mod:`quotes.resolution.salience`).

Attributions are built by hand from substrings, so these tests exercise the resolver alone.
"""

from __future__ import annotations

from tests.resolution.test_speakers2_pronouns import attribute, speakers

_PROFILE = (
    "Governor Mark Delaney has spent a decade on water policy. Mr. Delaney grew up on a farm "
    "near Fresno, and Mr. Delaney often says the drought of 1977 shaped him. Critics of Mr. "
    "Delaney call his plans too costly; Mr. Delaney dismissed them last week, and Mr. Delaney "
    "will present a new budget in May.\n\n"
    "\u201cWe will not wait for rain,\u201d said Tom Hale, an adviser to the governor.\n\n"
)


def test_the_principal_named_in_a_subordinate_clause_keeps_the_he(nlp):
    text = _PROFILE + (
        "But the legislature will fight the plan that Mr. Delaney has drafted. "
        "He noted that the budget was tight this year."
    )
    atts = attribute(nlp, text, [
        ("We will not wait for rain,", "Tom Hale"),
        ("that the budget was tight this year", "He"),
    ])
    assert speakers(atts) == ["Tom Hale", "Mark Delaney"]


def test_the_principal_described_since_beats_an_aide_two_sentences_back(nlp):
    text = _PROFILE + (
        "Hale recalled Mr. Delaney reading about the great floods of the Central Valley.\n\n"
        "The governor\u2019s farm roots also mattered. "
        "Wells are running dry in the valley, he noted."
    )
    atts = attribute(nlp, text, [
        ("We will not wait for rain,", "Tom Hale"),
        ("Mr. Delaney reading about the great floods of the Central Valley", "Hale"),
        ("Wells are running dry in the valley", "he"),
    ])
    assert speakers(atts)[2] == "Mark Delaney"


def test_the_principal_named_only_inside_an_aides_quote_does_not_take_the_he(nlp):
    text = _PROFILE + (
        "Tom Hale said Mr. Delaney was furious about the vote.\n\n"
        "The drive back to the capital took four hours.\n\n"
        "\u201cWe all needed sleep,\u201d he said."
    )
    atts = attribute(nlp, text, [
        ("We will not wait for rain,", "Tom Hale"),
        ("Mr. Delaney was furious about the vote", "Tom Hale"),
        ("We all needed sleep,", "he"),
    ])
    assert speakers(atts)[2] == "Tom Hale"

def test_a_name_used_as_a_modifier_does_not_take_the_pronoun(nlp):
    text = _PROFILE + (
        "Some say the Delaney administration is worried. "
        "\u201cThey waited too long,\u201d he said."
    )
    atts = attribute(nlp, text, [
        ("We will not wait for rain,", "Tom Hale"),
        ("They waited too long,", "he"),
    ])
    assert speakers(atts) == ["Tom Hale", "Tom Hale"]


def test_without_a_clear_principal_the_last_speaker_keeps_the_he(nlp):
    text = (
        "Mark Delaney and Tom Hale met on Monday. Delaney spoke first.\n\n"
        "\u201cWe will not wait for rain,\u201d said Tom Hale, an adviser to the governor.\n\n"
        "But the legislature will fight the plan that Mr. Delaney has drafted. "
        "He noted that the budget was tight this year."
    )
    atts = attribute(nlp, text, [
        ("We will not wait for rain,", "Tom Hale"),
        ("that the budget was tight this year", "He"),
    ])
    assert speakers(atts) == ["Tom Hale", "Tom Hale"]


def test_she_prefers_a_known_woman_over_a_name_of_unknown_gender(nlp):
    text = (
        "The gala ended with songs by the soul singers Gloria Banks and Kemo Adeyemi.\n\n"
        "At the end of her set, she added a verse about the flooded city."
    )
    atts = attribute(nlp, text, [("a verse about the flooded city", "she")])
    assert speakers(atts) == ["Gloria Banks"]


def test_he_still_takes_the_last_man_when_genders_are_known(nlp):
    text = (
        "The gala ended with songs by the soul singers Gloria Banks and Marcus Hill.\n\n"
        "At the end of his set, he added a verse about the flooded city."
    )
    atts = attribute(nlp, text, [("a verse about the flooded city", "he")])
    assert speakers(atts) == ["Marcus Hill"]



# ------------------------------------------------------------------- it and they without a match


def test_it_after_an_unattributed_report_stays_unnamed(nlp):
    text = (
        "The Federal Trade Commission only asks banks to list their largest affiliates.\n\n"
        "\u201cThis allows banks to hide most of their offshore units,\u201d the report says.\n\n"
        "It also notes that the fines for hiding them are very small."
    )
    atts = attribute(nlp, text, [
        ("This allows banks to hide most of their offshore units,", "the report"),
        ("that the fines for hiding them are very small", "It"),
    ])
    assert speakers(atts) == [None, None]


def test_they_with_no_group_is_the_council_that_just_spoke(nlp):
    text = (
        "After an emergency meeting, the Security Council issued a statement condemning the test.\n\n"
        "\u201cThe members of the council will begin work on new measures at once,\u201d they said."
    )
    atts = attribute(nlp, text, [("The members of the council will begin work on new measures at once,", "they")])
    assert [(a.quote.speaker, a.quote.speaker_type) for a in atts] == [("Security Council", "organization")]
