"""The chart of quotes per speaker and kind, as inline SVG written here (no plotting library).

One horizontal bar per speaker, most quoted first, cut into direct, indirect and mixed
quotes; the numbers are printed too, so the chart reads without a legend lookup and
without colour. Every text is escaped: names come from the documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

from quotes.records import KINDS

KIND_COLOURS = {"direct": "#1f77b4", "indirect": "#ff7f0e", "mixed": "#2ca02c", "other": "#8c8c8c"}

LABEL_W = 210
BAR_W = 520
ROW_H = 22
TOP = 34


@dataclass
class ChartRow:
    speaker: str
    href: str
    by_kind: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def _kinds(rows: Sequence[ChartRow]) -> list[str]:
    seen = {k for r in rows for k, v in r.by_kind.items() if v}
    return [k for k in KINDS if k in seen] + sorted(seen - set(KINDS))


def quotes_chart(rows: Sequence[ChartRow], title: str = "Quotes per speaker and kind") -> str:
    """The SVG element (a string of markup) for ``rows``; an empty string without rows."""
    if not rows:
        return ""
    kinds = _kinds(rows)
    top = max(r.total for r in rows) or 1
    height = TOP + ROW_H * len(rows) + 10
    width = LABEL_W + BAR_W + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    x = LABEL_W
    for k in kinds:  # legend
        colour = KIND_COLOURS.get(k, KIND_COLOURS["other"])
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="18" class="legend">{escape(k)}</text>')
        x += 24 + 8 * len(k)
    for i, row in enumerate(rows):
        y = TOP + i * ROW_H
        label = row.speaker if len(row.speaker) <= 30 else row.speaker[:29] + "…"
        parts.append(
            f'<a href="{escape(row.href)}"><text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(label)}</text></a>"
        )
        x0 = float(LABEL_W)
        for k in kinds:
            n = row.by_kind.get(k, 0)
            if not n:
                continue
            w = BAR_W * n / top
            colour = KIND_COLOURS.get(k, KIND_COLOURS["other"])
            parts.append(
                f'<rect x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 6}" fill="{colour}">'
                f"<title>{escape(row.speaker)}: {n} {escape(k)}</title></rect>"
            )
            x0 += w
        parts.append(f'<text x="{x0 + 6:.1f}" y="{y + 15}" class="count">{row.total}</text>')
    parts.append("</svg>")
    return "".join(parts)
