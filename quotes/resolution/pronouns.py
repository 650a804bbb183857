"""Pronoun mentions: gender, number and salience pick the antecedent.

``"...," he said`` after a quote continues that quote's speaker; ``she`` skips the men named
since; ``they`` wants a group, ``it`` an organization or a place. Genders come from honorifics,
gendered titles and first names (:mod:`quotes.resolution.entities`), and from the pronouns the
text itself ties to exactly one named person (:func:`collect_gender`). A person introduced in
the sentence just before, with nobody as its subject, is the ``he`` of the quote that follows.
The article's principal (:mod:`quotes.resolution.salience`) keeps a pronoun that an aide
quoted a few sentences back would otherwise take (:func:`_principal_thread`).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Callable, Optional

from spacy.tokens import Token

from quotes.resolution.context import PRONOUN_WINDOW, SUBJECT_DEPS, Event, ResolutionContext
from quotes.resolution.entities import Entity
from quotes.resolution.phrases import np_bounds
from quotes.resolution.roles import RoleSignature, entity_accepts
from quotes.resolution.sources import is_document
from quotes.text.titles import is_title

GENDERED = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}  # fmt: skip
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_NEUTER = {"it", "its", "itself"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}


def is_pronoun(low: str) -> bool:
    """Whether a lower-cased word is a pronoun this module resolves."""
    return low in GENDERED or low in _PLURAL or low in _NEUTER or low in _FIRST_PERSON


def collect_gender(ctx: ResolutionContext) -> None:
    """Pronouns the text ties to exactly one named person vote for that person's gender."""
    positions = [ev.pos for ev in ctx.events]
    sent_starts: dict[int, int] = {}
    for i, k in enumerate(ctx.sent_of):
        sent_starts.setdefault(k, i)
    for t in ctx.doc:
        g = GENDERED.get(t.lower_)
        if g is None or t.i in ctx.quoted:
            continue
        sent = ctx.sent_of[t.i]
        lo = bisect_left(positions, sent_starts.get(sent - 1, sent_starts[sent]))
        hi = bisect_left(positions, t.i)
        # a person named inside a quote's content still makes the pronoun ambiguous
        # ("Christie described Hillary Clinton as a disgrace after she attacked ...")
        near = {ev.entity.key: ev.entity for ev in ctx.events[lo:hi] if ev.entity.label == "PERSON"}
        outside = any(not ev.quoted for ev in ctx.events[lo:hi] if ev.entity.label == "PERSON")
        if len(near) == 1 and outside:
            next(iter(near.values())).weak_votes[g] += 1


def _agreement(low: str) -> tuple[Callable[[Entity], bool], str]:
    """Which entities a pronoun can refer to, and the speaker type it implies."""
    if low in GENDERED:
        gender = GENDERED[low]

        def fits(e: Entity) -> bool:
            person = e.label == "PERSON" or (e.label == "DESC" and e.kind == "person")
            return person and e.gender in (None, gender)

        return fits, "person"
    if low in _PLURAL:

        def fits(e: Entity) -> bool:
            return e.label in ("GROUP", "NORP") or (e.label == "DESC" and e.kind == "group")

        return fits, "group"
    if low in _NEUTER:

        def fits(e: Entity) -> bool:
            return e.label in ("ORG", "GPE") or (e.label == "DESC" and e.kind == "organization")

        return fits, "organization"

    def fits(e: Entity) -> bool:  # I / we: the quote continues its context's speaker
        return True

    return fits, "unknown"


def resolve_pronoun(ctx: ResolutionContext, tok: Token) -> tuple[Optional[Entity], str]:
    """The antecedent of pronoun ``tok`` and the speaker type the pronoun implies.

    A salient mention earlier in the same sentence, else the most recent salient one in
    the :data:`~quotes.resolution.context.PRONOUN_WINDOW` sentences before, else any mention
    in its own sentence or the two before; a person pronoun finally takes the last salient person.
    """
    fits, kind = _agreement(tok.lower_)
    if kind == "organization" and _continues_document(ctx, tok):
        return None, "unknown"
    if tok.lower_ in _FIRST_PERSON and tok.i not in ctx.quoted:
        return None, "unknown"  # the writer's own "I" or "we", not anyone the text names
    sent = ctx.sent_of[tok.i]
    before = [ev for ev in ctx.events if ev.pos < tok.i and ctx.visible(ev, tok.i) and fits(ev.entity)]
    if kind == "organization":  # "The GOP candidate proposes ...": the party is no subject
        before = [ev if _refers(ctx, ev) else replace(ev, salient=False) for ev in before]
    same = [ev for ev in before if ctx.sent_of[ev.pos] == sent and ev.salient]
    if same:
        return _last(ctx, same, before, tok).entity, kind
    if kind == "person":
        introduced = _introduced(ctx, before, _previous_sentence(ctx, tok))
        if introduced is not None:
            return introduced, kind
    window = [ev for ev in before if sent - PRONOUN_WINDOW <= ctx.sent_of[ev.pos] < sent]
    salient = [ev for ev in window if ev.salient]
    if salient:
        last = _last(ctx, salient, before, tok)
        thread = _principal_thread(ctx, tok, last, fits) if kind == "person" else None
        return (thread or last.entity), kind
    close = [ev for ev in before if sent - 2 <= ctx.sent_of[ev.pos] <= sent]  # the same sentence too
    if close:
        return _last(ctx, close, before, tok).entity, kind
    if kind == "person":
        far = [ev for ev in before if ev.salient]
        if far:
            return far[-1].entity, kind
    if kind == "group":
        return _collective(ctx, tok), kind
    return None, kind


