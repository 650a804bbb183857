"""Export to and convert from a real Label Studio server, through its HTTP API.

One server for the module (it takes a minute or more to start: database migrations): on
127.0.0.1 at a free port, with a temporary data folder, SQLite, no network (the version check
and analytics off), and a preset user and API token. The test creates a project with the
config of ``quotes export labelstudio --config``, imports the exported tasks of the seeds' gold,
submits a corrected annotation and a skipped one, exports the project as JSON and converts it.

Label Studio runs from its own virtual environment (its pins clash with the project's): the
executable is ``$QUOTES_LABEL_STUDIO`` or ``<repo>/.venv-labelstudio/bin/label-studio``. Without
it the test skips, except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Optional

import pytest

from quotes.cli.app import main
from quotes.convert.labelstudio_config import labelling_config

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "annotations"
TOKEN = "quotes-test-token-5f2c9a"
START_TIMEOUT = 480  # seconds; the first start migrates a fresh SQLite database


def _executable() -> str:
    given = os.environ.get("QUOTES_LABEL_STUDIO")
    found = Path(given) if given else ROOT / ".venv-labelstudio" / "bin" / "label-studio"
    if found.is_file() and os.access(found, os.X_OK):
        return str(found)
    why = (
        f"Label Studio not found at {found} (set QUOTES_LABEL_STUDIO, or create .venv-labelstudio: "
        "python3 -m venv .venv-labelstudio && .venv-labelstudio/bin/pip install label-studio)"
    )
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running Label Studio and the few API calls the test makes."""

    def __init__(self, url: str):
        self.url = url

    def call(self, method: str, path: str, body: Any = None, timeout: float = 120) -> Any:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Authorization": f"Token {TOKEN}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path}: HTTP {exc.code}: {exc.read()[:500]!r}") from None
        return json.loads(raw) if raw else None


def _answers(url: str) -> bool:
    try:
        request = urllib.request.Request(url + "/api/current-user/whoami", headers={"Authorization": f"Token {TOKEN}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    exe = _executable()
    data = tmp_path_factory.mktemp("labelstudio")
    port = _free_port()
    env = dict(os.environ)
    env.update(
        LABEL_STUDIO_BASE_DATA_DIR=str(data),
        LABEL_STUDIO_USERNAME="annotator@example.com",
        LABEL_STUDIO_PASSWORD="quotes-test-password",
        LABEL_STUDIO_USER_TOKEN=TOKEN,
        LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN="true",
        LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK="true",
        LATEST_VERSION_CHECK="false",
        COLLECT_ANALYTICS="false",
        SENTRY_DSN="",
        FRONTEND_SENTRY_DSN="",
        DJANGO_DB="sqlite",
    )
    log_path = data / "server.log"
    log = open(log_path, "wb")
    cmd = [exe, "start", "--no-browser", "--internal-host", "127.0.0.1", "-p", str(port), "--data-dir", str(data)]
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=data, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_bytes()[-3000:].decode("utf-8", "replace")
                state = f"exited with {proc.returncode}" if proc.poll() is not None else "did not answer in time"
                pytest.fail(f"Label Studio {state}; the end of its log:\n{tail}")
            time.sleep(1)
        yield Server(url)
    finally:
        _stop(proc)
        log.close()


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server and the processes it started (its own session's process group)."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _field(result: list[dict], rid: str, name: str) -> Optional[dict]:
    return next((r for r in result if r.get("id") == rid and r.get("from_name") == name), None)


def test_tasks_round_trip_through_label_studio(server, tmp_path, capsys):
    tasks_path = tmp_path / "tasks.json"
    assert main(["export", "labelstudio", str(GOLD), "--texts", str(SEEDS), "-o", str(tasks_path), "-q"]) == 0
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))

    project = server.call("POST", "/api/projects", {"title": "quotes round trip", "label_config": labelling_config()})
    pid = project["id"]
    imported = server.call("POST", f"/api/projects/{pid}/import", tasks)
    assert imported["task_count"] == 5 and imported["prediction_count"] == 5

    listed = server.call("GET", f"/api/tasks?project={pid}&page_size=100")
    by_doc = {t["data"]["doc_id"]: t["id"] for t in listed["tasks"]}
    assert sorted(by_doc) == sorted(p.stem for p in GOLD.glob("*.json"))

    # The annotator corrects one speaker and one speaker type of the first seed, accepts the rest.
    first = "000_7247b9e7ac936e0a"
    task = server.call("GET", f"/api/tasks/{by_doc[first]}")
    result = task["predictions"][0]["result"]
    speaker = _field(result, "q1", "speaker")
    assert speaker is not None and speaker["value"]["text"] == ["Zhang Hanhui"]
    speaker["value"]["text"] = ["Hanhui Zhang"]
    _field(result, "q1", "speaker_type")["value"]["choices"] = ["unknown"]
    server.call("POST", f"/api/tasks/{by_doc[first]}/annotations", {"result": result, "lead_time": 12.5})
    # Another task is skipped: a cancelled annotation is no gold.
    skipped = "001_1be7ee7d359c8642"
    server.call("POST", f"/api/tasks/{by_doc[skipped]}/annotations", {"result": [], "was_cancelled": True})

    exported = server.call("GET", f"/api/projects/{pid}/export?exportType=JSON&download_all_tasks=true", timeout=300)
    assert len(exported) == 5
    export_path = tmp_path / "export.json"
    export_path.write_text(json.dumps(exported, ensure_ascii=False, indent=2), encoding="utf-8")

    gold_path = tmp_path / "gold.jsonl"
    rc = main(["convert", "labelstudio", str(export_path), "-o", str(gold_path)])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "converted 1 of 5 tasks to gold documents with 17 quotes" in err
    assert "4 tasks without a submitted annotation left out" in err
    assert main(["validate", str(gold_path)]) == 0
    assert "valid (gold): 1 records, 17 quotes, 0 errors" in capsys.readouterr().out

    (gold,) = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    want = json.loads((GOLD / f"{first}.json").read_text(encoding="utf-8"))
    assert gold["id"] == first and gold["task"] == by_doc[first]
    keys = ("start", "end", "text", "kind", "cue", "mention", "speaker", "speaker_type", "role")
    got = [{k: q[k] for k in keys} for q in gold["quotes"]]
    expected = [{k: q[k] for k in keys} for q in want["quotes"]]
    expected[1].update(speaker="Hanhui Zhang", speaker_type="unknown")
    assert got == expected

    from quotes.training.data import load_gold_dataset  # what quotes train reads

    rows = load_gold_dataset(gold_path)
    assert rows.num_rows == 1 and len(rows[0]["quotes"]) == 17
