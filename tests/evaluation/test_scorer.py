"""The scorer on small hand-made cases; every expected figure is worked out in a comment."""

from __future__ import annotations

import dataclasses
from typing import Optional

import pytest

from quotes.evaluation import load_speech_verbs, score_corpus, speech_filter
from quotes.evaluation.figures import PRF
from quotes.evaluation.matching import mention_match, normalize_speaker, role_f1, role_tokens, speaker_match
from quotes.evaluation.spans import normalize_span, pair_spans
from quotes.records import Quote, Result, Span

TEXT = (
    "“We are ready to talk,” Zhang Hanhui, China's ambassador to Moscow, told reporters on Monday. "
    "He said the two countries would “deepen strategic mutual trust” this year. "
    "Foreign Minister Sergey Lavrov said Russia welcomed the offer. "
    "“Nothing is decided yet,” a senior official said."
)


def at(text: str, sub: str, occurrence: int = 1, shift: int = 0) -> tuple[int, int]:
    """Offsets of the n-th occurrence of ``sub`` in ``text``, optionally shifted."""
    i = -1
    for _ in range(occurrence):
        i = text.index(sub, i + 1)
    return i + shift, i + len(sub) + shift


def span(text: str, sub: str, occurrence: int = 1) -> Span:
    return Span.of(text, *at(text, sub, occurrence))


def quote(
    text: str,
    content: str,
    kind: str,
    cue: Optional[tuple[str, int]],
    mention: Optional[str],
    speaker: Optional[str],
    role: Optional[str] = None,
    confidence: Optional[float] = None,
    shift: int = 0,
) -> Quote:
    start, end = at(text, content, shift=shift)
    return Quote(
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
        cue=span(text, *cue) if cue else None,
        mention=span(text, mention) if mention else None,
        speaker=speaker,
        speaker_type="person" if speaker else "unknown",
        role=role,
        confidence=confidence,
    )


AMBASSADOR = "China's ambassador to Moscow"


def gold_quotes() -> list[Quote]:
    return [
        quote(TEXT, "We are ready to talk,", "direct", ("told", 1), "Zhang Hanhui", "Zhang Hanhui", AMBASSADOR),
        quote(TEXT, "the two countries would “deepen strategic mutual trust” this year", "mixed",
              ("said", 1), "He", "Zhang Hanhui", AMBASSADOR),
        quote(TEXT, "Russia welcomed the offer", "indirect", ("said", 2), "Sergey Lavrov", "Sergey Lavrov",
              "Foreign Minister"),
        quote(TEXT, "Nothing is decided yet,", "direct", ("said", 3), "a senior official", None),
    ]


def all_defined_figures(metrics: dict) -> list[float]:
    """Every P/R/F1/accuracy value in a metrics dict that is defined (not None)."""
    out = []
    for section in ("detection", "span_sets"):
        for prf in metrics[section].values():
            out += [prf[k] for k in ("precision", "recall", "f1")]
    for per_kind in metrics["by_kind"].values():
        for prf in per_kind.values():
            out += [prf[k] for k in ("precision", "recall", "f1")]
    out += [metrics["e2e"][k] for k in ("precision", "recall", "f1")]
    out += [metrics["speaker"]["strict"]["value"], metrics["speaker"]["lenient"]["value"]]
    out += [metrics["mention"]["value"], metrics["role_f1"]["value"]]
    return [v for v in out if v is not None]


# --------------------------------------------------------------------------- whole corpus


def test_identical_gold_and_prediction_score_one_everywhere():
    gold = [Result("d1", gold_quotes(), text=TEXT)]
    pred = [Result("d1", [dataclasses.replace(q, confidence=0.9) for q in gold_quotes()])]
    score = score_corpus(gold, pred)
    metrics = score.to_dict()
    figures = all_defined_figures(metrics)
    # P/R/F1 of: detection exact and overlap (6), 3 span sets (9), 3 kinds x exact/overlap (18),
    # end to end (3); plus speaker strict, lenient, mention and role (4)
    assert len(figures) == 6 + 9 + 18 + 3 + 4
    assert figures == [1.0] * len(figures)
    assert score.e2e_mode == "speaker"
    assert score.warnings == []


