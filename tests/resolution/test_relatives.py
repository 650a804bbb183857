"""Relative clauses the parser hangs on the wrong word (:mod:`quotes.resolution.relatives`).

Each test runs the whole rules extractor on a sentence of the shape news uses.
"""

from __future__ import annotations


def _quotes(extractor, text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in extractor.extract_text(text)]


def test_who_after_a_list_of_names_is_the_nearest_name(extractor):
    text = (
        "The gala featured the singers Gloria Banks, Marcus Hill and Tony Ruiz, who said "
        "the new hall would bring crowds back downtown."
    )
    assert _quotes(extractor, text) == [("the new hall would bring crowds back downtown", "Tony Ruiz")]


def test_who_after_a_single_name_is_unchanged(extractor):
    text = "The gala featured the singer Tony Ruiz, who said the new hall would bring crowds back downtown."
    assert _quotes(extractor, text) == [("the new hall would bring crowds back downtown", "Tony Ruiz")]


def test_who_after_an_appositive_is_the_named_person(extractor):
    text = (
        "Investigators want to question Paul Granger, a budget analyst at the Energy Department "
        "who told his staff never to discuss the contract."
    )
    quotes = extractor.extract_text(text)
    assert [(q.speaker, q.speaker_type) for q in quotes] == [("Paul Granger", "person")]


def test_who_after_a_place_in_a_complement_is_the_noun_not_the_place(extractor):
    text = (
        "The new tone will reassure anxious Republicans on Capitol Hill, who have argued that "
        "attacks on the nominee hurt candidates down the ballot."
    )
    quotes = extractor.extract_text(text)
    assert [(q.speaker, q.speaker_type) for q in quotes] == [(None, "group")]
