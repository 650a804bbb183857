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

#: Verbs whose clause states a role of its own (``who is president of X``, ``who serves as``,
#: the latter with ``as``): that role is read from the clause, not glued to the appositive noun.
_ROLE_STATING_VERBS = ("be", "become", "serve", "act", "work", "remain")
_CLAUSE_STOPS = {",", ";", "(", ")", "—", "–", "--", ".", ":", "“", "”", '"', "''", "``"}
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
    the verb (``is a fellow`` / ``at the Institute``, ``served as ambassador`` / ``from 2012``);
    both are read back into the phrase, the complements only when ``verb`` states a role (the
    copula, ``serve as``) and nothing separates them.
    """
    doc = noun.doc
    a, b = phrase_bounds(noun)
    while a >= 2 and doc[a - 1].text == "-" and not doc[a - 1].whitespace_ and not doc[a - 2].whitespace_:
        a -= 2
    while verb.lemma_ in _ROLE_STATING_VERBS and b < len(doc):
        prep = doc[b]
        if prep.dep_ != "prep" or prep.head.i != verb.i or prep.tag_ != "IN" or prep.lower_ == "as":
            break
        end = phrase_bounds(prep)[1]
        if end <= b or any(doc[j].pos_ in ("VERB", "AUX") for j in range(b, end)):
            break
        b = end
    return a, b



def describing_clause_end(doc: Doc, noun: Token, b: int) -> Optional[int]:
    """End of a restrictive ``who`` clause right after an appositive role, or ``None``.

    ``a historian who attended the session``, ``a Miami lawyer who has been involved in ...``:
    with no comma before it and hung on a bare role noun, the clause tells which lawyer the
    person is, and news labels keep it in the role; after a complement the role is complete
    (``an adviser to the family who oversees ...``, as in
    :func:`quotes.resolution.role_phrases.job_clause_end`). A clause reporting speech or
    thought is no part of it. A
    ``who is``/``who serves as`` clause states a role of its own and is read as one (see
    :func:`quotes.resolution.roles._clausal`); a negated clause states none.
    """
    if b >= len(doc) or doc[b].lower_ not in ("who", "whom"):
        return None
    verb = doc[b].head
    if verb.dep_ != "relcl" or verb.head.i != noun.i or verb.left_edge.i != b or b != noun.i + 1:
        return None  # a role with a complement is complete ("an adviser to the family who ...")
    if any(c.dep_ == "ccomp" for c in verb.children):
        return None  # a report or an opinion ("who says he voted for ..."), not who they are
    states_role = verb.lemma_.lower() in ("be", "become") or (
        verb.lemma_.lower() in _ROLE_STATING_VERBS and any(c.lower_ == "as" for c in verb.children)
    )
    if states_role or any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return None
    end = verb.right_edge.i + 1
    for j in range(b, end):
        if doc[j].text in _CLAUSE_STOPS or breaks_line(doc[j]):
            end = j
            break
    return end if end > verb.i else None
