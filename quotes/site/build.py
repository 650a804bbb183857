"""Build the site in two streamed passes over the results.

The first pass counts (speakers, documents, kinds) without keeping any text, since a
speaker's merged name, page and colour are only known once the whole corpus has been
seen, and every document page must already use them. The second pass reads the results
again and writes each document page as its record comes; only the quotes themselves are
kept, filed by speaker, for the speaker pages written at the end. So memory grows with
the number of quotes, never with the size of the texts.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional, Sequence

from quotes.errors import UsageError
from quotes.site.model import SiteModel
from quotes.site.render import STATIC_FILES, render_document, render_index, render_speaker, static_file
from quotes.site.source import Record, Unreadable, check_source, iter_records


@dataclass
class SiteReport:
    """What a build wrote and what it could not read."""

    out_dir: Path
    n_documents: int = 0
    n_pages: int = 0
    n_speakers: int = 0
    n_errors: int = 0  # error records of documents that failed
    without_text: list[str] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def _records(paths: Sequence[Path]) -> Iterator[Record]:
    for p in paths:
        yield from iter_records(p)


def _progress(records: Iterable[Record], desc: str, quiet: bool, total: Optional[int] = None) -> Iterable[Record]:
    from tqdm import tqdm

    return tqdm(records, desc=desc, unit=" docs", total=total, disable=quiet, file=sys.stderr, mininterval=1.0)


def _write(path: Path, content: str | bytes) -> None:
    """Write through a temporary file, so an interrupted build leaves no half page."""
    tmp = path.with_name(path.name + ".tmp")
    if isinstance(content, str):
        tmp.write_text(content, encoding="utf-8")
    else:
        tmp.write_bytes(content)
    os.replace(tmp, path)


def prepare_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a folder")
    try:
        for sub in ("", "speakers", "documents"):
            (out_dir / sub).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out_dir}: cannot create the folder: {exc.strerror or exc}") from None


def build_site(
    paths: Sequence[Path],
    out_dir: Path,
    texts: Optional[Mapping[str, str]] = None,
    title: str = "Quotes",
    quiet: bool = True,
) -> SiteReport:
    """Write ``index.html``, ``speakers/*.html``, ``documents/*.html``, ``site.css`` and
    ``site.js`` into ``out_dir`` for the results in ``paths``."""
    paths = [Path(p) for p in paths]
    for p in paths:
        check_source(p)
    prepare_out_dir(out_dir)
    model = SiteModel(texts)
    for record in _progress(_records(paths), "reading", quiet):
        model.add(record)
    model.finish()

    report = SiteReport(out_dir)
    for record in _progress(_records(paths), "writing", quiet, total=len(model.records)):
        view = model.document_view(record)
        if view is None:
            continue
        _write(out_dir / view.page, render_document(view, title))
        report.n_pages += 1
        if view.tokens is None:
            report.without_text.append(view.id)
    index = model.index_view()
    for speaker in index.speakers:
        _write(out_dir / speaker.page, render_speaker(speaker, index.first_page, title))
    note = None
    if report.without_text:
        note = f"{len(report.without_text)} documents have no text (give it with --texts); their pages list the quotes only."
    _write(out_dir / "index.html", render_index(index, title, note))
    for name in STATIC_FILES:
        _write(out_dir / name, static_file(name))
    report.n_documents = len(index.documents)
    report.n_speakers = len(index.speakers)
    report.n_errors = len(index.errors)
    report.unreadable = index.unreadable
    return report
