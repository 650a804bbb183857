"""The neural and hybrid extractors behind ``--mode neural|hybrid``.

Both run the project's spaCy pipeline for the parse, entities and the coreference step
(:func:`quotes.resolution.coref.resolve`), and the span tagger for quote spans:

* ``neural``: the tagger's contents and cues; each quote's mention is the speaker
  ranker's pick among the candidates around it. The tagger learned PolNeAR's
  attribution relations; with the ``speech`` scheme (docs/format.md) only quotations in marks
  and contents reported with a speech verb are kept;
* ``hybrid``: the rules detector (:func:`quotes.attribution.detect.detect`) and the confident
  neural quotes together. Which one wins where they overlap is the ``strategy`` (see
  :data:`HYBRID_STRATEGIES`); the default (every rules quote, plus the neural quotes of
  confidence >= 0.8 that overlap none) was chosen on PolNeAR dev (docs/models.md).

Texts are processed in batches (:meth:`NeuralExtractor.pipe`): the windows of all texts
of a batch go through the encoder together.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from quotes.errors import ModelError
from quotes.extraction.pipeline import Extractor, build_nlp
from quotes.records import Document, InputError, Quote, Result, Span

SCHEMES = ("speech", "attribution")
TAGGER_DIR = "span-tagger"
RANKER_DIR = "speaker-ranker"

#: How hybrid mode combines rules and neural quotes that overlap:
#: ``rules-direct``: rules keep their direct quotes, the tagger gives every other quote;
#: ``rules-first``: every rules quote, plus the neural quotes that overlap none;
#: ``neural-first``: every neural quote, plus the rules quotes that overlap none.
HYBRID_STRATEGIES = ("rules-direct", "rules-first", "neural-first")
DEFAULT_HYBRID_STRATEGY = "rules-first"
#: hybrid mode takes a neural quote only at this confidence or above (tagger spans x ranker);
#: with rules-first, 0.8 gave the best end-to-end F1 on PolNeAR dev (docs/models.md)
HYBRID_MIN_CONFIDENCE = 0.8

# a floating quote (no mention) continues the previous quote's speaker when this close
INHERIT_CHARS = 400


def default_models_dir() -> Path:
    """``QUOTES_MODELS``, else the ``models/`` folder next to the package (a source checkout)."""
    env = os.environ.get("QUOTES_MODELS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "models"


def load_neural_extractor(
    mode: str = "neural",
    models_dir: Optional[Union[str, Path]] = None,
    *,
    scheme: str = "speech",
    strategy: Optional[str] = None,
    device: str = "cpu",
    batch_size: int = 8,
) -> "NeuralExtractor":
    """A ready neural or hybrid extractor from ``models_dir`` (``span-tagger/`` and
    ``speaker-ranker/`` inside); a missing or broken model raises :class:`ModelError`."""
    from quotes.learned.encoder import set_threads
    from quotes.learned.ranker import Ranker
    from quotes.learned.tagger import Tagger

    if mode not in ("neural", "hybrid"):
        raise ValueError(f"load_neural_extractor: mode must be neural or hybrid, not {mode!r}")
    root = Path(models_dir) if models_dir else default_models_dir()
    if not root.is_dir():
        raise ModelError(f"{root}: no such models folder (give one with --models DIR or QUOTES_MODELS)")
    set_threads()
    tagger = Tagger.load(root / TAGGER_DIR, device=device)
    ranker = Ranker.load(root / RANKER_DIR)
    expected = ranker.model.config.tagger_fingerprint
    if expected and tagger.fingerprint and expected != tagger.fingerprint:
        import warnings

        warnings.warn(
            f"{root / RANKER_DIR} was trained on another span tagger than {root / TAGGER_DIR}; "
            "retrain the ranker after changing the tagger",
            stacklevel=2,
        )
    return NeuralExtractor(mode, tagger, ranker, scheme=scheme, strategy=strategy, batch_size=batch_size)


class NeuralExtractor(Extractor):
    """:class:`~quotes.extraction.pipeline.Extractor` whose quotes come from the learned models."""

    def __init__(
        self,
        mode: str,
        tagger: Any,
        ranker: Any,
        nlp: Any = None,
        *,
        scheme: str = "speech",
        strategy: Optional[str] = None,
        min_confidence: float = HYBRID_MIN_CONFIDENCE,
        batch_size: int = 8,
    ):
        if scheme not in SCHEMES:
            raise ValueError(f"unknown scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")
        super().__init__(nlp=nlp or build_nlp(scheme=scheme), mode=mode)
        self.scheme = scheme
        self.tagger = tagger
        self.ranker = ranker
        self.strategy = strategy or DEFAULT_HYBRID_STRATEGY
        if self.strategy not in HYBRID_STRATEGIES:
            raise ValueError(f"unknown hybrid strategy {self.strategy!r}; choose one of {', '.join(HYBRID_STRATEGIES)}")
        self.min_confidence = min_confidence
        self.batch_size = batch_size

    # -------------------------------------------------------------- API

    def extract_text(self, text: str) -> list[Quote]:
        return self._extract_batch([text])[0]

    def pipe(self, docs: Iterable[Union[Document, InputError]]) -> Iterator[Result]:
        """Results in input order, texts processed ``batch_size`` at a time."""
        pending: list[Union[Document, InputError]] = []
        for d in docs:
            pending.append(d)
            if sum(isinstance(p, Document) for p in pending) >= self.batch_size:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def _flush(self, items: Sequence[Union[Document, InputError]]) -> Iterator[Result]:
        texts = [d.text for d in items if isinstance(d, Document)]
        try:
            batch = self._extract_batch(texts)
        except Exception:  # one bad document never stops a batch: retry them one by one
            for d in items:
                yield Result(d.id, error=d.describe()) if isinstance(d, InputError) else self.extract(d)
            return
        k = 0
        for d in items:
            if isinstance(d, InputError):
                yield Result(d.id, error=d.describe())
            else:
                yield Result(d.id, batch[k])
                k += 1

    # -------------------------------------------------------------- work

    def _extract_batch(self, texts: Sequence[str]) -> list[list[Quote]]:
        if not texts:
            return []
        disable = ["speaker_resolver"] if self.mode == "hybrid" else ["quote_detector", "speaker_resolver"]
        disable = [name for name in disable if name in self.nlp.pipe_names]
        with self.nlp.select_pipes(disable=disable):
            docs = list(self.nlp.pipe(texts))
        tagged = self.tagger.tag(texts, want_hidden=True)
        out = []
        for doc, tt in zip(docs, tagged):
            atts = self.neural_attributions(doc, tt)
            if self.mode == "hybrid":
                atts = [a for a in atts if (a.quote.confidence or 0.0) >= self.min_confidence]
                atts = combine(list(doc._.quote_candidates or []), atts, self.strategy)
            resolved = self._resolve(doc, _link_floating(atts))
            out.append([a.quote for a in resolved])
        return out

    def _resolve(self, doc: Any, atts: list[Any]) -> list[Any]:
        """Speakers by the pipeline's ``speaker_resolver`` (its title lexicon), else the defaults."""
        if "speaker_resolver" in self.nlp.component_names:
            return self.nlp.get_pipe("speaker_resolver").resolve(doc, atts)
        from quotes.resolution.coref import resolve

        return resolve(doc, atts)

    def neural_attributions(self, doc: Any, tagged: Any) -> list[Any]:
        """The tagger's quotes with the ranker's mentions, as attributions for the resolver."""
        from quotes.attribution.detect import Attribution
        from quotes.learned.tagger import quote_kind

        text = doc.text
        sources = [(s.start, s.end) for s in tagged.spans if s.role == "SOURCE"]
        atts = []
        for lq in tagged.quotes:
            c = lq.content
            kind = quote_kind(text, c.start, c.end)
            if not self._in_scheme(text, kind, lq):
                continue
            cue = (lq.cue.start, lq.cue.end) if lq.cue else None
            choice = self.ranker.choose(doc, tagged, (c.start, c.end), cue, sources)
            cand = choice.candidate
            cue_span = doc.char_span(cue[0], cue[1], alignment_mode="expand") if cue else None
            quote = Quote(
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                kind=kind,
                cue=Span.of(text, *cue) if cue else None,
                mention=Span.of(text, cand.start, cand.end) if cand else None,
                confidence=round(lq.confidence * (0.5 + 0.5 * choice.probability), 4),
            )
            atts.append(
                Attribution(
                    quote=quote,
                    mention_tokens=(cand.tok_start, cand.tok_end) if cand else None,
                    cue_tokens=(cue_span.start, cue_span.end) if cue_span is not None else None,
                    features={"pattern": "neural", "ranker_probability": round(choice.probability, 4)},
                )
            )
        return atts


    def _in_scheme(self, text: str, kind: str, lq: Any) -> bool:
        """The tagger learned PolNeAR's attributions (beliefs and evidence too); the
        ``speech`` scheme keeps what docs/format.md calls quotes: words in quotation marks, or
        reported with a speech verb (the list ``quotes evaluate --subset speech`` uses)."""
        if self.scheme == "attribution" or kind == "direct":
            return True
        if lq.cue is None:
            return False
        if not hasattr(self, "_speech"):
            from quotes.attribution.speech_cues import load_speech_verbs, speech_filter

            self._speech = speech_filter(load_speech_verbs())
        probe = Quote(lq.content.start, lq.content.end, "", kind, cue=Span.of(text, lq.cue.start, lq.cue.end))
        return self._speech(probe, text)


