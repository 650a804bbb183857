"""A named layer over a converted corpus: speaker names, types, roles and speech flags.

PolNeAR annotates who is quoted only as a literal mention (``he``, ``the Republican nominee``).
The project's own labels for some of its documents (``data/annotations/polnear-named/``) add the
speaker's canonical name, type and role and whether the relation is a quote at all, keyed by the
content span the converter writes. Only offsets and labels are stored there, never the corpus text;
:func:`apply_layer` joins them with converted documents into full gold.

The layer's ``split.json`` fixes which documents rules may be tuned on (``tune``) and which no rule
is written against (``check``), so figures on unseen text can be reported apart.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from quotes.errors import ReadError
from quotes.records import Result

SPEAKER_TYPES = ("person", "organization", "group", "unknown")
SUBSETS = ("all", "tune", "check")
SPLIT_FILE = "split.json"


@dataclass(frozen=True)
class NamedLabel:
    """The labels of one relation, keyed by its content span."""

    start: int
    end: int
    speech: bool
    speaker: Optional[str]
    speaker_type: str
    role: Optional[str]


@dataclass(frozen=True)
class NamedLayer:
    """Labels by document id, and the fixed split of the documents."""

    labels: dict[str, list[NamedLabel]]
    splits: dict[str, list[str]]

    def ids(self, subset: str = "all") -> list[str]:
        """The document ids of ``subset`` (``all``, ``tune`` or ``check``), sorted."""
        if subset == "all":
            return sorted(self.labels)
        if subset not in self.splits:
            raise ReadError(f"the named layer has no {subset!r} split; it has {', '.join(sorted(self.splits))}")
        return sorted(self.splits[subset])


def _label(record: dict, where: str) -> NamedLabel:
    try:
        label = NamedLabel(
            start=int(record["start"]),
            end=int(record["end"]),
            speech=bool(record["speech"]),
            speaker=record.get("speaker"),
            speaker_type=record.get("speaker_type") or "unknown",
            role=record.get("role"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ReadError(f"{where}: not a named label: {exc}") from None
    if label.speaker_type not in SPEAKER_TYPES:
        raise ReadError(f"{where}: speaker_type {label.speaker_type!r} is not one of {', '.join(SPEAKER_TYPES)}")
    return label


def read_layer(folder: Union[str, Path]) -> NamedLayer:
    """Read a named layer folder: one ``<doc id>.json`` per document and ``split.json``."""
    root = Path(folder)
    if not root.is_dir():
        raise ReadError(f"{root}: no such folder (a named layer is a folder of <doc id>.json files)")
    labels: dict[str, list[NamedLabel]] = {}
    for path in sorted(root.glob("*.json")):
        if path.name == SPLIT_FILE:
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            doc_id, quotes = record["id"], record["quotes"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ReadError(f"{path}: not a named layer document: {exc}") from None
        labels[doc_id] = [_label(q, f"{path}: quote {i}") for i, q in enumerate(quotes)]
    if not labels:
        raise ReadError(f"{root}: holds no named layer documents")
    splits: dict[str, list[str]] = {}
    split_path = root / SPLIT_FILE
    if split_path.exists():
        try:
            raw = json.loads(split_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ReadError(f"{split_path}: {exc}") from None
        splits = {name: list(raw[name]) for name in ("tune", "check") if name in raw}
    unlabelled = sorted({doc_id for ids in splits.values() for doc_id in ids} - set(labels))
    if unlabelled:
        # A split naming a document without labels would score its quotes as unlabelled gold.
        raise ReadError(f"{split_path}: {len(unlabelled)} document(s) of the split have no labels, e.g. {unlabelled[0]}")
    return NamedLayer(labels, splits)


def apply_layer(result: Result, labels: Iterable[NamedLabel]) -> Result:
    """``result`` with every quote given its labels (a new record; ``result`` is unchanged).

    A label whose content span matches no quote of the document means the layer and the
    conversion disagree (a changed converter, another annotator's file): that is an error
    naming the document and span, never a silent drop.
    """
    by_span = {(q.start, q.end): i for i, q in enumerate(result.quotes)}
    quotes = list(result.quotes)
    for label in labels:
        i = by_span.get((label.start, label.end))
        if i is None:
            raise ReadError(
                f"{result.id}: the named layer labels content [{label.start}, {label.end}), "
                "which the conversion does not produce"
            )
        quotes[i] = dataclasses.replace(
            quotes[i], speech=label.speech, speaker=label.speaker,
            speaker_type=label.speaker_type, role=label.role,
        )
    return dataclasses.replace(result, quotes=quotes)


def named_results(results: Iterable[Result], layer: NamedLayer, subset: str = "all") -> Iterator[Result]:
    """The documents of ``subset`` among ``results``, with the layer's labels applied."""
    wanted = set(layer.ids(subset))
    seen = set()
    for result in results:
        if result.id in wanted:
            seen.add(result.id)
            yield apply_layer(result, layer.labels[result.id])
    missing = sorted(wanted - seen)
    if missing:
        raise ReadError(f"{len(missing)} document(s) of the named layer are not in the corpus, e.g. {missing[0]}")
