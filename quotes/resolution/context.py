"""What speaker resolution knows about one document while it resolves its quotes.

The name, pronoun and description rules (:mod:`.names`, :mod:`.pronouns`, :mod:`.descriptions`)
share one view of the document: its name clusters, which token belongs to which entity, the
sentence of every token, the tokens inside quotes, and the *events* (mentions of entities in
text order) that antecedents are looked up in. Resolving a quote adds an event for its speaker,
so a later pronoun can find it; that growing state lives here, apart from the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from quotes.attribution.detect import Attribution
from quotes.resolution.entities import Entity, cluster_entities
from quotes.resolution.phrases import char_span
from quotes.resolution.roles import span_head
from quotes.resolution.salience import principal_person
from quotes.text.titles import title_lexicon

SUBJECT_DEPS = ("nsubj", "nsubjpass")
_MAIN_CLAUSE = ("ROOT", "conj")
#: How many sentences back a pronoun looks for its antecedent.
PRONOUN_WINDOW = 4
#: First and second person: quoted content with them is speech, not a narrative passage.
_SPEAKER_PERSONS = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"})


@dataclass
class Event:
    """A mention of an entity at token ``pos``, as the resolver sees it."""

    pos: int
    entity: Entity
    salient: bool  # a main-clause subject or a quote's speaker
    quoted: bool  # inside some quote's content: not an antecedent for pronouns


def _is_narrative(span) -> bool:
    """Whether quoted content is a passage of narrative: two sentences or more, in the third
    person throughout (no I, we or you), whose first sentence has a named main subject."""
    sents = list(span.sents) if span.doc.has_annotation("SENT_START") else []
    if len(sents) < 2 or any(t.lower_ in _SPEAKER_PERSONS for t in span):
        return False
    return any(_opens_clause(t, span) and t.ent_type_ == "PERSON" for t in sents[0] if t.i >= span.start)


def _opens_clause(t: Token, span) -> bool:
    """A subject of a main clause of ``span`` (``McCrummen writes: "Karen thought ..."``)."""
    head = t.head
    return t.dep_ in SUBJECT_DEPS and (head.dep_ in _MAIN_CLAUSE or not span.start <= head.head.i < span.end)


def _lead_in_end(span) -> int:
    """Where a quote's words start: after the reporter's lead-in a content span may have taken
    in (``Sen. Jane Roe scolded him: "The science is against you"``): a colon, then an opening
    quotation mark, both in the span's first sentence. The lead-in's names stay antecedents."""
    toks = list(span)
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if t.text == ":" and toks[k + 1].text in ("\u201c", '"') and toks[0].text not in ("\u201c", '"'):
            if t.sent.start <= span.start:
                return toks[k + 1].i
            break
    return span.start


class ResolutionContext:
    """The document, its entities and events, and the speakers found so far (by quote index).

    Built once per :func:`~quotes.resolution.coref.resolve` call; the entities it clusters are
    its own, so the rules may add mentions and roles to them freely.
    """

    def __init__(self, doc: Doc, attributions: list[Attribution]):
        self.doc = doc
        self.atts = attributions
        self.entities = cluster_entities(doc)
        self.lex = title_lexicon()
        n = len(doc)
        self.by_token: dict[int, Entity] = {}
        for e in self.entities:
            for a, b in e.mentions:
                for i in range(a, b):
                    self.by_token.setdefault(i, e)
        if doc.has_annotation("SENT_START"):
            self.sent_of = [0] * n
            for k, s in enumerate(doc.sents):
                for i in range(s.start, s.end):
                    self.sent_of[i] = k
        else:
            self.sent_of = [0] * n
        self.quoted: set[int] = set()
        #: token -> the longest quote content around it: a quote inside a quoted passage
        #: ("McCrummen reports: ... 'Here he is,' she said") finds its antecedents there
        self.region: dict[int, int] = {}
        #: tokens of quoted narrative passages ("Melanie thought it was outrageous. She ..."):
        #: their subjects are antecedents outside them, as a reporter's own sentences are
        self.narrative: set[int] = set()
        extents, passages = [], []
        for k, a in enumerate(attributions):
            span = char_span(doc, a.quote.start, a.quote.end, "contract")
            if span is not None:
                self.quoted.update(range(_lead_in_end(span), span.end))
                extents.append((span.end - span.start, k, span.start, span.end))
                if _is_narrative(span):
                    self.narrative.update(range(span.start, span.end))
                    passages.append(span)
        for _, k, i, j in sorted(extents):
            for t in range(i, j):
                self.region[t] = k  # longer spans come later and win
        self.spans = [self._mention_span(a) for a in attributions]
        self.events: list[Event] = []
        for e in self.entities:
            for a, b in e.mentions:
                root = self.root(a, b)
                quoted = a in self.quoted and a not in self.narrative
                salient = self.is_main_subject(root) or any(
                    p.start <= a < p.end and _opens_clause(root, p) for p in passages if a in self.narrative
                )
                self.events.append(Event(a, e, salient, quoted))
        self.events.sort(key=lambda ev: ev.pos)
        self.result: dict[int, Optional[Entity]] = {}
        self.kind: dict[int, str] = {}
        self.method: dict[int, str] = {}
        self.next_key = len(self.entities)
        #: entity key -> the common nouns the text calls that organization by (the network)
        self.org_types: dict[int, frozenset[str]] = {}
        #: the person the story is about, if one clearly is (:mod:`.salience`)
        self.principal: Optional[Entity] = principal_person(self.entities)

    def _mention_span(self, a: Attribution) -> Optional[tuple[int, int]]:
        n = len(self.doc)
        if a.mention_tokens is not None:
            i, j = a.mention_tokens
            if 0 <= i < j <= n:
                return (i, j)
        m = a.quote.mention
        if m is None or n == 0:
            return None
        span = char_span(self.doc, m.start, m.end, "expand")
        if span is None or len(span) == 0:
            return None
        a_, b_ = span.start, span.end
        while a_ < b_ and (self.doc[a_].is_punct or self.doc[a_].is_space):
            a_ += 1
        while b_ > a_ and (self.doc[b_ - 1].is_punct or self.doc[b_ - 1].is_space):
            b_ -= 1
        return (a_, b_) if a_ < b_ else None

    def root(self, a: int, b: int) -> Token:
        return span_head(self.doc, a, b)

    def is_main_subject(self, t: Token) -> bool:
        while t.dep_ in ("compound", "appos", "conj", "flat") and t.head.i != t.i:
            t = t.head
        return t.dep_ in SUBJECT_DEPS and t.head.dep_ in _MAIN_CLAUSE

    def new_entity(self, label: str, kind: str, name: Optional[str] = None) -> Entity:
        e = Entity(key=self.next_key, name=name, label=label, kind=kind)
        self.next_key += 1
        self.entities.append(e)
        return e

    def add_event(self, pos: int, e: Entity, salient: bool = True) -> None:
        ev = Event(pos, e, salient, False)
        k = len(self.events)
        while k > 0 and self.events[k - 1].pos > pos:
            k -= 1
        self.events.insert(k, ev)

    def position(self, idx: int) -> int:
        """Token position of a quote's attribution: its mention, else its content start."""
        span = self.spans[idx]
        if span is not None:
            return span[0]
        q = self.atts[idx].quote
        s = char_span(self.doc, q.start, q.end, "expand")
        return s.start if s is not None else 0

    def assign(self, k: int, e: Optional[Entity], method: str, kind: Optional[str] = None) -> None:
        """Quote ``k`` is said by ``e`` (found by ``method``); its speaker becomes an event."""
        self.result[k] = e
        self.method[k] = method
        self.kind[k] = e.type if e is not None else (kind or "unknown")
        if e is not None:
            self.add_event(self.position(k), e, salient=True)

    def visible(self, ev: Event, pos: int) -> bool:
        """Whether a mention may be the antecedent of a pronoun at ``pos``: one outside quotes,
        or one in the same quoted passage as the pronoun."""
        return not ev.quoted or (pos in self.region and self.region.get(ev.pos) == self.region[pos])

    def introduced(self, e: Entity) -> bool:
        """Whether a person's first mention presents them: a role, an appositive or a relative
        clause (``Henry Crespo, president of the caucus``; ``Don Fowler, who led the party``)."""
        if not e.mentions:
            return False
        head = self.root(*e.mentions[0])
        return bool(e.roles) or any(c.dep_ in ("appos", "relcl") for c in head.children)

    def is_speaker(self, ev: Event) -> bool:
        """Whether an event is some quote's attribution (a named speaker)."""
        return any(e is ev.entity for e in self.result.values() if e is not None) and ev.salient
