"""The span ranker's candidates: the parse proposes the spans the gold needs."""

from __future__ import annotations

import pytest

from quotes.learned.candidates import candidates, normalize
from quotes.learned.features import Vocab
from quotes.text.layout import Layout


@pytest.fixture(scope="module")
def parsed():
    from quotes.extraction.pipeline import build_nlp

    nlp = build_nlp(scheme="attribution")
    text = ("The senator said that the bill would fail in the House. "
            "Officials believe the deal is dead, according to two aides.")
    doc = nlp(text)
    return nlp, doc, text


def test_normalize_strips_what_the_scorer_strips():
    text = "“It works,” he said."
    assert normalize(text, 0, 11) == (1, 9)
    assert normalize(text, 12, 20) == (12, 19)


def test_cue_candidates_and_their_spans(parsed):
    nlp, doc, text = parsed
    rules = list(doc._.quote_candidates)
    cands = candidates(doc, Layout(doc), rules, {"believe"})
    heads = {doc[c.head].text for c in cands}
    assert {"said", "believe"} <= heads
    said = next(c for c in cands if doc[c.head].text == "said")
    contents = {text[s.start:s.end] for s in said.contents}
    assert "that the bill would fail in the House" in contents
    assert "the bill would fail in the House" in contents
    assert "The senator" in {text[s.start:s.end] for s in said.sources}
    assert "said" in {text[s.start:s.end] for s in said.cues}


def test_vocab_maps_unseen_categories_to_zero():
    vocab = Vocab.fit([{"a": "x", "b": 1.0}] * 3 + [{"a": "y", "b": 2.0}], min_count=2)
    m = vocab.matrix([{"a": "x", "b": 3.0}, {"a": "y"}, {"a": "z", "b": 0.5}])
    col = vocab.names.index("a")
    assert m[0, col] == 1 and m[1, col] == 0 and m[2, col] == 0
    assert vocab.categorical == [col]
    again = Vocab.from_dict(vocab.to_dict())
    assert (again.matrix([{"a": "x", "b": 3.0}]) == m[:1]).all()
