"""Speech cues: which cue words report speech or writing, as a filter over quotes.

``quotes evaluate --subset speech`` scores only the relations whose cue is a speech verb, and the
learned ``speech`` scheme keeps only such quotes; both read the same list through
:func:`load_speech_verbs`, from the cue file that also holds the detector's lexicon.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

from quotes.attribution.cues import read_cue_data
from quotes.records import Quote, covered_text


def load_speech_verbs() -> list[str]:
    """The speech cue words of ``--subset speech``, in file order: the ``speech`` set of the
    cue file's ``surface_cues`` section (``quotes/data/cues.json``, next to the detector's
    lexicon), lower-case surface forms with every inflection listed."""
    return list(read_cue_data()["surface_cues"]["speech"]["forms"])


def speech_filter(verbs: Iterable[str]) -> Callable[[Quote, Optional[str]], bool]:
    """A quote filter keeping quotes whose cue contains a speech verb.

    The cue text is lowercased and split into letter runs; a one-word entry matches any
    token, a multi-word entry (``according to``) matches a run of consecutive tokens. Quotes
    without a cue are dropped. The filter takes ``(quote, document_text_or_None)``.
    """
    singles = set()
    phrases = []
    for v in verbs:
        words = re.findall(r"[a-z]+", v.lower())
        if len(words) == 1:
            singles.add(words[0])
        elif words:
            phrases.append(" " + " ".join(words) + " ")

    def keep(quote: Quote, doc_text: Optional[str]) -> bool:
        if quote.cue is None:
            return False
        cue = covered_text(quote.cue.start, quote.cue.end, quote.cue.text, doc_text)
        tokens = re.findall(r"[a-z]+", cue.lower())
        if singles.intersection(tokens):
            return True
        joined = " " + " ".join(tokens) + " "
        return any(p in joined for p in phrases)

    return keep
