"""Descriptions through relations and generic heads: ``his lawyer``, ``the union``, ``Dean,``.

Attributions are built by hand from substrings, so these tests exercise the resolver alone.
"""

from __future__ import annotations

from tests.resolution.test_speakers2_descriptions import attribute


def test_his_lawyer_is_the_person_introduced_as_his_lawyer_not_him(nlp):
    text = (
        "The state senate voted to fine Robert Kellerman on Monday. "
        "A lawyer for Kellerman, Susan Albright, said the fine would be appealed. "
        "Kellerman's lawyer said the vote broke the chamber's own rules."
    )
    a = attribute(nlp, text, "the vote broke the chamber's own rules", "Kellerman's lawyer")
    assert a.quote.speaker == "Susan Albright"


def test_a_relational_description_never_names_its_possessor(nlp):
    text = (
        "Robert Kellerman, a former state treasurer, was fined on Monday. "
        "His attorney said the fine would be appealed."
    )
    a = attribute(nlp, text, "the fine would be appealed", "His attorney")
    assert a.quote.speaker != "Robert Kellerman"


def test_the_union_is_the_union_the_article_names(nlp):
    text = (
        "The International Brotherhood of Electrical Workers endorsed the governor on Friday. "
        "The governor thanked its members at a rally in Toledo. "
        "The union said its members would knock on doors for him."
    )
    a = attribute(nlp, text, "its members would knock on doors for him", "The union")
    assert a.quote.speaker == "International Brotherhood of Electrical Workers"


def test_the_bank_is_the_brand_the_article_names_most(nlp):
    text = (
        "Regulators fined Citigroup $100 million on Tuesday over its mortgage practices. "
        "Citigroup had already paid customers $20 million. "
        "The bank said it had changed its practices in 2015."
    )
    a = attribute(nlp, text, "it had changed its practices in 2015", "The bank")
    assert a.quote.speaker == "Citigroup"


def test_a_surname_that_is_a_title_word_is_the_person_named_in_full(nlp):
    text = (
        "Pundits mocked the debate on Tuesday, and Senator Maria Gomez called it a circus. "
        "Howard Judge, a retired pollster, wrote a long reply. "
        "Judge, a longtime Democrat, said the polls had been wrong before."
    )
    a = attribute(nlp, text, "the polls had been wrong before", "Judge, a longtime Democrat")
    assert a.quote.speaker == "Howard Judge"


def test_one_article_over_two_titles_is_one_person(nlp):
    text = (
        "Maria Gomez, the former governor, spoke in Ohio on Tuesday. "
        "The former governor and U.S. senator said the plan was a mistake."
    )
    a = attribute(nlp, text, "the plan was a mistake", "The former governor and U.S. senator")
    assert a.quote.speaker == "Maria Gomez"


def test_the_judge_is_the_justice_the_article_introduced(nlp):
    text = (
        "State Supreme Court Justice Alan Whitford dismissed the suit on Friday. "
        "The plaintiffs said they would appeal. "
        "The judge said the city had acted within its powers."
    )
    a = attribute(nlp, text, "the city had acted within its powers", "The judge")
    assert a.quote.speaker == "Alan Whitford"


def test_the_businessman_is_the_speaker_at_hand(nlp):
    text = (
        "Peter Langford, appearing after his rival at the forum, criticized the city budget. "
        "\u201cThe budget is a mess,\u201d Langford said. "
        "The Chicago businessman said the city needed a change."
    )
    a = attribute(nlp, text, "the city needed a change", "The Chicago businessman")
    assert a.quote.speaker == "Peter Langford"
