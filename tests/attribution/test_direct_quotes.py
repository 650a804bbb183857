"""The rules on quotations in marks (quotes.attribution.direct.attribute_quotes), called directly.

Each case parses a real news sentence and checks the candidate the rule proposes: which rule
fired (its pattern), the cue and mention token ranges, and the content (the inside of the marks).
"""

from __future__ import annotations

import pytest

from quotes.attribution.candidate import Candidate
from quotes.attribution.cues import load_lexicon
from quotes.attribution.direct import attribute_quotes
from quotes.attribution.indirect import from_cue_verbs
from quotes.text.layout import Layout


@pytest.fixture(scope="module")
def quotes_in(nlp):
    """Parse ``text`` and describe each candidate of the direct rules as plain strings."""

    def _run(text: str) -> list[tuple]:
        doc = nlp(text)
        return [describe(doc, c) for c in attribute_quotes(Layout(doc), load_lexicon("speech"), [])]

    return _run


def describe(doc, c: Candidate) -> tuple:
    def words(rng):
        return doc[rng[0] : rng[1]].text if rng else None

    return doc.text[c.start : c.end], c.pattern, words(c.cue), words(c.mention)


def test_cue_after_the_quotation(quotes_in):
    assert quotes_in("“We are ready to work with Russia on this,” Zhang told Interfax.") == [
        ("We are ready to work with Russia on this", "direct_after", "told", "Zhang")
    ]


def test_inverted_cue_after_the_quotation_takes_the_appositive(quotes_in):
    assert quotes_in("“The talks were useful,” said Lavrov, Russia’s foreign minister.") == [
        ("The talks were useful", "direct_after", "said", "Lavrov, Russia’s foreign minister")
    ]


def test_cue_before_the_quotation(quotes_in):
    assert quotes_in("The minister said: “We will not accept these terms.”") == [
        ("We will not accept these terms.", "direct_before", "said", "The minister")
    ]
    assert quotes_in("Smith told reporters that “the vote will happen next week.”") == [
        ("the vote will happen next week.", "direct_before", "told", "Smith")
    ]


def test_colon_introduction_in_the_previous_paragraph(quotes_in):
    text = "In a statement, the ministry said:\n\n“We regret the decision and will respond in due course.”"
    assert quotes_in(text) == [
        ("We regret the decision and will respond in due course.", "colon_intro", "said", "the ministry")
    ]


def test_dash_attribution(quotes_in):
    assert quotes_in("“We will rebuild this town, house by house.” – Commissioner Maria Lopez") == [
        ("We will rebuild this town, house by house.", "direct_dash", "–", "Commissioner Maria Lopez")
    ]


def test_each_signed_line_of_a_reader_list_takes_its_own_signer(quotes_in):
    # reader-response lists: the dash glued to the mark, or no-break spaces around it
    text = (
        "“The mayor listens to nobody. Why would we vote for him again?”― Rosa Delgado\n"
        "“He broke every promise he made to this street.”\u00a0― Tom Whitaker\u00a0\n"
        "“We deserve a council that shows up.” ―\u00a0Amy Lin.\n"
    )
    assert [(c[1], c[3]) for c in quotes_in(text)] == [
        ("direct_dash", "Rosa Delgado"),
        ("direct_dash", "Tom Whitaker"),
        ("direct_dash", "Amy Lin"),
    ]


def test_a_dash_before_a_clause_is_no_attribution(quotes_in):
    # a verb after the dash makes it a sentence, not a name signing the quotation
    assert quotes_in("“We will rebuild this town.” – The work starts on Monday.") == []


def test_second_quotation_continues_the_first_speaker(quotes_in):
    first, second = quotes_in("“It is a good deal for both sides,” he said. “We will sign it next week in Moscow.”")
    assert first == ("It is a good deal for both sides", "direct_after", "said", "he")
    assert second == ("We will sign it next week in Moscow.", "continuation", "said", "he")


def test_scare_quotes_and_quoted_titles_are_rejected(quotes_in):
    assert quotes_in("The so-called “Group of Friends” met in Geneva on Tuesday.") == []
    assert quotes_in("She appeared on “Face the Nation” on Sunday to discuss the budget.") == []
    assert quotes_in("The minister praised the “historic” agreement on Tuesday.") == []


def test_a_quoted_title_as_the_subject_is_not_the_speech(quotes_in):
    assert quotes_in("The “Group of Friends” said the talks would resume.") == []


def test_quotations_a_reported_clause_holds_are_left_to_it(nlp):
    doc = nlp("Smith told reporters that “the vote will happen next week.”")
    lay = Layout(doc)
    lex = load_lexicon("speech")
    (clause,) = from_cue_verbs(lay, lex)
    assert clause.quoted == [0]
    assert [c.pattern for c in attribute_quotes(lay, lex, [])] == ["direct_before"]
    assert attribute_quotes(lay, lex, [clause]) == []


def test_quoted_section_heading_does_not_float(quotes_in):
    """A title-cased quotation alone on its line is a subheading, not the previous speaker's words."""
    text = "“Prices will keep rising this winter,” the minister said.\n\n'A Long Cold Season.'\n\nMarkets fell."
    assert [q[1] for q in quotes_in(text)] == ["direct_after"]


def test_sentence_paragraph_still_floats(quotes_in):
    """A quoted paragraph that reads as a sentence keeps floating on the previous speaker."""
    text = "“Prices will keep rising this winter,” the minister said.\n\n“We have asked the utilities to hold back.”"
    assert [q[1] for q in quotes_in(text)] == ["direct_after", "floating"]
