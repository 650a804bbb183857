"""Name clusters: a surname the tagger takes for a common noun, a given name NER leaves out."""

from __future__ import annotations

from quotes.resolution.entities import cluster_entities


def _names(nlp, text: str) -> dict[str, tuple[str, list[str]]]:
    doc = nlp(text)
    return {e.name: (e.label, [doc[a:b].text for a, b in e.mentions]) for e in cluster_entities(doc) if e.name}


def test_a_surname_tagged_as_a_noun_joins_the_full_name(nlp):
    text = (
        "Republican presidential nominee Donald Trump could embrace a clean energy policy. "
        "Trump has called climate change a hoax. Critics say Trump's skepticism on climate change hurts the party."
    )
    names = _names(nlp, text)
    assert "Trump" not in names
    label, mentions = names["Donald Trump"]
    assert label == "PERSON" and mentions.count("Trump") == 2


def test_the_first_mention_takes_in_the_given_name_ner_left_out(nlp):
    text = (
        "Frustrated parents rallied on Wednesday.\n\nAmelize Joseph loves the public school that her daughter attends. "
        "\u201cWe need the money,\u201d said Joseph, who has four children."
    )
    names = _names(nlp, text)
    assert "Amelize Joseph" in names, names
    assert names["Amelize Joseph"][1].count("Joseph") == 1
    assert "Joseph" not in names


def test_a_title_before_a_surname_is_not_a_given_name(nlp):
    text = "Senator Graham spoke on Thursday. \u201cThis is probably it,\u201d Graham said."
    names = _names(nlp, text)
    assert not any(n.startswith("Senator") for n in names), names
