"""The extractor: the spaCy pipeline and its components, and the modes that put stages together.

* :mod:`.pipeline` registers the ``quote_detector`` and ``speaker_resolver`` components, builds the
  spaCy pipeline and holds :class:`~quotes.extraction.pipeline.Extractor` (documents in, results out);
* :mod:`.neural` is the extractor of the learned modes (``neural``, ``hybrid``).
"""
