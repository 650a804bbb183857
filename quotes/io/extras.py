"""Optional dependencies: the one check that a feature's extra is installed.

The core install extracts; Parquet (``pyarrow``), DuckDB (``duckdb``), plots
(``matplotlib``), the learned models (``torch``, ``transformers``) and the Dask engine
(``distributed``) come with the extras ``parquet``, ``duckdb``, ``plot``, ``neural`` and
``dask`` of ``pyproject.toml``. Code that needs one calls :func:`require` first, so a
missing package is one clear line naming the extra instead of an ImportError traceback
from deep inside a run.
"""

from __future__ import annotations

import importlib.util
import sys

from quotes.errors import MissingExtraError


def require(module: str, extra: str, what: str) -> None:
    """Raise :class:`~quotes.errors.MissingExtraError` unless ``module`` can be imported.

    ``what`` is the feature as the user asked for it (``--parquet``, ``Parquet input``).
    The module is looked up, not imported: checking for torch must not cost the seconds
    of importing it (nor import it in a process that forks workers afterwards).
    """
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package missing; a module without a spec
        found = sys.modules.get(module) is not None
    if not found:
        raise MissingExtraError(module, extra, what)
