"""What every format of the report shows, chosen once: the rows of figures and the findings.

Nothing here computes a figure: every number comes from the
:class:`~quotes.evaluation.scorer.CorpusScore`, and the terminal table, the Markdown and the
HTML page all take their rows (:func:`prf_rows`, :func:`attribution_rows`) and error lists
(:func:`findings`) from here, so the outputs always agree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from quotes.evaluation.figures import PRF
from quotes.evaluation.scorer import CorpusScore
from quotes.evaluation.spans import PreparedQuote

SNIPPET_CONTEXT = 60  # characters of context each side of a quote in the lists
SNIPPET_MAX = 300  # longer quotes are cut in the middle in the lists

#: The kinds of finding, in the order the reports list them, with the HTML section titles.
FINDING_TITLES = {
    "miss": "Misses (gold quotes not found)",
    "false alarm": "False alarms (predicted quotes not in the gold)",
    "wrong speaker": "Wrong speaker (matched quotes, strict speaker wrong)",
    "wrong mention": "Wrong mention (matched quotes, mention does not overlap)",
}


def fmt(value: Optional[float]) -> str:
    """Three decimals, or ``-`` for an undefined figure (zero denominator)."""
    return "-" if value is None else f"{value:.3f}"


def prf_rows(score: CorpusScore) -> list[tuple[str, PRF]]:
    """The precision/recall/F1 rows of the summary, in display order."""
    rows = [
        ("content exact", score.detection(exact=True)),
        ("content overlap", score.detection(exact=False)),
    ]
    exact, over = score.by_kind(exact=True), score.by_kind(exact=False)
    for kind in exact:
        if exact[kind].n_gold or exact[kind].n_pred:
            rows.append((f"  {kind} exact", exact[kind]))
            rows.append((f"  {kind} overlap", over[kind]))
    rows.append((f"end to end ({score.e2e_mode})", score.e2e()))
    for role, prf in score.span_sets().items():
        rows.append((f"{role} span set exact", prf))
    return rows


def prf_cells(score: CorpusScore) -> list[tuple[str, str, str, str, str, str]]:
    """:func:`prf_rows` as the cells of the report tables: label, P, R, F1, tp/pred, tp/gold."""
    return [
        (label.strip(), fmt(p.precision), fmt(p.recall), fmt(p.f1), f"{p.tp_pred}/{p.n_pred}", f"{p.tp_gold}/{p.n_gold}")
        for label, p in prf_rows(score)
    ]


def attribution_rows(score: CorpusScore) -> list[tuple[str, Optional[float], str]]:
    """``(label, value, basis)`` rows of the attribution figures over matched pairs."""
    rows = []
    for label, acc in (
        ("speaker strict", score.speaker()),
        ("speaker lenient", score.speaker(lenient=True)),
        ("mention", score.mention()),
    ):
        rows.append((label, acc.value, f"{acc.correct}/{acc.total}"))
    role = score.role()
    rows.append(("role token F1", role.value, f"mean of {role.count}"))
    return rows


def reliability_cells(score: CorpusScore) -> list[tuple[str, int, int, str]]:
    """The reliability table of the reports: bucket, count, right, share right."""
    buckets, _ = score.reliability()
    return [(b.label, b.count, b.correct, fmt(b.share_correct)) for b in buckets]


def reliability_note(score: CorpusScore) -> str:
    """What *right* means in the reliability table, which depends on the end-to-end mode."""
    what = "strict speaker" if score.e2e_mode == "speaker" else "mention"
    return f"A predicted quote is right when it is overlap-matched and its {what} is right."


def headline(score: CorpusScore) -> list[str]:
    n_docs = len(score.documents)
    mode = score.e2e_mode + (" (auto)" if score.e2e_mode_requested == "auto" else "")
    return [
        f"documents: {n_docs} gold, {len(score.documents_with('scored'))} scored, "
        f"{len(score.documents_with('error'))} with errors, {len(score.documents_with('missing'))} missing, "
        f"{len(score.ignored_predictions)} predicted not in gold (ignored)",
        f"quotes: {score.n_gold} gold, {score.n_pred} predicted; subset: {score.subset}",
        f"end to end uses: {mode}",
    ]


# --------------------------------------------------------------------------- findings


@dataclass
class Finding:
    """One line of the error lists: a miss, a false alarm or a wrong attribution."""

    doc_id: str
    what: str  # "miss", "false alarm", "wrong speaker", "wrong mention"
    ref: str  # G3 / P2 / G3~P2
    before: str
    quote: str
    after: str
    detail: str


def snippet(q: PreparedQuote, text: Optional[str]) -> tuple[str, str, str]:
    """``(before, quote, after)``: the quote (cut in the middle past :data:`SNIPPET_MAX`)
    with :data:`SNIPPET_CONTEXT` characters of the document on each side."""
    quote = q.quote
    body = text[quote.start : quote.end] if text is not None else quote.text
    if len(body) > SNIPPET_MAX:
        half = SNIPPET_MAX // 2
        body = body[:half] + " [...] " + body[-half:]
    if text is None:
        return "", body, ""
    before = text[max(0, quote.start - SNIPPET_CONTEXT) : quote.start]
    after = text[quote.end : quote.end + SNIPPET_CONTEXT]
    return before, body, after


def describe(q: PreparedQuote) -> str:
    """The fields of a quote on one line (kind, speaker, mention, cue, role, confidence)."""
    quote = q.quote
    parts = [quote.kind, f"speaker: {quote.speaker}"]
    if quote.mention is not None:
        parts.append(f"mention: {quote.mention.text!r}")
    if quote.cue is not None:
        parts.append(f"cue: {quote.cue.text!r}")
    if quote.role:
        parts.append(f"role: {quote.role}")
    if quote.confidence is not None:
        parts.append(f"confidence: {quote.confidence:.2f}")
    return "; ".join(parts)


def findings(score: CorpusScore) -> list[Finding]:
    """Every miss, false alarm and wrong end-to-end attribution, in document order."""
    out: list[Finding] = []
    for d in score.documents:
        for i in d.misses:
            detail = describe(d.gold[i])
            if d.status != "scored":
                detail += f" [document {d.status}]"
            out.append(Finding(d.id, "miss", f"G{i + 1}", *snippet(d.gold[i], d.text), detail))
        for i in d.false_alarms:
            out.append(Finding(d.id, "false alarm", f"P{i + 1}", *snippet(d.pred[i], d.text), describe(d.pred[i])))
        for p in d.pairs:
            if p.e2e:
                continue
            g, q = d.gold[p.gold_index], d.pred[p.pred_index]
            if score.e2e_mode == "mention":
                what = "wrong mention"
                detail = f"gold mention: {_span_text(g, 'mention')!r}; predicted: {_span_text(q, 'mention')!r}"
            else:
                what = "wrong speaker"
                detail = f"gold speaker: {g.quote.speaker!r}; predicted: {q.quote.speaker!r}"
                if p.speaker_lenient:
                    detail += " (right under the lenient rule)"
            ref = f"G{p.gold_index + 1}~P{p.pred_index + 1}"
            out.append(Finding(d.id, what, ref, *snippet(g, d.text), detail))
    return out


def _span_text(q: PreparedQuote, role: str) -> Optional[str]:
    span = getattr(q.quote, role)
    return None if span is None else span.text