def _collective(ctx: ResolutionContext, tok: Token) -> Optional[Entity]:
    """A ``they`` with no group to refer to is a body of people the text named as an
    organization: ``The Security Council issued a statement ... "...," they said``. Only an
    organization that is a main subject or a speaker in this or the previous sentence. A
    one-word name the NER took for a person, with no gender anywhere, is such a body too
    (``Factcheck.org`` or a newsroom's brand): no person is a ``they`` with a given name."""
    sent, prev = ctx.sent_of[tok.i], _previous_sentence(ctx, tok)
    orgs = [
        ev for ev in ctx.events
        if ev.pos < tok.i and ev.salient and _body(ev.entity) and ctx.visible(ev, tok.i)
        and prev <= ctx.sent_of[ev.pos] <= sent
    ]
    return orgs[-1].entity if orgs else None


def _body(e: Entity) -> bool:
    """An organization, or a lone ungendered name the NER may have mistaken for a person."""
    lone = e.label == "PERSON" and e.gender is None and len((e.name or "").split()) == 1
    return e.label == "ORG" or (lone and not e.roles)


def _continues_document(ctx: ResolutionContext, tok: Token) -> bool:
    """Whether an ``it`` continues the quote just before it, said by a document the text
    names no author of: ``"...," the report says. It also points out that ...``."""
    prev = _previous_sentence(ctx, tok)
    last = None
    for k, span in enumerate(ctx.spans):
        if span is not None and span[0] < tok.i and ctx.sent_of[span[0]] >= prev and k in ctx.method:
            if last is None or span[0] > ctx.spans[last][0]:
                last = k
    if last is None or ctx.result.get(last) is not None:
        return False
    return is_document(ctx.root(*ctx.spans[last]))


def _last(ctx: ResolutionContext, evs: list[Event], pool: list[Event], tok: Token) -> Event:
    """The most recent of the candidates ``evs``, unless its gender is unknown and someone of
    the pronoun's known gender is named in the same sentence (any mention in ``pool``, the
    visible ones that fit): ``celebrities like Patti LaBelle and Stevie Wonder ... she
    added`` is the woman, whatever a rare given name (a full name's first word) leaves open.
    A main subject keeps the pronoun against a mere mention of someone else, though."""
    gender = GENDERED.get(tok.lower_)
    last = evs[-1]
    if gender is None or last.entity.gender is not None or len((last.entity.name or "").split()) < 2:
        return last  # a lone surname (``Biden``) leaves gender open for want of a given name
    sent = ctx.sent_of[last.pos]
    # a main subject is not given up for a name in its relative clause ("Christie, who has
    # campaigned for Donald Trump since he suspended his campaign, blasted ... he said")
    subject = ctx.is_main_subject(ctx.doc[last.pos])
    known = [
        ev for ev in pool
        if ctx.sent_of[ev.pos] == sent and ev.entity.gender == gender
        and (not subject or ctx.is_main_subject(ctx.doc[ev.pos]))
    ]
    return known[-1] if known else last


def _previous_sentence(ctx: ResolutionContext, tok: Token) -> int:
    """The last sentence before ``tok``'s with words outside quotes (-1: none)."""
    i, sent = tok.i - 1, ctx.sent_of[tok.i]
    while i >= 0 and (ctx.sent_of[i] == sent or i in ctx.quoted or ctx.doc[i].is_punct or ctx.doc[i].is_space):
        i -= 1
    return ctx.sent_of[i] if i >= 0 else -1


