"""``Trump: ‘I’m the worst thing ...’``: a paragraph that opens with a speaker and a colon.

Read from tokens and the paragraph layout, not from a cue verb: the line has none. What
keeps headings (``Editor's note:``, ``Veto Power Impedes Peace Efforts:``) out is the
lexicon's ``colon_non_sources`` and whether the words before the colon can name a source.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span

from quotes.attribution.candidate import Candidate, trim
from quotes.attribution.clauses import content_chars, grow_over_quotes, words_in
from quotes.attribution.cues import CueLexicon
from quotes.text.layout import Layout
from quotes.text.titles import is_title, title_lexicon


def colon_lines(lay: Layout, lex: CueLexicon) -> Iterator[Candidate]:
    """``Trump: ‘I’m the worst thing ...’`` / ``Poll: Clinton leads``: a short verbless
    name phrase opening a paragraph, a colon, and what it said."""
    doc = lay.doc
    starts = lay.para_start
    for p, s in enumerate(starts):
        e = starts[p + 1] if p + 1 < len(starts) else len(doc)
        while s < e and doc[s].is_space:
            s += 1
        colon = None
        for x in range(s, min(e, s + 9)):
            if doc[x].text == ":":
                colon = x
                break
            if lay.quote[x] >= 0 or lay.mark[x] >= 0:
                break
        if colon is None or colon == s:
            continue
        head = doc[s:colon]
        if any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") for t in head) or not doc[s].text[:1].isupper():
            continue
        if not any(t.pos_ in ("PROPN", "NOUN") for t in head):
            continue
        if lex.verb_by_form(doc[colon - 1].text) is not None and doc[colon - 1].pos_ == "VERB":
            continue  # "X said:" is the verb's business
        if any(t.lower_ in lex.colon_non_sources for t in head):
            continue  # "Editor's note:", "Q:", "Follow X on Twitter:", "Breaking:"
        if not _names_a_source(head):
            continue  # "Veto Power Impedes Peace Efforts: ...", a title-cased heading
        i, j = trim(doc, colon + 1, e)
        if j <= i or (words_in(doc, (i, j)) < 5 and lay.mark[i] < 0):
            continue  # "Christie: A closing surge." is a section heading
        (i, j), held = grow_over_quotes(lay, i, j)
        if i <= colon:
            continue
        yield Candidate(
            content=content_chars(lay, i, j),
            cue=(colon, colon + 1),
            mention=trim(doc, s, colon, keep_marks=False),
            pattern="colon_line",
            cue_class="speech",
            mention_head=colon - 1,
            quoted=held,
            cue_head=colon,
        )


def transcript_turns(lay: Layout, lex: CueLexicon) -> Iterator[Candidate]:
    """``"WALLACE: Let's start ...`` / ``"PENCE: Well, look, ...``: a transcript set as one
    quotation over many paragraphs, each opening with its mark and a speaker label in
    capitals. Each turn is a quote of its own labelled speaker, not a part of one long
    quotation that no cue introduces."""
    doc = lay.doc
    starts = lay.para_start
    for p, s in enumerate(starts):
        e = starts[p + 1] if p + 1 < len(starts) else len(doc)
        while s < e and doc[s].is_space:
            s += 1
        if s >= e:
            continue
        # the first paragraph's mark opens the quotation; later ones re-open it inside
        k = lay.mark[s] if lay.mark[s] >= 0 else (lay.quote[s] if doc[s].text in _OPENERS else -1)
        if k < 0 or lay.quoted[k].paragraphs < 2:
            continue
        colon = next((x for x in range(s + 1, min(e, s + 5)) if doc[x].text == ":"), None)
        if colon is None or colon == s + 1 or not _speaker_label(doc[s + 1 : colon], lex):
            continue
        i, j = trim(doc, colon + 1, e, keep_marks=False)
        if j <= i or words_in(doc, (i, j)) < 3:
            continue
        yield Candidate(
            content=content_chars(lay, i, j),
            cue=(colon, colon + 1),
            mention=(s + 1, colon),
            pattern="colon_line",
            cue_class="speech",
            mention_head=colon - 1,
            quoted=[k],
            cue_head=colon,
        )


def _speaker_label(head: Span, lex: CueLexicon) -> bool:
    """A transcript's speaker label: one to three words in capitals (``PENCE``, ``SEN.
    SMITH``), not an editorial label (``NOTE``, ``Q``)."""
    words = [t for t in head if t.is_alpha]
    if not words or len(words) > 3 or len(head) > 4:
        return False
    if any(not t.is_upper or t.lower_ in lex.colon_non_sources for t in words):
        return False
    return all(t.is_alpha or t.text == "." for t in head)


_OPENERS = frozenset({'"', "“", "''", "``"})
_SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})


def _names_a_source(head: Span) -> bool:
    """Whether the words before a colon can be a speaker: one or two words (``Trump:``,
    ``Police:``), or a longer phrase holding a name or a speaker noun (``Senate Democrats:``,
    ``Senior administration officials:``), not a heading's run of capitalized words."""
    words = [t for t in head if t.is_alpha]
    if len(words) <= 2:
        return True
    lex = title_lexicon()
    return any(
        t.ent_type_ in _SOURCE_ENTS or is_title(t) or t.lower_ in lex.org_heads or t.lower_ in lex.group_heads
        for t in words
    )
