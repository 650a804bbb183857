"""Relative clauses whose antecedent the parse gets wrong: who a ``who said`` is about.

The attribution rules take a relative clause's head noun phrase as its mention (``officials
who said``), but the parser hangs ``who`` on the wrong word of a longer phrase in three
common shapes, each put right here before the mention is resolved:

* after a list of names, on the list's first name: ``songs by Will Smith, Patti LaBelle and
  Stevie Wonder, who joked ...`` is the nearest name's (:func:`nearest_conjunct`);
* after an appositive, on the description: ``John Bentel, a staffer at the State
  Department who told ...`` is the named person's (:func:`apposed_name`);
* after a place or an organization in a noun's complement: ``nervous Democrats on Capitol
  Hill, who have argued ...`` is the noun's, a group's, not the place's
  (:func:`noun_before_place`).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from quotes.resolution.context import ResolutionContext
from quotes.resolution.entities import Entity

#: Entity labels a ``who`` is rarely about: places, and organizations (``which`` is theirs).
_PLACES = ("GPE", "LOC", "FAC", "ORG")


def _relative_clause(root: Token, end: int, cue: Optional[tuple[int, int]]) -> Optional[Token]:
    """The ``who`` clause on ``root`` after its mention (which ends at ``end``) that holds the
    cue (a token range), if there is one."""
    if cue is None:
        return None
    for c in root.children:
        if c.dep_ == "relcl" and c.left_edge.i >= end and c.left_edge.i <= cue[0] <= c.right_edge.i:
            return c if c.left_edge.tag_ in ("WP", "WP$") else None
    return None


def nearest_conjunct(ctx: ResolutionContext, root: Token, end: int, cue: Optional[tuple[int, int]]) -> Optional[Entity]:
    """The person a relative clause after a coordination is about: its nearest conjunct.

    The parser hangs the clause on the coordination's head and the mention spans the whole
    list, yet the ``who`` follows the last name only. ``root`` heads the mention, which ends
    at ``end``; the clause must hold the cue (``cue``, a token range) and start right after
    the last conjunct (a comma between), which must name a person.
    """
    if not root.conjuncts:
        return None
    last = max(root.conjuncts, key=lambda t: t.i)
    c = _relative_clause(root, end, cue)
    if last.i < root.i or c is None:
        return None
    if any(not t.is_punct for t in ctx.doc[last.right_edge.i + 1 : c.left_edge.i]):
        return None
    e = ctx.by_token.get(last.i)
    return e if e is not None and e.label == "PERSON" else None


def apposed_name(ctx: ResolutionContext, root: Token, end: int, cue: Optional[tuple[int, int]]) -> Optional[Entity]:
    """The named person an appositive with the cue's ``who`` clause describes."""
    if root.dep_ != "appos" or _relative_clause(root, end, cue) is None:
        return None
    e = ctx.by_token.get(root.head.i)
    return e if e is not None and e.label == "PERSON" else None


def noun_before_place(ctx: ResolutionContext, root: Token, end: int, cue: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """The span of the noun whose complement names the place a ``who`` clause hangs on
    (``Democrats on Capitol Hill, who ...``): the noun and what precedes it in its phrase."""
    e = ctx.by_token.get(root.i)
    if e is None or e.label not in _PLACES or root.dep_ != "pobj" or root.head.dep_ != "prep":
        return None
    noun = root.head.head
    if noun.pos_ in ("VERB", "AUX"):  # "reassure Republicans on Capitol Hill": on the verb
        noun = next((c for c in noun.children if c.dep_ == "dobj" and c.right_edge.i == root.head.i - 1), noun)
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i > root.i or _relative_clause(root, end, cue) is None:
        return None
    return noun.left_edge.i, noun.i + 1