def test_degraded_copy_gives_hand_computed_figures():
    gold = gold_quotes()
    pred = [
        dataclasses.replace(gold[0], confidence=0.95),  # P1: identical to G1
        dataclasses.replace(gold[1], speaker="Sergey Lavrov", confidence=0.8),  # P2: G2 with the wrong speaker
        # P3: G3 shifted 5 characters left: "said Russia welcomed the " -> overlap, not exact
        quote(TEXT, "Russia welcomed the offer", "indirect", ("said", 2), "Sergey Lavrov", "Sergey Lavrov",
              "Foreign Minister", confidence=0.6, shift=-5),
        # G4 is dropped
    ]
    assert pred[2].text == "said Russia welcomed the "
    score = score_corpus([Result("d1", gold, text=TEXT)], [Result("d1", pred)])

    # exact: P1 and P2 -> P = 2/3, R = 2/4, F1 = 2 * (2/3 * 1/2) / (2/3 + 1/2) = 4/7
    exact = score.detection(exact=True)
    assert (exact.precision, exact.recall, exact.f1) == pytest.approx((2 / 3, 1 / 2, 4 / 7))
    # overlap: 3 pairs -> P = 3/3, R = 3/4, F1 = 2 * 0.75 / 1.75 = 6/7
    over = score.detection(exact=False)
    assert (over.precision, over.recall, over.f1) == pytest.approx((1.0, 3 / 4, 6 / 7))
    # speaker: P1 and P3 right, P2 wrong ("Sergey Lavrov" vs "Zhang Hanhui", last tokens differ too)
    assert score.speaker().value == pytest.approx(2 / 3)
    assert score.speaker(lenient=True).value == pytest.approx(2 / 3)
    assert score.mention().value == 1.0  # every matched pair has the same mention
    assert (score.role().value, score.role().count) == (1.0, 3)  # G1-G3 have roles, copied
    # end to end: TP = P1, P3 -> P = 2/3, R = 2/4, F1 = 4/7
    e2e = score.e2e()
    assert (e2e.tp_pred, e2e.n_pred, e2e.n_gold) == (2, 3, 4)
    assert e2e.f1 == pytest.approx(4 / 7)
    # per kind, overlap: direct gold {G1, G4} found 1/2; direct pred {P1} right 1/1 -> F1 2/3
    by_kind = score.by_kind(exact=False)
    assert (by_kind["direct"].precision, by_kind["direct"].recall) == (1.0, 0.5)
    assert by_kind["direct"].f1 == pytest.approx(2 / 3)
    assert by_kind["indirect"].f1 == 1.0 and score.by_kind(exact=True)["indirect"].f1 == 0.0
    assert score.by_kind(exact=True)["mixed"].f1 == 1.0
    # cue and mention sets: gold 4 spans, predicted 3, all 3 in the gold -> P 1, R 3/4, F1 6/7
    sets = score.span_sets()
    for role in ("cue", "mention"):
        assert (sets[role].precision, sets[role].recall) == (1.0, 0.75)
        assert sets[role].f1 == pytest.approx(6 / 7)
    assert (sets["content"].tp_gold, sets["content"].n_pred, sets["content"].n_gold) == (2, 3, 4)
    # reliability: 0.6 -> [0.5, 0.7) right (P3); 0.8 -> [0.7, 0.85) wrong (P2); 0.95 -> top, right
    buckets, unscored = score.reliability()
    assert [(b.count, b.correct) for b in buckets] == [(0, 0), (1, 1), (1, 0), (1, 1)]
    assert unscored == 0
    doc = score.documents[0]
    assert doc.misses == [3] and doc.false_alarms == []


# --------------------------------------------------------------------------- pairing


def test_two_predictions_on_one_gold_pair_the_larger_overlap():
    # gold [10, 30); A = [5, 20) shares 10 characters, B = [15, 40) shares 15 -> B wins
    assert pair_spans([(10, 30)], [(5, 20), (15, 40)]) == [(0, 1, 15)]


def test_one_prediction_on_two_golds_pairs_the_larger_overlap():
    # pred [5, 25): 5 shared with G1 [0, 10), 13 with G2 [12, 30) -> G2; G1 stays a miss
    assert pair_spans([(0, 10), (12, 30)], [(5, 25)]) == [(1, 0, 13)]


