"""Linking decoded spans into quotes.

:func:`link` pairs each content with the nearest cue and each cue with the nearest
source, as in PARC-style annotation where every token has at most one role in one
attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

import numpy as np

from quotes.learned.decoding import TagSpan

if TYPE_CHECKING:
    from quotes.learned.span_model import TaggerConfig


@dataclass
class LinkedQuote:
    """A content span with the cue and source linked to it."""

    content: TagSpan
    cue: Optional[TagSpan]
    source: Optional[TagSpan]

    @property
    def confidence(self) -> float:
        parts = [self.content.score] + [s.score for s in (self.cue, self.source) if s is not None]
        return float(np.prod(parts) ** (1.0 / len(parts)))


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def merge_close(spans: Sequence[TagSpan], max_gap: int) -> list[TagSpan]:
    """Join consecutive contents separated by at most ``max_gap`` untagged tokens.

    The tagger sometimes drops a token in the middle of a long content (a dash, a
    parenthesis), which would split one quote into two; a cue or source in the gap
    keeps them apart.
    """
    if max_gap <= 0:
        return list(spans)
    out: list[TagSpan] = []
    for s in sorted(spans, key=lambda x: x.tok_start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.role == s.role == "CONTENT"
            and 0 <= s.tok_start - prev.tok_end <= max_gap
        ):
            n_prev, n_cur = prev.tok_end - prev.tok_start, s.tok_end - s.tok_start
            score = (prev.score * n_prev + s.score * n_cur) / (n_prev + n_cur)
            out[-1] = TagSpan("CONTENT", prev.tok_start, s.tok_end, prev.start, s.end, score)
        else:
            out.append(s)
    return out


def link(spans: Sequence[TagSpan], config: TaggerConfig) -> list[LinkedQuote]:
    """Attach to every content its nearest cue, and to that cue its nearest source.

    Nearness is the character gap; ties go to the cue after the content for quotes that
    end with their attribution, which is how news text mostly writes it. A source inside
    the content is not its speaker. Contents may share a cue (``“A,” he said. “B.”``).
    """
    contents = [s for s in spans if s.role == "CONTENT" and s.end - s.start >= config.min_content_chars]
    cues = [s for s in spans if s.role == "CUE"]
    sources = [s for s in spans if s.role == "SOURCE"]
    out = []
    for c in contents:
        cue = _nearest(cues, (c.start, c.end), config.max_cue_gap)
        anchor = (cue.start, cue.end) if cue else (c.start, c.end)
        cands = [s for s in sources if not (c.start <= s.start and s.end <= c.end)]
        source = _nearest(cands, anchor, config.max_source_gap)
        if cue is None and config.drop_uncued:
            continue
        out.append(LinkedQuote(c, cue, source))
    return out


def _nearest(spans: Iterable[TagSpan], anchor: tuple[int, int], limit: int) -> Optional[TagSpan]:
    best, best_key = None, None
    for s in spans:
        g = gap(anchor, (s.start, s.end))
        if g > limit:
            continue
        key = (g, 0 if s.start >= anchor[1] else 1, s.start)
        if best_key is None or key < best_key:
            best, best_key = s, key
    return best
