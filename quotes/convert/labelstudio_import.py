"""A Label Studio JSON export back to gold records (docs/format.md section 3).

Each task gives one gold document from its latest submitted annotation (skipped ones, which
Label Studio marks ``was_cancelled``, and drafts do not count); a task nobody submitted gives
nothing, since an empty list of quotes would claim the document has none. The regions and
fields are the ones :mod:`quotes.convert.labelstudio_config` declares.

Annotators make mistakes the tool lets through, and exports get edited by hand, so every region
is checked before it is used: against the task text, against the known labels, against the other
regions. Each problem is one message naming the task (and region) and costs only what it
touches: a bad region is dropped, a relation to a missing region is ignored, and the rest of the
task and of the export still converts. A content without a cue or a source is a quote with a
``null`` cue or mention, which the format allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Optional

from quotes.convert import labelstudio_config as cfg
from quotes.text.quote_kind import content_kind

_SLOTS = {cfg.CUE: "cue", cfg.SOURCE: "mention"}


def infer_kind(text: str, start: int, end: int) -> str:
    """The kind of a content that was given none, from its quotation marks.

    A direct content stops inside its marks (docs/format.md section 2); the project's one kind
    rule (:func:`~quotes.text.quote_kind.content_kind`) counts the quotation a content sits in.
    """
    return content_kind(text, ((start, end),))


@dataclass
class ConvertStats:
    """What a conversion produced and left out, for the summary line."""

    tasks: int = 0
    documents: int = 0
    quotes: int = 0
    unannotated: list[str] = field(default_factory=list)
    inferred_kinds: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"converted {self.documents} of {self.tasks} tasks to gold documents with {self.quotes} quotes"]
        if self.unannotated:
            shown = ", ".join(self.unannotated[:10]) + (", ..." if len(self.unannotated) > 10 else "")
            parts.append(f"{len(self.unannotated)} tasks without a submitted annotation left out ({shown})")
        if self.inferred_kinds:
            parts.append(f"{self.inferred_kinds} contents without a kind got it from their quotation marks")
        if self.problems:
            parts.append(f"{len(self.problems)} problems")
        return "; ".join(parts)


@dataclass
class Region:
    id: str
    label: str
    start: int
    end: int
    fields: dict[str, str] = field(default_factory=dict)
    links: dict[str, "Region"] = field(default_factory=dict)


def latest_annotation(task: Mapping[str, Any]) -> Optional[Mapping[str, Any]]:
    """The latest submitted annotation of a task: not cancelled (skipped), latest
    ``updated_at`` (else ``created_at``), then highest id; None when there is none."""
    submitted = [
        a for a in task.get("annotations") or () if isinstance(a, Mapping) and not a.get("was_cancelled")
    ]
    if not submitted:
        return None

    def when(a: Mapping[str, Any]) -> tuple[str, int]:
        stamp = a.get("updated_at") or a.get("created_at") or ""
        ident = a.get("id")
        return (str(stamp), ident if isinstance(ident, int) else -1)

    return max(submitted, key=when)


class _Task:
    """One task's annotation being read, with the place to report problems."""

    def __init__(self, where: str, text: str, problems: list[str]):
        self.where = where
        self.text = text
        self.problems = problems
        self.regions: dict[str, Region] = {}
        self.alias: dict[str, str] = {}

    def problem(self, message: str, region: Optional[str] = None) -> None:
        at = f"{self.where} region {region}" if region is not None else self.where
        self.problems.append(f"{at}: {message}")

    # ------------------------------------------------------------------ regions

    def add_region(self, item: Mapping[str, Any]) -> None:
        rid = item.get("id")
        value = item.get("value")
        if not isinstance(rid, str) or not rid:
            self.problem("a labelled region without an id; dropped")
            return
        if not isinstance(value, Mapping):
            self.problem("no value; dropped", rid)
            return
        if rid in self.regions:
            self.problem("a second region with this id; dropped", rid)
            return
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            self.problem(f"expected one label, found {labels!r}; dropped", rid)
            return
        label = labels[0]
        if label not in cfg.LABEL_VALUES:
            self.problem(f"unknown label {label!r} (expected {_either(cfg.LABEL_VALUES)}); dropped", rid)
            return
        start, end = value.get("start"), value.get("end")
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
            self.problem(f"offsets {start!r}, {end!r} are not integers; dropped", rid)
            return
        if not 0 <= start < end <= len(self.text):
            self.problem(
                f"offsets [{start}, {end}) are empty or out of range of the text ({len(self.text)} characters); dropped",
                rid,
            )
            return
        own = value.get("text")
        if own is not None and own != self.text[start:end]:
            self.problem(
                f"region text {_short(own)} does not match the task text at [{start}, {end}) "
                f"({_short(self.text[start:end])}); dropped",
                rid,
            )
            return
        self.regions[rid] = Region(rid, label, start, end)

    def check_overlaps(self) -> None:
        """Report regions of one label that cross each other, and merge exact duplicates.

        One region inside another is fine (nested speech: a quote that reports another quote);
        two that cross, or the same span marked twice, are mistakes.
        """
        for label in cfg.LABEL_VALUES:
            same = sorted((r for r in self.regions.values() if r.label == label), key=lambda r: (r.start, -r.end, r.id))
            kept: list[Region] = []
            for r in same:
                twin = next((k for k in kept if (k.start, k.end) == (r.start, r.end)), None)
                if twin is not None:
                    self.problem(f"the same {label} span [{r.start}, {r.end}) as region {twin.id}; merged into it", r.id)
                    self.alias[r.id] = twin.id
                    del self.regions[r.id]
                    continue
                for k in kept:
                    if k.start < r.start < k.end < r.end:
                        self.problem(
                            f"{label} [{r.start}, {r.end}) overlaps {label} region {k.id} [{k.start}, {k.end})", r.id
                        )
                kept.append(r)

    def resolve(self, rid: Any) -> Optional[Region]:
        if not isinstance(rid, str):
            return None
        return self.regions.get(self.alias.get(rid, rid))

    # ------------------------------------------------------------------ fields and relations

    def add_field(self, item: Mapping[str, Any]) -> None:
        name, rid = item.get("from_name"), item.get("id")
        region = self.resolve(rid)
        if region is None:
            self.problem(f"{name} belongs to no labelled region (deleted, or dropped above); ignored", str(rid))
            return
        if region.label != cfg.CONTENT:
            self.problem(f"{name} is set on a {region.label} region; it belongs on the Content; ignored", region.id)
            return
        value = item.get("value") if isinstance(item.get("value"), Mapping) else {}
        if name in cfg.CHOICE_FIELDS:
            choices = value.get("choices")
            allowed = cfg.CHOICE_FIELDS[name]
            if not isinstance(choices, list) or len(choices) != 1 or choices[0] not in allowed:
                self.problem(f"{name} {choices!r} is not one of {_either(allowed)}; ignored", region.id)
                return
            region.fields[name] = choices[0]
            return
        entries = value.get("text")
        if isinstance(entries, str):
            entries = [entries]
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            self.problem(f"{name} {entries!r} is not text; ignored", region.id)
            return
        entries = [e.strip() for e in entries if e.strip()]
        if len(entries) > 1:
            self.problem(f"{name} has {len(entries)} entries; the last, {_short(entries[-1])}, is kept", region.id)
        if entries:
            region.fields[name] = entries[-1]

    def add_relation(self, item: Mapping[str, Any]) -> None:
        a_id, b_id = item.get("from_id"), item.get("to_id")
        a, b = self.resolve(a_id), self.resolve(b_id)
        for rid, region in ((a_id, a), (b_id, b)):
            if region is None:
                self.problem(f"relation {a_id} -> {b_id} names region {rid}, which is not in the annotation; ignored")
                return
        assert a is not None and b is not None
        if (a.label == cfg.CONTENT) == (b.label == cfg.CONTENT):
            what = "two Content regions" if a.label == cfg.CONTENT else f"a {a.label} and a {b.label} region"
            self.problem(f"relation {a.id} -> {b.id} links {what}; it must link a Content to its Cue or Source; ignored")
            return
        content, other = (a, b) if a.label == cfg.CONTENT else (b, a)
        slot = _SLOTS[other.label]
        present = content.links.get(slot)
        if present is not None and present.id != other.id:
            self.problem(
                f"a second {other.label} relation (to {other.id}, already to {present.id}); the first is kept",
                content.id,
            )
            return
        content.links[slot] = other

    def quotes(self, stats: ConvertStats) -> list[dict[str, Any]]:
        out = []
        contents = sorted((r for r in self.regions.values() if r.label == cfg.CONTENT), key=lambda r: (r.start, r.end))
        for r in contents:
            kind = r.fields.get(cfg.KIND)
            if kind is None:
                kind = infer_kind(self.text, r.start, r.end)
                stats.inferred_kinds += 1
            quote: dict[str, Any] = {"start": r.start, "end": r.end, "text": self.text[r.start : r.end], "kind": kind}
            for slot in ("cue", "mention"):
                span = r.links.get(slot)
                quote[slot] = (
                    None if span is None else {"start": span.start, "end": span.end, "text": self.text[span.start : span.end]}
                )
            quote["speaker"] = r.fields.get(cfg.SPEAKER)
            quote["speaker_type"] = r.fields.get(cfg.SPEAKER_TYPE, "unknown")
            quote["role"] = r.fields.get(cfg.ROLE)
            if cfg.NOTE in r.fields:
                quote["note"] = r.fields[cfg.NOTE]
            out.append(quote)
        return out


