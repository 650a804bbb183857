"""Rendering of a :class:`~quotes.evaluation.scorer.CorpusScore`: terminal table, JSON,
Markdown, a self-contained HTML page and a PNG chart.

Nothing here computes a figure: every number comes from the score object, so the outputs
always agree with each other. The rows shown are chosen once (:func:`prf_rows`,
:func:`attribution_rows`) and reused by every format.
"""

from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from quotes.evaluation.figures import PRF
from quotes.evaluation.scorer import CorpusScore, DocumentScore
from quotes.evaluation.spans import PreparedQuote

SNIPPET_CONTEXT = 60  # characters of context each side of a quote in the lists
SNIPPET_MAX = 300  # longer quotes are cut in the middle in the lists


def fmt(value: Optional[float]) -> str:
    """Three decimals, or ``-`` for an undefined figure (zero denominator)."""
    return "-" if value is None else f"{value:.3f}"


# --------------------------------------------------------------------------- rows shared by all formats


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


# --------------------------------------------------------------------------- terminal and JSON


def format_table(score: CorpusScore) -> str:
    """The plain-text summary printed by ``quotes evaluate``."""
    lines = headline(score) + [""]
    rows = prf_rows(score)
    width = max(len(label) for label, _ in rows) + 2
    lines.append(f"{'':{width}}{'P':>7}{'R':>7}{'F1':>7}{'tp/pred':>13}{'tp/gold':>13}")
    for label, prf in rows:
        lines.append(
            f"{label:{width}}{fmt(prf.precision):>7}{fmt(prf.recall):>7}{fmt(prf.f1):>7}"
            f"{f'{prf.tp_pred}/{prf.n_pred}':>13}{f'{prf.tp_gold}/{prf.n_gold}':>13}"
        )
    lines += ["", "over overlap-matched pairs:"]
    for label, value, basis in attribution_rows(score):
        lines.append(f"{label:{width}}{fmt(value):>7}   {basis}")
    buckets, unscored = score.reliability()
    lines += ["", f"confidence{'':{width - 10}}{'count':>7}{'right':>7}{'share':>7}"]
    for b in buckets:
        lines.append(f"{b.label:{width}}{b.count:>7}{b.correct:>7}{fmt(b.share_correct):>7}")
    if unscored:
        lines.append(f"{'no confidence':{width}}{unscored:>7}")
    return "\n".join(lines)


def to_json(score: CorpusScore) -> str:
    return json.dumps(score.to_dict(), indent=2, ensure_ascii=False)


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


def _snippet(q: PreparedQuote, text: Optional[str]) -> tuple[str, str, str]:
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


def _describe(q: PreparedQuote) -> str:
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
            detail = _describe(d.gold[i])
            if d.status != "scored":
                detail += f" [document {d.status}]"
            out.append(Finding(d.id, "miss", f"G{i + 1}", *_snippet(d.gold[i], d.text), detail))
        for i in d.false_alarms:
            out.append(Finding(d.id, "false alarm", f"P{i + 1}", *_snippet(d.pred[i], d.text), _describe(d.pred[i])))
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
            out.append(Finding(d.id, what, ref, *_snippet(g, d.text), detail))
    return out


def _span_text(q: PreparedQuote, role: str) -> Optional[str]:
    span = getattr(q.quote, role)
    return None if span is None else span.text


# --------------------------------------------------------------------------- Markdown


