"""Fuzz the readers, the quotation-mark and zone detectors and the extractor for a set time.

    python scripts/fuzz.py                      # 600 s over every target
    python scripts/fuzz.py --seconds 60 --targets marks zones
    python scripts/fuzz.py --replay             # re-check every saved regression input

Each target is a function that must hold its promise on *any* input (see ``TARGETS``):
the readers raise nothing but ``ReadError`` and turn every bad record into an error
record; the mark and zone detectors return sorted, in-bounds, well-formed spans (their
internals are called directly too, since the public functions swallow exceptions as a
last guard); the extractor returns output that passes the contract checker of
``quotes validate``. Inputs come from hypothesis (news-like text with every kind of
quotation mark, raw unicode, random and mutated bytes), in rounds with fresh seeds;
hypothesis shrinks each failure to a minimal input, which is saved as
``tests/fuzz_regressions/<target>-<hash>.json``. ``tests/test_adversarial.py`` replays
every saved file, so a crash found once stays fixed.

The same generators and checks serve ``tests/test_properties.py`` (bounded example
counts) -- one definition of what "correct on any input" means.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import re
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"

# --------------------------------------------------------------------------- inputs

QUOTE_MARKS = list("\"'“”‘’«»„‚‹›「」『』`") + ["''", "``", ",,"]
FRAGMENTS = [
    "Zhang Hanhui", "Hua Chunying", "the ministry", "the ambassador", "she", "he", "They",
    "said", "says", "told reporters", "told Interfax", "according to", "added", "warned",
    "We are ready", "the door is open", "China will deepen strategic mutual trust",
    "on Tuesday", "in Moscow", "that", ",", ".", ":", ";", "—", " - ", "(", ")", "?", "!",
    "Read more", "Comments", "Photo:", "By", "Share this article",
    "\n", "\n\n", "\r\n", "\t", " ", " ", " ",
]


def news_like(max_pieces: int = 60) -> Any:
    """Prose built from names, cue words, punctuation, quotation marks of all kinds,
    page furniture, newlines and bits of arbitrary unicode, in any order."""
    from hypothesis import strategies as st

    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(QUOTE_MARKS),
        st.sampled_from(FRAGMENTS).map(lambda f: f" {f} "),
        st.text(max_size=6),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


def any_text(max_pieces: int = 60) -> Any:
    from hypothesis import strategies as st

    return st.one_of(news_like(max_pieces), st.text(max_size=5 * max_pieces))


def jsonl_bytes() -> Any:
    """Bytes that look like JSON Lines, then damaged: records with odd keys and values,
    blank lines, BOMs, CRLF, invalid UTF-8, cut lines."""
    from hypothesis import strategies as st

    scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
    value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)), max_leaves=6)
    record = st.fixed_dictionaries(
        {},
        optional={"id": st.one_of(st.text(max_size=10), st.integers(), value), "text": st.one_of(any_text(10), value)},
    ).flatmap(lambda d: st.dictionaries(st.text(max_size=6), value, max_size=2).map(lambda extra: {**extra, **d}))
    line = st.one_of(
        record.map(lambda r: json.dumps(r, ensure_ascii=False)),
        record.map(lambda r: json.dumps(r, ensure_ascii=True)),
        value.map(json.dumps),
        st.text(max_size=30),
    ).map(lambda s: s.encode("utf-8", "surrogatepass"))
    damage = st.one_of(
        st.just(b""), st.just(b"\xef\xbb\xbf"), st.just(b"\r"), st.binary(max_size=4), st.just(b"\xff\xfe"),
    )
    lines = st.lists(st.tuples(line, damage, st.sampled_from([b"\n", b"\r\n", b"\n\n", b""])), max_size=8)
    return lines.map(lambda ls: b"".join(a + d + e for a, d, e in ls))


def any_bytes() -> Any:
    from hypothesis import strategies as st

    return st.one_of(jsonl_bytes(), st.binary(max_size=300))


# --------------------------------------------------------------------------- checks


def contract_problems(text: str, result: Any) -> list[str]:
    """Every way ``result`` breaks the output contract for ``text`` (warnings included:
    an extractor's content spans must never overlap or be empty), and error records."""
    from quotes.evaluation.validate import validate_records

    record = result.to_dict()
    problems = [str(p) for p in validate_records([record], {result.id: text}, "output")]
    if result.error is not None:
        problems.append(f"error record: {result.error}")
    return problems


def _check_documents(items: list[Any]) -> None:
    from quotes.io.jsonl import unpaired_surrogate
    from quotes.records import Document, InputError

    for d in items:
        assert isinstance(d, (Document, InputError)), type(d)
        assert isinstance(d.id, str)
        if isinstance(d, Document):
            assert isinstance(d.text, str) and unpaired_surrogate(d.text) is None
        else:
            assert "\n" not in d.describe(), d.describe()


def check_read_jsonl(data: bytes, suffix: str = ".jsonl") -> None:
    """read_documents on these bytes as a file: only ReadError, every other problem a record."""
    from quotes.errors import ReadError
    from quotes.io.documents import read_documents

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            items = list(read_documents(path))
        except ReadError as exc:
            assert "\n" not in str(exc)
            return
    _check_documents(items)
    if suffix == ".jsonl":
        n_lines = sum(1 for i, line in enumerate(data.split(b"\n")) if (line[3:] if i == 0 and line.startswith(b"\xef\xbb\xbf") else line).strip())
        assert len(items) == n_lines, (len(items), n_lines)


def check_read_gz(data: bytes) -> None:
    """The same bytes gzipped, then cut at a point that depends on the data."""
    packed = gzip.compress(data)
    cut = len(packed) - 1 - (len(data) % max(1, len(packed) // 2))
    check_read_jsonl(packed, ".jsonl.gz")
    check_read_jsonl(packed[: max(cut, 0)], ".jsonl.gz")
    check_read_jsonl(data, ".jsonl.gz")  # not gzip at all


def check_read_txt(data: bytes) -> None:
    from quotes.errors import ReadError
    from quotes.io.documents import read_documents

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_bytes(data)
        (Path(tmp) / "b.txt").write_bytes(b"A good document.")
        try:
            items = list(read_documents(tmp))
        except ReadError:  # pragma: no cover - a folder with .txt files is always readable
            raise AssertionError("a folder of .txt files raised ReadError")
    _check_documents(items)
    assert [d.id for d in items] == ["a", "b"] and items[1].text == "A good document."


def check_read_results(data: bytes) -> None:
    from quotes.errors import ReadError
    from quotes.io.results import read_results

    for suffix in (".jsonl", ".json"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"results{suffix}"
            path.write_bytes(data)
            try:
                read_results(path)
            except ReadError as exc:
                assert "\n" not in str(exc)


def check_marks(text: str) -> None:
    from quotes.text import marks

    analyse = getattr(marks, "_analyse", None)
    if analyse is not None:
        analyse(text)  # the public function hides exceptions; the fuzzer must see them
    spans = marks.find_quoted_spans(text)
    for q in spans:
        assert 0 <= q.start <= q.end <= len(text), q
        assert text[q.start : q.end].strip(), q
        assert 0 <= q.open < len(text) and -1 <= q.close < len(text), q
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start, (a, b)
    marks.find_nested(text)
    marks.quote_mark_positions(text)


def check_zones(text: str) -> None:
    from quotes.text import zones

    label_lines = getattr(zones, "_label_lines", None)
    if label_lines is not None and text:
        label_lines(text)  # find_zones hides exceptions as a last guard
    found = zones.find_zones(text)
    if not text:
        assert found == []
        return
    assert found[0].start == 0 and found[-1].end == len(text), found
    for a, b in zip(found, found[1:]):
        assert a.end == b.start and a.start < a.end, (a, b)
    assert all(z.label in zones.LABELS for z in found)


_EXTRACTOR: list[Any] = []


def extractor() -> Any:
    """One rules extractor per process (loading spaCy takes seconds)."""
    if not _EXTRACTOR:
        from quotes.extraction.modes import load_extractor

        _EXTRACTOR.append(load_extractor("rules"))
    return _EXTRACTOR[0]


def check_extract(text: str) -> None:
    """``extract_text``, not ``extract``: the latter turns exceptions into error records,
    and the fuzzer needs the exception itself to tell one bug from another."""
    from quotes.records import Result

    result = Result("doc", extractor().extract_text(text))
    assert contract_problems(text, result) == [], contract_problems(text, result)


def check_extract_chunked(text: str) -> None:
    """The long-text path (pieces, shifted offsets) on a short text cut small."""
    from quotes.records import Result

    ex = extractor()
    whole = ex.chunk_chars
    ex.chunk_chars = max(40, len(text) // 3)
    try:
        result = Result("doc", ex.extract_text(text))
    finally:
        ex.chunk_chars = whole
    assert contract_problems(text, result) == [], contract_problems(text, result)


@dataclass(frozen=True)
class Target:
    name: str
    check: Callable[[Any], None]
    strategy: Callable[[], Any]
    binary: bool
    per_round: int  # examples per round: the slow targets get fewer


TARGETS = {
    t.name: t
    for t in [
        Target("read_jsonl", check_read_jsonl, any_bytes, True, 300),
        Target("read_gz", check_read_gz, any_bytes, True, 200),
        Target("read_txt", check_read_txt, any_bytes, True, 300),
        Target("read_results", check_read_results, any_bytes, True, 300),
        Target("marks", check_marks, lambda: any_text(80), False, 500),
        Target("zones", check_zones, lambda: any_text(80), False, 500),
        Target("extract", check_extract, lambda: any_text(60), False, 60),
        Target("extract_chunked", check_extract_chunked, lambda: any_text(60), False, 40),
    ]
}

# --------------------------------------------------------------------------- regressions


def signature(target: str, exc: BaseException) -> str:
    """What a failure is: the exception type and the innermost frame in quotes/ for a crash,
    the target and the broken promise for a failed check."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/quotes/" in f.filename.replace("\\", "/")] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    if isinstance(exc, AssertionError):  # a broken promise: which one, not where it was checked
        where = re.sub(r"\d+", "N", " ".join(str(exc).split()))[:80]
        return f"{target}:{type(exc).__name__}:{where}"
    return f"{type(exc).__name__}:{where}"  # a crash at one place is one bug, whichever target hit it


def save_regression(target: str, value: Any, exc: BaseException) -> Path:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    digest = hashlib.sha1(target.encode() + raw).hexdigest()[:12]
    record: dict[str, Any] = {"target": target}
    if isinstance(value, bytes):
        record["input_base64"] = base64.b64encode(value).decode("ascii")
    else:
        record["input"] = value
    message = " ".join(str(exc).split())[:300]
    record["found"] = f"{signature(target, exc)}: {message}"
    path = REGRESSIONS / f"{target}-{digest}.json"
    path.write_text(json.dumps(record, ensure_ascii=True, indent=1) + "\n", encoding="utf-8")
    return path


def load_regression(path: Path) -> tuple[Target, Any]:
    record = json.loads(path.read_text(encoding="utf-8"))
    target = TARGETS[record["target"]]
    value = base64.b64decode(record["input_base64"]) if "input_base64" in record else record["input"]
    return target, value


def replay(path: Path) -> None:
    """Run a saved input through its target's check (raises when it fails again)."""
    target, value = load_regression(path)
    target.check(value)


# --------------------------------------------------------------------------- the loop


@dataclass
class Tally:
    examples: int = 0
    failures: int = 0


def fuzz_round(target: Target, tally: Tally, known: set[str], found: list[tuple[str, Path]], deadline: float) -> None:
    """One hypothesis run of ``per_round`` examples; a new failure is shrunk and saved."""
    from hypothesis import HealthCheck, Phase, given, settings

    last_failure: list[Any] = []

    @settings(
        max_examples=target.per_round,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        derandomize=False,
        report_multiple_bugs=False,
    )
    @given(value=target.strategy())
    def run(value: Any) -> None:
        if time.monotonic() > deadline:
            return
        tally.examples += 1
        try:
            target.check(value)
        except Exception as exc:
            sig = signature(target.name, exc)
            if sig in known:
                return  # already saved this run: look for other bugs
            last_failure[:] = [value, exc, sig]
            raise

    try:
        run()
    except Exception:
        if not last_failure:
            raise
        value, exc, sig = last_failure
        known.add(sig)
        tally.failures += 1
        path = save_regression(target.name, value, exc)
        found.append((sig, path))
        print(f"  FAILURE {sig}\n    saved {path.relative_to(ROOT)}", flush=True)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600, help="how long to fuzz (default: 600)")
    parser.add_argument("--targets", nargs="+", choices=sorted(TARGETS), default=list(TARGETS), help="what to fuzz")
    parser.add_argument("--replay", action="store_true", help="only re-check the saved regression inputs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    if args.replay:
        bad = 0
        for path in sorted(REGRESSIONS.glob("*.json")):
            try:
                replay(path)
                print(f"ok    {path.name}")
            except Exception as exc:
                bad += 1
                print(f"FAIL  {path.name}: {signature(load_regression(path)[0].name, exc)}: {exc}")
        return 1 if bad else 0

    started = time.monotonic()
    deadline = started + args.seconds
    tallies = {name: Tally() for name in args.targets}
    known: set[str] = set()
    for path in sorted(REGRESSIONS.glob("*.json")):  # bugs already on file are not news
        try:
            replay(path)
        except Exception as exc:
            known.add(signature(json.loads(path.read_text(encoding="utf-8"))["target"], exc))
    if known:
        print(f"{len(known)} saved regression inputs still fail: {', '.join(sorted(known))}", flush=True)
    found: list[tuple[str, Path]] = []
    rounds = 0
    while time.monotonic() < deadline:
        for name in args.targets:
            if time.monotonic() >= deadline:
                break
            fuzz_round(TARGETS[name], tallies[name], known, found, deadline)
        rounds += 1
        done = sum(t.examples for t in tallies.values())
        print(f"[{time.monotonic() - started:6.0f} s] round {rounds}: {done} inputs, {len(found)} failures", flush=True)
    elapsed = time.monotonic() - started
    print(f"\nfuzzed {elapsed:.0f} s, {sum(t.examples for t in tallies.values())} inputs, {len(found)} distinct failures")
    for name, t in tallies.items():
        print(f"  {name:16s} {t.examples:8d} inputs  {t.failures} failures")
    for sig, path in found:
        print(f"  {sig} -> {path.relative_to(ROOT)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
