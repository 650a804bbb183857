"""``made (it) clear that ...``: a statement reported through ``make`` and the adjective ``clear``.

``make`` is no cue (``made a deal``) and ``clear`` is an adjective, so neither the verb lexicon
nor the noun cues see the phrase, yet what the subject made clear is what it stated. PolNeAR
train counts 24 ``make clear`` cues (``scripts/mine_polnear_cues.py --word make``), the clause
after it the content. The parser hangs the clause on ``make`` (``made clear that she would
vote``) or on ``clear`` (``made it clear he had doubts``); both are read here.
"""

from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Token

from quotes.attribution.candidate import Candidate
from quotes.attribution.clauses import clause_range, content_chars, grow_over_quotes, strip_complementizer
from quotes.attribution.cues import CueLexicon
from quotes.attribution.mentions import cue_range, mention_range, subject_of
from quotes.text.layout import Layout

CLEAR_DEPS = frozenset({"ccomp", "oprd", "acomp", "xcomp", "dobj"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl"})


def from_made_clear(lay: Layout, lex: CueLexicon) -> Iterator[Candidate]:
    """One candidate per ``make ... clear`` with a finite clause after ``clear``."""
    doc = lay.doc
    for v in doc:
        if v.lemma_.lower() != "make" or v.pos_ not in ("VERB", "AUX") or lay.quote[v.i] >= 0:
            continue
        clear = next((ch for ch in v.rights if ch.lower_ == "clear" and ch.dep_ in CLEAR_DEPS and ch.i - v.i <= 2), None)
        if clear is None:
            continue
        clause = _clause(v, clear)
        if clause is None:
            continue
        sent = lay.sent_bounds(v.i)
        r = clause_range(clause, lay, sent)
        if r is None:
            continue
        i, j = r
        if not lex.keep_complementizer:
            i = strip_complementizer(doc, i, j)
        if j - i < 3 or i <= clear.i:
            continue
        (i, j), held = grow_over_quotes(lay, i, j)
        subj = subject_of(v, lex.statement_nouns, lex.issue_verbs)
        mention = mention_range(subj, lay, avoid=(i, j), cue=v) if subj is not None else None
        cue = cue_range(v, lex)
        yield Candidate(
            content=content_chars(lay, i, j),
            cue=(cue[0], max(cue[1], clear.i + 1)),
            mention=mention,
            pattern="ccomp",
            cue_class="speech",
            mention_head=subj.i if subj is not None and mention else None,
            quoted=held,
            cue_head=v.i,
        )


def _clause(v: Token, clear: Token) -> Optional[Token]:
    """The finite clause made clear: on ``clear`` or on ``make``, after ``clear``."""
    for head in (clear, v):
        for ch in head.rights:
            if ch.i > clear.i and ch.dep_ in CLAUSE_DEPS and ch.pos_ in ("VERB", "AUX") and ch is not clear:
                if any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in ch.children):
                    return ch
    return None
