"""Where a role phrase ends: the extent of an appositive or predicate noun phrase.

A role is a noun phrase, and the parse's subtree of its head noun is the phrase; but the
subtree must be cut where the phrase stops describing the person: at a comma, a dash, a
parenthesis, a relative clause or a line break (``Name, a lawyer, who ...``). One comma
does not end the phrase: the one of an American ``City, State`` pair (``a financial planner
in Boise, Idaho``), which news writes with a comma but which names one place; the parser
usually hangs the state elsewhere, so the pair is read from the words, not the tree
(:func:`place_pair_end`).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

#: The state abbreviations of news style (AP), which follow a city after a comma.
STATE_ABBREVIATIONS = frozenset(
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. "
    "Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. "
    "Vt. Va. Wash. W.Va. Wis. Wyo. D.C.".split()
)

_CUT = (",", ";", "(", ")", "—", "–", "--")
_PHRASE_END = (",", ";", ".", ")", "—", "–")


def breaks_line(token: Token) -> bool:
    """Whether a line (paragraph) ends after ``token``: no phrase runs across one."""
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def place_pair_end(doc: Doc, comma: int) -> Optional[int]:
    """End of the state after the comma of a ``City, State`` pair, or ``None``.

    ``in Eau Claire, Wis.`` and ``in Dayton, Ohio,``: the word before the comma ends a place
    name, and after it comes a state abbreviation or a one- or two-word place name that ends
    the phrase (punctuation or the end of the text follows it).
    """
    if comma < 1 or comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    before = doc[comma - 1]
    if before.ent_type_ != "GPE" or breaks_line(before):
        return None
    nxt = doc[comma + 1]
    if nxt.text in STATE_ABBREVIATIONS:
        return comma + 2
    k = comma + 1
    while k < len(doc) and k - comma <= 2 and doc[k].ent_type_ == "GPE" and doc[k].text[:1].isupper():
        if breaks_line(doc[k]):
            k += 1
            break
        k += 1
    if k == comma + 1 or not (k >= len(doc) or doc[k].is_punct or breaks_line(doc[k - 1])):
        return None
    if doc[comma + 1].ent_iob_ != "B" or (k < len(doc) and doc[k].ent_iob_ == "I"):
        return None  # the state must be a whole place name of its own
    return k


def phrase_bounds(token: Token) -> tuple[int, int]:
    """A noun phrase's tokens, cut before a comma or a relative clause inside it (a ``City,
    State`` pair is kept whole, and ends the phrase)."""
    doc = token.doc
    a, b = token.left_edge.i, token.right_edge.i + 1
    for j in range(token.i + 1, b):
        t = doc[j]
        clause = t.dep_ == "relcl" or (t.dep_ == "acl" and t.head.i == token.i)
        if t.text in _CUT or clause or breaks_line(t):
            if clause:
                return a, t.left_edge.i
            return a, place_pair_end(doc, j) or j
    if b < len(doc):
        # the state of a pair that ends the phrase often hangs on the sentence's verb
        return a, place_pair_end(doc, b) or b
    return a, b


def verbless_phrase_end(doc: Doc, j: int, blocked: set[int], limit: int = 16) -> Optional[int]:
    """End of a short phrase from ``j`` closed by punctuation, or None if a verb, a relative
    pronoun, another name or a line break comes first."""
    k = j
    while k < len(doc) and doc[k].text not in _PHRASE_END:
        t = doc[k]
        if k - j >= limit or t.pos_ in ("VERB", "AUX") or t.lower_ in ("who", "which", "that", "(") or k in blocked:
            return None
        if breaks_line(t) and k + 1 < len(doc):
            return None
        k += 1
    if k == j:
        return None
    return place_pair_end(doc, k) or k


def predicate_bounds(noun: Token, verb: Token) -> tuple[int, int]:
    """The extent of a predicate noun phrase (``is co-director of X at Y``).

    The parser often splits such a phrase over the verb: a hyphenated noun becomes several
    predicates (``co``, ``-``, ``director``), and a complement right after the phrase hangs on
    the verb (``is a fellow`` / ``at the Institute``); both are read back into the phrase, the
    complement only when ``verb`` is the copula and nothing separates them.
    """
    doc = noun.doc
    a, b = phrase_bounds(noun)
    while a >= 2 and doc[a - 1].text == "-" and not doc[a - 1].whitespace_ and not doc[a - 2].whitespace_:
        a -= 2
    if verb.lemma_ == "be" and b < len(doc):
        prep = doc[b]
        if prep.dep_ == "prep" and prep.head.i == verb.i and prep.tag_ == "IN":
            end = phrase_bounds(prep)[1]
            if all(doc[j].pos_ not in ("VERB", "AUX") for j in range(b, end)):
                b = end
    return a, b
