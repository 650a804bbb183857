"""Direct quotations: attribute each quoted span that no reported clause already holds.

The spans come from the raw text (:mod:`quotes.text.marks`); the attribution is looked for,
in order, right after the closing mark (``“...,” Zhang told Interfax``, ``“...,” said
Lavrov``), right before the opening mark (``X said: “...”``, ``X told reporters that
“...”``), at the end of the previous paragraph (a colon introduction), behind a dash
(``“...” – Commissioner X``). A quotation with none of these continues the speaker of
the quotation before it in the same paragraph, or — opening a paragraph — floats on the
previous paragraph's speaker (unless it is a title-cased quoted section heading alone on
its line). Anything else short or title-like is a scare quote or a name and is not reported.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from quotes.attribution.candidate import Candidate, TokRange, trim
from quotes.attribution.clauses import direct_content
from quotes.attribution.cues import CueLexicon
from quotes.attribution.mentions import cue_range, mention_range, outside_subject, subject_of
from quotes.text.layout import Layout

MAX_AFTER = 30  # tokens between a closing mark and its cue verb (long appositive subjects)
MAX_BEFORE = 14  # tokens between a cue verb and the opening mark ("said in a statement on Tuesday:")
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp", "parataxis", "conj", "relcl", "acl"})
NP_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM", "PART", "CCONJ", "ADP", "PUNCT", "SPACE"})
SPEECH_END = frozenset(",.!?…:;—–-")


def attribute_quotes(lay: Layout, lex: CueLexicon, taken: list[Candidate]) -> list[Candidate]:
    """Candidates for the quoted spans not inside ``taken`` contents or mentions."""
    doc = lay.doc
    covered = set()
    busy: list[TokRange] = []
    for c in taken:
        covered.update(c.quoted)
        if c.mention:
            busy.append(c.mention)
    out: list[Candidate] = []
    for k, q in enumerate(lay.quoted):
        if k in covered or lay.is_blocked(q.open):
            continue
        o, cl = _mark_tokens(lay, k)
        if o is None:
            continue
        if any(m[0] <= o < m[1] for m in busy):
            continue  # a quoted name inside a speaker's mention
        start, end = direct_content(lay.text, q.start, q.end)
        if end <= start:
            continue
        words = len(lay.text[start:end].split())
        cand = (
            _after(lay, lex, k, o, cl, words)
            or _before(lay, lex, k, o, words)
            or _colon_intro(lay, lex, k, o)
            or _dash(lay, lex, k, cl)
        )
        if cand is not None:
            cand.content = (start, end)
            out.append(cand)
            continue
        prev = _previous(taken, out, q.open)
        if prev is None or not _speech_like(lay.text, start, end, words) or not _opens_sentence(lay, o):
            continue
        same_para = lay.para[prev_token(doc, prev)] == lay.para[o]
        if same_para and prev.pattern != "floating":
            out.append(
                Candidate(
                    content=(start, end),
                    cue=prev.cue,
                    mention=prev.mention,
                    pattern="continuation",
                    cue_class=prev.cue_class,
                    mention_head=prev.mention_head,
                    parent=prev,
                    quoted=[k],
                    cue_head=prev.cue_head,
                )
            )
        elif (
            lay.starts_paragraph(q.open)
            and lay.para[prev_token(doc, prev)] >= lay.para[o] - 1
            and not _is_heading(lay.text, q.open, start, end, words)
        ):
            out.append(
                Candidate(content=(start, end), cue=None, mention=None, pattern="floating", parent=prev, quoted=[k])
            )
    return out


def prev_token(doc: Doc, c: Candidate) -> int:
    """A token index inside the candidate's content (its last one)."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    return span.end - 1 if span is not None and len(span) else 0


def _previous(taken: list[Candidate], found: list[Candidate], before: int) -> Optional[Candidate]:
    best = None
    for c in (*taken, *found):
        if c.end <= before + 1 and (best is None or c.end > best.end):
            best = c
    return best


def _opens_sentence(lay: Layout, o: int) -> bool:
    """A quotation that continues a speaker stands as its own sentence; one inside a
    sentence (``on ABC's “This Week.”``, ``because she “appeared to be ...”``) is a title
    or a fragment the sentence's own words account for."""
    doc = lay.doc
    x = o - 1
    while x >= 0 and doc[x].is_space:
        x -= 1
    if x < 0 or lay.para[x] != lay.para[o]:
        return True
    t = doc[x]
    if t.text in (".", "!", "?", ":", "…", ";"):
        return True
    return lay.is_close[x] and x > 0 and doc[x - 1].text in (".", "!", "?", ",", "…", "—", "-")


