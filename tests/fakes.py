"""A tiny, fast stand-in extractor for tests of the batch engine (not of extraction).

It finds ``"...," NAME said`` patterns with a regular expression, so its output is
deterministic and depends on the text; a few marker words make it misbehave on purpose:
``RAISE`` raises, ``CRASH`` kills the worker process, ``HANG`` loops in Python for a
minute, ``SLEEPHARD`` blocks in a C call (time.sleep with signals held off).

Factories are module-level so worker processes (spawn) and Dask workers can unpickle
them, and ``--factory fakes:fast`` works from the command line with ``tests/`` on the
path.
"""

from __future__ import annotations

import os
import re
import signal
import time

from quotes.records import Document, Quote, Result, Span

QUOTE_RE = re.compile(r"[\"“]([^\"”]+?)[,.]?[\"”],? ([A-Z][a-z]+) (said|says|told)")
LOADS = {"count": 0}


class FakeExtractor:
    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.pid = os.getpid()

    def extract(self, doc: Document) -> Result:
        text = doc.text
        if "RAISE" in text:
            raise ValueError("the fake extractor was told to fail")
        if "CRASH" in text:
            os._exit(3)
        if "HANG" in text:
            end = time.monotonic() + 60
            while time.monotonic() < end:
                pass
        if "SLEEPHARD" in text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        if self.delay:
            time.sleep(self.delay)
        quotes = []
        for m in QUOTE_RE.finditer(text):
            quotes.append(
                Quote(
                    start=m.start(1),
                    end=m.end(1),
                    text=m.group(1),
                    kind="direct",
                    cue=Span.of(text, m.start(3), m.end(3)),
                    mention=Span.of(text, m.start(2), m.end(2)),
                    speaker=m.group(2),
                    speaker_type="person",
                    role=None,
                    confidence=0.5,
                )
            )
        return Result(doc.id, quotes)


def fast() -> FakeExtractor:
    LOADS["count"] += 1
    return FakeExtractor()


def slow() -> FakeExtractor:
    """About 20 documents a second per worker: slow enough to kill a run half way."""
    return FakeExtractor(delay=0.05)


def broken() -> FakeExtractor:
    raise RuntimeError("model files not found")
