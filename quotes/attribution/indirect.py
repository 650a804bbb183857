"""Reported speech introduced by a cue: clausal complements, ``according to``, colon and
headline attributions.

Everything here reads spaCy's dependency arcs, never its sentence splits: a content is
the subtree of the cue's complement, clipped to the detector's own sentence
(:class:`quotes.text.layout.Layout`), and grown to cover any quotation it cuts through, so
that ``Wang said China will “deepen strategic mutual trust” with Russia`` is one
mixed quote. Each pass is linear in the number of tokens.
"""

from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Doc, Span, Token

from quotes.attribution.candidate import Candidate, TokRange, char_range, trim
from quotes.attribution.cues import CueVerb, Lexicon
from quotes.text.layout import Layout
from quotes.text.titles import is_title, title_lexicon

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# complements that, with a direct object, make up what a stance verb reports
# ("accused Cruz of opposing ...", "called her “weak”", "urged Democrats to vote")
OBJECT_COMPLEMENTS = ("oprd", "xcomp", "ccomp", "acomp")
OBJECT_PREPS = frozenset({"as", "of", "for"})
# a subject-less participle or conjunct takes the subject of the verb it hangs from
INHERIT_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "acl", "pcomp", "ccomp"})
EXPLETIVES = frozenset({"there"})
NP_MODIFIERS = frozenset({"compound", "det", "amod", "poss", "nmod"})


# ----------------------------------------------------------------- mentions and cues


def subject_of(v: Token, statement_nouns: frozenset[str] = frozenset()) -> Optional[Token]:
    """The token that names who says ``v``: its subject, the agent of a passive, or the
    subject of the verb a participle or conjunct depends on (``..., saying that``); for a
    statement that speaks (``the diplomat’s statement said``), whose statement it is."""
    subj = _grammatical_subject(v)
    if subj is not None and subj.lower_ in statement_nouns:
        owner = next((ch for ch in subj.children if ch.dep_ == "poss"), None)
        if owner is not None:
            return owner
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
        if x is v and v.tag_ == "VBN" and v.dep_ in ("advcl", "acl"):
            # "Asked about the bomb, Clinton said ...": the one asked is the main clause's
            # subject; who asked is not in the text
            return None
        if x.dep_ == "relcl":
            return x.head
        if x.dep_ == "pcomp" and x.head.dep_ == "prep" and x.head.head.pos_ in ("VERB", "AUX"):
            x = x.head.head  # "distanced himself by saying ...", "quoted X as saying ..."
            continue
        if x.dep_ in INHERIT_SUBJECT_DEPS and x.head is not x and x.head.pos_ in ("VERB", "AUX"):
            if x.tag_ == "VBG" and x.dep_ in ("advcl", "conj") and x.head.dep_ == "ccomp" and x.head.head.pos_ == "VERB":
                # "X said the plan works, adding ...": the parse hangs the participle on
                # the reported clause, but its subject is the reporter's
                x = x.head.head
            else:
                x = x.head
            continue
        if x.dep_ == "acl" and x.head.pos_ in ("NOUN", "PROPN"):
            return x.head  # "a statement saying ..."
        return None
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


CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def cue_range(v: Token, lex: Lexicon, extra: Optional[Token] = None) -> TokRange:
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


# ----------------------------------------------------------------- content spans


def clause_range(head: Token, lay: Layout, sent: TokRange, cue: Optional[Token] = None) -> Optional[TokRange]:
    """The subtree of ``head`` as a token range, clipped to ``sent``.

    When the subtree wraps around the cue (a relative pronoun extracted from the reported
    clause: "a base that the agency said would be “open to all”", "a charge that Hua said
    on Monday was more suited to ..."), the content starts at the first token of the
    clause after the cue."""
    i, j = head.left_edge.i, head.right_edge.i + 1
    i, j = max(i, sent[0]), min(j, sent[1])
    if cue is not None and i <= cue.i < j:
        if head.i < cue.i:
            return None
        x = cue.i + 1
        while x < head.i and not (head.is_ancestor(lay.doc[x])):
            x += 1
        i = x
    if not (i <= head.i < j):
        return None
    return i, j


