"""Speaker resolution: from the mention a quote is attributed to, to a named speaker and role.

* :mod:`.entities` clusters the document's names (people, organizations, groups);
* :mod:`.roles` reads titles and descriptions (premodifiers, appositives, ``X, who is Y``);
* :mod:`.coref` links pronouns and descriptions to entities and names each quote's speaker.
"""
