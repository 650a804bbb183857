"""The self-contained HTML report, rendered from the Jinja2 templates in ``templates/``.

Python prepares plain view records (rows of cells, the findings, each document cut into
highlighted segments) and the templates only lay them out, with autoescaping on: every
text that comes from a document or a record (a quote, a name, an id, a warning) is escaped
by the template engine, so a ``<script>`` or ``&`` in a news article stays text.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional, Sequence

import jinja2

from quotes.evaluation.scorer import CorpusScore, DocumentScore
from quotes.evaluation.spans import PreparedQuote
from quotes.evaluation.summary import (
    FINDING_TITLES,
    attribution_rows,
    describe,
    findings,
    fmt,
    headline,
    prf_cells,
    reliability_cells,
    reliability_note,
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment: templates shipped in the package, autoescaped, and strict
    about undefined names so a mistyped field fails instead of rendering empty."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("quotes.evaluation", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


# --------------------------------------------------------------------------- highlighted text


@dataclass
class Layer:
    """A span of the document drawn as ``<span class=cls title=title>``; ``tag`` (``G3``)
    is printed as a superscript where the span starts."""

    start: int
    end: int
    cls: str
    title: str
    tag: Optional[str] = None


@dataclass
class Segment:
    """A stretch of text between two layer boundaries, with the layers covering all of it
    (outermost first) and the tags of those starting here."""

    text: str
    layers: list[Layer]
    tags: list[str] = field(default_factory=list)


def segments(text: str, layers: Sequence[Layer]) -> list[Segment]:
    """Cut ``text`` at every layer boundary, so overlapping layers nest per segment and any
    overlap renders; the segments' texts joined are ``text``."""
    n = len(text)
    clipped = [Layer(max(0, min(l.start, n)), max(0, min(l.end, n)), l.cls, l.title, l.tag) for l in layers]
    clipped = [l for l in clipped if l.start < l.end]
    bounds = sorted({0, n, *(l.start for l in clipped), *(l.end for l in clipped)})
    out = []
    for a, b in zip(bounds, bounds[1:]):
        active = [l for l in clipped if l.start <= a and l.end >= b]
        tags = [l.tag for l in active if l.start == a and l.tag]
        out.append(Segment(text[a:b], active, tags))
    return out


def quote_layers(
    items: Sequence[PreparedQuote], prefix: str, status: dict[int, str], partner: dict[int, str]
) -> list[Layer]:
    """The layers of one side (gold ``G`` or predicted ``P``): each content coloured by its
    status, then the mentions and cues, which nest inside the contents."""
    layers = []
    for i, q in enumerate(items):
        quote = q.quote
        tag = f"{prefix}{i + 1}"
        title = f"{tag} {describe(q)}; {partner.get(i, 'unmatched')}"
        layers.append(Layer(quote.start, quote.end, status[i], title, tag))
    for i, q in enumerate(items):
        for role in ("mention", "cue"):
            span = getattr(q.quote, role)
            if span is not None:
                layers.append(Layer(span.start, span.end, role, f"{prefix}{i + 1} {role}"))
    return layers


# --------------------------------------------------------------------------- documents


@dataclass
class Side:
    """One column of a document: its highlighted text or, without a text, the list of its
    quotes as ``(css class, ref, quote text, fields)``."""

    title: str
    segments: Optional[list[Segment]]
    listing: list[tuple[str, str, str, str]]


@dataclass
class DocumentView:
    id: str
    status: str
    error: Optional[str]
    summary: dict[str, Any]
    sides: tuple[Side, Side]


def document_view(d: DocumentScore) -> DocumentView:
    """Gold and predicted quotes of a document, coloured by how they were matched."""
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

    def side(title: str, items: list[PreparedQuote], prefix: str, status: dict, partner: dict) -> Side:
        if d.text is None:
            listing = [(status[i], f"{prefix}{i + 1}", q.quote.text, describe(q)) for i, q in enumerate(items)]
            return Side(title, None, listing)
        return Side(title, segments(d.text, quote_layers(items, prefix, status, partner)), [])

    return DocumentView(
        d.id,
        d.status,
        d.error,
        d.summary(),
        (
            side("gold", d.gold, "G", gold_status, gold_partner),
            side("predicted", d.pred, "P", pred_status, pred_partner),
        ),
    )


# --------------------------------------------------------------------------- the page


def render_html(score: CorpusScore, png: Optional[bytes] = None) -> str:
    """The self-contained HTML report: figures, reliability, every miss, false alarm and
    wrong attribution with a text snippet, then each document with gold and predicted
    quotes highlighted side by side. ``png`` (the chart) is embedded when given."""
    found = findings(score)
    sections = []
    for what, title in FINDING_TITLES.items():
        items = [f for f in found if f.what == what]
        if items or not what.startswith("wrong"):
            sections.append((title, items))
    buckets, unscored = score.reliability()
    return environment().get_template("report.html.j2").render(
        headline=headline(score),
        prf_rows=prf_cells(score),
        png_uri=f"data:image/png;base64,{base64.b64encode(png).decode()}" if png else None,
        attribution_rows=[(label, fmt(v), basis) for label, v, basis in attribution_rows(score)],
        reliability_note=reliability_note(score),
        reliability_rows=reliability_cells(score),
        unscored=unscored,
        warnings=score.warnings,
        finding_sections=sections,
        documents=[document_view(d) for d in score.documents],
    )
