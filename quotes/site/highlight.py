"""A text cut into properly nested highlight tags.

A document page draws each quote's content, cue and mention as ``<span>`` elements around
the exact characters of the text. Spans in results nest (a cue or mention inside a
content, a quote inside a quote) but may also cross (two overlapping contents, a mention
that starts inside a content and ends after it). HTML elements must nest, so a span that
is crossed is closed and reopened: it becomes several pieces, each marked with its layer,
and the pieces of a layer together cover exactly its characters. The text between the
tags is the document's text, character for character.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Union

#: Outer before inner when two layers cover the same characters.
ROLE_RANK = {"content": 0, "mention": 1, "cue": 2}


@dataclass(frozen=True)
class Layer:
    """One highlighted span: ``role`` (content, cue or mention) of quote ``quote`` (1-based)."""

    start: int
    end: int
    role: str
    quote: int
    colour: str
    title: str = ""


@dataclass(frozen=True)
class Open:
    layer: Layer
    first: bool  # the first piece of the layer (carries the anchor)


@dataclass(frozen=True)
class Close:
    layer: Layer


@dataclass(frozen=True)
class Text:
    text: str


Token = Union[Open, Close, Text]


def _order(layer: Layer) -> tuple[int, int, int, int]:
    return (layer.start, -layer.end, ROLE_RANK.get(layer.role, 9), layer.quote)


def clip(layers: Sequence[Layer], n: int) -> list[Layer]:
    """Layers cut to ``[0, n)``; empty ones dropped."""
    out = []
    for l in layers:
        a, b = max(0, min(l.start, n)), max(0, min(l.end, n))
        if a < b:
            out.append(Layer(a, b, l.role, l.quote, l.colour, l.title))
    return out


def tokens(text: str, layers: Sequence[Layer]) -> list[Token]:
    """Open, close and text tokens whose text joined is ``text`` and whose tags nest.

    At each boundary, layers ending there are closed; a layer still open above one of
    them (it crosses it) is closed too and reopened right after, outermost (longest)
    first. Layers starting there are opened longest first, so a content opens around
    the cue or mention that starts with it.
    """
    live = sorted(clip(layers, len(text)), key=_order)
    starts: dict[int, list[Layer]] = {}
    for l in live:
        starts.setdefault(l.start, []).append(l)
    bounds = sorted({0, len(text), *(l.start for l in live), *(l.end for l in live)})
    out: list[Token] = []
    stack: list[Layer] = []
    pos = 0
    for b in bounds:
        if b > pos:
            out.append(Text(text[pos:b]))
            pos = b
        ending = [i for i, l in enumerate(stack) if l.end == b]
        if ending:
            cut = ending[0]
            for l in reversed(stack[cut:]):
                out.append(Close(l))
            reopen = sorted((l for l in stack[cut:] if l.end != b), key=lambda l: (-l.end, *_order(l)))
            del stack[cut:]
            for l in reopen:
                out.append(Open(l, first=False))
                stack.append(l)
        for l in starts.get(b, []):
            out.append(Open(l, first=True))
            stack.append(l)
    return out


def covered(tokens_: Sequence[Token], role: str, quote: int) -> Optional[str]:
    """The text a layer's pieces cover, in order (None when it has none): what a reader
    sees highlighted; the tests hold it equal to the span's text."""
    depth: dict[Layer, int] = {}
    parts: list[str] = []
    found = False
    for t in tokens_:
        if isinstance(t, Open):
            depth[t.layer] = depth.get(t.layer, 0) + 1
            if t.layer.role == role and t.layer.quote == quote:
                found = True
        elif isinstance(t, Close):
            depth[t.layer] -= 1
        elif any(d > 0 and l.role == role and l.quote == quote for l, d in depth.items()):
            parts.append(t.text)
    return "".join(parts) if found else None
