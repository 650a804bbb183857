"""The span ranker: gradient-boosted trees (LightGBM) that choose among the rules' and the
parse's candidates (:mod:`quotes.learned.candidates`).

Four boosters, one per decision, over the features of :mod:`quotes.learned.features`:

* ``cue``: is this token an attribution cue (kept when its score reaches ``threshold``)?
* ``content``, ``source``, ``cue_span``: which of the cue's candidate spans is the one (the
  highest score wins; for sources, a ``none`` row competes: no source)?

Accepted cues are settled like the rules do: of two overlapping contents the higher-scored cue
stays. Rules attributions that head no cue candidate (floating quotes, the second part of a
quote interrupted by its cue, further quotations of the same cue) pass through where nothing
accepted overlaps them. The result is a list of :class:`~quotes.attribution.detect.Attribution` records,
so the speaker resolver runs on them as on the rules'.

A saved model is a folder: ``span_ranker.json`` (settings, lemma table, feature vocabularies)
and one LightGBM text file per booster.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from spacy.tokens import Doc

from quotes.attribution.confidence import mention_kind
from quotes.attribution.detect import Attribution
from quotes.errors import ModelError
from quotes.learned.candidates import CueCandidate, SpanCandidate, candidates, rules_unranked
from quotes.learned.features import DocInfo, Vocab, content_features, cue_features, cue_span_features, source_features
from quotes.records import Quote, Span
from quotes.text.layout import Layout
from quotes.text.quote_kind import content_kind

TABLES = ("cue", "content", "source", "cue_span")
SETTINGS_FILE = "span_ranker.json"
FORMAT = 1
NONE_SOURCE = SpanCandidate(-1, -1, (0, 0), {"none"})


@dataclass
class DocTables:
    """One document's candidates and their feature rows, per table; ``groups[t][k]`` is the
    row range of cue ``k``'s spans in table ``t`` (empty for the cue table)."""

    cands: list[CueCandidate]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in TABLES})
    groups: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: {t: [] for t in TABLES})


def lemma_prior(table: dict[str, list[float]], lemma: str) -> tuple[float, float]:
    """(smoothed share of the lemma's tokens that head a cue, log count of the lemma)."""
    cues, total = table.get(lemma, (0.0, 0.0))
    return (cues + 0.1) / (total + 1.0), math.log1p(total)


def doc_tables(doc: Doc, lay: Layout, rules: list, prior: dict[str, list[float]], lemmas: Any,
               statement_nouns: frozenset[str] = frozenset()) -> DocTables:
    """Candidates of ``doc`` and the feature rows of all four tables."""
    cands = candidates(doc, lay, rules, lemmas, statement_nouns)
    out = DocTables(cands)
    info = DocInfo(lay)
    for c in cands:
        v = doc[c.head]
        out.rows["cue"].append(cue_features(v, lay, c, lemma_prior(prior, v.lemma_.lower())))
        for table, spans, feat in (
            ("content", c.contents, content_features),
            ("source", c.sources + [NONE_SOURCE], source_features),
            ("cue_span", c.cues, cue_span_features),
        ):
            a = len(out.rows[table])
            for s in spans:
                if s is NONE_SOURCE:
                    out.rows[table].append({"none": 1.0, "n_cands": float(len(spans) - 1)})
                else:
                    out.rows[table].append(feat(s, v, lay, spans, info))
            out.groups[table].append((a, len(out.rows[table])))
    return out


