"""Pronoun mentions: gender, number and salience pick the antecedent.

``"...," he said`` after a quote continues that quote's speaker; ``she`` skips the men named
since; ``they`` wants a group, ``it`` an organization or a place. Genders come from honorifics,
gendered titles and first names (:mod:`quotes.resolution.entities`), and from the pronouns the
text itself ties to exactly one named person (:func:`collect_gender`).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Optional

from spacy.tokens import Token

from quotes.resolution.context import PRONOUN_WINDOW, ResolutionContext
from quotes.resolution.entities import Entity

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
        near = {
            ev.entity.key: ev.entity
            for ev in ctx.events[lo:hi]
            if ev.entity.label == "PERSON" and not ev.quoted
        }
        if len(near) == 1:
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
    in the two sentences before; a person pronoun finally takes the last salient person.
    """
    fits, kind = _agreement(tok.lower_)
    sent = ctx.sent_of[tok.i]
    before = [ev for ev in ctx.events if ev.pos < tok.i and ctx.visible(ev, tok.i) and fits(ev.entity)]
    same = [ev for ev in before if ctx.sent_of[ev.pos] == sent and ev.salient]
    if same:
        return same[-1].entity, kind
    window = [ev for ev in before if sent - PRONOUN_WINDOW <= ctx.sent_of[ev.pos] < sent]
    salient = [ev for ev in window if ev.salient]
    if salient:
        return salient[-1].entity, kind
    close = [ev for ev in window if ctx.sent_of[ev.pos] >= sent - 2]
    if close:
        return close[-1].entity, kind
    if kind == "person":
        far = [ev for ev in before if ev.salient]
        if far:
            return far[-1].entity, kind
    return None, kind
