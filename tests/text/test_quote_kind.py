"""The kind of a quote (direct, indirect, mixed) from the quotation marks around its words."""

from __future__ import annotations

import pytest

from quotes.text.marks import find_quotations
from quotes.text.quote_kind import content_kind, kind_of, own_quotations


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def kind(text: str, needle: str, nth: int = 0) -> str:
    return content_kind(text, (at(text, needle, nth),))


# --------------------------------------------------------------------------- the three kinds


def test_direct_content_between_its_marks():
    text = "“We are ready to maintain communication with the Russian side,” Zhang wrote."
    assert kind(text, "We are ready to maintain communication with the Russian side,") == "direct"
    # the marks may be part of the content too (PolNeAR spans them)
    assert kind(text, "“We are ready to maintain communication with the Russian side,”") == "direct"


def test_indirect_content_has_no_marks():
    text = "Wang said China will strive to get relations with the United States back on track."
    assert kind(text, "China will strive to get relations with the United States back on track") == "indirect"


def test_mixed_content_quotes_part_of_the_words():
    text = "Wang said China will “deepen strategic mutual trust” with Russia."
    assert kind(text, "China will “deepen strategic mutual trust” with Russia") == "mixed"
    text = "He described it as an “important pillar” of their relationship and an “important safeguard”."
    assert kind(text, "an “important pillar” of their relationship and an “important safeguard”") == "mixed"


def test_a_content_that_cuts_a_quotation_holding_its_opening_mark_is_mixed():
    text = "He said the plan was “a disaster. We will fix it,” and left."
    assert kind(text, "the plan was “a disaster") == "mixed"


def test_quotations_separated_only_by_punctuation_make_a_direct_content():
    text = "The ministry said: “We are ready.” “We are willing.”"
    assert kind(text, "“We are ready.” “We are willing.”") == "direct"
    text = "The ministry said: “We are ready,” and “we are willing.”"
    assert kind(text, "“We are ready,” and “we are willing.”") == "mixed"


def test_an_interrupting_cue_between_fragments_does_not_make_a_quote_mixed():
    text = "“We want the architecture to be fair,” said Lavrov, “just as we are doing with our friends.”"
    fragments = (at(text, "We want the architecture to be fair,"), at(text, "just as we are doing with our friends."))
    assert content_kind(text, fragments) == "direct"
    # the same extent as one fragment holds "said Lavrov" outside the marks
    assert content_kind(text, ((fragments[0][0], fragments[1][1]),)) == "mixed"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We will not back down,”", "direct"),
        ('"We will not back down."', "direct"),
        ("''We will not back down,''", "direct"),  # two apostrophes typed as a double mark
        ("‘We will not back down’", "direct"),
        ("“We will not back down. It is our land.\n\n“And we will defend it.”", "direct"),  # multi-paragraph
        ("“I told him, ‘Don’t sign it,’ and he agreed.”", "direct"),  # nested single marks
        ("“It is over at deeper levels. “", "direct"),  # closing mark typed as an opening one
        ("China will strive to get relations back on track", "indirect"),
        ("the voters’ choice was clear and Trump’s lead held", "indirect"),  # apostrophes only
        ("China will “deepen strategic mutual trust” with Russia", "mixed"),
        ("“We are ready,” and “we are willing”", "mixed"),
        ("the talks were “productive", "mixed"),  # opened, never closed in its paragraph
    ],
)
def test_kind_of_a_whole_text(text, expected):
    assert content_kind(text, ((0, len(text)),)) == expected


# --------------------------------------------------------------------------- messy marks


def test_multi_paragraph_quote_reopened_on_each_paragraph_is_one_direct_content():
    text = (
        "“During a virtual meeting at the end of last year our leaders came up with a plan for further "
        "development of bilateral relations.\n\n"
        "“We are ready to join forces with the Russian side to decisively stand up for national interests,” "
        "the Chinese diplomat’s statement said."
    )
    start = at(text, "During")[0]
    end = at(text, "national interests,")[1]
    assert content_kind(text, ((start, end),)) == "direct"
    # the last paragraph alone, its reopening mark included, is direct as well
    assert kind(text, "“We are ready to join forces with the Russian side to decisively stand up for national interests,") == "direct"


def test_a_closing_mark_typed_as_an_opening_one_still_closes():
    text = (
        "Lavrov warned that “the objective trend towards a multipolar world is being undermined at deeper "
        "levels. “\n\nThese points were discussed on Tuesday."
    )
    assert kind(text, "the objective trend towards a multipolar world is being undermined at deeper levels.") == "direct"
    assert kind(text, "These points were discussed on Tuesday") == "indirect"


def test_a_closing_mark_facing_the_wrong_way_closes_by_its_neighbours():
    text = "Officials said “we will not back down“ today."
    assert kind(text, "“we will not back down“") == "direct"


@pytest.mark.parametrize(
    "text, content",
    [
        ("The spokesman said Russia’s foreign minister wasn’t invited.", "Russia’s foreign minister wasn’t invited"),
        ("She said the voters’ choice was clear in the ’90s.", "the voters’ choice was clear in the ’90s"),
        ("He said rock ’n’ roll never dies and O'Brien agreed.", "rock ’n’ roll never dies"),
        ("Officials said they won't comment on the Smiths' plans.", "they won't comment on the Smiths' plans"),
    ],
)
def test_apostrophes_are_not_quotation_marks(text, content):
    assert kind(text, content) == "indirect"


def test_doubled_apostrophes_typed_as_a_double_mark():
    text = "''We will not back down,'' the mayor said, adding that the city ''will not pay.''"
    assert kind(text, "We will not back down,") == "direct"
    assert kind(text, "the city ''will not pay.''") == "mixed"


# --------------------------------------------------------------------------- reports inside quoted passages


def test_a_report_nested_in_a_quoted_passage_keeps_its_own_kind():
    text = (
        "The Post reports:\n\n"
        "\"Melanie thought the whole thing was outrageous. She was anxious, sure, but she called the "
        "charge “absurd” and a “smear.”\""
    )
    # the passage's marks quote the article, not what Melanie thought
    assert kind(text, "the whole thing was outrageous") == "indirect"
    # quoted words of the report itself still make it mixed
    assert kind(text, "the charge “absurd” and a “smear.”") == "mixed"
    passage = next(q for q in find_quotations(text) if not q.nested)
    s, e = at(text, "the whole thing was outrageous")
    assert own_quotations(text, s, e, [passage]) == []


def test_gold_conversion_and_rules_extraction_decide_kinds_alike(extractor):
    text = (
        "Chinese Foreign Minister Wang Yi said on Monday that China will strive to get relations with the "
        "United States back on track.\n\n"
        "Wang said China will “deepen strategic mutual trust” with Russia.\n\n"
        "“We are ready to maintain communication with the Russian side,” Zhang wrote."
    )
    quotes = extractor.extract_text(text)
    assert {q.kind for q in quotes} == {"direct", "indirect", "mixed"}
    quotations = find_quotations(text)
    for q in quotes:
        assert kind_of(text, ((q.start, q.end),), quotations) == q.kind
