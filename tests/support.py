"""Helpers shared by test folders: repository paths and running ``quotes extract`` as a user would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(TESTS), e.get("PYTHONPATH", "")])
    return e


def extract_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotes", "extract", *args]


def real_extractor_works() -> bool:
    from quotes.extraction.modes import load_extractor
    from quotes.records import Document

    result = load_extractor().extract(Document("probe", '"We are ready," Zhang said.'))
    return result.error is None