def _short(s: Any, n: int = 40) -> str:
    s = str(s)
    return repr(s if len(s) <= n else s[: n - 3] + "...")


def _either(values: tuple[str, ...]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1]


def _kind_of(item: Mapping[str, Any]) -> str:
    """``region``, ``field``, ``relation`` or ``other`` for one result item."""
    if item.get("type") == "relation":
        return "relation"
    if item.get("from_name") == cfg.LABELS or item.get("type") == "labels":
        return "region"
    if item.get("from_name") in cfg.CHOICE_FIELDS or item.get("from_name") in cfg.TEXT_FIELDS:
        return "field"
    return "other"


def gold_of_task(task: Any, where: str, stats: ConvertStats) -> Optional[dict[str, Any]]:
    """The gold record of one exported task, or None when it has no text or no submitted
    annotation; problems go to ``stats.problems``."""
    if not isinstance(task, Mapping):
        stats.problems.append(f"{where}: not a task object; skipped")
        return None
    task_id = task.get("id")
    data = task.get("data") if isinstance(task.get("data"), Mapping) else {}
    doc_id = data.get("doc_id", data.get("id"))
    doc_id = str(doc_id) if isinstance(doc_id, (str, int)) and not isinstance(doc_id, bool) else f"task-{task_id}"
    here = f"task {task_id} (document {doc_id})"
    text = data.get(cfg.TEXT)
    if not isinstance(text, str):
        stats.problems.append(f"{here}: no text in data.{cfg.TEXT}; skipped")
        return None
    annotation = latest_annotation(task)
    if annotation is None:
        stats.unannotated.append(str(task_id))
        return None
    result = annotation.get("result")
    if not isinstance(result, list):
        stats.problems.append(f"{here}: annotation {annotation.get('id')} has no result list; skipped")
        return None
    reader = _Task(here, text, stats.problems)
    items = [r for r in result if isinstance(r, Mapping)]
    if len(items) != len(result):
        reader.problem(f"{len(result) - len(items)} result items are not objects; ignored")
    for item in items:
        if _kind_of(item) == "region":
            reader.add_region(item)
    reader.check_overlaps()
    for item in items:
        kind = _kind_of(item)
        if kind == "field":
            reader.add_field(item)
        elif kind == "relation":
            reader.add_relation(item)
        elif kind == "other":
            reader.problem(
                f"result {item.get('from_name')!r} of type {item.get('type')!r} is not part of the quotes "
                "labelling config; ignored",
                item.get("id") if isinstance(item.get("id"), str) else None,
            )
    record: dict[str, Any] = {"id": doc_id, "text": text, "source": "labelstudio", "task": task_id}
    if annotation.get("completed_by") is not None:
        record["annotator"] = annotation.get("completed_by")
    record["quotes"] = reader.quotes(stats)
    return record


def iter_gold(items: Iterable[tuple[str, Any, Optional[str]]], stats: ConvertStats) -> Iterator[dict[str, Any]]:
    """Gold records of ``(where, task, error)`` items in export order; a document id met twice
    keeps its first task."""
    seen: dict[str, str] = {}
    for where, task, error in items:
        if error is not None:
            stats.problems.append(f"{where}: {error}")
            continue
        stats.tasks += 1
        if isinstance(task, Mapping) and "annotations" not in task and "data" not in task:
            stats.problems.append(
                f"{where}: not a task of Label Studio's JSON export (no 'data' or 'annotations'; "
                "export with the JSON format, not JSON-MIN or CSV); skipped"
            )
            continue
        gold = gold_of_task(task, where, stats)
        if gold is None:
            continue
        if gold["id"] in seen:
            stats.problems.append(f"task {gold['task']}: document {gold['id']} was already converted from {seen[gold['id']]}; skipped")
            continue
        seen[gold["id"]] = f"task {gold['task']}"
        stats.documents += 1
        stats.quotes += len(gold["quotes"])
        yield gold
