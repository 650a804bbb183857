"""brat standoff both ways: ``quotes export brat`` and ``quotes convert brat``.

Round trips on the seeds' gold and on extraction output of the seeds, the PolNeAR reader
reading an export, PolNeAR's own files read the same as ``quotes convert polnear``, the
notes syntax, safe file names, and bad ``.ann`` input named by file and line.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest

from quotes.cli.app import main
from quotes.convert.brat import read_ann
from quotes.convert.brat_export import MAX_STEM, document_ann, file_stem
from quotes.convert.brat_import import ann_quotes, iter_brat
from quotes.convert.brat_notes import NoteError, is_quotes_note, parse_fields
from quotes.convert.gold_files import GoldRecord
from quotes.convert.polnear import convert_ann
from quotes.records import Quote, Result, Span

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "annotations"
POLNEAR = Path(os.environ.get("POLNEAR_ROOT", Path(__file__).resolve().parents[3] / "shared/datasets/polnear"))


def by_id(lines: list[dict]) -> dict[str, dict]:
    return {d["id"]: d for d in lines}


def quote_set(quotes: list[dict]) -> list[str]:
    """Quotes as comparable strings: every field, order-independent."""
    return sorted(json.dumps(q, sort_keys=True, ensure_ascii=False) for q in quotes)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_seeds() -> dict[str, dict]:
    return by_id([json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))])


def at(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def quote(text: str, content: str, cue: str | None, mention: str | None, **kw) -> Quote:
    span = at(text, content)
    return Quote(
        span.start,
        span.end,
        span.text,
        cue=at(text, cue) if cue else None,
        mention=at(text, mention) if mention else None,
        **kw,
    )


# --------------------------------------------------------------------------- round trips


def test_seed_gold_round_trip_keeps_every_field_and_validates(tmp_path, capsys):
    out, back = tmp_path / "brat", tmp_path / "back.jsonl"
    assert main(["export", "brat", str(GOLD), "--texts", str(SEEDS), "-o", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.glob("*.txt")) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for txt in out.glob("*.txt"):
        assert txt.read_bytes() == (SEEDS / txt.name).read_bytes()
    assert main(["convert", "brat", str(out), "-o", str(back), "-q"]) == 0
    got, want = by_id(read_jsonl(back)), gold_seeds()
    assert set(got) == set(want)
    for doc_id, record in want.items():
        # spans, kinds, cue, mention, speaker, type, role, and the gold's own note
        assert quote_set(got[doc_id]["quotes"]) == quote_set(record["quotes"]), doc_id
        assert got[doc_id]["text"] == (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(back), "--texts", str(SEEDS), "-q"]) == 0
    assert "valid (gold): 5 records, 81 quotes, 0 errors" in capsys.readouterr().out


def test_extraction_output_round_trip_keeps_confidence_and_validates(tmp_path, extractor, capsys):
    from quotes.io.documents import read_documents

    results = [extractor.extract(doc) for doc in read_documents(SEEDS)]
    predicted = tmp_path / "pred.jsonl"
    predicted.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in results), encoding="utf-8")
    out, back = tmp_path / "brat", tmp_path / "back.jsonl"
    assert main(["export", "brat", str(predicted), "--texts", str(SEEDS), "-o", str(out), "-q"]) == 0
    assert main(["convert", "brat", str(out), "-o", str(back), "-q", "--no-text"]) == 0
    got = by_id(read_jsonl(back))
    assert sum(len(r.quotes) for r in results) > 50
    for r in results:
        assert quote_set(got[r.id]["quotes"]) == quote_set(r.to_dict()["quotes"]), r.id
        assert "text" not in got[r.id]
    capsys.readouterr()
    assert main(["validate", str(back), "--texts", str(SEEDS), "-q"]) == 0
    assert "valid (output)" in capsys.readouterr().out


def test_polnear_reader_reads_the_export_spans(tmp_path):
    """The project's PolNeAR reader, unaware of the notes, finds the same spans."""
    out = tmp_path / "brat"
    assert main(["export", "brat", str(GOLD), "--texts", str(SEEDS), "-o", str(out), "-q"]) == 0
    for doc_id, record in gold_seeds().items():
        text = (out / f"{doc_id}.txt").read_text(encoding="utf-8")
        result = convert_ann(doc_id, text, read_ann(out / f"{doc_id}.ann"))

        def spans(q: dict) -> tuple:
            return (q["start"], q["end"], q["cue"] and q["cue"]["start"], q["mention"] and q["mention"]["start"])

        assert sorted(spans(q.to_dict()) for q in result.quotes) == sorted(spans(q) for q in record["quotes"])
        assert all(q.speaker is None for q in result.quotes)


