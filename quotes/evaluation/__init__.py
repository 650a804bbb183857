"""Evaluation of predicted quotes against gold annotations (SPEC.md section 4).

:mod:`.scorer` holds the rules and figures (pure functions), :mod:`.report` renders them
(terminal table, JSON, Markdown, HTML, PNG) and :mod:`.cli` is ``quotes evaluate``.
"""

from __future__ import annotations

from importlib import resources

from .scorer import (
    PRF,
    Accuracy,
    CorpusScore,
    DocumentScore,
    Mean,
    QuotePair,
    ReliabilityBucket,
    choose_e2e_mode,
    mention_match,
    normalize_span,
    normalize_speaker,
    pair_spans,
    role_f1,
    score_corpus,
    score_document,
    speaker_match,
    speech_filter,
)


def load_speech_verbs() -> list[str]:
    """The speech-verb cues of ``--subset speech``, from the one data file that lists them
    (``quotes/data/speech_verbs.txt``: one entry a line, ``#`` comments)."""
    raw = resources.files("quotes").joinpath("data/speech_verbs.txt").read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]


__all__ = [
    "PRF",
    "Accuracy",
    "CorpusScore",
    "DocumentScore",
    "Mean",
    "QuotePair",
    "ReliabilityBucket",
    "choose_e2e_mode",
    "load_speech_verbs",
    "mention_match",
    "normalize_span",
    "normalize_speaker",
    "pair_spans",
    "role_f1",
    "score_corpus",
    "score_document",
    "speaker_match",
    "speech_filter",
]
