"""The extractor: the spaCy pipeline and its components, and the modes that put stages together.

* :mod:`.pipeline` registers the ``quote_detector`` and ``speaker_resolver`` components, builds the
  spaCy pipeline and holds :class:`~quotes.extraction.pipeline.Extractor` (documents in, results out);
* :mod:`.lexicons` holds the lexicon files the components name in their config and save with the
  pipeline;
* :mod:`.neural` is the extractor of the learned modes (``neural``, ``hybrid``).
"""
