"""Training of the learned models (``quotes train``): data loading and training loops.

:mod:`.data` turns gold JSON Lines into ``datasets.Dataset`` rows; :mod:`.config` holds a
run's settings and report; :mod:`.loop` is the loop both models share, with
:mod:`.checkpoints` for resuming and :mod:`.figures` for dev evaluation; :mod:`.tagger`
and :mod:`.ranker` train the span tagger (over the frozen-layer cache of
:mod:`.lower_cache`) and the speaker ranker; :func:`.train.train` runs either.
``quotes train`` is :mod:`quotes.cli.train`.
"""
