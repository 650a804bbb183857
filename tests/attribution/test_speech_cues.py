"""The speech-cue filter (quotes.attribution.speech_cues) behind ``quotes evaluate --subset speech``.

Quotes come from the detector run on real sentences in the ``attribution`` scheme, which also
reports beliefs, so the filter has something to drop.
"""

from __future__ import annotations

import pytest

from quotes.attribution.cues import load_lexicon, read_cue_data
from quotes.attribution.detect import detect
from quotes.attribution.speech_cues import load_speech_verbs, speech_filter
from quotes.records import Quote, Span

TEXT = (
    "According to the embassy, the talks will resume in May. "
    "The company believes the market will recover next year. "
    "“We are ready,” Zhang said.\n\n"
    "“We will keep talking with the Russian side, and we expect results soon.”"
)


@pytest.fixture(scope="module")
def kept(nlp):
    keep = speech_filter(load_speech_verbs())
    quotes = [a.quote for a in detect(nlp(TEXT), load_lexicon("attribution"))]
    return {(q.cue.text if q.cue else None): keep(q, TEXT) for q in quotes}


def test_speech_cues_are_kept(kept):
    assert kept["said"] is True
    assert kept["According to"] is True  # a two-word entry


def test_belief_cue_is_dropped(kept):
    assert kept["believes"] is False


def test_quote_without_a_cue_is_dropped(kept):
    assert kept[None] is False  # the floating quote of the last paragraph


def test_multi_word_entry_needs_its_words_together():
    keep = speech_filter(["pointed out"])
    text = "He pointed out the flaw. She pointed it out."
    together = Quote(0, 1, "", cue=Span.of(text, 3, 14))
    apart = Quote(0, 1, "", cue=Span.of(text, 29, 43))
    assert (together.cue.text, apart.cue.text) == ("pointed out", "pointed it out")
    assert keep(together, text) and not keep(apart, text)


def test_cue_text_is_read_from_the_document_when_the_record_has_none():
    keep = speech_filter(load_speech_verbs())
    text = "Officials told Reuters the plan was ready."
    assert keep(Quote(23, 41, "", cue=Span(10, 14, "")), text)
    assert not keep(Quote(23, 41, "", cue=Span(0, 9, "")), text)


def test_speech_verbs_are_the_speech_surface_cues_of_the_cue_file():
    verbs = load_speech_verbs()
    section = read_cue_data()["surface_cues"]["speech"]
    assert section["class"] == "speech"
    assert verbs == section["forms"] and len(verbs) == len(set(verbs))
    assert {"said", "told", "according to", "pointed out", "statement"} <= set(verbs)
    assert "believes" not in verbs and all(v == v.lower() for v in verbs)
