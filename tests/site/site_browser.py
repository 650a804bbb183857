"""Helpers for the site tests: headless Chromium, the dumped DOM read back, PNG pixels.

Chromium is Debian's ``chromium`` package. ``--dump-dom`` prints the DOM after the page's
scripts ran (so a sort done on load is in it); ``--screenshot`` writes a PNG. The DOM is
read with the standard library's HTML parser into a flat list of elements, each with its
attributes and its text content (the text of all its descendants, as ``textContent``).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def chromium_or_skip() -> str:
    """The Chromium binary; without one the test skips, or fails when CI is set."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    why = "headless Chromium is not installed (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI must run the browser tests")
    pytest.skip(why)


class Browser:
    def __init__(self, binary: str, profile: Path) -> None:
        self.binary = binary
        self.profile = profile

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [self.binary, *FLAGS, f"--user-data-dir={self.profile}", *args]
        proc = subprocess.run(cmd, capture_output=True, timeout=120)
        assert proc.returncode == 0, f"{cmd} failed: {proc.stderr.decode(errors='replace')[-2000:]}"
        return proc

    def dump_dom(self, path: Path, fragment: str = "") -> str:
        url = path.resolve().as_uri() + (f"#{fragment}" if fragment else "")
        out = self._run("--dump-dom", url).stdout
        return out.decode("utf-8")

    def screenshot(self, path: Path, png: Path, width: int = 1200, height: int = 900) -> bytes:
        url = path.resolve().as_uri()
        self._run(f"--screenshot={png}", f"--window-size={width},{height}", url)
        return png.read_bytes()


# --------------------------------------------------------------------------- the DOM


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _DomReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []

    def handle_starttag(self, tag, attrs):
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        for el in self.stack:
            el.parts.append(data)


def parse_dom(html: str) -> list[Element]:
    """Every element of ``html`` in document order, with its text content."""
    reader = _DomReader()
    reader.feed(html)
    reader.close()
    return reader.elements


def find(elements: list[Element], tag: Optional[str] = None, **attrs: str) -> list[Element]:
    """Elements with ``tag`` whose attributes equal ``attrs`` (``data_q`` means ``data-q``;
    ``class_`` must be one of the element's classes)."""
    out = []
    for el in elements:
        if tag is not None and el.tag != tag:
            continue
        ok = True
        for k, v in attrs.items():
            if k == "class_":
                ok = ok and v in el.attrs.get("class", "").split()
            else:
                ok = ok and el.attrs.get(k.replace("_", "-")) == v
        if ok:
            out.append(el)
    return out


def layer_texts(elements: list[Element], role: str) -> dict[int, str]:
    """Quote number -> the text its highlight pieces of ``role`` cover, joined in DOM order."""
    texts: dict[int, str] = {}
    for el in elements:
        if el.attrs.get("data-role") == role:
            n = int(el.attrs["data-q"])
            texts[n] = texts.get(n, "") + el.text
    return texts


# --------------------------------------------------------------------------- PNG


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert ihdr is not None, "PNG without IHDR"
    width, height, depth, colour_type, _, _, interlace = ihdr
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, f"unexpected PNG layout {ihdr}"
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def colour_counts(rows: list[bytes], bpp: int) -> dict[bytes, int]:
    counts: dict[bytes, int] = {}
    for row in rows:
        for i in range(0, len(row), bpp):
            px = row[i : i + 3]
            counts[px] = counts.get(px, 0) + 1
    return counts
