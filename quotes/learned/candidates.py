"""Candidates for the span ranker: cues, and for each cue several content, source and cue spans.

The rules (:func:`quotes.attribution.detect.detect`) and the parse propose; the ranker
(:mod:`quotes.learned.span_ranker`) decides. A cue candidate is a token: the head of a rules
attribution's cue, or any token outside quotation marks whose lemma the ranker's lemma table
knows as a cue or that has a clausal complement. Its content candidates are the rules' own
content and the spans the parse offers around it: each complement's subtree with and without its
complementizer, cut before a closing participle or not, the rest of the sentence, the sentence up
to an inverted cue, and each of those grown over the next sentence (multi-sentence content). Its
source candidates are the rules' mention, the subject's phrase in its forms (whole, up to an
appositive, the head's noun phrase), the agent of a passive, the object of ``according to`` and a
possessor of a cue noun, or none. Its cue span candidates are the head alone, with its
auxiliaries, particle and preposition, and the rules' cue.

Spans are character offsets into the document; duplicates are merged and keep every generator
that proposed them (``kinds``), which the features read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from spacy.tokens import Doc, Token

from quotes.attribution.candidate import TokRange, char_range, trim
from quotes.attribution.clauses import content_chars, grow_over_quotes, strip_complementizer, trailing_aside
from quotes.attribution.mentions import subject_of
from quotes.text.layout import Layout

COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "acomp", "advcl", "attr"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
STRIP = " \t\r\n\"'`“”‘’«»„‚‹›‟‛,.;:"


def normalize(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without blanks, quotation marks and ``, . ; :`` at its ends (the scorer's rule)."""
    i, j = start, end
    while i < j and text[i] in STRIP:
        i += 1
    while j > i and text[j - 1] in STRIP:
        j -= 1
    return (start, end) if i == j else (i, j)


@dataclass
class SpanCandidate:
    """One candidate span: character offsets, token range and the generators that proposed it."""

    start: int
    end: int
    tokens: TokRange
    kinds: set[str] = field(default_factory=set)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class CueCandidate:
    """A cue token with its span candidates; ``rules`` is the rules attribution it heads, if any."""

    head: int
    contents: list[SpanCandidate]
    sources: list[SpanCandidate]
    cues: list[SpanCandidate]
    rules: Any = None  # quotes.attribution.detect.Attribution


class _Pool:
    """Span candidates by normalized offsets, merging the generators of duplicates."""

    def __init__(self, lay: Layout):
        self.lay = lay
        self.items: dict[tuple[int, int], SpanCandidate] = {}

    def add_chars(self, start: int, end: int, kind: str, tokens: TokRange) -> None:
        s, e = normalize(self.lay.text, start, end)
        if e <= s:
            return
        c = self.items.get((s, e))
        if c is None:
            c = self.items[(s, e)] = SpanCandidate(s, e, tokens)
        c.kinds.add(kind)

    def add_tokens(self, i: int, j: int, kind: str, keep_marks: bool = True) -> None:
        i, j = trim(self.lay.doc, i, j, keep_marks=keep_marks)
        if j > i:
            self.add_chars(*char_range(self.lay.doc, (i, j)), kind, (i, j))

    def add_content(self, i: int, j: int, kind: str) -> None:
        """A content: trimmed, grown over quotations it cuts, a whole quotation kept inside its marks."""
        doc = self.lay.doc
        i, j = trim(doc, i, j)
        if j <= i:
            return
        (i, j), _ = grow_over_quotes(self.lay, i, j)
        self.add_chars(*content_chars(self.lay, i, j), kind, (i, j))

    def values(self) -> list[SpanCandidate]:
        return sorted(self.items.values(), key=lambda c: (c.start, c.end))


def cue_head(doc: Doc, rng: TokRange) -> int:
    """The syntactic head of a token range: its first token whose head lies outside it."""
    i, j = rng
    for x in range(i, j):
        if not (i <= doc[x].head.i < j) or doc[x].head.i == x:
            return x
    return i


