"""Reported clauses the parser hides from the plain complement rules of :mod:`.indirect`.

Comment clauses (``as many economists have pointed out, X``), a reported clause hung as a
relative clause on a long addressee (``told a meeting of farm leaders that X``), as an
unmarked adverbial clause (``said after the meeting he would X``) or as the sentence's root
after an aside (``continues to insist, most recently in an interview, that X``), and the short connectives
of the writer (``In addition``) that an aside's host clause starts with.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Doc, Token

from quotes.attribution.candidate import TokRange, trim
from quotes.attribution.clauses import fragments
from quotes.attribution.mentions import SUBJECT_DEPS
from quotes.text.layout import Layout

Frame = Optional[tuple[str, list[TokRange], Optional[Token]]]
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def as_comment(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``As many economists have pointed out, the plan is unfunded``: a comment clause ``as X
    said`` (``as`` first, a subject, nothing reported of its own) frames the clause it hangs
    on, as ``as X put it`` does. The host's own subordinator before the comment (``If, as
    I have argued, ...``) belongs to the writer's sentence, not to what was said."""
    if v.dep_ != "advcl" or v.head.i == v.i or v.left_edge.lower_ != "as" or v.left_edge.dep_ != "mark":
        return None
    if v.head.pos_ not in ("VERB", "AUX"):
        return None  # "as wealthy as he claims": a comparison, not a comment
    subj = next((ch for ch in v.children if ch.dep_ in SUBJECT_DEPS), None)
    if subj is None or any(ch.dep_ in ("ccomp", "xcomp", "dobj", "advcl") for ch in v.children):
        return None  # "as he said he would": the verb reports its own clause
    if not may_speak(subj):
        return None  # "as the rivalry continues": a time clause, nobody speaks
    doc = lay.doc
    host = v.head
    i, j = max(host.left_edge.i, sent[0]), min(host.right_edge.i + 1, sent[1])
    a, b = v.left_edge.i, v.right_edge.i + 1
    if not (i <= a and b <= j):
        return None
    parts = [(i, a), (b, j)]
    left = trim(doc, i, a)
    if left[1] <= left[0] or all(doc[x].dep_ in ("mark", "cc") or doc[x].is_punct for x in range(*left)):
        parts = parts[1:]
    elif is_connective(doc, *left):
        parts = parts[1:]
    return "aside", fragments(doc, parts), None


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """The bundled person nouns (``quotes/data/person_nouns.txt``, WordNet's persons)."""
    text = resources.files("quotes").joinpath("data/person_nouns.txt").read_text("utf-8")
    return frozenset(x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#"))


def may_speak(subj: Token) -> bool:
    """Whether a subject can be a speaker: a personal pronoun, a name, or a person noun
    (``critics``, ``many tax experts``); ``the rivalry`` cannot."""
    if subj.pos_ == "PRON":
        return subj.lower_ not in ("it", "this", "that", "which", "what")
    return subj.pos_ == "PROPN" or subj.ent_type_ in SPEAKER_ENTS or subj.lemma_.lower() in _person_nouns()


def is_connective(doc: Doc, i: int, j: int) -> bool:
    """A short verbless adverbial ("In addition", "However", "For now")."""
    if j - i > 4 or any(doc[x].pos_ in ("VERB", "AUX") for x in range(i, j)):
        return False
    roots = [doc[x] for x in range(i, j) if not (i <= doc[x].head.i < j) or doc[x].head.i == x]
    return bool(roots) and all(r.dep_ in ("prep", "advmod", "npadvmod", "cc", "intj") for r in roots)


def that_clause_on_object(v: Token) -> list[Token]:
    """``told a meeting of farm leaders that prices would rise``: after a long addressee the
    parser may hang the reported clause on a noun as a relative clause. A relative clause
    has no complementizer (its ``that`` is a pronoun: subject or object), so a clause under
    the verb's object that opens with ``that`` as a ``mark`` is the verb's own complement."""
    for ob in v.rights:
        if ob.dep_ not in ("dobj", "dative"):
            continue
        for t in ob.subtree:
            if t.dep_ == "relcl" and t.pos_ in ("VERB", "AUX") and any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children):
                if any(g.dep_ == "mark" and g.lower_ == "that" and g.i == t.left_edge.i for g in t.children):
                    return [t]
    return []


def unmarked_adverbial(v: Token) -> list[Token]:
    """``said after the convention he would not run``: after an adverbial the parser may hang
    the reported clause as an adverbial clause. An adverbial clause has its subordinator
    (``because``, ``if``, ``as``); a finite clause with a subject and none, after the verb, is
    the verb's complement."""
    for ch in v.rights:
        if ch.dep_ != "advcl" or ch.pos_ not in ("VERB", "AUX") or ch.tag_ in ("VBG", "VBN", "TO"):
            continue
        if ch.tag_ == "VB" and not any(g.dep_ == "aux" and g.tag_ == "MD" for g in ch.children):
            continue  # a bare infinitive or imperative, not a finite clause
        if any(g.dep_ in ("nsubj", "nsubjpass") and g.i < ch.i for g in ch.children) and not any(g.dep_ in ("mark", "advmod") and g.i < ch.i and g.tag_ in ("IN", "WRB") for g in ch.children):
            return [ch]
    return []


def that_clause_above(v: Token) -> Optional[TokRange]:
    """``continues to insist, most recently in an interview, that he wants to``: after an aside
    the parser may make the reported ``that`` clause the root and the cue (or the verb it is
    the infinitive of) a clausal complement before it. A ``that`` opening the root after the
    cue's own clause is the cue's complementizer; the range runs from it to the root's end.
    The parser may also hang the clause on the verb whose infinitive the cue is."""
    x = v.head if v.dep_ == "xcomp" else v
    if any(ch.dep_ == "xcomp" for ch in v.children):
        return None  # "continues to insist": the infinitive is the cue
    if x is not v:  # or the clause hangs on the verb the cue is the infinitive of
        for c in x.rights:
            first = next((t for t in c.subtree if not t.is_punct), c)
            if c.dep_ in ("ccomp", "advcl") and c.i > v.right_edge.i and first.lower_ == "that" and first.dep_ == "mark":
                return first.i, c.right_edge.i + 1
    if x.dep_ != "ccomp" or x.head.i <= v.i:
        return None
    root = x.head
    mark = next((g for g in root.children if g.dep_ == "mark" and g.lower_ == "that" and g.i > x.right_edge.i), None)
    if mark is None or any(root.doc[y].dep_ != "punct" and not root.doc[y].is_space for y in range(x.right_edge.i + 1, mark.i)):
        return None
    return mark.i, root.right_edge.i + 1
