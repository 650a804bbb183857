"""Read a folder of brat ``.txt`` + ``.ann`` pairs in PolNeAR's attribution scheme as gold.

The relations are read by the PolNeAR converter (:func:`~quotes.convert.polnear.relations_of`
and :func:`~quotes.convert.polnear.relation_quotes`), so a folder written by ``quotes export
brat``, one edited in brat and PolNeAR's own files all read alike; a relation's quotes note
(:mod:`quotes.convert.brat_notes`) then restores the kind, speaker, type and role that brat
cannot hold. Without a note, the kind comes from the content's quotation marks and the
speaker is null, as for PolNeAR.

Pairing (:func:`find_pairs`): every ``.ann`` under the folder, in path order, is paired with
the ``.txt`` of the same name next to it; failing that, for PolNeAR's
``<split>/attributions/<doc>_<annotator>.ann``, with ``<doc>.txt`` next to it or in the sibling
``text/`` folder. When several ``.ann`` files annotate one text, the first in name order is
read (PolNeAR's canonical annotator rule) and the others are counted as skipped. The id is
the text's name decoded (``%2F`` -> ``/``, see :func:`quotes.convert.brat_export.file_stem`),
or the id ``ids.json`` next to it gives for that name.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Union
from urllib.parse import unquote

from quotes.convert.brat import AnnDocument, BratError, logical_lines, parse_ann, parse_note
from quotes.convert.brat_notes import NoteError, RelationFields, is_quotes_note, parse_fields
from quotes.convert.gold_files import GoldRecord
from quotes.convert.polnear import ConversionStats, relation_quotes, relations_of
from quotes.records import Quote, Result

PathLike = Union[str, os.PathLike]
MANIFEST = "ids.json"
SOURCE_NAME = "brat"


@dataclass
class BratStats:
    """What a conversion read and left out, for the summary on stderr."""

    documents: int = 0
    relations: int = 0
    quotes: int = 0
    with_notes: int = 0  # relations whose quotes note was applied
    kinds: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # .ann files not converted, with file and line

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {self.kinds[k]}" for k in ("direct", "indirect", "mixed"))
        skipped = "; ".join(f"{why}: {n}" for why, n in sorted(self.skipped.items())) or "none"
        lines = [
            f"brat: {self.documents} documents, {self.relations} attribution relations, {self.quotes} quotes "
            f"({kinds}); quotes notes read for {self.with_notes} relations",
            f"brat: skipped: {skipped}; {len(self.errors)} .ann files with errors",
        ]
        lines.extend(f"brat: warning: {w}" for w in self.warnings)
        return "\n".join(lines)


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BratError(f"{where}: invalid UTF-8 at byte {exc.start}") from None


def _line_numbers(ann_text: str) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """``id -> first line`` of the T and E annotations, and ``(line, logical line)`` of the notes."""
    ids: dict[str, int] = {}
    notes = []
    for n, line in logical_lines(ann_text):
        ann_id = line.split("\t", 1)[0]
        if ann_id.startswith("#"):
            notes.append((n, line))
        else:
            ids.setdefault(ann_id, n)
    return ids, notes


def _check(ann: AnnDocument, text: str, source: str, lines: dict[str, int]) -> None:
    """Spans that disagree with the text and references to nothing are errors: the pair is wrong."""
    for tb in ann.textbounds.values():
        where = f"{source}:{lines.get(tb.id, 0)}: {tb.id}"
        if any(not (0 <= s <= e <= len(text)) for s, e in tb.fragments):
            raise BratError(f"{where}: span {tb.fragments} is outside the text ({len(text)} characters)")
        if tb.source_text(text) != tb.text:
            raise BratError(
                f"{where}: copied text {tb.text[:40]!r} differs from the .txt there "
                f"({tb.source_text(text)[:40]!r}); is this the .ann of another text?"
            )
    for ev in ann.events.values():
        for ref in [ev.trigger] + [r for _, r in ev.args]:
            if ref not in ann.textbounds:
                raise BratError(f"{source}:{lines.get(ev.id, 0)}: {ev.id} refers to {ref}, which is not in the file")


def _quotes_notes(
    ann: AnnDocument, notes: list[tuple[int, str]], source: str
) -> dict[str, tuple[int, RelationFields]]:
    """``E id -> (line, fields)`` of the notes in the quotes syntax; free-text notes are not read."""
    out: dict[str, tuple[int, RelationFields]] = {}
    for n, line in notes:
        note = parse_note(line)
        if note.kind != "AnnotatorNotes" or not is_quotes_note(note.text):
            continue
        where = f"{source}:{n}"
        if note.target not in ann.events:
            raise BratError(f"{where}: quotes note on {note.target or 'nothing'}, which is not an E line of the file")
        if note.target in out:
            raise BratError(f"{where}: a second quotes note on {note.target} (the first is on line {out[note.target][0]})")
        try:
            out[note.target] = (n, parse_fields(note.text))
        except NoteError as exc:
            raise BratError(f"{where}: {exc}") from None
    return out


def ann_quotes(
    text: str, ann_text: str, source: str = "<ann>", stats: Optional[BratStats] = None
) -> list[tuple[Quote, dict[str, Any]]]:
    """The quotes of one ``.ann`` over ``text``, in text order, each with its extras.

    Raises :class:`BratError` naming ``source`` and the line for anything malformed.
    """
    ann = parse_ann(ann_text, source)
    lines, notes = _line_numbers(ann_text)
    _check(ann, text, source, lines)
    by_relation = _quotes_notes(ann, notes, source)
    conversion = ConversionStats()
    items: list[tuple[Quote, dict[str, Any]]] = []
    applied = 0
    relations = relations_of(ann, conversion)
    for rel in relations:
        quotes = relation_quotes(text, rel)
        line, fields = by_relation.pop(rel.id, (0, None))
        if fields is None:
            items.extend((q, {}) for q in quotes)
            continue
        try:
            items.extend(fields.apply(quotes))
        except NoteError as exc:
            raise BratError(f"{source}:{line}: {rel.id}: {exc}") from None
        applied += 1
    if stats is not None:
        stats.relations += len(relations)
        stats.with_notes += applied
        stats.skipped.update(conversion.skipped)
        for target, (line, _fields) in by_relation.items():
            stats.warnings.append(f"{source}:{line}: quotes note on {target}, which is not an attribution with content")
    items.sort(key=lambda item: (item[0].start, item[0].end))
    return items


def read_back(text: str, ann_text: str) -> list[dict[str, Any]]:
    """The gold quote objects an ``.ann`` reads as: what an export checks before writing."""
    return [q.to_dict() | extras for q, extras in ann_quotes(text, ann_text, "<export>")]


# --------------------------------------------------------------------------- folders


@dataclass(frozen=True)
class BratPair:
    """One document of a folder: its id, ``.ann`` and ``.txt``, and the annotator suffix if any."""

    doc_id: str
    ann: Path
    text: Path
    annotator: str = ""


def decode_stem(stem: str, manifest: dict[str, str]) -> str:
    """The id of a file name written by the export (or any name: ``%XX`` escapes decoded)."""
    return manifest.get(stem, unquote(stem))


def _manifest(folder: Path, cache: dict[Path, dict[str, str]]) -> dict[str, str]:
    if folder not in cache:
        path = folder / MANIFEST
        cache[folder] = {}
        if path.is_file():
            try:
                value = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError) as exc:
                raise BratError(f"{path}: not a JSON object of file names to ids: {exc}") from None
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise BratError(f"{path}: not a JSON object of file names to ids")
            cache[folder] = value
    return cache[folder]


def _text_for(ann: Path) -> Optional[tuple[Path, str]]:
    """The ``.txt`` an ``.ann`` annotates and the annotator suffix its name carries."""
    candidates = [(ann.with_suffix(".txt"), "")]
    stem = ann.stem
    if "_" in stem:
        doc, who = stem.rsplit("_", 1)
        candidates += [(ann.parent / f"{doc}.txt", who), (ann.parent.parent / "text" / f"{doc}.txt", who)]
    candidates.append((ann.parent.parent / "text" / f"{stem}.txt", ""))
    for path, who in candidates:
        if path.is_file():
            return path, who
    return None


def find_pairs(root: PathLike, stats: Optional[BratStats] = None) -> list[BratPair]:
    """The documents of a folder (see the module docstring); unpaired ``.ann`` files are errors."""
    from quotes.errors import ReadError

    root = Path(root)
    if not root.is_dir():
        raise ReadError(f"{root}: no such folder")
    anns = sorted(p for p in root.rglob("*.ann") if p.is_file())
    if not anns:
        raise ReadError(f"{root}: holds no .ann files")
    stats = stats if stats is not None else BratStats()
    manifests: dict[Path, dict[str, str]] = {}
    pairs: list[BratPair] = []
    texts: dict[Path, Path] = {}
    ids: dict[str, Path] = {}
    for ann in anns:
        found = _text_for(ann)
        if found is None:
            stats.errors.append(f"{ann}: no .txt of the same name next to it (nor in ../text/)")
            continue
        text, who = found
        if text in texts:
            stats.skipped["another .ann of an annotated text (the first in name order is read)"] += 1
            continue
        try:
            doc_id = decode_stem(text.stem, _manifest(text.parent, manifests))
        except BratError as exc:
            stats.errors.append(str(exc))
            continue
        if doc_id in ids:
            stats.errors.append(f"{ann}: document id {doc_id!r} already read from {ids[doc_id]}")
            continue
        texts[text], ids[doc_id] = ann, ann
        pairs.append(BratPair(doc_id, ann, text, who))
    return pairs


def read_pair(pair: BratPair, stats: Optional[BratStats] = None, root: Optional[Path] = None) -> GoldRecord:
    """One document as a gold record (text kept); :class:`BratError` names file and line."""
    source = str(pair.ann.relative_to(root)) if root is not None else str(pair.ann)
    try:
        text = _decode(pair.text.read_bytes(), str(pair.text))
        ann_text = _decode(pair.ann.read_bytes(), source)
    except OSError as exc:
        raise BratError(f"{exc.filename}: cannot read: {exc.strerror}") from None
    items = ann_quotes(text, ann_text, source, stats)
    meta: dict[str, Any] = {"source": SOURCE_NAME}
    if pair.annotator:
        meta["annotator"] = pair.annotator
    result = Result(pair.doc_id, [q for q, _ in items], text=text, meta=meta)
    if stats is not None:
        stats.documents += 1
        stats.quotes += len(items)
        stats.kinds.update(q.kind for q, _ in items)
    return GoldRecord(result, [extras for _, extras in items])


def iter_brat(root: PathLike, stats: Optional[BratStats] = None, progress: bool = False) -> Iterator[GoldRecord]:
    """Stream the documents of a folder; an ``.ann`` with an error is named in
    ``stats.errors`` (file and line) and left out, and the others are still read."""
    from tqdm import tqdm

    stats = stats if stats is not None else BratStats()
    root = Path(root)
    pairs = find_pairs(root, stats)
    for pair in tqdm(pairs, desc="brat", unit="doc", disable=not progress):
        try:
            yield read_pair(pair, stats, root)
        except BratError as exc:
            stats.errors.append(str(exc))
