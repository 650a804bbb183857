"""Sentence starts at line breaks (quotes.text.line_breaks) and datelines (quotes.text.parse_view)."""

from __future__ import annotations

import pytest

from quotes import Document
from quotes.text.line_breaks import is_hard_wrapped
from quotes.text.parse_view import parse_view

HEADLINE = (
    "Obama Says Museum Will Tell of 'Suffering and Delight.'\n\n"
    "WASHINGTON -- President Obama, dedicating the museum, said it would tell the story of a people."
)


def test_line_breaks_runs_before_the_parser(extractor):
    names = extractor.nlp.pipe_names
    assert names.index("line_breaks") < names.index("parser")


def test_a_headline_is_a_sentence_of_its_own(extractor):
    doc = extractor.nlp(HEADLINE)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Obama Says Museum Will Tell of 'Suffering and Delight.'"
    result = extractor.extract(Document("d", HEADLINE))  # the parser reads parse_view(text)
    body = [q for q in result.quotes if q.text.startswith("it would")]
    assert len(body) == 1
    # the subject of "said" is the president, not the headline or the dateline's city
    assert body[0].mention.text == "President Obama"
    assert body[0].speaker == "Obama"


def test_hard_wrapped_text_keeps_single_line_breaks_as_spaces(extractor):
    wrapped = (
        "The minister told reporters on Tuesday that the government would not\n"
        "change its position on the treaty before the summit, and that talks with\n"
        "the other parties in the region would go on through the spring as they\n"
        "had been planned since the start of the year by both of the delegations\n"
        "that took part in the first round in Geneva last month, officials said.\n"
        "The next round is due in May."
    )
    assert is_hard_wrapped(wrapped)
    assert not is_hard_wrapped(HEADLINE)
    doc = extractor.nlp(wrapped)
    first = next(doc.sents)
    assert "had been planned" in first.text  # no sentence break at the wrapped line ends


@pytest.mark.parametrize(
    "text, kept",
    [
        ("WASHINGTON (AP) — The Latest on the race", "The Latest on the race"),
        ("FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton said", "Former President Bill Clinton said"),
        ("MOSCOW, March 3 (Reuters) - Lavrov said", "Lavrov said"),
    ],
)
def test_datelines_are_blanked_for_the_parser_at_the_same_length(text, kept):
    view = parse_view(text)
    assert len(view) == len(text)
    assert view.strip() == kept
    assert view.endswith(kept)


@pytest.mark.parametrize("text", ["US - China talks resumed", "The talks - in Geneva - resumed", "said: WASHINGTON - no"])
def test_text_that_is_no_dateline_is_left_alone(text):
    assert parse_view(text) == text


def test_offsets_index_the_input_as_given_with_a_dateline(extractor):
    text = "MOSCOW, March 3 (Reuters) - “We are ready,” Lavrov told reporters."
    result = extractor.extract(Document("d", text))
    (q,) = result.quotes
    assert q.text == "We are ready" == text[q.start : q.end]
    assert q.speaker == "Lavrov"
