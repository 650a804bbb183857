"""Title-cased headlines: ``China Will Work With Russia ..., Says Ambassador to Moscow`` and
``Trump Says Clinton Should ...``.

The parser mis-tags title case, so these lines are read from the token sequence and the
cue words are matched by their surface form (:meth:`quotes.attribution.cues.CueLexicon.verb_by_form`).
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from quotes.attribution.candidate import Candidate, TokRange, trim
from quotes.attribution.clauses import content_chars, grow_over_quotes
from quotes.attribution.cues import CueLexicon
from quotes.text.layout import Layout

# frames through which a title-cased verb alone may report ("Says", "Blasts")
HEADLINE_FRAMES = frozenset({"quote", "ccomp", "xcomp", "dobj", "object"})

def is_title_cased(doc: Doc, s: int, e: int) -> bool:
    """A headline-style line: most content words capitalized."""
    words = [t for t in doc[s:e] if t.is_alpha and not t.is_stop]
    if len(words) < 3:
        return False
    caps = sum(1 for t in words if t.text[:1].isupper())
    return caps >= 0.75 * len(words)


def headlines(lay: Layout, lex: CueLexicon) -> Iterator[tuple[TokRange, Candidate]]:
    """Title-cased lines: ``China Will Work With Russia ..., Says Ambassador to Moscow`` and
    ``Trump Says Clinton Should ...``. The parser mis-tags title case, so these are read
    from the token sequence. Yields the line's token range with the candidate, so the
    caller can drop parse-based guesses on the same line."""
    doc = lay.doc
    starts = lay.para_start
    for p, s in enumerate(starts):
        e = starts[p + 1] if p + 1 < len(starts) else len(doc)
        while e > s and doc[e - 1].is_space:
            e -= 1
        if e - s < 4 or e - s > 40 or not is_title_cased(doc, s, e):
            continue
        for x in range(s + 1, e - 1):
            t = doc[x]
            if not t.text[:1].isupper() or lay.quote[x] >= 0:
                continue
            cv = lex.verb_by_form(t.text)
            if cv is None or cv.cls not in ("speech", "belief", "evidence") or t.lower_.endswith("ing"):
                continue
            if not cv.frames & HEADLINE_FRAMES:
                continue  # "Goes", "Put": a verb that reports only in a phrase ("went after X as Y")
            if _ends_a_name(doc, s, x):
                continue  # the "Post" of "Washington Post", a name, not a verb
            if doc[x - 1].text == ",":  # "..., Says X"
                content = trim(doc, s, x - 1)
                mention = trim(doc, x + 1, e, keep_marks=False)
                if content[1] - content[0] >= 3 and 0 < mention[1] - mention[0] <= 8:
                    yield (s, e), _headline_candidate(lay, content, (x, x + 1), mention, cv.cls)
                    break
            else:
                m0 = _after_opening_phrase(doc, s, x)  # "Railing Against Trump, Sanders Vows To ..."
                if not (x - m0 <= 6 and all(doc[y].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PART") or doc[y].text[:1].isupper() for y in range(m0, x))):
                    continue
                content = trim(doc, x + 1, e)
                mention = trim(doc, m0, x, keep_marks=False)
                if content[1] - content[0] >= 2 and mention[1] > mention[0]:
                    yield (s, e), _headline_candidate(lay, content, (x, x + 1), mention, cv.cls)
                    break


def _after_opening_phrase(doc: Doc, s: int, x: int) -> int:
    """Where the subject before headline verb ``x`` starts: after an opening phrase closed by
    a comma (``Railing Against Trump, Sanders Vows ...``), else at the line's start."""
    commas = [y for y in range(s, x) if doc[y].text == ","]
    return commas[-1] + 1 if commas else s


def _ends_a_name(doc: Doc, s: int, x: int) -> bool:
    """Whether headline token ``x`` closes a name that the article uses again (``Washington
    Post Hit Piece ...`` with ``The Washington Post ran ...`` below). NER glues title-cased
    verbs to names too (``Obama Sees``), so the repetition is the evidence, not the tag."""
    a = x
    while a > s and doc[a - 1].text[:1].isupper() and doc[a - 1].is_alpha:
        a -= 1
    if a == x:
        return False
    name = doc[a : x + 1].text
    return doc.text.count(name) >= 2


def _headline_candidate(lay: Layout, content: TokRange, cue: TokRange, mention: TokRange, cls: str) -> Candidate:
    (i, j), held = grow_over_quotes(lay, *content)
    return Candidate(
        content=content_chars(lay, i, j),
        cue=cue,
        mention=mention,
        pattern="headline",
        cue_class=cls,
        mention_head=mention[1] - 1,
        quoted=held,
        cue_head=cue[0],
    )
