"""Coreference to named speakers: link each quote's mention to an entity, a name and a role.

A quote's mention is one of four things, each resolved its own way:

* a **name** (``Zhang``, ``Chinese Foreign Minister Wang Yi``, ``The Kremlin``, a
  ``statement from the Chinese Foreign Ministry``): the name cluster it belongs to
  (:func:`quotes.resolution.entities.cluster_entities`); a proper noun the NER missed becomes a name;
* a **pronoun**: by gender (from honorifics, gendered titles, first names and the pronouns
  the text already uses unambiguously with a name), number and salience: a main-clause
  subject earlier in the sentence, else the most recent salient person (a quote's speaker
  or a main-clause subject) in the sentences before — so ``"...," he said`` after a quote
  continues that quote's speaker;
* a **description** (``the diplomat``, ``the ministry``, ``Beijing's ambassador to Moscow``):
  the most recent entity whose stated role (or, for organizations, name) fits it; with no
  fitting entity before it, the first one after it (a headline or lead that names the
  speaker only later); failing that, the quote speaker nearest before or, for a headline,
  the first person after who speaks or is a main-clause subject and whose roles do not
  contradict it. An indefinite description (``a senior official``) introduces a new,
  unnamed speaker; ``the American side`` is its country;
* a **group** (``the two countries``, ``both sides``, ``officials``): unnamed, type group;
  coordinated names (``China and Russia``) name their group.

Descriptions resolved to a person add their wording to that person's roles, and so do
definite title-headed subjects that are no quote's mention (``the country's ambassador to
Moscow has said``) when the person's known roles fit them; the output role is the most
specific one stated anywhere in the document.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from quotes.attribution.detect import Attribution
from quotes.resolution.entities import Entity, cluster_entities
from quotes.resolution.roles import (
    RoleSignature,
    content_words,
    country_name,
    country_of,
    entity_accepts,
    role_from_description,
    roles_for_name,
    span_head,
)
from quotes.text.titles import is_title, title_lexicon

_GENDERED = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}  # fmt: skip
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_NEUTER = {"it", "its", "itself"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
_RELATIVE = {"who", "whom", "whose", "which", "that"}
_INDEFINITE = {"a", "an", "one", "another", "some", "several", "many", "two", "three"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_MAIN_CLAUSE = ("ROOT", "conj")
#: How many sentences back a pronoun looks for its antecedent.
PRONOUN_WINDOW = 4


@dataclass
class _Event:
    """A mention of an entity at token ``pos``, as the resolver sees it."""

    pos: int
    entity: Entity
    salient: bool  # a main-clause subject or a quote's speaker
    quoted: bool  # inside some quote's content: not an antecedent for pronouns


class _Resolver:
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
        for a in attributions:
            span = _char_span(doc, a.quote.start, a.quote.end, "contract")
            if span is not None:
                self.quoted.update(range(span.start, span.end))
        self.spans = [self._mention_span(a) for a in attributions]
        self.events: list[_Event] = []
        for e in self.entities:
            for a, b in e.mentions:
                root = self._root(a, b)
                self.events.append(_Event(a, e, self._is_main_subject(root), a in self.quoted))
        self.events.sort(key=lambda ev: ev.pos)
        self.result: dict[int, Optional[Entity]] = {}
        self.kind: dict[int, str] = {}
        self.method: dict[int, str] = {}
        self.next_key = len(self.entities)

    # ------------------------------------------------------------------ helpers

    def _mention_span(self, a: Attribution) -> Optional[tuple[int, int]]:
        n = len(self.doc)
        if a.mention_tokens is not None:
            i, j = a.mention_tokens
            if 0 <= i < j <= n:
                return (i, j)
        m = a.quote.mention
        if m is None or n == 0:
            return None
        span = _char_span(self.doc, m.start, m.end, "expand")
        if span is None or len(span) == 0:
            return None
        a_, b_ = span.start, span.end
        while a_ < b_ and (self.doc[a_].is_punct or self.doc[a_].is_space):
            a_ += 1
        while b_ > a_ and (self.doc[b_ - 1].is_punct or self.doc[b_ - 1].is_space):
            b_ -= 1
        return (a_, b_) if a_ < b_ else None

    def _root(self, a: int, b: int) -> Token:
        return span_head(self.doc, a, b)

    def _is_main_subject(self, t: Token) -> bool:
        while t.dep_ in ("compound", "appos", "conj", "flat") and t.head.i != t.i:
            t = t.head
        return t.dep_ in _SUBJECT_DEPS and t.head.dep_ in _MAIN_CLAUSE

    def _new_entity(self, label: str, kind: str, name: Optional[str] = None) -> Entity:
        e = Entity(key=self.next_key, name=name, label=label, kind=kind)
        self.next_key += 1
        self.entities.append(e)
        return e

    def _add_event(self, pos: int, e: Entity, salient: bool = True) -> None:
        ev = _Event(pos, e, salient, False)
        k = len(self.events)
        while k > 0 and self.events[k - 1].pos > pos:
            k -= 1
        self.events.insert(k, ev)

    def _position(self, idx: int) -> int:
        """Token position of a quote's attribution: its mention, else its content start."""
        span = self.spans[idx]
        if span is not None:
            return span[0]
        q = self.atts[idx].quote
        s = _char_span(self.doc, q.start, q.end, "expand")
        return s.start if s is not None else 0

    # ------------------------------------------------------------------ gender

    def _collect_gender(self) -> None:
        """Pronouns the text ties to exactly one named person vote for that person's gender."""
        positions = [ev.pos for ev in self.events]
        sent_starts: dict[int, int] = {}
        for i, k in enumerate(self.sent_of):
            sent_starts.setdefault(k, i)
        for t in self.doc:
            g = _GENDERED.get(t.lower_)
            if g is None or t.i in self.quoted:
                continue
            sent = self.sent_of[t.i]
            lo = bisect_left(positions, sent_starts.get(sent - 1, sent_starts[sent]))
            hi = bisect_left(positions, t.i)
            near = {
                ev.entity.key: ev.entity
                for ev in self.events[lo:hi]
                if ev.entity.label == "PERSON" and not ev.quoted
            }
            if len(near) == 1:
                next(iter(near.values())).weak_votes[g] += 1

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Attribution]:
        """The attributions with their speakers: new records, in the given order."""
        if len(self.doc) == 0:
            return [_resolved(a, None, "unknown") for a in self.atts]
        self._collect_gender()
        order = sorted(range(len(self.atts)), key=lambda k: (self._position(k), k))
        # names first: they need no context, and descriptions may point forward to them
        for k in order:
            span = self.spans[k]
            if span is not None and self.atts[k].inherit_from is None:
                e = self._name(*span)
                if e is not None:
                    self._set(k, e, "name")
        for k in order:
            self._resolve(k, set())
        self._lend_roles()
        return [
            _resolved(a, self.result.get(k), self.kind.get(k, "unknown"), self.method.get(k, "none"))
            for k, a in enumerate(self.atts)
        ]

    def _lend_roles(self) -> None:
        """Definite descriptions that are no quote's mention still state roles.

        ``the country's ambassador to Moscow has said`` may be missed as a quote, yet it is
        the most specific role the document gives its ambassador. Each definite, singular,
        title-headed subject outside quotes lends its wording to the person whose known
        roles it fits (nearest before, else first after); nothing is guessed beyond that.
        """
        if not self.doc.has_annotation("DEP"):
            return
        taken = {span for span in self.spans if span is not None}
        for t in self.doc:
            if t.dep_ not in _SUBJECT_DEPS or t.tag_ not in ("NN", "NNP") or not is_title(t) or t.i in self.quoted:
                continue
            a, b = _np_bounds(t)
            definite = self.doc[a].lower_ == "the" or any(c.dep_ == "poss" for c in t.children)
            named = any(i in self.by_token and self.by_token[i].label == "PERSON" for i in range(a, b))
            if not definite or named or (a, b) in taken:
                continue
            role = role_from_description(self.doc, a, b)
            if role is None:
                continue
            sig = RoleSignature.of(role.text)
            fits = {id(e) for e in self.entities if e.label == "PERSON" and entity_accepts(sig, e.roles)}
            fitting = [ev for ev in self.events if id(ev.entity) in fits]
            before = [ev for ev in fitting if ev.pos < a]
            after = [ev for ev in fitting if ev.pos >= b]
            target = before[-1] if before else (after[0] if after else None)
            if target is not None and role.text not in {r.text for r in target.entity.roles}:
                target.entity.roles.append(role)

    def _set(self, k: int, e: Optional[Entity], method: str, kind: Optional[str] = None) -> None:
        self.result[k] = e
        self.method[k] = method
        self.kind[k] = e.type if e is not None else (kind or "unknown")
        if e is not None:
            self._add_event(self._position(k), e, salient=True)

    def _resolve(self, k: int, visiting: set[int]) -> None:
        if k in self.method or k in visiting:
            return
        visiting.add(k)
        a = self.atts[k]
        src = a.inherit_from
        if src is not None and 0 <= src < len(self.atts) and src != k:
            self._resolve(src, visiting)
            self.result[k] = self.result.get(src)
            self.kind[k] = self.kind.get(src, "unknown")
            self.method[k] = "inherit"
            return
        span = self.spans[k]
        if span is None:
            self._set(k, None, "none")
            return
        a_, b_ = span
        root = self._root(a_, b_)
        low = root.lower_
        if low in _RELATIVE and root.head.dep_ == "relcl":
            ante = root.head.head
            e = self.by_token.get(ante.i)
            if e is not None:
                self._set(k, e, "relative")
                return
            a_, b_ = _np_bounds(ante)
            root = ante
            low = root.lower_
        if low in _GENDERED or low in _PLURAL or low in _NEUTER or low in _FIRST_PERSON:
            e, kind = self._pronoun(k, root)
            self._set(k, e, "pronoun", kind)
            return
        e = self._name(a_, b_)
        if e is not None:
            self._set(k, e, "name")
            return
        e, kind = self._description(k, a_, b_)
        self._set(k, e, "description", kind)

    # ------------------------------------------------------------------ names

    def _name(self, a: int, b: int) -> Optional[Entity]:
        """The entity a name inside the mention refers to; None for no name."""
        root = self._root(a, b)
        if root.lower_ in self.lex.statement_nouns and not is_title(root):
            inner = _possessor(root, a, b)
            if inner is not None:
                root = inner
        if root.i in self.by_token:
            e = self.by_token[root.i]
            return self._coordinated(root, a, b) or e
        if is_title(root) or root.lower_ in self.lex.org_heads or root.pos_ not in ("PROPN",):
            # a description ("the Chinese diplomat") may still carry a person's name
            names = [self.by_token[i] for i in range(a, b) if i in self.by_token]
            people = [e for e in names if e.label == "PERSON"]
            if people and is_title(root) and root.i < max(i for i in range(a, b) if i in self.by_token):
                return people[-1]
            return None
        # a proper noun the NER missed: match it to a person's name token, else name it as is
        tok = root.text.casefold()
        persons = [
            e for e in self.entities if e.label == "PERSON" and e.name and tok in (e.name.casefold().split()[0], e.name.casefold().split()[-1])
        ]
        if persons:
            before = [ev for ev in self.events if ev.entity in persons and ev.pos < a]
            return before[-1].entity if before else persons[0]
        return self._unrecognised_name(root, a, b)

    def _unrecognised_name(self, root: Token, a: int, b: int) -> Optional[Entity]:
        """A speaker the NER missed (``Trump wrote``): its proper-noun run becomes a name.

        It is taken for a person (the common case for a quote's subject) unless the words say
        organization or place; its other occurrences join it, so pronouns can find it.
        """
        lo = root.i
        while lo - 1 >= a and self.doc[lo - 1].pos_ == "PROPN" and self.doc[lo - 1].i not in self.by_token:
            lo -= 1
        while lo < root.i and (is_title(self.doc[lo]) or self.doc[lo].lower_ in self.lex.honorifics):
            lo += 1
        words = [t.text for t in self.doc[lo : root.i + 1]]
        if not words or not words[-1][:1].isupper():
            return None
        name = " ".join(words)
        low = name.casefold()
        if country_of(low):
            label = "GPE"
        elif low in self.lex.org_names or any(w.casefold() in self.lex.org_heads for w in words):
            label = "ORG"
        else:
            label = "PERSON"
        e = self._new_entity(label, "unknown", name)
        n = len(words)
        for i in range(len(self.doc) - n + 1):
            if all(self.doc[i + j].text == words[j] for j in range(n)) and i not in self.by_token:
                e.mentions.append((i, i + n))
                for j in range(i, i + n):
                    self.by_token[j] = e
                self._add_event(i, e, salient=self._is_main_subject(self.doc[i + n - 1]))
                if label == "PERSON":
                    others = {t for t, o in self.by_token.items() if o.label == "PERSON" and o is not e}
                    e.roles.extend(roles_for_name(self.doc, i, i + n, others))
        return e

    def _coordinated(self, root: Token, a: int, b: int) -> Optional[Entity]:
        """``China and Russia said``: a group named by its members."""
        # Token.conjuncts follows the chain: "Smith, Brown and Jones" hangs Jones on Brown
        members = [root] + [c for c in root.conjuncts if a <= c.i < b and c.i != root.i]
        if len(members) < 2:
            return None
        names: list[str] = []
        seen: list[Entity] = []
        for m in members:
            e = self.by_token.get(m.i)
            if e is None or not e.name:
                return None
            if any(e is s for s in seen):
                continue  # "JPMorgan Chase & Co.", "Procter & Gamble": one name, parsed as two
            seen.append(e)
            names.append(e.name)
        if len(seen) < 2:
            return None
        return self._new_entity("GROUP", "group", " and ".join(names))

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, k: int, tok: Token) -> tuple[Optional[Entity], str]:
        low = tok.lower_
        sent = self.sent_of[tok.i]
        if low in _GENDERED:
            gender = _GENDERED[low]

            def fits(e: Entity) -> bool:
                person = e.label == "PERSON" or (e.label == "DESC" and e.kind == "person")
                return person and e.gender in (None, gender)

            kind = "person"
        elif low in _PLURAL:

            def fits(e: Entity) -> bool:
                return e.label in ("GROUP", "NORP") or (e.label == "DESC" and e.kind == "group")

            kind = "group"
        elif low in _NEUTER:

            def fits(e: Entity) -> bool:
                return e.label in ("ORG", "GPE") or (e.label == "DESC" and e.kind == "organization")

            kind = "organization"
        else:  # I / we: the quote continues its context's speaker

            def fits(e: Entity) -> bool:
                return True

            kind = "unknown"
        before = [ev for ev in self.events if ev.pos < tok.i and not ev.quoted and fits(ev.entity)]
        same = [ev for ev in before if self.sent_of[ev.pos] == sent and ev.salient]
        if same:
            return same[-1].entity, kind
        window = [ev for ev in before if sent - PRONOUN_WINDOW <= self.sent_of[ev.pos] < sent]
        salient = [ev for ev in window if ev.salient]
        if salient:
            return salient[-1].entity, kind
        close = [ev for ev in window if self.sent_of[ev.pos] >= sent - 2]
        if close:
            return close[-1].entity, kind
        if kind == "person":
            far = [ev for ev in before if ev.salient]
            if far:
                return far[-1].entity, kind
        return None, kind

    # ------------------------------------------------------------------ descriptions

    def _description(self, k: int, a: int, b: int) -> tuple[Optional[Entity], str]:
        doc = self.doc
        root = self._root(a, b)
        if root.lower_ in self.lex.statement_nouns and not is_title(root):
            inner = _possessor(root, a, b)
            if inner is not None:
                a, b = _np_bounds(inner, a, b)
                root = inner
        while a < b and doc[a].lower_ in ("'s", "’s"):
            a += 1
        first = doc[a].lower_
        indefinite = first in _INDEFINITE
        plural = root.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in root.children if a <= c.i < b)
        text_low = " ".join(t.lower_ for t in doc[a:b] if t.lower_ not in ("the", "a", "an"))
        head = root.lemma_.lower()
        if not plural and (head in self.lex.org_heads or root.lower_ in self.lex.org_heads or text_low in self.lex.org_names):
            return self._org_description(a, b, root, indefinite), "organization"
        if root.lower_ == "side" and not plural and not indefinite:
            # "the American side", "the Chinese side": the country's government
            countries = {c for c in (country_of(t.text) for t in doc[a:b] if t.i != root.i) if c}
            if len(countries) == 1:
                return self._country(countries.pop()), "organization"
        if plural or root.lower_ in self.lex.group_heads or first in ("both", "all"):
            return None, "group"
        if is_title(root):
            return self._person_description(k, a, b, root, indefinite), "person"
        if root.lower_ in self.lex.person_heads:
            return None, "person"  # "a person familiar with the matter", "the woman": a person, unnamed
        return None, "unknown"

    def _country(self, code: str) -> Entity:
        """The place entity of a country, named by its usual full name."""
        name = country_name(code)
        for e in self.entities:
            if e.label == "GPE" and e.name and e.name.casefold() == name.casefold():
                return e
        e = self._new_entity("GPE", "organization", name)
        e.country = code
        return e

    def _org_description(self, a: int, b: int, root: Token, indefinite: bool) -> Optional[Entity]:
        doc = self.doc
        head = root.lower_.replace("defense", "defence")
        countries = {c for c in (country_of(t.text) for t in doc[a:b]) if c}
        mods = [
            w.replace("defense", "defence")
            for t in doc[a:b]
            if t.i != root.i
            and not country_of(t.text)
            and t.lower_ not in ("the", "a", "an", "'s", "’s", "its", "their", "his", "her")
            and not t.is_punct
            for w in [t.lower_]
        ]

        def fits(e: Entity) -> bool:
            if e.label not in ("ORG",) or not e.name:
                return False
            words = [w.replace("defense", "defence") for w in content_words(e.name)]
            if not any(w.startswith(head[:5]) for w in words):
                return False
            if any(not any(w.startswith(m[:5]) for w in words) for m in mods):
                return False
            return not (countries and e.country and e.country not in countries)

        if not indefinite:
            before = [ev for ev in self.events if ev.pos < a and fits(ev.entity)]
            if before:
                return before[-1].entity
            after = [ev for ev in self.events if ev.pos >= b and fits(ev.entity)]
            if after:
                return after[0].entity
        text = doc[a:b].text
        named = not any(t.pos_ == "ADP" for t in doc[a:b]) and (
            bool(countries) or any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in doc[a:b])
        )
        if named and not indefinite:
            # a definite organization marked by a country or a name ("the Chinese defence
            # ministry") is named by its description; "the team in Anchorage" is not
            name = text.split(" ", 1)[1] if doc[a].lower_ in ("the", "a", "an") else text
            e = self._new_entity("ORG", "organization", name)
            e.country = next(iter(countries)) if len(countries) == 1 else None
            e.mentions.append((a, b))
            return e
        return None

    def _person_description(self, k: int, a: int, b: int, root: Token, indefinite: bool) -> Optional[Entity]:
        role = role_from_description(self.doc, a, b)
        sig = RoleSignature.of(role.text if role else self.doc[a:b].text)

        # entities are asked once each, not once per event: a long document has thousands
        memo: dict[tuple[str, int], bool] = {}

        def fits(e: Entity) -> bool:
            key = ("fits", id(e))
            if key not in memo:
                memo[key] = (e.label == "PERSON" or (e.label == "DESC" and e.kind == "person")) and entity_accepts(sig, e.roles)
            return memo[key]

        def free(e: Entity) -> bool:
            key = ("free", id(e))
            if key not in memo:
                memo[key] = e.label == "PERSON" and not any(sig.conflicts(RoleSignature.of(r.text)) for r in e.roles)
            return memo[key]

        # events are kept in text order: the nearest before is the last, the nearest after the first
        found: Optional[Entity] = None
        if not indefinite:
            before = next((ev for ev in reversed(self.events) if ev.pos < a and fits(ev.entity)), None)
            after = next((ev for ev in self.events if ev.pos >= b and fits(ev.entity)), None)
            if before is not None:
                found = before.entity
            elif after is not None:
                found = after.entity
            else:
                sent = self.sent_of[a]
                prev = next(
                    (
                        ev
                        for ev in reversed(self.events)
                        if ev.pos < a and ev.salient and free(ev.entity) and self._is_speaker(ev)
                        and self.sent_of[ev.pos] >= sent - PRONOUN_WINDOW
                    ),
                    None,
                )
                if prev is not None:
                    found = prev.entity
                else:
                    # a headline or lead naming its speaker only later: the next person
                    # who speaks or is a main-clause subject, unless their roles rule it out
                    later = next((ev for ev in self.events if ev.pos >= b and ev.salient and free(ev.entity)), None)
                    if later is not None:
                        found = later.entity
        if found is None:
            found = self._new_entity("DESC", "person")
        found.mentions.append((a, b))
        if role is not None:
            found.roles.append(role)
        return found

    def _is_speaker(self, ev: _Event) -> bool:
        """Whether an event is some quote's attribution (a named speaker)."""
        return any(e is ev.entity for e in self.result.values() if e is not None) and ev.salient


