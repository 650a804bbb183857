"""``quotes validate``: check gold or output files against the contract and their texts.

Two kinds of trouble are looked for. The shape of each record, against the JSON Schema
shipped in ``quotes/schema/`` (``gold`` or ``output``); and the offsets, against the
source text: every span (content, cue, mention) must lie within the text, start no
later than it ends, and carry exactly ``text[start:end]``. Content spans that overlap
are reported as warnings: nested speech ("X said Y told him Z") gives real overlaps,
but in most files an overlap is a duplicate or a bad span, so a person should look.

The checking is the pure function :func:`validate_records`; :func:`run` is the command.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional

KINDS = ("gold", "output")
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record (``quote`` is the index in its ``quotes`` list, or None).

    ``code`` names the check, for filtering: ``schema``, ``missing-text``, ``text-conflict``,
    ``duplicate-id``, ``order``, ``bounds``, ``text``, ``overlap``, ``empty``.
    """

    doc_id: str
    quote: Optional[int]
    code: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = self.doc_id if self.quote is None else f"{self.doc_id} quote {self.quote}"
        prefix = "" if self.severity == ERROR else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"


def detect_kind(records: Iterable[Mapping[str, Any]]) -> str:
    """``output`` when any quote has a confidence or any record an error, else ``gold``."""
    for rec in records:
        if rec.get("error") is not None:
            return "output"
        quotes = rec.get("quotes")
        if isinstance(quotes, list) and any(isinstance(q, dict) and "confidence" in q for q in quotes):
            return "output"
    return "gold"


@lru_cache(maxsize=None)
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a gold document or an output line, as shipped with the package."""
    from importlib.resources import files

    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    return json.loads((files("quotes") / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validators(kind: str) -> tuple[Any, ...]:
    """Validators to apply to a record: for ``output``, one per branch of the schema's ``oneOf``.

    Checking a record against the branch it means to be (an error line or a quotes line)
    gives messages that name the actual field, where ``oneOf`` only says "not valid under
    any of the given schemas".
    """
    from jsonschema import Draft202012Validator

    schema = load_schema(kind)
    if "oneOf" not in schema:
        return (Draft202012Validator(schema),)
    branches = []
    for branch in schema["oneOf"]:
        sub = {k: v for k, v in schema.items() if k != "oneOf"}
        sub.update(branch)
        branches.append(Draft202012Validator(sub))
    return tuple(branches)


def _schema_problems(rec: Mapping[str, Any], doc_id: str, kind: str) -> list[Problem]:
    validators = _validators(kind)
    if len(validators) > 1:  # output: [quotes line, error line]
        validator = validators[1] if "error" in rec else validators[0]
    else:
        validator = validators[0]
    problems = []
    for err in sorted(validator.iter_errors(rec), key=lambda e: list(map(str, e.absolute_path))):
        path = list(err.absolute_path)
        quote = path[1] if len(path) >= 2 and path[0] == "quotes" and isinstance(path[1], int) else None
        rest = path[2:] if quote is not None else path
        at = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
        message = f"schema: {err.message}" + (f" (at {at})" if at else "")
        problems.append(Problem(doc_id, quote, "schema", message))
    return problems


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _span_problems(span: Any, label: str, text: str, doc_id: str, index: int) -> list[Problem]:
    """Order, bounds and text of one span; spans whose offsets are not integers are left to the schema."""
    if not isinstance(span, Mapping) or not (_is_offset(span.get("start")) and _is_offset(span.get("end"))):
        return []
    s, e = span["start"], span["end"]
    if s > e:
        return [Problem(doc_id, index, "order", f"{label} start {s} > end {e}")]
    if s < 0 or e > len(text):
        return [Problem(doc_id, index, "bounds", f"{label} span [{s},{e}) outside text of length {len(text)}")]
    given = span.get("text")
    if isinstance(given, str) and given != text[s:e]:
        return [Problem(doc_id, index, "text", f"{label} text {given!r} != source text {text[s:e]!r} at [{s},{e})")]
    return []


def _overlap_problems(quotes: list[Any], doc_id: str) -> list[Problem]:
    spans = sorted(
        (q["start"], q["end"], i)
        for i, q in enumerate(quotes)
        if isinstance(q, Mapping) and _is_offset(q.get("start")) and _is_offset(q.get("end")) and q["start"] < q["end"]
    )
    problems = []
    for k, (s, e, i) in enumerate(spans):
        for s2, e2, j in spans[k + 1 :]:
            if s2 >= e:
                break
            a, b = sorted((i, j))
            sa, ea = (s, e) if a == i else (s2, e2)
            sb, eb = (s2, e2) if a == i else (s, e)
            problems.append(
                Problem(doc_id, b, "overlap", f"content [{sb},{eb}) overlaps quote {a} [{sa},{ea})", WARNING)
            )
    return problems


def validate_records(
    records: Iterable[Mapping[str, Any]],
    texts: Optional[Mapping[str, str]] = None,
    kind: str = "auto",
) -> list[Problem]:
    """Every problem of a file's records, in record order.

    ``records`` are the raw JSON objects of one file; ``texts`` maps document ids to
    their source text. A record's own ``text`` key is used first, then ``texts``; a
    record with quotes but neither is a ``missing-text`` problem. ``kind`` is ``gold``,
    ``output`` or ``auto`` (:func:`detect_kind`).
    """
    records = list(records)
    if kind == "auto":
        kind = detect_kind(records)
    texts = texts or {}
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, rec in enumerate(records, start=1):
        raw_id = rec.get("id")
        doc_id = raw_id if isinstance(raw_id, str) and raw_id else f"record {n}"
        problems.extend(_schema_problems(rec, doc_id, kind))
        if isinstance(raw_id, str) and raw_id:
            if raw_id in seen:
                problems.append(Problem(doc_id, None, "duplicate-id", f"id {raw_id!r} appears more than once"))
            seen.add(raw_id)
        quotes = rec.get("quotes")
        if rec.get("error") is not None or not isinstance(quotes, list):
            continue
        own = rec.get("text")
        text = own if isinstance(own, str) else texts.get(doc_id)
        if isinstance(own, str) and doc_id in texts and texts[doc_id] != own:
            message = "the record's own text differs from the text given for its id"
            problems.append(Problem(doc_id, None, "text-conflict", message))
        if text is None:
            if quotes:
                message = "no source text: no 'text' key and the id is not in the texts given"
                problems.append(Problem(doc_id, None, "missing-text", message))
            continue
        for i, q in enumerate(quotes):
            if not isinstance(q, Mapping):
                continue
            problems.extend(_span_problems(q, "content", text, doc_id, i))
            if _is_offset(q.get("start")) and q.get("start") == q.get("end"):
                problems.append(Problem(doc_id, i, "empty", f"empty content span at {q['start']}", WARNING))
            for label in ("cue", "mention"):
                problems.extend(_span_problems(q.get(label), label, text, doc_id, i))
        problems.extend(_overlap_problems(quotes, doc_id))
    return problems
