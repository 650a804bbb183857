"""Optional extras: the core extracts without them, and a command or option that needs a
missing one exits 2 with one line naming the extra, before any work is done.

A package is made missing with ``sys.modules[name] = None``, which makes ``import name``
fail exactly as it does where the package is not installed.
"""

from __future__ import annotations

import json
import sys

import pytest

from quotes.cli.app import main
from quotes.errors import MissingExtraError
from quotes.io.extras import require

OPTIONAL = ("pyarrow", "duckdb", "matplotlib", "torch", "transformers", "datasets", "distributed", "dask")

TEXTS = {
    "moscow": "“We are ready to work with Moscow,” Zhang Hanhui, China's ambassador, told Interfax on Tuesday.",
    "beijing": "The foreign ministry gave no details. “The door is open,” Wang Yi said.",
}


def hide(monkeypatch, *modules: str) -> None:
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in TEXTS.items()), encoding="utf-8")
    return src


def test_require_names_the_extra_and_the_pip_command(monkeypatch):
    require("json", "core", "reading JSON")  # installed: nothing happens
    hide(monkeypatch, "pyarrow")
    with pytest.raises(MissingExtraError) as info:
        require("pyarrow", "parquet", "--parquet")
    assert str(info.value) == "--parquet needs pyarrow, which is not installed; pip install 'quotes[parquet]'"
    assert (info.value.module, info.value.extra) == ("pyarrow", "parquet")


def test_the_core_extracts_with_every_extra_missing(monkeypatch, corpus, tmp_path, capsys):
    hide(monkeypatch, *OPTIONAL)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--workers", "0", "--table", "--quiet"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["moscow", "beijing"]
    speakers = {q["speaker"] for r in records for q in r["quotes"]}
    assert {"Zhang Hanhui", "Wang Yi"} <= speakers
    assert "Zhang Hanhui" in capsys.readouterr().out  # the terminal table needs no extra either


@pytest.mark.parametrize(
    "option, missing, line",
    [
        (["--parquet", "q.parquet"], "pyarrow", "--parquet needs pyarrow, which is not installed; pip install 'quotes[parquet]'"),
        (["--db", "q.duckdb"], "duckdb", "--db needs duckdb, which is not installed; pip install 'quotes[duckdb]'"),
        (["--db", "q.duckdb"], "pyarrow", "--db needs pyarrow, which is not installed; pip install 'quotes[duckdb]'"),
        (["--engine", "dask"], "distributed", "--engine dask needs distributed, which is not installed; pip install 'quotes[dask]'"),
        (["--mode", "hybrid"], "torch", "--mode hybrid needs torch, which is not installed; pip install 'quotes[neural]'"),
    ],
)
def test_an_option_without_its_extra_is_one_line_and_exit_2(monkeypatch, corpus, tmp_path, capsys, option, missing, line):
    hide(monkeypatch, missing)
    out = tmp_path / "out.jsonl"
    rc = main(["extract", str(corpus), "-o", str(out), "--workers", "0", *[
        str(tmp_path / a) if a.endswith((".parquet", ".duckdb")) else a for a in option]])
    assert rc == 2
    assert capsys.readouterr().err == f"quotes extract: error: {line}\n"
    assert not out.exists() and not list(tmp_path.glob("q.*"))  # refused before any work


def test_parquet_input_without_pyarrow(monkeypatch, tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": list(TEXTS), "text": list(TEXTS.values())}), src)
    hide(monkeypatch, "pyarrow", "pyarrow.parquet")
    assert main(["extract", str(src), "--workers", "0"]) == 2
    assert capsys.readouterr().err == (
        "quotes extract: error: Parquet input needs pyarrow, which is not installed; pip install 'quotes[parquet]'\n"
    )


def test_speakers_parquet_without_pyarrow(monkeypatch, tmp_path, capsys):
    results = tmp_path / "results.jsonl"
    results.write_text(json.dumps({"id": "a", "quotes": [{"start": 0, "end": 5, "text": "Ready", "speaker": "Wang Yi"}]})
                       + "\n", encoding="utf-8")
    hide(monkeypatch, "pyarrow")
    assert main(["speakers", str(results), "--parquet", str(tmp_path / "s.parquet")]) == 2
    assert capsys.readouterr().err == (
        "quotes speakers: error: --parquet needs pyarrow, which is not installed; pip install 'quotes[parquet]'\n"
    )
    assert main(["speakers", str(results), "--csv", str(tmp_path / "s.csv")]) == 0  # CSV needs no extra


def test_evaluate_report_without_matplotlib(monkeypatch, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "“Ready,” Wang said.",
                                "quotes": [{"start": 1, "end": 6, "text": "Ready"}]}) + "\n", encoding="utf-8")
    hide(monkeypatch, "matplotlib")
    # the report is written without its chart, and one line names what was skipped and the install
    assert main(["evaluate", "--gold", str(gold), "--pred", str(gold), "--report", str(tmp_path / "r")]) == 0
    err = capsys.readouterr().err
    assert "skipped f1_by_kind.png" in err and "pip install 'quotes[plot]'" in err
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["metrics.json", "report.html", "report.md"]
    assert main(["evaluate", "--gold", str(gold), "--pred", str(gold), "--json"]) == 0  # scoring needs no extra
