"""quotes: quotation attribution for news.

Find every quote in news text (direct, indirect and mixed), link it to the mention that
the text attributes it to, and resolve that to a named speaker with a role.
"""

__version__ = "0.1.0"

from quotes.records import Document, InputError, Quote, Result, Span  # noqa: E402

__all__ = ["Document", "InputError", "Quote", "Result", "Span", "__version__"]