def strip_complementizer(doc: Doc, i: int, j: int) -> int:
    """Reported clauses are spanned without their ``that`` in the ``speech`` scheme, as the
    project's annotation guide asks; PolNeAR (the ``attribution`` scheme) spans include it,
    so there the lexicon's ``keep_complementizer`` skips this."""
    while i < j and (doc[i].is_space or doc[i].is_punct and not doc[i].is_quote):
        i += 1
    if i < j - 1 and doc[i].lower_ == "that" and doc[i].dep_ in ("mark", "complm"):
        i += 1
    return i


def grow_over_quotes(lay: Layout, i: int, j: int) -> tuple[TokRange, list[int]]:
    """Extend ``[i, j)`` so that no quoted span is cut, and list the quoted spans inside.

    A reported clause that cuts a quotation ("said the plan was “a disaster. We will fix
    it.”") really reports the whole quotation."""
    doc = lay.doc
    held: list[int] = []
    changed = True
    while changed:
        changed = False
        ks = {lay.quote[x] for x in range(i, j) if lay.quote[x] >= 0} | {lay.mark[x] for x in range(i, j) if lay.mark[x] >= 0}
        for k in sorted(ks):
            a, b = _quote_tokens(lay, k)
            if a < i or b > j:
                i, j = min(i, a), max(j, b)
                changed = True
        held = sorted(ks)
    del doc
    return (i, j), held


def _quote_tokens(lay: Layout, k: int) -> TokRange:
    q = lay.quoted[k]
    end_char = q.close + 1 if q.close >= 0 else q.end
    a, b = lay.tokens_of(q.open, end_char)
    return a, b


# ----------------------------------------------------------------- the rules


def from_cue_verbs(lay: Layout, lex: Lexicon) -> Iterator[Candidate]:
    """Quotes whose content is a complement of a lexicon verb outside quotation marks."""
    doc = lay.doc
    for v in doc:
        if lay.quote[v.i] >= 0 or lay.mark[v.i] >= 0:
            continue  # speech reported inside a quotation belongs to that quotation
        cv = lex.verb(v)
        if cv is None:
            continue
        yield from _complements(v, cv, lay, lex)


def _complements(v: Token, cv: CueVerb, lay: Layout, lex: Lexicon) -> Iterator[Candidate]:
    """The content(s) of one cue verb, by the first frame of the verb that fits."""
    doc = lay.doc
    sent = lay.sent_bounds(v.i)
    cue = cue_range(v, lex)
    found: Optional[tuple[str, list[TokRange], Optional[Token]]] = None
    if cv.takes("ccomp") or cv.takes("quote"):
        found = _clausal(v, lay, sent) or _aside(v, lay, sent) or _unlinked_inverted(v, lay, sent)
    if found is None and cv.takes("raising"):
        found = _raising(v, sent)
    if found is None and cv.takes("xcomp"):
        found = _infinitive(v, lay, sent)
    if found is None and cv.takes("dobj"):
        found = _object(v, cv, lex, lay, sent)
        if found is not None and found[0] == "describe_as":
            as_tok = next(ch for ch in v.rights if ch.dep_ == "prep" and ch.lower_ == "as")
            cue = cue_range(v, lex, as_tok)
            found = ("dobj", found[1], None)
    if found is None and cv.preps:
        found = _prepositional(v, cv, lex, lay, sent)
        if found is not None:
            cue = cue_range(v, lex, found[2])
            found = (found[0], found[1], None)
    if found is None:
        return
    frame, contents, subj = found
    if subj is None and frame != "raising":
        subj = subject_of(v, lex.statement_nouns)
    for i, j in contents:
        if frame in ("ccomp", "aside", "inverted"):
            j = trailing_aside(doc, i, j)
        if frame in ("ccomp", "aside", "xcomp", "inverted"):
            i = i if lex.keep_complementizer else strip_complementizer(doc, i, j)
        i, j = trim(doc, i, j)
        if j <= i:
            continue
        (i, j), held = grow_over_quotes(lay, i, j)
        if i <= v.i < j and frame not in ("aside", "raising"):
            continue  # the cue cannot sit inside its own content
        mention = mention_range(subj, lay, avoid=(i, j), cue=v) if subj is not None else None
        yield Candidate(
            content=_content_chars(lay, i, j),
            cue=cue,
            mention=mention,
            pattern=f"{frame}:{cv.cls}",
            cue_class=cv.cls,
            mention_head=subj.i if subj is not None and mention else None,
            quoted=held,
            cue_head=v.i,
        )


