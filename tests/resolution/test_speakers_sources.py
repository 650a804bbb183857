"""Speaker resolution on news shapes: people who share a surname, names glued to other words,
pronouns inside a quoted passage, groups, organizations named after a person, and documents
that speak for their author."""

from __future__ import annotations

import re
from typing import Optional

from quotes.attribution.detect import Attribution
from quotes.records import Quote, Span
from quotes.resolution.coref import resolve
from quotes.resolution.entities import cluster_entities


def attribute(nlp, text: str, quotes: list[tuple[str, Optional[str]]]) -> list[Attribution]:
    """Resolve quotes given as (content, mention words); the mention nearest the content."""
    doc = nlp(text)
    atts = []
    for content, mention in quotes:
        s = text.index(content)
        span = None
        if mention is not None:
            hits = [m for m in re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", text) if m.end() <= s or m.start() >= s + len(content)]
            best = min(hits, key=lambda m: min(abs(m.start() - s - len(content)), abs(s - m.end())))
            span = Span.of(text, best.start(), best.end())
        atts.append(Attribution(Quote(s, s + len(content), content, mention=span)))
    return resolve(doc, atts)


def speakers(atts: list[Attribution]) -> list[Optional[str]]:
    return [a.quote.speaker for a in atts]


# --------------------------------------------------------------------------- shared surnames


def test_bare_surname_is_the_principal_not_the_relative_called_by_first_name(nlp):
    text = (
        "Sen. Ted Cruz endorsed Donald Trump on Friday. In the primary, Trump mocked Heidi Cruz, "
        "the senator's wife, and Heidi later said she had moved on. "
        "“This was a hard decision,” Cruz said on Friday."
    )
    (a,) = attribute(nlp, text, [("This was a hard decision", "Cruz")])
    assert a.quote.speaker == "Ted Cruz"


def test_honorific_tells_apart_people_who_share_a_surname(nlp):
    text = (
        "Michelle Obama spoke first at the gala, and Barack Obama followed her. "
        "“Our progress is on the ballot,” Mr. Obama said on Saturday night."
    )
    (a,) = attribute(nlp, text, [("Our progress is on the ballot", "Mr. Obama")])
    assert a.quote.speaker == "Barack Obama"


def test_generational_suffix_does_not_split_a_name(nlp):
    text = (
        "Vice President Joseph R. Biden Jr. spoke at a university on Tuesday. "
        "“Tell that to the janitor,” Mr. Biden said."
    )
    (a,) = attribute(nlp, text, [("Tell that to the janitor", "Mr. Biden")])
    assert a.quote.speaker == "Joseph R. Biden Jr."


def test_title_word_surname_after_an_honorific_is_a_name(nlp):
    text = (
        "Larry King and Ed Schultz host shows on the network. "
        "“I have never been edited,” Mr. King said in an interview."
    )
    (a,) = attribute(nlp, text, [("I have never been edited", "Mr. King")])
    assert a.quote.speaker == "Larry King"


# --------------------------------------------------------------------------- glued names


def test_names_are_cut_at_commas(nlp):
    doc = nlp("According to a new report by Politico, Democratic party insiders are worried.")
    names = {e.name for e in cluster_entities(doc)}
    assert not any("," in (n or "") for n in names)


def test_headline_word_glued_to_a_surname_is_dropped(nlp):
    doc = nlp(
        "President Obama Speech at Black Caucus Dinner\n\n"
        "Barack Obama told the dinner that his legacy was on the ballot, and the speech drew applause."
    )
    obama = [e for e in cluster_entities(doc) if e.label == "PERSON" and "Obama" in (e.name or "")]
    assert [e.name for e in obama] == ["Barack Obama"]


# --------------------------------------------------------------------------- pronouns and groups


def test_pronoun_in_a_quoted_passage_finds_its_antecedent_there(nlp):
    text = (
        "The reporter Jane Miller wrote about a voter.\n\n"
        "\"Melanie watched the debate at home. “He is winning,” she said, clapping.\""
    )
    atts = attribute(nlp, text, [(text[text.index("Melanie"):-1], "The reporter Jane Miller"), ("He is winning", "she")])
    assert speakers(atts) == ["Jane Miller", "Melanie"]


def test_a_group_has_no_name(nlp):
    text = "Both Mr. King and Mr. Schultz say the network has never told them what to say."
    (a,) = attribute(nlp, text, [("the network has never told them what to say", "Both Mr. King and Mr. Schultz")])
    assert (a.quote.speaker, a.quote.speaker_type) == (None, "group")


def test_a_name_inside_a_complement_is_not_the_speaker(nlp):
    text = "Barack Obama spoke on Saturday. But advisers to Mr. Obama say the president is frustrated."
    (a,) = attribute(nlp, text, [("the president is frustrated", "advisers to Mr. Obama")])
    assert a.quote.speaker is None


# --------------------------------------------------------------------------- sources


def test_campaign_of_a_person_is_an_organization(nlp):
    text = (
        "Donald Trump spoke in Ohio on Monday. "
        "The Trump campaign called the charges unsubstantiated."
    )
    (a,) = attribute(nlp, text, [("the charges unsubstantiated", "The Trump campaign")])
    assert (a.quote.speaker, a.quote.speaker_type) == ("Trump campaign", "organization")


def test_a_persons_team_is_the_campaign_the_document_names(nlp):
    text = (
        "Hillary Clinton rested at home, Clinton campaign officials said. "
        "Clinton’s team says she will return to the trail this week."
    )
    (a,) = attribute(nlp, text, [("she will return to the trail this week", "Clinton’s team")])
    assert a.quote.speaker == "Clinton campaign"


def test_a_bare_document_takes_the_author_of_the_document_before_it(nlp):
    text = (
        "A web video released by the Republican National Committee on Monday targets Tim Kaine. "
        "The clip says Kaine “has a passion for defending the wrong people.”"
    )
    (a,) = attribute(nlp, text, [("has a passion for defending the wrong people.", "The clip")])
    assert a.quote.speaker == "Republican National Committee"


def test_a_document_whose_earlier_mention_has_no_author_stays_unnamed(nlp):
    text = (
        "Others have opposed the NAACP resolution. A group of parents sent a letter to the NAACP board. "
        "“We see charter schools offering hope,” the letter reads."
    )
    (a,) = attribute(nlp, text, [("We see charter schools offering hope", "the letter")])
    assert a.quote.speaker is None


def test_a_document_named_by_its_publisher(nlp):
    text = (
        "The New York Times has covered Trump for decades. "
        "Twenty years ago, a Times article hailed Trump as “The Comeback Kid.”"
    )
    (a,) = attribute(nlp, text, [("The Comeback Kid.", "a Times article")])
    assert a.quote.speaker == "New York Times"


def test_organization_names_drop_the_unless_one_word_follows(nlp):
    doc = nlp(
        "Reporters from The New York Times and The Hill asked about the plan. "
        "The Hill said the vote was close, and The New York Times agreed."
    )
    names = {e.name for e in cluster_entities(doc) if e.label == "ORG"}
    assert {"New York Times", "The Hill"} <= names
