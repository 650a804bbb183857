"""Coreference to named speakers: cluster entity mentions and resolve each quote's speaker."""

from __future__ import annotations

from spacy.tokens import Doc

from .attribution import Attribution


def resolve(doc: Doc, attributions: list[Attribution]) -> None:
    raise NotImplementedError