def _overlaps(a: Any, b: Any) -> bool:
    return a.quote.start < b.quote.end and b.quote.start < a.quote.end


def combine(rules: list[Any], neural: list[Any], strategy: str) -> list[Any]:
    """Rules and neural attributions merged by ``strategy``, in text order, no overlaps
    (new records: ``inherit_from`` is renumbered for the merged list)."""
    if strategy == "rules-direct":
        primary = [a for a in rules if a.quote.kind == "direct"]
        secondary = neural
    elif strategy == "rules-first":
        primary, secondary = rules, neural
    elif strategy == "neural-first":
        primary, secondary = neural, rules
    else:
        raise ValueError(f"unknown hybrid strategy {strategy!r}")
    parent_of = {id(a): rules[a.inherit_from] for a in rules if a.inherit_from is not None}
    kept = list(primary)
    for a in secondary:
        if not any(_overlaps(a, k) for k in kept):
            kept.append(a)
    kept.sort(key=lambda a: (a.quote.start, a.quote.end))
    index = {id(a): i for i, a in enumerate(kept)}
    # a rules quote that continues another keeps it if that one was kept
    return [replace(a, inherit_from=_kept_parent(parent_of.get(id(a)), index)) for a in kept]


def _kept_parent(parent: Any, index: dict[int, int]) -> Optional[int]:
    return index.get(id(parent)) if parent is not None else None


def _link_floating(atts: list[Any]) -> list[Any]:
    """A quote with no mention continues the previous quote's speaker when it follows closely
    (docs/format.md: a floating quote takes the speaker of the quote before it); new records."""
    out = []
    for i, a in enumerate(atts):
        if a.quote.mention is None and a.inherit_from is None and i > 0:
            if 0 <= a.quote.start - atts[i - 1].quote.end <= INHERIT_CHARS:
                a = replace(a, inherit_from=i - 1)
        out.append(a)
    return out
