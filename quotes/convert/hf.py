"""Gold annotations as Hugging Face ``datasets``, with typed features.

A row is one document::

    id       string
    text     string
    quotes   list of
        start, end                  int64   the content span [start, end)
        kind                        ClassLabel(direct, indirect, mixed)
        cue_start, cue_end          int64   -1, -1 when the quote has no cue
        mention_start, mention_end  int64   -1, -1 when the quote has no mention
        speaker                     string  null when unnamed
        speaker_type                ClassLabel(person, organization, group, unknown)
        role                        string  null when none
        speech                      bool    null when the gold does not say

A missing cue or mention is ``-1`` offsets rather than a null struct or a mask column:
the offsets stay plain integers that batch into tensors, and ``x_start >= 0`` is the
test (the layout :mod:`quotes.training.data` already uses). Covered texts are not stored:
``text[start:end]`` gives them. One split per gold file: named ``NAME`` by ``NAME=FILE``,
else by the file's name without ``.jsonl``/``.json``/``.gz`` with every run of characters
other than letters, digits and ``_`` made one ``_`` (``dev-2.jsonl`` -> ``dev_2``).

``datasets`` is imported on first use: it is part of the ``neural`` extra.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Sequence, Union

from quotes.convert.gold_files import GoldRecord, iter_records, span_problem
from quotes.errors import DataError
from quotes.records import KINDS, SPEAKER_TYPES, Quote, Result, Span

PathLike = Union[str, os.PathLike]
Texts = Union[None, PathLike, Mapping[str, str]]
Sources = Union[Mapping[str, PathLike], Sequence[PathLike]]

INSTALL_HINT = "pip install 'quotes[neural]'"
SPLIT_NAME = re.compile(r"^\w+(\.\w+)*$")
_SUFFIXES = (".gz", ".jsonl", ".ndjson", ".json")


def require_datasets() -> Any:
    """The ``datasets`` module, or ImportError saying how to install it."""
    try:
        import datasets
    except ImportError:
        raise ImportError(f"Hugging Face datasets are not installed: {INSTALL_HINT}") from None
    return datasets


def features() -> Any:
    """The ``datasets.Features`` of a gold row (module docstring)."""
    ds = require_datasets()
    offset = ds.Value("int64")
    quote = {
        "start": offset,
        "end": offset,
        "kind": ds.ClassLabel(names=list(KINDS)),
        "cue_start": offset,
        "cue_end": offset,
        "mention_start": offset,
        "mention_end": offset,
        "speaker": ds.Value("string"),
        "speaker_type": ds.ClassLabel(names=list(SPEAKER_TYPES)),
        "role": ds.Value("string"),
        "speech": ds.Value("bool"),
    }
    return ds.Features({"id": ds.Value("string"), "text": ds.Value("string"), "quotes": ds.List(quote)})


def _offsets(span: Optional[Span]) -> tuple[int, int]:
    return (span.start, span.end) if span is not None else (-1, -1)


def row_of(record: GoldRecord, text: str, where: str = "") -> dict[str, Any]:
    """The row of one gold record (kinds and types as names); DataError names what is wrong."""
    result = record.result
    problem = span_problem(result, text)
    if problem is None:
        for i, q in enumerate(result.quotes):
            if q.kind not in KINDS:
                problem = f"quote {i}: kind {q.kind!r} is not one of {', '.join(KINDS)}"
            elif q.speaker_type not in SPEAKER_TYPES:
                problem = f"quote {i}: speaker_type {q.speaker_type!r} is not one of {', '.join(SPEAKER_TYPES)}"
            elif not isinstance(record.extras_of(i).get("speech", False), bool):
                problem = f"quote {i}: speech must be true or false"
            if problem:
                break
    if problem is not None:
        raise DataError(f"{where}: document {result.id!r}: {problem}")
    quotes = []
    for i, q in enumerate(result.quotes):
        cue_start, cue_end = _offsets(q.cue)
        mention_start, mention_end = _offsets(q.mention)
        quotes.append(
            {
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "cue_start": cue_start,
                "cue_end": cue_end,
                "mention_start": mention_start,
                "mention_end": mention_end,
                "speaker": q.speaker,
                "speaker_type": q.speaker_type,
                "role": q.role,
                "speech": record.extras_of(i).get("speech"),
            }
        )
    return {"id": result.id, "text": text, "quotes": quotes}


def _texts(texts: Texts) -> Optional[Mapping[str, str]]:
    if texts is None or isinstance(texts, Mapping):
        return texts
    from quotes.io.documents import load_texts

    return load_texts(texts)


def gold_rows(
    source: PathLike,
    texts: Texts = None,
    *,
    skip: int = 0,
    limit: Optional[int] = None,
    progress: bool = False,
    desc: str = "gold",
) -> Iterator[dict[str, Any]]:
    """One row per gold document of ``source`` (``.jsonl``, ``.json`` or a folder), in order,
    leaving out error lines and the first ``skip`` documents and stopping after ``limit``.

    A document's text is its own ``text`` or ``texts[id]`` (``texts``: a mapping, or a
    folder of ``.txt`` / JSON Lines). Raises :class:`DataError` naming the file, record
    and document for a document without text or with a span that disagrees with it, and
    for a file that cannot be read (the one error a training run has to handle).
    """
    from quotes.errors import ReadError

    try:
        yield from _rows(source, texts, skip, limit, progress, desc)
    except ReadError as exc:
        raise DataError(str(exc)) from None


def _rows(
    source: PathLike, texts: Texts, skip: int, limit: Optional[int], progress: bool, desc: str
) -> Iterator[dict[str, Any]]:
    from tqdm import tqdm

    text_of = _texts(texts)
    n = 0
    for where, raw in tqdm(iter_records(source), desc=desc, unit="doc", disable=not progress):
        if limit is not None and n >= limit:
            return
        try:
            record = GoldRecord.from_dict(raw)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataError(f"{where}: not a gold record: {exc}") from None
        if record.result.error is not None:
            continue
        if skip > 0:
            skip -= 1
            continue
        result = record.result
        text = result.text if result.text is not None else (text_of or {}).get(result.id)
        if text is None:
            hint = " (give the texts with --texts)" if text_of is None else " (not in the given texts either)"
            raise DataError(f"{where}: gold document {result.id!r} has no text{hint}")
        yield row_of(record, text, where)
        n += 1


def gold_split(
    source: PathLike,
    texts: Texts = None,
    *,
    skip: int = 0,
    limit: Optional[int] = None,
    progress: bool = False,
    desc: str = "gold",
) -> Any:
    """The gold documents of one file as a ``datasets.Dataset`` with :func:`features`."""
    ds = require_datasets()
    rows = list(gold_rows(source, texts, skip=skip, limit=limit, progress=progress, desc=desc))
    return ds.Dataset.from_list(rows, features=features())


def split_name(path: PathLike) -> str:
    """The split a file gives when none is named: its name without the gold suffixes, made
    a valid split name (``dev-2.jsonl.gz`` -> ``dev_2``)."""
    name = Path(path).name
    lowered = name.lower()
    for suffix in _SUFFIXES:
        if lowered.endswith(suffix):
            name, lowered = name[: -len(suffix)], lowered[: -len(suffix)]
    return re.sub(r"\W+", "_", name, flags=re.ASCII).strip("_") or "gold"


def named_sources(sources: Sources) -> dict[str, PathLike]:
    """``{split: file}`` from a mapping (names checked) or a list of files (names from :func:`split_name`)."""
    if isinstance(sources, Mapping):
        named = dict(sources)
    else:
        named = {}
        for path in sources:
            name = split_name(path)
            if name in named:
                raise DataError(f"{path} and {named[name]} both make the split {name!r}; name them with NAME=FILE")
            named[name] = path
    for name in named:
        if not SPLIT_NAME.match(name):
            raise DataError(f"{name!r} is not a split name: use letters, digits and _ (dots between words)")
    if not named:
        raise DataError("no gold files given")
    return named


def gold_dataset(sources: Sources, texts: Texts = None, *, progress: bool = False) -> Any:
    """A ``datasets.DatasetDict`` with one split per gold file (see :func:`named_sources`)."""
    from quotes.errors import ReadError

    ds = require_datasets()
    named = named_sources(sources)
    try:
        text_of = _texts(texts)
    except ReadError as exc:
        raise DataError(str(exc)) from None
    return ds.DatasetDict(
        {name: gold_split(path, text_of, progress=progress, desc=name) for name, path in named.items()}
    )


def _name(value: Any, names: Sequence[str]) -> str:
    return names[value] if isinstance(value, int) else str(value)


def record_of(row: Mapping[str, Any]) -> GoldRecord:
    """A row (as ``datasets`` gives it, or as :func:`row_of` builds it) back as a gold record."""
    text = row["text"]
    quotes, extras = [], []
    for q in row["quotes"]:
        cue = Span.of(text, q["cue_start"], q["cue_end"]) if q["cue_start"] >= 0 else None
        mention = Span.of(text, q["mention_start"], q["mention_end"]) if q["mention_start"] >= 0 else None
        quotes.append(
            Quote(
                start=q["start"],
                end=q["end"],
                text=text[q["start"] : q["end"]],
                kind=_name(q["kind"], KINDS),
                cue=cue,
                mention=mention,
                speaker=q["speaker"],
                speaker_type=_name(q["speaker_type"], SPEAKER_TYPES),
                role=q["role"],
            )
        )
        extras.append({} if q.get("speech") is None else {"speech": q["speech"]})
    return GoldRecord(Result(row["id"], quotes, text=text), extras)


def results_of(dataset: Any) -> list[Result]:
    """The rows of a ``datasets.Dataset`` back as :class:`Result` records (text kept)."""
    return [record_of(row).result for row in dataset]
