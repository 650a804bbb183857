"""Attribution: find each quote's content, cue and mention in a parsed document.

* :mod:`.cues` is the cue lexicon (data in ``quotes/data/``);
* :mod:`.candidate` is the record every rule proposes;
* :mod:`.direct` attributes quotations in marks, :mod:`.indirect` reported clauses, ``according to``,
  colon lines and headlines;
* :mod:`.confidence` turns each evidence pattern into a calibrated probability;
* :mod:`.detect` runs the rules, settles competing candidates and returns attributions.
"""
