"""Speaker resolution: from the mention a quote is attributed to, to a named speaker and role.

* :mod:`.entities` clusters the document's names (people, organizations, groups);
* :mod:`.roles` reads titles and descriptions (premodifiers, appositives, ``X, who is Y``);
* :mod:`.coref` names each quote's speaker (:func:`~quotes.resolution.coref.resolve`), with the
  rules for :mod:`.names`, :mod:`.pronouns` and :mod:`.descriptions` over the shared state of
  :mod:`.context` and the parse helpers of :mod:`.phrases`.
"""