def _speech_like(text: str, start: int, end: int, words: int) -> bool:
    """Long enough, or ends like a sentence: not a scare quote or a title."""
    return words >= 5 or (words >= 2 and text[end - 1] in ".!?…")


HEADING_SMALL = frozenset("a an and as at but by for in is of on or the to with".split())


def _is_heading(text: str, open_char: int, start: int, end: int, words: int) -> bool:
    """A quoted section heading: ``'All Bets Are Off.'`` alone on its line, every major word capitalised.

    Some feeds (NYT on PolNeAR) render subheadings as a short quoted paragraph; floating it onto
    the previous paragraph's speaker invents a quote. On PolNeAR train, the 7 paragraphs that are a
    title-cased (or upper-case) quotation of at most 8 words carry no gold attribution.
    """
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end]
    if words > 8 or not _only_closing(rest) or text[open_char:start].strip() not in ("", "'", '"', "“", "‘"):
        return False
    majors = [w for w in text[start:end].split() if w.strip(".,!?'\"").lower() not in HEADING_SMALL]
    return bool(majors) and all(w.lstrip("'\"“‘(")[:1].isupper() for w in majors)


def _only_closing(rest: str) -> bool:
    """Whether what follows a quotation's content on its line is only closing marks and punctuation."""
    return all(c in "'\"”’.!?,;: \t\u00a0" for c in rest)


def _mark_tokens(lay: Layout, k: int) -> tuple[Optional[int], Optional[int]]:
    q = lay.quoted[k]
    a, _ = lay.tokens_of(q.open, q.open + 1)
    if lay.mark[a] != k:
        return None, None
    cl = None
    if q.close >= 0:
        c, _ = lay.tokens_of(q.close, q.close + 1)
        if lay.mark[c] == k:
            cl = c
    return a, cl


def _is_short_title(lay: Layout, k: int, words: int) -> bool:
    """``the “Group of Friends”``: a few words with no closing punctuation of speech."""
    q = lay.quoted[k]
    inner = lay.text[q.start : q.end].rstrip()
    if words > 4:
        return False
    return not inner or inner[-1] not in SPEECH_END


def _after(lay: Layout, lex: CueLexicon, k: int, o: int, cl: Optional[int], words: int) -> Optional[Candidate]:
    """``“...,” Zhang told Interfax`` / ``“...,” said Lavrov`` / ``“...” he added.``"""
    if cl is None:
        return None
    doc = lay.doc
    q = lay.quoted[k]
    title = _is_short_title(lay, k, words)
    nxt = cl + 1
    comma_after = nxt < len(doc) and doc[nxt].text == ","
    if title and not comma_after:
        return None
    p_end = lay.para_bounds(cl)[1]
    limit = min(len(doc), cl + 1 + MAX_AFTER, p_end)
    for x in range(cl + 1, limit):
        t = doc[x]
        if lay.mark[x] >= 0 or lay.quote[x] >= 0 or t.text in (".", "?", "!", ";"):
            return None
        cv = lex.verb(t)
        if cv is None or not cv.takes("quote"):
            if t.pos_ == "VERB" and not _between_ok(doc, cl + 1, x + 1, t):
                return None
            continue
        if not _between_ok(doc, cl + 1, x, t):
            return None
        if _quote_is_subject_of(lay, k, t):
            return None
        subj = subject_of(t, lex.statement_nouns, lex.issue_verbs)
        mention = None
        if subj is not None and not (o <= subj.i <= cl):
            mention = mention_range(subj, lay, avoid=(o, cl + 1), cue=t)
        if mention is None:
            mention = _np_after(lay, x) if x == _first_word(doc, cl + 1) else _np_between(lay, cl + 1, x)
        return Candidate(
            content=(q.start, q.end),
            cue=cue_range(t, lex),
            mention=mention,
            pattern="direct_after" if mention else "direct_after_nomention",
            cue_class=cv.cls,
            mention_head=subj.i if subj is not None and mention else (mention[1] - 1 if mention else None),
            quoted=[k],
            cue_head=t.i,
        )
    return None


def _first_word(doc: Doc, i: int) -> int:
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return i