# --------------------------------------------------------------------------- the scheme

MINISTER = (
    "Moscow rejects sanctions\n\n"
    "“We will not accept any interference in our internal affairs,” the minister said. "
    "“Our sovereignty is not negotiable and never will be.”\n\n"
    "“No,” he told reporters, “we will not change course.”\n\n"
    "The ministry said the talks would resume\nnext week in Geneva."
)


def minister_record() -> GoldRecord:
    t = MINISTER
    shared = dict(speaker="Sergey Lavrov", speaker_type="person", role="foreign minister")
    quotes = [
        quote(t, "We will not accept any interference in our internal affairs,", "said", "the minister", kind="direct", **shared),
        quote(t, "Our sovereignty is not negotiable and never will be.", "said", "the minister", kind="direct", **shared),
        quote(t, "No,", "told", "he", kind="direct", **shared),
        quote(t, "we will not change course.", "told", "he", kind="direct", **shared),
        quote(t, "the talks would resume\nnext week in Geneva", "said", "The ministry", kind="indirect",
              speaker="Russian Foreign Ministry", speaker_type="organization"),
    ]
    quotes[4] = dataclasses.replace(quotes[4], cue=at(t, "said", 1))
    return GoldRecord(Result("m1", quotes, text=t), [{}, {}, {"note": "short lead-in"}, {"note": "short lead-in"}, {}])


def test_interrupted_quote_is_one_relation_with_content2_and_short_parts_share_their_cue():
    record = minister_record()
    ann, relations = document_ann(record, MINISTER)
    events = [line for line in ann.splitlines() if line.startswith("E")]
    assert len(events) == 4
    assert re.match(r"E1\tAttribution:T\d+ Content:T\d+ Content2:T\d+ Cue:T\d+ Source:T\d+$", events[0])
    # "No," has one word: the PolNeAR reader would merge the parts, so they are two relations
    # that share one Cue and one Source annotation
    assert "Content2" not in events[1] and "Content2" not in events[2]
    cue_of = [re.search(r"Cue:(T\d+)", e).group(1) for e in events]
    assert cue_of[1] == cue_of[2]
    assert sum(1 for line in ann.splitlines() if re.match(r"T\d+\tCue ", line)) == 3
    # a span over a line break is written in fragments, as brat does
    assert re.search(r"\tContent \d+ \d+;\d+ \d+\tthe talks would resume next week in Geneva\n", ann)
    notes = [line for line in ann.splitlines() if line.startswith("#")]
    assert notes[0].split("\t", 2)[1] == "AnnotatorNotes E1"
    assert notes[0].split("\t", 2)[2] == (
        'kind=direct speaker="Sergey Lavrov" speaker_type=person role="foreign minister"'
    )
    back = ann_quotes(MINISTER, ann)
    assert [q.to_dict() | extras for q, extras in back] == [
        q.to_dict() | record.extras_of(i) for i, q in enumerate(record.result.quotes)
    ]


def test_relation_without_mention_is_attribution_no_source_and_without_cue_has_a_trigger():
    t = "“It is over,” one voice in the crowd shouted. “Go home.”"
    quotes = [
        quote(t, "It is over,", "shouted", None, kind="direct"),
        quote(t, "Go home.", None, None, kind="direct"),
    ]
    ann, _ = document_ann(GoldRecord(Result("c", quotes)), t)
    lines = ann.splitlines()
    assert re.match(r"E1\tAttribution-no-source:T\d+ Content:T\d+ Cue:T\d+$", lines[3])
    assert lines[2].startswith("T3\tAttribution-no-source ") and lines[2].endswith("\tshouted")
    # no cue: the trigger copies the content, and the relation has neither Cue nor Source
    assert re.match(r"E2\tAttribution-no-source:T\d+ Content:T\d+$", [x for x in lines if x.startswith("E2")][0])
    assert [q.to_dict() for q, _ in ann_quotes(t, ann)] == [q.to_dict() for q in quotes]