def _md_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def render_markdown(score: CorpusScore) -> str:
    """The Markdown report: summary, attribution, reliability, documents and warnings."""
    lines = ["# Quote attribution evaluation", ""]
    lines += [f"- {h}" for h in headline(score)] + [""]
    lines += ["## Detection, end to end and span sets", ""]
    lines += _md_table(
        ["figure", "P", "R", "F1", "tp/pred", "tp/gold"],
        [
            (label.strip(), fmt(p.precision), fmt(p.recall), fmt(p.f1), f"{p.tp_pred}/{p.n_pred}", f"{p.tp_gold}/{p.n_gold}")
            for label, p in prf_rows(score)
        ],
    )
    lines += ["", "Per kind: recall over gold quotes of the kind, precision over predicted quotes of the kind.", ""]
    lines += ["## Attribution over overlap-matched pairs", ""]
    lines += _md_table(["figure", "value", "basis"], [(l, fmt(v), b) for l, v, b in attribution_rows(score)])
    lines += ["", "## Reliability of confidence", ""]
    lines += _reliability_note(score)
    buckets, unscored = score.reliability()
    lines += _md_table(
        ["confidence", "count", "right", "share right"],
        [(b.label, b.count, b.correct, fmt(b.share_correct)) for b in buckets],
    )
    if unscored:
        lines += ["", f"{unscored} predicted quote(s) carry no confidence."]
    found = findings(score)
    counts = {w: sum(f.what == w for f in found) for w in ("miss", "false alarm", "wrong speaker", "wrong mention")}
    lines += ["", "## Errors", ""]
    lines += [f"- {w}: {n}" for w, n in counts.items() if n or w in ("miss", "false alarm")]
    lines += ["", "Every one is listed with its text in report.html.", ""]
    lines += ["## Documents", ""]
    lines += _md_table(
        ["id", "status", "gold", "pred", "exact", "overlap", "end to end"],
        [
            (s["id"], s["status"] + (f": {s['error']}" if s["error"] else ""), s["n_gold"], s["n_pred"], s["exact"], s["overlap"], s["e2e"])
            for s in (d.summary() for d in score.documents)
        ],
    )
    if score.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in score.warnings]
    return "\n".join(lines) + "\n"


def _reliability_note(score: CorpusScore) -> list[str]:
    what = "strict speaker" if score.e2e_mode == "speaker" else "mention"
    return [f"A predicted quote is right when it is overlap-matched and its {what} is right.", ""]


# --------------------------------------------------------------------------- PNG


