"""Every exception the package raises, in one place.

Each stage raises its own kind, so that a caller can tell an unreadable input from a broken model
folder; the command line turns each into one line on stderr and an exit code (2 for usage and
input problems, see :mod:`quotes.cli.app`). Keeping them here, below every stage, lets any stage
raise any of them without importing another stage.
"""

from __future__ import annotations


class ReadError(Exception):
    """A whole input could not be opened (missing path, unknown format)."""


class BatchError(Exception):
    """The batch cannot run at all (e.g. the extractor cannot be loaded in a worker)."""


class ResumeError(Exception):
    """An existing output file does not continue the given input."""


class DocumentTimeout(BaseException):
    """Raised inside extraction by the per-document alarm.

    A BaseException, so that an extractor's own ``except Exception`` (which turns
    failures into error records) does not swallow it and keep running.
    """


class DataError(Exception):
    """Gold data that cannot be used for training; the message names the file and document."""


class BratError(ValueError):
    """A line of an ``.ann`` file that does not follow the brat standoff syntax."""


class PolnearError(Exception):
    """The PolNeAR folder is missing, or a split or annotator is not in it."""


class UsageError(Exception):
    """Raised by a subcommand for bad arguments or unreadable input (exit code 2)."""


class ModelError(Exception):
    """A model folder is missing, incomplete or corrupted; the message names the path."""


class MissingExtraError(Exception):
    """A feature needs a package of an optional extra that is not installed.

    The message names the feature, the package and the pip command that installs it; the
    command line prints it as one line and exits 2 (see :func:`quotes.io.extras.require`).
    """

    def __init__(self, module: str, extra: str, what: str):
        super().__init__(f"{what} needs {module}, which is not installed; pip install 'quotes[{extra}]'")
        self.module = module
        self.extra = extra
        self.what = what
