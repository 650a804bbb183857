"""Evaluation of predicted quotes against gold annotations (docs/format.md section 4).

The rules and figures are pure functions: :mod:`.spans` (normalization and one-to-one
pairing), :mod:`.matching` (speaker, mention and role agreement), :mod:`.figures` (PRF,
accuracy, mean, reliability buckets) and :mod:`.scorer` (document and corpus scoring).
:mod:`.report` renders a score (terminal table, JSON, Markdown, HTML from the templates in
``templates/``, PNG) and :mod:`quotes.cli.evaluate` is ``quotes evaluate``.
"""

from __future__ import annotations

from quotes.attribution.speech_cues import load_speech_verbs, speech_filter
from quotes.evaluation.figures import PRF, Accuracy, Mean, ReliabilityBucket
from quotes.evaluation.matching import mention_match, normalize_speaker, role_f1, speaker_match
from quotes.evaluation.scorer import (
    CorpusScore,
    DocumentScore,
    QuotePair,
    choose_e2e_mode,
    score_corpus,
    score_document,
)
from quotes.evaluation.spans import normalize_span, pair_spans

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
