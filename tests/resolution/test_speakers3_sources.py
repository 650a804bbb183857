"""Documents that speak for their sponsor, and mentions cut around one named person.

Attributions are built by hand from substrings, so these tests exercise the resolver alone.
"""

from __future__ import annotations

from typing import Optional

from quotes.attribution.detect import Attribution
from quotes.records import Quote, Span
from quotes.resolution.coref import resolve


def speakers(nlp, text: str, quotes: list[tuple[str, Optional[str]]]) -> list[Optional[str]]:
    """Speakers of quotes given as (content, mention words); the mention nearest before the content."""
    doc = nlp(text)
    atts = []
    for content, mention in quotes:
        s = text.index(content)
        i = text.rindex(mention, 0, s)
        atts.append(Attribution(Quote(s, s + len(content), content, mention=Span.of(text, i, i + len(mention)))))
    return [a.quote.speaker for a in resolve(doc, atts)]


def test_the_clip_looks_past_the_ad_that_takes_up_the_sponsored_video(nlp):
    text = (
        "A web video by the Democratic National Committee attacks Mike Pence for his record on trade. "
        "The ad also shows a factory that closed in Indiana. "
        "The clip says Pence has never stood up for workers."
    )
    assert speakers(nlp, text, [("Pence has never stood up for workers", "The clip")]) == ["Democratic National Committee"]


def test_an_ad_the_candidate_has_speaks_for_the_candidate(nlp):
    text = (
        "Hillary Clinton has a new campaign ad hitting Donald Trump over his taxes. "
        "The 30-second spot features a newspaper report on his losses. "
        "The ad says Trump thinks paying taxes is for suckers."
    )
    assert speakers(nlp, text, [("Trump thinks paying taxes is for suckers", "The ad")]) == ["Hillary Clinton"]


def test_a_new_indefinite_ad_without_a_sponsor_stops_the_search(nlp):
    text = (
        "A web video by the Democratic National Committee attacks Mike Pence. "
        "Later, an ad appeared on local stations in Ohio. "
        "The clip says the governor failed the state."
    )
    assert speakers(nlp, text, [("the governor failed the state", "The clip")]) == [None]


def test_a_badly_cut_mention_falls_back_to_the_one_person_it_names(nlp):
    text = (
        "Democrats worried about turnout before the election, Minyon Moore, a senior adviser to the "
        "Clinton campaign, called the remarks a true wake-up call."
    )
    out = speakers(nlp, text, [("a true wake-up call", "the election, Minyon Moore, a senior adviser to the Clinton campaign")])
    assert out == ["Minyon Moore"]


def test_a_cut_mention_with_two_people_stays_unresolved(nlp):
    text = "After the debate, both Larry King and Ed Schultz said the network never told them what to say."
    out = speakers(nlp, text, [("the network never told them what to say", "both Larry King and Ed Schultz")])
    assert out[0] not in ("Larry King", "Ed Schultz")
