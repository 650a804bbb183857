"""``According to X, ...`` / ``..., according to X``: a source named by a phrase, not a verb."""

from __future__ import annotations

from typing import Iterator

from quotes.attribution.candidate import Candidate
from quotes.attribution.clauses import content_chars, fragments, grow_over_quotes
from quotes.attribution.cues import CueLexicon
from quotes.attribution.mentions import mention_range
from quotes.text.layout import Layout


def according_to(lay: Layout, lex: CueLexicon) -> Iterator[Candidate]:
    """``According to X, ...`` / ``..., according to X``: the source is the object of
    ``to`` and the content the clause the phrase modifies, minus the phrase."""
    doc = lay.doc
    for t in doc:
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        if lay.quote[t.i] >= 0:
            continue
        to = doc[t.i + 1]
        src = next((g for g in to.children if g.dep_ == "pobj"), None)
        if src is None and t.head.i == to.i:
            src = None
        host = t.head
        for _ in range(4):
            if host.pos_ in ("VERB", "AUX") or host.dep_ == "ROOT":
                break
            host = host.head
        if lex.verb(host) is not None and any(ch.dep_ == "ccomp" for ch in host.children):
            continue  # "according to the report, officials said ...": the verb reports
        sent = lay.sent_bounds(t.i)
        phrase = (t.i, (src.right_edge.i + 1) if src is not None else to.i + 1)
        a, b = max(host.left_edge.i, sent[0]), min(host.right_edge.i + 1, sent[1])
        if phrase[0] < a or phrase[1] > b:
            # the parse hung the phrase elsewhere: use the rest of the sentence
            a, b = sent
        frags = fragments(doc, [(a, phrase[0]), (phrase[1], b)])
        if not frags:
            continue
        mention = mention_range(src, lay) if src is not None else None
        for i, j in frags:
            (i, j), held = grow_over_quotes(lay, i, j)
            yield Candidate(
                content=content_chars(lay, i, j),
                cue=(t.i, t.i + 2),
                mention=mention,
                pattern="according_to",
                cue_class="speech",
                mention_head=src.i if src is not None and mention else None,
                quoted=held,
                cue_head=t.i,
            )
