"""Results or gold as Label Studio tasks whose predictions are the quotes.

A task is ``{"data": {"text", "doc_id"}, "predictions": [{"model_version", "score", "result"}]}``,
the JSON Label Studio imports through its UI and its API. The prediction's ``result`` holds, per
quote, a ``Content`` region (with the quote's confidence as its score), its per-region fields
(kind, speaker, speaker type, role, note) and relations to its ``Cue`` and ``Source`` regions;
cue and source regions are shared by the quotes that share the span, so a mention is one region
however many quotes it speaks. Offsets are Python ``str`` indices, which is what Label Studio
counts too (code points, not UTF-16 units), so they are written as they are.

Annotators then correct the quotes instead of marking them from scratch, and
:mod:`quotes.convert.labelstudio_import` turns their annotations back into gold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Optional

from quotes.convert import labelstudio_config as cfg


@dataclass
class ExportStats:
    """What an export wrote and left out, for the summary line."""

    tasks: int = 0
    quotes: int = 0
    error_records: int = 0
    skipped_docs: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"wrote {self.tasks} tasks with {self.quotes} predicted quotes"]
        if self.error_records:
            parts.append(f"{self.error_records} error records exported without predictions")
        if self.skipped_docs:
            parts.append(f"{self.skipped_docs} documents left out")
        if self.problems:
            parts.append(f"{len(self.problems)} problems")
        return "; ".join(parts)


def _region(rid: str, label: str, start: int, end: int, text: str, score: Optional[float] = None) -> dict[str, Any]:
    region: dict[str, Any] = {
        "id": rid,
        "from_name": cfg.LABELS,
        "to_name": cfg.TEXT,
        "type": "labels",
        "origin": "prediction",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }
    if score is not None:
        region["score"] = score
    return region


def _field(rid: str, name: str, start: int, end: int, value: str) -> dict[str, Any]:
    """A per-region field of a content region: a Choices or a TextArea result under its id."""
    if name in cfg.CHOICE_FIELDS:
        kind, payload = "choices", {"choices": [value]}
    else:
        kind, payload = "textarea", {"text": [value]}
    return {
        "id": rid,
        "from_name": name,
        "to_name": cfg.TEXT,
        "type": kind,
        "origin": "prediction",
        "value": {"start": start, "end": end, **payload},
    }


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right", "labels": [label]}


def _span_problem(span: Any, text: str) -> Optional[str]:
    """Why a span cannot be a region of ``text``, or None."""
    if not isinstance(span, Mapping):
        return "is not an object"
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return "has no integer start and end"
    if not 0 <= start < end <= len(text):
        return f"[{start}, {end}) is empty or outside the text ({len(text)} characters)"
    own = span.get("text")
    if isinstance(own, str) and own != text[start:end]:
        return f"text {own[:40]!r} is not the document's text at [{start}, {end}) ({text[start:end][:40]!r})"
    return None


def prediction_result(quotes: Iterable[Any], text: str, where: str, problems: list[str]) -> tuple[list[dict], list[float]]:
    """The ``result`` list of a prediction and the confidences of its quotes.

    A quote whose content span does not fit the text is left out, and a cue or mention that
    does not fit is left off its quote; each gets a line in ``problems`` naming ``where``.
    """
    result: list[dict[str, Any]] = []
    shared: dict[tuple[str, int, int], str] = {}
    confidences: list[float] = []
    for i, quote in enumerate(quotes):
        why = _span_problem(quote, text)
        if why is not None:
            problems.append(f"{where} quote {i}: content {why}; quote left out")
            continue
        start, end = quote["start"], quote["end"]
        qid = f"q{i}"
        conf = quote.get("confidence")
        score = float(conf) if isinstance(conf, (int, float)) and not isinstance(conf, bool) else None
        if score is not None:
            confidences.append(score)
        result.append(_region(qid, cfg.CONTENT, start, end, text, score))
        links = []
        for key, label, rel in (("cue", cfg.CUE, cfg.REL_CUE), ("mention", cfg.SOURCE, cfg.REL_SOURCE)):
            span = quote.get(key)
            if span is None:
                continue
            why = _span_problem(span, text)
            if why is not None:
                problems.append(f"{where} quote {i}: {key} {why}; {key} left off")
                continue
            ref = (label, span["start"], span["end"])
            if ref not in shared:
                shared[ref] = f"{label[0].lower()}{len(shared)}"
                result.append(_region(shared[ref], label, span["start"], span["end"], text))
            links.append(_relation(qid, shared[ref], rel))
        kind = quote.get("kind")
        if kind in cfg.CHOICE_FIELDS[cfg.KIND]:
            result.append(_field(qid, cfg.KIND, start, end, kind))
        stype = quote.get("speaker_type") or "unknown"
        if stype in cfg.CHOICE_FIELDS[cfg.SPEAKER_TYPE]:
            result.append(_field(qid, cfg.SPEAKER_TYPE, start, end, stype))
        for name in cfg.TEXT_FIELDS:
            value = quote.get(name)
            if isinstance(value, str) and value:
                result.append(_field(qid, name, start, end, value))
        result.extend(links)
    return result, confidences


def task_of(record: Mapping[str, Any], text: str, where: str, model_version: str, problems: list[str]) -> dict[str, Any]:
    """The Label Studio task of one result or gold record (``text`` is its document)."""
    doc_id = str(record["id"])
    task: dict[str, Any] = {"data": {cfg.TEXT: text, "doc_id": doc_id}}
    if record.get("error") is not None:
        return task
    quotes = record.get("quotes")
    if not isinstance(quotes, list):
        problems.append(f"{where}: 'quotes' is not a list; exported without predictions")
        return task
    result, confidences = prediction_result(quotes, text, where, problems)
    prediction: dict[str, Any] = {"model_version": model_version, "result": result}
    if confidences:
        prediction["score"] = round(sum(confidences) / len(confidences), 4)
    task["predictions"] = [prediction]
    return task


def iter_tasks(
    items: Iterable[tuple[str, Any, Optional[str]]],
    texts: Mapping[str, str],
    model_version: str,
    stats: ExportStats,
) -> Iterator[dict[str, Any]]:
    """Tasks of ``(where, record, error)`` items as :func:`quotes.convert.labelstudio_stream`
    reads them; what cannot be exported goes to ``stats.problems`` and the rest still is."""
    for where, record, error in items:
        if error is not None:
            stats.problems.append(f"{where}: {error}; skipped")
            stats.skipped_docs += 1
            continue
        if not isinstance(record, Mapping) or not isinstance(record.get("id"), (str, int)) or isinstance(record.get("id"), bool):
            stats.problems.append(f"{where}: not a result record (an object with a string 'id'); skipped")
            stats.skipped_docs += 1
            continue
        doc_id = str(record["id"])
        here = f"{where} (document {doc_id})"
        text = record.get("text")
        if not isinstance(text, str):
            text = texts.get(doc_id)
        if text is None:
            stats.problems.append(f"{here}: no text in the record or in --texts; skipped")
            stats.skipped_docs += 1
            continue
        task = task_of(record, text, here, model_version, stats.problems)
        if record.get("error") is not None:
            stats.error_records += 1
        stats.tasks += 1
        stats.quotes += sum(1 for r in task.get("predictions", [{}])[0].get("result", ()) if r.get("value", {}).get("labels") == [cfg.CONTENT])
        yield task
