"""Descriptions linked through roles: party and rank rule candidates out.

Attributions are built by hand from substrings, so these tests exercise the resolver alone.
"""

from __future__ import annotations

import re

from quotes.attribution.detect import Attribution
from quotes.records import Quote, Span
from quotes.resolution.coref import resolve


def attribute(nlp, text: str, content: str, mention: str) -> Attribution:
    """Resolve the last quote; every "..., Name said." before it is attributed too."""
    doc = nlp(text)
    atts = []
    for m in re.finditer(r"\u201c([^\u201d]+),\u201d (\w+) said", text):
        mention_span = Span.of(text, m.start(2), m.end(2))
        atts.append(Attribution(Quote(m.start(1), m.end(1), m.group(1), mention=mention_span)))
    s = text.index(content)
    i = text.rindex(mention, 0, s)
    atts.append(Attribution(Quote(s, s + len(content), content, mention=Span.of(text, i, i + len(mention)))))
    return resolve(doc, atts)[-1]


def test_the_democratic_nominee_is_not_the_republican_one(nlp):
    text = (
        "Hillary Clinton met parents at a school in Ohio on Monday. \u201cWe owe them better,\u201d Clinton said. "
        "Later, Republican presidential "
        "nominee Donald Trump spoke in Florida. The Democratic presidential nominee says every child "
        "deserves a good school."
    )
    a = attribute(nlp, text, "every child deserves a good school", "The Democratic presidential nominee")
    assert a.quote.speaker == "Hillary Clinton"


def test_the_presidential_nominee_is_not_the_vice_presidential_nominee(nlp):
    text = (
        "Hillary Clinton spoke in Ohio on Monday. \u201cWe are ready,\u201d Clinton said. "
        "Her running mate, Democratic vice presidential nominee "
        "Tim Kaine, spoke in Virginia. The Democratic presidential nominee says the economy is strong."
    )
    a = attribute(nlp, text, "the economy is strong", "The Democratic presidential nominee")
    assert a.quote.speaker == "Hillary Clinton"


def test_the_same_party_and_rank_still_links(nlp):
    text = (
        "Republican presidential nominee Donald Trump spoke in Florida on Monday. "
        "The Republican nominee says taxes are too high."
    )
    a = attribute(nlp, text, "taxes are too high", "The Republican nominee")
    assert a.quote.speaker == "Donald Trump"


def test_the_network_is_the_organization_the_text_calls_a_network(nlp):
    text = (
        "Larry King hosts a show on Al Jazeera, the satellite network financed by the government of Qatar. "
        "Liz Wahl quit the channel in 2014, and Apple declined to comment. "
        "The network said it would send its reporters to Crimea."
    )
    a = attribute(nlp, text, "it would send its reporters to Crimea", "The network")
    assert (a.quote.speaker, a.quote.speaker_type) == ("Al Jazeera", "organization")


def test_a_type_no_organization_is_called_stays_unnamed(nlp):
    text = (
        "Larry King hosts a show on Al Jazeera, the satellite network financed by the government of Qatar. "
        "The company said it would send its reporters to Crimea."
    )
    a = attribute(nlp, text, "it would send its reporters to Crimea", "The company")
    assert a.quote.speaker is None


def test_a_lead_description_is_the_person_introduced_next(nlp):
    text = (
        "Ex-party chief urges a backup plan.\n\n"
        "A former Democratic National Committee chairman says party leaders should choose a backup candidate.\n\n"
        "\u201cNow is the time to prepare,\u201d said Don Fowler, who led the committee in the 1990s."
    )
    doc = nlp(text)
    s = text.index("party leaders should")
    m = text.index("A former")
    lead = Quote(s, text.index(".", s), text[s:text.index(".", s)],
                 mention=Span.of(text, m, m + len("A former Democratic National Committee chairman")))
    q = text.index("Now is")
    f = text.index("Don Fowler")
    second = Quote(q, q + len("Now is the time to prepare,"), "Now is the time to prepare,",
                   mention=Span.of(text, f, f + len("Don Fowler")))
    atts = resolve(doc, [Attribution(lead), Attribution(second)])
    assert [a.quote.speaker for a in atts] == ["Don Fowler", "Don Fowler"]
    assert "chairman" in (atts[1].quote.role or "")


def test_a_lead_description_is_not_someone_named_before_it(nlp):
    text = (
        "Donald Trump spoke in Ohio on Monday. A campaign aide says the rally drew thousands.\n\n"
        "\u201cWe will win Ohio,\u201d Trump said."
    )
    a = attribute(nlp, text, "the rally drew thousands", "A campaign aide")
    assert a.quote.speaker is None
