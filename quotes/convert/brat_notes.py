"""The fields brat's attribution scheme lacks, written as an ``AnnotatorNotes`` line.

PolNeAR's scheme has spans (Source, Cue, Content) and the relation tying them, but no
speaker name, speaker type, role or quote kind. The brat export attaches one note to
each relation's ``E`` annotation holding them, in a syntax small enough to read and
edit in brat's note box::

    #3	AnnotatorNotes E2	kind=direct speaker="Zhang Hanhui" speaker_type=person role="China’s ambassador to Moscow"

* The note is a sequence of ``key=value`` fields separated by spaces, in any order.
* A value is a bare word (no space, no ``"``) or a JSON string in double quotes
  (``\\"``, ``\\\\`` and ``\\n`` escapes as in JSON). A bare ``null``, or a field left
  out, is no value.
* ``kind`` (``direct``, ``indirect``, ``mixed``) and ``confidence`` (a number in
  [0, 1]) belong to each quote of the relation: a relation split into Content and
  Content2 gives one value per part in text order, separated by a comma
  (``kind=direct,direct``); a single value applies to every part.
* ``speaker``, ``speaker_type`` (``person``, ``organization``, ``group``, ``unknown``),
  ``role``, ``speech`` (``true``/``false``) and ``note`` belong to the relation.
* A note whose text does not start with one of these keys followed by ``=`` is free
  text (PolNeAR's annotators left such notes) and is not read.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from typing import Any, Optional

from quotes.records import KINDS, SPEAKER_TYPES, Quote

PER_PART = ("kind", "confidence")
SHARED = ("speaker", "speaker_type", "role", "speech", "note")
KEYS = PER_PART + SHARED

_FIELD = re.compile(r'([A-Za-z_]+)=("(?:[^"\\]|\\.)*"|[^\s"]*)(?=\s|$)')
_OURS = re.compile(r"^\s*(?:" + "|".join(KEYS) + r")=")


class NoteError(ValueError):
    """A quotes note that does not follow the syntax; the message says what and where."""


@dataclass(frozen=True)
class RelationFields:
    """What a note says about the quotes of one relation (None: not given)."""

    kinds: tuple[str, ...] = ()
    confidences: tuple[float, ...] = ()
    speaker: Optional[str] = None
    speaker_type: Optional[str] = None
    role: Optional[str] = None
    speech: Optional[bool] = None
    note: Optional[str] = None

    def apply(self, quotes: list[Quote]) -> list[tuple[Quote, dict[str, Any]]]:
        """The relation's quotes (in text order) with these fields, and each one's extras
        (``speech``, ``note``) that :class:`Quote` does not hold."""
        for name, values in (("kind", self.kinds), ("confidence", self.confidences)):
            if len(values) > 1 and len(values) != len(quotes):
                raise NoteError(f"{name} gives {len(values)} values for a relation of {len(quotes)} quotes")
        out = []
        for i, q in enumerate(quotes):
            changes: dict[str, Any] = {}
            if self.kinds:
                changes["kind"] = self.kinds[i if len(self.kinds) > 1 else 0]
            if self.confidences:
                changes["confidence"] = self.confidences[i if len(self.confidences) > 1 else 0]
            for name in ("speaker", "speaker_type", "role"):
                if getattr(self, name) is not None:
                    changes[name] = getattr(self, name)
            extras = {k: getattr(self, k) for k in ("note", "speech") if getattr(self, k) is not None}
            out.append((replace(q, **changes), extras))
        return out


def is_quotes_note(text: str) -> bool:
    """Whether a note's text is in this syntax (starts with ``key=``) rather than free text."""
    return bool(_OURS.match(text))


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def format_fields(quotes: list[Quote], extras: dict[str, Any]) -> str:
    """The note of a relation whose quotes (text order) share speaker, type, role and extras."""
    first = quotes[0]
    kinds = [q.kind for q in quotes]
    parts = ["kind=" + (kinds[0] if len(set(kinds)) == 1 else ",".join(kinds))]
    if first.speaker is not None:
        parts.append(f"speaker={_string(first.speaker)}")
    parts.append(f"speaker_type={first.speaker_type}")
    if first.role is not None:
        parts.append(f"role={_string(first.role)}")
    confidences = [q.confidence for q in quotes]
    if all(c is not None for c in confidences):
        values = [f"{c:g}" for c in confidences]
        parts.append("confidence=" + (values[0] if len(set(values)) == 1 else ",".join(values)))
    if extras.get("speech") is not None:
        parts.append(f"speech={'true' if extras['speech'] else 'false'}")
    if extras.get("note") is not None:
        parts.append(f"note={_string(str(extras['note']))}")
    return " ".join(parts)


def _value(raw: str, key: str) -> Optional[str]:
    if raw.startswith('"'):
        try:
            return json.loads(raw)
        except ValueError:
            raise NoteError(f"{key}: bad quoted string {raw}") from None
    return None if raw in ("", "null") else raw


def _choices(key: str, value: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    values = tuple(value.split(","))
    for v in values:
        if v not in allowed:
            raise NoteError(f"{key}={v!r}: choose one of {', '.join(allowed)}")
    return values


def _number(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise NoteError(f"confidence={value!r} is not a number") from None
    if not (0.0 <= x <= 1.0) or math.isnan(x):
        raise NoteError(f"confidence={value!r} is not in [0, 1]")
    return x


def parse_fields(text: str) -> RelationFields:
    """Read a quotes note; :class:`NoteError` names the field or column that is wrong."""
    found: dict[str, Any] = {}
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        m = _FIELD.match(text, pos)
        if not m:
            raise NoteError(f"column {pos + 1}: expected key=value, got {text[pos:pos + 30]!r}")
        key, raw = m.group(1), m.group(2)
        if key not in KEYS:
            raise NoteError(f"unknown field {key!r}; known: {', '.join(KEYS)}")
        if key in found:
            raise NoteError(f"field {key!r} given twice")
        found[key] = _value(raw, key)
        pos = m.end()
    fields: dict[str, Any] = {}
    if found.get("kind") is not None:
        fields["kinds"] = _choices("kind", found["kind"], KINDS)
    if found.get("speaker_type") is not None:
        fields["speaker_type"] = _choices("speaker_type", found["speaker_type"], SPEAKER_TYPES)[0]
        if "," in found["speaker_type"]:
            raise NoteError("speaker_type takes one value")
    if found.get("confidence") is not None:
        fields["confidences"] = tuple(_number(v) for v in found["confidence"].split(","))
    if found.get("speech") is not None:
        if found["speech"] not in ("true", "false"):
            raise NoteError(f"speech={found['speech']!r}: write true or false")
        fields["speech"] = found["speech"] == "true"
    for key in ("speaker", "role", "note"):
        if found.get(key) is not None:
            fields[key] = found[key]
    return RelationFields(**fields)
