"""Cutting long texts into pieces (quotes.text.chunking) on real news paragraphs."""

from __future__ import annotations

import pytest

from quotes.records import Quote, Span
from quotes.text.chunking import chunk_bounds, shift_quote
from quotes.text.marks import find_quoted_spans

PARAGRAPHS = [
    "Chinese Foreign Minister Wang Yi said on Monday that China will strive to get relations with the "
    "United States back on track.",
    "“We are ready to maintain communication with the Russian side on our respective relations with the US "
    "to better safeguard the strategic and development interests of both countries,” Zhang wrote.",
    "“During a virtual meeting at the end of last year our leaders came up with a plan for further "
    "development of bilateral relations.\n\n“We are ready to join forces with the Russian side to stand up "
    "for national interests,” the Chinese diplomat’s statement said.",
    "Lavrov warned that “the objective trend towards the rise of a truly multipolar democratic world is "
    "being undermined by some Western countries. “",
    "Hua said China will “deepen strategic mutual trust” with Russia, and the two sides can make a greater "
    "contribution to maintaining world peace.",
]
TEXT = "\n\n".join(PARAGRAPHS * 6)


def _regions(text: str) -> list[tuple[int, int]]:
    """Each quotation of ``text``, marks included."""
    return [(q.open, q.close + 1 if q.close >= 0 else q.end) for q in find_quoted_spans(text)]


def test_a_news_article_is_one_chunk():
    assert chunk_bounds(TEXT) == [(0, len(TEXT))]


@pytest.mark.parametrize("size", [300, 420, 700, 1500])
def test_cuts_never_fall_inside_a_quotation(size):
    """Not inside any quotation of at most half a chunk (a longer one may have to be cut)."""
    bounds = chunk_bounds(TEXT, size)
    assert len(bounds) > 1
    assert bounds[0][0] == 0 and bounds[-1][1] == len(TEXT)
    assert all(e == s2 for (_, e), (s2, _) in zip(bounds, bounds[1:]))
    regions = [(a, b) for a, b in _regions(TEXT) if b - a <= size // 2]
    assert regions
    for cut, _ in bounds[1:]:
        assert not any(a < cut < b for a, b in regions), TEXT[cut - 40 : cut + 40]


def test_the_multi_paragraph_quote_stays_in_one_piece():
    # the reopened quote spans a paragraph break; a cut at that break would split it
    text = "\n\n".join(PARAGRAPHS[:3])
    start = text.index("“During")
    end = text.index("interests,”") + len("interests,”")
    assert text[start:end].count("\n\n") == 1
    cuts = 0
    for size in range(2 * (end - start + 2), len(text), 10):
        for cut, _ in chunk_bounds(text, size)[1:]:
            assert not start < cut < end
            cuts += 1
    assert cuts


def test_pieces_are_cut_at_paragraph_breaks_when_there_is_one():
    for cut, _ in chunk_bounds(TEXT, 700)[1:]:
        assert TEXT[cut - 2 : cut] == "\n\n"


def test_shifted_offsets_point_at_the_same_text():
    bounds = chunk_bounds(TEXT, 700)
    start, end = next((s, e) for s, e in bounds[1:] if "“We are ready to maintain" in TEXT[s:e])
    assert start > 0
    piece = TEXT[start:end]
    s = piece.index("“We are ready to maintain") + 1
    e = piece.index("both countries,") + len("both countries,")
    cue = piece.index("wrote", e)
    mention = piece.index("Zhang", e)
    local = Quote(
        start=s,
        end=e,
        text=piece[s:e],
        kind="direct",
        cue=Span.of(piece, cue, cue + 5),
        mention=Span.of(piece, mention, mention + 5),
    )
    moved = shift_quote(local, start)
    assert TEXT[moved.start : moved.end] == local.text
    assert TEXT[moved.cue.start : moved.cue.end] == "wrote" == moved.cue.text
    assert TEXT[moved.mention.start : moved.mention.end] == "Zhang" == moved.mention.text
    assert (moved.kind, local.start) == ("direct", s)  # the original is left as it was


def test_chunked_extraction_finds_the_quotes_of_the_whole_text(extractor):
    whole = extractor.extract_text(TEXT)
    saved = extractor.chunk_chars
    extractor.chunk_chars = 900
    try:
        pieces = extractor.extract_text(TEXT)
    finally:
        extractor.chunk_chars = saved
    assert len(chunk_bounds(TEXT, 900)) > 1
    assert [(q.start, q.end, q.kind) for q in pieces] == [(q.start, q.end, q.kind) for q in whole]
    for q in pieces:
        assert TEXT[q.start : q.end] == q.text
        if q.cue is not None:
            assert TEXT[q.cue.start : q.cue.end] == q.cue.text