# --------------------------------------------------------------------------- notes syntax


def test_notes_syntax_reads_json_strings_bare_words_and_per_part_values():
    fields = parse_fields(
        'kind=direct,mixed speaker="Maria \\"Masha\\" Zakharova" speaker_type=person '
        'role="spokeswoman = voice\\nof the ministry" confidence=0.9,0.75 speech=true note=null'
    )
    assert fields.kinds == ("direct", "mixed") and fields.confidences == (0.9, 0.75)
    assert fields.speaker == 'Maria "Masha" Zakharova' and fields.role == "spokeswoman = voice\nof the ministry"
    assert fields.speech is True and fields.note is None
    assert not is_quotes_note("Should line 38 be part of the annotation in 36 or 37?")
    assert is_quotes_note("kind=direct")


@pytest.mark.parametrize(
    "note, message",
    [
        ("kind=quoted", "kind='quoted': choose one of direct, indirect, mixed"),
        ("speaker_type=alien", "speaker_type='alien'"),
        ("kind=direct colour=red", "unknown field 'colour'"),
        ("kind=direct kind=mixed", "field 'kind' given twice"),
        ('speaker="unterminated', "column 1"),
        ("confidence=1.5", "not in [0, 1]"),
        ("speech=maybe", "write true or false"),
    ],
)
def test_notes_syntax_errors_say_what_is_wrong(note, message):
    with pytest.raises(NoteError, match=re.escape(message)):
        parse_fields(note)


# --------------------------------------------------------------------------- file names

ODD_IDS = [
    "../../etc/passwd",
    "a/b\\c",
    "CON",
    "nul.txt",
    ".hidden",
    "ends.",
    "",
    "Reuters-1",
    "reuters-1",
    "新闻 2024/06:01?",
    "100%~tilde",
    "x" * 400,
    "tab\tand\nnewline",
]


def test_file_names_from_arbitrary_ids_are_safe_and_read_back(tmp_path):
    src = tmp_path / "odd.jsonl"
    text = "“We are ready,” Zhang said."
    records = [{"id": i, "text": text, "quotes": []} for i in ODD_IDS]
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "brat"
    assert main(["export", "brat", str(src), "-o", str(out), "-q"]) == 0
    names = [p.name for p in out.iterdir()]
    assert all(p.is_file() for p in out.iterdir()), "nothing but files: no id became a path"
    assert all(re.fullmatch(r"[A-Za-z0-9._%~-]+", n) and not n.startswith(".") for n in names)
    assert all(len(n) <= MAX_STEM + 4 for n in names)
    stems = [n[:-4] for n in names if n.endswith(".ann")]
    assert len({s.casefold() for s in stems}) == len(ODD_IDS)
    assert file_stem("CON") == "%43ON" and file_stem("a/b") == "a%2Fb" and file_stem(".x.") == "%2Ex%2E"
    assert set(json.loads((out / "ids.json").read_text(encoding="utf-8")).values()) == {"", "x" * 400, "reuters-1"}
    assert sorted(r.result.id for r in iter_brat(out)) == sorted(ODD_IDS)


# --------------------------------------------------------------------------- errors


