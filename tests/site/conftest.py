"""Fixtures of the site tests: the site of the seeds' gold, and a headless browser."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "data" / "annotations"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gold_site(tmp_path_factory):
    """The site of the seeds' hand-made gold, with the texts from seeds/."""
    from quotes.io.documents import load_texts
    from quotes.site import build_site

    out = tmp_path_factory.mktemp("gold-site")
    build_site([GOLD], out, texts=load_texts(SEEDS), title="Seeds")
    return out


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    from site_browser import Browser, chromium_or_skip

    return Browser(chromium_or_skip(), tmp_path_factory.mktemp("chromium-profile"))
