"""Learned models: a fine-tuned transformer span tagger and a speaker ranker.

* :mod:`.encoder` finds and loads the base encoder (all-MiniLM-L6-v2, shipped in an
  installed package, loaded offline);
* :mod:`.windows` cuts long documents into wordpiece windows and maps tokens back to
  exact character offsets;
* :mod:`.tagger` tags content, cue and source spans (BIO), decodes them and links them
  into quotes;
* :mod:`.ranker` scores candidate speaker mentions for a quote;
* :mod:`.extractor` puts both behind the :class:`~quotes.pipeline.Extractor` API.

Importing this package does not import torch; the submodules do.
"""

from __future__ import annotations


class ModelError(Exception):
    """A model folder is missing, incomplete or corrupted; the message names the path."""
