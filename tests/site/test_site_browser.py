"""The results site as a browser renders it: headless Chromium opens the pages from
``file://`` and the checks read the DOM after the page's scripts ran, and the pixels.

Skipped without Chromium, except under CI (CI=true), where a missing browser fails.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import GOLD, SEEDS
from site_browser import colour_counts, find, layer_texts, parse_dom, png_pixels

from quotes.io.documents import load_texts
from quotes.io.results import read_results
from quotes.io.speaker_index import build_index
from quotes.records import Document
from quotes.site import build_site
from quotes.site.model import SiteModel
from quotes.site.names import page_name
from quotes.site.source import iter_records


def doc_page(site: Path, doc_id: str) -> Path:
    return site / "documents" / page_name(doc_id)


def check_document_dom(html: str, text: str, quotes) -> None:
    """The page shows ``text`` exactly, and each quote's content, cue and mention highlight
    covers exactly the span's characters."""
    elements = parse_dom(html)
    (doctext,) = find(elements, "div", id="text")
    assert doctext.text == text
    contents = layer_texts(elements, "content")
    assert [contents.get(n) for n in range(1, len(quotes) + 1)] == [text[q.start : q.end] for q in quotes]
    assert [contents.get(n) for n in range(1, len(quotes) + 1)] == [q.text for q in quotes]
    for role in ("cue", "mention"):
        got = layer_texts(elements, role)
        want = {n: getattr(q, role).text for n, q in enumerate(quotes, start=1) if getattr(q, role)}
        assert got == want, role
    for n in range(1, len(quotes) + 1):  # each quote's anchor is its first content piece
        (anchor,) = find(elements, id=f"q{n}")
        assert anchor.attrs["data-role"] == "content" and anchor.attrs["data-q"] == str(n)


def test_every_gold_document_page_highlights_the_exact_spans(gold_site, browser):
    texts = load_texts(SEEDS)
    results = read_results(GOLD)
    assert len(results) == 5
    for r in results:
        check_document_dom(browser.dump_dom(doc_page(gold_site, r.id)), texts[r.id], r.quotes)


def test_extracted_results_that_carry_their_text(extractor, browser, tmp_path):
    """Extraction output with the text in each record: no --texts needed."""
    results_file = tmp_path / "seeds.jsonl"
    results = []
    with open(results_file, "w", encoding="utf-8") as fh:
        for txt in sorted(SEEDS.glob("*.txt")):
            result = extractor.extract(Document(txt.stem, txt.read_text(encoding="utf-8")))
            result.text = txt.read_text(encoding="utf-8")
            results.append(result)
            fh.write(json.dumps(result.to_dict(include_text=True), ensure_ascii=False) + "\n")
    assert sum(len(r.quotes) for r in results) > 50
    site = tmp_path / "site"
    report = build_site([results_file], site)
    assert report.without_text == [] and report.n_pages == 5
    for r in results:
        check_document_dom(browser.dump_dom(doc_page(site, r.id)), r.text, r.quotes)


def speaker_rows(html: str) -> list[tuple[str, int, int]]:
    """(speaker, quotes, documents) of each row of the speakers table, in DOM order."""
    elements = parse_dom(html)
    assert len(find(elements, "table", id="speakers")) == 1
    rows, cells = [], None
    for el in elements:
        if el.tag == "tr":
            cells = [] if "data-speaker" in el.attrs else None
            if cells is not None:
                rows.append((el.attrs["data-speaker"], cells))
        elif el.tag == "td" and cells is not None:
            cells.append(el.text)
    return [(name, int(c[3]), int(c[4])) for name, c in rows]


def test_index_lists_every_speaker_with_the_right_counts(gold_site, browser):
    rows = speaker_rows(browser.dump_dom(gold_site / "index.html"))
    entries = build_index([GOLD]).entries()
    assert sorted(rows) == sorted((e.speaker, e.n_quotes, e.n_documents) for e in entries)
    # counted here from the gold itself: every attributed quote is in exactly one row
    gold = read_results(GOLD)
    assert sum(n for _, n, _ in rows) == sum(1 for r in gold for q in r.quotes if q.speaker)
    assert "Wang Yi" in {name for name, _, _ in rows}


@pytest.mark.parametrize(
    "order, key",
    [
        ("quotes-asc", lambda row: row[1]),
        ("speaker-asc", lambda row: row[0].lower()),
        ("documents-desc", lambda row: -row[2]),
    ],
)
def test_the_index_sorts_on_load_by_the_address(gold_site, browser, order, key):
    default = speaker_rows(browser.dump_dom(gold_site / "index.html"))
    html = browser.dump_dom(gold_site / "index.html", f"sort={order}")
    rows = speaker_rows(html)
    assert rows != default  # the order asked for is not the one the page is written in
    assert rows == sorted(default, key=key)  # stable: ties keep the written order
    column, direction = order.rsplit("-", 1)
    (th,) = find(parse_dom(html), "th", data_key=column)[:1]  # the speakers table comes first
    assert th.attrs["aria-sort"] == ("ascending" if direction == "asc" else "descending")


