"""Relatives introduced beside a principal who shares their surname.

News introduces a relative by kinship (``Ivanka Trump, the nominee's eldest daughter``,
``his wife, Heidi Cruz``) and then keeps the bare surname for the principal: after that
introduction ``Cruz said`` is the candidate, however often the relative is named in full.
:func:`kin_introduced` finds those introductions so that surname linking
(:mod:`quotes.resolution.entities`) does not count the relative as the surname's principal.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: Nouns of family relation (a relative's usual introduction).
KIN_NOUNS = frozenset(
    "daughter son wife husband ex-wife ex-husband widow widower mother father brother sister "
    "niece nephew grandson granddaughter stepdaughter stepson daughter-in-law son-in-law".split()
)


def _kin(token: Token) -> bool:
    return token.lower_ in KIN_NOUNS or token.lemma_.lower() in KIN_NOUNS


def kin_introduced(doc: Doc, start: int, end: int) -> bool:
    """Whether the name ``[start, end)`` is introduced by a kinship noun: its appositive
    (``Ivanka Trump, the nominee's daughter``), the noun it is in apposition to or
    modifies (``his wife, Heidi Cruz``, ``daughter Ivanka Trump``)."""
    if not doc.has_annotation("DEP") or not (0 <= start < end <= len(doc)):
        return False
    root = doc[start:end].root
    if any(c.dep_ == "appos" and _kin(c) for c in root.children):
        return True
    head = root.head
    if head.i != root.i and root.dep_ in ("appos", "compound") and _kin(head):
        return True
    # "his daughter Ivanka Trump": the kinship noun may be parsed as a modifier of the name
    return any(c.dep_ in ("compound", "nmod") and c.i < start and _kin(c) for c in root.children)
