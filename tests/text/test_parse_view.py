"""The parser's view of a text (quotes.text.parse_view): markup blanked, offsets unchanged."""

from __future__ import annotations

import pytest

from quotes.records import Quote, Span
from quotes.text.parse_view import parse_view, reslice

HTML = "<p>&ldquo;We will not back down,&rdquo; <b>Maria Lopez</b> said.</p>"


def test_tags_are_blanked_at_their_length():
    view = parse_view(HTML)
    assert len(view) == len(HTML)
    assert "<" not in view and ">" not in view
    b = HTML.index("<b>")
    assert view[b : b + 3] == "   "
    name = HTML.index("Maria Lopez")
    assert view[name : name + 11] == "Maria Lopez"


def test_entities_become_their_character_padded_with_spaces():
    view = parse_view(HTML)
    ld = HTML.index("&ldquo;")
    assert view[ld : ld + len("&ldquo;")] == "“" + " " * 6
    rd = HTML.index("&rdquo;")
    assert view[rd : rd + len("&rdquo;")] == "”" + " " * 6
    # every character outside markup stays at its offset
    for word in ("We will not back down,", "said."):
        i = HTML.index(word)
        assert view[i : i + len(word)] == word


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("&amp;", "&    "),
        ("&#8220;", "“      "),
        ("&#x201D;", "”       "),
        ("&nbsp;", "      "),  # a space, not a no-break space the parser would glue on
        ("&zwsp;", "&zwsp;"),  # not an entity html knows: left as written
    ],
)
def test_entity_forms(raw, shown):
    text = f"Officials said {raw} more talks would follow."
    view = parse_view(text)
    assert len(view) == len(text)
    i = text.index(raw)
    assert view[i : i + len(raw)] == shown


def test_comments_and_control_characters_are_blanked():
    text = "Zhang said\x00 talks<!-- ad slot --> will \x1b[31mresume\x1b[0m."
    view = parse_view(text)
    assert len(view) == len(text)
    assert view.split() == ["Zhang", "said", "talks", "will", "resume", "."]
    assert view.index("resume") == text.index("resume")


def test_clean_text_is_returned_as_it_is():
    text = "“We are ready,” Zhang said. Tom & Jerry <3 the show."
    assert parse_view(text) is text


def test_reslice_reads_span_texts_from_the_original():
    view = parse_view(HTML)
    s, e = HTML.index("We will"), HTML.index("down,") + len("down,")
    m = HTML.index("Maria")
    c = HTML.index("said")
    q = Quote(start=s, end=e, text=view[s:e], kind="direct", cue=Span.of(view, c, c + 4), mention=Span.of(view, m, m + 11))
    (out,) = reslice([q], HTML)
    assert out.text == HTML[s:e] == "We will not back down,"
    assert out.cue.text == "said" and out.mention.text == "Maria Lopez"


def test_extraction_from_markup_indexes_the_input(extractor):
    quotes = extractor.extract_text(HTML)
    assert [q.kind for q in quotes] == ["direct"]
    (q,) = quotes
    assert HTML[q.start : q.end] == q.text
    assert q.text.startswith("We will not back down")
    assert q.mention is not None and HTML[q.mention.start : q.mention.end] == "Maria Lopez"
