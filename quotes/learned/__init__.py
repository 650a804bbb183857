"""Learned models: a fine-tuned transformer span tagger and a speaker ranker.

The extractor that uses them in the ``neural`` and ``hybrid`` modes is :mod:`quotes.extraction.neural`.

* :mod:`.encoder` finds and loads the base encoder (all-MiniLM-L6-v2, shipped in an
  installed package, loaded offline);
* :mod:`.windows` cuts long documents into wordpiece windows and maps tokens back to
  exact character offsets;
* :mod:`.span_model` is the tagger's network (frozen lower layers, trained top layers
  and a BIO head) and its saved form; :mod:`.model_files` reads a model folder's config;
* :mod:`.window_outputs` runs the network over windows and merges them per document;
* :mod:`.decoding` turns label probabilities into well-formed content, cue and source
  spans, and :mod:`.linking` pairs them into quotes;
* :mod:`.tagger` puts these together: texts in, spans, quotes and contract records out;
* :mod:`.ranker` scores candidate speaker mentions for a quote.

Importing this package does not import torch; the submodules do.
"""
