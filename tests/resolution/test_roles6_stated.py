"""Roles a document states outside the subject position: the capacity a pronoun subject acts
in (``she serves as the state treasurer``), an intensified description (``the treasurer
herself``), and postpositive ``general`` in compound offices (``attorney general``)."""

from __future__ import annotations

from quotes.resolution.role_titles import title_words


def test_postpositive_general_is_no_military_title():
    assert "general" not in title_words("attorney general")
    assert "attorney" in title_words("attorney general")
    assert title_words("Gen. Mark Hertling") == frozenset({"general"})
    assert "general" in title_words("retired general")


def test_capacity_of_a_pronoun_subject_is_the_role_of_the_last_subject(extractor):
    text = (
        "Maria Alvarez rose from a clerk's desk to run the state's finances.\n\n"
        "She has served for six years as the state treasurer, the first woman to do so.\n\n"
        "“We balanced the books without raising taxes,” Alvarez said."
    )
    quotes = extractor.extract_text(text)
    assert quotes and all(q.speaker == "Maria Alvarez" and q.role == "state treasurer" for q in quotes)


def test_intensified_description_is_the_role_of_the_last_subject(extractor):
    text = (
        "Daniel Osei spent the morning with his staff.\n\n"
        "Four aides report to the attorney general himself, and two more were hired last month.\n\n"
        "“I need people I can trust,” Osei said."
    )
    quotes = extractor.extract_text(text)
    assert quotes and all(q.speaker == "Daniel Osei" and q.role == "attorney general" for q in quotes)


def test_an_object_description_names_no_one_already_in_view(extractor):
    text = (
        "Daniel Osei spent the morning with his staff.\n\n"
        "He met the attorney general to discuss the case.\n\n"
        "“I need people I can trust,” Osei said."
    )
    quotes = extractor.extract_text(text)
    assert quotes and all(q.speaker == "Daniel Osei" and q.role is None for q in quotes)
