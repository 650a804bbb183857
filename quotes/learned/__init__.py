"""Learned models: a fine-tuned transformer span tagger and a speaker ranker.

The extractor that uses them in the ``neural`` and ``hybrid`` modes is :mod:`quotes.extraction.neural`.

* :mod:`.encoder` finds and loads the base encoder (all-MiniLM-L6-v2, shipped in an
  installed package, loaded offline);
* :mod:`.windows` cuts long documents into wordpiece windows and maps tokens back to
  exact character offsets;
* :mod:`.tagger` tags content, cue and source spans (BIO), decodes them and links them
  into quotes;
* :mod:`.ranker` scores candidate speaker mentions for a quote;

Importing this package does not import torch; the submodules do.
"""

from __future__ import annotations

from quotes.errors import ModelError  # noqa: F401
