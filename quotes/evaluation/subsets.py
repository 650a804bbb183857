"""Subsets of quotes to score: speech relations by the gold's own flags.

Corpora that annotate every attribution (PolNeAR: beliefs and polls too) are scored on their
speech relations with ``quotes evaluate --subset speech``. When the gold says which relations are
quotes (the ``speech`` flag of the named layer, docs/format.md section 3), that flag decides: the
gold keeps its speech relations, and a prediction that overlaps only relations flagged as other
attributions is set aside, neither right nor a false alarm, since the gold says what is there is
not a quote but does not ask for it to be missed. A prediction that overlaps no gold relation stays
a false alarm. Without flags, a list of speech cue words decides for gold and predictions alike
(:func:`quotes.attribution.speech_cues.speech_filter`).
"""

from __future__ import annotations

from typing import Iterable, Sequence

from quotes.evaluation.spans import overlap
from quotes.records import Quote, Result


def has_speech_flags(gold: Iterable[Result]) -> bool:
    """Whether the gold says, for its relations, which are quotes."""
    return any(q.speech is not None for r in gold for q in r.quotes)


def flagged_speech(gold: Sequence[Quote], pred: Sequence[Quote]) -> tuple[list[Quote], list[Quote], int]:
    """Gold speech relations, the predictions to score, and how many predictions were set aside."""
    kept_gold = [q for q in gold if q.speech]
    other = [(q.start, q.end) for q in gold if q.speech is False]
    speech = [(q.start, q.end) for q in kept_gold]
    kept_pred, aside = [], 0
    for p in pred:
        span = (p.start, p.end)
        if any(overlap(span, o) for o in other) and not any(overlap(span, s) for s in speech):
            aside += 1
        else:
            kept_pred.append(p)
    return kept_gold, kept_pred, aside