def _between_ok(doc: Doc, i: int, j: int, v: Token) -> bool:
    """Tokens between a closing mark and the cue verb must be the verb's subject phrase,
    auxiliaries and adverbs, or punctuation — not another clause."""
    for x in range(i, j):
        t = doc[x]
        if t.is_punct or t.is_space:
            continue
        y, ok = t, False
        for _ in range(12):
            if y is v:
                ok = True
                break
            if y.dep_ in CLAUSE_DEPS and y.head is v:
                break
            if y.head is y:
                break
            y = y.head
        if not ok and not (t.pos_ in NP_POS and x - i < 10):
            return False
    return True


def _quote_is_subject_of(lay: Layout, k: int, v: Token) -> bool:
    """``the “Group of Friends” said``: the quotation is the speaker, not the speech.
    A verb with a subject outside the quotation as well (``“..., it will,” said Lopez``:
    the parse also hangs a pronoun of the quotation on ``said``) has its speaker there."""
    subjects = [ch for ch in v.children if ch.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or any(lay.quote[ch.i] != k and lay.mark[ch.i] != k for ch in subjects):
        return False
    subj = subjects[0]
    a, b = subj.left_edge.i, subj.right_edge.i
    return any(lay.quote[x] == k for x in range(a, b + 1))


def _np_after(lay: Layout, v: int) -> Optional[TokRange]:
    """The subject of an inverted cue (``said Lavrov, Russia's foreign minister``)."""
    doc = lay.doc
    end = lay.sent_bounds(v)[1]
    j = v + 1
    while j < end and doc[j].pos_ in NP_POS and doc[j].text not in (".", ";", "?", "!") and lay.mark[j] < 0:
        j += 1
    i, j = trim(doc, v + 1, j, keep_marks=False)
    return (i, j) if j > i else None


def _np_between(lay: Layout, i: int, j: int) -> Optional[TokRange]:
    i, j = trim(lay.doc, i, j, keep_marks=False)
    return (i, j) if j > i else None


def _before(lay: Layout, lex: CueLexicon, k: int, o: int, words: int) -> Optional[Candidate]:
    """``X said: “...”`` / ``X said, “...”`` / ``X told reporters that “...”``."""
    doc = lay.doc
    q = lay.quoted[k]
    p0 = lay.para_bounds(o)[0]
    x = o - 1
    lead = []
    colon = None
    while x >= p0 and (doc[x].text in (":", ",", "—", "–", "-") or doc[x].is_space or (doc[x].lower_ == "that" and doc[x].dep_ in ("mark", "complm", "nsubj", "dobj"))):
        lead.append(doc[x].text)
        if doc[x].text == ":" and colon is None:
            colon = x
        x -= 1
    if x < p0 or doc[x].text in (".", "!", "?", ";"):
        return None  # the sentence before is not this quotation's introduction
    if _is_short_title(lay, k, words) and not any(c in (":", ",") for c in lead):
        return None
    y = doc[x]
    for _ in range(4):
        if y.i < o - MAX_BEFORE:
            return None
        if lay.quote[y.i] < 0 and lay.mark[y.i] < 0:
            cv = lex.verb(y)
            if cv is not None and (cv.takes("quote") or cv.takes("ccomp")) and y.i < o:
                subj = subject_of(y, lex.statement_nouns, lex.issue_verbs)
                if subj is not None and _speaks_inside_a_quotation(lay, subj):
                    subj = outside_subject(y, subj, lambda z: lay.quote[z] >= 0 or lay.mark[z] >= 0)
                mention = mention_range(subj, lay, avoid=(o, o + 1), cue=y) if subj is not None else None
                if subj is not None and subj.i > o:
                    mention = None
                return Candidate(
                    content=(q.start, q.end),
                    cue=cue_range(y, lex),
                    mention=mention,
                    pattern="direct_before" if mention else "direct_before_nomention",
                    cue_class=cv.cls,
                    mention_head=subj.i if mention else None,
                    quoted=[k],
                    cue_head=y.i,
                )
        if y.head is y or y.dep_ in ("ccomp", "advcl", "relcl", "conj") and y.i != x:
            break
        y = y.head
    if colon is not None:
        return _colon_np(lay, lex, colon, k)
    return None


def _speaks_inside_a_quotation(lay: Layout, subj: Token) -> bool:
    """A subject of a verb inside an earlier quotation (``-- ''That makes me smart'' --
    and, when pressed, asserting, ''...''``): words of that quotation, not a source. A
    quoted name as the subject of an outside verb (``the “Group of Friends” said``) is not."""
    return lay.quote[subj.i] >= 0 and lay.quote[subj.head.i] >= 0


def _colon_np(lay: Layout, lex: CueLexicon, colon: int, k: int) -> Optional[Candidate]:
    """``Trump on Twitter: “...”``: a verbless phrase and a colon introduce the quote."""
    doc = lay.doc
    if colon >= len(doc) or doc[colon].text != ":":
        return None
    s = max(lay.sent_bounds(colon)[0], lay.para_bounds(colon)[0])
    if colon - s > 10 or colon == s:
        return None
    span = doc[s:colon]
    if any(t.pos_ in ("VERB", "AUX") for t in span) or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in span):
        return None
    if any(t.lower_ in lex.colon_non_sources for t in span):
        return None
    q = lay.quoted[k]
    mention = trim(doc, s, colon, keep_marks=False)
    if mention[1] <= mention[0]:
        return None
    return Candidate(
        content=(q.start, q.end),
        cue=(colon, colon + 1),
        mention=mention,
        pattern="direct_colon",
        cue_class="speech",
        mention_head=mention[1] - 1,
        quoted=[k],
        cue_head=colon,
    )


