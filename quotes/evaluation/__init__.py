"""Evaluation of predicted quotes against gold annotations (docs/format.md section 4).

:mod:`.scorer` holds the rules and figures (pure functions), :mod:`.report` renders them
(terminal table, JSON, Markdown, HTML, PNG) and :mod:`.cli` is ``quotes evaluate``.
"""

from __future__ import annotations

from quotes.attribution.speech_cues import load_speech_verbs
from quotes.evaluation.scorer import (
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
