"""Relatives introduced beside a principal who shares their surname.

News introduces a relative by kinship (``Ivanka Trump, the nominee's eldest daughter``,
``his wife, Heidi Cruz``) and then keeps the bare surname for the principal: after that
introduction ``Cruz said`` is the candidate, however often the relative is named in full.
:func:`kin_introduced` finds those introductions so that surname linking
(:mod:`quotes.resolution.entities`) does not count the relative as the surname's principal.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from quotes.text.titles import is_title

#: Nouns of family relation (a relative's usual introduction).
KIN_NOUNS = frozenset(
    "daughter son wife husband ex-wife ex-husband widow widower mother father brother sister "
    "niece nephew grandson granddaughter stepdaughter stepson daughter-in-law son-in-law".split()
)


def _kin(token: Token) -> bool:
    return token.lower_ in KIN_NOUNS or token.lemma_.lower() in KIN_NOUNS


def kin_noun(doc: Doc, start: int, end: int) -> Optional[Token]:
    """The kinship noun that introduces the name ``[start, end)``, if any: its appositive
    (``Ivanka Trump, the nominee's daughter``), the noun it is in apposition to or
    modifies (``his wife, Heidi Cruz``, ``daughter Ivanka Trump``)."""
    if not doc.has_annotation("DEP") or not (0 <= start < end <= len(doc)):
        return None
    root = doc[start:end].root
    found = [c for c in root.children if c.dep_ == "appos" and _kin(c)]
    head = root.head
    if head.i != root.i and root.dep_ in ("appos", "compound") and _kin(head):
        found.append(head)
    # "his daughter Ivanka Trump": the kinship noun may be parsed as a modifier of the name
    found += [c for c in root.children if c.dep_ in ("compound", "nmod") and c.i < start and _kin(c)]
    return found[0] if found else None


def kin_introduced(doc: Doc, start: int, end: int) -> bool:
    """Whether the name ``[start, end)`` is introduced by a kinship noun (:func:`kin_noun`)."""
    return kin_noun(doc, start, end) is not None


def relative_of(doc: Doc, start: int, end: int) -> Optional[tuple[int, int]]:
    """The titled description whose relative the name ``[start, end)`` is introduced as
    (``the Republican nominee`` in ``Ivanka Trump, the Republican nominee's daughter``): it
    states the role of the principal the relative shares a surname with. A name or a
    pronoun as possessor (``Trump's daughter``, ``his wife``) states no role."""
    kin = kin_noun(doc, start, end)
    owner = next((c for c in kin.children if c.dep_ == "poss"), None) if kin is not None else None
    if owner is None or owner.pos_ in ("PRON", "PROPN") or owner.ent_type_ or not is_title(owner):
        return None
    a = min(t.i for t in owner.subtree)
    return (a, owner.i + 1) if a < owner.i + 1 <= len(doc) else None