def _introduced(ctx: ResolutionContext, before: list, sent: int) -> Optional[Entity]:
    """The one person sentence ``sent`` introduces (first mention, full name, a role or an
    appositive: :meth:`~quotes.resolution.context.ResolutionContext.introduced`) when nobody
    is its main-clause subject: "..., which concerns Henry Crespo, president of the caucus.
    'No one is writing songs for her,' he said." A person subject, named or a pronoun,
    keeps the topic instead."""
    here = [ev for ev in before if ctx.sent_of[ev.pos] == sent]
    if not here or any(ev.salient for ev in here):
        return None
    subjects = [t for t in ctx.doc[here[0].pos].sent if ctx.is_main_subject(t)]
    if any(t.lower_ in GENDERED or t.lower_ in _PLURAL or t.lower_ in _FIRST_PERSON for t in subjects):
        return None
    new = {
        ev.entity.key: ev.entity
        for ev in here
        if ev.entity.label == "PERSON" and ev.entity.mentions and ev.entity.mentions[0][0] == ev.pos
        and len((ev.entity.name or "").split()) > 1 and ctx.introduced(ev.entity)
    }
    return next(iter(new.values())) if len(new) == 1 else None


def _principal_thread(ctx: ResolutionContext, tok: Token, cand: Event, fits: Callable[[Entity], bool]) -> Optional[Entity]:
    """The article's principal instead of ``cand``, someone else's older salient mention.

    ``But Clinton will face the fire Mr. Obama has. He noted ...``: the principal, named in
    the sentence just before (as an object, in a subordinate clause), is closer than the
    aide quoted two sentences back. And when the sentences since the candidate's name
    nobody who fits but one refers to the principal by title (``The president's Pacific
    roots also came into play. In Honolulu, he told ...``), the thread is the principal's.
    """
    p = ctx.principal
    if p is None or cand.entity is p or not fits(p):
        return None
    prev = _previous_sentence(ctx, tok)
    if ctx.sent_of[cand.pos] >= prev:
        return None
    since = [ev for ev in ctx.events if cand.pos < ev.pos < tok.i and ctx.sent_of[ev.pos] < ctx.sent_of[tok.i]]
    if _named_subject(ctx, prev, p, fits):
        return None
    if any(ev.entity is p and ctx.visible(ev, tok.i) and ctx.sent_of[ev.pos] == prev and _refers(ctx, ev) for ev in since):
        return p
    between = range(ctx.sent_of[cand.pos] + 1, ctx.sent_of[tok.i])
    if any(fits(ev.entity) and ctx.visible(ev, tok.i) and ctx.sent_of[ev.pos] in between for ev in since):
        return None
    return p if any(_describes(ctx, k, p) for k in between) else None


def _named_subject(ctx: ResolutionContext, sent: int, p: Entity, fits: Callable[[Entity], bool]) -> bool:
    """Whether sentence ``sent`` has a proper noun for main subject that is not ``p``'s and
    could be the pronoun's (``fits``): the topic is that person's, even when the NER missed
    the name (``In an interview with a talk show host, Ham made it clear he had misgivings
    about President Obama.``). ``But Mrs. Clinton will face the fire Mr. Obama has. He ...``
    stays the principal's: she is no ``he``."""
    for t in ctx.doc[bisect_left(ctx.sent_of, sent) : bisect_left(ctx.sent_of, sent + 1)]:
        if t.pos_ != "PROPN" or t.dep_ not in SUBJECT_DEPS or t.i in ctx.quoted or not ctx.is_main_subject(t):
            continue
        e = ctx.by_token.get(t.i)
        if (e is None and t.ent_type_ in ("", "PERSON")) or (e is not None and e is not p and fits(e)):
            return True
    return False


def _describes(ctx: ResolutionContext, sent: int, e: Entity) -> bool:
    """Whether sentence ``sent`` refers to ``e`` by a definite title its roles fit, outside
    quotes: ``The president's Pacific roots also came into play.`` (An aide's role fits
    ``the president`` too, being ``aide to the president``: the title is not asked to fit
    the principal alone.)"""
    if not e.roles:
        return False
    for t in ctx.doc[bisect_left(ctx.sent_of, sent) : bisect_left(ctx.sent_of, sent + 1)]:
        if t.i in ctx.quoted or t.tag_ not in ("NN", "NNP") or t.i in ctx.by_token or not is_title(t):
            continue
        a, _ = np_bounds(t)
        if ctx.doc[a].lower_ == "the" and entity_accepts(RoleSignature.of(t.text), e.roles):
            return True
    return False


def _refers(ctx: ResolutionContext, ev: Event) -> bool:
    """Whether a mention names its person as a noun phrase of its own, not as a modifier of
    another noun (``the Clinton campaign``, ``the Obama administration``)."""
    span = next(((a, b) for a, b in ev.entity.mentions if a <= ev.pos < b), None)
    root = ctx.root(*span) if span is not None else ctx.doc[ev.pos]
    return root.dep_ not in ("compound", "amod", "nmod")

