"""Scoring of predicted quotes against gold annotations (docs/format.md section 4).

Pure functions and records, no I/O: :func:`score_corpus` takes gold and predicted
:class:`~quotes.records.Result` records (and, optionally, the document texts) and returns a
:class:`CorpusScore` that the report module renders. Every rule of the contract lives in one
function of this package, so the terminal table, ``metrics.json`` and the HTML report can
never disagree: span rules in :mod:`quotes.evaluation.spans`, attribution rules in
:mod:`quotes.evaluation.matching`, the figures in :mod:`quotes.evaluation.figures`, and
the document and corpus scoring here.

The rules, in the order they are applied:

1. **Documents** are paired by id. A gold document whose prediction is an error record, or
   that has no prediction at all, counts all its gold quotes as misses (and is listed in the
   warnings); predicted documents absent from the gold are ignored with a warning.
2. **Span normalization** (:func:`~quotes.evaluation.spans.normalize_span`): whitespace, quotation marks and the
   punctuation ``, . ; :`` are stripped at both ends of every content, cue and mention span,
   on offsets, before anything is compared.
3. **Pairing** (:func:`~quotes.evaluation.spans.pair_spans`): per document, gold and predicted quotes are paired one
   to one, greedily, largest character overlap first.
4. **Detection**: a pair is an *overlap* match; it is also an *exact* match when the two
   normalized spans are equal. Precision, recall and F1 overall and per kind (recall per gold
   kind, precision per predicted kind).
5. **Attribution** over overlap-matched pairs: speaker accuracy, strict and lenient
   (:func:`~quotes.evaluation.matching.speaker_match`), mention accuracy (:func:`~quotes.evaluation.matching.mention_match`) and the mean role token
   F1 over pairs with a gold role (:func:`~quotes.evaluation.matching.role_f1`).
6. **End to end**, the headline: F1 where a true positive is an overlap-matched pair whose
   strict speaker (or, for gold with mentions but no names, whose mention) is also right.
7. **Span sets**: exact F1 of the per-document sets of normalized content, cue and mention
   spans, summed over documents (the way PolNeAR results are published).
8. **Reliability**: predicted quotes bucketed by confidence, with the share that is right
   end to end in each bucket.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from quotes.evaluation.figures import PRF, RELIABILITY_EDGES, Accuracy, Mean, ReliabilityBucket
from quotes.evaluation.matching import has_role, mention_match, normalize_speaker, role_f1, speaker_match
from quotes.evaluation.spans import Offsets, PreparedQuote, pair_spans, prepare_quote
from quotes.evaluation.subsets import flagged_speech
from quotes.records import KINDS, Quote, Result

# --------------------------------------------------------------------------- per document records

E2E_MODES = ("auto", "speaker", "mention")
SPAN_ROLES = ("content", "cue", "mention")


@dataclass
class QuotePair:
    """An overlap-matched (gold, predicted) pair and how right its attribution is."""

    gold_index: int
    pred_index: int
    overlap: int
    exact: bool
    speaker_strict: bool
    speaker_lenient: bool
    mention: bool
    role_f1: Optional[float]  # None when the gold quote has no role
    e2e: bool  # right end to end: strict speaker or mention, per the corpus mode


@dataclass
class DocumentScore:
    """Everything scored for one gold document; the report reads quotes and pairs from here.

    ``status`` is ``scored``, ``error`` (the prediction is an error record) or ``missing``
    (no prediction); in the last two cases every gold quote is a miss.
    """

    id: str
    status: str
    gold: list[PreparedQuote]
    pred: list[PreparedQuote]
    pairs: list[QuotePair] = field(default_factory=list)
    error: Optional[str] = None
    text: Optional[str] = None

    @property
    def misses(self) -> list[int]:
        matched = {p.gold_index for p in self.pairs}
        return [i for i in range(len(self.gold)) if i not in matched]

    @property
    def false_alarms(self) -> list[int]:
        matched = {p.pred_index for p in self.pairs}
        return [i for i in range(len(self.pred)) if i not in matched]

    def detection(self, exact: bool) -> PRF:
        tp = sum(1 for p in self.pairs if p.exact or not exact)
        return PRF.of(tp, len(self.pred), len(self.gold))

    def e2e(self) -> PRF:
        return PRF.of(sum(p.e2e for p in self.pairs), len(self.pred), len(self.gold))

    def span_set(self, role: str) -> PRF:
        """Exact match of the sets of normalized ``role`` spans (content, cue or mention)."""

        def spans(items: list[PreparedQuote]) -> set[Offsets]:
            out = set()
            for q in items:
                s = q.content if role == "content" else getattr(q, role)
                if s is not None:
                    out.add(s)
            return out

        g, p = spans(self.gold), spans(self.pred)
        return PRF.of(len(g & p), len(p), len(g))

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "error": self.error,
            "n_gold": len(self.gold),
            "n_pred": len(self.pred),
            "exact": self.detection(exact=True).tp_gold,
            "overlap": len(self.pairs),
            "e2e": self.e2e().tp_gold,
        }


# --------------------------------------------------------------------------- corpus


@dataclass
class CorpusScore:
    """All figures of docs/format.md section 4 for a corpus, plus the per-document detail."""

    e2e_mode: str
    e2e_mode_requested: str
    subset: str
    documents: list[DocumentScore]
    warnings: list[str]
    ignored_predictions: list[str]

    # ---- detection
    def detection(self, exact: bool) -> PRF:
        return sum((d.detection(exact) for d in self.documents), PRF())

    def by_kind(self, exact: bool) -> dict[str, PRF]:
        """Per kind: recall over gold quotes of that kind, precision over predicted ones."""
        kinds = list(KINDS)
        for d in self.documents:
            for q in d.gold + d.pred:
                if q.quote.kind not in kinds:
                    kinds.append(q.quote.kind)
        out = {}
        for kind in kinds:
            tp_pred = n_pred = tp_gold = n_gold = 0
            for d in self.documents:
                good = {(p.gold_index, p.pred_index) for p in d.pairs if p.exact or not exact}
                good_gold = {g for g, _ in good}
                good_pred = {p for _, p in good}
                for i, q in enumerate(d.gold):
                    if q.quote.kind == kind:
                        n_gold += 1
                        tp_gold += i in good_gold
                for i, q in enumerate(d.pred):
                    if q.quote.kind == kind:
                        n_pred += 1
                        tp_pred += i in good_pred
            out[kind] = PRF(tp_pred, n_pred, tp_gold, n_gold)
        return out

    # ---- attribution over overlap-matched pairs
    def _pairs(self) -> list[QuotePair]:
        return [p for d in self.documents for p in d.pairs]

    def speaker(self, lenient: bool = False) -> Accuracy:
        pairs = self._pairs()
        return Accuracy(sum(p.speaker_lenient if lenient else p.speaker_strict for p in pairs), len(pairs))

    def mention(self) -> Accuracy:
        pairs = self._pairs()
        return Accuracy(sum(p.mention for p in pairs), len(pairs))

    def role(self) -> Mean:
        scores = [p.role_f1 for p in self._pairs() if p.role_f1 is not None]
        return Mean(sum(scores), len(scores))

    def e2e(self) -> PRF:
        return sum((d.e2e() for d in self.documents), PRF())

    def span_sets(self) -> dict[str, PRF]:
        return {role: sum((d.span_set(role) for d in self.documents), PRF()) for role in SPAN_ROLES}

    # ---- confidence
    def reliability(self, edges: Sequence[float] = RELIABILITY_EDGES) -> tuple[list[ReliabilityBucket], int]:
        """Buckets of predicted quotes by confidence, and the count of those without one.

        A predicted quote is *correct* when it is overlap-matched and right end to end.
        """
        counts = [[0, 0] for _ in range(len(edges) - 1)]
        unscored = 0
        for d in self.documents:
            right = {p.pred_index for p in d.pairs if p.e2e}
            for i, q in enumerate(d.pred):
                c = q.quote.confidence
                if c is None:
                    unscored += 1
                    continue
                k = _bucket(c, edges)
                counts[k][0] += 1
                counts[k][1] += i in right
        buckets = [
            ReliabilityBucket(edges[k], edges[k + 1], n, ok) for k, (n, ok) in enumerate(counts)
        ]
        return buckets, unscored

    # ---- counts
    @property
    def n_gold(self) -> int:
        return sum(len(d.gold) for d in self.documents)

    @property
    def n_pred(self) -> int:
        return sum(len(d.pred) for d in self.documents)

    def documents_with(self, status: str) -> list[DocumentScore]:
        return [d for d in self.documents if d.status == status]

    def to_dict(self) -> dict[str, Any]:
        """The ``metrics.json`` object: every figure with the counts behind it."""
        buckets, unscored = self.reliability()
        return {
            "documents": {
                "gold": len(self.documents),
                "scored": len(self.documents_with("scored")),
                "error": [d.id for d in self.documents_with("error")],
                "missing": [d.id for d in self.documents_with("missing")],
                "ignored_predictions": list(self.ignored_predictions),
            },
            "subset": self.subset,
            "quotes": {"gold": self.n_gold, "pred": self.n_pred},
            "detection": {
                "exact": self.detection(exact=True).to_dict(),
                "overlap": self.detection(exact=False).to_dict(),
            },
            "by_kind": {
                "exact": {k: v.to_dict() for k, v in self.by_kind(exact=True).items()},
                "overlap": {k: v.to_dict() for k, v in self.by_kind(exact=False).items()},
            },
            "speaker": {
                "strict": self.speaker().to_dict(),
                "lenient": self.speaker(lenient=True).to_dict(),
            },
            "mention": self.mention().to_dict(),
            "role_f1": self.role().to_dict(),
            "e2e": {"mode": self.e2e_mode, "requested": self.e2e_mode_requested, **self.e2e().to_dict()},
            "span_sets": {k: v.to_dict() for k, v in self.span_sets().items()},
            "reliability": {
                "buckets": [b.to_dict() for b in buckets],
                "without_confidence": unscored,
            },
            "per_document": [d.summary() for d in self.documents],
            "warnings": list(self.warnings),
        }


def _bucket(confidence: float, edges: Sequence[float]) -> int:
    for k in range(len(edges) - 1):
        if confidence < edges[k + 1]:
            return k
    return len(edges) - 2  # 1.0 (and anything above) goes to the last bucket


def choose_e2e_mode(gold: Iterable[Result], requested: str = "auto") -> str:
    """Resolve ``auto``: ``speaker`` when any gold quote names its speaker, else ``mention``
    when any gold quote has a mention span (PolNeAR: mentions but no names), else ``speaker``
    (where every gold speaker is null, so only predicted nulls are right)."""
    if requested not in E2E_MODES:
        raise ValueError(f"unknown end-to-end mode {requested!r}; choose one of {', '.join(E2E_MODES)}")
    if requested != "auto":
        return requested
    gold = list(gold)
    if any(normalize_speaker(q.speaker) for r in gold for q in r.quotes):
        return "speaker"
    if any(q.mention is not None for r in gold for q in r.quotes):
        return "mention"
    return "speaker"


def score_document(
    doc_id: str,
    gold: Sequence[Quote],
    pred: Sequence[Quote],
    *,
    text: Optional[str] = None,
    e2e_mode: str = "speaker",
) -> DocumentScore:
    """Pair and score the quotes of one document (both lists already filtered)."""
    g = [prepare_quote(q, text) for q in gold]
    p = [prepare_quote(q, text) for q in pred]
    pairs = []
    for gi, pi, ov in pair_spans([q.content for q in g], [q.content for q in p]):
        gq, pq = g[gi], p[pi]
        strict, lenient = speaker_match(gq.quote.speaker, pq.quote.speaker)
        mention_ok = mention_match(gq.mention, pq.mention)
        pairs.append(
            QuotePair(
                gold_index=gi,
                pred_index=pi,
                overlap=ov,
                exact=gq.content == pq.content,
                speaker_strict=strict,
                speaker_lenient=lenient,
                mention=mention_ok,
                role_f1=role_f1(gq.quote.role, pq.quote.role) if has_role(gq.quote.role) else None,
                e2e=mention_ok if e2e_mode == "mention" else strict,
            )
        )
    return DocumentScore(doc_id, "scored", g, p, pairs, text=text)


def _offset_mismatches(quotes: Sequence[Quote], text: str) -> int:
    n = 0
    for q in quotes:
        spans = [(q.start, q.end, q.text)] + [(s.start, s.end, s.text) for s in (q.cue, q.mention) if s]
        for start, end, own in spans:
            if own and text[start:end] != own:
                n += 1
    return n


def score_corpus(
    gold: Iterable[Result],
    pred: Iterable[Result],
    *,
    texts: Optional[Mapping[str, str]] = None,
    e2e: str = "auto",
    quote_filter: Optional[Callable[[Quote, Optional[str]], bool]] = None,
    subset: str = "all",
    speech_flags: bool = False,
) -> CorpusScore:
    """Score predicted results against gold results (docs/format.md section 4).

    ``texts`` maps document id to text; a gold record's own ``text`` is used when the id is
    not in it. Texts let spans be normalized on the document (offsets are the authority) and
    let the report show the documents; without one, a span's own ``text`` is used.
    ``quote_filter(quote, text)`` keeps a subset of gold and predicted quotes (e.g.
    :func:`speech_filter`) before anything is paired; ``subset`` names it in the report.
    ``speech_flags`` scores the gold's speech relations by their own flags instead
    (:func:`quotes.evaluation.subsets.flagged_speech`).
    """
    texts = texts or {}
    warnings: list[str] = []
    gold_by_id: dict[str, Result] = {}
    for r in gold:
        if r.error is not None:
            warnings.append(f"gold document {r.id} is an error record ({r.error}); skipped")
        elif r.id in gold_by_id:
            warnings.append(f"gold document {r.id} appears more than once; the first is used")
        else:
            gold_by_id[r.id] = r
    pred_by_id: dict[str, Result] = {}
    for r in pred:
        if r.id in pred_by_id:
            warnings.append(f"predicted document {r.id} appears more than once; the first is used")
        else:
            pred_by_id[r.id] = r

    def kept(quotes: Sequence[Quote], text: Optional[str]) -> list[Quote]:
        if speech_flags:
            return [q for q in quotes if q.speech]
        return [q for q in quotes if quote_filter is None or quote_filter(q, text)]

    set_aside = 0

    def kept_pred(gold_quotes: Sequence[Quote], quotes: Sequence[Quote], text: Optional[str]) -> list[Quote]:
        nonlocal set_aside
        if not speech_flags:
            return kept(quotes, text)
        _, scored, aside = flagged_speech(gold_quotes, quotes)
        set_aside += aside
        return scored

    doc_text = {gid: texts.get(gid, r.text) for gid, r in gold_by_id.items()}
    filtered_gold = {gid: kept(r.quotes, doc_text[gid]) for gid, r in gold_by_id.items()}
    mode = choose_e2e_mode((Result(gid, qs) for gid, qs in filtered_gold.items()), e2e)

    documents = []
    missing = []
    for gid, g in gold_by_id.items():
        text = doc_text[gid]
        gq = filtered_gold[gid]
        p = pred_by_id.get(gid)
        if p is None:
            missing.append(gid)
            documents.append(DocumentScore(gid, "missing", [prepare_quote(q, text) for q in gq], [], text=text))
            continue
        if p.error is not None:
            warnings.append(f"predicted document {gid} is an error record: {p.error}")
            documents.append(
                DocumentScore(gid, "error", [prepare_quote(q, text) for q in gq], [], error=p.error, text=text)
            )
            continue
        if text is not None:
            bad = _offset_mismatches(g.quotes, text) + _offset_mismatches(p.quotes, text)
            if bad:
                warnings.append(
                    f"document {gid}: {bad} span text(s) differ from the document text at their offsets; "
                    "offsets are used"
                )
        documents.append(score_document(gid, gq, kept_pred(g.quotes, p.quotes, text), text=text, e2e_mode=mode))
    if missing:
        warnings.append(
            f"{len(missing)} gold document(s) have no prediction; their quotes count as misses: "
            + _ids(missing)
        )
    if set_aside:
        warnings.append(
            f"{set_aside} prediction(s) overlap only relations the gold flags as other attributions "
            "(not quotes) and are set aside"
        )
    ignored = [pid for pid in pred_by_id if pid not in gold_by_id]
    if ignored:
        warnings.append(f"{len(ignored)} predicted document(s) are not in the gold and are ignored: " + _ids(ignored))
    return CorpusScore(mode, e2e, subset, documents, warnings, ignored)


def _ids(ids: Sequence[str], limit: int = 10) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f", ... ({len(ids) - limit} more)" if len(ids) > limit else "")