def test_pairing_is_greedy_over_all_pairs_not_in_text_order():
    # P1 [10, 30) shares 10 with G1 [0, 20) and 10 with G2 [20, 40); P2 [25, 40) shares 15 with G2.
    # Largest first: (G2, P2, 15), then (G1, P1, 10): both gold quotes are found.
    assert pair_spans([(0, 20), (20, 40)], [(10, 30), (25, 40)]) == [(0, 0, 10), (1, 1, 15)]


def test_equal_overlap_prefers_the_span_of_closer_length():
    # both predictions share all 10 characters; the identical one (length difference 0) wins
    assert pair_spans([(0, 10)], [(0, 20), (0, 10)]) == [(0, 1, 10)]


def test_disjoint_and_touching_spans_never_pair():
    assert pair_spans([(0, 10)], [(10, 20), (30, 40)]) == []


# --------------------------------------------------------------------------- normalization


@pytest.mark.parametrize(
    "text, covered, expected",
    [
        ('He said: “We will win.” Then he left.', "“We will win.” ", "We will win"),
        ("He said: 'Yes, we can;' and left.", "'Yes, we can;'", "Yes, we can"),
        ("« Nous sommes prêts », a-t-il dit.", "« Nous sommes prêts »", "Nous sommes prêts"),
        ("Er sagte: „Wir sind bereit“.", "„Wir sind bereit“.", "Wir sind bereit"),
        ("She said ‚ok‘ and ‹fine› twice.", "‚ok‘ and ‹fine›", "ok‘ and ‹fine"),
        ("It was ``fine'', he said.", "``fine'',", "fine"),
        ("said:\n  \u201cIt works\u201d\n", ":\n  \u201cIt works\u201d\n", "It works"),
    ],
)
def test_normalization_strips_marks_punctuation_and_whitespace_at_both_ends(text, covered, expected):
    start = text.index(covered)
    s, e = normalize_span(start, start + len(covered), covered)
    assert text[s:e] == expected


def test_normalization_keeps_inner_punctuation_and_spans_of_only_punctuation():
    text = "Trump: the economy, he said, is “great”."
    s, e = at(text, "the economy, he said, is")
    assert normalize_span(s, e, text[s:e]) == (s, e)
    s, e = at(text, ":")  # a colon cue normalizes to nothing, so it is kept as it is
    assert normalize_span(s, e, ":") == (s, e)


def test_normalization_leaves_a_span_without_its_text_unchanged():
    assert normalize_span(5, 12, "") == (5, 12)


def test_exact_match_is_decided_on_normalized_spans():
    text = 'Lavrov said: "Talks will continue," and left.'
    gold = Quote(*at(text, "Talks will continue"), "Talks will continue", kind="direct")
    pred = Quote(*at(text, '"Talks will continue,"'), '"Talks will continue,"', kind="direct")
    score = score_corpus([Result("d", [gold], text=text)], [Result("d", [pred])])
    assert score.detection(exact=True).f1 == 1.0


# --------------------------------------------------------------------------- speakers, mentions, roles


def test_speaker_strict_casefolds_and_drops_honorifics_and_punctuation():
    assert normalize_speaker("  Mr.  Sergey   LAVROV ") == "sergey lavrov"
    assert speaker_match("Jill Biden", "Dr Jill Biden") == (True, True)
    assert speaker_match("Jane O'Neill", "Prof. Jane ONeill") == (True, True)
    assert speaker_match("U.S. State Department", "US State Department") == (True, True)
    assert speaker_match("Keir Starmer", "Sir Keir Starmer,") == (True, True)


def test_speaker_lenient_accepts_an_equal_last_token():
    assert speaker_match("Sergey Lavrov", "Lavrov") == (False, True)
    assert speaker_match("Sergey Lavrov", "Mrs. Lavrov") == (False, True)
    assert speaker_match("Sergey Lavrov", "Sergey Ivanov") == (False, False)


def test_null_speaker_rules():
    assert speaker_match(None, None) == (True, True)
    assert speaker_match(None, "") == (True, True)  # an empty name is no name
    assert speaker_match(None, "a senior official") == (False, False)
    assert speaker_match("Hua Chunying", None) == (False, False)


