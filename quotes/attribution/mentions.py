"""Who reports, and with which words: the mention and the cue of a reported speech act.

Shared by the rules on quotations (:mod:`quotes.attribution.direct`) and on reported clauses
(:mod:`quotes.attribution.indirect`): the source is found from the cue verb along spaCy's
dependency arcs (its subject, the agent of a passive, the subject a participle inherits) and
spanned as the whole noun phrase, appositives included, as news corpora span sources.
"""

from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Token

from quotes.attribution.candidate import TokRange, trim
from quotes.attribution.cues import CueLexicon
from quotes.text.layout import Layout

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# a subject-less participle or conjunct takes the subject of the verb it hangs from
INHERIT_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "acl", "pcomp", "ccomp"})
EXPLETIVES = frozenset({"there"})
_RELATIVE_SAY = frozenset({"say", "tell"})
_EVENT_PREPS = frozenset({"at", "during"})
_OBJECT_PERSONS = frozenset({"him", "her", "them", "me", "us"})
NP_MODIFIERS = frozenset({"compound", "det", "amod", "poss", "nmod"})
# what a cue spans left of its verb: "has repeatedly said", "did not mention"
CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def subject_of(v: Token, statement_nouns: frozenset[str] = frozenset(), issue_verbs: frozenset[str] = frozenset()) -> Optional[Token]:
    """The token that names who says ``v``: its subject, the agent of a passive, or the
    subject of the verb a participle or conjunct depends on (``..., saying that``); for a
    statement that speaks (``the diplomat’s statement said``), whose statement it is, and
    who issued it (``the group released a statement saying``, one of ``issue_verbs``)."""
    subj = _grammatical_subject(v)
    if subj is not None and subj.lower_ in statement_nouns:
        owner = next((ch for ch in subj.children if ch.dep_ == "poss"), None)
        if owner is not None:
            return owner
        if subj.dep_ == "dobj" and subj.head.lemma_.lower() in issue_verbs and subj.head.i != v.i:
            # "the group released a statement saying ...": who released it
            issuer = _grammatical_subject(subj.head)
            if issuer is not None:
                return issuer
    return subj


def _grammatical_subject(v: Token) -> Optional[Token]:
    x = v
    if v.dep_ == "parataxis":
        after = next((ch for ch in v.rights if ch.dep_ in SUBJECT_DEPS), None)
        if after is not None:
            return after  # "..., said Hua, ..."
    for _ in range(4):
        passive = False
        for ch in x.children:
            if ch.dep_ in SUBJECT_DEPS:
                if ch.lower_ in RELATIVE_PRONOUNS and x.dep_ == "relcl" and ch.tag_ in ("WP", "WDT"):
                    return x.head  # "the spokeswoman, who said ...": the antecedent
                return ch
            if ch.dep_ == "nsubjpass":
                passive = True
        if passive:
            for ch in x.children:
                if ch.dep_ == "agent":
                    for g in ch.children:
                        if g.dep_ == "pobj":
                            return g
            return None  # "it was said": no source in the text
        if x is v and _relative_speech_participle(v):
            # "not paying a contractor who said he was cheated, saying, ...": a second
            # speech participle after the relative clause is the main clause's
            return _first_verb_subject(v.head.head)
        if x is v and v.tag_ == "VBN" and v.dep_ in ("advcl", "acl"):
            # "Asked about the bomb, Clinton said ...": the one asked is the main clause's
            # subject; who asked is not in the text
            return None
        if x.dep_ == "relcl":
            return x.head
        if x.dep_ == "pcomp" and x.head.dep_ == "prep" and x.head.head.pos_ in ("VERB", "AUX"):
            x = x.head.head  # "distanced himself by saying ...", "quoted X as saying ..."
            continue
        given = _given_the_floor(x)
        if given is not None:
            return given  # "gave Smith a stage to say ...": Smith says
        if x.dep_ in INHERIT_SUBJECT_DEPS and x.head is not x and x.head.pos_ in ("VERB", "AUX"):
            if x.tag_ == "VBG" and x.dep_ in ("advcl", "conj") and x.head.dep_ == "ccomp" and x.head.head.pos_ == "VERB":
                # "X said the plan works, adding ...": the parse hangs the participle on
                # the reported clause, but its subject is the reporter's
                x = x.head.head
            else:
                x = x.head
            continue
        if x.dep_ == "acl" and x.head.pos_ in ("NOUN", "PROPN"):
            owner = _event_holder(x.head) or _recorded_speaker(x)
            if owner is not None:
                return owner  # "she said at a news conference announcing ...": she
            return x.head  # "a statement saying ..."
        return None
    return None


def _given_the_floor(x: Token) -> Optional[Token]:
    """``gave Smith a stage to say``, ``offered her the chance to explain``: an infinitive
    on a verb with an indirect object is what that object says, not the giver."""
    if x.tag_ != "VB" or x.dep_ not in ("advcl", "xcomp", "acl") or not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in x.children):
        return None
    h = x.head.head if x.dep_ == "acl" else x.head
    if h.pos_ != "VERB":
        return None
    return next((ch for ch in h.children if ch.dep_ == "dative" and ch.i < x.i), None)


