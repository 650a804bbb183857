"""Write results or gold as brat standoff in PolNeAR's attribution scheme.

One ``<name>.txt`` (the text, byte for byte) and ``<name>.ann`` per document. Each
relation is written as PolNeAR writes it: a ``Source`` (the mention), a ``Cue`` and a
``Content`` text-bound annotation, an ``Attribution`` trigger copying the cue (the content
when there is no cue), and the ``E`` line tying them; a relation without a mention is
``Attribution-no-source``. A quote interrupted by its own attribution
(``“A,” he said. “B.”``: two quotes with one cue and mention) is one relation with
``Content`` and ``Content2``. The speaker, type, role and kind go in a note on the ``E``
line (:mod:`quotes.convert.brat_notes`).

Every document is read back with the project's brat reader before it is written, so an
export that reads back different quotes is an error, never a silent change. Spans that
cross line breaks are written as fragments split at ``\\n`` (brat's own way), which reads
back as the same span.

File names (:func:`file_stem`): an id's characters other than ``A-Z a-z 0-9 - _ .`` are
percent-encoded as UTF-8 (``%2F`` for ``/``), as is a leading or trailing ``.`` and the
first letter of a Windows device name (``CON``, ``NUL``, ``COM1``...), so every name is
plain ASCII, never hidden, never a path and decodes back to the id. A name that would be
longer than :data:`MAX_STEM` characters, an empty id and an id whose name equals an earlier
one's but for case (which case-insensitive disks would merge) get a shortened name ending
in ``~`` and a hash of the id, and ``ids.json`` in the folder maps those names to their ids.
"""

from __future__ import annotations

import hashlib
import json
import os
import string
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

from quotes.convert.brat import Fragment
from quotes.convert.brat_import import MANIFEST, read_back
from quotes.convert.brat_notes import format_fields
from quotes.convert.gold_files import GoldRecord, span_problem
from quotes.convert.polnear import AttributionRelation, content_parts
from quotes.errors import UsageError
from quotes.records import Quote, Span

PathLike = Union[str, os.PathLike]

SAFE_CHARS = frozenset(string.ascii_letters + string.digits + "-_.")
MAX_STEM = 200
DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)

#: brat configuration written next to the documents, so that the folder opens in brat
#: with PolNeAR's labels (``Content+`` gives the roles Content, Content2...).
ANNOTATION_CONF = """\
[entities]
Source
Cue
Content
Discard
Discuss

[relations]
<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>

[events]
Attribution\tContent+:Content, Cue?:Cue, Source?:Source
Attribution-no-source\tContent+:Content, Cue?:Cue

[attributes]
"""

VISUAL_CONF = """\
[labels]
Attribution | Attribution
Attribution-no-source | Attribution (no source) | No source

[drawing]
Source\tbgColor:#8fb2ff
Cue\tbgColor:#ffe18f
Content\tbgColor:#c6efc0
Attribution\tbgColor:#ffe18f
Attribution-no-source\tbgColor:#ffe18f
"""


class ExportError(ValueError):
    """A document that cannot be written faithfully; the message names it."""