def test_mention_overlap_and_nulls():
    assert mention_match((10, 22), (16, 22))  # "Zhang Hanhui" vs "Hanhui"
    assert not mention_match((10, 22), (22, 30))
    assert mention_match(None, None)
    assert not mention_match((10, 22), None) and not mention_match(None, (10, 22))


def test_role_token_f1_on_content_words():
    assert role_tokens("China's ambassador to Moscow") == ["china", "ambassador", "moscow"]
    # gold {china, ambassador, moscow}, pred {ambassador, moscow}: P 1, R 2/3 -> F1 0.8
    assert role_f1(AMBASSADOR, "ambassador to Moscow") == pytest.approx(0.8)
    # {chinese, foreign, minister} vs {foreign, minister, china}: 2 common, P = R = 2/3
    assert role_f1("Chinese Foreign Minister", "foreign minister of China") == pytest.approx(2 / 3)
    assert role_f1("Kremlin spokesman", None) == 0.0
    assert role_f1("the U.S. envoy", "US envoy") == 1.0


def test_role_mean_counts_only_pairs_with_a_gold_role():
    gold = gold_quotes()  # G1-G3 have roles, G4 none
    pred = [
        dataclasses.replace(gold[0], role="ambassador to Moscow"),  # 0.8
        dataclasses.replace(gold[1], role=None),  # 0
        dataclasses.replace(gold[2]),  # 1
        dataclasses.replace(gold[3], role="senior official"),  # no gold role: not counted
    ]
    role = score_corpus([Result("d", gold, text=TEXT)], [Result("d", pred)]).role()
    assert role.count == 3
    assert role.value == pytest.approx((0.8 + 0 + 1) / 3)


# --------------------------------------------------------------------------- end to end, span sets


def without_names(quotes: list[Quote]) -> list[Quote]:
    return [dataclasses.replace(q, speaker=None, role=None, speaker_type="unknown") for q in quotes]


def test_e2e_uses_mentions_when_the_gold_has_no_names():
    gold = without_names(gold_quotes())  # PolNeAR-like: mention spans, no names
    pred = gold_quotes()[:3]  # names filled in, mentions equal to the gold
    pred[2] = dataclasses.replace(pred[2], mention=span(TEXT, "Foreign Minister"))  # misses "Sergey Lavrov"
    score = score_corpus([Result("d", gold, text=TEXT)], [Result("d", pred)])
    assert score.e2e_mode == "mention"
    # TP = P1, P2 (mentions overlap), P3 wrong -> P 2/3, R 2/4
    e2e = score.e2e()
    assert (e2e.precision, e2e.recall) == pytest.approx((2 / 3, 1 / 2))
    # the same data with --e2e speaker: gold speakers are all null and the predictions name them
    forced = score_corpus([Result("d", gold, text=TEXT)], [Result("d", pred)], e2e="speaker")
    assert forced.e2e_mode == "speaker" and forced.e2e().tp_gold == 0
    assert forced.to_dict()["e2e"]["requested"] == "speaker"


def test_span_set_f1_counts_each_span_once_per_document():
    # two gold quotes share the cue "said" (a quote interrupted by its cue): the cue set has one span
    text = "“A deal is close,” Lavrov said. “But not yet.”"
    cue = span(text, "said")
    gold = [
        Quote(*at(text, "A deal is close,"), "A deal is close,", cue=cue),
        Quote(*at(text, "But not yet."), "But not yet.", cue=cue),
    ]
    pred = [Quote(*at(text, "A deal is close,"), "A deal is close,", cue=cue)]
    sets = score_corpus([Result("d", gold, text=text)], [Result("d", pred)]).span_sets()
    assert (sets["cue"].tp_gold, sets["cue"].n_pred, sets["cue"].n_gold) == (1, 1, 1)
    assert (sets["content"].precision, sets["content"].recall) == (1.0, 0.5)
    assert sets["mention"].f1 is None  # no mention on either side: undefined, not 0 or 1


# --------------------------------------------------------------------------- per kind


