"""Fixtures shared by the attribution tests."""

from __future__ import annotations

import pytest

from quotes.attribution.cues import load_lexicon
from quotes.attribution.detect import detect


@pytest.fixture(scope="module")
def quotes_of(nlp):
    """``quotes_of(text, scheme)``: the detector's quotes of ``text`` as (content, cue, mention) texts."""

    def _run(text: str, scheme: str = "speech") -> list[tuple]:
        out = []
        for a in detect(nlp(text), load_lexicon(scheme)):
            q = a.quote
            out.append((q.text, q.cue.text if q.cue else None, q.mention.text if q.mention else None))
        return out

    return _run
