"""Text preparation: everything the later stages need to know about the raw text.

* :mod:`.parse_view` blanks markup and datelines so the parser sees prose (same length, same offsets);
* :mod:`.zones` finds the headline, the body and the regions that never hold quotes;
* :mod:`.marks` pairs quotation marks on the raw text (glyphs in :mod:`.mark_glyphs`, the cost
  model in :mod:`.mark_costs`, the decoder in :mod:`.mark_decoder`);
* :mod:`.quote_kind` says whether a quote is direct, indirect or mixed from its marks;
* :mod:`.layout` ties marks, zones and the parse together for the attribution rules;
* :mod:`.line_breaks` is the spaCy component that makes line breaks sentence starts;
* :mod:`.chunking` cuts very long texts into paragraph-aligned pieces that never cut a quote.
"""
