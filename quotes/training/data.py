"""Gold annotations as training data, read through the project's Hugging Face datasets export.

A row is one document as :mod:`quotes.convert.hf` builds it (``quotes export hf`` writes the
same): ``id``, ``text`` and its ``quotes`` with content, cue and mention offsets (-1 for a
missing cue or mention), kind, speaker and role. Both models read the same rows: the tagger turns
them into BIO labels over wordpieces, the ranker into (quote, candidate mentions) groups. Gold
files without texts (the project's own ``data/annotations``) take them from ``texts`` (a folder of
``.txt`` or JSON Lines).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from quotes.errors import DataError
from quotes.records import Result

PathLike = Union[str, Path]


def load_gold_dataset(
    path: PathLike, texts: Optional[PathLike] = None, limit: Optional[int] = None, skip: int = 0
) -> Any:
    """Gold annotations as a ``datasets.Dataset`` (:func:`quotes.convert.hf.gold_split`),
    leaving out the first ``skip`` documents and stopping after ``limit``."""
    from quotes.convert.hf import gold_split

    dataset = gold_split(path, texts, skip=skip, limit=limit)
    if dataset.num_rows == 0:
        raise DataError(f"{path}: holds no gold documents")
    return dataset


def tag_spans(row: dict[str, Any]) -> list[tuple[int, int, str]]:
    """The character spans the tagger learns from a row: contents, cues and sources.

    A cue or source shared by several quotes (a quote interrupted by its attribution)
    is one span.
    """
    spans: set[tuple[int, int, str]] = set()
    for q in row["quotes"]:
        spans.add((q["start"], q["end"], "CONTENT"))
        if q["cue_start"] >= 0 and q["cue_end"] > q["cue_start"]:
            spans.add((q["cue_start"], q["cue_end"], "CUE"))
        if q["mention_start"] >= 0 and q["mention_end"] > q["mention_start"]:
            spans.add((q["mention_start"], q["mention_end"], "SOURCE"))
    return sorted(spans)


def results_of(dataset: Any) -> list[Result]:
    """The gold rows back as :class:`Result` records (text kept) for the scorer."""
    from quotes.convert.hf import results_of as rows_to_results

    return rows_to_results(dataset)
