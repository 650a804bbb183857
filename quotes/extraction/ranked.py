"""``--mode ranked``: the rules and the parse propose, the span ranker decides.

The span ranker (:mod:`quotes.learned.span_ranker`) runs as a spaCy component between the
rules' ``quote_detector`` and the ``speaker_resolver``: it reads the rules' attributions,
proposes more cues and spans around them (:mod:`quotes.learned.candidates`), keeps the cues its
trees accept with their best content, source and cue spans, and hands the result to the
resolver in place of the rules' own. Everything else (parse view, chunking, resolution) is the
rules pipeline's, so the mode costs the rules' time plus the trees'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from quotes.extraction.pipeline import Extractor, build_nlp
from quotes.text.layout import Layout

RANKER_DIR = "span-ranker"


@Language.factory("span_ranker", default_config={"model": None})
def make_span_ranker(nlp: Language, name: str, model: Optional[str] = None) -> "SpanRankerComponent":
    return SpanRankerComponent(nlp, name, model)


class SpanRankerComponent:
    """Replace ``doc._.quote_candidates`` (the rules' attributions) by the span ranker's."""

    def __init__(self, nlp: Language, name: str = "span_ranker", model: Optional[str] = None, ranker: Any = None):
        from quotes.learned.span_ranker import SpanRanker

        self.name = name
        self.nlp = nlp
        self.ranker = ranker if ranker is not None else SpanRanker.load(model or default_model_dir())

    def __call__(self, doc: Doc) -> Doc:
        detector = self.nlp.get_pipe("quote_detector")
        rules = list(doc._.quote_candidates or [])
        ranked = self.ranker.predict(doc, Layout(doc), rules, detector.lexicon.statement_nouns)
        doc._.quote_candidates = ranked
        doc._.quotes = [a.quote for a in ranked]
        return doc


def default_model_dir() -> Path:
    from quotes.extraction.neural import default_models_dir

    return default_models_dir() / RANKER_DIR


def load_ranked_extractor(models_dir: Optional[Union[str, Path]] = None, scheme: str = "attribution") -> Extractor:
    """The rules pipeline with the span ranker from ``models_dir/span-ranker`` (default: the
    bundled ``models/``) between the detector and the resolver."""
    model = Path(models_dir) / RANKER_DIR if models_dir else default_model_dir()
    nlp = build_nlp(scheme=scheme)
    nlp.add_pipe("span_ranker", before="speaker_resolver", config={"model": str(model)})
    return Extractor(nlp, mode="ranked")