def export_minister(tmp_path: Path) -> Path:
    src = tmp_path / "m.jsonl"
    record = minister_record()
    other = {"id": "m2", "text": MINISTER, "quotes": [record.to_dict()["quotes"][0]]}
    src.write_text(json.dumps(record.to_dict()) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    out = tmp_path / "brat"
    assert main(["export", "brat", str(src), "-o", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda ann: ann.replace("\tthe minister\n", "\tthe ministre\n"), r"m1\.ann:1: T1: copied text 'the ministre'"),
        (lambda ann: re.sub(r"Cue:T\d+", "Cue:T99", ann, count=1), r"m1\.ann:\d+: E1 refers to T99"),
        (lambda ann: ann.replace("speaker_type=person", "speaker_type=alien", 1), r"m1\.ann:7: speaker_type='alien'"),
        (lambda ann: ann.replace("kind=direct", "kind=direct,direct,direct", 1), r"m1\.ann:7: E1: kind gives 3 values"),
        (lambda ann: ann.replace("Cue ", "Cue x", 1), r"m1\.ann:2 T2: bad span"),
        (lambda ann: "stray words\n" + ann, r"m1\.ann:1: not a brat annotation line"),
        (lambda ann: ann + "#9\tAnnotatorNotes E42\tkind=direct\n", r"m1\.ann:\d+: quotes note on E42"),
    ],
)
def test_bad_ann_is_named_by_file_and_line_and_the_rest_is_read(tmp_path, capsys, edit, message):
    out = export_minister(tmp_path)
    ann = out / "m1.ann"
    ann.write_text(edit(ann.read_text(encoding="utf-8")), encoding="utf-8")
    back = tmp_path / "back.jsonl"
    capsys.readouterr()
    assert main(["convert", "brat", str(out), "-o", str(back), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("quotes convert brat: error: ")
    assert re.search(message, err[0]), err[0]
    assert [r["id"] for r in read_jsonl(back)] == ["m2"]


def test_ann_without_text_and_empty_folder(tmp_path, capsys):
    out = export_minister(tmp_path)
    (out / "m2.txt").unlink()
    assert main(["convert", "brat", str(out), "-o", str(tmp_path / "b.jsonl"), "-q"]) == 1
    assert "m2.ann: no .txt of the same name" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["convert", "brat", str(tmp_path / "empty"), "-o", "-"]) == 2
    assert capsys.readouterr().err.strip().endswith("holds no .ann files")


def test_export_names_a_document_whose_spans_disagree_and_writes_the_others(tmp_path, capsys):
    src = tmp_path / "m.jsonl"
    good = minister_record().to_dict()
    bad = json.loads(json.dumps(good)) | {"id": "bad"}
    bad["quotes"][1]["cue"]["start"] += 1
    src.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    out = tmp_path / "brat"
    assert main(["export", "brat", str(src), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    cue = good["quotes"][1]["cue"]
    assert err == [
        f"quotes export brat: error: {src} record 1: document 'bad': quote 1: cue text 'said' differs "
        f"from the text at [{cue['start'] + 1}, {cue['end']}): 'aid'"
    ]
    assert sorted(p.name for p in out.glob("*.ann")) == ["m1.ann"]
    # a folder that already holds pairs is not written over without --force
    assert main(["export", "brat", str(src), "-o", str(out), "-q"]) == 2
    assert "already holds .txt/.ann files" in capsys.readouterr().err


def test_export_without_texts_is_one_line_naming_the_document(tmp_path, capsys):
    assert main(["export", "brat", str(GOLD), "-o", str(tmp_path / "o"), "-q"]) == 2
    assert not (tmp_path / "o").exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"quotes export: error: {GOLD / '000_7247b9e7ac936e0a.json'} record 1: document '000_7247b9e7ac936e0a' "
        "has no text; give the texts with --texts"
    ]


# --------------------------------------------------------------------------- PolNeAR's own files

needs_polnear = pytest.mark.skipif(not (POLNEAR / "index.tsv").is_file(), reason=f"PolNeAR not at {POLNEAR}")


@needs_polnear
@pytest.mark.polnear
def test_polnear_dev_reads_as_the_polnear_converter_does(tmp_path):
    brat_out, polnear_out = tmp_path / "brat.jsonl", tmp_path / "polnear.jsonl"
    assert main(["convert", "brat", str(POLNEAR / "dev"), "-o", str(brat_out), "-q"]) == 0
    assert main(["convert", "polnear", str(POLNEAR), "--split", "dev", "-o", str(polnear_out), "-q"]) == 0
    got, want = by_id(read_jsonl(brat_out)), by_id(read_jsonl(polnear_out))
    assert set(got) == set(want) and len(want) == 84
    for doc_id, record in want.items():
        assert got[doc_id]["quotes"] == record["quotes"], doc_id
        assert got[doc_id]["annotator"] == record["annotator"]
