"""Converters from annotated corpora to the project's gold records.

Each corpus has its own module (:mod:`quotes.convert.polnear`) built on format readers
(:mod:`quotes.convert.brat`); ``quotes convert CORPUS`` is the command line.
"""

from quotes.convert.polnear import ConversionStats, iter_polnear, load_polnear

__all__ = ["ConversionStats", "iter_polnear", "load_polnear"]
