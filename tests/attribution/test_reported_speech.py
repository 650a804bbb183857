"""The reported-speech rules, each called directly on a real parsed sentence.

quotes.attribution.indirect (clauses of cue verbs), .according (``according to``), .headlines
(title-cased headlines), .colon_lines (``Name: ...`` lines) and the helpers they share
(.mentions, .clauses).
"""

from __future__ import annotations

import pytest

from quotes.attribution.according import according_to
from quotes.attribution.candidate import Candidate
from quotes.attribution.clauses import direct_content, fragments, trailing_aside
from quotes.attribution.colon_lines import colon_lines
from quotes.attribution.cues import load_lexicon
from quotes.attribution.headlines import headlines, is_title_cased
from quotes.attribution.indirect import from_cue_verbs
from quotes.attribution.mentions import subject_of
from quotes.text.layout import Layout


def describe(doc, c: Candidate) -> tuple:
    def words(rng):
        return doc[rng[0] : rng[1]].text if rng else None

    return doc.text[c.start : c.end], c.pattern, words(c.cue), words(c.mention)


@pytest.fixture(scope="module")
def rule(nlp):
    """Run one rule on ``text`` with the cue lexicon of ``scheme``; headlines' line ranges are dropped."""

    def _run(fn, text: str, scheme: str = "speech") -> list[tuple]:
        doc = nlp(text)
        out = fn(Layout(doc), load_lexicon(scheme))
        return [describe(doc, c[1] if isinstance(c, tuple) else c) for c in out]

    return _run


# ------------------------------------------------------------------ clauses of cue verbs


def test_reported_clause_after_the_cue(rule):
    assert rule(from_cue_verbs, "Wang said China will strive to get relations back on track.") == [
        ("China will strive to get relations back on track", "ccomp:speech", "said", "Wang")
    ]


def test_reported_clause_before_the_cue(rule):
    assert rule(from_cue_verbs, "China will strive to get relations back on track, the ministry said.") == [
        ("China will strive to get relations back on track", "ccomp:speech", "said", "the ministry")
    ]


def test_parenthetical_cue_reports_its_host_clause(rule):
    assert rule(from_cue_verbs, "The economy, he said, is strong.") == [
        ("The economy, he said, is strong", "aside:speech", "said", "he")
    ]


def test_infinitive_and_object_frames(rule):
    assert rule(from_cue_verbs, "The senator pledged to cut taxes for the middle class.") == [
        ("to cut taxes for the middle class", "xcomp:speech", "pledged", "The senator")
    ]
    assert rule(from_cue_verbs, "Sanders accused Clinton of being too reliant on Wall Street.") == [
        ("Clinton of being too reliant on Wall Street", "dobj:speech", "accused", "Sanders")
    ]


def test_complementizer_kept_in_attribution_scheme_only(rule):
    text = "Wang said that China will strive to get relations back on track."
    (speech,) = rule(from_cue_verbs, text, "speech")
    (attribution,) = rule(from_cue_verbs, text, "attribution")
    assert speech[0] == "China will strive to get relations back on track"
    assert attribution[0] == "that China will strive to get relations back on track"
    assert speech[1:] == attribution[1:] == ("ccomp:speech", "said", "Wang")


def test_beliefs_and_topics_only_in_the_attribution_scheme(rule):
    belief = "The company believes the market will recover next year."
    assert rule(from_cue_verbs, belief, "speech") == []
    assert rule(from_cue_verbs, belief, "attribution") == [
        ("the market will recover next year", "ccomp:belief", "believes", "The company")
    ]
    topic = "The senator defended the bill on Tuesday."
    assert rule(from_cue_verbs, topic, "speech") == []
    assert [c[1:] for c in rule(from_cue_verbs, topic, "attribution")] == [("dobj:stance", "defended", "The senator")]


def test_speech_inside_a_quotation_is_not_a_report(rule):
    # "said" inside the marks belongs to the quotation; only the outer cue reports
    found = rule(from_cue_verbs, "Lavrov told reporters that “Wang said the deal is done.”")
    assert [c[2] for c in found] == ["told"]


def test_a_clause_cutting_a_quotation_grows_over_it(nlp):
    doc = nlp("Wang said China will “deepen strategic mutual trust” with Russia.")
    (c,) = from_cue_verbs(Layout(doc), load_lexicon("speech"))
    assert doc.text[c.start : c.end] == "China will “deepen strategic mutual trust” with Russia"
    assert c.quoted == [0]


# ------------------------------------------------------------------ according to


