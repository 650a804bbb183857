"""Page file names and speaker colours.

Ids come from anywhere (URLs, file paths, ``../../etc``, 500 characters of Cyrillic), so a
page's file name is a short ASCII slug of the id for people plus a hash of the exact id for
uniqueness: two ids that slug alike (``A/B`` and ``a-b``), or differ only in case on a
case-insensitive file system, still get different files.

A speaker's colour is chosen from their name, so the same speaker has the same colour in
every build; speakers quoted in the same document are then kept apart (see
:func:`assign_colours`), so a page's legend never shows two speakers in one colour.
"""

from __future__ import annotations

import colorsys
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

SLUG_CHARS = 40
HASH_CHARS = 8


def short_hash(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]


def slug(value: str, max_chars: int = SLUG_CHARS) -> str:
    """Lower-case ASCII letters, digits and single hyphens; accents folded (``é`` -> ``e``)."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return s[:max_chars].strip("-")


def page_name(value: str, salt: str = "") -> str:
    """``slug-hash.html``: safe in a URL and on any file system, and unique per value.

    ``salt`` tells apart two pages for the same value (a document id seen twice).
    """
    s = slug(value)
    h = short_hash(value + ("\x00" + salt if salt else ""))
    return f"{s}-{h}.html" if s else f"{h}.html"


# --------------------------------------------------------------------------- colours


@dataclass(frozen=True)
class Colour:
    """A speaker's colours: ``light`` behind quote content, ``mid`` behind the mention,
    ``dark`` for the cue's underline and the legend's border; all ``#rrggbb``."""

    hue: int
    light: str
    mid: str
    dark: str


#: Hues speakers can get: 18 steps of 20 degrees.
HUES = tuple(range(0, 360, 20))
#: Smallest hue distances between speakers of one document, tried in turn.
GAPS = (60, 40, 20)
#: The colour of quotes whose speaker the document never names.
NO_SPEAKER = "#d9d9d9"


def _hex(h: float, lightness: float, saturation: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h / 360, lightness, saturation)
    return "#{:02x}{:02x}{:02x}".format(round(r * 255), round(g * 255), round(b * 255))


def colour_of_hue(hue: int) -> Colour:
    return Colour(hue, _hex(hue, 0.86, 0.85), _hex(hue, 0.72, 0.75), _hex(hue, 0.32, 0.80))


def preferred_hue(name: str) -> int:
    """The hue a name gets when nothing else is in the way: fixed by the name alone."""
    return HUES[int(short_hash(name), 16) % len(HUES)]


def _distance(a: int, b: int) -> int:
    d = abs(a - b) % 360
    return min(d, 360 - d)


def assign_colours(speakers: Sequence[str], together: Iterable[Iterable[str]]) -> dict[str, Colour]:
    """A colour per speaker; speakers in one group of ``together`` (a document's speakers)
    get hues far apart: 60 degrees when the largest document a speaker is in has up to 6
    speakers, 40 up to 9, else 20 (the palette has 18 hues).

    ``speakers`` is in priority order (most quoted first): each takes its preferred hue
    if no speaker it shares a document with already holds a hue too near, else the free
    hue nearest to the preferred one, else the hue farthest from its neighbours'.
    """
    neighbours: dict[str, set[str]] = {s: set() for s in speakers}
    size = dict.fromkeys(speakers, 1)
    for group in together:
        members = [s for s in set(group) if s in neighbours]
        for s in members:
            neighbours[s].update(m for m in members if m != s)
            size[s] = max(size[s], len(members))
    hue: dict[str, int] = {}
    for s in speakers:
        want = preferred_hue(s)
        taken = [hue[n] for n in neighbours[s] if n in hue]
        by_nearness = sorted(HUES, key=lambda h: (_distance(h, want), h))
        for gap in [g for g in GAPS if g * size[s] <= 360]:
            free = [h for h in by_nearness if all(_distance(h, t) >= gap for t in taken)]
            if free:
                hue[s] = free[0]
                break
        else:
            hue[s] = max(by_nearness, key=lambda h: min((_distance(h, t) for t in taken), default=360))
    return {s: colour_of_hue(h) for s, h in hue.items()}
