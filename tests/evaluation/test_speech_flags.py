"""``--subset speech`` by the gold's own speech flags (the named PolNeAR layer)."""

from __future__ import annotations

from quotes.evaluation import score_corpus
from quotes.evaluation.subsets import flagged_speech, has_speech_flags
from quotes.records import Quote, Result

TEXT = "Smith said taxes will rise. Polls show voters are angry. Jones thinks it is fine. Lee wrote back."


def span(part: str, **kw) -> Quote:
    start = TEXT.index(part)
    return Quote(start, start + len(part), part, kind="indirect", **kw)


GOLD = [
    span("taxes will rise", speech=True, speaker="Smith"),
    span("voters are angry", speech=False),
    span("it is fine", speech=False, speaker="Jones"),
]


def test_gold_keeps_speech_relations_and_predictions_on_other_attributions_are_set_aside():
    pred = [span("taxes will rise", speaker="Smith"), span("voters are angry"), span("Lee wrote back")]
    gold, scored, aside = flagged_speech(GOLD, pred)
    assert [q.text for q in gold] == ["taxes will rise"]
    assert [q.text for q in scored] == ["taxes will rise", "Lee wrote back"]  # a prediction on nothing stays
    assert aside == 1


def test_scores_count_the_set_aside_prediction_as_neither_right_nor_wrong():
    pred = [span("taxes will rise", speaker="Smith"), span("voters are angry")]
    score = score_corpus([Result("d", GOLD, text=TEXT)], [Result("d", pred)], subset="speech", speech_flags=True)
    figures = score.to_dict()
    overlap = figures["detection"]["overlap"]
    assert (overlap["tp_pred"], overlap["n_pred"], overlap["n_gold"]) == (1, 1, 1)
    assert figures["detection"]["overlap"]["precision"] == 1.0
    assert any("set aside" in w for w in score.warnings)


def test_gold_without_flags_has_none():
    assert has_speech_flags([Result("d", GOLD)])
    assert not has_speech_flags([Result("d", [Quote(0, 5, "Smith")])])