def test_according_to_before_and_after_the_content(rule):
    assert rule(according_to, "According to the embassy, the talks will resume in May.") == [
        ("the talks will resume in May", "according_to", "According to", "the embassy")
    ]
    assert rule(according_to, "The talks will resume in May, according to the embassy.") == [
        ("The talks will resume in May", "according_to", "according to", "the embassy")
    ]


def test_according_to_leaves_a_reporting_verb_its_clause(rule):
    assert rule(according_to, "According to the report, officials said the talks had stalled.") == []


# ------------------------------------------------------------------ headlines


def test_headline_with_the_cue_and_source_at_the_end(rule):
    text = "China Will Work With Russia on Policy Towards US, Says Ambassador to Moscow\n\nThe ambassador spoke on Tuesday."
    assert rule(headlines, text) == [
        ("China Will Work With Russia on Policy Towards US", "headline", "Says", "Ambassador to Moscow")
    ]


def test_headline_with_the_source_first(rule):
    text = "Trump Says Clinton Should Drop Out of the Race\n\nThe candidate spoke in Ohio."
    assert rule(headlines, text) == [("Clinton Should Drop Out of the Race", "headline", "Says", "Trump")]


def test_headline_rule_needs_title_case(nlp, rule):
    text = "China will work with Russia on policy towards the US, says the ambassador to Moscow."
    assert rule(headlines, text) == []
    doc = nlp(text)
    assert not is_title_cased(doc, 0, len(doc))


# ------------------------------------------------------------------ colon lines


def test_colon_line_names_its_source(rule):
    text = "Police: The suspect fled on foot toward the river.\n\nEditor's note: This story has been updated with new details."
    assert rule(colon_lines, text) == [("The suspect fled on foot toward the river", "colon_line", ":", "Police")]


def test_colon_line_with_a_longer_source_and_a_short_heading(rule):
    text = "Christie: A closing surge.\n\nSenior administration officials: The deal is not dead yet, and talks will go on."
    assert rule(colon_lines, text) == [
        ("The deal is not dead yet, and talks will go on", "colon_line", ":", "Senior administration officials")
    ]


def test_page_labels_name_no_source(rule):
    text = (
        "CLARIFICATION: An earlier version of this story misstated when the mayor plans to step down.\n\n"
        "UPDATE: The council voted on Tuesday evening to delay the hearing until next month.\n\n"
        "Disclosure: The author owns shares in two of the companies named in this article."
    )
    assert rule(colon_lines, text) == []


# ------------------------------------------------------------------ shared helpers


def test_subject_of_a_passive_is_its_agent(nlp):
    doc = nlp("The plan was criticized by the senator on Monday.")
    cue = next(t for t in doc if t.text == "criticized")
    assert subject_of(cue).text == "senator"
    doc = nlp("It was said that the plan would fail.")
    assert subject_of(next(t for t in doc if t.text == "said")) is None


def test_subject_of_a_relative_clause_is_its_antecedent(nlp):
    doc = nlp("The spokeswoman, who said the talks had stalled, left the room.")
    assert subject_of(next(t for t in doc if t.text == "said")).text == "spokeswoman"


def test_subject_of_a_statement_is_its_author(nlp):
    doc = nlp("The diplomat’s statement said trade would grow.")
    said = next(t for t in doc if t.text == "said")
    assert subject_of(said).text == "statement"
    assert subject_of(said, load_lexicon("speech").statement_nouns).text == "diplomat"


def test_trailing_participle_ends_the_reported_clause(nlp):
    doc = nlp("He said the plan works, adding that it will be expanded.")
    end = trailing_aside(doc, 2, len(doc) - 1)
    assert doc[2:end].text == "the plan works"


def test_fragments_of_an_interrupted_content(nlp):
    doc = nlp("Many of the closures, he said, have involved small shops in the city.")
    after = ([t.i for t in doc if t.text == ","][1] + 1, len(doc))  # from the comma after "said"
    # both parts have 4+ words: one quote each; a short part joins the whole span
    assert [doc[i:j].text for i, j in fragments(doc, [(0, 4), after])] == [
        "Many of the closures",
        "have involved small shops in the city",
    ]
    assert [doc[i:j].text for i, j in fragments(doc, [(0, 2), after])] == [
        "Many of the closures, he said, have involved small shops in the city"
    ]


def test_direct_content_drops_blanks_and_a_trailing_comma():
    text = "“ We are ready, ” he said."
    assert text[slice(*direct_content(text, 1, 16))] == "We are ready"
