"""Reported speech introduced by a cue verb: its clausal complement, infinitive, object or
prepositional object.

Everything here reads spaCy's dependency arcs, never its sentence splits: a content is
the subtree of the cue's complement, clipped to the detector's own sentence
(:class:`quotes.text.layout.Layout`), and grown to cover any quotation it cuts through
(:mod:`quotes.attribution.clauses`). The other reported-speech rules are ``according to``
(:mod:`.according`), ``Name: ...`` lines (:mod:`.colon_lines`) and title-cased headlines
(:mod:`.headlines`). Each pass is linear in the number of tokens.
"""

from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Doc, Token

from quotes.attribution.candidate import Candidate, TokRange, trim
from quotes.attribution.clauses import (
    clause_range,
    content_chars,
    cut_finite_conjuncts,
    fragments,
    grow_over_quotes,
    strip_complementizer,
    trailing_aside,
    words_in,
)
from quotes.attribution.cues import CueLexicon, CueVerb
from quotes.attribution.hidden_clauses import (
    as_comment,
    is_connective,
    that_clause_above,
    that_clause_on_object,
    unmarked_adverbial,
)
from quotes.attribution.mentions import (
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    cue_range,
    mention_range,
    outside_subject,
    subject_of,
)
from quotes.text.layout import Layout

# complements that, with a direct object, make up what a stance verb reports
# ("accused Cruz of opposing ...", "called her “weak”", "urged Democrats to vote")
OBJECT_COMPLEMENTS = ("oprd", "xcomp", "ccomp", "acomp")
OBJECT_PREPS = frozenset({"as", "of", "for"})
# a verb's own preposition that pairs its object with a second term ("likened RT to the BBC")
PAIR_PREPS = frozenset({"to", "with"})
# events that "call" convenes: their "for" dates them ("called a meeting for Friday"), it charges no one
EVENT_OBJECTS = frozenset(
    "election halt hearing meeting recess referendum rally session strike summit vote".split()
)


def from_cue_verbs(lay: Layout, lex: CueLexicon) -> Iterator[Candidate]:
    """Quotes whose content is a complement of a lexicon verb outside quotation marks."""
    doc = lay.doc
    for v in doc:
        if lay.quote[v.i] >= 0 or lay.mark[v.i] >= 0:
            continue  # speech reported inside a quotation belongs to that quotation
        cv = lex.verb(v)
        if cv is None:
            continue
        yield from _complements(v, cv, lay, lex)


