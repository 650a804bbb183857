"""The results site: a static, offline HTML view of a corpus of results (``quotes view``).

People who do not read JSON Lines still need to see who is quoted and where. The site is
plain files with relative links, so it opens from ``file://`` as well as from any web
server, and holds everything it needs (no fonts, scripts or styles from elsewhere):

* :mod:`.names` gives pages safe file names from arbitrary ids and each speaker a colour;
* :mod:`.source` streams result records and turns unreadable ones into error entries;
* :mod:`.highlight` cuts a text into properly nested highlight tags (content, cue, mention);
* :mod:`.chart` draws the quotes-per-speaker chart as inline SVG;
* :mod:`.model` builds the view records of the index, speaker and document pages;
* :mod:`.render` lays them out with the Jinja2 templates of ``templates/`` (autoescaped);
* :mod:`.build` ties it together in two streamed passes over the results.
"""

from quotes.site.build import SiteReport, build_site

__all__ = ["SiteReport", "build_site"]
