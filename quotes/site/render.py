"""Pages rendered from the Jinja2 templates in ``templates/``, with autoescaping on.

Everything that comes from a document or a record (a text, a name, an id, an error
message) is escaped by the template engine, so a ``<script>`` or ``&`` in an article stays
text. One character needs more than escaping: the HTML parser turns a raw carriage
return into a line feed, so :func:`keep_text` writes it as ``&#13;`` and the page's text
stays the document's text, character for character.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, Optional

import jinja2
from markupsafe import Markup, escape

from quotes.site.highlight import Close, Open
from quotes.site.model import DocumentView, IndexView, SpeakerView

#: Files copied as they are into the site's root folder.
STATIC_FILES = ("site.css", "site.js")


def keep_text(value: str) -> Markup:
    """Escape ``value`` for HTML text so that the parsed DOM holds exactly ``value``."""
    return Markup(str(escape(value)).replace("\r", "&#13;"))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Templates shipped in the package, autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quotes.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["keep_text"] = keep_text
    env.tests["open_tag"] = lambda t: isinstance(t, Open)
    env.tests["close_tag"] = lambda t: isinstance(t, Close)
    return env


def static_file(name: str) -> bytes:
    return resources.files("quotes.site").joinpath("templates", name).read_bytes()


def _render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def render_index(view: IndexView, title: str, texts_note: Optional[str] = None) -> str:
    return _render("index.html.j2", root="", title=title, view=view, texts_note=texts_note)


def render_speaker(view: SpeakerView, first_page: dict[str, str], title: str) -> str:
    return _render("speaker.html.j2", root="../", title=title, speaker=view, first_page=first_page)


def render_document(view: DocumentView, title: str) -> str:
    anchored = {t.layer.quote for t in view.tokens or () if isinstance(t, Open) and t.first and t.layer.role == "content"}
    return _render("document.html.j2", root="../", title=title, doc=view, anchored=anchored)
