"""The hand-made gold of the seed articles (data/annotations/) is well formed and says what
docs/annotation.md says it does.

These files are the yardstick of the project's seed figures, so a broken offset, a quote
found in a reader comment or a split multi-paragraph quote would silently skew every score.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from quotes.io.results import read_results
from quotes.records import KINDS, SPEAKER_TYPES, Result

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "annotations"
SCHEMA = ROOT / "quotes" / "schema" / "gold.schema.json"

STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))
QUOTE_KEYS = {"start", "end", "text", "kind", "cue", "mention", "speaker", "speaker_type", "role"}
OPENING = "“‘\"'«„"
CLOSING = "”’\"'»“"  # “ included: a closing mark typed as an opening one still closes (003)
ALL_MARKS = set(OPENING) | set(CLOSING)


@lru_cache(maxsize=None)
def seed(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def raw(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def gold(stem: str) -> Result:
    (result,) = read_results(GOLD / f"{stem}.json")
    return result


def quotes_of(stem: str) -> list[dict]:
    return raw(stem)["quotes"]


def containing(stem: str, needle: str) -> list[dict]:
    """The gold quotes whose content holds ``needle``."""
    return [q for q in quotes_of(stem) if needle in q["text"]]


def the_quote(stem: str, needle: str) -> dict:
    found = containing(stem, needle)
    assert len(found) == 1, f"{len(found)} gold quotes of {stem} contain {needle!r}"
    return found[0]


# --------------------------------------------------------------------------- shape


def test_every_seed_has_a_gold_file_and_nothing_else_is_there():
    assert len(STEMS) == 5
    assert sorted(p.stem for p in GOLD.glob("*.json")) == STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_gold_file_loads_and_validates_against_the_schema(stem):
    result = gold(stem)
    assert result.id == stem and result.ok
    assert len(result.quotes) == len(quotes_of(stem)) > 0
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = [e.message for e in validator.iter_errors(raw(stem))]
    assert errors == []
    for q in quotes_of(stem):
        assert QUOTE_KEYS <= set(q) <= QUOTE_KEYS | {"note"}, q["text"][:40]
        assert "confidence" not in q
        assert q["kind"] in KINDS and q["speaker_type"] in SPEAKER_TYPES


@pytest.mark.parametrize("stem", STEMS)
def test_every_span_carries_the_seed_text_at_its_offsets(stem):
    text = seed(stem)
    for q in quotes_of(stem):
        for span in (q, q["cue"], q["mention"]):
            if span is None:
                continue
            assert 0 <= span["start"] < span["end"] <= len(text)
            assert text[span["start"] : span["end"]] == span["text"]
            assert span["text"] == span["text"].strip(), f"edge whitespace in {span['text']!r}"


@pytest.mark.parametrize("stem", STEMS)
def test_contents_are_in_text_order_and_do_not_overlap(stem):
    spans = [(q["start"], q["end"]) for q in quotes_of(stem)]
    assert spans == sorted(spans)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start


@pytest.mark.parametrize("stem", STEMS)
def test_speakers_are_named_verbatim_and_described_consistently(stem):
    """A speaker is the fullest proper name *in the document*, so it must occur there; one
    speaker has one type and one role throughout a document (the most specific one)."""
    text = seed(stem)
    seen: dict[str, tuple[str, object]] = {}
    for q in quotes_of(stem):
        name = q["speaker"]
        if name is None:
            continue
        assert name in text, f"{name!r} does not occur in {stem}"
        described = (q["speaker_type"], q["role"])
        assert seen.setdefault(name, described) == described, name


@pytest.mark.parametrize("stem", STEMS)
def test_kind_agrees_with_the_quotation_marks(stem):
    """direct: the content sits between marks; indirect: no mark in it; mixed: some marks in it."""
    text = seed(stem)
    for q in quotes_of(stem):
        marks_inside = ALL_MARKS & set(q["text"])
        if q["kind"] == "direct":
            before = text[: q["start"]].rstrip()[-1:]
            after = text[q["end"] :].lstrip()[:1]
            assert before in OPENING + "”" and after in CLOSING, q["text"][:50]
        elif q["kind"] == "indirect":
            assert not {"“", "”"} & marks_inside, q["text"][:50]
        else:
            assert {"“", "”"} & marks_inside, q["text"][:50]


@pytest.mark.parametrize("stem", STEMS)
def test_a_quote_without_a_mention_has_no_cue_and_explains_itself(stem):
    for q in quotes_of(stem):
        if q["mention"] is None:
            assert q["cue"] is None and q["speaker"] and q.get("note"), q["text"][:50]


# --------------------------------------------------------------------------- hard cases


def test_headline_is_an_indirect_quote_resolved_to_the_named_ambassador():
    stem = "000_7247b9e7ac936e0a"
    q = quotes_of(stem)[0]
    assert q["start"] == 0 and q["text"] == "China Will Work With Russia on Policy Towards US"
    assert q["kind"] == "indirect"
    assert q["cue"]["text"] == "Says" and q["mention"]["text"] == "Ambassador to Moscow"
    assert q["speaker"] == "Zhang Hanhui" and q["speaker_type"] == "person"


@pytest.mark.parametrize(
    "stem, comments_start",
    [("000_7247b9e7ac936e0a", "  1. Mychal says"), ("001_1be7ee7d359c8642", "Interesting Article.")],
)
def test_no_quote_in_the_reader_comments(stem, comments_start):
    text = seed(stem)
    boundary = text.index(comments_start)
    assert text.count(comments_start) == 1
    assert all(q["end"] <= boundary for q in quotes_of(stem))


def test_multi_paragraph_quote_is_one_span():
    stem = "001_1be7ee7d359c8642"
    q = the_quote(stem, "During a virtual meeting")
    assert "\n" in q["text"] and q["text"].rstrip(",").endswith("cooperation in all areas")
    assert "We are ready to join forces with the Russian side" in q["text"]
    assert q["kind"] == "direct" and q["speaker"] == "Wang Yi"
    assert q["mention"]["text"] == "the Chinese diplomat"


def test_quote_interrupted_by_its_cue_is_two_quotes_with_one_speaker():
    stem = "002_962dfee02244f49b"
    first = the_quote(stem, "The US, along with its Western allies")
    second = the_quote(stem, "In response to such overt hegemony")
    assert first is not second
    assert first["cue"] == second["cue"] and first["cue"]["text"] == "said"
    assert first["speaker"] == second["speaker"] == "Zhang Hanhui"
    assert first["role"] == "Beijing’s ambassador to Moscow"


def test_floating_quote_continues_the_previous_speaker():
    stem = "000_7247b9e7ac936e0a"
    q = the_quote(stem, "We are ready to maintain communication")
    assert q["kind"] == "direct" and q["mention"] is None and q["cue"] is None
    assert q["speaker"] == "Zhang Hanhui"


def test_misdirected_and_run_together_marks_in_003():
    stem = "003_68551ef04a8369f5"
    text = seed(stem)
    warned = the_quote(stem, "the objective trend towards the rise")
    assert warned["text"].endswith("each one.") and text[warned["end"] :].startswith(" “")
    # ',“said the ministry.” Another': two quotes of the ministry, the cue between them
    regret = the_quote(stem, "We regret to note")
    another = the_quote(stem, "Another opportunity has been lost")
    assert regret is not another
    assert "said the ministry" in text[regret["end"] : another["start"]]
    for q in (regret, another):
        assert q["kind"] == "direct" and q["speaker"] == "Russian Ministry of Foreign Affairs"
        assert q["speaker_type"] == "organization" and q["mention"]["text"] == "the ministry"
    deeper = the_quote(stem, "at deeper levels")
    assert deeper["kind"] == "mixed" and deeper["speaker"] == "Hua Chunying"
    assert deeper["text"].endswith("deeper levels.")


def test_scare_quotes_and_quoted_headline_words_are_not_quotes():
    assert containing("003_68551ef04a8369f5", "promote cooperation") == []
    assert containing("003_68551ef04a8369f5", "Group of Friends") == []
    assert containing("002_962dfee02244f49b", "TV-Novosti") == []


def test_boilerplate_and_captions_hold_no_quote():
    text = seed("002_962dfee02244f49b")
    navigation = text.index("Top stories")
    assert all(q["end"] <= navigation for q in quotes_of("002_962dfee02244f49b"))
    caption = seed("003_68551ef04a8369f5").index("Russian Foreign Minister Sergey Lavrov clashes")
    credit_end = seed("003_68551ef04a8369f5").index("Hua said the agenda")
    assert not any(caption <= q["start"] < credit_end for q in quotes_of("003_68551ef04a8369f5"))
    cookies = seed("004_bbd98aaf2d756552").index("Leave a Reply")
    assert all(q["end"] <= cookies for q in quotes_of("004_bbd98aaf2d756552"))


def test_content_free_reports_are_not_quotes():
    """'X defended Y', 'X praised Y', 'issued a statement addressing …' report no content."""
    for stem, words in [
        ("004_bbd98aaf2d756552", "his country’s stance"),
        ("001_1be7ee7d359c8642", "praised Wang’s stance"),
        ("003_68551ef04a8369f5", "addressing specific areas"),
        ("002_962dfee02244f49b", "the two countries should work together"),  # 'believes': a belief
    ]:
        assert containing(stem, words) == [], words


def test_organizations_and_roles():
    mfa = the_quote("003_68551ef04a8369f5", "Ministers were informed")
    assert mfa["speaker"] == "Russian Ministry of Foreign Affairs" and mfa["role"] is None
    peskov = the_quote("003_68551ef04a8369f5", "From what I understand")
    assert (peskov["speaker"], peskov["role"]) == ("Dmitry Peskov", "Kremlin spokesman")
    assert peskov["mention"]["text"] == "Kremlin spokesman Dmitry Peskov"
    lavrov = the_quote("001_1be7ee7d359c8642", "balanced position on the Ukraine issue")
    assert (lavrov["speaker"], lavrov["role"]) == ("Sergey Lavrov", "Russian Foreign Minister")
    psaki = the_quote("000_7247b9e7ac936e0a", "is to hold joint talks")
    assert (psaki["speaker"], psaki["role"]) == ("Jen Psaki", "White House press secretary")


def test_nested_report_is_given_to_the_innermost_speaker():
    """'A statement from the Chinese Foreign Ministry said that Wang accused …': Wang's words."""
    q = the_quote("004_bbd98aaf2d756552", "unilateral bullying")
    assert q["speaker"] == "Wang Yi" and q["cue"]["text"] == "accused" and q["kind"] == "mixed"
