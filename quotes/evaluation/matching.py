"""Whether a predicted speaker, mention and role agree with the gold of a matched quote.

Names, mentions and roles are compared by rules forgiving enough that the figures measure
attribution rather than spelling (``Mr. O'Brien`` is ``OBrien``; a role is a bag of content
words), and strict enough that a null never passes for a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Optional

from quotes.evaluation.spans import Offsets, overlap

#: Honorifics dropped from speaker names (compared after casefolding, with or without dots).
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "rev", "mx"})


def normalize_speaker(name: Optional[str]) -> Optional[str]:
    """Canonical form of a speaker name for comparison, or None for a null/empty name.

    Casefold; delete dots and apostrophes (so ``U.S.`` equals ``US`` and ``O'Brien`` equals
    ``OBrien``); turn every other punctuation or symbol character into a space; split on
    whitespace (which collapses runs of it); drop honorific tokens (:data:`HONORIFICS`).
    """
    if name is None:
        return None
    s = re.sub(r"[.'\u2019\u2018`]", "", name.casefold())
    s = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in s)
    tokens = [t for t in s.split() if t not in HONORIFICS]
    return " ".join(tokens) or None


def speaker_match(gold: Optional[str], pred: Optional[str]) -> tuple[bool, bool]:
    """``(strict, lenient)`` correctness of a predicted speaker name.

    Strict: the normalized names (:func:`normalize_speaker`) are equal. Lenient: strict, or
    both names end with the same token (``Lavrov`` for ``Sergey Lavrov``). A gold null speaker
    (the document never names it) is right only with a predicted null, in both modes; a
    predicted null against a named gold speaker is wrong in both.
    """
    g, p = normalize_speaker(gold), normalize_speaker(pred)
    if g is None or p is None:
        ok = g is None and p is None
        return ok, ok
    strict = g == p
    return strict, strict or g.split()[-1] == p.split()[-1]


def mention_match(gold: Optional[Offsets], pred: Optional[Offsets]) -> bool:
    """A predicted mention is right when it shares a character with the gold mention
    (spans normalized); both null is right, exactly one null is wrong."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return overlap(gold, pred) > 0


#: Words that carry no content in a role; dropped before the role token F1.
ROLE_STOPWORDS = frozenset(
    "the of a an to in for and s on at by with from as its his her their our".split()
)


def role_tokens(role: Optional[str]) -> list[str]:
    """Content words of a role: casefolded, possessive ``'s`` and dots removed, split into
    word characters (punctuation dropped), stopwords (:data:`ROLE_STOPWORDS`) dropped."""
    if not role:
        return []
    s = re.sub(r"['\u2019]s\b", " ", role.casefold()).replace(".", "")
    return [t for t in re.findall(r"\w+", s) if t not in ROLE_STOPWORDS]


def role_f1(gold: Optional[str], pred: Optional[str]) -> float:
    """Token F1 (bag of words) between the content words of a gold and a predicted role.

    A predicted null scores 0. When both sides have no content word (``"the"`` vs ``"a"``)
    the roles agree and score 1.
    """
    if pred is None:
        return 0.0
    g, p = role_tokens(gold), role_tokens(pred)
    if not g and not p:
        return 1.0
    common = sum((Counter(g) & Counter(p)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def has_role(role: Optional[str]) -> bool:
    """Whether a gold role counts for the role F1 (a blank role is no role)."""
    return bool(role and role.strip())
