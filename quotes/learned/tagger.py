"""The span tagger at work: texts in; spans, linked quotes and contract records out.

:class:`Tagger` holds a loaded :class:`~quotes.learned.span_model.SpanTagger` with its
tokenizer. It cuts texts into windows (:mod:`.windows`), runs them in batches
(:mod:`.window_outputs`), decodes well-formed spans (:mod:`.decoding`) and links them
into quotes (:mod:`.linking`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
import torch

from quotes.learned.decoding import TagSpan, decode
from quotes.learned.encoder import load_tokenizer
from quotes.learned.linking import LinkedQuote, link, merge_close
from quotes.learned.span_model import SpanTagger, TaggerConfig, weights_fingerprint
from quotes.learned.window_outputs import merge_windows, run_windows
from quotes.learned.windows import Encoding, Window, encode, make_windows
from quotes.records import Quote, Span
from quotes.text.quote_kind import content_kind


@dataclass
class TaggedText:
    """Everything the tagger read from one text."""

    encoding: Encoding
    probs: np.ndarray
    hidden: Optional[np.ndarray]
    spans: list[TagSpan]
    quotes: list[LinkedQuote]


class Tagger:
    """A loaded :class:`SpanTagger` with its tokenizer: texts in, tagged texts out."""

    def __init__(self, model: SpanTagger, tokenizer: Any = None, device: str = "cpu", batch_size: int = 32):
        self.model = model.to(device).eval()
        self.tokenizer = tokenizer or load_tokenizer()
        self.device = device
        self.batch_size = batch_size

    fingerprint: str = ""  # of the weights file, which a ranker trained on this tagger records

    @classmethod
    def load(cls, folder: str | Path, device: str = "cpu") -> "Tagger":
        tagger = cls(SpanTagger.load(folder), device=device)
        tagger.fingerprint = weights_fingerprint(folder)
        return tagger

    @property
    def config(self) -> TaggerConfig:
        return self.model.config

    def windows(self, encodings: Sequence[Encoding], stride: Optional[int] = None) -> list[Window]:
        """Inference windows; ``stride`` overrides the model's (no overlap: ``max_length - 2``)."""
        tok = self.tokenizer
        return make_windows(
            encodings, tok.cls_token_id, tok.sep_token_id, self.config.max_length, stride or self.config.stride
        )

    def tag(
        self,
        texts: Sequence[str],
        *,
        want_hidden: bool = False,
        encodings: Optional[Sequence[Encoding]] = None,
        windows: Optional[Sequence[Window]] = None,
        lower_cache: Optional[Sequence[torch.Tensor]] = None,
        stride: Optional[int] = None,
    ) -> list[TaggedText]:
        """Tag a batch of texts (windows of all texts are batched together)."""
        encodings = list(encodings) if encodings is not None else encode(self.tokenizer, texts)
        windows = list(windows) if windows is not None else self.windows(encodings, stride)
        outputs = run_windows(
            self.model,
            windows,
            batch_size=self.batch_size,
            device=self.device,
            lower_cache=lower_cache,
            want_hidden=want_hidden,
        )
        results = []
        for enc, (probs, hidden) in zip(encodings, merge_windows(encodings, windows, outputs)):
            spans = merge_close(decode(enc, probs), self.config.merge_gap_tokens)
            results.append(TaggedText(enc, probs, hidden, spans, link(spans, self.config)))
        return results


def quotes_of(text: str, tagged: TaggedText) -> list[Quote]:
    """Contract quotes from the tagger alone (content, kind, cue, mention; no speaker)."""
    out = []
    for lq in tagged.quotes:
        c = lq.content
        out.append(
            Quote(
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                kind=quote_kind(text, c.start, c.end),
                cue=Span.of(text, lq.cue.start, lq.cue.end) if lq.cue else None,
                mention=Span.of(text, lq.source.start, lq.source.end) if lq.source else None,
                confidence=round(lq.confidence, 4),
            )
        )
    return out


def quote_kind(text: str, start: int, end: int) -> str:
    """``direct``, ``indirect`` or ``mixed`` from the quotation marks in the content.

    The one rule the project's gold conversion uses, so predicted and gold kinds agree.
    """
    return content_kind(text, ((start, end),))
