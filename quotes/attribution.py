"""Attribution: find quote spans, their cues and the mentions they are attributed to.

Works on a parsed spaCy ``Doc``; quotation marks are paired on the raw text
(:mod:`quotes.marks`), so nothing depends on spaCy's sentence splits around marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from spacy.tokens import Doc

from .records import Quote


@dataclass
class Attribution:
    """A detected quote plus the evidence the resolver needs.

    ``inherit_from`` points (by index in the same list) at the earlier quote whose
    speaker a floating quote or continuation takes over; its own mention stays null.
    """

    quote: Quote
    mention_tokens: Optional[tuple[int, int]] = None  # [start, end) token indices of the mention
    cue_tokens: Optional[tuple[int, int]] = None
    inherit_from: Optional[int] = None
    features: dict[str, Any] = field(default_factory=dict)


def detect(doc: Doc) -> list[Attribution]:
    raise NotImplementedError
