"""Features of the span ranker's candidates (:mod:`quotes.learned.candidates`).

Each candidate becomes a flat dict of numbers and strings; :class:`Vocab` turns the strings into
category ids for LightGBM (ids learned on the training data, 0 for anything unseen). Four
tables: cues (is this token an attribution cue?), contents, sources and cue spans (which of a
cue's spans is the one?). Span features read the span's edges, length and position against
the cue and the sentence, the parse around its edges, and which generators proposed it.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

from spacy.tokens import Doc, Token

from quotes.learned.candidates import CueCandidate, SpanCandidate
from quotes.text.layout import Layout

_COMPLEMENTS = ("ccomp", "xcomp", "dobj", "oprd", "acomp", "advcl", "attr", "pobj", "pcomp")
CONTENT_KINDS = (
    "rules", "after-cue", "after-cue-next", "after-cue-next2", "before-cue", "before-cue-nothat", "before-cue-last",
    "host-left", "host", "rules-next", "sentence", "sentence-next", "sentence-next2", "objects", "objects-comma",
    "nested", "nested-to-end", "relcl-head", "after-colon", "after-colon-next",
) + tuple(f"{dep}{suffix}" for dep in _COMPLEMENTS for suffix in ("", "-nothat", "-cut", "-to-end", "-next", "-comma"))
SOURCE_KINDS = ("rules", "relative") + tuple(
    f"{kind}{suffix}"
    for kind in ("subj", "agent", "poss", "compound", "pobj-to", "pobj-by", "pobj-from", "pobj-according")
    for suffix in ("", "-head", "-comma", "-chunk", "-cut")
)
CUE_KINDS = ("rules", "head", "aux", "right", "aux-right")
FUNCTION_WORDS = frozenset(
    "that to of the a an in on for by with as if whether and but or because while which who what how when where "
    "it he she they we i you his her their its this these those there not no".split()
)


def _word(t: Optional[Token]) -> str:
    if t is None:
        return "<none>"
    if t.is_punct or t.lower_ in FUNCTION_WORDS:
        return t.lower_
    return t.pos_


def _tok(doc: Doc, x: int) -> Optional[Token]:
    return doc[x] if 0 <= x < len(doc) else None


def _prev_word(doc: Doc, x: int) -> Optional[Token]:
    x -= 1
    while x >= 0 and doc[x].is_space:
        x -= 1
    return _tok(doc, x)


def _next_word(doc: Doc, x: int) -> Optional[Token]:
    while x < len(doc) and doc[x].is_space:
        x += 1
    return _tok(doc, x)


class DocInfo:
    """Per-token facts of one document in plain lists and prefix sums, so that span features
    cost O(1) per span instead of a walk over its tokens."""

    def __init__(self, lay: Layout):
        doc = lay.doc
        self.head = [t.head.i for t in doc]
        cols = {
            "verbs": [t.pos_ in ("VERB", "AUX") for t in doc],
            "commas": [t.text == "," for t in doc],
            "marks": [m >= 0 for m in lay.mark],
            "quoted": [q >= 0 for q in lay.quote],
            "ents": [t.ent_iob_ == "B" for t in doc],
        }
        self.prefix = {}
        for name, col in cols.items():
            acc, run = [0], 0
            for b in col:
                run += int(b)
                acc.append(run)
            self.prefix[name] = acc

    def count(self, name: str, i: int, j: int) -> float:
        p = self.prefix[name]
        return float(p[j] - p[i])

    def roots(self, i: int, j: int) -> float:
        return float(sum(1 for x in range(i, j) if not (i <= self.head[x] < j)))


def cue_features(v: Token, lay: Layout, cand: CueCandidate, prior: tuple[float, float]) -> dict[str, Any]:
    """Is ``v`` an attribution cue? ``prior``: (share of its lemma's tokens that are cues on
    the training data, log count of the lemma there)."""
    doc = lay.doc
    deps = {ch.dep_ for ch in v.children}
    subj = next((ch for ch in v.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    s0, s1 = lay.sent_bounds(v.i)
    rules = cand.rules
    f: dict[str, Any] = {
        "prior": prior[0],
        "lemma_count": prior[1],
        "lemma": v.lemma_.lower(),
        "pos": v.pos_,
        "tag": v.tag_,
        "dep": v.dep_,
        "head_pos": v.head.pos_,
        "head_dep": v.head.dep_,
        "head_lemma": v.head.lemma_.lower(),
        "prev": _word(_prev_word(doc, v.i)),
        "next": _word(_next_word(doc, v.i + 1)),
        "subj_ent": subj.ent_type_ if subj is not None and subj.ent_type_ else ("<none>" if subj is None else subj.pos_),
        "subj_pron": float(subj is not None and subj.pos_ == "PRON"),
        "rules": float(rules is not None),
        "rules_pattern": rules.features.get("pattern", "") if rules is not None else "<none>",
        "rules_conf": rules.quote.confidence if rules is not None else -1.0,
        "sent_pos": (v.i - s0) / max(1, s1 - s0),
        "sent_len": float(s1 - s0),
        "sent_quoted": float(any(lay.mark[x] >= 0 for x in range(s0, s1))),
        "n_contents": float(len(cand.contents)),
        "n_sources": float(len(cand.sources)),
        "max_content": max((c.tokens[1] - c.tokens[0] for c in cand.contents), default=0) / max(1, s1 - s0),
    }
    for d in ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "advcl", "neg", "aux", "prt"):
        f["has_" + d] = float(d in deps)
    return f


def span_features(
    c: SpanCandidate, v: Token, lay: Layout, kinds: Sequence[str], group: Sequence[SpanCandidate], info: DocInfo
) -> dict[str, Any]:
    """Features shared by content, source and cue spans."""
    doc = lay.doc
    i, j = c.tokens
    s0, s1 = lay.sent_bounds(v.i)
    n = max(1, j - i)
    first, last = _tok(doc, i), _tok(doc, j - 1)
    lens = sorted({g.tokens[1] - g.tokens[0] for g in group})
    f: dict[str, Any] = {
        "len": float(n),
        "len_rank": lens.index(j - i) / max(1, len(lens) - 1) if (j - i) in lens else -1.0,
        "n_cands": float(len(group)),
        "n_kinds": float(len(c.kinds)),
        "start_rel": float(i - v.i),
        "end_rel": float(j - 1 - v.i),
        "covers_cue": float(i <= v.i < j),
        "at_sent_start": float(i <= s0),
        "at_sent_end": float(j >= s1),
        "past_sent": float(j > s1),
        "before_sent": float(i < s0),
        "len_sent": n / max(1, s1 - s0),
        "first": _word(first),
        "first_dep": first.dep_ if first is not None else "<none>",
        "last": _word(last),
        "last_dep": last.dep_ if last is not None else "<none>",
        "before": _word(_prev_word(doc, i)),
        "after": _word(_next_word(doc, j)),
        "verbs": info.count("verbs", i, j),
        "commas": info.count("commas", i, j),
        "marks": info.count("marks", i, j),
        "quoted_share": info.count("quoted", i, j) / n,
        "ents": info.count("ents", i, j),
        "root_in": info.roots(i, j),
        "log_len": math.log(n),
    }
    for k in kinds:
        f["k_" + k] = float(k in c.kinds)
    return f


def content_features(c: SpanCandidate, v: Token, lay: Layout, group: Sequence[SpanCandidate], info: DocInfo) -> dict[str, Any]:
    f = span_features(c, v, lay, CONTENT_KINDS, group, info)
    f["cue_lemma"] = v.lemma_.lower()
    f["cue_pos"] = v.pos_
    f["cue_dep"] = v.dep_
    return f


def source_features(c: SpanCandidate, v: Token, lay: Layout, group: Sequence[SpanCandidate], info: DocInfo) -> dict[str, Any]:
    doc = lay.doc
    f = span_features(c, v, lay, SOURCE_KINDS, group, info)
    i, j = c.tokens
    head = doc[next((x for x in range(i, j) if not (i <= info.head[x] < j)), i)]
    f["head_pos"] = head.pos_
    f["head_ent"] = head.ent_type_ or "<none>"
    f["head_dep"] = head.dep_
    f["has_relcl"] = float(any(doc[x].dep_ == "relcl" for x in range(i, j)))
    f["has_appos"] = float(any(doc[x].dep_ == "appos" for x in range(i, j)))
    f["cue_pos"] = v.pos_
    return f


def cue_span_features(c: SpanCandidate, v: Token, lay: Layout, group: Sequence[SpanCandidate], info: DocInfo) -> dict[str, Any]:
    f = span_features(c, v, lay, CUE_KINDS, group, info)
    f["cue_lemma"] = v.lemma_.lower()
    f["cue_pos"] = v.pos_
    f["cue_tag"] = v.tag_
    return f


class Vocab:
    """Feature names and the category ids of string features, fixed on the training data."""

    def __init__(self, names: Optional[list[str]] = None, categories: Optional[dict[str, dict[str, int]]] = None):
        self.names = names or []
        self.categories = categories or {}

    @classmethod
    def fit(cls, rows: list[dict[str, Any]], min_count: int = 3) -> "Vocab":
        names: dict[str, None] = {}
        counts: dict[str, dict[str, int]] = {}
        for r in rows:
            for k, val in r.items():
                names.setdefault(k, None)
                if isinstance(val, str):
                    counts.setdefault(k, {})
                    counts[k][val] = counts[k].get(val, 0) + 1
        cats = {}
        for k, cs in counts.items():
            kept = sorted(v for v, n in cs.items() if n >= min_count)
            cats[k] = {v: i + 1 for i, v in enumerate(kept)}
        return cls(list(names), cats)

    @property
    def categorical(self) -> list[int]:
        return [i for i, n in enumerate(self.names) if n in self.categories]

    def matrix(self, rows: list[dict[str, Any]]) -> Any:
        import numpy as np

        x = np.full((len(rows), len(self.names)), np.nan, dtype=np.float64)
        for r, row in enumerate(rows):
            for c, name in enumerate(self.names):
                val = row.get(name)
                if val is None:
                    continue
                if name in self.categories:
                    x[r, c] = self.categories[name].get(val, 0) if isinstance(val, str) else 0
                else:
                    x[r, c] = float(val)
        return x

    def to_dict(self) -> dict[str, Any]:
        return {"names": self.names, "categories": self.categories}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Vocab":
        return cls(list(data["names"]), {k: dict(v) for k, v in data["categories"].items()})