def _colon_intro(lay: Layout, lex: CueLexicon, k: int, o: int) -> Optional[Candidate]:
    """A quotation opening a paragraph after a paragraph that ends with ``said:``."""
    doc = lay.doc
    q = lay.quoted[k]
    if not lay.starts_paragraph(q.open):
        return None
    x = o - 1
    while x >= 0 and doc[x].is_space:
        x -= 1
    if x < 1 or doc[x].text != ":":
        return None
    colon = x
    y = doc[x - 1]
    for _ in range(4):
        if lay.quote[y.i] < 0 and lay.mark[y.i] < 0:
            cv = lex.verb(y)
            if cv is not None and (cv.takes("quote") or cv.takes("ccomp")):
                subj = subject_of(y, lex.statement_nouns, lex.issue_verbs)
                mention = mention_range(subj, lay, cue=y) if subj is not None else None
                return Candidate(
                    content=(q.start, q.end),
                    cue=cue_range(y, lex),
                    mention=mention,
                    pattern="colon_intro",
                    cue_class=cv.cls,
                    mention_head=subj.i if mention else None,
                    quoted=[k],
                    cue_head=y.i,
                )
        if y.head is y or y.i < colon - MAX_BEFORE:
            break
        y = y.head
    return _colon_np(lay, lex, colon, k)


def _dash(lay: Layout, lex: CueLexicon, k: int, cl: Optional[int]) -> Optional[Candidate]:
    """``“...” – Commissioner X``: a dash after the closing mark and a short name phrase
    ending the line. Reader-response lists sign every quotation this way, often with a
    no-break space around the dash or the dash glued to the mark (``...”― Name``), so
    those count too: each quotation then takes its own signer, not the previous one's."""
    if cl is None:
        return None
    doc = lay.doc
    glued = doc[cl].text[-1:] in lex.dash_cues and len(doc[cl].text) > 1
    x = cl if glued else _skip_blank(doc, cl + 1, (",", "."))
    if x >= len(doc) or (not glued and doc[x].text not in lex.dash_cues):
        return None
    dash = x
    p_end = lay.para_bounds(cl)[1]
    i = _skip_blank(doc, dash + 1, ())
    j = i
    while j < p_end and doc[j].text not in (".", ";", "“", '"') and not doc[j].is_space:
        j += 1
    i, j = trim(doc, i, j, keep_marks=False) if j > i else (i, j)
    if j <= i or j - i > 12 or not doc[i].text[:1].isupper():
        return None
    if any(doc[y].pos_ in ("VERB", "AUX") for y in range(i, j)):
        return None
    if not any(doc[y].pos_ == "PROPN" for y in range(i, j)):
        return None
    q = lay.quoted[k]
    return Candidate(
        content=(q.start, q.end),
        cue=(dash, dash + 1),
        mention=(i, j),
        pattern="direct_dash",
        cue_class="speech",
        mention_head=j - 1,
        quoted=[k],
        cue_head=dash,
    )


def _skip_blank(doc: Doc, x: int, also: tuple[str, ...]) -> int:
    """The first token from ``x`` on that is neither a space on the same line (a
    no-break space) nor one of ``also``."""
    while x < len(doc) and (doc[x].text in also or (doc[x].is_space and "\n" not in doc[x].text)):
        x += 1
    return x
