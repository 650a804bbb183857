"""Training of the learned models (``quotes train``): data loading and training loops.

:mod:`.data` turns gold JSON Lines into ``datasets.Dataset`` rows, :mod:`.train` holds the
loops of the span tagger and the speaker ranker; ``quotes train`` is :mod:`quotes.cli.train`.
"""
