"""``Trump: ‘I’m the worst thing ...’``: a paragraph that opens with a speaker and a colon.

Read from tokens and the paragraph layout, not from a cue verb: the line has none. What
keeps headings (``Editor's note:``, ``Veto Power Impedes Peace Efforts:``) out is the
lexicon's ``colon_non_sources`` and whether the words before the colon can name a source.
"""

from __future__ import annotations

from typing import Iterator, Optional

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
        outer = _transcript_quote(lay, s)
        if outer >= 0:
            s += 1  # '"WALLACE: ...' a transcript quoted whole, one opening mark per paragraph
        colon = None
        for x in range(s, min(e, s + 9)):
            if doc[x].text == ":":
                colon = x
                break
            if (lay.quote[x] >= 0 or lay.mark[x] >= 0) and lay.quote[x] != outer:
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
        on = _topic_on(head)
        if on is None and not _names_a_source(head):
            continue  # "Veto Power Impedes Peace Efforts: ...", a title-cased heading
        i, j = trim(doc, colon + 1, e, keep_marks=outer < 0)
        if j <= i or (words_in(doc, (i, j)) < (3 if on is not None else 5) and lay.mark[i] < 0):
            continue  # "Christie: A closing surge." is a section heading
        if outer < 0:
            (i, j), held = grow_over_quotes(lay, i, j)
        else:
            held = []  # the line is one turn of the quoted transcript
        if i <= colon:
            continue
        m_end = on if on is not None else colon  # "Obama on Climate Change: ...": the topic is the cue's
        yield Candidate(
            content=content_chars(lay, i, j),
            cue=(m_end, colon + 1) if on is not None else (colon, colon + 1),
            mention=trim(doc, s, m_end, keep_marks=False),
            pattern="colon_line",
            cue_class="speech",
            mention_head=m_end - 1,
            quoted=held,
            cue_head=colon,
        )


def _transcript_quote(lay: Layout, s: int) -> int:
    """The quotation a paragraph opens with a mark when that quotation runs over several
    paragraphs (a transcript given whole: ``"WALLACE: ...`` / ``"PENCE: ...``), else -1."""
    if s >= len(lay.doc) or not lay.doc[s].is_quote or lay.is_close[s]:
        return -1
    k = lay.mark[s] if lay.mark[s] >= 0 else lay.quote[s]
    return k if k >= 0 and lay.quoted[k].paragraphs > 1 else -1


_SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})


def _topic_on(head: Span) -> Optional[int]:
    """``Obama on Climate Change: The Trends Are ‘Terrifying’``: a source, ``on`` and a topic
    before the colon; the index of ``on`` when the capitalized words before it name someone
    the article mentions again (NER misreads title case, so the repetition is the evidence:
    ``Focus on Jobs:`` is a heading)."""
    for t in head[1:]:
        if t.lower_ == "on":
            before = [x for x in head.doc[head.start : t.i] if x.is_alpha]
            if not before or len(before) > 4 or not all(x.text[:1].isupper() for x in before):
                return None
            return t.i if head.doc.text.count(before[-1].text) >= 2 else None
    return None


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
