"""Typed records of the output contract (docs/format.md sections 2-3).

Every offset is a Python ``str`` index into the text exactly as given, end exclusive.
The same records serve predictions and gold annotations: gold simply has no
``confidence``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional

KINDS = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("person", "organization", "group", "unknown")

Kind = Literal["direct", "indirect", "mixed"]
SpeakerType = Literal["person", "organization", "group", "unknown"]


@dataclass(frozen=True)
class Span:
    """A character span ``[start, end)`` with the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """Build a span whose ``text`` is read from the source, so it can never disagree."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Optional[dict[str, Any]]) -> Optional["Span"]:
        if d is None:
            return None
        return cls(int(d["start"]), int(d["end"]), d.get("text", ""))


@dataclass(frozen=True)
class Quote:
    """One attributed statement: content span, kind, cue, mention and resolved speaker.

    Frozen: each stage that adds to a quote (the resolver its speaker, the extractor the
    texts read back from the original input) returns a new one (``dataclasses.replace``),
    so a record a stage handed on is never changed behind its back.
    """

    start: int
    end: int
    text: str
    kind: str = "direct"
    cue: Optional[Span] = None
    mention: Optional[Span] = None
    speaker: Optional[str] = None
    speaker_type: str = "unknown"
    role: Optional[str] = None
    confidence: Optional[float] = None
    #: gold only: ``True`` when the relation is a quote (docs/format.md section 1), ``False`` for
    #: another attribution (a belief, a poll); ``None`` when the gold does not say
    speech: Optional[bool] = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue.to_dict() if self.cue else None,
            "mention": self.mention.to_dict() if self.mention else None,
            "speaker": self.speaker,
            "speaker_type": self.speaker_type,
            "role": self.role,
        }
        if self.confidence is not None:
            d["confidence"] = round(float(self.confidence), 4)
        if self.speech is not None:
            d["speech"] = self.speech
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        conf = d.get("confidence")
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d.get("text", ""),
            kind=d.get("kind", "direct"),
            cue=Span.from_dict(d.get("cue")),
            mention=Span.from_dict(d.get("mention")),
            speaker=d.get("speaker"),
            speaker_type=d.get("speaker_type") or "unknown",
            role=d.get("role"),
            confidence=None if conf is None else float(conf),
            speech=None if d.get("speech") is None else bool(d["speech"]),
        )


@dataclass
class Document:
    """An input document. ``meta`` keeps any other keys of the input record."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class InputError:
    """An input record that could not be read as a document.

    It still gets an output line, so a batch never silently loses a document.
    ``line`` is the 1-based line number in the input (None for folders of files).
    """

    id: str
    message: str
    line: Optional[int] = None
    source: Optional[str] = None

    def describe(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.line is not None:
            where.append(f"line {self.line}")
        prefix = f"{':'.join(where)}: " if where else ""
        return f"{prefix}{self.message}"


@dataclass
class Result:
    """One output line: the quotes of a document, or an error message instead."""

    id: str
    quotes: list[Quote] = field(default_factory=list)
    error: Optional[str] = None
    text: Optional[str] = None  # kept in gold files that carry their text (e.g. converted corpora)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        if self.error is not None:
            return {"id": self.id, "error": self.error}
        d: dict[str, Any] = {"id": self.id}
        if include_text and self.text is not None:
            d["text"] = self.text
        d.update({k: v for k, v in self.meta.items() if k not in ("id", "quotes", "text", "error")})
        d["quotes"] = [q.to_dict() for q in self.quotes]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Result":
        if d.get("error") is not None:
            return cls(id=str(d["id"]), quotes=[], error=str(d["error"]))
        meta = {k: v for k, v in d.items() if k not in ("id", "quotes", "text", "error")}
        return cls(
            id=str(d["id"]),
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            text=d.get("text"),
            meta=meta,
        )


def covered_text(start: int, end: int, own_text: str, doc_text: Optional[str]) -> str:
    """The text a span covers: read from the document when we have it (offsets are the
    authority), else the span's own ``text``."""
    if doc_text is not None and 0 <= start <= end <= len(doc_text):
        return doc_text[start:end]
    return own_text