def test_per_kind_recall_is_over_gold_kinds_and_precision_over_predicted_kinds():
    gold = gold_quotes()
    pred = [dataclasses.replace(gold[1], kind="direct")]  # finds the gold mixed quote, labelled direct
    by_kind = score_corpus([Result("d", gold, text=TEXT)], [Result("d", pred)]).by_kind(exact=True)
    assert (by_kind["mixed"].recall, by_kind["mixed"].precision) == (1.0, None)
    assert by_kind["mixed"].f1 is None  # found, but no mixed prediction to judge
    # direct: pred 1/1 right; gold direct G1, G4 both missed
    assert (by_kind["direct"].precision, by_kind["direct"].recall) == (1.0, 0.0)
    assert by_kind["direct"].f1 == 0.0


def test_prf_zero_denominators():
    assert PRF.of(0, 0, 0).f1 is None
    assert PRF.of(0, 0, 5).f1 == 0.0 and PRF.of(0, 0, 5).precision is None
    assert PRF.of(0, 3, 0).f1 == 0.0 and PRF.of(0, 3, 0).recall is None


# --------------------------------------------------------------------------- documents


def test_error_records_and_missing_documents_count_all_gold_as_misses():
    gold = [
        Result("d1", gold_quotes(), text=TEXT),
        Result("d2", gold_quotes()[:2], text=TEXT),
        Result("d3", gold_quotes()[:1], text=TEXT),
    ]
    pred = [
        Result("d1", error="extraction failed: ValueError: bad text"),
        # d2 absent
        Result("d3", gold_quotes()[:1]),
        Result("d9", gold_quotes()),  # not in the gold: ignored
    ]
    score = score_corpus(gold, pred)
    over = score.detection(exact=False)
    # 4 + 2 + 1 gold quotes; only d3's one is found, with one prediction
    assert (over.tp_gold, over.n_gold, over.n_pred) == (1, 7, 1)
    assert [d.status for d in score.documents] == ["error", "missing", "scored"]
    assert score.documents[0].misses == [0, 1, 2, 3]
    metrics = score.to_dict()["documents"]
    assert metrics["error"] == ["d1"] and metrics["missing"] == ["d2"]
    assert metrics["ignored_predictions"] == ["d9"]
    joined = "\n".join(score.warnings)
    assert "d1 is an error record" in joined and "d2" in joined and "d9" in joined
    # cue sets still count the gold cues of unscored documents: 4 + 2 + 1, 1 found
    assert (score.span_sets()["cue"].tp_gold, score.span_sets()["cue"].n_gold) == (1, 7)


def test_span_texts_are_read_from_the_document_when_it_is_known():
    # a prediction without span texts is normalized against the document text
    text = 'The minister said: "We will sign."'
    gold = Quote(*at(text, "We will sign"), "We will sign")
    s, e = at(text, '"We will sign."')
    pred = Quote(s, e, "")
    score = score_corpus([Result("d", [gold])], [Result("d", [pred])], texts={"d": text})
    assert score.detection(exact=True).f1 == 1.0


# --------------------------------------------------------------------------- subsets


def test_speech_subset_keeps_quotes_whose_cue_has_a_speech_verb():
    text = (
        "According to the ministry, talks resume on Monday. "
        "Lavrov believes the deal will hold. "
        "Officials told Reuters the plan was ready."
    )
    keep = speech_filter(load_speech_verbs())
    according = Quote(*at(text, "talks resume on Monday"), "", cue=span(text, "According to"))
    believes = Quote(*at(text, "the deal will hold"), "", cue=span(text, "believes"))
    told = Quote(*at(text, "the plan was ready"), "", cue=span(text, "told Reuters"))
    no_cue = Quote(*at(text, "the plan was ready"), "")
    assert [keep(q, text) for q in (according, believes, told, no_cue)] == [True, False, True, False]
    score = score_corpus(
        [Result("d", [according, believes, told], text=text)],
        [Result("d", [believes])],
        quote_filter=keep,
        subset="speech",
    )
    # the subset holds 2 gold quotes and no prediction
    assert (score.n_gold, score.n_pred) == (2, 0)
    assert score.to_dict()["subset"] == "speech"


def test_speech_verbs_file_is_loaded():
    verbs = load_speech_verbs()
    assert {"said", "told", "according to", "tweeted"} <= set(verbs)
    assert not any(v.startswith("#") for v in verbs)
