"""``quotes evaluate --report`` on a core install, where matplotlib (the ``plot`` extra) is
missing: every other report file is written and one line says what was skipped and how to
get it. matplotlib is made unimportable by putting None in ``sys.modules``."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from quotes.cli.app import main

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "data" / "annotations"


@pytest.fixture()
def no_matplotlib(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)


def test_report_without_matplotlib_writes_the_rest_and_says_how_to_plot(tmp_path, capsys, no_matplotlib):
    if not any(ANNOTATIONS.glob("*.json")):
        pytest.skip("no gold annotations in data/annotations")
    out = tmp_path / "report"
    rc = main(["evaluate", "--gold", str(ANNOTATIONS), "--pred", str(ANNOTATIONS),
               "--texts", str(REPO / "seeds"), "--report", str(out)])
    assert rc == 0
    assert sorted(p.name for p in out.iterdir()) == ["metrics.json", "report.html", "report.md"]
    err = capsys.readouterr().err.splitlines()
    skipped = [line for line in err if "skipped" in line]
    assert len(skipped) == 1, err
    assert "f1_by_kind.png" in skipped[0] and "matplotlib" in skipped[0]
    assert skipped[0].endswith("pip install 'quotes[plot]'")
    assert any(line.endswith("(metrics.json, report.md, report.html)") for line in err)

    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["detection"]["exact"]["f1"] == 1.0  # the gold against itself
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "data:image/png" not in page and "<img" not in page
    assert "Misses (gold quotes not found): 0" in page
    assert "## Documents" in (out / "report.md").read_text(encoding="utf-8")


def test_report_modules_import_without_matplotlib(monkeypatch, no_matplotlib):
    # fresh copies of the modules, as on a core install; the originals come back afterwards
    for name in ("quotes.evaluation.report", "quotes.evaluation.plot", "quotes.evaluation.html_report"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    report = importlib.import_module("quotes.evaluation.report")
    plot = importlib.import_module("quotes.evaluation.plot")
    with pytest.raises(plot.PlottingUnavailable, match=r"pip install 'quotes\[plot\]'"):
        plot.load_pyplot()
    assert report.write_report is not None


def test_the_chart_is_written_where_matplotlib_is_installed(tmp_path):
    pytest.importorskip("matplotlib")
    from quotes.evaluation import score_corpus
    from quotes.evaluation.report import write_report
    from quotes.io.results import read_results

    gold = read_results(ANNOTATIONS)
    files = write_report(score_corpus(gold, gold), tmp_path)
    assert files.skipped == []
    assert [p.name for p in files.written] == ["metrics.json", "report.md", "report.html", "f1_by_kind.png"]
    assert (tmp_path / "f1_by_kind.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "data:image/png;base64," in (tmp_path / "report.html").read_text(encoding="utf-8")
