"""Speakers of quotations whose source is not the subject of a cue verb: signed lines of a
reader-response list, and (below) mentions the rules once took from the wrong phrase.

The default rules extractor runs on short made-up news texts of each shape.
"""

from __future__ import annotations


def speakers(extractor, text: str) -> list:
    """Speakers of the quotations in marks, in text order."""
    return [q.speaker for q in extractor.extract_text(text) if text[q.start - 1] in "“\"\'‘"]


def test_a_dash_glued_to_the_mark_or_spaced_with_no_break_spaces_signs_its_own_line(extractor):
    text = (
        "Readers told us what they think of the new stadium.\n\n"
        "“It is a waste of public money and nobody asked us.” ― Marta Keller\n"
        "“The traffic on game days will be a nightmare for the whole area.”― Joseph Brandt\n"
        "“I will buy season tickets the day it opens, no question about it.”\u00a0―\u00a0Lena Ortiz\u00a0\n"
    )
    assert speakers(extractor, text) == ["Marta Keller", "Joseph Brandt", "Lena Ortiz"]
