"""Attribution: find each quote's content, cue and mention in a parsed document.

* :mod:`.cues` is the cue lexicon (data in ``quotes/data/``);
* :mod:`.candidate` is the record every rule proposes;
* :mod:`.direct` attributes quotations in marks; :mod:`.indirect` reported clauses of cue verbs,
  :mod:`.according` ``according to`` phrases, :mod:`.colon_lines` ``Name: ...`` lines and
  :mod:`.headlines` title-cased headlines;
* :mod:`.mentions` (who reports, with which cue words) and :mod:`.clauses` (where a content starts
  and ends) are the helpers these rules share;
* :mod:`.confidence` turns each evidence pattern into a calibrated probability;
* :mod:`.detect` runs the rules, settles competing candidates and returns attributions.
"""