def _char_span(doc: Doc, start: int, end: int, mode: str) -> Optional[SpacySpan]:
    """``Doc.char_span`` that answers None, not an error, for offsets outside the text."""
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # Doc.text would rebuild it
    if not (0 <= start < end <= size):
        return None
    return doc.char_span(start, end, alignment_mode=mode)


def _possessor(root: Token, a: int, b: int) -> Optional[Token]:
    """``the diplomat's statement`` -> diplomat; ``a statement from the ministry`` -> ministry."""
    for c in root.children:
        if c.dep_ == "poss" and a <= c.i < b:
            return c
    for c in root.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "of", "by") and a <= c.i < b:
            for g in c.children:
                if g.dep_ == "pobj" and g.i < b:
                    return g
    return None


def _np_bounds(t: Token, lo: int = 0, hi: Optional[int] = None) -> tuple[int, int]:
    """A noun's phrase up to the noun itself plus its complements, minus clauses."""
    hi = len(t.doc) if hi is None else hi
    a = max(lo, t.left_edge.i)
    b = t.i + 1
    for c in t.rights:
        if c.dep_ in ("prep", "compound", "amod", "nmod") and c.right_edge.i < hi:
            b = max(b, c.right_edge.i + 1)
        else:
            break
    return a, min(b, hi)


