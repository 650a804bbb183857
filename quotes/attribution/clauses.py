"""Content spans: where a reported content starts and ends, in tokens and in characters.

The helpers every rule on reported speech shares (:mod:`.indirect`, :mod:`.according`,
:mod:`.colon_lines`, :mod:`.headlines`, :mod:`.direct`). A content is the subtree of a
complement clipped to the detector's own sentence (:class:`quotes.text.layout.Layout`), cut
before what is not part of the report (a closing participle, a ``while`` clause), and grown
to cover any quotation it cuts through, so that ``Wang said China will “deepen strategic
mutual trust” with Russia`` is one mixed quote.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from quotes.attribution.candidate import TokRange, char_range, trim
from quotes.text.layout import Layout


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


def fragments(doc: Doc, parts: list[TokRange]) -> list[TokRange]:
    """A content interrupted by its attribution ("Many of the closures, he said, have
    involved ...") is one quote per part when every part has 4+ words, else one span
    from the first start to the last end (the annotation guide's rule)."""
    parts = [r for r in (trim(doc, *p) for p in parts) if r[1] > r[0]]
    if len(parts) > 1 and min(words_in(doc, r) for r in parts) < 4:
        return [(parts[0][0], parts[-1][1])]
    return parts


def words_in(doc: Doc, r: TokRange) -> int:
    """Words in the token range ``r``: tokens that are neither punctuation nor blanks."""
    return sum(1 for x in range(*r) if not doc[x].is_punct and not doc[x].is_space)


def content_chars(lay: Layout, i: int, j: int) -> tuple[int, int]:
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
