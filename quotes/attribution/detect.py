"""Attribution: find quote spans, their cues and the mentions they are attributed to.

Works on a parsed spaCy ``Doc``; quotation marks are paired on the raw text
(:mod:`quotes.text.marks`), so nothing depends on spaCy's sentence splits around marks.

:func:`detect` runs the rules in one order that matters:

1. title-cased headlines (``..., Says Ambassador to Moscow``), read from tokens
   (:mod:`quotes.attribution.headlines`);
2. reported clauses of cue verbs (:mod:`quotes.attribution.indirect`) and of speech nouns
   (:mod:`quotes.attribution.nominal`), ``according to``
   (:mod:`quotes.attribution.according`) and ``Name: ...`` lines
   (:mod:`quotes.attribution.colon_lines`); a quotation inside such a clause makes it *mixed*, a clause
   that is one whole quotation is *direct*;
3. overlaps are settled: the outer attribution wins over one nested in its content
   (corpora annotate each token in at most one attribution), then the stronger rule;
4. the remaining quotations are attributed by their marks' neighbourhood
   (:mod:`quotes.attribution.direct`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from spacy.tokens import Doc

from quotes.attribution.according import according_to
from quotes.attribution.candidate import Candidate, char_range
from quotes.attribution.colon_lines import colon_lines
from quotes.attribution.confidence import confidence, mention_kind
from quotes.attribution.cues import CueLexicon, load_lexicon
from quotes.attribution.direct import attribute_quotes
from quotes.attribution.headlines import headlines
from quotes.attribution.indirect import from_cue_verbs
from quotes.attribution.made_clear import from_made_clear
from quotes.attribution.nominal import from_cue_nouns
from quotes.records import Quote, Span
from quotes.text.layout import Layout
from quotes.text.quote_kind import content_kind

# settle() keeps stronger rules first when two contents overlap
PRIORITY = {
    "headline": 0,
    "according_to": 1,
    "ccomp": 1,
    "colon_line": 2,
    "aside": 2,
    "inverted": 2,
    "xcomp": 4,
    "noun": 4,
    "raising": 4,
    "dobj": 5,
    "prep": 6,
}
WEAK_FRAMES = frozenset({"xcomp", "dobj", "prep"})


@dataclass(frozen=True)
class Attribution:
    """A detected quote plus the evidence the resolver needs.

    ``mention_tokens`` and ``cue_tokens`` are the token ranges of ``quote.mention`` and
    ``quote.cue``. ``inherit_from`` points (by index in the same list) at the earlier
    quote whose speaker a floating quote takes over; its own cue and mention stay null.
    (The second part of a quote interrupted by its cue shares the first part's cue and
    mention instead.) ``features`` says how the quote was found: ``pattern`` (the rule,
    e.g. ``direct_after``, ``ccomp:speech``, ``floating``; it keys the confidence table),
    ``cue_class``, ``mention_kind`` (proper, pronoun, nominal, none) and ``mention_head``
    (the token index of the mention's head word).

    Frozen like its quote: later stages (the resolver, the hybrid merge) return new records.
    """

    quote: Quote
    mention_tokens: Optional[tuple[int, int]] = None  # [start, end) token indices of the mention
    cue_tokens: Optional[tuple[int, int]] = None
    inherit_from: Optional[int] = None
    features: dict[str, Any] = field(default_factory=dict)


def detect(doc: Doc, lexicon: Optional[CueLexicon] = None, layout: Optional[Layout] = None) -> list[Attribution]:
    """All quotes of ``doc`` (direct, indirect, mixed) with cue and mention, in text order.

    ``lexicon`` picks the cue scheme (default: :data:`quotes.attribution.cues.DEFAULT_SCHEME`, docs/format.md
    quotes); ``layout`` may be given to reuse one or to set blocked ranges by hand.
    """
    lex = lexicon or load_lexicon()
    lay = layout or Layout(doc)
    found: list[Candidate] = []
    headline_lines: list[tuple[int, int]] = []
    for line, cand in headlines(lay, lex):
        headline_lines.append(line)
        found.append(cand)
    for rule in (from_cue_verbs, from_made_clear, from_cue_nouns, according_to, colon_lines):
        for cand in rule(lay, lex):
            if cand.cue_head is not None and any(s <= cand.cue_head < e for s, e in headline_lines):
                continue
            found.append(cand)
    found = [c for c in found if not lay.is_blocked(c.start)]
    kept = settle(doc, found)
    kept.extend(attribute_quotes(lay, lex, kept))
    kept.sort(key=lambda c: (c.start, c.end))
    return [_to_attribution(doc, lay, c, kept, lex.scheme) for c in kept]


def _family(c: Candidate) -> str:
    return c.pattern.split(":", 1)[0]


def settle(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """One attribution per stretch of text.

    A candidate whose cue lies inside another's content is nested speech ("he said she
    thinks ...") and goes: news corpora annotate the outer report. The exception is an
    outer weak object frame whose content only names a topic, around a stronger inner
    report or one in a relative clause ("defended the cooperation, which he described as
    an “important pillar”"). Of two overlapping contents the stronger rule, then the
    longer content, stays.
    """

    def rank(c: Candidate) -> tuple:
        return (PRIORITY.get(_family(c), 3), -(c.end - c.start))

    nested: set[int] = set()
    for a, ca in enumerate(cands):
        if ca.cue_head is None:
            continue
        cue_char = doc[ca.cue_head].idx
        for b, cb in enumerate(cands):
            if a != b and cb.start <= cue_char < cb.end:
                if _family(cb) in WEAK_FRAMES and (_family(ca) not in WEAK_FRAMES or doc[ca.cue_head].dep_ == "relcl"):
                    nested.add(b)
                else:
                    nested.add(a)
    kept: list[Candidate] = []
    for c in sorted((c for i, c in enumerate(cands) if i not in nested), key=rank):
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    return kept


def _to_attribution(doc: Doc, lay: Layout, c: Candidate, ordered: list[Candidate], scheme: str) -> Attribution:
    text = lay.text
    kind = _kind(lay, c)
    cue = Span.of(text, *char_range(doc, c.cue)) if c.cue else None
    mention = Span.of(text, *char_range(doc, c.mention)) if c.mention else None
    mkind = mention_kind(doc, c.mention, c.mention_head)
    inherit = None
    if c.pattern == "floating" and c.parent is not None:
        inherit = next((i for i, o in enumerate(ordered) if o is c.parent), None)
    quote = Quote(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        kind=kind,
        cue=cue,
        mention=mention,
        confidence=confidence(c.pattern, mkind, scheme),
    )
    features = {"pattern": c.pattern, "cue_class": c.cue_class, "mention_kind": mkind}
    if c.mention_head is not None:
        features["mention_head"] = c.mention_head
    return Attribution(quote=quote, mention_tokens=c.mention, cue_tokens=c.cue, inherit_from=inherit, features=features)


def _kind(lay: Layout, c: Candidate) -> str:
    """The kind by the rule gold conversion and the learned models use (quotes.text.quote_kind)."""
    return content_kind(lay.text, (c.content,), lay.quotations)