def _complements(v: Token, cv: CueVerb, lay: Layout, lex: CueLexicon) -> Iterator[Candidate]:
    """The content(s) of one cue verb, by the first frame of the verb that fits."""
    doc = lay.doc
    sent = lay.sent_bounds(v.i)
    cue = cue_range(v, lex)
    found: Optional[tuple[str, list[TokRange], Optional[Token]]] = None
    if cv.takes("ccomp") or cv.takes("quote"):
        found = _clausal(v, lay, sent) or _aside(v, lay, sent) or as_comment(v, lay, sent) or _unlinked_inverted(v, lay, sent)
    if found is None and cv.takes("ccomp") and not (cv.takes("dobj") or cv.takes("object")):
        found = _noun_complement(v, lay, sent)  # "announced plans to cut taxes"
    if found is None and cv.takes("as_it"):
        found = _as_put_it(v, lay, sent)
        if found is not None:
            cue = cue_range(v, lex, doc[v.i + 1])  # "put it"
    if found is None and cv.takes("raising"):
        found = _raising(v, sent)
    if found is None and any(ch.dep_ == "prep" and f"{ch.lower_}+to" in cv.demand_preps for ch in v.rights):
        found, cue = _by_preposition(v, cv, lex, lay, sent, cue)  # "called on Congress to act"
    if found is None and cv.takes("xcomp"):
        found = _infinitive(v, lay, sent, lex)
    if found is None and (cv.takes("dobj") or cv.takes("object")):
        found = _object(v, cv, lex, lay, sent)
        if found is not None and found[0] == "passive":
            cue = cue_range(v, lex, found[2])  # "is accused of"
            found = ("dobj", found[1], None)
        if found is not None and found[0] == "describe_as":
            as_tok = next(ch for ch in v.rights if ch.dep_ == "prep" and ch.lower_ == "as")
            cue = cue_range(v, lex, as_tok)
            found = ("dobj", found[1], None)
    if found is None and cv.preps:
        found, cue = _by_preposition(v, cv, lex, lay, sent, cue)
    if found is None and cv.cls == "speech":
        found = _quoted_object(v, lay, sent)
    if found is None:
        return
    frame, contents, subj = found
    if subj is None and frame != "raising":
        subj = subject_of(v, lex.statement_nouns, lex.issue_verbs)
    for i, j in contents:
        if frame in ("ccomp", "aside", "inverted"):
            j = trailing_aside(doc, i, j)
        if frame in ("ccomp", "aside", "xcomp", "inverted"):
            i = i if lex.keep_complementizer else strip_complementizer(doc, i, j)
        if frame in ("xcomp", "dobj", "prep"):
            j = _before_dash(doc, i, j)
        i, j = trim(doc, i, j)
        if j <= i:
            continue
        (i, j), held = grow_over_quotes(lay, i, j)
        if i <= v.i < j and frame not in ("aside", "raising"):
            continue  # the cue cannot sit inside its own content
        subj = outside_subject(v, subj, lambda x, i=i, j=j: i <= x < j or _quoted_words(lay, x))
        mention = mention_range(subj, lay, avoid=(i, j), cue=v) if subj is not None else None
        yield Candidate(
            content=content_chars(lay, i, j),
            cue=cue,
            mention=mention,
            pattern=f"{frame}:{cv.cls}",
            cue_class=cv.cls,
            mention_head=subj.i if subj is not None and mention else None,
            quoted=held,
            cue_head=v.i,
        )


def _quoted_words(lay: Layout, x: int) -> bool:
    """Token ``x`` and the verb it hangs from both inside a quotation: words of what was
    said (``-- ''That makes me smart'' -- and ... asserting``), never a source."""
    return lay.quote[x] >= 0 and lay.quote[lay.doc[x].head.i] >= 0


Frame = Optional[tuple[str, list[TokRange], Optional[Token]]]


SPACED_DASHES = frozenset({"--", "—", "–", "―"})


def _before_dash(doc: Doc, i: int, j: int) -> int:
    """``called on Obama to retaliate -- meddling that he said ...``: a spaced dash ends what
    an infinitive or object frame reports; what follows is the writer's afterthought."""
    for x in range(i + 1, j):
        if doc[x].text in SPACED_DASHES and doc[x - 1].whitespace_:
            return x
    return j


def _by_preposition(v: Token, cv: CueVerb, lex: CueLexicon, lay: Layout, sent: TokRange, cue: TokRange) -> tuple[Frame, TokRange]:
    """The prepositional frame, with the cue grown over its preposition (``called for``)."""
    found = _prepositional(v, cv, lex, lay, sent)
    if found is None:
        return None, cue
    return (found[0], found[1], None), cue_range(v, lex, found[2])