def _resolved(a: Attribution, e: Optional[Entity], kind: str, method: Optional[str] = None) -> Attribution:
    """A copy of ``a`` whose quote names entity ``e`` (or, with no entity, only its ``kind``).

    ``method`` (how the mention was resolved) and the entity's key go into the copy's
    features; with no method (an empty document) the features stay as they were.
    """
    q = a.quote
    if e is None:
        speaker_type = kind if kind in ("person", "organization", "group") else "unknown"
        quote = replace(q, speaker=None, speaker_type=speaker_type, role=None)
    else:
        quote = replace(q, speaker=e.name, speaker_type=e.type, role=e.role)
    features = dict(a.features)
    if method is not None:
        features["resolution"] = method
        features["speaker_entity"] = e.key if e is not None else None
    return replace(a, quote=quote, features=features)


def resolve(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions with ``speaker``, ``speaker_type`` and ``role`` of their quotes filled.

    Returns new records in the same order and leaves the given ones unchanged. Uses the
    mention span (``mention_tokens``, else the quote's ``mention`` characters) and
    ``inherit_from`` of each :class:`~quotes.attribution.detect.Attribution`; records how each
    was resolved in ``features["resolution"]`` (name, pronoun, description, relative,
    inherit, none). Never raises on an empty document or odd spans.
    """
    if not attributions:
        return []
    return _Resolver(doc, attributions).run()
