"""Relational descriptions: ``his attorney``, ``Pagliano's lawyer``, ``the lawyer for Smith``.

Such a description names the person who holds the role *for* its possessor, never the
possessor: news introduces that holder once (``An attorney for Pagliano, Mark MacDougall,``;
``Smith's lawyer, Jane Roe,``; ``Roe, a lawyer for Smith``) and then writes the relation
alone. The holder is the person (other than the possessor) whose stated role, or whose
apposed description, has the description's title and names the possessor; the nearest
before, else the first after.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from quotes.resolution.context import ResolutionContext
from quotes.resolution.entities import Entity
from quotes.resolution.pronouns import GENDERED, resolve_pronoun
from quotes.resolution.roles import RoleSignature, entity_accepts, title_words
from quotes.text.titles import is_title

#: Prepositions that tie a role to the one it serves (``lawyer for``, ``adviser to``).
_FOR = frozenset({"for", "to"})


def possessor_token(root: Token, a: int, b: int) -> Optional[Token]:
    """The possessor of a title-headed description: ``his``/``Pagliano's`` or ``for Pagliano``."""
    for c in root.children:
        if c.dep_ == "poss" and a <= c.i < b:
            return c
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ in _FOR and a <= c.i < b:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.i < b:
                return obj
    return None


def possessor_entity(ctx: ResolutionContext, tok: Token) -> Optional[Entity]:
    """The person a possessor stands for: a name's cluster, or a ``his``/``her`` antecedent."""
    if tok.i in ctx.by_token:
        return ctx.by_token[tok.i]
    if tok.lower_ in GENDERED:
        e, _ = resolve_pronoun(ctx, tok)
        return e
    return None


def _names(ctx: ResolutionContext, tokens: range, owner: Entity) -> bool:
    """Whether any token in ``tokens`` belongs to ``owner``'s name or is its surname."""
    last = (owner.name or "").casefold().split()[-1:] or [""]
    return any(ctx.by_token.get(i) is owner or ctx.doc[i].text.casefold() == last[0] for i in tokens)


def _apposed_title(ctx: ResolutionContext, e: Entity) -> list[Token]:
    """Title nouns a person's mentions stand in apposition to (``An attorney for X, Name``)."""
    out = []
    for s, t in e.mentions:
        head = ctx.root(s, t)
        if head.dep_ == "appos" and is_title(head.head):
            out.append(head.head)
        elif head.dep_ == "appos" and head.head.dep_ == "pobj" and head.head.head.lower_ in _FOR:
            noun = head.head.head.head  # "A lawyer for Smith, Jane Roe": parsed as apposed to Smith
            if is_title(noun):
                out.append(noun)
        out.extend(c for c in head.children if c.dep_ == "appos" and is_title(c))
    return out


def relational_holder(ctx: ResolutionContext, owner: Entity, sig: RoleSignature, a: int, b: int) -> Optional[Entity]:
    """The person other than ``owner`` introduced as holding the role ``sig`` for ``owner``."""
    wanted = sig.titles
    holders: set[int] = set()
    for e in ctx.entities:
        if e is owner or e.label != "PERSON":
            continue
        surname = (owner.name or "").casefold().split()[-1:]
        for r in e.roles:
            words = {w.strip(".,()").casefold() for w in r.text.replace("’s", " ").replace("'s", " ").split()}
            if surname and surname[0] in words and entity_accepts(sig, [r]):
                holders.add(id(e))  # "Trump lawyer", "lawyer for Pagliano"
        for noun in _apposed_title(ctx, e):
            lo, hi = noun.left_edge.i, noun.right_edge.i + 1
            if title_words(noun.text) and (not wanted or sig.accepts(RoleSignature.of(noun.text))) and _names(ctx, range(lo, hi), owner):
                holders.add(id(e))
    if not holders:
        return None
    events = [ev for ev in ctx.events if id(ev.entity) in holders]
    before = [ev for ev in events if ev.pos < a]
    after = [ev for ev in events if ev.pos >= b]
    if before:
        return before[-1].entity
    if after:
        return after[0].entity
    return next(e for e in ctx.entities if id(e) in holders)