def plot_f1_by_kind(score: CorpusScore) -> bytes:
    """A bar chart of exact F1, overlap F1 and overlap recall, overall and per kind, as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    exact, over = score.by_kind(exact=True), score.by_kind(exact=False)
    groups = [("all", score.detection(exact=True), score.detection(exact=False))]
    groups += [(k, exact[k], over[k]) for k in exact if exact[k].n_gold or exact[k].n_pred]
    fig, ax = plt.subplots(figsize=(8, 4), dpi=100)
    width = 0.27
    # per-kind F1 is undefined when no prediction has the kind, so overlap recall is drawn too
    for offset, values, label, color in (
        (-width, [g[1].f1 for g in groups], "exact F1", "#4c72b0"),
        (0.0, [g[2].f1 for g in groups], "overlap F1", "#dd8452"),
        (width, [g[2].recall for g in groups], "overlap recall", "#55a868"),
    ):
        xs = [i + offset for i in range(len(groups))]
        bars = ax.bar(xs, [v or 0.0 for v in values], width, label=label, color=color)
        for bar, v in zip(bars, values):
            ax.annotate(fmt(v), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels([f"{name}\n(gold {g.n_gold}, pred {g.n_pred})" for name, g, _ in groups], fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("score")
    e2e = score.e2e()
    ax.set_title(f"Quote detection F1 by kind (end to end F1 {fmt(e2e.f1)}, {score.e2e_mode})", fontsize=10)
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1500px}
table{border-collapse:collapse;margin:.5em 0 1.2em}
td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top;font-size:.92em}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.doctext{white-space:pre-wrap;border:1px solid #ddd;padding:.6em;font-size:.9em;line-height:1.5}
.q-exact{background:#c8f0c0}.q-overlap{background:#fff0a8}
.q-miss{background:#ffc9c9}.q-fa{background:#ffd8a8}
.cue{font-weight:bold;border-bottom:2px solid #1c64b4}
.mention{border-bottom:2px dotted #8a2be2;color:#5a189a;font-weight:bold}
sup.tag{font-size:.7em;color:#555;margin-right:1px}
.legend span{padding:0 .4em;margin-right:.5em}
.snip{font-size:.9em}.snip b{background:#fff0a8;font-weight:normal}
.warn{color:#8a4b00}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _html_table(header: Sequence[str], rows: Sequence[Sequence[Any]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = []
        for i, v in enumerate(row):
            cls = ' class="num"' if i >= numeric_from else ""
            cells.append(f"<td{cls}>{v if isinstance(v, _Raw) else _e(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


class _Raw(str):
    """Markup already escaped, placed in a table cell as is."""


@dataclass
class _Layer:
    start: int
    end: int
    cls: str
    title: str
    tag: Optional[str] = None


def highlight(text: str, layers: Sequence[_Layer]) -> str:
    """HTML of ``text`` with each layer wrapped in a ``<span>``; overlapping layers nest
    per segment (the text is cut at every layer boundary), so any overlap renders."""
    n = len(text)
    clipped = [
        _Layer(max(0, min(l.start, n)), max(0, min(l.end, n)), l.cls, l.title, l.tag) for l in layers
    ]
    clipped = [l for l in clipped if l.start < l.end]
    bounds = sorted({0, n, *(l.start for l in clipped), *(l.end for l in clipped)})
    out = []
    for a, b in zip(bounds, bounds[1:]):
        active = [l for l in clipped if l.start <= a and l.end >= b]
        for l in active:
            if l.start == a and l.tag:
                out.append(f'<sup class="tag">{_e(l.tag)}</sup>')
        seg = _e(text[a:b])
        for l in reversed(active):
            seg = f'<span class="{l.cls}" title="{_e(l.title)}">{seg}</span>'
        out.append(seg)
    return "".join(out)


def _layers(items: Sequence[PreparedQuote], prefix: str, status: dict[int, str], partner: dict[int, str]) -> list[_Layer]:
    layers = []
    for i, q in enumerate(items):
        quote = q.quote
        tag = f"{prefix}{i + 1}"
        title = f"{tag} {_describe(q)}; {partner.get(i, 'unmatched')}"
        layers.append(_Layer(quote.start, quote.end, status[i], title, tag))
    for i, q in enumerate(items):  # after the contents, so they nest inside them
        for role in ("mention", "cue"):
            span = getattr(q.quote, role)
            if span is not None:
                layers.append(_Layer(span.start, span.end, role, f"{prefix}{i + 1} {role}"))
    return layers


def _document_html(d: DocumentScore) -> str:
    gold_status = {i: "q-miss" for i in range(len(d.gold))}
    pred_status = {i: "q-fa" for i in range(len(d.pred))}
    gold_partner: dict[int, str] = {}
    pred_partner: dict[int, str] = {}
    for p in d.pairs:
        cls = "q-exact" if p.exact else "q-overlap"
        gold_status[p.gold_index] = pred_status[p.pred_index] = cls
        how = ("exact" if p.exact else "overlap") + (", attribution right" if p.e2e else ", attribution wrong")
        gold_partner[p.gold_index] = f"matched P{p.pred_index + 1} ({how})"
        pred_partner[p.pred_index] = f"matched G{p.gold_index + 1} ({how})"
    head = f'<h3 id="doc-{_e(d.id)}">{_e(d.id)}</h3>'
    s = d.summary()
    info = (
        f"<p>{_e(d.status)}{': ' + _e(d.error) if d.error else ''}; gold {s['n_gold']}, predicted {s['n_pred']}, "
        f"exact {s['exact']}, overlap {s['overlap']}, end to end {s['e2e']}</p>"
    )
    if d.text is None:
        def listing(items: Sequence[PreparedQuote], prefix: str, status: dict[int, str]) -> str:
            rows = "".join(
                f'<li><span class="{status[i]}">{prefix}{i + 1}: {_e(q.quote.text)}</span> '
                f"<small>({_e(_describe(q))})</small></li>"
                for i, q in enumerate(items)
            )
            return f"<ul>{rows}</ul>"

        gold_html = "<p><i>text not available</i></p>" + listing(d.gold, "G", gold_status)
        pred_html = "<p><i>text not available</i></p>" + listing(d.pred, "P", pred_status)
    else:
        gold_html = f'<div class="doctext">{highlight(d.text, _layers(d.gold, "G", gold_status, gold_partner))}</div>'
        pred_html = f'<div class="doctext">{highlight(d.text, _layers(d.pred, "P", pred_status, pred_partner))}</div>'
    return (
        f"<section>{head}{info}<div class=\"cols\"><div><h4>gold</h4>{gold_html}</div>"
        f"<div><h4>predicted</h4>{pred_html}</div></div></section>"
    )


def render_html(score: CorpusScore, png: Optional[bytes] = None) -> str:
    """The self-contained HTML report: figures, reliability, every miss, false alarm and
    wrong attribution with a text snippet, then each document with gold and predicted
    quotes highlighted side by side. All text is HTML-escaped."""
    parts = [
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Quote attribution evaluation</title>",
        f"<style>{_CSS}</style></head><body><h1>Quote attribution evaluation</h1>",
        "<ul>" + "".join(f"<li>{_e(h)}</li>" for h in headline(score)) + "</ul>",
        "<h2>Detection, end to end and span sets</h2>",
        _html_table(
            ["figure", "P", "R", "F1", "tp/pred", "tp/gold"],
            [
                (label.strip(), fmt(p.precision), fmt(p.recall), fmt(p.f1), f"{p.tp_pred}/{p.n_pred}", f"{p.tp_gold}/{p.n_gold}")
                for label, p in prf_rows(score)
            ],
        ),
        "<p>Per kind: recall over gold quotes of the kind, precision over predicted quotes of the kind.</p>",
    ]
    if png:
        parts.append(f'<img alt="F1 by kind" src="data:image/png;base64,{base64.b64encode(png).decode()}">')
    parts += [
        "<h2>Attribution over overlap-matched pairs</h2>",
        _html_table(["figure", "value", "basis"], [(l, fmt(v), b) for l, v, b in attribution_rows(score)]),
        "<h2>Reliability of confidence</h2>",
        f"<p>{_e(_reliability_note(score)[0])}</p>",
    ]
    buckets, unscored = score.reliability()
    parts.append(
        _html_table(
            ["confidence", "count", "right", "share right"],
            [(b.label, b.count, b.correct, fmt(b.share_correct)) for b in buckets],
        )
    )
    if unscored:
        parts.append(f"<p>{unscored} predicted quote(s) carry no confidence.</p>")
    if score.warnings:
        parts.append("<h2>Warnings</h2><ul>" + "".join(f'<li class="warn">{_e(w)}</li>' for w in score.warnings) + "</ul>")

    found = findings(score)
    for what, title in (
        ("miss", "Misses (gold quotes not found)"),
        ("false alarm", "False alarms (predicted quotes not in the gold)"),
        ("wrong speaker", "Wrong speaker (matched quotes, strict speaker wrong)"),
        ("wrong mention", "Wrong mention (matched quotes, mention does not overlap)"),
    ):
        items = [f for f in found if f.what == what]
        if not items and what.startswith("wrong"):
            continue
        parts.append(f"<h2>{_e(title)}: {len(items)}</h2>")
        if items:
            rows = [
                (
                    _Raw(f'<a href="#doc-{_e(f.doc_id)}">{_e(f.doc_id)}</a>'),
                    f.ref,
                    _Raw(f'<span class="snip">{_e(f.before)}<b>{_e(f.quote)}</b>{_e(f.after)}</span>'),
                    f.detail,
                )
                for f in items
            ]
            parts.append(_html_table(["document", "quote", "text", "detail"], rows, numeric_from=99))

    parts.append("<h2>Documents</h2>")
    parts.append(
        '<p class="legend"><span class="q-exact">exact match</span><span class="q-overlap">overlap match</span>'
        '<span class="q-miss">miss</span><span class="q-fa">false alarm</span>'
        '<span class="mention">mention</span><span class="cue">cue</span> (hover a quote for its fields)</p>'
    )
    parts.append(
        _html_table(
            ["id", "status", "gold", "pred", "exact", "overlap", "end to end"],
            [
                (_Raw(f'<a href="#doc-{_e(s["id"])}">{_e(s["id"])}</a>'), s["status"], s["n_gold"], s["n_pred"], s["exact"], s["overlap"], s["e2e"])
                for s in (d.summary() for d in score.documents)
            ],
            numeric_from=2,
        )
    )
    parts += [_document_html(d) for d in score.documents]
    parts.append("</body></html>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- all files


def write_report(score: CorpusScore, outdir: Path) -> list[Path]:
    """Write metrics.json, report.md, report.html and f1_by_kind.png into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    png = plot_f1_by_kind(score)
    files = {
        "metrics.json": to_json(score) + "\n",
        "report.md": render_markdown(score),
        "report.html": render_html(score, png),
    }
    written = []
    for name, content in files.items():
        path = outdir / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    path = outdir / "f1_by_kind.png"
    path.write_bytes(png)
    written.append(path)
    return written
