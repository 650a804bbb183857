"""Dev figures of a model under training, from the project's own scorer.

The same figures go into the model cards and drive model selection (the ``select`` key),
so a shipped model's card and the epoch chosen for it agree by construction.
"""

from __future__ import annotations

from typing import Any

from quotes.evaluation.scorer import score_corpus


def dev_figures(gold: list[Any], pred: list[Any]) -> dict[str, Any]:
    """The figures the model cards and selection use, from the project's scorer."""
    score = score_corpus(gold, pred, e2e="mention")  # what the models produce: spans, no names
    sets = score.span_sets()

    def f(prf: Any) -> float:
        return round(prf.f1 or 0.0, 4)

    figures = {
        "content_exact_f1": f(score.detection(exact=True)),
        "content_overlap_f1": f(score.detection(exact=False)),
        "cue_exact_f1": f(sets["cue"]),
        "source_exact_f1": f(sets["mention"]),
        "e2e_f1": f(score.e2e()),
        "e2e_mode": score.e2e_mode,
        "mention_accuracy": round(score.mention().value or 0.0, 4),
        "n_gold": score.n_gold,
        "n_pred": score.n_pred,
    }
    # model selection: detection and attribution count equally
    figures["select"] = round((figures["content_exact_f1"] + figures["e2e_f1"]) / 2, 4)
    return figures