def _relative_speech_participle(v: Token) -> bool:
    """``..., saying`` set off by a comma and hung by the parse on a relative clause
    that is itself a speech verb (``a contractor who said ..., saying``): one speaker does
    not say and then say again in one clause, so the participle is the main clause's."""
    rel = v.head
    return (
        v.tag_ == "VBG"
        and v.dep_ == "advcl"
        and rel.dep_ == "relcl"
        and rel.lemma_.lower() in _RELATIVE_SAY
        and v.i > rel.i
        and v.i > 0
        and v.doc[v.i - 1].text == ","
    )


def _first_verb_subject(noun: Token) -> Optional[Token]:
    """The subject of the nearest verb above ``noun`` (inherited along its chain)."""
    x = noun
    for _ in range(6):
        if x.head.i == x.i:
            return None
        x = x.head
        if x.pos_ in ("VERB", "AUX"):
            return _grammatical_subject(x)
    return None


def _event_holder(noun: Token) -> Optional[Token]:
    """Who held the event a participle hangs from: ``at a rally calling for``, ``during
    a briefing announcing``: the event is where the verb's subject spoke, not a source."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _EVENT_PREPS:
        return None
    if prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return _grammatical_subject(prep.head)


def _recorded_speaker(part: Token) -> Optional[Token]:
    """``footage of Smith saying``, ``a clip of her saying``: the parse hangs the
    participle on the recording, but the one named right before it is who speaks."""
    prev = part.doc[part.i - 1] if part.i > 0 else None
    if prev is None or prev.dep_ != "pobj" or prev.head.lower_ != "of" or prev.head.head.i != part.head.i:
        return None
    if prev.pos_ == "PROPN" or prev.lower_ in _OBJECT_PERSONS:
        return prev
    return None


def outside_subject(v: Token, subj: Optional[Token], inside: Callable[[int], bool]) -> Optional[Token]:
    """``Garcia said, going on to say that ... young voters do not want ...``: the parse
    hung the participle on a verb inside the reported words (``inside``: the content, or
    a quotation), so the subject it inherits is part of what was said. The speaker is then
    the subject of the nearest verb before the participle in its sentence (who ``said``);
    the subject is kept when it is not inside."""
    if subj is None or not inside(subj.i) or v.tag_ not in ("VBG", "VB"):
        return subj
    doc = v.doc
    for x in range(v.i - 1, v.sent.start - 1, -1):
        t = doc[x]
        if t.pos_ == "VERB" and not inside(x):
            found = next((ch for ch in t.children if ch.dep_ in SUBJECT_DEPS and ch.i < v.i), None)
            if found is not None and not inside(found.i):
                return found
    return None


def mention_range(subj: Token, lay: Layout, avoid: Optional[TokRange] = None, cue: Optional[Token] = None) -> Optional[TokRange]:
    """The mention's token range: the subject's whole phrase, appositives and relative
    clauses included (that is how news corpora span sources), within one sentence."""
    doc = lay.doc
    if subj.lower_ in EXPLETIVES:
        return None
    s0, s1 = lay.sent_bounds(subj.i)
    i, j = subj.left_edge.i, subj.right_edge.i + 1
    if cue is not None and i <= cue.i < j:
        # the antecedent of the relative clause holding the cue ("officials who said"):
        # the noun phrase up to that clause
        for ch in subj.rights:
            if ch.left_edge.i <= cue.i <= ch.right_edge.i:
                j = min(j, ch.left_edge.i)
    i, j = max(i, s0), min(j, s1)
    if avoid is not None and i < avoid[1] and avoid[0] < j:
        # the parse ran the subject into the content: keep the head and its modifiers
        i, j = subj.i, subj.i + 1
        lo = avoid[1] if avoid[1] <= subj.i else 0  # a content before: modifiers after it
        for ch in subj.lefts:
            if ch.dep_ in NP_MODIFIERS and ch.left_edge.i >= lo:
                i = min(i, ch.left_edge.i)
    i, j = trim(doc, i, j, keep_marks=False)
    while j > i and doc[j - 1].dep_ == "case":
        j -= 1  # "the diplomat’s" (statement) -> "the diplomat"
    if j <= i:
        return None
    return i, j


def cue_range(v: Token, lex: CueLexicon, extra: Optional[Token] = None) -> TokRange:
    """The cue: the verb, its particle (``pointed out``) and the preposition of a
    prepositional frame (``talked about``) when adjacent; with the lexicon's ``cue_span``
    settings also the auxiliaries, negation and adverbs right before the verb (``has
    repeatedly said``, ``did not mention``) and a medium phrase (``said in a statement``)."""
    i = j = v.i
    if lex.cue_auxiliaries:
        left = {ch.i: ch for ch in v.lefts if ch.dep_ in CUE_LEFT_DEPS and ch.tag_ != "WRB"}
        while i - 1 in left:
            i -= 1
    for ch in v.rights:
        if ch.dep_ == "prt" and ch.i == j + 1:
            j = ch.i
    if extra is not None and extra.i == j + 1:
        j = extra.i
    elif lex.media_nouns:
        for ch in v.rights:
            if ch.i == j + 1 and ch.dep_ == "prep" and ch.lower_ == "in":
                obj = next((g for g in ch.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.lower_ in lex.media_nouns and obj.right_edge.i == obj.i:
                    j = obj.i
    return i, j + 1