def cue_tokens(doc: Doc, lay: Layout, lemmas: Iterable[str], rules: list) -> dict[int, Any]:
    """The cue candidates' head tokens, each with the rules attribution it heads (or None)."""
    known = frozenset(lemmas)
    heads: dict[int, Any] = {}
    for a in rules:
        if a.cue_tokens is not None:
            heads.setdefault(cue_head(doc, a.cue_tokens), a)
    for t in doc:
        if t.i in heads or lay.quote[t.i] >= 0 or lay.mark[t.i] >= 0 or t.is_punct or t.is_space:
            continue
        if t.lemma_.lower() in known or (t.pos_ in ("VERB", "NOUN") and any(ch.dep_ == "ccomp" for ch in t.children)):
            heads[t.i] = None
    return heads


def content_candidates(v: Token, lay: Layout, rules: Any) -> list[SpanCandidate]:
    """The content candidates of cue ``v`` (see the module docstring)."""
    doc = lay.doc
    sent = lay.sent_bounds(v.i)
    pool = _Pool(lay)
    if rules is not None:
        q = rules.quote
        pool.add_chars(q.start, q.end, "rules", lay.tokens_of(q.start, q.end))
    heads = [ch for ch in v.children if ch.dep_ in COMPLEMENT_DEPS]
    for prep in (ch for ch in v.rights if ch.dep_ == "prep"):
        heads.extend(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
    for h in heads:
        i, j = max(h.left_edge.i, sent[0]), min(h.right_edge.i + 1, sent[1])
        if i <= v.i < j:
            if h.i < v.i:
                continue
            i = v.i + 1
        tag = h.dep_
        pool.add_content(i, j, tag)
        pool.add_content(strip_complementizer(doc, i, j), j, tag + "-nothat")
        cut = trailing_aside(doc, i, j)
        if cut < j:
            pool.add_content(i, cut, tag + "-cut")
        if h.dep_ in ("ccomp", "xcomp"):
            pool.add_content(i, sent[1], tag + "-to-end")
            _next_sentence(pool, lay, i, sent[1], tag + "-next")
    _extra_contents(pool, v, heads, sent)
    pool.add_content(v.i + 1, sent[1], "after-cue")
    _next_sentence(pool, lay, v.i + 1, sent[1], "after-cue-next", 2)
    if v.i > sent[0]:  # a content interrupted by its attribution is spanned whole
        pool.add_content(sent[0], sent[1], "sentence")
        _next_sentence(pool, lay, sent[0], sent[1], "sentence-next", 2)
    subj = next((ch for ch in v.lefts if ch.dep_ in SUBJECT_DEPS), None)
    left_end = subj.left_edge.i if subj is not None else v.left_edge.i
    if left_end > sent[0]:
        pool.add_content(sent[0], left_end, "before-cue")
        pool.add_content(strip_complementizer(doc, sent[0], left_end), left_end, "before-cue-nothat")
        starts = [x for x in range(sent[0] + 1, left_end) if doc[x - 1].text in (".", "?", "!") and not doc[x].is_punct]
        for x in starts[-3:]:  # the last sentences of a quotation before an inverted cue
            pool.add_content(x, left_end, "before-cue-last")
    if v.dep_ in ("parataxis", "ccomp", "conj") and v.head.i != v.i:
        host = v.head
        i, j = max(host.left_edge.i, sent[0]), min(host.right_edge.i + 1, sent[1])
        if i < v.left_edge.i:
            pool.add_content(i, v.left_edge.i, "host-left")
            if v.right_edge.i + 1 < j:
                pool.add_content(i, j, "host")
    if rules is not None:
        i, j = lay.tokens_of(rules.quote.start, rules.quote.end)
        if j == sent[1] or j + 1 >= sent[1]:
            _next_sentence(pool, lay, i, sent[1], "rules-next")
    return pool.values()


def _extra_contents(pool: _Pool, v: Token, heads: list[Token], sent: TokRange) -> None:
    """Spans the single complements miss: an object and its predicate together (``urged X to Y``,
    ``described X as Y``), a clause inside a complement (``came away convinced that Y``, ``made it
    clear that Y``), a complement cut at the first comma or dash after its head (a trailing
    adjunct), and what follows a colon after the cue (``responded: Y``)."""
    doc = pool.lay.doc
    right = sorted((h for h in heads if h.i > v.i), key=lambda h: h.left_edge.i)
    if len(right) >= 2:
        i, j = max(right[0].left_edge.i, v.i + 1), min(right[-1].right_edge.i + 1, sent[1])
        pool.add_content(i, j, "objects")
        cut = next((x for x in range(right[-1].i + 1, j) if doc[x].text in (",", "—", "–", "--", ";")), None)
        if cut is not None:
            pool.add_content(i, cut, "objects-comma")
    for h in right:
        for g in h.children:
            if g.dep_ == "ccomp" and g.i > h.i:
                i, j = max(g.left_edge.i, v.i + 1), min(g.right_edge.i + 1, sent[1])
                pool.add_content(i, j, "nested")
                pool.add_content(i, sent[1], "nested-to-end")
        i, j = max(h.left_edge.i, v.i + 1), min(h.right_edge.i + 1, sent[1])
        cut = next((x for x in range(h.i + 1, j) if doc[x].text in (",", "—", "–", "--", ";", "(")), None)
        if cut is not None and cut > i:
            pool.add_content(i, cut, h.dep_ + "-comma")
    if v.dep_ == "relcl" and v.head.i < v.i:  # the reported thing with its clause (``an act that X called Y``)
        pool.add_content(max(v.head.left_edge.i, sent[0]), min(v.right_edge.i + 1, sent[1]), "relcl-head")
    colon = next((x for x in range(v.i + 1, sent[1]) if doc[x].text == ":"), None)
    if colon is not None and colon + 1 < sent[1]:
        pool.add_content(colon + 1, sent[1], "after-colon")
        _next_sentence(pool, pool.lay, colon + 1, sent[1], "after-colon-next")


def _next_sentence(pool: _Pool, lay: Layout, i: int, j: int, kind: str, times: int = 1) -> None:
    """``[i, j)`` grown over the next sentence(s) of the same paragraph (up to ``times``)."""
    doc = lay.doc
    for n in range(times):
        if j >= len(doc) or i >= j:
            return
        k = j
        while k < len(doc) and doc[k].is_space:
            k += 1
        if k >= len(doc) or lay.para[k] != lay.para[i]:
            return
        j = lay.sent_bounds(k)[1]
        pool.add_content(i, j, kind if n == 0 else f"{kind}{n + 1}")


def noun_chunks(doc: Doc) -> dict[int, TokRange]:
    """Token index -> the token range of the noun chunk holding it."""
    out: dict[int, TokRange] = {}
    for c in doc.noun_chunks:
        for x in range(c.start, c.end):
            out[x] = (c.start, c.end)
    return out


def source_candidates(v: Token, lay: Layout, rules: Any, statement_nouns: frozenset[str],
                      chunks: Optional[dict[int, TokRange]] = None) -> list[SpanCandidate]:
    """The source candidates of cue ``v`` (see the module docstring)."""
    if chunks is None:
        chunks = noun_chunks(lay.doc)
    sent = lay.sent_bounds(v.i)
    pool = _Pool(lay)
    if rules is not None and rules.quote.mention is not None:
        m = rules.quote.mention
        pool.add_chars(m.start, m.end, "rules", rules.mention_tokens or lay.tokens_of(m.start, m.end))
    subj = subject_of(v, statement_nouns)
    nps: list[tuple[Token, str]] = []
    if subj is not None:
        nps.append((subj, "subj"))
    for ch in v.children:
        if ch.dep_ == "agent":
            nps.extend((g, "agent") for g in ch.children if g.dep_ == "pobj")
        if ch.dep_ in ("poss", "compound") and v.pos_ == "NOUN":
            nps.append((ch, ch.dep_))
        if ch.dep_ == "prep" and (ch.lower_ in ("to", "by", "from") or v.lower_ == "according"):
            nps.extend((g, "pobj-" + ch.lower_) for g in ch.children if g.dep_ == "pobj")
    for ch in v.children:  # a relative pronoun subject: PolNeAR marks the pronoun itself
        if ch.dep_ in SUBJECT_DEPS and (ch.tag_ in ("WP", "WDT") or ch.lower_ in ("who", "which", "that")):
            pool.add_tokens(ch.i, ch.i + 1, "relative", keep_marks=False)
    for np, kind in nps:
        i, j = max(np.left_edge.i, sent[0]), min(np.right_edge.i + 1, sent[1])
        if i <= v.i < j:
            j = v.i if np.i < v.i else j
            i = v.i + 1 if np.i > v.i else i
        pool.add_tokens(i, j, kind, keep_marks=False)
        pool.add_tokens(i, np.i + 1, kind + "-head", keep_marks=False)
        comma = next((x for x in range(np.i + 1, j) if lay.doc[x].text in (",", "(", "—", "–")), None)
        if comma is not None:
            pool.add_tokens(i, comma, kind + "-comma", keep_marks=False)
        # the phrase up to each later comma, dash or relative pronoun: an appositive kept whole
        # ("X, the chief of Y, which ...") and a relative clause left out or kept
        cuts = [x for x in range(np.i + 1, j) if x != comma and (lay.doc[x].text in (",", "(", "—", "–", "--")
                or lay.doc[x].tag_ in ("WP", "WDT") and lay.doc[x].dep_ in SUBJECT_DEPS)]
        for x in cuts[:4]:
            pool.add_tokens(i, x, kind + "-cut", keep_marks=False)

        chunk = chunks.get(np.i)
        if chunk is not None:
            pool.add_tokens(chunk[0], chunk[1], kind + "-chunk", keep_marks=False)
    return pool.values()


def cue_span_candidates(v: Token, lay: Layout, rules: Any) -> list[SpanCandidate]:
    """The cue span candidates of cue ``v`` (see the module docstring)."""
    pool = _Pool(lay)
    if rules is not None and rules.quote.cue is not None:
        c = rules.quote.cue
        pool.add_chars(c.start, c.end, "rules", rules.cue_tokens or lay.tokens_of(c.start, c.end))
    i = v.i
    left = {ch.i for ch in v.lefts if ch.dep_ in ("aux", "auxpass", "neg")}
    while i - 1 in left:
        i -= 1
    j = v.i + 1
    for ch in v.rights:
        if ch.i == j and ch.dep_ in ("prt", "prep", "agent"):
            j = ch.i + 1
            break
    pool.add_tokens(v.i, v.i + 1, "head")
    pool.add_tokens(i, v.i + 1, "aux")
    if j > v.i + 1:
        pool.add_tokens(v.i, j, "right")
        pool.add_tokens(i, j, "aux-right")
    return pool.values()


def candidates(doc: Doc, lay: Layout, rules: list, lemmas: Iterable[str], statement_nouns: frozenset[str] = frozenset()) -> list[CueCandidate]:
    """Every cue candidate of ``doc`` with its span candidates, in text order."""
    out = []
    chunks = noun_chunks(doc)
    for head, attribution in sorted(cue_tokens(doc, lay, lemmas, rules).items()):
        v = doc[head]
        out.append(
            CueCandidate(
                head=head,
                contents=content_candidates(v, lay, attribution),
                sources=source_candidates(v, lay, attribution, statement_nouns, chunks),
                cues=cue_span_candidates(v, lay, attribution),
                rules=attribution,
            )
        )
    return out


def rules_unranked(rules: list, cands: list[CueCandidate]) -> list:
    """The rules attributions that head no cue candidate (floating quotes, a second quotation
    of the same cue): the ranker passes them through."""
    ranked = {id(c.rules) for c in cands if c.rules is not None}
    return [a for a in rules if id(a) not in ranked]


def first_match(spans: Iterable[tuple[int, int]], c: Optional[SpanCandidate]) -> bool:
    return c is not None and any(c.span == s for s in spans)
