"""Gold annotations as training data: gold JSON Lines -> ``datasets.Dataset``.

A row is one document: ``id``, ``text`` and its ``quotes`` as flat records (content,
cue and mention offsets, -1 for a missing cue or mention). Both models read the same
rows: the tagger turns them into BIO labels over wordpieces, the ranker into
(quote, candidate mentions) groups. Gold files without texts (the project's own
``data/annotations``) take them from ``texts`` (a folder of ``.txt`` or JSON Lines).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional, Union

from quotes.errors import DataError
from quotes.records import Result

PathLike = Union[str, Path]


def gold_rows(
    path: PathLike, texts: Optional[PathLike] = None, limit: Optional[int] = None, skip: int = 0
) -> Iterator[dict[str, Any]]:
    """One training row per gold document of ``path`` (``.jsonl``, ``.json`` or a folder),
    leaving out the first ``skip`` documents and stopping after ``limit``."""
    from quotes.errors import ReadError
    from quotes.io.documents import load_texts
    from quotes.io.results import read_results

    try:
        results = read_results(path)
    except ReadError as exc:
        raise DataError(str(exc)) from None
    text_of: dict[str, str] = {}
    if texts is not None:
        try:
            text_of = load_texts(texts)
        except ReadError as exc:
            raise DataError(str(exc)) from None
    n = 0
    for r in results[skip:]:
        if r.error is not None:
            continue
        if limit is not None and n >= limit:
            return
        text = r.text if r.text is not None else text_of.get(r.id)
        if text is None:
            hint = " (give the texts with --texts)" if texts is None else f" (not in {texts} either)"
            raise DataError(f"{path}: gold document {r.id!r} has no text{hint}")
        yield row_of(r, text, str(path))
        n += 1


def row_of(result: Result, text: str, where: str = "") -> dict[str, Any]:
    """The training row of one gold result; offsets are checked against the text."""
    quotes = []
    for q in result.quotes:
        spans = [(q.start, q.end)] + [(s.start, s.end) for s in (q.cue, q.mention) if s is not None]
        for s, e in spans:
            if not 0 <= s <= e <= len(text):
                raise DataError(f"{where}: document {result.id!r}: span [{s}, {e}) is outside the text")
        quotes.append(
            {
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "cue_start": q.cue.start if q.cue else -1,
                "cue_end": q.cue.end if q.cue else -1,
                "mention_start": q.mention.start if q.mention else -1,
                "mention_end": q.mention.end if q.mention else -1,
            }
        )
    return {"id": result.id, "text": text, "quotes": quotes}


QUOTE_FEATURES = {
    "start": "int64",
    "end": "int64",
    "kind": "string",
    "cue_start": "int64",
    "cue_end": "int64",
    "mention_start": "int64",
    "mention_end": "int64",
}


def load_gold_dataset(
    path: PathLike, texts: Optional[PathLike] = None, limit: Optional[int] = None, skip: int = 0
) -> Any:
    """Gold annotations as a ``datasets.Dataset`` with columns ``id``, ``text``, ``quotes``."""
    import datasets

    features = datasets.Features(
        {
            "id": datasets.Value("string"),
            "text": datasets.Value("string"),
            "quotes": datasets.List({k: datasets.Value(v) for k, v in QUOTE_FEATURES.items()}),
        }
    )
    rows = list(gold_rows(path, texts, limit, skip))
    if not rows:
        raise DataError(f"{path}: holds no gold documents")
    return datasets.Dataset.from_list(rows, features=features)


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
    from quotes.records import Quote, Span

    out = []
    for row in dataset:
        text = row["text"]
        quotes = []
        for q in row["quotes"]:
            cue = Span.of(text, q["cue_start"], q["cue_end"]) if q["cue_start"] >= 0 else None
            mention = Span.of(text, q["mention_start"], q["mention_end"]) if q["mention_start"] >= 0 else None
            quotes.append(Quote(q["start"], q["end"], text[q["start"] : q["end"]], q["kind"], cue, mention))
        out.append(Result(row["id"], quotes, text=text))
    return out
