"""Parse brat standoff annotation (``.ann``) files.

brat writes one annotation per line, but a text-bound annotation copies the text it
covers, and that text may hold newlines: one logical ``T`` line can run over several
physical lines. A physical line is therefore a new annotation only when it starts
with a brat identifier and a tab (``T12\\t``, ``E3\\t``, ``#1\\t``, ``*\\t``...); every
other physical line continues the one before it, joined back with the newline that
split it. Offsets are character offsets into the decoded ``str``, end exclusive; a
discontinuous span is written ``s1 e1;s2 e2`` and its copied text is the fragments
joined by one space.

Only the syntax is handled here; what the labels mean is the corpus reader's business
(:mod:`quotes.convert.polnear`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from quotes.errors import BratError

# T text-bound, E event, R relation, A/M attribute, N normalization, # note, * equivalence
_START = re.compile(r"^(?:[TERAMN]\d+|#\d*|\*)\t")
_FRAGMENT = re.compile(r"^(\d+) (\d+)$")
_ARG = re.compile(r"^([^:\s]+):(\S+)$")

Fragment = tuple[int, int]


@dataclass(frozen=True)
class TextBound:
    """A ``T`` annotation: a label over one or more character fragments.

    ``fragments`` are kept in file order, which is not always text order; use
    :attr:`start` and :attr:`end` for the extent.
    """

    id: str
    label: str
    fragments: tuple[Fragment, ...]
    text: str

    @property
    def start(self) -> int:
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)

    @property
    def sorted_fragments(self) -> tuple[Fragment, ...]:
        return tuple(sorted(self.fragments))

    def source_text(self, text: str) -> str:
        """The text brat would copy for this span from ``text`` (fragments joined by a space)."""
        return " ".join(text[s:e] for s, e in self.fragments)


@dataclass(frozen=True)
class Event:
    """An ``E`` annotation: a trigger (``Label:T7``) and role arguments (``Cue:T5``...).

    Argument roles keep brat's numbering (``Content2`` is a role of its own), and
    their order is the file's.
    """

    id: str
    label: str
    trigger: str
    args: tuple[tuple[str, str], ...]

    def arg_ids(self, *roles: str) -> list[str]:
        """Ids of the arguments filling any of ``roles``, in file order."""
        return [ref for role, ref in self.args if role in roles]


@dataclass(frozen=True)
class Note:
    """A ``#`` annotator note (``#1\\tAnnotatorNotes T66\\tShould ...``)."""

    id: str
    kind: str
    target: str
    text: str


@dataclass
class AnnDocument:
    """All annotations of one ``.ann`` file.

    ``other`` keeps the logical lines of types this project does not interpret
    (``R``, ``A``, ``M``, ``N``, ``*``) so that nothing is silently lost.
    """

    textbounds: dict[str, TextBound] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def span_mismatches(self, text: str) -> list[str]:
        """Describe every ``T`` span whose copied text differs from ``text`` at its offsets.

        An empty list means the offsets can be trusted against this text.
        """
        problems = []
        for tb in self.textbounds.values():
            if any(not (0 <= s <= e <= len(text)) for s, e in tb.fragments):
                problems.append(f"{tb.id}: fragments {list(tb.fragments)} outside text of length {len(text)}")
            elif tb.source_text(text) != tb.text:
                problems.append(f"{tb.id}: copied text {tb.text!r} != source text {tb.source_text(text)!r}")
        return problems


def logical_lines(ann_text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(first physical line number, logical line)``, joining continuation lines.

    The newline that ends the file is not part of the last annotation; any other
    newline is kept, since it belongs to the copied text of a multi-line span.
    """
    lines = ann_text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    current: Optional[str] = None
    first = 0
    for n, line in enumerate(lines, start=1):
        if _START.match(line) or current is None:
            if current is not None:
                yield first, current
            current, first = line, n
        else:
            current += "\n" + line
    if current is not None:
        yield first, current


def _parse_fragments(spec: str, where: str) -> tuple[Fragment, ...]:
    frags = []
    for part in spec.split(";"):
        m = _FRAGMENT.match(part.strip())
        if not m:
            raise BratError(f"{where}: bad span {part!r}")
        s, e = int(m.group(1)), int(m.group(2))
        if s > e:
            raise BratError(f"{where}: span start {s} after end {e}")
        frags.append((s, e))
    return tuple(frags)


def parse_textbound(line: str, where: str = "") -> TextBound:
    """Parse ``T4\\tSource 119 129\\tBen Carson`` (text may hold newlines and tabs)."""
    parts = line.split("\t", 2)
    if len(parts) < 2:
        raise BratError(f"{where}: text-bound line without a tab-separated label and span")
    ann_id, label_span = parts[0], parts[1]
    label, _, spec = label_span.partition(" ")
    if not spec:
        raise BratError(f"{where}: {ann_id} has no span")
    return TextBound(ann_id, label, _parse_fragments(spec, f"{where} {ann_id}"), parts[2] if len(parts) > 2 else "")


def parse_event(line: str, where: str = "") -> Event:
    """Parse ``E2\\tAttribution:T7 Content:T6 Cue:T5 Source:T4``."""
    ann_id, _, body = line.partition("\t")
    items = body.strip().split()
    if not items:
        raise BratError(f"{where}: {ann_id} has no trigger")
    pairs = []
    for item in items:
        m = _ARG.match(item)
        if not m:
            raise BratError(f"{where}: {ann_id}: bad argument {item!r}")
        pairs.append((m.group(1), m.group(2)))
    (label, trigger), args = pairs[0], tuple(pairs[1:])
    return Event(ann_id, label, trigger, args)


def parse_note(line: str, where: str = "") -> Note:
    parts = line.split("\t", 2)
    kind, _, target = parts[1].partition(" ") if len(parts) > 1 else ("", "", "")
    return Note(parts[0], kind, target.strip(), parts[2] if len(parts) > 2 else "")


def parse_ann(ann_text: str, source: str = "<ann>") -> AnnDocument:
    """Parse the content of an ``.ann`` file; raise :class:`BratError` on malformed lines.

    A continuation before any annotation (a file that does not start with an id) is an
    error too: it would mean the file is not brat standoff at all.
    """
    doc = AnnDocument()
    for n, line in logical_lines(ann_text):
        where = f"{source}:{n}"
        if line.startswith("T") and _START.match(line):
            tb = parse_textbound(line, where)
            doc.textbounds[tb.id] = tb
        elif line.startswith("E") and _START.match(line):
            ev = parse_event(line, where)
            doc.events[ev.id] = ev
        elif line.startswith("#") and _START.match(line):
            doc.notes.append(parse_note(line, where))
        elif _START.match(line):
            doc.other.append(line)
        elif line.strip():
            raise BratError(f"{where}: not a brat annotation line: {line[:60]!r}")
    return doc


def read_ann(path: Union[str, Path]) -> AnnDocument:
    """Read and parse an ``.ann`` file (UTF-8, decoded without newline translation)."""
    p = Path(path)
    return parse_ann(p.read_bytes().decode("utf-8"), p.name)
