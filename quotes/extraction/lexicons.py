"""The lexicon files a pipeline component carries: read from its config, saved with the pipeline.

A component names its lexicon in its config by path (``null``: the bundled file under
``quotes/data/``), so a user swaps a lexicon in the pipeline config without editing the package.
``nlp.to_disk`` writes the lexicon's JSON into the component's folder and ``spacy.load`` reads it
back, so a saved pipeline carries its lexicons and does not need the files it was built from.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Callable, Generic, Optional, TypeVar, Union

T = TypeVar("T")
PathLike = Union[str, Path]


class LexiconFile(Generic[T]):
    """A lexicon loaded by ``load(path)`` and the JSON text it came from (what is saved).

    The configured file is read at build time, so a bad file or an unknown scheme fails when
    the pipeline is built. When it no longer exists, the pipeline is being loaded from a folder
    that carries the lexicon instead (``spacy.load`` builds components from the saved config
    before :meth:`from_disk`): the lexicon then comes from there, and using the component
    without it is an error naming the file.
    """

    def __init__(self, path: Optional[PathLike], filename: str, load: Callable[[Optional[PathLike]], T]):
        self.path = path
        self.filename = filename
        self._load = load
        self.text: Optional[str] = None
        self._value: Optional[T] = None
        if path is None or Path(path).exists():
            self.text = _read(path, filename)
            self._value = load(path)  # None: the bundled lexicon, shared and cached

    @property
    def value(self) -> T:
        if self._value is None:
            raise self._missing()
        return self._value

    def to_disk(self, folder: Path) -> None:
        if self.text is None:
            raise self._missing()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / self.filename).write_text(self.text, encoding="utf-8")

    def from_disk(self, folder: Path) -> None:
        saved = folder / self.filename
        if saved.is_file():  # a folder saved before components carried lexicons keeps the config's
            self.text = saved.read_text(encoding="utf-8")
            self._value = self._load(saved)


    def _missing(self) -> FileNotFoundError:
        return FileNotFoundError(f"{self.path}: no such lexicon file (format of quotes/data/{self.filename})")


def _read(path: Optional[PathLike], filename: str) -> str:
    if path is None:
        return resources.files("quotes").joinpath(f"data/{filename}").read_text(encoding="utf-8")
    return Path(path).read_text(encoding="utf-8")

