"""Pronoun antecedents: the writer's own I and we, a party named as a modifier, a subject
the NER missed, a main subject against a name in its relative clause, and gender votes that
a name inside a quote makes ambiguous.

Attributions are built by hand from substrings, so these tests exercise the resolver alone.
"""

from __future__ import annotations

from tests.resolution.test_speakers2_pronouns import attribute, speakers


def test_the_writers_own_i_is_nobody_the_text_names(nlp):
    text = (
        "Senator Paul Whitcomb has promised to close the loopholes that benefit his donors. "
        "But has he ever called for closing the ones that benefit him?\n\n"
        "If, as I have argued, he profits from the same deductions, his promise means little."
    )
    atts = attribute(nlp, text, [("he profits from the same deductions", "I")])
    assert speakers(atts) == [None]


def test_the_writers_we_in_a_letter_stays_unnamed(nlp):
    text = (
        "Maria Ortega.\n\nPortland, Ore.\n\n"
        "We asked readers whether the mayor's budget would help small businesses."
    )
    atts = attribute(nlp, text, [("whether the mayor's budget would help small businesses", "We")])
    assert speakers(atts) == [None]


def test_i_inside_a_quote_still_continues_its_speaker(nlp):
    text = (
        "Mayor Linda Ferris spoke to reporters on Monday.\n\n"
        "\u201cThe budget is tight. When I said we would cut, I meant it,\u201d Ferris said."
    )
    atts = attribute(nlp, text, [("The budget is tight. When I said we would cut, I meant it,", "Ferris")])
    assert speakers(atts) == ["Linda Ferris"]


def test_it_skips_a_party_that_only_modifies_the_subject(nlp):
    text = (
        "\u201cRenters deserve relief,\u201d the Harmon campaign said in a statement on Monday.\n\n"
        "The GOP candidate wants to give renters a tax credit. "
        "The credit, it says, would be worth $500 a year."
    )
    atts = attribute(nlp, text, [("Renters deserve relief,", "the Harmon campaign"), ("would be worth $500 a year", "it")])
    assert speakers(atts) == ["Harmon campaign", "Harmon campaign"]


def test_a_subject_the_ner_missed_keeps_the_he_from_the_principal(nlp):
    text = (
        "President Obama spoke at the base. President Obama praised the troops, and President "
        "Obama thanked their families. Later President Obama flew to Texas, where President "
        "Obama met the governor. Critics of President Obama said little.\n\n"
        "Retired Colonel Dale Hay served in the Air Force for thirty years.\n\n"
        "In an interview with a radio host, Hay made it clear he had doubts about the "
        "military under President Obama.\n\n"
        "\u201cThe morale is the lowest I have ever seen,\u201d he said."
    )
    atts = attribute(nlp, text, [("The morale is the lowest I have ever seen,", "he")])
    assert speakers(atts) == ["Dale Hay"]


def test_a_main_subject_keeps_the_he_against_a_man_in_its_relative_clause(nlp):
    text = (
        "Kerry Adair, who has campaigned for Governor Frank Bell since he left the race in "
        "March, attacked the senator on Tuesday.\n\n"
        "\u201cHe has no idea what the voters want,\u201d he said."
    )
    atts = attribute(nlp, text, [("He has no idea what the voters want,", "he")])
    assert speakers(atts) == ["Kerry Adair"]


def test_they_is_a_lone_ungendered_name_the_ner_took_for_a_person(nlp):
    text = (
        "After the debate, Verifica ran a check on Senator Tom Reyes's claim about crime. "
        "On Friday they published the results, announcing that the claim was mostly true."
    )
    atts = attribute(nlp, text, [("that the claim was mostly true", "they")])
    assert speakers(atts) == ["Verifica"]


def test_they_does_not_take_a_lone_name_with_a_gender(nlp):
    text = (
        "After the debate, Mr. Verica ran a check on the senator's claim about crime. "
        "On Friday they published the results, announcing that the claim was mostly true."
    )
    atts = attribute(nlp, text, [("that the claim was mostly true", "they")])
    assert speakers(atts) == [None]


def test_a_name_in_a_lead_in_the_content_took_in_is_the_she(nlp):
    text = (
        "The senator's office released a video of the hearing on Thursday.\n\n"
        "Republican Sen. Joan Pardee (R-Kan.) lectured him: \u201cThe evidence is entirely "
        "against the claims you made on your program,\u201d she said."
    )
    content = "Republican Sen. Joan Pardee (R-Kan.) lectured him: \u201cThe evidence is entirely against the claims you made on your program,"
    atts = attribute(nlp, text, [(content, "she")])
    assert speakers(atts) == ["Joan Pardee"]
