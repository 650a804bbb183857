"""Read PolNeAR (brat standoff attribution relations) as gold :class:`~quotes.records.Result` records.

PolNeAR annotates PARC-style attribution relations: a Source (the mention), a Cue and a
Content, one ``E`` line per relation. It labels neither quote kinds nor speakers, so the
conversion derives ``kind`` from the quotation marks of the content, sets ``speaker`` and
``role`` to null and ``speaker_type`` to ``unknown``, and keeps the Source span as the
``mention``. The corpus is research-use only: it is read from a path given at run time,
never copied into the project.

Layout read (``ROOT`` is the folder holding ``index.tsv``, or an upstream ``data/`` folder)::

    ROOT/index.tsv                              doc_id, compartment, ..., canonical_ann, other_anns
    ROOT/<split>/text/<doc_id>.txt
    ROOT/<split>/attributions/<doc_id>_<annotator>.ann

Without ``index.tsv`` the split folder is scanned and the canonical annotator of a
document is the one whose suffix sorts first, which is the rule ``index.tsv`` records.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from quotes.convert.brat import AnnDocument, Event, Fragment, read_ann
from quotes.errors import PolnearError
from quotes.records import Quote, Result, Span
from quotes.text.quote_kind import content_kind

SPLITS = ("train", "dev", "annotator-training")
SOURCE_NAME = "polnear"

# Event labels that are attribution relations; everything else (Discard, Discuss) is not.
RELATION_LABELS = ("Attribution", "Attribution-no-source")
CONTENT_ROLES = ("Content", "Content2")

# A content interrupted by its own cue or source becomes one quote per part only when
# every part has at least this many whitespace-separated words: short lead-ins such as
# "“No,” he said, “...”" stay one quote rather than leaving a one-word fragment.
MIN_SPLIT_WORDS = 4

PathLike = Union[str, Path]


# --------------------------------------------------------------------------- index


@dataclass(frozen=True)
class PolnearDocument:
    """One article of the corpus and the ``.ann`` files annotating it (paths relative to the root)."""

    doc_id: str
    split: str
    text_path: str
    canonical_ann: Optional[str]
    other_anns: tuple[str, ...] = ()
    publisher: str = ""
    date: str = ""

    @property
    def anns(self) -> tuple[str, ...]:
        """All ``.ann`` files, canonical first."""
        return ((self.canonical_ann,) if self.canonical_ann else ()) + self.other_anns

    def ann_for(self, annotator: str) -> Optional[str]:
        for ann in self.anns:
            if annotator_of(ann) == annotator:
                return ann
        return None


def annotator_of(ann_path: str) -> str:
    """``.../<doc_id>_4b22.ann`` -> ``4b22``."""
    return Path(ann_path).stem.rsplit("_", 1)[-1]


def read_index(root: PathLike, split: str) -> list[PolnearDocument]:
    """The documents of ``split`` in ``index.tsv`` order (or sorted by id without an index)."""
    root = Path(root)
    if split not in SPLITS:
        raise PolnearError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    if not root.is_dir():
        raise PolnearError(f"{root}: no such folder")
    index = root / "index.tsv"
    if index.is_file():
        with open(index, encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("compartment") == split]
        docs = []
        for r in rows:
            anns = sorted(a for a in [r.get("canonical_ann") or ""] + (r.get("other_anns") or "").split("|") if a)
            canonical = r.get("canonical_ann") or (anns[0] if anns else None)
            docs.append(
                PolnearDocument(
                    doc_id=r["doc_id"],
                    split=split,
                    text_path=r["text_path"],
                    canonical_ann=canonical,
                    other_anns=tuple(a for a in anns if a != canonical),
                    publisher=r.get("publisher", ""),
                    date=r.get("publication_date", ""),
                )
            )
        return docs
    return _scan_split(root, split)


def _scan_split(root: Path, split: str) -> list[PolnearDocument]:
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir():
        raise PolnearError(f"{root}: neither index.tsv nor {split}/text/ found; is this the PolNeAR data folder?")
    by_doc: dict[str, list[str]] = {}
    if ann_dir.is_dir():
        for ann in sorted(ann_dir.glob("*.ann")):
            by_doc.setdefault(ann.stem.rsplit("_", 1)[0], []).append(f"{split}/attributions/{ann.name}")
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = by_doc.get(txt.stem, [])
        docs.append(
            PolnearDocument(
                doc_id=txt.stem,
                split=split,
                text_path=f"{split}/text/{txt.name}",
                canonical_ann=anns[0] if anns else None,
                other_anns=tuple(anns[1:]),
            )
        )
    return docs


# --------------------------------------------------------------------------- relations


@dataclass(frozen=True)
class AttributionRelation:
    """One attribution ``E`` line resolved to character fragments.

    ``content`` holds the fragments of Content and Content2 in text order; ``cue`` and
    ``source`` are the fragments of those arguments (empty when the relation lacks them).
    """

    id: str
    label: str
    content: tuple[Fragment, ...]
    cue: tuple[Fragment, ...]
    source: tuple[Fragment, ...]
    has_content2: bool = False


@dataclass
class ConversionStats:
    """What a conversion read, wrote and left out, for the summary on stderr."""

    documents: int = 0
    ann_files: int = 0
    relations: int = 0  # attribution E lines read
    converted: int = 0  # relations that gave quotes
    quotes: int = 0
    split_relations: int = 0  # relations interrupted by their attribution, written as several quotes
    content2: int = 0
    no_cue: int = 0  # converted with cue null
    no_source: int = 0  # converted with mention null
    kinds: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # reason -> relations (or documents) left out
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {self.kinds[k]}" for k in ("direct", "indirect", "mixed"))
        lines = [
            f"polnear: {self.documents} documents ({self.ann_files} .ann files), "
            f"{self.relations} attribution relations, {self.converted} converted, {self.quotes} quotes "
            f"({kinds})",
            f"polnear: {self.split_relations} relations split at their cue/source into one quote per part; "
            f"{self.content2} with Content2; {self.no_cue} without cue (cue null); "
            f"{self.no_source} without source (mention null)",
        ]
        if self.skipped:
            reasons = "; ".join(f"{reason}: {n}" for reason, n in sorted(self.skipped.items()))
            lines.append(f"polnear: skipped: {reasons}")
        else:
            lines.append("polnear: skipped: none")
        lines.extend(f"polnear: warning: {w}" for w in self.warnings)
        return "\n".join(lines)


def _fragments(
    ann: AnnDocument, ids: list[str], event: Event, stats: Optional[ConversionStats]
) -> tuple[Fragment, ...]:
    frags: list[Fragment] = []
    for ref in ids:
        tb = ann.textbounds.get(ref)
        if tb is None:
            if stats is not None:
                stats.warnings.append(f"{event.id} refers to missing annotation {ref}")
            continue
        frags.extend(tb.fragments)
    return tuple(sorted(frags))


def relations_of(ann: AnnDocument, stats: Optional[ConversionStats] = None) -> list[AttributionRelation]:
    """The attribution relations of an ``.ann`` file that have a content, in file order.

    Relations without any Content or Content2 are counted in ``stats.skipped`` and left
    out: with nothing attributed there is no quote to write.
    """
    out = []
    for ev in ann.events.values():
        if ev.label not in RELATION_LABELS:
            if stats is not None:
                stats.skipped[f"event label {ev.label}"] += 1
            continue
        if stats is not None:
            stats.relations += 1
        content = _fragments(ann, ev.arg_ids(*CONTENT_ROLES), ev, stats)
        if not content:
            if stats is not None:
                stats.skipped["relation without content"] += 1
            continue
        out.append(
            AttributionRelation(
                id=ev.id,
                label=ev.label,
                content=content,
                cue=_fragments(ann, ev.arg_ids("Cue"), ev, stats),
                source=_fragments(ann, ev.arg_ids("Source"), ev, stats),
                has_content2=bool(ev.arg_ids("Content2")),
            )
        )
    return out


def _extent(text: str, frags: tuple[Fragment, ...]) -> Optional[Span]:
    """First start to last end: brat lists fragments in any order, and the contract has one span."""
    if not frags:
        return None
    return Span.of(text, min(s for s, _ in frags), max(e for _, e in frags))


def content_parts(text: str, relation: AttributionRelation) -> list[tuple[Fragment, ...]]:
    """Group the content fragments into the quotes they make.

    A gap between two content fragments that holds the relation's own cue or source
    is an interruption by the attribution (``“A,” he said. “B.”``): the content is
    one quote per part when every part has :data:`MIN_SPLIT_WORDS` words or more.
    Any other gap (an aside the annotator left out, a Content2 with nothing of the
    attribution between) is kept inside one span from the first start to the last end.
    """
    attribution = relation.cue + relation.source
    parts: list[list[Fragment]] = [[relation.content[0]]]
    for frag in relation.content[1:]:
        gap_start, gap_end = parts[-1][-1][1], frag[0]
        if any(a < gap_end and b > gap_start for a, b in attribution):
            parts.append([frag])
        else:
            parts[-1].append(frag)
    if len(parts) > 1 and all(sum(len(text[s:e].split()) for s, e in p) >= MIN_SPLIT_WORDS for p in parts):
        return [tuple(p) for p in parts]
    return [relation.content]


def relation_quotes(text: str, relation: AttributionRelation) -> list[Quote]:
    """The contract quotes of one relation: same cue and mention on every part."""
    cue = _extent(text, relation.cue)
    mention = _extent(text, relation.source)
    quotes = []
    for part in content_parts(text, relation):
        span = _extent(text, part)
        assert span is not None
        quotes.append(
            Quote(
                start=span.start,
                end=span.end,
                text=span.text,
                kind=content_kind(text, part),
                cue=cue,
                mention=mention,
                speaker=None,
                speaker_type="unknown",
                role=None,
            )
        )
    return quotes


def convert_ann(
    doc_id: str,
    text: str,
    ann: AnnDocument,
    *,
    annotator: str = "",
    stats: Optional[ConversionStats] = None,
) -> Result:
    """One gold record for one ``.ann`` file of a document, quotes in text order."""
    if stats is not None:
        stats.ann_files += 1
        for problem in ann.span_mismatches(text):
            stats.warnings.append(f"{doc_id}_{annotator}: {problem}")
    relations = relations_of(ann, stats)
    quotes: list[Quote] = []
    for rel in relations:
        qs = relation_quotes(text, rel)
        quotes.extend(qs)
        if stats is not None:
            stats.converted += 1
            stats.quotes += len(qs)
            stats.split_relations += len(qs) > 1
            stats.content2 += rel.has_content2
            stats.no_cue += not rel.cue
            stats.no_source += not rel.source
            stats.kinds.update(q.kind for q in qs)
    quotes.sort(key=lambda q: (q.start, q.end))
    meta = {"source": SOURCE_NAME, "annotator": annotator, "relations": len(relations)}
    return Result(id=doc_id, quotes=quotes, text=text, meta=meta)


def read_text(path: PathLike) -> str:
    """Decode a corpus text exactly (no newline translation): offsets index this string."""
    return Path(path).read_bytes().decode("utf-8")


def iter_polnear(
    root: PathLike,
    split: str,
    annotator: Optional[str] = None,
    *,
    all_annotators: bool = False,
    stats: Optional[ConversionStats] = None,
) -> Iterator[Result]:
    """Stream a split as gold results, one per document in ``index.tsv`` order.

    Each :class:`Result` carries the document ``text`` (write it with
    ``to_dict(include_text=True)``) and ``meta`` ``{"source", "annotator", "relations"}``.
    The ``.ann`` used is the canonical one, or ``annotator``'s (documents it did not
    annotate are skipped and counted), or, with ``all_annotators``, every ``.ann`` as
    its own record with id ``<doc_id>#<annotator>``.
    """
    root = Path(root)
    stats = stats if stats is not None else ConversionStats()
    docs = read_index(root, split)
    if annotator is not None and not any(d.ann_for(annotator) for d in docs):
        known = sorted({annotator_of(a) for d in docs for a in d.anns})
        raise PolnearError(f"annotator {annotator!r} annotated nothing in {split}; known: {', '.join(known)}")
    for doc in docs:
        if all_annotators:
            anns = list(doc.anns)
        elif annotator is not None:
            ann = doc.ann_for(annotator)
            anns = [ann] if ann else []
        else:
            anns = [doc.canonical_ann] if doc.canonical_ann else []
        if not anns:
            stats.skipped["document without the requested .ann" if annotator else "document without .ann"] += 1
            continue
        text = read_text(root / doc.text_path)
        stats.documents += 1
        for ann_path in anns:
            who = annotator_of(ann_path)
            result = convert_ann(doc.doc_id, text, read_ann(root / ann_path), annotator=who, stats=stats)
            if all_annotators:
                result.id = f"{doc.doc_id}#{who}"
            yield result


def load_polnear(
    root: PathLike,
    split: str,
    annotator: Optional[str] = None,
    *,
    all_annotators: bool = False,
) -> list[Result]:
    """All of :func:`iter_polnear` as a list (a split is small: dev is 84 documents)."""
    return list(iter_polnear(root, split, annotator, all_annotators=all_annotators))
