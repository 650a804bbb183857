"""The results writer: one JSON Lines record per document, as soon as it is ready."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path
from typing import IO, Iterable, Union

from quotes.io.jsonl import unpaired_surrogate
from quotes.records import Result

PathLike = Union[str, os.PathLike]


class ResultWriter:
    """Write results as JSON Lines, one line per document, flushed per record.

    Flushing per line means a killed run leaves only whole lines behind (at most a torn
    last line, which ``--resume`` drops), so no finished document is ever lost.
    """

    def __init__(self, dest: Union[PathLike, IO[str], None], append: bool = False, include_text: bool = False):
        self.include_text = include_text
        self._own = False
        if dest is None or str(dest) == "-":
            self._fh: IO[str] = sys.stdout
        elif isinstance(dest, (str, os.PathLike)):
            p = Path(dest)
            if p.parent and not p.parent.exists():
                p.parent.mkdir(parents=True, exist_ok=True)
            if p.name.endswith(".gz"):
                self._fh = io.TextIOWrapper(gzip.open(p, "ab" if append else "wb"), encoding="utf-8")
            else:
                self._fh = open(p, "a" if append else "w", encoding="utf-8")
            self._own = True
        else:
            self._fh = dest
        encoding = (getattr(self._fh, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
        self._ascii_only = encoding != "utf8"
        self.count = 0

    def write(self, result: Result) -> None:
        record = result.to_dict(self.include_text)
        line = json.dumps(record, ensure_ascii=False)
        if self._ascii_only or unpaired_surrogate(line) is not None:
            # A stream that cannot take UTF-8, or a string that is not Unicode text: JSON's
            # \u escapes carry the same record in plain ASCII instead of failing the run.
            line = json.dumps(record, ensure_ascii=True)
        self._fh.write(line + "\n")
        self._fh.flush()
        self.count += 1

    def write_all(self, results: Iterable[Result]) -> int:
        for r in results:
            self.write(r)
        return self.count

    def close(self) -> None:
        if self._own:
            self._fh.close()

    def __enter__(self) -> "ResultWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