def _clausal(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``said (that) X`` / ``X, the ministry said``: the clausal complement(s)."""
    clauses = [ch for ch in v.children if ch.dep_ == "ccomp"]
    inf = next((ch for ch in v.rights if ch.dep_ == "xcomp" and _has_to(ch)), None)
    if inf is not None:  # "promising to lift rules ― not what he had in mind": a clause after the infinitive is no report of it
        clauses = [ch for ch in clauses if ch.i < inf.i]
    if not clauses:  # "admitted using the tax code": a gerund clause
        clauses = [ch for ch in v.rights if ch.dep_ == "xcomp" and ch.tag_ == "VBG" and not _has_to(ch)]
    if not clauses:
        clauses = that_clause_on_object(v)
    if not clauses:
        above = that_clause_above(v)
        if above is not None and above[0] < sent[1]:
            return "ccomp", [(max(above[0], sent[0]), min(above[1], sent[1]))], None
        clauses = unmarked_adverbial(v)
        if clauses:  # "said after the convention he would ...": the adverbial is the writer's
            r = clause_range(clauses[0], lay, sent, cue=v)
            first = next(g for g in clauses[0].children if g.dep_ in ("nsubj", "nsubjpass"))
            return ("ccomp", [(max(r[0], first.left_edge.i), r[1])], None) if r else None
    subj = None
    if len(clauses) >= 2 and not any(ch.dep_ in SUBJECT_DEPS for ch in v.children):
        clauses, subj = _split_misparse(lay, v, clauses)
    contents = [r for r in (clause_range(ch, lay, sent, cue=v) for ch in clauses) if r]
    return ("ccomp", contents, subj) if contents else None


def _aside(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``The economy, he said, is strong`` / ``It is strong, he said``: the host clause
    around a parenthetical cue. A connective of the writer before the aside ("In
    addition, the diplomat stressed, ...") is not part of what was said."""
    if not (v.dep_ == "parataxis" or (v.dep_ == "ccomp" and v.head.i < v.i and _is_inverted_aside(v))):
        return None
    doc = lay.doc
    host = v.head
    aside = (v.left_edge.i, v.right_edge.i + 1)
    if any(ch.dep_ in SUBJECT_DEPS and ch.i > v.i for ch in v.children):
        # "Lavrov’s visit, said Hua, “will ...”": with the speaker after the verb, a subject
        # the parser hung before it belongs to the reported clause
        aside = (v.i, aside[1])
    i, j = max(host.left_edge.i, sent[0]), min(host.right_edge.i + 1, sent[1])
    if not (i <= aside[0] and aside[1] <= j):
        return None
    parts = [(i, aside[0]), (aside[1], j)]
    left = trim(doc, i, aside[0])
    if left[1] > left[0] and is_connective(doc, *left):
        parts = parts[1:]
    return "aside", fragments(doc, parts), None


def _unlinked_inverted(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``China is willing to ..., the country’s ambassador has said`` when the parse did
    not link the clause to the verb (a headline or a paragraph glued on by the parser):
    the comma-closed clause opening the sentence, before the cue's subject."""
    if any(ch.dep_ in ("ccomp", "xcomp") and sent[0] <= ch.i < sent[1] for ch in v.children):
        return None
    subj = next((ch for ch in v.lefts if ch.dep_ in SUBJECT_DEPS), None)
    if subj is None:
        return None
    doc = lay.doc
    x = subj.left_edge.i - 1
    while x > sent[0] and doc[x].is_space:
        x -= 1
    if x <= sent[0] or doc[x].text != ",":
        return None
    i, j = trim(doc, sent[0], x)
    if words_in(doc, (i, j)) < 3 or not any(doc[y].pos_ in ("VERB", "AUX") for y in range(i, j)):
        return None
    def crosses(t: Token) -> bool:
        return not (sent[0] <= t.head.i < sent[1])

    # "The US is putting pressure on ..., Beijing's ambassador declared": the parser often
    # makes the cue a conjunct of the reported clause's verb; a real coordination has its
    # "and"/"but" ("He left, and she said ...")
    conjunct = v.dep_ == "conj" and i <= v.head.i < j and not any(ch.dep_ in ("cc", "preconj") for ch in v.lefts)
    if not (conjunct or crosses(v) or any(crosses(doc[y]) for y in range(i, j))):
        return None  # the parse is whole here: the clause is an adjunct, not reported
    return "inverted", [(i, j)], None


def _noun_complement(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``announced plans to cut taxes``, ``repeated the claim that ...``: a speech verb's
    object noun with a to-infinitive or a ``that`` clause is what the verb reports."""
    obj = next((ch for ch in v.rights if ch.dep_ == "dobj" and ch.pos_ == "NOUN"), None)
    if obj is None:
        return None
    for ch in obj.rights:
        if ch.dep_ not in ("acl", "ccomp") or ch.pos_ not in ("VERB", "AUX"):
            continue
        that = any(g.dep_ == "mark" and g.lower_ == "that" and g.i == ch.left_edge.i for g in ch.children)
        if that or (ch.dep_ == "acl" and _has_to(ch)):
            r = clause_range(obj, lay, sent)
            return ("dobj", [(max(r[0], obj.left_edge.i), r[1])], None) if r else None
    # "announced plans this week to give ...": a time phrase between the noun and its
    # infinitive makes the parser hang the infinitive on the verb
    inf = next((ch for ch in v.rights if ch.dep_ in ("xcomp", "advcl") and ch.i > obj.i and _has_to(ch)), None)
    if inf is not None and obj.tag_ == "NNS" and obj.lower_ in ("plans", "intentions") and inf.left_edge.i - obj.right_edge.i <= 4:
        i, j = max(obj.left_edge.i, sent[0]), min(inf.right_edge.i + 1, sent[1])
        return ("dobj", [(i, cut_finite_conjuncts(lay.doc, inf, j))], None) if i < j else None
    return None


def _as_put_it(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``As one analyst put it, the race is a toss-up``: a comment clause ``as X put it``
    frames the clause it hangs on, said by its subject."""
    if v.dep_ != "advcl" or not any(ch.dep_ == "mark" and ch.lower_ == "as" for ch in v.lefts):
        return None
    if not any(ch.dep_ == "dobj" and ch.lower_ == "it" for ch in v.rights):
        return None
    host = v.head
    i, j = max(host.left_edge.i, sent[0]), min(host.right_edge.i + 1, sent[1])
    a, b = v.left_edge.i, v.right_edge.i + 1
    if not (i <= a and b <= j):
        return None
    return "aside", fragments(lay.doc, [(i, a), (b, j)]), None


def _raising(v: Token, sent: TokRange) -> Frame:
    """"Trump seems to be the classic New York personality": the impression is the whole
    subject-plus-complement, and nobody in the text holds it."""
    comp = next((ch for ch in v.rights if ch.dep_ in ("xcomp", "acomp", "attr", "oprd", "prep")), None)
    subj = next((ch for ch in v.lefts if ch.dep_ in ("nsubj", "nsubjpass")), None)
    if comp is None or subj is None or subj.lower_ in ("it", "there", "what", "which", "who", "that"):
        return None
    i, j = max(subj.left_edge.i, sent[0]), min(comp.right_edge.i + 1, sent[1])
    return ("raising", [(i, j)], None) if i < j else None


def _infinitive(v: Token, lay: Layout, sent: TokRange, lex: CueLexicon) -> Frame:
    """``pledged to cut taxes`` / ``urged Democrats to vote``: the to-infinitive, with the
    object that is its subject. An infinitive that is itself a speech act of the lexicon
    (``agreed to characterize Putin as a “killer”``) reports its own content: the outer
    verb yields to it."""
    obj = None
    for ch in v.rights:
        if ch.dep_ in ("dobj", "dative"):
            obj = ch
        if ch.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
            if _asks_anonymity(ch):
                return None
            inner = lex.verb(ch)
            if inner is not None and inner.cls == "speech":
                return None
            r = clause_range(ch, lay, sent)
            if r:
                j = cut_finite_conjuncts(lay.doc, ch, r[1])
                i = max(sent[0], obj.left_edge.i) if obj is not None and obj.i < ch.i else r[0]
                return "xcomp", [(i, j)], None
    return None


def _asks_anonymity(inf: Token) -> bool:
    """``asked not to be named``, ``asked to remain anonymous``: the source's terms for being
    quoted, not something the source reports."""
    if inf.lemma_ in ("name", "identify", "quote") and any(g.dep_ == "auxpass" for g in inf.children):
        return True
    return inf.lemma_ == "remain" and any(g.lower_ in ("anonymous", "unnamed", "unidentified") for g in inf.children)


def _object(v: Token, cv: CueVerb, lex: CueLexicon, lay: Layout, sent: TokRange) -> Frame:
    """``criticized the deal``, ``accused Cruz of opposing ...``, ``called her “weak”``:
    the object and its complements. ``which he described as an “important pillar”``:
    with a relative (or no) object, what ``describe ... as`` reports is the description
    (frame ``describe_as``, the cue then spans ``described as``)."""
    obj = next((ch for ch in v.rights if ch.dep_ == "dobj"), None)
    if lex.is_describe_verb(v):
        as_prep = next((ch for ch in v.rights if ch.dep_ == "prep" and ch.lower_ == "as"), None)
        own_prep = any(ch.dep_ == "prep" and f"prep:{ch.lower_}" in cv.frames and ch.i < (as_prep.i if as_prep else 0) for ch in v.rights)
        relative = obj is not None and (obj.tag_ in ("WDT", "WP") or obj.lower_ in RELATIVE_PRONOUNS)
        if as_prep is not None and (relative or (obj is None and not own_prep)):
            desc = next((g for g in as_prep.children if g.dep_ in ("pobj", "pcomp", "amod", "acomp")), None)
            if desc is not None:
                r = clause_range(desc, lay, sent)
                if r:
                    frame = "describe_as" if as_prep.i == v.i + 1 else "dobj"
                    return frame, [r], None
    if obj is None:
        oprds = [ch for ch in v.rights if ch.dep_ == "oprd"]
        obj = oprds[0] if len(oprds) >= 2 else None  # "called Trump a liar" tagged as two predicates
        if len(oprds) == 1:
            return _lone_predicate(v, oprds[0], lay, sent)
    if obj is None:
        return _passive_charge(v, cv, lay, sent)
    said = cv.takes("object") or obj.tag_ == "VBG"  # "citing concerns", "denied any role", "admitted using"
    if not lex.topic_objects and not said and not _predicative(v, cv, obj) and not _is_quoted(lay, obj):
        return None  # "defended the deal": a topic, nothing reported
    i, j = max(obj.left_edge.i, sent[0]), min(_object_end(v, obj), sent[1])
    return ("dobj", [(i, j)], None) if i < j else None


def _lone_predicate(v: Token, pred: Token, lay: Layout, sent: TokRange) -> Frame:
    """``condemned what he called a “brazen breach”``, ``has been called a charlatan``, ``was
    dubbed the winner``: a naming verb with its predicate but no object of its own names
    something outside its clause (an extracted ``what``/``which`` or its passive subject), and
    the predicate is what was said of it."""
    passive = any(ch.dep_ == "nsubjpass" for ch in v.lefts)
    if not (passive or _extracted_object(v)):
        return None
    i, j = max(pred.left_edge.i, sent[0]), min(_object_end(v, pred), sent[1])
    agent = None
    if passive:  # "called a charlatan by fellow physicians": the parser may hang the agent on the predicate
        by = next((t for t in v.doc[pred.i + 1 : j] if t.lower_ == "by" and t.dep_ in ("prep", "agent") and pred.is_ancestor(t)), None)
        if by is not None:
            j, agent = by.i, next((g for g in by.children if g.dep_ == "pobj"), None)
    return ("dobj", [(i, j)], agent) if i < j else None


def _extracted_object(v: Token) -> bool:
    """Whether the object of ``v`` is a wh-word before its subject: its own (``which he
    called``) or one the parser gave to the verb above (``denounced what he called``)."""
    subj = next((ch for ch in v.lefts if ch.dep_ in SUBJECT_DEPS), None)
    if subj is None:
        return False
    x = subj.left_edge.i - 1
    return x >= 0 and v.doc[x].lower_ in ("what", "which") and v.doc[x].dep_ in ("dobj", "nsubjpass", "pobj")


def _passive_charge(v: Token, cv: CueVerb, lay: Layout, sent: TokRange) -> Frame:
    """``has been accused of lying``, ``was blamed for the shutdown (by Democrats)``: a
    charge in the passive reports what its preposition (one of the verb's own, or ``as`` for any
    verb of the object frame: ``is being criticized as a “use it or lose it” approach``) names;
    the speaker is the agent of ``by`` when given (:func:`subject_of`), else nobody."""
    if not any(ch.dep_ == "nsubjpass" for ch in v.lefts):
        return None
    for ch in v.rights:
        if ch.dep_ == "prep" and ch.lower_ in OBJECT_PREPS and (f"prep:{ch.lower_}" in cv.frames or ch.lower_ == "as"):
            obj = next((g for g in ch.children if g.dep_ in ("pobj", "pcomp")), None)
            r = clause_range(obj, lay, sent) if obj is not None else None
            if r is not None:
                return "passive", [r], ch
    return None


def _quoted_object(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``reported “2,521 shooting incidents” in the city``, ``tweeted “Sad!”``: a speech verb
    with no object frame of its own still reports an object in quotation marks (the
    speaker's words), with what follows it in the verb phrase."""
    obj = next((ch for ch in v.rights if ch.dep_ == "dobj"), None)
    if obj is None:
        return None
    words = [x for x in range(obj.left_edge.i, obj.i + 1) if not lay.doc[x].is_punct]
    if not words or not all(lay.quote[x] >= 0 for x in words):
        return None  # the noun phrase up to its head is quoted, not one scare-quoted word
    i, j = max(obj.left_edge.i, sent[0]), min(_object_end(v, obj), sent[1])
    return ("dobj", [(i, j)], None) if i < j else None


def _is_quoted(lay: Layout, obj: Token) -> bool:
    """``welcoming “China’s balanced position”``: an object in quotation marks is the
    speaker's words, not a topic (a scare-quoted word in it, ``the “historic” deal``, is not)."""
    words = [x for x in range(obj.left_edge.i, obj.right_edge.i + 1) if not lay.doc[x].is_punct]
    return bool(words) and 2 * sum(1 for x in words if lay.quote[x] >= 0) > len(words)


def _predicative(v: Token, cv: CueVerb, obj: Token) -> bool:
    """Whether the object has a predicate after it: ``accused Cruz of lying``, ``called
    her “weak”``, ``urged Congress to act``, ``described it as a disaster``, and for a verb
    of comparison its own preposition (``likened RT to the BBC``)."""
    preps = OBJECT_PREPS | (PAIR_PREPS & cv.preps)
    if _double_object(v):
        preps = PAIR_PREPS & cv.preps  # "charged customers a fee for late payments": a price, no charge
    return any(
        ch.i > obj.i
        and (ch.dep_ in OBJECT_COMPLEMENTS or (ch.dep_ == "prep" and ch.lower_ in preps and not _scheduled(obj, ch)))
        for ch in v.rights
    )


def _scheduled(obj: Token, prep: Token) -> bool:
    """``called a meeting for Friday``, ``called a vote for next week``: a ``for`` after an event
    that ``call`` convenes (or whose object is a date) sets no charge, unlike ``slammed the mayor
    for the delays`` or ``blasted the vote for its timing``."""
    if prep.lower_ != "for":
        return False
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    dated = pobj is not None and pobj.ent_type_ in ("DATE", "TIME")
    return dated or (prep.head.lemma_ == "call" and obj.lemma_.lower() in EVENT_OBJECTS)


def _double_object(v: Token) -> bool:
    """``charged customers a fee``: two objects side by side (a dative, or two ``dobj`` as the
    parser often tags them); ``condemned the test as ... and a threat`` has its second object
    after the predicate, a coordination the parser attached to the verb."""
    objs = [ch for ch in v.rights if ch.dep_ in ("dobj", "dative")]
    return any(a.dep_ == "dative" or b.left_edge.i == a.right_edge.i + 1 for a, b in zip(objs, objs[1:]))


def _prepositional(v: Token, cv: CueVerb, lex: CueLexicon, lay: Layout, sent: TokRange) -> Optional[tuple[str, list[TokRange], Token]]:
    """``talked about the economy``, ``warned of a crisis``, ``referring to Putin as his
    “best friend”``: the object of the verb's preposition (returned as the third item,
    for the cue), with a following ``as`` description. A stated demand (``called for a
    moratorium``, ``called on Congress to act``, ``called for Congress to act``) is
    reported content in every scheme; a topic only where the scheme takes topics."""
    demands = cv.demand_preps
    for ch in v.rights:
        if ch.dep_ == "mark" or (ch.dep_ == "advcl" and ch.i > v.i):
            found = _demand_clause(v, ch, demands, lay, sent)
            if found is not None:
                return found
        if ch.dep_ == "prep" and ch.lower_ in cv.preps:
            obj = next((g for g in ch.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                continue
            r = clause_range(obj, lay, sent)
            if r is None:
                continue
            i, j = r
            described = False
            for sib in v.rights:
                if sib.i > ch.i and sib.dep_ == "prep" and sib.lower_ == "as":
                    j = max(j, min(sib.right_edge.i + 1, sent[1]))
                    described = True
            described = described or _object_described(obj)
            infinitive = next((s for s in v.rights if s.i > ch.i and s.dep_ == "xcomp" and _has_to(s)), None)
            if infinitive is not None and f"{ch.lower_}+to" in demands:
                return "prep", [(i, min(infinitive.right_edge.i + 1, sent[1]))], ch
            if ch.lower_ in cv.question_preps and _wh_clause(obj):
                return "prep", [(i, j)], ch  # "pressed on why ...": a reported question
            if not lex.topic_objects and not described and not (ch.lower_ in demands and _next_to(v, ch)):
                return None  # "talked about the economy": a topic
            return "prep", [(i, j)], ch
    return None


def _object_described(obj: Token) -> bool:
    """``pointed to weak demand as the main reason for ...``: the parser often hangs the ``as``
    description on the preposition's object instead of the verb. A bare title after it (``his
    role as chairman``) describes the noun, not what the speaker said of it. The ``as`` may hang
    on the object's own infinitive (``pointed to the decision to leave the EU as an example``)."""
    for ch in obj.subtree:
        if ch.dep_ == "prep" and ch.lower_ == "as" and ch.i > obj.i and (ch.head == obj or (ch.head.dep_ == "acl" and ch.head.head == obj)):
            desc = next((g for g in ch.children if g.dep_ == "pobj"), None)
            if desc is not None and any(g.dep_ in ("det", "amod", "prep", "poss") for g in desc.children):
                return True
    return False


WH_WORDS = frozenset({"why", "how", "whether", "what", "who", "when", "where", "if", "which"})


def _wh_clause(obj: Token) -> bool:
    """Whether a preposition's object is a clause opened by a wh-word (``about how he would
    pay for it``), the shape of a reported question, not a topic noun (``about the economy``)."""
    return obj.pos_ in ("VERB", "AUX") and obj.left_edge.lower_ in WH_WORDS


def _next_to(v: Token, p: Token) -> bool:
    """A demand's preposition follows its verb (``called for``, ``pushed hard for``); one
    further on belongs to another phrase (``pushes the tally beyond the total for 2012``)."""
    return all(v.doc[x].dep_ in ("advmod", "prt") for x in range(v.i + 1, p.i))


def _has_to(t: Token) -> bool:
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in t.children)


def _demand_clause(v: Token, ch: Token, demands: frozenset[str], lay: Layout, sent: TokRange) -> Optional[tuple[str, list[TokRange], Token]]:
    """``called for Congress to act``, parsed with ``for`` as the mark of an adverbial
    clause: the clause after ``for`` is the demand."""
    if "for" not in demands or ch.dep_ != "advcl" or not _has_to(ch):
        return None
    mark = next((g for g in ch.children if g.dep_ == "mark" and g.lower_ == "for"), None)
    if mark is None or mark.i != ch.left_edge.i or not _next_to(v, mark):
        return None
    r = clause_range(ch, lay, sent)
    if r is None or r[0] > mark.i:
        return None
    return "prep", [(mark.i + 1, r[1])], mark


def _split_misparse(lay: Layout, v: Token, clauses: list[Token]) -> tuple[list[Token], Optional[Token]]:
    """A subject-less cue verb with clauses on both sides is a parse error around a long
    subject: ``“...,” said David Brock, a Clinton confidant who heads ...`` (the speaker
    parsed as a clause after the verb) or ``Mr. Slinker, whose start-up ... uses big data,
    said Mr. Trump was ...`` (the speaker parsed as a clause before it). A quoted clause
    on the left is the content; otherwise the right one is. The speaker is the subject
    of the other clause."""
    left = [c for c in clauses if c.i < v.i]
    right = [c for c in clauses if c.i > v.i]
    if not left or not right:
        return clauses, None
    lft, rgt = left[-1], right[0]
    quoted_left = any(lay.quote[x] >= 0 or lay.mark[x] >= 0 for x in range(lft.left_edge.i, lft.right_edge.i + 1))
    content, other = (lft, rgt) if quoted_left else (rgt, lft)
    speaker = next((ch for ch in other.children if ch.dep_ in SUBJECT_DEPS), None)
    return [content], speaker


def _object_end(v: Token, obj: Token) -> int:
    """End of what a stance verb reports: its object and the complements after it
    ("accused Cruz of opposing ...", "called her “weak”"), up to the first comma that
    starts an aside or an appositive."""
    end = obj.right_edge.i + 1
    for ch in v.rights:
        if ch.i > obj.i and ch.dep_ not in ("punct", "cc", "conj", "advcl", "parataxis", "npadvmod"):
            if ch.dep_ == "prep" and ch.lower_ not in OBJECT_PREPS and _comma_between(v.doc, obj.right_edge.i, ch.i):
                break
            end = max(end, ch.right_edge.i + 1)
    doc = v.doc
    for x in range(obj.i + 1, end):
        t = doc[x]
        if t.text in (",", ";", "—", "–") and t.head in (obj, v):
            return x
        if t.text == "," and x + 1 < end and _opens_relative_clause(doc[x + 1]):
            return x  # "accused Russia of aggressive actions, which Moscow denies"
    return end


def _opens_relative_clause(t: Token) -> bool:
    """``which Moscow denies`` / ``in which he said``: the first token of a relative clause."""
    y = t
    for _ in range(3):
        if y.dep_ == "relcl":
            return y.left_edge.i == t.i
        if y.head is y:
            return False
        y = y.head
    return False


def _comma_between(doc: Doc, a: int, b: int) -> bool:
    return any(doc[x].text == "," for x in range(a + 1, b))


def _is_inverted_aside(v: Token) -> bool:
    """``..., he said`` parsed as a clausal complement of the clause it reports on."""
    has_subj = any(ch.dep_ in SUBJECT_DEPS for ch in v.children)
    prev = v.doc[v.left_edge.i - 1] if v.left_edge.i > 0 else None
    return has_subj and not any(ch.dep_ in ("ccomp", "dobj") for ch in v.children) and prev is not None and prev.text in (",", "—", "–")
