"""Quotation-mark pairing on real news sentences, messy marks included."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.text import marks
from quotes.text.marks import (
    DOUBLE_MARKS,
    QUOTE_MARKS,
    QuotedSpan,
    find_nested,
    find_quoted_spans,
    quote_mark_positions,
)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
POLNEAR = REPO.parent / "shared" / "datasets" / "polnear"


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


def nested_contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_nested(text)]


# --- the common cases -------------------------------------------------------


def test_curly_quotes_split_by_their_cue():
    text = (
        "“The US, along with its Western allies, is putting pressure on China and Russia on all fronts,” "
        "he said. “In response to such overt hegemony and power politics, we must continue to deepen "
        "back-to-back strategic cooperation.”"
    )
    assert contents(text) == [
        "The US, along with its Western allies, is putting pressure on China and Russia on all fronts,",
        "In response to such overt hegemony and power politics, we must continue to deepen "
        "back-to-back strategic cooperation.",
    ]
    first = find_quoted_spans(text)[0]
    assert first.open == 0 and text[first.close] == "”" and first.paragraphs == 1


def test_straight_quotes_decided_by_surrounding_space():
    text = '"There\'s no question I\'m getting special scrutiny," the Republican candidate told CBS. ' \
        'He called the reports "a bunch of lies" and "garbage."'
    assert contents(text) == [
        "There's no question I'm getting special scrutiny,",
        "a bunch of lies",
        "garbage.",
    ]


def test_mixed_quote_marks_inside_reported_speech():
    text = "Wang said China will “deepen strategic mutual trust and mutually beneficial cooperation” with Russia."
    assert contents(text) == ["deepen strategic mutual trust and mutually beneficial cooperation"]


def test_french_guillemets_with_inner_spaces():
    text = "« Nous sommes prêts à travailler avec la Russie », a déclaré l’ambassadeur à Moscou."
    assert contents(text) == ["Nous sommes prêts à travailler avec la Russie"]


def test_german_reversed_guillemets_and_low_high_marks():
    assert contents("»Wir sind bereit«, sagte der Botschafter in Moskau.") == ["Wir sind bereit"]
    assert contents("„Wir sind bereit“, sagte der Botschafter. „Das ist wichtig.“") == [
        "Wir sind bereit",
        "Das ist wichtig.",
    ]


def test_doubled_apostrophes_typed_as_double_marks():
    text = "Not paying taxes ''makes me smart,'' Donald J. Trump said last week."
    (span,) = find_quoted_spans(text)
    assert text[span.start : span.end] == "makes me smart,"
    assert text[span.open : span.open + 2] == "''" and text[span.close : span.close + 2] == "''"


def test_three_apostrophes_close_a_nested_quote_then_the_outer_one():
    text = "''I would use the word 'old-school,''' the senator said."
    assert contents(text) == ["I would use the word 'old-school,'"]
    assert nested_contents(text) == ["old-school,"]


# --- single quotes and apostrophes ----------------------------------------


def test_apostrophes_are_never_quotation_marks():
    text = (
        "Russia’s ambassador said he doesn’t expect a return to the ’90s, "
        "and the band’s rock ’n’ roll tour ’til June was cancelled, O’Brien said."
    )
    assert find_quoted_spans(text) == []
    assert all(ch not in "’'" for _, ch, _ in quote_mark_positions(text))
    straight = "Russia's ambassador said he doesn't expect a return to the '90s or rock 'n' roll."
    assert find_quoted_spans(straight) == []


def test_single_curly_quotes_as_primary_marks():
    text = "After US negotiations get tense, China turns to Russia to ‘promote cooperation’"
    assert contents(text) == ["promote cooperation"]
    text = "‘We are ready to talk,’ the players’ union leader said on Monday."
    assert contents(text) == ["We are ready to talk,"]


def test_possessive_apostrophe_after_s_does_not_open_or_close_a_quote():
    text = "The players’ union rejected the offer, and the owners’ lawyers said talks would resume."
    assert find_quoted_spans(text) == []
    text = "The “Group of Friends”’s plan was called ‘a farce’ by critics."
    assert contents(text) == ["Group of Friends", "a farce"]


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = (
        "“Things that are not literally true are rated ‘correct’ because there was a kernel of truth. "
        "That’s not fact-checking, that’s opining,” the editor said."
    )
    (outer,) = find_quoted_spans(text)
    assert text[outer.start : outer.end].startswith("Things that are not")
    assert text[outer.start : outer.end].endswith("that’s opining,")
    (inner,) = find_nested(text)
    assert inner.nested and text[inner.start : inner.end] == "correct"
    assert outer.start < inner.open < inner.close < outer.end


def test_nested_quote_ending_with_the_outer_one():
    text = "“And she said, ‘Do you understand? Everything you do,’” Broaddrick said."
    assert contents(text) == ["And she said, ‘Do you understand? Everything you do,’"]
    assert nested_contents(text) == ["Do you understand? Everything you do,"]


def test_double_quote_typed_inside_a_double_quote_is_nested():
    text = "“He called it “fake news” yesterday, and nobody laughed,” she said."
    assert contents(text) == ["He called it “fake news” yesterday, and nobody laughed,"]
    assert nested_contents(text) == ["fake news"]


def test_british_single_quotes_around_a_double_quoted_title():
    text = "‘He called the report “a disgrace” on Sunday,’ the minister said."
    assert contents(text) == ["He called the report “a disgrace” on Sunday,"]
    assert nested_contents(text) == ["a disgrace"]


# --- messy marks ----------------------------------------------------------


def test_closing_mark_typed_as_opening_at_paragraph_end():
    text = (
        "Hua said the treaty would serve as an “opportunity to carry forward the spirit of the treaty "
        "in broader areas and at deeper levels. “\n\n"
        "“The two sides will come together,” she said."
    )
    assert contents(text) == [
        "opportunity to carry forward the spirit of the treaty in broader areas and at deeper levels.",
        "The two sides will come together,",
    ]
    assert find_quoted_spans(text)[0].close == text.index("levels. “") + len("levels. ")


def test_run_together_cue_with_wrong_way_marks():
    # scraped from an outlet that typed the closing marks the wrong way round
    text = (
        "“We regret to note that the American side did not support the proposal made by the President "
        "of Russia, as well as on the issue of strategic stability, “said the ministry.” Another "
        "opportunity has been lost to find a way out of the impasse in Russia-US relations. “"
    )
    assert contents(text) == [
        "We regret to note that the American side did not support the proposal made by the President "
        "of Russia, as well as on the issue of strategic stability,",
        "Another opportunity has been lost to find a way out of the impasse in Russia-US relations.",
    ]


def test_seed_with_wrong_way_marks_pairs_every_quote_in_the_passage():
    text = (SEEDS / "003_68551ef04a8369f5.txt").read_text(encoding="utf-8")
    got = contents(text)
    assert "said the ministry." not in got
    assert any(c.startswith("We regret to note") and c.endswith("strategic stability,") for c in got)
    assert any(c.startswith("Another opportunity has been lost") for c in got)
    assert any(c.startswith("just as we are doing together") and c.endswith("Eurasia. .") for c in got)
    # the headline's single-quoted phrase
    assert got[0] == "promote cooperation"


def test_multi_paragraph_quote_reopened_on_each_paragraph_is_one_span():
    text = (
        "The statement said:\n\n"
        "“We regret that the American side did not support the proposal.\n\n"
        "“Another opportunity has been lost to find a way out of the impasse.\n\n"
        "“The responsibility for this lies entirely with the United States,” the ministry said.\n\n"
        "Officials in Washington did not comment."
    )
    (span,) = find_quoted_spans(text)
    assert span.paragraphs == 3
    assert text[span.start : span.end].startswith("We regret")
    assert text[span.start : span.end].endswith("with the United States,")
    roles = [r for _, _, r in quote_mark_positions(text)]
    assert roles == ["open", "open", "open", "close"]


def test_quote_running_over_a_single_newline():
    text = (
        "“During a virtual meeting at the end of last year our leaders came up with a plan.\n"
        "We are ready to join forces with the Russian side in all areas,” the diplomat’s statement said.\n"
        "He additionally said China will “promote the development of the international order.”"
    )
    got = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in got] == [
        "During a virtual meeting at the end of last year our leaders came up with a plan.\n"
        "We are ready to join forces with the Russian side in all areas,",
        "promote the development of the international order.",
    ]
    assert got[0].paragraphs == 2


def test_quote_in_hard_wrapped_lines_runs_to_its_closing_mark():
    text = (
        'The ambassador told reporters that "the United States should correct the mistakes it has\n'
        "made over time and adopt a positive and constructive policy towards China, and that\n"
        "both countries share broad common interests and shoulder special responsibilities\n"
        'in maintaining world peace and stability and promoting global development," adding\n'
        "that talks would resume.\n"
    )
    for t in (text, text.replace("\n", "\r\n")):
        (span,) = find_quoted_spans(t)
        assert t[span.start : span.end].startswith("the United States should correct")
        assert t[span.start : span.end].endswith("promoting global development,")
        assert span.paragraphs == 4 and t[span.close] == '"'


def test_paragraphs_separated_by_single_newlines_pair_independently():
    text = (
        "“The People’s Republic of China is ready to join forces with Russia,” Wang said Tuesday.\n"
        "The Kremlin praised Wang’s stance, welcoming “China’s balanced position on the Ukraine issue.”\n"
        "“It’s necessary to unlock the potential of this mechanism,” Wang added."
    )
    assert contents(text) == [
        "The People’s Republic of China is ready to join forces with Russia,",
        "China’s balanced position on the Ukraine issue.",
        "It’s necessary to unlock the potential of this mechanism,",
    ]


def test_unclosed_quote_ends_at_its_paragraph():
    text = (
        "Lavrov warned that “the objective trend towards a multipolar world is being undermined by some "
        "Western countries.\n\n"
        "He said that China and Russia are offering “a constructive unification agenda”.\n\n"
        "“We want the architecture of international relations to be fair,” said Lavrov."
    )
    got = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in got] == [
        "the objective trend towards a multipolar world is being undermined by some Western countries.",
        "a constructive unification agenda",
        "We want the architecture of international relations to be fair,",
    ]
    assert got[0].close == -1 and got[1].close > 0


def test_one_stray_mark_does_not_flip_the_rest_of_the_document():
    tail = (
        "“We are ready to maintain communication with the Russian side,” Zhang wrote.\n\n"
        "The ambassador said relations were “strong enough already”."
    )
    stray = 'The embassy installed a 12" screen for the briefing on Tuesday.\n\n'
    got = contents(stray + tail)
    assert got == contents(tail) == [
        "We are ready to maintain communication with the Russian side,",
        "strong enough already",
    ]
    positions = quote_mark_positions(stray + tail)
    assert positions[0] == (stray.index('"'), '"', "ambiguous")


def test_missing_closing_mark_ends_before_the_next_quote_opens():
    text = (
        "Broaddrick said Clinton approached her “and said it was so nice to meet her. I was sort of "
        "shell-shocked. “And she said, do you understand,” Broaddrick said."
    )
    got = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in got] == [
        "and said it was so nice to meet her. I was sort of shell-shocked.",
        "And she said, do you understand,",
    ]
    assert got[0].close == -1


def test_reader_comment_marks_typed_as_closing_marks():
    text = (SEEDS / "000_7247b9e7ac936e0a.txt").read_text(encoding="utf-8")
    got = contents(text)
    assert "Olmecs" in got and "Indians" in got and "elite" in got
    assert got[3].startswith("Fifty years ago, the US and China opened the door")
    assert got[3].endswith("constructive policy towards China,")


def test_empty_quotes_are_dropped():
    text = 'He typed "" and “ ” twice.'
    assert find_quoted_spans(text) == []
    assert {role for _, _, role in quote_mark_positions(text)} == {"ambiguous"}


def test_quote_mark_positions_roles():
    text = "“We are ready,” Zhang said, adding that the ’90s were over."
    assert quote_mark_positions(text) == [(0, "“", "open"), (14, "”", "close")]


# --- properties -------------------------------------------------------------

_ALPHABET = QUOTE_MARKS + "`abcXY  \n\n,.:;!?—-()0123 \u00a0"


def _check_spans(text: str, spans: list[QuotedSpan], nested: bool) -> None:
    prev_end = -1
    for s in spans:
        assert s.nested is nested
        assert 0 <= s.open < s.start <= s.end <= len(text)
        assert s.start < s.end  # empty contents are dropped
        assert s.close == -1 or s.end <= s.close < len(text)
        assert text[s.open] in QUOTE_MARKS or text[s.open] == "`"
        assert s.close == -1 or text[s.close] in QUOTE_MARKS or text[s.close] == "`"
        assert s.paragraphs >= 1
        if not nested:
            assert s.open >= prev_end  # sorted and non-overlapping, marks included
            prev_end = (s.close + 1) if s.close >= 0 else s.end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_any_text_gives_valid_spans(text):
    top = marks._analyse(text).top
    _check_spans(text, top, nested=False)
    inner = find_nested(text)
    _check_spans(text, inner, nested=True)
    for s in inner:
        assert any(t.start <= s.open and s.end <= t.end for t in top) or any(
            t.start <= s.open and s.end <= t.end for t in inner if t is not s
        )
    for i, ch, role in quote_mark_positions(text):
        assert text[i : i + len(ch)] == ch and role in ("open", "close", "ambiguous")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_never_raises(text):
    # the decoder itself, below the public functions' last-resort guard, is total
    analysis = marks._analyse(text)
    _check_spans(text, analysis.top, nested=False)
    assert find_quoted_spans(text) == analysis.top


def test_a_large_document_pairs_like_its_repeated_page():
    """A 1 MB page made of one article repeated pairs each copy the same way: no mark
    leaks across copies (speed is measured by scripts/bench.py, not here)."""
    seed = (SEEDS / "003_68551ef04a8369f5.txt").read_text(encoding="utf-8")
    big = (seed + "\n\n") * (1_000_000 // len(seed))
    spans = find_quoted_spans(big)
    assert len(spans) == len(find_quoted_spans(seed)) * (1_000_000 // len(seed))


# --- PolNeAR (research-use corpus, read in place) ----------------------------


def _polnear_contents(ann: Path):
    """Content spans of a brat .ann file (continuation lines joined)."""
    lines: list[str] = []
    for raw in ann.read_text(encoding="utf-8").split("\n"):
        if re.match(r"(T|E|#)\d+\t", raw) or not lines:
            lines.append(raw)
        else:
            lines[-1] += "\n" + raw
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T") and parts[1].startswith("Content "):
            yield [tuple(map(int, f.split())) for f in parts[1].split(" ", 1)[1].split(";")]


@pytest.mark.polnear
def test_polnear_dev_direct_quotes_are_recovered_exactly():
    """Gold Content spans that are one quotation (two marks, at both ends) come back exactly."""
    if not (POLNEAR / "index.tsv").exists():
        pytest.skip("PolNeAR not available")
    rows = [r for r in csv.DictReader(open(POLNEAR / "index.tsv"), delimiter="\t") if r["compartment"] == "dev"]
    total = hits = 0
    for row in rows:
        text = (POLNEAR / row["text_path"]).read_text(encoding="utf-8")
        by_open = {s.open: s for s in find_quoted_spans(text)}
        for frags in _polnear_contents(POLNEAR / row["canonical_ann"]):
            if len(frags) != 1:
                continue
            s, e = frags[0]
            c = text[s:e]
            doubled = len(c) >= 5 and c.startswith("''") and c.endswith("''") and c.count("''") == 2
            plain = len(c) >= 3 and c[0] in DOUBLE_MARKS and c[-1] in DOUBLE_MARKS
            if not doubled and not (plain and sum(ch in DOUBLE_MARKS for ch in c) == 2):
                continue
            total += 1
            p = by_open.get(s)
            hits += p is not None and p.close == e - (2 if doubled else 1)
    print(f"PolNeAR dev two-mark direct contents recovered exactly: {hits}/{total}")
    assert total > 200
    assert hits / total >= 0.98
