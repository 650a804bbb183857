"""Coreference to named speakers: link each quote's mention to an entity, a name and a role.

A quote's mention is one of four things, each resolved its own way:

* a **name** (``Zhang``, ``Chinese Foreign Minister Wang Yi``, ``The Kremlin``, a
  ``statement from the Chinese Foreign Ministry``): the name cluster it belongs to
  (:mod:`quotes.resolution.names`); a proper noun the NER missed becomes a name;
* a **pronoun**: by gender, number and salience (:mod:`quotes.resolution.pronouns`), so
  ``"...," he said`` after a quote continues that quote's speaker;
* a **description** (``the diplomat``, ``the ministry``, ``Beijing's ambassador to Moscow``):
  the nearest entity whose stated role or name fits it (:mod:`quotes.resolution.descriptions`);
* a **group** (``the two countries``, ``both sides``, ``officials``): unnamed, type group;
  coordinated names (``China and Russia``) name their group.

Names are resolved first, for every quote: they need no context, and descriptions may point
forward to them. Then each quote in text order, so a pronoun finds the speakers before it.

Descriptions resolved to a person add their wording to that person's roles, and so do
definite title-headed subjects that are no quote's mention (``the country's ambassador to
Moscow has said``) when the person's known roles fit them; the output role is the most
specific one stated anywhere in the document.

:func:`resolve` returns new records: the attributions it is given stay as they were.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc, Token

from quotes.attribution.detect import Attribution
from quotes.resolution.context import SUBJECT_DEPS, Event, ResolutionContext
from quotes.resolution.descriptions import describe
from quotes.resolution.entities import Entity
from quotes.resolution.names import name_entity
from quotes.resolution.phrases import np_bounds
from quotes.resolution.pronouns import collect_gender, is_pronoun, resolve_pronoun
from quotes.resolution.relatives import apposed_name, nearest_conjunct, noun_before_place
from quotes.resolution.roles import RoleSignature, entity_accepts, role_from_description
from quotes.resolution.sources import document_source, is_document, person_organization
from quotes.text.titles import is_title

_RELATIVE = {"who", "whom", "whose", "which", "that"}
_INTENSIFIERS = {"himself", "herself"}


def resolve(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions with ``speaker``, ``speaker_type`` and ``role`` of their quotes filled.

    Returns new records in the same order and leaves the given ones unchanged. Uses the
    mention span (``mention_tokens``, else the quote's ``mention`` characters) and
    ``inherit_from`` of each :class:`~quotes.attribution.detect.Attribution`; records how each
    was resolved in ``features["resolution"]`` (name, pronoun, description, relative,
    inherit, source, none). Never raises on an empty document or odd spans.
    """
    if not attributions:
        return []
    ctx = ResolutionContext(doc, attributions)
    if len(doc) == 0:
        return [_resolved(a, None, "unknown") for a in attributions]
    collect_gender(ctx)
    order = sorted(range(len(attributions)), key=lambda k: (ctx.position(k), k))
    # names first: they need no context, and descriptions may point forward to them
    for k in order:
        span = ctx.spans[k]
        if span is not None and attributions[k].inherit_from is None:
            root, cue = ctx.root(*span), attributions[k].cue_tokens
            e = nearest_conjunct(ctx, root, span[1], cue) or apposed_name(ctx, root, span[1], cue)
            if e is not None:
                ctx.assign(k, e, "relative")
                continue
            noun = noun_before_place(ctx, root, span[1], cue)
            if noun is not None:
                ctx.spans[k] = noun  # resolved below as a description, in text order
                continue
            e = name_entity(ctx, *span)
            if e is not None:
                ctx.assign(k, e, "name")
    for k in order:
        _resolve_one(ctx, k, set())
    _lend_roles(ctx)
    return [
        _resolved(a, ctx.result.get(k), ctx.kind.get(k, "unknown"), ctx.method.get(k, "none"))
        for k, a in enumerate(attributions)
    ]