class SpanRanker:
    """The boosters, their vocabularies, the lemma table and the decision settings."""

    def __init__(self, boosters: dict[str, Any], vocabs: dict[str, Vocab], prior: dict[str, list[float]],
                 settings: Optional[dict[str, Any]] = None):
        self.boosters = boosters
        self.vocabs = vocabs
        self.prior = prior
        self.settings = {"threshold": 0.5, "min_lemma_cues": 2, "min_lemma_share": 0.05}
        self.settings.update(settings or {})

    @property
    def cue_lemmas(self) -> frozenset[str]:
        """The lemmas that make a token a cue candidate (with the rules' own cues)."""
        s = self.settings
        return frozenset(
            lemma for lemma, (cues, total) in self.prior.items()
            if cues >= s["min_lemma_cues"] and cues / max(1.0, total) >= s["min_lemma_share"]
        )

    def scores(self, tables: DocTables) -> dict[str, list[float]]:
        """The boosters' scores of every row of every table."""
        out = {}
        for t in TABLES:
            rows = tables.rows[t]
            out[t] = list(self.boosters[t].predict(self.vocabs[t].matrix(rows))) if rows else []
        return out

    def predict(self, doc: Doc, lay: Layout, rules: list, statement_nouns: frozenset[str] = frozenset(),
                threshold: Optional[float] = None) -> list[Attribution]:
        """The attributions of ``doc``, in text order."""
        tables = doc_tables(doc, lay, rules, self.prior, self.cue_lemmas, statement_nouns)
        return self.decide(doc, lay, rules, tables, self.scores(tables), threshold)

    def decide(self, doc: Doc, lay: Layout, rules: list, tables: DocTables, scores: dict[str, list[float]],
               threshold: Optional[float] = None) -> list[Attribution]:
        """Accepted cues with their best spans, overlaps settled (see the module docstring)."""
        thr = self.settings["threshold"] if threshold is None else threshold
        picked = []
        for k, c in enumerate(tables.cands):
            p = scores["cue"][k]
            if p < thr:
                continue
            content = _best(c.contents, scores["content"], tables.groups["content"][k])
            if content is None:
                continue
            source = _best(c.sources + [NONE_SOURCE], scores["source"], tables.groups["source"][k])
            cue = _best(c.cues, scores["cue_span"], tables.groups["cue_span"][k])
            picked.append((p, c, content, source, cue))
        picked.sort(key=lambda x: -x[0])
        kept: list[tuple] = []
        for item in picked:
            content = item[2]
            if any(content.start < o[2].end and o[2].start < content.end for o in kept):
                continue
            kept.append(item)
        out = [_attribution(doc, lay, *item) for item in kept]
        for a in rules_unranked(rules, tables.cands):
            if not any(a.quote.start < o.quote.end and o.quote.start < a.quote.end for o in out):
                out.append(a)
        out.sort(key=lambda a: (a.quote.start, a.quote.end))
        return out

    # ------------------------------------------------------------------ files

    def save(self, path: Union[str, Path], extra: Optional[dict[str, Any]] = None) -> None:
        root = Path(path)
        root.mkdir(parents=True, exist_ok=True)
        for t in TABLES:
            self.boosters[t].save_model(str(root / f"{t}.lgb.txt"))
        data = {"format": FORMAT, "settings": self.settings, "prior": self.prior,
                "vocabs": {t: v.to_dict() for t, v in self.vocabs.items()}}
        data.update(extra or {})
        (root / SETTINGS_FILE).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Union[str, Path]) -> "SpanRanker":
        root = Path(path)
        try:
            import lightgbm as lgb
        except ModuleNotFoundError:
            raise ModelError("the span ranker needs lightgbm, which is not installed; pip install 'quotes[ranker]'") from None
        try:
            data = json.loads((root / SETTINGS_FILE).read_text(encoding="utf-8"))
            boosters = {t: lgb.Booster(model_file=str(root / f"{t}.lgb.txt")) for t in TABLES}
        except (OSError, ValueError, lgb.basic.LightGBMError) as exc:
            raise ModelError(f"{root}: not a span ranker model ({exc})") from None
        if data.get("format") != FORMAT:
            raise ModelError(f"{root}: span ranker format {data.get('format')!r}, expected {FORMAT}")
        vocabs = {t: Vocab.from_dict(v) for t, v in data["vocabs"].items()}
        return cls(boosters, vocabs, {k: list(v) for k, v in data["prior"].items()}, data["settings"])


def _best(spans: list[SpanCandidate], scores: list[float], rng: tuple[int, int]) -> Optional[SpanCandidate]:
    a, b = rng
    if b <= a:
        return None
    k = max(range(a, b), key=lambda x: scores[x])
    return spans[k - a]


def _attribution(doc: Doc, lay: Layout, p: float, c: CueCandidate, content: SpanCandidate,
                 source: Optional[SpanCandidate], cue: Optional[SpanCandidate]) -> Attribution:
    text = lay.text
    if source is NONE_SOURCE:
        source = None
    mention_tokens = source.tokens if source is not None else None
    mention_head = None
    if mention_tokens is not None:
        i, j = mention_tokens
        mention_head = next((x for x in range(i, j) if not (i <= doc[x].head.i < j)), i)
    pattern = c.rules.features.get("pattern", "ranked") if c.rules is not None else "ranked"
    quote = Quote(
        start=content.start,
        end=content.end,
        text=text[content.start : content.end],
        kind=content_kind(text, ((content.start, content.end),), lay.quotations),
        cue=Span.of(text, cue.start, cue.end) if cue is not None else None,
        mention=Span.of(text, source.start, source.end) if source is not None else None,
        confidence=round(float(p), 4),
    )
    features = {
        "pattern": pattern,
        "cue_class": c.rules.features.get("cue_class") if c.rules is not None else None,
        "mention_kind": mention_kind(doc, mention_tokens, mention_head),
        "ranker": round(float(p), 4),
    }
    if mention_head is not None:
        features["mention_head"] = mention_head
    return Attribution(quote=quote, mention_tokens=mention_tokens, cue_tokens=cue.tokens if cue is not None else c.rules and c.rules.cue_tokens,
                       inherit_from=None, features=features)