Frame = Optional[tuple[str, list[TokRange], Optional[Token]]]


def _clausal(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``said (that) X`` / ``X, the ministry said``: the clausal complement(s)."""
    clauses = [ch for ch in v.children if ch.dep_ == "ccomp"]
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
    if left[1] > left[0] and _is_connective(doc, *left):
        parts = parts[1:]
    return "aside", fragments(doc, parts), None


def _is_connective(doc: Doc, i: int, j: int) -> bool:
    """A short verbless adverbial ("In addition", "However", "For now")."""
    if j - i > 4 or any(doc[x].pos_ in ("VERB", "AUX") for x in range(i, j)):
        return False
    roots = [doc[x] for x in range(i, j) if not (i <= doc[x].head.i < j) or doc[x].head.i == x]
    return bool(roots) and all(r.dep_ in ("prep", "advmod", "npadvmod", "cc", "intj") for r in roots)


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
    if _words(doc, (i, j)) < 3 or not any(doc[y].pos_ in ("VERB", "AUX") for y in range(i, j)):
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


def _raising(v: Token, sent: TokRange) -> Frame:
    """"Trump seems to be the classic New York personality": the impression is the whole
    subject-plus-complement, and nobody in the text holds it."""
    comp = next((ch for ch in v.rights if ch.dep_ in ("xcomp", "acomp", "attr", "oprd", "prep")), None)
    subj = next((ch for ch in v.lefts if ch.dep_ in ("nsubj", "nsubjpass")), None)
    if comp is None or subj is None or subj.lower_ in ("it", "there", "what", "which", "who", "that"):
        return None
    i, j = max(subj.left_edge.i, sent[0]), min(comp.right_edge.i + 1, sent[1])
    return ("raising", [(i, j)], None) if i < j else None


def _infinitive(v: Token, lay: Layout, sent: TokRange) -> Frame:
    """``pledged to cut taxes`` / ``urged Democrats to vote``: the to-infinitive, with the
    object that is its subject."""
    obj = None
    for ch in v.rights:
        if ch.dep_ in ("dobj", "dative"):
            obj = ch
        if ch.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
            if _asks_anonymity(ch):
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


def _object(v: Token, cv: CueVerb, lex: Lexicon, lay: Layout, sent: TokRange) -> Frame:
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
        return None
    if not lex.topic_objects and not _predicative(v, obj) and not _is_quoted(lay, obj):
        return None  # "defended the deal": a topic, nothing reported
    i, j = max(obj.left_edge.i, sent[0]), min(_object_end(v, obj), sent[1])
    return ("dobj", [(i, j)], None) if i < j else None


def _is_quoted(lay: Layout, obj: Token) -> bool:
    """``welcoming “China’s balanced position”``: an object in quotation marks is the
    speaker's words, not a topic (a scare-quoted word in it, ``the “historic” deal``, is not)."""
    words = [x for x in range(obj.left_edge.i, obj.right_edge.i + 1) if not lay.doc[x].is_punct]
    return bool(words) and 2 * sum(1 for x in words if lay.quote[x] >= 0) > len(words)


def _predicative(v: Token, obj: Token) -> bool:
    """Whether the object has a predicate after it: ``accused Cruz of lying``, ``called
    her “weak”``, ``urged Congress to act``, ``described it as a disaster``."""
    return any(
        ch.i > obj.i and (ch.dep_ in OBJECT_COMPLEMENTS or (ch.dep_ == "prep" and ch.lower_ in OBJECT_PREPS))
        for ch in v.rights
    )


def _prepositional(v: Token, cv: CueVerb, lex: Lexicon, lay: Layout, sent: TokRange) -> Optional[tuple[str, list[TokRange], Token]]:
    """``talked about the economy``, ``warned of a crisis``, ``referring to Putin as his
    “best friend”``: the object of the verb's preposition (returned as the third item,
    for the cue), with a following ``as`` description."""
    for ch in v.rights:
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
            if not lex.topic_objects and not described:
                return None  # "talked about the economy": a topic
            return "prep", [(i, j)], ch
    return None


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


def trailing_aside(doc: Doc, i: int, j: int) -> int:
    """Where a reported clause really ends: a comma and a participle closing it (``X said
    the plan works, adding that ...``) are the speaker's next act, and a ``while``/
    ``whereas`` clause closing it is the writer's contrast (``... no plans to do this
    while Andrey Denisov has said ...``); neither is part of what was said."""
    for x in range(i + 1, j - 1):
        t = doc[x]
        if t.text in (",", "—", "–", "--") and x + 1 < j:
            n = doc[x + 1]
            if n.tag_ == "VBG" and n.dep_ in ("advcl", "xcomp", "conj", "acl") and n.right_edge.i + 1 >= j:
                return x
        if t.lower_ in ("while", "whereas") and t.dep_ == "mark" and t.head.right_edge.i + 1 >= j:
            return x
    return j


def cut_finite_conjuncts(doc: Doc, head: Token, j: int) -> int:
    """End an infinitive before a conjoined finite verb phrase, which the parser often
    hangs on it: "pledged to stand up to China, and has already announced sanctions"."""
    for x in range(head.i + 1, j):
        t = doc[x]
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and head.is_ancestor(t) and (
            t.tag_ in ("VBZ", "VBD") or any(g.dep_ in ("aux", "auxpass") and g.tag_ in ("VBZ", "VBD", "VBP", "MD") for g in t.children)
        ):
            k = t.left_edge.i
            while k > head.i and (doc[k - 1].is_punct or doc[k - 1].dep_ == "cc" or doc[k - 1].is_space):
                k -= 1
            return min(j, k)
    return j


def _is_inverted_aside(v: Token) -> bool:
    """``..., he said`` parsed as a clausal complement of the clause it reports on."""
    has_subj = any(ch.dep_ in SUBJECT_DEPS for ch in v.children)
    prev = v.doc[v.left_edge.i - 1] if v.left_edge.i > 0 else None
    return has_subj and not any(ch.dep_ in ("ccomp", "dobj") for ch in v.children) and prev is not None and prev.text in (",", "—", "–")


def _content_chars(lay: Layout, i: int, j: int) -> tuple[int, int]:
    """Character span of a content; a content that is exactly one quotation keeps only
    the inside of its marks (it is a direct quote)."""
    doc = lay.doc
    if lay.mark[i] >= 0 and lay.mark[i] == lay.mark[j - 1] and not lay.is_close[i]:
        q = lay.quoted[lay.mark[i]]
        return direct_content(lay.text, q.start, q.end)
    return char_range(doc, (i, j))


def direct_content(text: str, start: int, end: int) -> tuple[int, int]:
    """The inside of a pair of marks, without surrounding blanks and a trailing comma (the
    comma belongs to the sentence around the quote; scoring ignores it either way)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def according_to(lay: Layout, lex: Lexicon) -> Iterator[Candidate]:
    """``According to X, ...`` / ``..., according to X``: the source is the object of
    ``to`` and the content the clause the phrase modifies, minus the phrase."""
    doc = lay.doc
    for t in doc:
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        if lay.quote[t.i] >= 0:
            continue
        to = doc[t.i + 1]
        src = next((g for g in to.children if g.dep_ == "pobj"), None)
        if src is None and t.head.i == to.i:
            src = None
        host = t.head
        for _ in range(4):
            if host.pos_ in ("VERB", "AUX") or host.dep_ == "ROOT":
                break
            host = host.head
        if lex.verb(host) is not None and any(ch.dep_ == "ccomp" for ch in host.children):
            continue  # "according to the report, officials said ...": the verb reports
        sent = lay.sent_bounds(t.i)
        phrase = (t.i, (src.right_edge.i + 1) if src is not None else to.i + 1)
        a, b = max(host.left_edge.i, sent[0]), min(host.right_edge.i + 1, sent[1])
        if phrase[0] < a or phrase[1] > b:
            # the parse hung the phrase elsewhere: use the rest of the sentence
            a, b = sent
        frags = fragments(doc, [(a, phrase[0]), (phrase[1], b)])
        if not frags:
            continue
        mention = mention_range(src, lay) if src is not None else None
        for i, j in frags:
            (i, j), held = grow_over_quotes(lay, i, j)
            yield Candidate(
                content=_content_chars(lay, i, j),
                cue=(t.i, t.i + 2),
                mention=mention,
                pattern="according_to",
                cue_class="speech",
                mention_head=src.i if src is not None and mention else None,
                quoted=held,
                cue_head=t.i,
            )


def fragments(doc: Doc, parts: list[TokRange]) -> list[TokRange]:
    """A content interrupted by its attribution ("Many of the closures, he said, have
    involved ...") is one quote per part when every part has 4+ words, else one span
    from the first start to the last end (the annotation guide's rule)."""
    parts = [r for r in (trim(doc, *p) for p in parts) if r[1] > r[0]]
    if len(parts) > 1 and min(_words(doc, r) for r in parts) < 4:
        return [(parts[0][0], parts[-1][1])]
    return parts


def _words(doc: Doc, r: TokRange) -> int:
    return sum(1 for x in range(*r) if not doc[x].is_punct and not doc[x].is_space)


# ----------------------------------------------------------------- colon and headlines


def colon_lines(lay: Layout, lex: Lexicon) -> Iterator[Candidate]:
    """``Trump: ‘I’m the worst thing ...’`` / ``Poll: Clinton leads``: a short verbless
    name phrase opening a paragraph, a colon, and what it said."""
    doc = lay.doc
    starts = lay.para_start
    for p, s in enumerate(starts):
        e = starts[p + 1] if p + 1 < len(starts) else len(doc)
        while s < e and doc[s].is_space:
            s += 1
        colon = None
        for x in range(s, min(e, s + 9)):
            if doc[x].text == ":":
                colon = x
                break
            if lay.quote[x] >= 0 or lay.mark[x] >= 0:
                break
        if colon is None or colon == s:
            continue
        head = doc[s:colon]
        if any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") for t in head) or not doc[s].text[:1].isupper():
            continue
        if not any(t.pos_ in ("PROPN", "NOUN") for t in head):
            continue
        if lex.verb_by_form(doc[colon - 1].text) is not None and doc[colon - 1].pos_ == "VERB":
            continue  # "X said:" is the verb's business
        if any(t.lower_ in lex.colon_non_sources for t in head):
            continue  # "Editor's note:", "Q:", "Follow X on Twitter:", "Breaking:"
        if not _names_a_source(head):
            continue  # "Veto Power Impedes Peace Efforts: ...", a title-cased heading
        i, j = trim(doc, colon + 1, e)
        if j <= i or (_words(doc, (i, j)) < 5 and lay.mark[i] < 0):
            continue  # "Christie: A closing surge." is a section heading
        (i, j), held = grow_over_quotes(lay, i, j)
        if i <= colon:
            continue
        yield Candidate(
            content=_content_chars(lay, i, j),
            cue=(colon, colon + 1),
            mention=trim(doc, s, colon, keep_marks=False),
            pattern="colon_line",
            cue_class="speech",
            mention_head=colon - 1,
            quoted=held,
            cue_head=colon,
        )


_SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})


def _names_a_source(head: Span) -> bool:
    """Whether the words before a colon can be a speaker: one or two words (``Trump:``,
    ``Police:``), or a longer phrase holding a name or a speaker noun (``Senate Democrats:``,
    ``Senior administration officials:``), not a heading's run of capitalized words."""
    words = [t for t in head if t.is_alpha]
    if len(words) <= 2:
        return True
    lex = title_lexicon()
    return any(
        t.ent_type_ in _SOURCE_ENTS or is_title(t) or t.lower_ in lex.org_heads or t.lower_ in lex.group_heads
        for t in words
    )


def is_title_cased(doc: Doc, s: int, e: int) -> bool:
    """A headline-style line: most content words capitalized."""
    words = [t for t in doc[s:e] if t.is_alpha and not t.is_stop]
    if len(words) < 3:
        return False
    caps = sum(1 for t in words if t.text[:1].isupper())
    return caps >= 0.75 * len(words)


def headlines(lay: Layout, lex: Lexicon) -> Iterator[tuple[TokRange, Candidate]]:
    """Title-cased lines: ``China Will Work With Russia ..., Says Ambassador to Moscow`` and
    ``Trump Says Clinton Should ...``. The parser mis-tags title case, so these are read
    from the token sequence. Yields the line's token range with the candidate, so the
    caller can drop parse-based guesses on the same line."""
    doc = lay.doc
    starts = lay.para_start
    for p, s in enumerate(starts):
        e = starts[p + 1] if p + 1 < len(starts) else len(doc)
        while e > s and doc[e - 1].is_space:
            e -= 1
        if e - s < 4 or e - s > 40 or not is_title_cased(doc, s, e):
            continue
        for x in range(s + 1, e - 1):
            t = doc[x]
            if not t.text[:1].isupper() or lay.quote[x] >= 0:
                continue
            cv = lex.verb_by_form(t.text)
            if cv is None or cv.cls not in ("speech", "belief", "evidence") or t.lower_.endswith("ing"):
                continue
            if _ends_a_name(doc, s, x):
                continue  # the "Post" of "Washington Post", a name, not a verb
            if doc[x - 1].text == ",":  # "..., Says X"
                content = trim(doc, s, x - 1)
                mention = trim(doc, x + 1, e, keep_marks=False)
                if content[1] - content[0] >= 3 and 0 < mention[1] - mention[0] <= 8:
                    yield (s, e), _headline_candidate(lay, content, (x, x + 1), mention, cv.cls)
                    break
            elif x - s <= 6 and all(doc[y].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PART") or doc[y].text[:1].isupper() for y in range(s, x)):
                content = trim(doc, x + 1, e)
                mention = trim(doc, s, x, keep_marks=False)
                if content[1] - content[0] >= 2 and mention[1] > mention[0]:
                    yield (s, e), _headline_candidate(lay, content, (x, x + 1), mention, cv.cls)
                    break


def _ends_a_name(doc: Doc, s: int, x: int) -> bool:
    """Whether headline token ``x`` closes a name that the article uses again (``Washington
    Post Hit Piece ...`` with ``The Washington Post ran ...`` below). NER glues title-cased
    verbs to names too (``Obama Sees``), so the repetition is the evidence, not the tag."""
    a = x
    while a > s and doc[a - 1].text[:1].isupper() and doc[a - 1].is_alpha:
        a -= 1
    if a == x:
        return False
    name = doc[a : x + 1].text
    return doc.text.count(name) >= 2


def _headline_candidate(lay: Layout, content: TokRange, cue: TokRange, mention: TokRange, cls: str) -> Candidate:
    (i, j), held = grow_over_quotes(lay, *content)
    return Candidate(
        content=_content_chars(lay, i, j),
        cue=cue,
        mention=mention,
        pattern="headline",
        cue_class=cls,
        mention_head=mention[1] - 1,
        quoted=held,
        cue_head=cue[0],
    )
