"""Reported speech headed by a noun: ``his comments that ...``, ``Trump's claim that ...``,
``criticism that ...``, ``her pledge to cut taxes``.

A noun of the lexicon's ``noun_groups`` (:mod:`quotes.attribution.cues`) reports content
through a complement clause (``that`` as its complementizer: not a relative clause, whose
``that`` is a pronoun, ``the claim that he made``) or a to-infinitive. The noun is the cue; its
possessor (``Trump's claim``) or the object of ``by``/``from`` after it (``criticism from
Republicans``) is the mention; without either the quote has no mention (``criticism that
...`` names nobody). Verbs that report through a noun (``said in a statement``, ``a
statement saying ...``) are cue verbs and stay with :mod:`.indirect`.
"""

from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Token

from quotes.attribution.candidate import Candidate, trim
from quotes.attribution.clauses import clause_range, content_chars, grow_over_quotes, strip_complementizer
from quotes.attribution.cues import CueLexicon
from quotes.attribution.mentions import mention_range, subject_of
from quotes.text.layout import Layout

SOURCE_PREPS = ("by", "from")
VOICED_FRAMES = frozenset({"that"})


def _voiced(n: Token, lex: CueLexicon) -> bool:
    """``expressed concern that ...``, ``voiced hope that ...``: an attitude noun (the
    lexicon's ``voiced_nouns``) reports speech only as the object of a verb that voices it
    (``voice_verbs``); on its own (``fears that ...``) it is a belief, not a quote."""
    return n.dep_ == "dobj" and n.lemma_.lower() in lex.voiced_nouns and n.head.lemma_.lower() in lex.voice_verbs


def _issuer(n: Token, lex: CueLexicon) -> bool:
    """Whether the noun is the object of a verb that issues or voices it (``made the case``)."""
    return n.dep_ == "dobj" and n.head.lemma_.lower() in (lex.issue_verbs | lex.voice_verbs)


def from_cue_nouns(lay: Layout, lex: CueLexicon) -> Iterator[Candidate]:
    """Quotes whose content is a complement of a speech noun outside quotation marks."""
    if not lex.speech_nouns:
        return
    doc = lay.doc
    for n in doc:
        if n.pos_ != "NOUN" or lay.quote[n.i] >= 0 or lay.mark[n.i] >= 0:
            continue
        frames = lex.speech_nouns.get(n.lemma_.lower()) or lex.speech_nouns.get(n.lower_)
        if not frames and _voiced(n, lex):
            frames = VOICED_FRAMES
        if not frames:
            continue
        comp = _complement(n, frames) or _verb_complement(n, frames, lex)
        charge = comp is None and "for" in frames
        if charge:
            comp = _charge(n)  # "came under criticism for its handling of the storm"
        if comp is None:
            continue
        sent = lay.sent_bounds(n.i)
        r = clause_range(comp, lay, sent)
        if r is None:
            continue
        i, j = r
        if "that" in frames and not lex.keep_complementizer:
            i = strip_complementizer(doc, i, j)
        if doc[i].lower_ == "for" and doc[i].dep_ == "mark":
            i += 1  # "a call for Congress to act": the demand is "Congress to act"
        i, j = trim(doc, i, j)
        if j - i < (2 if charge else 3):
            continue
        (i, j), held = grow_over_quotes(lay, i, j)
        if i <= n.i < j:
            continue
        owner = _source(n, lex)
        mention = mention_range(owner, lay, avoid=(i, j), cue=n) if owner is not None else None
        yield Candidate(
            content=content_chars(lay, i, j),
            cue=_cue(n, lex),
            mention=mention,
            pattern="noun:speech",
            cue_class="speech",
            mention_head=owner.i if owner is not None and mention else None,
            quoted=held,
            cue_head=n.i,
        )


def _complement(n: Token, frames: frozenset[str]) -> Optional[Token]:
    """The noun's complement clause (``that`` + a finite clause) or its to-infinitive."""
    for ch in n.rights:
        if ch.dep_ not in ("acl", "ccomp", "relcl", "advcl") or ch.pos_ not in ("VERB", "AUX"):
            continue
        marks = [g for g in ch.children if g.i < ch.i and g.lower_ in ("that", "for")]
        if "that" in frames and marks and marks[0].lower_ == "that" and marks[0].dep_ == "mark" and marks[0].i == ch.left_edge.i:
            return ch
        if "to" in frames and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
            if ch.dep_ == "acl" or (marks and marks[0].lower_ == "for" and marks[0].i == ch.left_edge.i):
                return ch  # "her pledge to cut taxes", "a call for Congress to act"
    return None


def _verb_complement(n: Token, frames: frozenset[str], lex: CueLexicon) -> Optional[Token]:
    """``made the case to voters that ...``: the parser often hangs the noun's ``that``
    clause on the issuing verb once a phrase separates them; a ``that`` clause of that verb
    after the noun is then the noun's complement."""
    if "that" not in frames or not _issuer(n, lex):
        return None
    for ch in n.head.rights:
        if ch.i > n.i and ch.dep_ == "ccomp" and ch.pos_ in ("VERB", "AUX"):
            if any(g.dep_ == "mark" and g.lower_ == "that" and g.i == ch.left_edge.i for g in ch.children):
                return ch
    return None


def _charge(n: Token) -> Optional[Token]:
    """What a criticism noun (frame ``for``) is for: ``drew withering criticism from
    Democrats for its cost``, ``came under criticism for its handling of the storm`` (the
    ``for`` hung on the noun or, after it, on the verb the noun is the object of)."""
    hosts = [n]
    if n.dep_ == "dobj" or (n.dep_ == "pobj" and n.head.lower_ == "under"):
        hosts.append(n.head if n.dep_ == "dobj" else n.head.head)
    for h in hosts:
        for ch in h.rights:
            if ch.i > n.i and ch.dep_ == "prep" and ch.lower_ == "for":
                obj = next((g for g in ch.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return obj
    return None


def _source(n: Token, lex: CueLexicon) -> Optional[Token]:
    """Whose words the noun reports: its possessor, the object of ``by``/``from``, or the
    subject of the verb that issues it (``Obama made the case that ...``, ``the group
    issued a warning that ...``: the lexicon's ``issue_verbs``)."""
    for ch in n.children:
        if ch.dep_ == "poss":
            return ch
    for ch in n.rights:
        if ch.dep_ == "prep" and ch.lower_ in SOURCE_PREPS:
            obj = next((g for g in ch.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if n.dep_ == "pobj" and n.head.lower_ == "under":  # "came under criticism from X"
        for ch in n.head.head.rights:
            if ch.dep_ == "prep" and ch.lower_ == "from" and ch.i > n.i:
                return next((g for g in ch.children if g.dep_ == "pobj"), None)
    if _issuer(n, lex):
        return subject_of(n.head, lex.statement_nouns, lex.issue_verbs)
    return None


def _cue(n: Token, lex: CueLexicon) -> tuple[int, int]:
    """The noun, or the issuing verb with it when they form one phrase (``made the case``)."""
    v = n.head
    if _issuer(n, lex) and v.i < n.i and all(v.doc[x].head.i == n.i for x in range(v.i + 1, n.i)):
        return v.i, n.i + 1
    return n.i, n.i + 1