def _resolve_one(ctx: ResolutionContext, k: int, visiting: set[int]) -> None:
    """Resolve quote ``k`` (after the quote it continues, if any) unless done already."""
    if k in ctx.method or k in visiting:
        return
    visiting.add(k)
    src = ctx.atts[k].inherit_from
    if src is not None and 0 <= src < len(ctx.atts) and src != k:
        _resolve_one(ctx, src, visiting)
        ctx.result[k] = ctx.result.get(src)
        ctx.kind[k] = ctx.kind.get(src, "unknown")
        ctx.method[k] = "inherit"
        return
    span = ctx.spans[k]
    if span is None:
        ctx.assign(k, None, "none")
        return
    a_, b_ = span
    root = ctx.root(a_, b_)
    low = root.lower_
    if low in _RELATIVE and root.head.dep_ == "relcl":
        ante = root.head.head
        e = ctx.by_token.get(ante.i)
        if e is not None:
            ctx.assign(k, e, "relative")
            return
        a_, b_ = np_bounds(ante)
        root = ante
        low = root.lower_
    if is_pronoun(low):
        e, kind = resolve_pronoun(ctx, root)
        ctx.assign(k, e, "pronoun", kind)
        return
    e = person_organization(ctx, root)
    if e is None and is_document(root):
        e = document_source(ctx, root)
    if e is not None:
        ctx.assign(k, e, "source")
        return
    e = name_entity(ctx, a_, b_)
    if e is not None:
        ctx.assign(k, e, "name")
        return
    e, kind = describe(ctx, a_, b_)
    if e is None:
        e = _sole_person(ctx, a_, b_)
        if e is not None:
            ctx.assign(k, e, "name")
            return
    ctx.assign(k, e, "description", kind)


def _sole_person(ctx: ResolutionContext, a: int, b: int) -> Optional[Entity]:
    """The one person a badly cut mention names (``the election, Minyon Moore, a senior
    adviser``), when nothing else resolved it: names that stand as a phrase of their own, not
    as a modifier (``the Clinton campaign``, ``Trump's plan``) or in a prepositional complement
    (``advisers to Mr. Obama``); none when there are two."""
    if any(ctx.doc[i].dep_ == "conj" and i in ctx.by_token for i in range(a, b)):
        return None  # "Hillary Clinton and Donald Trump": a group, not one of them
    found: list[Entity] = []
    for e in ctx.entities:
        if e.label != "PERSON":
            continue
        for s, t in e.mentions:
            if not (a <= s and t <= b) or not _stands_alone(ctx, s, t, a, b):
                continue
            if not any(x is e for x in found):
                found.append(e)
    return found[0] if len(found) == 1 else None


def _stands_alone(ctx: ResolutionContext, s: int, t: int, a: int, b: int) -> bool:
    """Whether the name ``[s, t)`` is a noun phrase of its own inside ``[a, b)``."""
    head = ctx.doc[s:t].root
    if head.dep_ in ("poss", "compound", "amod", "nmod"):
        return False
    x = head
    while a <= x.head.i < b and x.head.i != x.i:
        if x.dep_ in ("pobj", "prep", "poss", "compound", "conj"):
            return False
        x = x.head
    return True


