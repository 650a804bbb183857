"""The site model: what the index, speaker and document pages show, as plain records.

The model is filled in two passes over the results (see :mod:`quotes.site.build`). The
first pass (:meth:`SiteModel.add`) counts: the speaker index (names merged by the
project's one rule, :class:`quotes.io.speaker_index.SpeakerIndex`), each document's
quote count and speakers, the quotes per speaker and kind. :meth:`SiteModel.finish` then
fixes what every page needs to agree on: the display name of each raw speaker name, each
speaker's page and colour, each document's page. The second pass turns each result into
a :class:`DocumentView` (:meth:`SiteModel.document_view`) and collects each speaker's
quotes; the templates only lay these records out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping, Optional

from quotes.io.speaker_index import SpeakerEntry, SpeakerIndex
from quotes.records import Quote, Result
from quotes.site.chart import ChartRow, quotes_chart
from quotes.site.highlight import Layer, Token, tokens
from quotes.site.names import NO_SPEAKER, Colour, assign_colours, page_name
from quotes.site.source import Record, Unreadable

CHART_SPEAKERS = 30


@dataclass
class DocEntry:
    """One result record as the index lists it."""

    id: str
    page: Optional[str]  # relative to the site root; None for an error record
    n_quotes: int
    error: Optional[str]
    speakers: list[str]  # raw names, first quoted first
    has_text: bool


@dataclass
class LegendItem:
    name: str
    href: Optional[str]  # relative to the site root
    colour: str
    n_quotes: int


@dataclass
class QuoteItem:
    """A quote as a document or speaker page lists it."""

    n: int  # 1-based position in its document
    doc_id: str
    doc_href: str  # the document page and the quote's anchor, relative to the site root
    text: str
    kind: str
    speaker: Optional[str]  # display name
    speaker_href: Optional[str]
    colour: str
    role: Optional[str]
    cue: Optional[str]
    mention: Optional[str]
    confidence: Optional[float]
    problem: Optional[str] = None


@dataclass
class DocumentView:
    id: str
    page: str
    tokens: Optional[list[Token]]  # None without a text
    legend: list[LegendItem]
    quotes: list[QuoteItem]


@dataclass
class SpeakerView:
    entry: SpeakerEntry
    page: str
    colour: Colour
    by_kind: dict[str, int]
    quotes: list[QuoteItem] = field(default_factory=list)


@dataclass
class IndexView:
    speakers: list[SpeakerView]
    documents: list[DocEntry]
    errors: list[DocEntry]
    unreadable: list[Unreadable]
    n_quotes: int
    n_unattributed: int
    chart_svg: str
    first_page: dict[str, str]  # document id -> page of its first record


def quote_problem(q: Quote, text: str) -> Optional[str]:
    """Why the spans of ``q`` do not fit ``text`` (offsets are the authority), or None."""
    for what, span in (("content", q.span), ("cue", q.cue), ("mention", q.mention)):
        if span is None:
            continue
        if not 0 <= span.start <= span.end <= len(text):
            return f"{what} offsets [{span.start}, {span.end}) are outside the text ({len(text)} characters)"
        if span.text and text[span.start : span.end] != span.text:
            return f"{what} text differs from the document at [{span.start}, {span.end})"
    return None


class SiteModel:
    """Fill with :meth:`add` (first pass), :meth:`finish`, then :meth:`document_view` for each
    result of the second pass, in the same order."""

    def __init__(self, texts: Optional[Mapping[str, str]] = None) -> None:
        self.texts = texts or {}
        self.index = SpeakerIndex()
        self.records: list[DocEntry | Unreadable] = []
        self.kinds: dict[str, Counter] = {}  # raw speaker name -> quotes per kind
        self._seen_ids: Counter = Counter()
        self.display: dict[str, str] = {}
        self.speakers: dict[str, SpeakerView] = {}
        self.colours: dict[str, Colour] = {}
        self._pass2 = 0

    # ------------------------------------------------------------------ first pass

    def text_of(self, result: Result) -> Optional[str]:
        return result.text if result.text is not None else self.texts.get(result.id)

    def add(self, record: Record) -> None:
        if isinstance(record, Unreadable):
            self.records.append(record)
            return
        seen = self._seen_ids[record.id]
        self._seen_ids[record.id] += 1
        page = None if record.error is not None else "documents/" + page_name(record.id, str(seen) if seen else "")
        speakers = list(dict.fromkeys(q.speaker for q in record.quotes if q.speaker))
        self.records.append(
            DocEntry(record.id, page, len(record.quotes), record.error, speakers, self.text_of(record) is not None)
        )
        if record.error is None:
            self.index.add(record, (0, len(self.records)))
            for q in record.quotes:
                if q.speaker:
                    self.kinds.setdefault(q.speaker, Counter())[q.kind] += 1

    def finish(self) -> None:
        """Merge names, give speakers pages and colours; call once after the first pass."""
        entries = self.index.entries()
        for e in entries:
            for variant in e.variants:
                self.display[variant] = e.speaker
        groups = [
            [self.display[s] for s in d.speakers] for d in self.records if isinstance(d, DocEntry) and d.speakers
        ]
        self.colours = assign_colours([e.speaker for e in entries], groups)
        for e in entries:
            by_kind: Counter = sum((self.kinds.get(v, Counter()) for v in e.variants), Counter())
            self.speakers[e.speaker] = SpeakerView(
                e, "speakers/" + page_name(e.speaker), self.colours[e.speaker], dict(by_kind)
            )

    # ------------------------------------------------------------------ second pass

    def _next_entry(self) -> DocEntry | Unreadable:
        entry = self.records[self._pass2]
        self._pass2 += 1
        return entry

    def document_view(self, record: Record) -> Optional[DocumentView]:
        """The page of a result (None for an error record or an unreadable line); its
        quotes are also filed under their speakers for the speaker pages."""
        entry = self._next_entry()
        if isinstance(record, Unreadable) or not isinstance(entry, DocEntry) or entry.page is None:
            return None
        result = record
        text = self.text_of(result)
        items: list[QuoteItem] = []
        layers: list[Layer] = []
        legend: dict[Optional[str], LegendItem] = {}
        for n, q in enumerate(result.quotes, start=1):
            name = self.display.get(q.speaker) if q.speaker else None
            view = self.speakers.get(name) if name else None
            colour = view.colour.light if view else NO_SPEAKER
            item = QuoteItem(
                n=n,
                doc_id=result.id,
                doc_href=f"{entry.page}#q{n}",
                text=q.text,
                kind=q.kind,
                speaker=name,
                speaker_href=view.page if view else None,
                colour=colour,
                role=q.role,
                cue=q.cue.text if q.cue else None,
                mention=q.mention.text if q.mention else None,
                confidence=q.confidence,
                problem=quote_problem(q, text) if text is not None else None,
            )
            items.append(item)
            if view is not None:
                view.quotes.append(item)
            key = name if view else None
            if key not in legend:
                legend[key] = LegendItem(name or "no named speaker", view.page if view else None, colour, 0)
            legend[key].n_quotes += 1
            layers.extend(self._layers(q, n, item, view))
        return DocumentView(
            id=result.id,
            page=entry.page,
            tokens=tokens(text, layers) if text is not None else None,
            legend=list(legend.values()),
            quotes=items,
        )

    @staticmethod
    def _layers(q: Quote, n: int, item: QuoteItem, view: Optional[SpeakerView]) -> list[Layer]:
        who = item.speaker or "no named speaker"
        dark = view.colour.dark if view else "#595959"
        mid = view.colour.mid if view else "#bfbfbf"
        out = [Layer(q.start, q.end, "content", n, item.colour, f"{n}. {q.kind}, {who}")]
        if q.mention is not None:
            out.append(Layer(q.mention.start, q.mention.end, "mention", n, mid, f"{n}. mention of {who}"))
        if q.cue is not None:
            out.append(Layer(q.cue.start, q.cue.end, "cue", n, dark, f"{n}. cue"))
        return out

    # ------------------------------------------------------------------ index

    def index_view(self) -> IndexView:
        docs = [d for d in self.records if isinstance(d, DocEntry)]
        first_page: dict[str, str] = {}
        for d in docs:
            if d.page is not None:
                first_page.setdefault(d.id, d.page)
        speakers = list(self.speakers.values())
        rows = [ChartRow(s.entry.speaker, s.page, s.by_kind) for s in speakers[:CHART_SPEAKERS]]
        return IndexView(
            speakers=speakers,
            documents=[d for d in docs if d.error is None],
            errors=[d for d in docs if d.error is not None],
            unreadable=[r for r in self.records if isinstance(r, Unreadable)],
            n_quotes=self.index.n_quotes,
            n_unattributed=self.index.n_unattributed,
            chart_svg=quotes_chart(rows),
            first_page=first_page,
        )
