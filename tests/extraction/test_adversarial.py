"""Real-world bad input through the real command: each bad document gets a precise error
record (which document, which line, what is wrong) or a correct result, and the rest of
the batch goes on -- same number of output lines as input documents, same order.

The real rules extractor runs in this process (``--workers 0`` with a ``--factory`` that
loads it once for the whole module), so the file stays fast; one test runs the command as
a subprocess with a worker process. The last tests replay every input the fuzzer
(``scripts/fuzz.py``) ever saved under ``tests/fuzz_regressions/``.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))

from quotes.cli.app import main  # noqa: E402
from quotes.records import Document  # noqa: E402

GOOD_A = "“We are ready to work with Moscow,” Zhang Hanhui, China’s ambassador to Russia, said on Tuesday."
GOOD_B = '"We will not back down," Maria Lopez said at the rally.\n\n"The vote is on Friday," she added.'
ARABIC_HEBREW_CJK = "قال المتحدث إن الوضع مستقر. אמר הדובר כי המצב יציב. 外交部发言人说，局势稳定。"

_EXTRACTOR: list = []


def shared_extractor():
    """``--factory test_adversarial:shared_extractor``: the real rules extractor, loaded
    once per process and shared by every test of this module."""
    if not _EXTRACTOR:
        from quotes.extraction.modes import load_extractor

        _EXTRACTOR.append(load_extractor("rules"))
    return _EXTRACTOR[0]


@pytest.fixture(scope="module")
def extractor():
    try:
        return shared_extractor()
    except Exception as exc:  # pragma: no cover - environment without the spaCy model
        pytest.skip(f"the rules extractor cannot load here: {exc}")


def _load_fuzz():
    if "quotes_fuzz" in sys.modules:
        return sys.modules["quotes_fuzz"]
    spec = importlib.util.spec_from_file_location("quotes_fuzz", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()


def extract(*args: str) -> int:
    return main(["extract", *args, "--workers", "0", "--quiet", "--factory", "test_adversarial:shared_extractor"])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def jsonl(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def assert_valid(text: str, record: dict) -> None:
    """An ok record whose every span indexes ``text`` exactly (the contract checker)."""
    from quotes.records import Result

    assert "error" not in record, record
    assert fuzz.contract_problems(text, Result.from_dict(record)) == []


def quotes_of(record: dict) -> list[tuple[str, str, str]]:
    return [(q["text"], q["kind"], q["speaker"]) for q in record["quotes"]]


# --------------------------------------------------------------------------- one mixed batch


def test_a_batch_of_bad_records_gives_one_precise_line_each_and_the_rest_is_right(extractor, tmp_path):
    control = "\x00\x1b[31m\x0c\n\n" + GOOD_B
    rtl = ARABIC_HEBREW_CJK + "\n\n" + GOOD_A
    unbalanced = "He said “yes. " * 150 + "‘ « „ " * 100 + "\n\n" + GOOD_A
    html = "<p>&ldquo;We will not back down,&rdquo; <b>Maria Lopez</b> said.</p>\n<div class='ad'>Subscribe</div>"
    lines = [
        (jsonl({"id": "a", "text": GOOD_A, "source": "wire"}), ("ok", "a")),
        (b'{"id": "broken", "text": "unterminated\n', ("error", "broken", "in.jsonl:line 2: malformed JSON: Unterminated string")),
        (jsonl({"id": "no-text"}), ("error", "no-text", "line 3: missing 'text' key")),
        (jsonl({"id": "num", "text": 42}), ("error", "num", "line 4: 'text' must be a string, got number")),
        (jsonl({"id": "null", "text": None}), ("error", "null", "line 5: 'text' must be a string, got null")),
        (jsonl({"id": "list", "text": ["a"]}), ("error", "list", "line 6: 'text' must be a string, got array")),
        (jsonl({"id": "empty", "text": ""}), ("ok", "empty")),
        (jsonl({"id": "marks-only", "text": "“”‘’«»„\"'" * 200}), ("ok", "marks-only")),
        (jsonl({"id": "html", "text": html}), ("ok", "html")),
        (jsonl({"id": "control", "text": control}), ("ok", "control")),
        (jsonl({"id": "rtl-cjk", "text": rtl}), ("ok", "rtl-cjk")),
        (jsonl({"id": "unbalanced", "text": unbalanced}), ("ok", "unbalanced")),
        (b"\n", None),  # a blank line is not a document
        (b"[1, 2]\n", ("error", "line-14", "line 14: expected a JSON object, got array")),
        (jsonl({"id": "dup", "text": GOOD_A}), ("ok", "dup")),
        (jsonl({"id": "dup", "text": GOOD_B}), ("ok", "dup")),
        (b'{"id": "latin1", "text": "caf\xe9 au lait"}\n', ("error", "latin1", "line 17: invalid UTF-8 at byte 29 of the line (byte 0xe9)")),
        (b'{"id": "surrogate", "text": "x\\ud800y"}\n', ("error", "surrogate", "unpaired surrogate (\\ud800)")),
        (jsonl({"id": 7, "text": GOOD_B}), ("ok", "7")),
        (jsonl({"text": GOOD_A}), ("error", "line-20", "line 20: missing 'id' key")),
        (jsonl({"id": "b", "text": GOOD_B}), ("ok", "b")),
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(raw for raw, _ in lines))
    out = tmp_path / "out.jsonl"
    assert extract(str(src), "-o", str(out)) == 1

    expected = [e for _, e in lines if e is not None]
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [e[1] for e in expected]  # count and order
    texts = {}
    for raw, e in lines:
        if e is not None and e[0] == "ok":
            texts.setdefault(e[1], []).append(json.loads(raw)["text"])
    for record, e in zip(records, expected):
        if e[0] == "error":
            assert set(record) == {"id", "error"}, record
            assert e[2] in record["error"], (record["error"], e[2])
            assert "\n" not in record["error"]
        else:
            assert_valid(texts[e[1]].pop(0), record)

    by_id = {}
    for r in records:
        by_id.setdefault(r["id"], []).append(r)
    zhang = [("We are ready to work with Moscow", "direct", "Zhang Hanhui")]
    maria = [("We will not back down", "direct", "Maria Lopez"), ("The vote is on Friday", "direct", "Maria Lopez")]
    # the good documents come out as they do alone
    assert by_id["a"][0] == extractor.extract(Document("a", GOOD_A)).to_dict()
    assert by_id["b"][0] == extractor.extract(Document("b", GOOD_B)).to_dict()
    assert quotes_of(by_id["a"][0]) == zhang and quotes_of(by_id["b"][0]) == maria
    assert [quotes_of(r) for r in by_id["dup"]] == [zhang, maria]
    assert quotes_of(by_id["7"][0]) == maria
    assert by_id["empty"][0]["quotes"] == []
    # junk around a quote changes neither the quote nor its speaker
    assert quotes_of(by_id["html"][0]) == maria[:1]
    assert by_id["html"][0]["quotes"][0]["mention"]["text"] == "Maria Lopez"
    assert quotes_of(by_id["control"][0]) == maria
    # foreign scripts and hundreds of stray marks before a quote: it is still found
    for doc_id in ("rtl-cjk", "unbalanced"):
        assert any("We are ready to work with Moscow" in q["text"] for q in by_id[doc_id][0]["quotes"]), doc_id


_UNCLOSED = pytest.mark.xfail(reason="extractor weakness: an unclosed mark runs on into the next paragraph",
                              strict=False)


@pytest.mark.parametrize(
    "before",
    [
        ARABIC_HEBREW_CJK,  # a paragraph break is a sentence break for the parser (quotes.text.line_breaks)
        pytest.param("He said “yes. " * 150, marks=_UNCLOSED),
        pytest.param("‘ « „ " * 100, marks=_UNCLOSED),
    ],
)
def test_foreign_or_unbalanced_paragraph_before_a_quote_leaves_it_as_it_is_alone(extractor, before):
    alone = extractor.extract_text(GOOD_A)
    text = before + "\n\n" + GOOD_A
    shift = len(before) + 2
    found = extractor.extract_text(text)
    assert [(q.start - shift, q.end - shift, q.speaker) for q in found if q.start >= shift - 1] == [
        (q.start, q.end, q.speaker) for q in alone
    ]


# --------------------------------------------------------------------------- file-level damage


def test_txt_folder_with_bad_bytes_bom_and_crlf(extractor, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"Prices rose. The caf\xe9 owner \x93complained\x94 on Monday.")
    (folder / "c.txt").write_bytes(b"\xef\xbb\xbf" + GOOD_B.encode("utf-8"))
    crlf = GOOD_B.replace("\n", "\r\n")
    (folder / "d.txt").write_bytes(crlf.encode("utf-8"))
    (folder / "notes.md").write_text("not a document", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert extract(str(folder), "-o", str(out)) == 1
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    assert records[1]["error"] == f"{folder / 'b.txt'}: invalid UTF-8 at byte 20 of the file (byte 0xe9); re-encode it as UTF-8"
    assert records[0] == extractor.extract(Document("a", GOOD_A)).to_dict()
    # the BOM is an encoding mark, not text: offsets count from the character after it
    assert records[2] == extractor.extract(Document("c", GOOD_B)).to_dict()
    # CRLF stays in the text, so the offsets are those of the file as given
    assert_valid(crlf, records[3])
    assert [q["text"] for q in records[3]["quotes"]] == ["We will not back down", "The vote is on Friday"]
    assert records[3]["quotes"][1]["start"] == crlf.index("The vote")


def test_jsonl_with_bom_and_crlf_line_ends(extractor, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + jsonl({"id": "a", "text": GOOD_A})[:-1] + b"\r\n" + jsonl({"id": "b", "text": GOOD_B})[:-1] + b"\r\n")
    out = tmp_path / "out.jsonl"
    assert extract(str(src), "-o", str(out)) == 0
    records = read_jsonl(out)
    assert records == [extractor.extract(Document("a", GOOD_A)).to_dict(), extractor.extract(Document("b", GOOD_B)).to_dict()]


def test_truncated_gz_keeps_the_documents_before_the_cut(extractor, tmp_path):
    docs = [{"id": f"doc-{i}", "text": f"{GOOD_A} Item {i}. " + "Filler sentence about the talks. " * 40} for i in range(40)]
    packed = gzip.compress(b"".join(jsonl(d) for d in docs))
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(packed[: len(packed) * 6 // 10])
    out = tmp_path / "out.jsonl"
    assert extract(str(src), "-o", str(out)) == 1
    records = read_jsonl(out)
    *kept, last = records
    assert 0 < len(kept) < 40
    assert [r["id"] for r in kept] == [d["id"] for d in docs[: len(kept)]]
    assert all(r["quotes"][0]["speaker"] == "Zhang Hanhui" for r in kept)
    assert last == {
        "id": f"line-{len(kept) + 1}",
        "error": f"{src}:line {len(kept) + 1}: input breaks off here: the compressed data ends early; "
        f"the {len(kept)} lines before were read, anything after is lost (is the file truncated?)",
    }


def test_a_gz_that_is_not_gzip_is_unusable_input(tmp_path, capsys):
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(jsonl({"id": "a", "text": GOOD_A}))
    assert extract(str(src)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"quotes extract: error: {src}: not a gzip file") and "\n" not in err


# --------------------------------------------------------------------------- limits


def test_a_5_mb_document_gets_a_size_error_and_the_batch_goes_on(extractor, tmp_path):
    """Under the default --max-chars (2,000,000) a 5 MB document is refused before any
    parsing: it costs no time and no parser memory, and its neighbours are unaffected."""
    huge = ("Filler sentence about the talks in Moscow. " * 120 + "\n\n") * 1000
    assert len(huge) > 5_000_000
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl({"id": "a", "text": GOOD_A}) + jsonl({"id": "huge", "text": huge}) + jsonl({"id": "b", "text": GOOD_B}))
    out = tmp_path / "out.jsonl"
    assert extract(str(src), "-o", str(out)) == 1
    a, big, b = read_jsonl(out)
    assert big == {
        "id": "huge",
        "error": f"document has {len(huge):,} characters, over the limit of 2,000,000 (--max-chars); "
        "split it or raise the limit",
    }
    assert quotes_of(a)[0][2] == "Zhang Hanhui" and quotes_of(b)[0][2] == "Maria Lopez"


def test_timeout_stops_one_slow_document_and_the_batch_goes_on(extractor, tmp_path):
    slow = ("Filler sentence about the talks in Moscow, officials said. " * 50 + "\n\n") * 60  # ~180,000 chars
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl({"id": "slow", "text": slow}) + jsonl({"id": "b", "text": GOOD_B}))
    out = tmp_path / "out.jsonl"
    assert extract(str(src), "-o", str(out), "--timeout", "1") == 1
    first, second = read_jsonl(out)
    assert first == {"id": "slow", "error": "timed out after 1 s (--timeout)"}
    assert quotes_of(second)[0] == ("We will not back down", "direct", "Maria Lopez")


def test_long_text_is_parsed_in_pieces_without_cutting_a_multi_paragraph_quote(extractor):
    """A text over ``chunk_chars`` is parsed in paragraph-aligned pieces; the cut avoids
    the quotation that runs over three paragraphs across the natural cut point."""
    filler = "The delegation toured the port and met local officials in the afternoon.\n\n"
    quote = (
        "“The first stage of the agreement covers energy.\n\n"
        "“The second stage covers transport and the new bridge.\n\n"
        "“The third stage is about trade,” Zhang Hanhui said.\n\n"
    )
    head = filler * 12  # the quote starts at character 888 and crosses 1,000
    text = head + quote + filler * 30 + GOOD_A
    whole = extractor.extract_text(text)
    saved = extractor.chunk_chars
    extractor.chunk_chars = 1_000
    try:
        pieces = extractor.extract_text(text)
    finally:
        extractor.chunk_chars = saved
    assert len(text) > 3 * 1_000
    for q in pieces:
        assert text[q.start : q.end] == q.text
    multi = [q for q in pieces if q.text.startswith("The first stage")]
    assert len(multi) == 1 and multi[0].text.endswith("about trade") and multi[0].speaker == "Zhang Hanhui"
    assert [(q.start, q.end, q.speaker) for q in pieces] == [(q.start, q.end, q.speaker) for q in whole]


# --------------------------------------------------------------------------- the command as a process


def test_stdin_with_bom_crlf_and_a_bad_line_through_a_worker_process(tmp_path):
    data = (
        b"\xef\xbb\xbf" + jsonl({"id": "a", "text": GOOD_A})[:-1] + b"\r\n"
        + b'{"id": "cut", "text": "no end\r\n'
        + jsonl({"id": "b", "text": GOOD_B})
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run(
        [sys.executable, "-m", "quotes", "extract", "-", "--workers", "1", "--timeout", "60"],
        input=data, capture_output=True, env=env, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "cut", "b"]
    assert records[1]["error"].startswith("<stdin>:line 2: malformed JSON")
    assert quotes_of(records[0])[0][2] == "Zhang Hanhui" and quotes_of(records[2])[1][2] == "Maria Lopez"
    assert "3 documents, 3 quotes, 1 errors" in proc.stderr.decode()


@pytest.mark.slow
def test_a_5_mb_document_without_a_size_limit_finishes_in_bounded_memory(tmp_path):
    """``--max-chars 0``: the 5 MB document is parsed in 100,000-character pieces, so the
    worker's peak memory is that of one piece, not of the whole text (minutes of CPU)."""
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    text = (base + "\n\n") * (5_000_000 // (len(base) + 2) + 1)
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl({"id": "huge", "text": text}) + jsonl({"id": "b", "text": GOOD_B}))
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "quotes", "extract", str(src), "-o", str(out), "--workers", "1",
         "--max-chars", "0", "--timeout", "0"],
        capture_output=True, timeout=3600,
    )
    elapsed = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"5 MB document: {len(text):,} chars, {elapsed:.0f} s, peak RSS of a child {peak_mb:.0f} MB")
    assert proc.returncode == 0, proc.stderr.decode()
    huge, b = read_jsonl(out)
    assert_valid(text, huge)
    assert len(huge["quotes"]) > 1000 and quotes_of(b)[0][2] == "Maria Lopez"
    assert peak_mb < 1_500


# --------------------------------------------------------------------------- fuzz regressions


@pytest.mark.parametrize(
    "path", sorted((TESTS / "fuzz_regressions").glob("*.json")), ids=lambda p: p.stem
)
def test_fuzz_regression_input_no_longer_fails(path, extractor):
    """Every minimized input the fuzzer saved passes its target's check again."""
    fuzz.replay(path)
