"""Sentence starts at line breaks, set before the parser runs.

Why: news text scraped from web pages puts a headline, a dateline, a byline or a caption
on a line of its own, with no final punctuation. spaCy's parser then reads the headline
and the first sentence as one sentence (``Obama Says Museum Will Tell ... \\n\\n WASHINGTON
-- President Obama, dedicating the museum, said ...``), and the subject of ``said`` comes
out as the whole headline. The parser keeps sentence starts that are set before it runs,
so this component marks the first token after a line break as a sentence start.

Which line breaks: every blank line. A single line break also ends a sentence in scraped
pages, where each line is a paragraph or a block; but in hard-wrapped text (e-mails,
plain-text wires cut at 70-odd columns) it falls mid-sentence. A document whose lines
mostly look wrapped (lines of similar, medium length that end without final punctuation)
keeps its single line breaks as spaces.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_SENTENCE_FINAL = tuple(".!?:;\"'”’»)]…")


def is_hard_wrapped(text: str, min_lines: int = 5, ratio: float = 0.5) -> bool:
    """Whether most lines of ``text`` end mid-sentence at a medium length (40-100 chars)."""
    lines = [ln.rstrip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln.strip()]
    if len(lines) < min_lines:
        return False
    wrapped = sum(1 for ln in lines[:-1] if 40 <= len(ln) <= 100 and not ln.endswith(_SENTENCE_FINAL))
    return wrapped >= ratio * (len(lines) - 1)


class LineBreaks:
    """Set ``is_sent_start`` after blank lines, and after single line breaks unless the
    text is hard-wrapped (:func:`is_hard_wrapped`). Place it before the parser."""

    def __init__(self, name: str = "line_breaks", single_newlines: str = "auto"):
        if single_newlines not in ("auto", "always", "never"):
            raise ValueError(f"single_newlines must be auto, always or never, not {single_newlines!r}")
        self.name = name
        self.single_newlines = single_newlines

    def __call__(self, doc: Doc) -> Doc:
        if "\n" not in doc.text:
            return doc
        single = self.single_newlines == "always" or (
            self.single_newlines == "auto" and not is_hard_wrapped(doc.text)
        )
        for i in range(1, len(doc)):
            tok = doc[i]
            if tok.is_space:
                continue
            prev = doc[i - 1]
            gap = prev.text + prev.whitespace_ if prev.is_space else prev.whitespace_
            if "\n" not in gap:
                continue
            if prev.is_space and i >= 2:
                gap = doc[i - 2].whitespace_ + gap  # "word \n\n" is two tokens of whitespace
            if single or _BLANK_LINE.search(gap):
                tok.is_sent_start = True
        return doc

    def to_disk(self, path, exclude=()):  # settings live in the pipeline config
        pass

    def from_disk(self, path, exclude=()):
        return self


@Language.factory("line_breaks", default_config={"single_newlines": "auto"})
def make_line_breaks(nlp: Language, name: str, single_newlines: str) -> LineBreaks:
    return LineBreaks(name, single_newlines)
