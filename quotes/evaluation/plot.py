"""The PNG chart of the report: exact and overlap F1 and overlap recall, overall and per kind.

matplotlib is an optional dependency (the ``plot`` extra): it is imported only when a chart
is drawn, and :func:`load_pyplot` says why it cannot be, so a core install still writes
every other report file.
"""

from __future__ import annotations

import io
from types import ModuleType

from quotes.evaluation.scorer import CorpusScore
from quotes.evaluation.summary import fmt

#: The command that installs what the chart needs.
PLOT_INSTALL = "pip install 'quotes[plot]'"


class PlottingUnavailable(ImportError):
    """matplotlib cannot be imported; the message names the extra that installs it."""


def load_pyplot() -> ModuleType:
    """``matplotlib.pyplot`` on the non-interactive Agg backend, imported on first use.

    Raises :class:`PlottingUnavailable` when matplotlib is not installed (or cannot be
    imported), with the install command in the message.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        # a missing matplotlib names itself; anything else is a broken install worth showing
        missing = (exc.name or "").split(".")[0] == "matplotlib"
        reason = "matplotlib is not installed" if missing else f"matplotlib cannot be imported ({exc})"
        raise PlottingUnavailable(f"{reason}; {PLOT_INSTALL}") from exc
    return plt


def plot_f1_by_kind(score: CorpusScore) -> bytes:
    """A bar chart of exact F1, overlap F1 and overlap recall, overall and per kind, as PNG bytes."""
    plt = load_pyplot()
    exact, over = score.by_kind(exact=True), score.by_kind(exact=False)
    groups = [("all", score.detection(exact=True), score.detection(exact=False))]
    groups += [(k, exact[k], over[k]) for k in exact if exact[k].n_gold or exact[k].n_pred]
    fig, ax = plt.subplots(figsize=(8, 4), dpi=100)
    width = 0.27
    # per-kind F1 is undefined when no prediction has the kind, so overlap recall is drawn too
    for offset, values, label, color in (
        (-width, [g[1].f1 for g in groups], "exact F1", "#4c72b0"),
        (0.0, [g[2].f1 for g in groups], "overlap F1", "#dd8452"),
        (width, [g[2].recall for g in groups], "overlap recall", "#55a868"),
    ):
        xs = [i + offset for i in range(len(groups))]
        bars = ax.bar(xs, [v or 0.0 for v in values], width, label=label, color=color)
        for bar, v in zip(bars, values):
            ax.annotate(fmt(v), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels([f"{name}\n(gold {g.n_gold}, pred {g.n_pred})" for name, g, _ in groups], fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("score")
    e2e = score.e2e()
    ax.set_title(f"Quote detection F1 by kind (end to end F1 {fmt(e2e.f1)}, {score.e2e_mode})", fontsize=10)
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()