def test_a_click_on_a_header_sorts_and_records_the_order(gold_site, browser, tmp_path):
    """The page's own script, driven by real click events on the header."""
    site = tmp_path / "site"
    shutil.copytree(gold_site, site)
    html = (site / "index.html").read_text(encoding="utf-8")
    clicks = (
        "<script>var th = document.querySelector('#speakers th[data-key=documents]');"
        "th.click(); document.body.setAttribute('data-first', location.hash);"
        "th.click(); document.body.setAttribute('data-second', location.hash);</script>"
    )
    (site / "clicked.html").write_text(html.replace("</body>", clicks + "</body>"), encoding="utf-8")
    dom = browser.dump_dom(site / "clicked.html")
    (body,) = find(parse_dom(dom), "body")
    assert body.attrs["data-first"] == "#sort=documents-desc"  # numbers sort largest first
    assert body.attrs["data-second"] == "#sort=documents-asc"
    default = speaker_rows(browser.dump_dom(gold_site / "index.html"))
    assert speaker_rows(dom) == sorted(default, key=lambda row: row[2])


def test_tricky_text_is_shown_exactly_and_stays_text(browser, tmp_path):
    """Markup characters, CRLF line ends, tabs, runs of spaces, a quote inside a quote and
    a mention that crosses the end of a content: all shown as written, nothing executed."""
    text = (
        "Markets & <b>bonds</b>\r\n\r\n"
        "“Prices\tare  <script>document.title='owned'</script> rising,” Ms. Smith said.\r\n"
        "Jones said that “the rise will stop” soon.\n"
    )
    q1_start = text.index("Prices")
    q1_end = text.index("rising") + len("rising,")
    q2_start = text.index("the rise")
    quotes = [
        {"start": q1_start, "end": q1_end, "text": text[q1_start:q1_end], "kind": "direct",
         "cue": {"start": text.index("said"), "end": text.index("said") + 4, "text": "said"},
         "mention": {"start": text.index("Ms. Smith"), "end": text.index("Ms. Smith") + 9, "text": "Ms. Smith"},
         "speaker": "Anna Smith", "speaker_type": "person", "role": None},
        {"start": text.index("the rise"), "end": text.index(" soon"), "text": text[text.index("the rise"): text.index(" soon")],
         "kind": "mixed", "cue": None, "speaker": "Bob Jones", "speaker_type": "person", "role": None,
         # crosses the start of the content
         "mention": {"start": text.index("Jones"), "end": q2_start + 3, "text": text[text.index("Jones"): q2_start + 3]}},
        {"start": q2_start, "end": q2_start + 8, "text": "the rise", "kind": "direct", "cue": None, "mention": None,
         "speaker": None, "speaker_type": "unknown", "role": None},
    ]
    results = tmp_path / "tricky.jsonl"
    results.write_text(json.dumps({"id": "a<b>&c", "text": text, "quotes": quotes}) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site([results], site)
    (result,) = [r for r in iter_records(results)]
    html = browser.dump_dom(doc_page(site, "a<b>&c"))
    check_document_dom(html, text, result.quotes)
    elements = parse_dom(html)
    assert [el.attrs.get("src") for el in find(elements, "script")] == ["../site.js"]
    (title,) = find(elements, "title")
    assert "owned" not in title.text and "a<b>&c" in title.text


def test_screenshots_are_real_pictures_of_the_pages(gold_site, browser, tmp_path):
    model = SiteModel(load_texts(SEEDS))
    for record in iter_records(GOLD):
        model.add(record)
    model.finish()
    doc_id = "000_7247b9e7ac936e0a"
    for page, name in ((gold_site / "index.html", "index"), (doc_page(gold_site, doc_id), "document")):
        data = browser.screenshot(page, tmp_path / f"{name}.png", 1200, 900)
        width, height, rows = png_pixels(data)
        assert (width, height) == (1200, 900)
        bpp = len(rows[0]) // width
        counts = colour_counts(rows, bpp)
        assert len(counts) > 200, f"{name}: only {len(counts)} colours; is the page blank?"
        assert max(counts.values()) < 0.9 * width * height
        if name == "document":
            # the two speakers quoted at the top of the page, in their colours
            for speaker in ("Zhang Hanhui",):
                rgb = bytes.fromhex(model.colours[speaker].light[1:])
                assert counts.get(rgb, 0) > 2000, f"{speaker}'s colour is not on the page"
            cue_dark = bytes.fromhex(model.colours["Zhang Hanhui"].dark[1:])
            assert counts.get(cue_dark, 0) > 50
        else:
            blue = bytes.fromhex("1f77b4")  # the chart's direct quotes
            assert counts.get(blue, 0) > 1000
