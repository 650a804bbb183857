"""The Dask engine gives the same output as the local one, in input order."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import fakes  # noqa: E402

distributed = pytest.importorskip("distributed")

from quotes.batch.dask_engine import run_dask  # noqa: E402
from quotes.batch.runner import BatchOptions, run_batch  # noqa: E402
from quotes.records import Document, InputError  # noqa: E402

PARAGRAPHS = [
    '"We are ready to work with Moscow," Zhang said on Tuesday.',
    'Talks will resume next week. "The door is open," Wang told reporters.',
    "The ministry gave no details about the meeting.",
    '"Our position has not changed," Hua said. "We urge restraint," Hua said.',
]


def items() -> list:
    out = [(i, Document(f"doc-{i}", f"{PARAGRAPHS[i % 4]} Item {i}.")) for i in range(45)]
    out[7] = (7, Document("raises", "RAISE"))
    out[20] = (20, InputError("line-21", "malformed JSON", 21))
    out[30] = (30, Document("long", "x" * 300))
    return out


def dump(outcomes) -> list[str]:
    return [json.dumps([o.position, o.result.to_dict()], sort_keys=True) for o in outcomes]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_matches_the_local_engine(client):
    options = BatchOptions(workers=2, batch_size=4, max_chars=200)
    local = dump(run_batch(items(), fakes.fast, BatchOptions(workers=0, max_chars=200)))
    fakes.LOADS["count"] = 0
    on_dask = dump(run_dask(items(), fakes.fast, options, client=client))
    assert on_dask == local
    assert [json.loads(x)[0] for x in on_dask] == list(range(45))
    errors = [json.loads(x)[1] for x in on_dask if "error" in json.loads(x)[1]]
    assert [e["id"] for e in errors] == ["raises", "line-21", "long"]
    # one extractor per worker process (both workers live in this process here)
    assert fakes.LOADS["count"] == 1


def test_cli_dask_engine_on_a_local_cluster(tmp_path, client):
    from quotes.cli.app import main

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for _, d in items()[:12]
                           if isinstance(d, Document)), encoding="utf-8")
    local, on_dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["extract", str(src), "-o", str(local), "--factory", "fakes:fast", "--workers", "0", "--quiet"]) == 1
    address = client.scheduler.address
    rc = main(["extract", str(src), "-o", str(on_dask), "--factory", "fakes:fast", "--engine", "dask",
               "--scheduler", address, "--batch-size", "5", "--quiet"])
    assert rc == 1  # the RAISE document
    assert on_dask.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")


def test_real_extractor_on_a_process_cluster_matches_the_local_run(tmp_path):
    """Seeds through the real extractor: LocalCluster of 2 processes vs 1 local worker."""
    import subprocess

    from support import SEEDS, env, extract_cmd, real_extractor_works

    if not real_extractor_works():
        pytest.skip("the rules extractor is not complete yet")
    local, on_dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    for out, extra in ((local, ["--workers", "1"]), (on_dask, ["--engine", "dask", "--workers", "2", "--batch-size", "2"])):
        proc = subprocess.run(extract_cmd(str(SEEDS), "-o", str(out), "--quiet", *extra),
                              capture_output=True, text=True, env=env(), timeout=600)
        assert proc.returncode == 0, proc.stderr
    assert on_dask.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    assert sum(len(json.loads(line)["quotes"]) for line in local.read_text().splitlines()) > 0