def _lend_roles(ctx: ResolutionContext) -> None:
    """Definite descriptions that are no quote's mention still state roles.

    ``the country's ambassador to Moscow has said`` may be missed as a quote, yet it is
    the most specific role the document gives its ambassador. Each definite, singular,
    title-headed subject outside quotes lends its wording to the person whose known
    roles it fits (nearest before, else first after); nothing is guessed beyond that.
    """
    doc = ctx.doc
    if not doc.has_annotation("DEP"):
        return
    taken = {span for span in ctx.spans if span is not None}
    for t in doc:
        stated = _stated_of_someone(t)
        if not (t.dep_ in SUBJECT_DEPS or stated) or t.tag_ not in ("NN", "NNP") or not is_title(t) or t.i in ctx.quoted:
            continue
        a, b = np_bounds(t)
        definite = doc[a].lower_ == "the" or any(c.dep_ == "poss" for c in t.children)
        # a name in the phrase, in apposition to it or right after it is the holder ("the
        # Democratic candidate Hillary Clinton"): the role is that name's already, no one else's
        near = list(range(a, b + 1)) + [c.i for c in t.children if c.dep_ == "appos"]
        named = any(i in ctx.by_token and ctx.by_token[i].label == "PERSON" for i in near)
        if not definite or named or (a, b) in taken:
            continue
        role = role_from_description(doc, a, b)
        if role is None:
            continue
        sig = RoleSignature.of(role.text)
        # a role someone's quoted words give ("she is the only candidate who ...") is no
        # evidence of the position the narrative's description names
        fits = {id(e) for e in ctx.entities if e.label == "PERSON" and entity_accepts(sig, [r for r in e.roles if not r.quoted])}
        fitting = [ev for ev in ctx.events if id(ev.entity) in fits]
        before = [ev for ev in fitting if ev.pos < a]
        after = [ev for ev in fitting if ev.pos >= b]
        target = before[-1] if before else (after[0] if after else None)
        if target is None and not fits:
            target = _roleless_subject_before(ctx, a, opening=not stated)
        if target is not None and role.text not in {r.text for r in target.entity.roles}:
            target.entity.roles.append(role)


def _stated_of_someone(t: Token) -> bool:
    """Whether a non-subject description states someone's position in a shape that can only
    mean a person already in view: the capacity a pronoun subject acts in (``she occupies
    ... as the attorney general``) or an intensified description (``advisers to the
    treasurer herself``). Any other object (``met the attorney general``) may be a new
    person, and lends nothing."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is not None and nxt.lower_ in _INTENSIFIERS:
        return True
    prep = t.head
    if t.dep_ != "pobj" or prep.lower_ != "as" or prep.dep_ != "prep":
        return False
    verb = prep.head  # the parse may hang "as" on the verb's object ("served for years as")
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("dobj", "pobj", "prep") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return len(subjects) == 1 and subjects[0].lower_ in ("he", "she")


def _roleless_subject_before(ctx: ResolutionContext, a: int, opening: bool = True) -> Optional[Event]:
    """The person a definite description takes up when no one's roles fit it: the last
    main-clause subject or speaker of the sentence before (or of this one), if the document
    gives that person no role at all (``Trump said ... The GOP candidate did not ...``).
    A person with roles of their own is left alone: the description would compete with them.
    A subject description must open its sentence (``opening``); a stated one
    (:func:`_stated_of_someone`) need not."""
    doc = ctx.doc
    if not doc.has_annotation("SENT_START"):
        return None
    sent = doc[a].sent
    if sent.start == 0 or (opening and doc[sent.start : a].text.strip(" \n\"“”'‘’")):
        return None  # only a description that opens its sentence takes up the last subject
    prev = doc[sent.start - 1].sent
    events = [ev for ev in ctx.events if prev.start <= ev.pos < a and ev.salient and not ev.quoted]
    if not events or events[-1].entity.label != "PERSON" or events[-1].entity.roles:
        return None
    if len({id(ev.entity) for ev in events if ev.entity.label == "PERSON"}) > 1:
        return None  # two people in view: the description could be either's
    return events[-1]


def _resolved(a: Attribution, e: Optional[Entity], kind: str, method: Optional[str] = None) -> Attribution:
    """A copy of ``a`` whose quote names entity ``e`` (or, with no entity, only its ``kind``).

    ``method`` (how the mention was resolved) and the entity's key go into the copy's
    features; with no method (an empty document) the features stay as they were.
    """
    q = a.quote
    key = e.key if e is not None else None
    if e is not None and e.label in ("GROUP", "NORP"):
        # a group has no name of its own: "China and Russia", "Republicans" (docs/annotation.md)
        e, kind = None, "group"
    if e is None:
        speaker_type = kind if kind in ("person", "organization", "group") else "unknown"
        quote = replace(q, speaker=None, speaker_type=speaker_type, role=None)
    else:
        quote = replace(q, speaker=e.name, speaker_type=e.type, role=e.role)
    features = dict(a.features)
    if method is not None:
        features["resolution"] = method
        features["speaker_entity"] = key
    return replace(a, quote=quote, features=features)
