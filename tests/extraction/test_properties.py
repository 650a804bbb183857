"""Properties of the whole pipeline that hold for any text (hypothesis).

Whatever the text -- news-like prose with every kind of quotation mark, stray and
unbalanced marks, newlines, arbitrary unicode -- the extractor must not raise, every
span it returns must lie inside the text and carry exactly ``text[start:end]``, content
spans must not overlap, and a batch must give one result per document in input order.
The contract checker of ``quotes validate`` (:func:`quotes.evaluation.validate.validate_records`)
is the judge, so these tests and the command agree on what a valid output is.

Example counts are bounded (about 50 per property) so the file runs in well under a
minute; ``scripts/fuzz.py`` runs the same generators for as long as it is given.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.io.writer import ResultWriter
from quotes.records import Document
from quotes.text.chunking import chunk_bounds
from quotes.text.marks import find_quoted_spans

ROOT = Path(__file__).resolve().parents[2]

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _load_fuzz():
    """The generators and contract checks live in scripts/fuzz.py, shared with the fuzzer."""
    if "quotes_fuzz" in sys.modules:
        return sys.modules["quotes_fuzz"]
    spec = importlib.util.spec_from_file_location("quotes_fuzz", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()
news_like = fuzz.news_like
any_text = fuzz.any_text()
contract_problems = fuzz.contract_problems


@SETTINGS
@given(text=any_text)
def test_any_text_gives_valid_spans_and_no_error(extractor, text):
    result = extractor.extract(Document("doc", text))
    assert contract_problems(text, result) == []


@SETTINGS
@given(paragraphs=st.lists(news_like(25), min_size=2, max_size=8))
def test_chunked_extraction_keeps_every_span_valid(extractor, paragraphs):
    """Long-text mode (cut into pieces) on short texts: the pieces' offsets are shifted
    back correctly, whatever the text looks like at the cuts."""
    text = "\n\n".join(paragraphs)
    whole = extractor.chunk_chars
    extractor.chunk_chars = max(40, len(text) // 3)
    try:
        result = extractor.extract(Document("doc", text))
    finally:
        extractor.chunk_chars = whole
    assert contract_problems(text, result) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(any_text, min_size=1, max_size=6))
def test_batch_gives_one_result_per_document_in_input_order(extractor, texts, tmp_path_factory):
    """Through the batch engine and the writer: the output lines are the input documents,
    one each, in order, even with duplicate ids and the writer's escaping."""
    from quotes.batch.runner import BatchOptions, run_batch

    docs = [Document(f"d{i % 3}", t) for i, t in enumerate(texts)]  # ids repeat on purpose
    outcomes = list(run_batch(enumerate(docs), lambda: extractor, BatchOptions(workers=0, max_chars=None)))
    assert [o.position for o in outcomes] == list(range(len(docs)))
    assert [o.result.id for o in outcomes] == [d.id for d in docs]
    out = tmp_path_factory.mktemp("batch") / "out.jsonl"
    with ResultWriter(out) as writer:
        writer.write_all(o.result for o in outcomes)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == len(docs)
    for doc, outcome in zip(docs, outcomes):
        assert contract_problems(doc.text, outcome.result) == []


@settings(max_examples=200, deadline=None)
@given(text=any_text, size=st.integers(min_value=2, max_value=120))
def test_chunk_bounds_cover_the_text_in_order(text, size):
    bounds = chunk_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (s, e), (s2, _) in zip(bounds, bounds[1:]):
        assert e == s2
    assert all(0 < e - s <= size for s, e in bounds) or text == ""


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(news_like(12), min_size=3, max_size=12))
def test_chunk_cuts_fall_outside_quotations_that_fit(paragraphs):
    text = "\n\n".join(paragraphs)
    size = 60
    quotes = [q for q in find_quoted_spans(text) if (q.close if q.close >= 0 else q.end) - q.open < size // 2]
    for s, e in chunk_bounds(text, size)[1:]:
        assert not any(q.open < s < (q.close + 1 if q.close >= 0 else q.end) for q in quotes), (s, text)


@settings(max_examples=300, deadline=None)
@given(text=fuzz.any_text(80))
def test_quotation_marks_and_zones_are_well_formed_for_any_text(text):
    fuzz.check_marks(text)
    fuzz.check_zones(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=fuzz.any_bytes())
def test_readers_turn_any_bytes_into_records_or_one_read_error(data):
    fuzz.check_read_jsonl(data)
    fuzz.check_read_gz(data)
    fuzz.check_read_txt(data)
    fuzz.check_read_results(data)