def _percent(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def file_stem(doc_id: str) -> str:
    """The reversible safe file name (without suffix) of an id; see the module docstring."""
    out = [ch if ch in SAFE_CHARS else _percent(ch) for ch in doc_id]
    if out and out[0] == ".":
        out[0] = "%2E"
    if out and out[-1] == ".":
        out[-1] = "%2E"
    if doc_id.split(".")[0].upper() in DEVICE_NAMES:
        out[0] = _percent(doc_id[0])
    return "".join(out)


def hashed_stem(doc_id: str) -> str:
    """A short name for an id whose plain name cannot be used; only ``ids.json`` maps it back."""
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    head = ""
    for ch in doc_id:  # whole characters, so that no escape is cut in half
        if len(file_stem(head + ch)) > 100:
            break
        head += ch
    prefix = file_stem(head)
    return f"{prefix}~{digest}"


class FileNames:
    """Gives each id of an export its file stem, unique even on case-insensitive disks."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.ids: set[str] = set()
        self.manifest: dict[str, str] = {}

    def stem(self, doc_id: str) -> str:
        if doc_id in self.ids:
            raise ExportError("the id appears twice; only its first record was written")
        stem = file_stem(doc_id)
        if not stem or len(stem) > MAX_STEM or stem.casefold() in self.taken:
            stem = hashed_stem(doc_id)
            self.manifest[stem] = doc_id
        self.taken.add(stem.casefold())
        self.ids.add(doc_id)
        return stem


def line_fragments(text: str, start: int, end: int) -> tuple[Fragment, ...]:
    """``[start, end)`` as fragments split at line breaks, the way brat annotates across lines.

    A span that starts or ends on a line break stays one fragment: its ends must be kept.
    """
    if end - start < 2 or text[start] == "\n" or text[end - 1] == "\n" or "\n" not in text[start:end]:
        return ((start, end),)
    frags, s = [], start
    for i in range(start, end):
        if text[i] == "\n":
            if s < i:
                frags.append((s, i))
            s = i + 1
    frags.append((s, end))
    return tuple(frags)


def _span_fragments(text: str, span: Optional[Span]) -> tuple[Fragment, ...]:
    return line_fragments(text, span.start, span.end) if span is not None else ()


def _reads_back(text: str, contents: list[tuple[Fragment, ...]], quotes: list[Quote]) -> bool:
    """Whether the PolNeAR reader turns these content fragments into exactly these quote spans."""
    rel = AttributionRelation(
        id="E0",
        label="Attribution",
        content=tuple(sorted(f for c in contents for f in c)),
        cue=_span_fragments(text, quotes[0].cue),
        source=_span_fragments(text, quotes[0].mention),
    )
    parts = content_parts(text, rel)
    extents = [(min(s for s, _ in p), max(e for _, e in p)) for p in parts]
    return extents == [(q.start, q.end) for q in quotes]


def _relation_key(q: Quote, extras: dict[str, Any]) -> tuple[Any, ...]:
    """Quotes may share a relation only when all of this is equal."""
    return (q.cue, q.mention, q.speaker, q.speaker_type, q.role, q.confidence is None,
            extras.get("speech"), extras.get("note"))


@dataclass
class Relation:
    """The quotes (1, or 2 for Content + Content2) one ``E`` line carries, in text order."""

    quotes: list[Quote]
    extras: dict[str, Any]
    contents: list[tuple[Fragment, ...]]


def relations_for(text: str, items: list[tuple[Quote, dict[str, Any]]]) -> list[Relation]:
    """Group a document's quotes (sorted by offsets) into relations.

    Two quotes in a row with the same cue, mention and speaker become one relation
    (Content + Content2) when the PolNeAR reader splits that relation back into exactly
    those two quotes; every other quote is a relation of its own.
    """
    relations: list[Relation] = []
    i = 0
    while i < len(items):
        q, extras = items[i]
        contents = [line_fragments(text, q.start, q.end)]
        if not _reads_back(text, contents, [q]):
            contents = [((q.start, q.end),)]
        if i + 1 < len(items) and q.cue is not None:
            q2, extras2 = items[i + 1]
            if _relation_key(q, extras) == _relation_key(q2, extras2):
                pair = contents + [line_fragments(text, q2.start, q2.end)]
                if _reads_back(text, pair, [q, q2]):
                    relations.append(Relation([q, q2], extras, pair))
                    i += 2
                    continue
        relations.append(Relation([q], extras, contents))
        i += 1
    return relations


def _spec(frags: tuple[Fragment, ...]) -> str:
    return ";".join(f"{s} {e}" for s, e in frags)


def _copied(text: str, frags: tuple[Fragment, ...]) -> str:
    return " ".join(text[s:e] for s, e in frags)


class _AnnBuilder:
    """Numbers the annotations of one ``.ann`` file; Source, Cue and Content spans are
    written once and shared by the relations that have them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.counts: Counter = Counter()
        self.ids: dict[tuple[str, tuple[Fragment, ...]], str] = {}

    def next_id(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"

    def textbound(self, label: str, frags: tuple[Fragment, ...], share: bool = True) -> str:
        key = (label, frags)
        if share and key in self.ids:
            return self.ids[key]
        tid = self.next_id("T")
        self.lines.append(f"{tid}\t{label} {_spec(frags)}\t{_copied(self.text, frags)}")
        if share:
            self.ids[key] = tid
        return tid

    def relation(self, rel: Relation) -> None:
        first = rel.quotes[0]
        label = "Attribution" if first.mention is not None else "Attribution-no-source"
        args = []
        source = cue = None
        if first.mention is not None:
            source = self.textbound("Source", _span_fragments(self.text, first.mention))
        if first.cue is not None:
            cue = self.textbound("Cue", _span_fragments(self.text, first.cue))
        for n, frags in enumerate(rel.contents, start=1):
            args.append(f"{'Content' if n == 1 else f'Content{n}'}:{self.textbound('Content', frags)}")
        trigger_frags = _span_fragments(self.text, first.cue) or rel.contents[0]
        trigger = self.textbound(label, trigger_frags, share=False)
        if cue:
            args.append(f"Cue:{cue}")
        if source:
            args.append(f"Source:{source}")
        eid = self.next_id("E")
        self.lines.append(f"{eid}\t{label}:{trigger} {' '.join(args)}")
        self.lines.append(f"{self.next_id('#')}\tAnnotatorNotes {eid}\t{format_fields(rel.quotes, rel.extras)}")


def document_ann(record: GoldRecord, text: str) -> tuple[str, list[Relation]]:
    """The ``.ann`` content of one document, and its relations."""
    problem = span_problem(record.result, text)
    if problem is not None:
        raise ExportError(problem)
    items = [(q, record.extras_of(i)) for i, q in enumerate(_with_text(record, text))]
    items.sort(key=lambda p: (p[0].start, p[0].end))
    builder = _AnnBuilder(text)
    relations = relations_for(text, items)
    for rel in relations:
        builder.relation(rel)
    return "".join(line + "\n" for line in builder.lines), relations


@dataclass
class ExportStats:
    """What an export wrote and left out, for the summary on stderr."""

    documents: int = 0
    quotes: int = 0
    relations: int = 0
    split: int = 0  # relations written with Content and Content2
    error_records: int = 0  # result lines that are errors: nothing to write
    errors: list[str] = field(default_factory=list)  # documents not written, with the reason

    def summary(self, out_dir: PathLike) -> str:
        return (
            f"brat: {self.documents} documents, {self.quotes} quotes in {self.relations} relations "
            f"({self.split} with Content2) written to {out_dir}; left out: {self.error_records} error records, "
            f"{len(self.errors)} documents with errors"
        )


class BratWriter:
    """Writes documents into a folder of brat pairs; :meth:`close` writes the configuration."""

    def __init__(self, out_dir: PathLike, force: bool = False) -> None:
        self.out_dir = Path(out_dir)
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise UsageError(f"{self.out_dir}: exists and is not a folder")
        if not force and self.out_dir.is_dir() and any(
            p.suffix in (".txt", ".ann") for p in self.out_dir.iterdir()
        ):
            raise UsageError(f"{self.out_dir}: already holds .txt/.ann files; choose an empty folder or pass --force")
        self.names = FileNames()
        self.stats = ExportStats()

    def write(self, record: GoldRecord, text: str) -> str:
        """Write one document; returns its file stem. Raises ExportError, writing nothing."""
        ann, relations = document_ann(record, text)
        expected = [q.to_dict() | record.extras_of(i) for i, q in enumerate(_with_text(record, text))]
        if sorted(read_back(text, ann), key=_order) != sorted(expected, key=_order):
            raise ExportError("its quotes would not read back the same from brat; please report this document")
        stem = self.names.stem(record.result.id)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        try:
            (self.out_dir / f"{stem}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
            (self.out_dir / f"{stem}.ann").write_bytes(ann.encode("utf-8", "surrogatepass"))
        except OSError as exc:
            raise UsageError(f"{exc.filename}: cannot write: {exc.strerror}") from None
        self.stats.documents += 1
        self.stats.quotes += len(record.result.quotes)
        self.stats.relations += len(relations)
        self.stats.split += sum(len(r.quotes) > 1 for r in relations)
        return stem

    def close(self) -> None:
        """Write brat's configuration (and ``ids.json`` when needed) once a document is written."""
        if not self.out_dir.is_dir():
            return
        (self.out_dir / "annotation.conf").write_text(ANNOTATION_CONF, encoding="utf-8")
        (self.out_dir / "visual.conf").write_text(VISUAL_CONF, encoding="utf-8")
        manifest = self.out_dir / MANIFEST
        if self.names.manifest:
            manifest.write_text(json.dumps(self.names.manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _with_text(record: GoldRecord, text: str) -> list[Quote]:
    return [replace(q, text=text[q.start : q.end]) for q in record.result.quotes]


def _order(d: dict[str, Any]) -> str:
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


def export_brat(
    records: Iterable[tuple[str, dict[str, Any]]],
    out_dir: PathLike,
    texts: Optional[Mapping[str, str]] = None,
    *,
    force: bool = False,
) -> ExportStats:
    """Write ``(where, raw record)`` pairs as brat pairs into ``out_dir``.

    A record's text is its own ``text`` or ``texts[id]``. A document that cannot be
    written (no text in ``texts``, a span that disagrees with the text) is left out and
    named in ``stats.errors``; a record without any text when no ``texts`` are given
    stops the export with :class:`~quotes.io.jsonl.ReadError`, as every other would too.
    """
    from quotes.errors import ReadError

    writer = BratWriter(out_dir, force=force)
    stats = writer.stats
    try:
        for where, raw in records:
            try:
                record = GoldRecord.from_dict(raw)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                stats.errors.append(f"{where}: not a result record: {exc}")
                continue
            if record.result.error is not None:
                stats.error_records += 1
                continue
            doc_id = record.result.id
            text = record.result.text if record.result.text is not None else (texts or {}).get(doc_id)
            if text is None:
                if texts is None:
                    raise ReadError(f"{where}: document {doc_id!r} has no text; give the texts with --texts")
                stats.errors.append(f"{where}: document {doc_id!r}: no text in the given texts")
                continue
            try:
                writer.write(record, text)
            except ExportError as exc:
                stats.errors.append(f"{where}: document {doc_id!r}: {exc}")
    finally:
        writer.close()
    return stats
