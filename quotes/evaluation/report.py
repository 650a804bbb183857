"""Rendering of a :class:`~quotes.evaluation.scorer.CorpusScore`: terminal table, JSON,
Markdown and, with :func:`write_report`, every report file at once.

Nothing here computes a figure: every number comes from the score object, and the rows
shown are chosen once in :mod:`quotes.evaluation.summary`, so the outputs always agree with
each other. The HTML page is rendered from templates (:mod:`quotes.evaluation.html_report`)
and the chart is drawn only where matplotlib is installed (:mod:`quotes.evaluation.plot`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from quotes.evaluation.html_report import render_html
from quotes.evaluation.plot import PlottingUnavailable, plot_f1_by_kind
from quotes.evaluation.scorer import CorpusScore
from quotes.evaluation.summary import (
    FINDING_TITLES,
    attribution_rows,
    findings,
    fmt,
    headline,
    prf_cells,
    prf_rows,
    reliability_cells,
    reliability_note,
)

CHART = "f1_by_kind.png"

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
    lines += _md_table(["figure", "P", "R", "F1", "tp/pred", "tp/gold"], prf_cells(score))
    lines += ["", "Per kind: recall over gold quotes of the kind, precision over predicted quotes of the kind.", ""]
    lines += ["## Attribution over overlap-matched pairs", ""]
    lines += _md_table(["figure", "value", "basis"], [(l, fmt(v), b) for l, v, b in attribution_rows(score)])
    lines += ["", "## Reliability of confidence", ""]
    lines += [reliability_note(score), ""]
    lines += _md_table(["confidence", "count", "right", "share right"], reliability_cells(score))
    _, unscored = score.reliability()
    if unscored:
        lines += ["", f"{unscored} predicted quote(s) carry no confidence."]
    found = findings(score)
    counts = {w: sum(f.what == w for f in found) for w in FINDING_TITLES}
    lines += ["", "## Errors", ""]
    lines += [f"- {w}: {n}" for w, n in counts.items() if n or w in ("miss", "false alarm")]
    lines += ["", "Every one is listed with its text in report.html.", ""]
    lines += ["## Documents", ""]
    lines += _md_table(
        ["id", "status", "gold", "pred", "exact", "overlap", "end to end"],
        [
            (s["id"], s["status"] + (f": {s['error']}" if s["error"] else ""), s["n_gold"], s["n_pred"],
             s["exact"], s["overlap"], s["e2e"])
            for s in (d.summary() for d in score.documents)
        ],
    )
    if score.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in score.warnings]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- all files


@dataclass
class ReportFiles:
    """What :func:`write_report` wrote, and one line per file it skipped saying why."""

    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def write_report(score: CorpusScore, outdir: Path) -> ReportFiles:
    """Write metrics.json, report.md, report.html and f1_by_kind.png into ``outdir``.

    The chart needs matplotlib (the ``plot`` extra); without it the chart is skipped, the
    HTML page goes without it, and the reason with the install command is in ``skipped``.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    report = ReportFiles()
    try:
        png = plot_f1_by_kind(score)
    except PlottingUnavailable as exc:
        png = None
        report.skipped.append(f"{CHART} (the F1 chart): {exc}")
    files = {
        "metrics.json": to_json(score) + "\n",
        "report.md": render_markdown(score),
        "report.html": render_html(score, png),
    }
    for name, content in files.items():
        path = outdir / name
        path.write_text(content, encoding="utf-8")
        report.written.append(path)
    if png is not None:
        path = outdir / CHART
        path.write_bytes(png)
        report.written.append(path)
    return report
