"""The brat reader on hand-made ``.ann`` strings, and the PolNeAR converter on the real dev split.

The corpus is research-use only and never copied here: tests that need it read it from
``../shared/datasets/polnear`` (or ``$POLNEAR_ROOT``) and skip when it is absent, and they
derive what they expect from the ``.ann`` files themselves rather than from pasted text.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from quotes.cli.app import main
from quotes.convert.brat import logical_lines, parse_ann
from quotes.convert.polnear import (
    MIN_SPLIT_WORDS,
    ConversionStats,
    content_parts,
    convert_ann,
    iter_polnear,
    read_index,
    read_text,
    relations_of,
)
from quotes.errors import BratError
from quotes.evaluation.validate import ERROR, validate_records

POLNEAR = Path(os.environ.get("POLNEAR_ROOT", Path(__file__).resolve().parents[3] / "shared/datasets/polnear"))


def ann_of(text: str, *lines: str) -> str:
    """Build an ``.ann`` whose T lines copy their text from ``text``, the way brat writes them."""
    out = []
    for line in lines:
        m = re.match(r"^(T\d+)\t(\S+) ([\d ;]+)$", line)
        if m:
            frags = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            line = f"{line}\t{' '.join(text[s:e] for s, e in frags)}"
        out.append(line)
    return "\n".join(out) + "\n"


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def frag(text: str, needle: str, nth: int = 0) -> str:
    return "%d %d" % at(text, needle, nth)


# --------------------------------------------------------------------------- brat syntax

INTERRUPTED = (
    "“We are ready to resume talks with Moscow,” Foreign Minister Wang Yi said on Tuesday. "
    "“The door to dialogue has never been closed.”\n"
)


def test_multiline_textbound_is_joined_with_its_newlines():
    text = (
        "The ministry said in a statement that exports rose 4 percent in March.\n\n"
        "It added that imports were flat.\n"
    )
    content = "exports rose 4 percent in March.\n\nIt added that imports were flat."
    s, e = at(text, content)
    ann = ann_of(
        text,
        f"T1\tSource {frag(text, 'The ministry')}",
        f"T2\tCue {frag(text, 'said')}",
        f"T3\tContent {s} {e}",
        f"T4\tAttribution {frag(text, 'said')}",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    )
    lines = list(logical_lines(ann))
    assert [n for n, _ in lines] == [1, 2, 3, 6, 7]  # the content's two newlines are inside line 3
    doc = parse_ann(ann)
    assert doc.textbounds["T3"].text == content
    assert doc.textbounds["T3"].fragments == ((s, e),)
    assert doc.span_mismatches(text) == []
    assert set(doc.events) == {"E1"}


def test_continuation_lines_that_look_like_ids_without_a_tab_are_text():
    text = "Officials said\nT1 tanks and E2 rations\nwere delivered.\n"
    s, e = at(text, "T1 tanks and E2 rations\nwere delivered.")
    ann = f"T1\tContent {s} {e}\t{text[s:e]}\nT2\tCue 10 14\tsaid\n"
    doc = parse_ann(ann)
    assert doc.textbounds["T1"].text == text[s:e]
    assert doc.textbounds["T2"].text == "said"


def test_notes_and_other_line_types_are_kept_apart():
    text = "Police said the road was closed.\n"
    ann = ann_of(
        text,
        f"T1\tDiscuss {frag(text, 'Police said')}",
        "#1\tAnnotatorNotes T1\tIs a road closure a statement?",
        "A1\tNegated T1",
    )
    doc = parse_ann(ann)
    assert doc.notes[0].target == "T1" and doc.notes[0].text.startswith("Is a road")
    assert doc.other == ["A1\tNegated T1"]


def test_malformed_span_is_an_error_with_its_line():
    with pytest.raises(BratError, match=r"x\.ann:2"):
        parse_ann("T1\tCue 0 4\tsaid\nT2\tContent 9 x\toops\n", "x.ann")
    with pytest.raises(BratError, match="start 9 after end 4"):
        parse_ann("T1\tCue 9 4\tsaid\n")


def test_span_mismatch_is_reported():
    doc = parse_ann("T1\tCue 7 11\tsaid\n")
    assert doc.span_mismatches("Police said it.") == []
    (problem,) = doc.span_mismatches("Police sad it.")
    assert "T1" in problem and "'said'" in problem


def test_no_source_relation_has_null_mention_and_keeps_its_cue():
    text = "The plan was described as reckless by opponents of the bill.\n"
    ann = parse_ann(
        ann_of(
            text,
            f"T1\tCue {frag(text, 'was described as')}",
            f"T2\tContent {frag(text, 'reckless')}",
            f"T3\tAttribution-no-source {frag(text, 'was described as')}",
            "E1\tAttribution-no-source:T3 Cue:T1 Content:T2",
        )
    )
    result = convert_ann("doc", text, ann, annotator="4b22")
    (q,) = result.quotes
    assert q.mention is None
    assert q.cue is not None and q.cue.text == "was described as"
    assert (q.text, q.kind, q.speaker, q.speaker_type, q.role) == ("reckless", "indirect", None, "unknown", None)


def test_out_of_order_fragments_give_first_start_to_last_end():
    text = "Senator Maria Lopez, the committee chair, on Monday told reporters the vote would wait.\n"
    # Source fragments listed backwards; the mention runs from the first start to the last end.
    src = f"{frag(text, 'the committee chair')};{frag(text, 'Senator Maria Lopez')}"
    ann = parse_ann(
        ann_of(
            text,
            f"T1\tSource {src}",
            f"T2\tCue {frag(text, 'told reporters')}",
            f"T3\tContent {frag(text, 'the vote would wait')}",
            f"T4\tAttribution {frag(text, 'told reporters')}",
            "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        )
    )
    assert ann.textbounds["T1"].text == "the committee chair Senator Maria Lopez"
    assert ann.span_mismatches(text) == []
    (q,) = convert_ann("doc", text, ann).quotes
    assert q.mention.text == "Senator Maria Lopez, the committee chair"


def _interrupted(text: str, first: str, second: str, *, second_role: str = "Content") -> list:
    s1, e1 = at(text, first)
    s2, e2 = at(text, second)
    content = f"T3\tContent {s1} {e1};{s2} {e2}" if second_role == "Content" else f"T3\tContent {s1} {e1}"
    lines = [
        f"T1\tSource {frag(text, 'Foreign Minister Wang Yi')}",
        f"T2\tCue {frag(text, 'said')}",
        content,
        f"T4\tAttribution {frag(text, 'said')}",
    ]
    event = "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1"
    if second_role == "Content2":
        lines.append(f"T5\tContent {s2} {e2}")
        event += " Content2:T5"
    ann = parse_ann(ann_of(text, *lines, event))
    assert ann.span_mismatches(text) == []
    return convert_ann("doc", text, ann).quotes


@pytest.mark.parametrize("role", ["Content", "Content2"])
def test_content_interrupted_by_its_attribution_splits_when_each_part_has_4_words(role):
    first = "“We are ready to resume talks with Moscow,”"
    second = "“The door to dialogue has never been closed.”"
    quotes = _interrupted(INTERRUPTED, first, second, second_role=role)
    assert [q.text for q in quotes] == [first, second]
    assert all(q.kind == "direct" for q in quotes)
    assert quotes[0].cue == quotes[1].cue and quotes[0].cue.text == "said"
    assert quotes[0].mention == quotes[1].mention and quotes[0].mention.text == "Foreign Minister Wang Yi"


def test_short_part_keeps_one_span_from_first_start_to_last_end():
    text = "“No,” Foreign Minister Wang Yi said on Tuesday. “The door to dialogue has never been closed.”\n"
    assert len("“No,”".split()) < MIN_SPLIT_WORDS
    (q,) = _interrupted(text, "“No,”", "“The door to dialogue has never been closed.”")
    assert q.text == text[: text.index("closed.”") + len("closed.”")]
    assert q.kind == "direct"  # only the content fragments count, not the interrupting "said"


def test_gap_without_the_attribution_stays_one_quote():
    text = "He said the tariffs, which took effect in May, had cost farmers dearly.\n"
    s1, e1 = at(text, "the tariffs")
    s2, e2 = at(text, "had cost farmers dearly")
    ann = parse_ann(
        ann_of(
            text,
            f"T1\tSource {frag(text, 'He')}",
            f"T2\tCue {frag(text, 'said')}",
            f"T3\tContent {s2} {e2};{s1} {e1}",
            f"T4\tAttribution {frag(text, 'said')}",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        )
    )
    (rel,) = relations_of(ann)
    assert rel.content == ((s1, e1), (s2, e2))  # sorted into text order
    assert content_parts(text, rel) == [rel.content]
    (q,) = convert_ann("doc", text, ann).quotes
    assert q.text == "the tariffs, which took effect in May, had cost farmers dearly"


def test_incomplete_relations_are_skipped_or_given_null_cue():
    text = "The senator's office confirmed the meeting. Aides expect a vote next week.\n"
    ann = parse_ann(
        ann_of(
            text,
            f"T1\tSource {frag(text, 'Aides')}",
            f"T2\tContent {frag(text, 'a vote next week')}",
            f"T3\tAttribution {frag(text, 'expect')}",
            "E1\tAttribution:T3 Source:T1 Content:T2",
            f"T4\tAttribution-no-source {frag(text, 'confirmed')}",
            "E2\tAttribution-no-source:T4",
        )
    )
    stats = ConversionStats()
    result = convert_ann("doc", text, ann, stats=stats)
    (q,) = result.quotes
    assert q.cue is None and q.mention.text == "Aides"
    assert result.meta["relations"] == 1
    assert stats.relations == 2 and stats.skipped["relation without content"] == 1 and stats.no_cue == 1
    assert "relation without content: 1" in stats.summary()


# --------------------------------------------------------------------------- the real corpus

needs_polnear = pytest.mark.skipif(not (POLNEAR / "index.tsv").is_file(), reason=f"PolNeAR not at {POLNEAR}")


def _raw_relations(ann_text: str) -> dict[str, list[tuple[int, int]]]:
    """Content fragments of each E line with a content, read with plain regular expressions.

    Deliberately independent of quotes.convert.brat: only the first physical line of
    a T annotation carries its offsets, so continuation lines can be ignored here.
    """
    spans = {}
    for m in re.finditer(r"^(T\d+)\t\S+ ([\d ;]+)\t", ann_text, re.M):
        spans[m.group(1)] = [tuple(map(int, f.split())) for f in m.group(2).split(";")]
    out = {}
    for m in re.finditer(r"^(E\d+)\t(.*)$", ann_text, re.M):
        refs = re.findall(r"\bContent2?:(T\d+)", m.group(2))
        frags = sorted(f for ref in refs for f in spans[ref])
        if frags:
            out[m.group(1)] = frags
    return out


@pytest.fixture(scope="module")
def dev():
    if not (POLNEAR / "index.tsv").is_file():
        pytest.skip(f"PolNeAR not at {POLNEAR}")
    stats = ConversionStats()
    results = list(iter_polnear(POLNEAR, "dev", stats=stats))
    anns = {d.doc_id: (POLNEAR / d.canonical_ann).read_bytes().decode("utf-8") for d in read_index(POLNEAR, "dev")}
    return results, stats, anns


@needs_polnear
@pytest.mark.polnear
def test_dev_counts_match_the_corpus_statistics(dev):
    results, stats, _ = dev
    expected = json.loads((POLNEAR / "stats.json").read_text())["dev"]["canonical"]
    assert stats.documents == len(results) == expected["docs"]
    assert stats.relations == expected["attributions"]
    assert stats.skipped == {"relation without content": 1}
    assert stats.converted == expected["attributions"] - 1
    assert stats.content2 == expected["content_has_2nd_part"]
    assert [r.id for r in results] == [d.doc_id for d in read_index(POLNEAR, "dev")]


@needs_polnear
@pytest.mark.polnear
def test_dev_every_relation_with_content_is_a_quote(dev):
    results, stats, anns = dev
    n_relations = matched = 0
    for r in results:
        relations = _raw_relations(anns[r.id])
        starts = {q.start for q in r.quotes}
        n_relations += len(relations)
        # Every relation's first content character starts a quote (its only one, or its first part).
        represented = {rid for rid, frags in relations.items() if frags[0][0] in starts}
        matched += len(represented)
        assert represented == set(relations), r.id
        assert r.meta["relations"] == len(relations)
        # And every quote lies within the extent of some relation's content.
        extents = [(f[0][0], max(e for _, e in f)) for f in relations.values()]
        assert all(any(s <= q.start and q.end <= e for s, e in extents) for q in r.quotes), r.id
    assert n_relations == matched == stats.converted == 2192


@needs_polnear
@pytest.mark.polnear
def test_dev_spans_follow_the_split_and_extent_rules(dev):
    results, _, _ = dev
    seen = {"split": 0, "joined": 0, "content2": 0}
    for r in results:
        ann = parse_ann(dev[2][r.id])
        quotes_by_start = {q.start: q for q in r.quotes}
        for rel in relations_of(ann):
            parts = content_parts(r.text, rel)
            first = quotes_by_start[rel.content[0][0]]
            if rel.cue:
                assert (first.cue.start, first.cue.end) == (min(s for s, _ in rel.cue), max(e for _, e in rel.cue))
            if rel.source:
                assert first.mention.start == min(s for s, _ in rel.source)
                assert first.mention.end == max(e for _, e in rel.source)
            else:
                assert first.mention is None
            if len(parts) > 1:
                seen["split"] += 1
                for part in parts:
                    q = quotes_by_start[part[0][0]]
                    assert q.end == max(e for _, e in part)
                    assert sum(len(r.text[s:e].split()) for s, e in part) >= MIN_SPLIT_WORDS
                    assert (q.cue, q.mention) == (first.cue, first.mention)
            else:
                assert first.end == max(e for _, e in rel.content)
                seen["joined"] += len(rel.content) > 1
            if rel.has_content2:
                seen["content2"] += 1
                assert all(first.start <= s and e <= first.end for s, e in rel.content) or len(parts) > 1
    # dev has discontinuous contents of both sorts, and Content2 parts
    assert seen["split"] > 100 and seen["joined"] > 100 and seen["content2"] == 3


@needs_polnear
@pytest.mark.polnear
def test_dev_output_validates_and_texts_are_exact(dev):
    results, _, _ = dev
    records = [r.to_dict(include_text=True) for r in results]
    problems = validate_records(records, kind="gold")
    assert [p for p in problems if p.severity == ERROR] == []
    for r in results:
        assert r.text == read_text(POLNEAR / "dev/text" / f"{r.id}.txt")
        for q in r.quotes:
            assert q.text == r.text[q.start : q.end]
            assert set(q.to_dict()) == {
                "start", "end", "text", "kind", "cue", "mention", "speaker", "speaker_type", "role"
            }


@needs_polnear
@pytest.mark.polnear
def test_cli_converts_and_validates(tmp_path, capsys):
    out = tmp_path / "at.jsonl"
    rc = main(["convert", "polnear", str(POLNEAR), "--split", "annotator-training", "--all-annotators", "-o", str(out)])
    assert rc == 0
    err = capsys.readouterr().err
    assert "4 documents (24 .ann files)" in err
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 24 and all("#" in d["id"] and d["source"] == "polnear" for d in lines)
    assert list(lines[0]) == ["id", "text", "source", "annotator", "relations", "quotes"]
    assert main(["validate", str(out)]) == 0
    assert main(["convert", "polnear", str(POLNEAR), "--split", "dev", "--annotator", "nobody", "-o", str(out)]) == 2


@needs_polnear
@pytest.mark.polnear
def test_annotator_option_picks_that_annotators_file():
    docs = read_index(POLNEAR, "annotator-training")
    results = list(iter_polnear(POLNEAR, "annotator-training", "ef2d"))
    assert len(results) == len(docs) == 4
    assert {r.meta["annotator"] for r in results} == {"ef2d"}
    canonical = list(iter_polnear(POLNEAR, "annotator-training"))
    assert {r.meta["annotator"] for r in canonical} == {min(a.rsplit("_", 1)[1][:-4] for a in docs[0].anns)}
