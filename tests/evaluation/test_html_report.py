"""The HTML report of ``quotes evaluate``, rendered from the package's Jinja2 templates.

The page is read back as a browser would (entities resolved), not grepped: on the seed
articles with their gold annotations, predictions that differ in known ways (a dropped
quote, a wrong speaker, a shortened span, a headline claimed as a quote) must come out as
exactly those misses, false alarms and wrong speakers, with gold and predicted quotes
highlighted side by side over the untouched article text; and article text holding markup
or ``&`` stays text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterator, Optional, Union

import pytest

from quotes.evaluation import score_corpus
from quotes.evaluation.html_report import Layer, render_html, segments
from quotes.io.documents import load_texts
from quotes.io.results import read_results
from quotes.records import Quote, Result, Span

REPO = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- reading the page


VOID = {"meta", "img", "br", "hr", "link", "input"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, Optional[str]]
    children: list[Union["Node", str]] = field(default_factory=list)

    @property
    def cls(self) -> str:
        return self.attrs.get("class") or ""

    def iter(self) -> Iterator["Node"]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, where: Callable[["Node"], bool] = lambda n: True) -> list["Node"]:
        return [n for n in self.iter() if n.tag == tag and where(n)]

    def text(self, skip: tuple[str, ...] = ()) -> str:
        """The text a reader sees, leaving out the subtrees of the ``skip`` tags."""
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag not in skip:
                out.append(c.text(skip))
        return "".join(out)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    """The tree of ``page``; fails when a tag is closed out of order (malformed markup)."""
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed tags: " + ", ".join(n.tag for n in builder.stack[1:])
    return builder.root


def section_tables(root: Node) -> dict[str, list[list[str]]]:
    """The body rows (cell texts) of the table following each ``<h2>``, keyed by its text."""
    out: dict[str, list[list[str]]] = {}
    body = root.find_all("body")[0]
    heading = None
    for child in body.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "h2":
            heading = child.text()
            out[heading] = []
        elif child.tag == "table" and heading is not None and not out[heading]:
            out[heading] = [[td.text() for td in tr.find_all("td")] for tr in child.find_all("tr")][1:]
    return out


def doc_sections(root: Node) -> dict[str, Node]:
    """The ``<section>`` of each document, by the id its heading anchors."""
    out = {}
    for section in root.find_all("section"):
        h3 = section.find_all("h3")[0]
        assert h3.attrs["id"] == f"doc-{h3.text()}"
        out[h3.text()] = section
    return out


def highlighted(doctext: Node) -> dict[str, tuple[str, str]]:
    """``{tag: (css class, text)}`` of every quote content in a highlighted text; a quote cut
    into segments by other spans is put back together."""
    out: dict[str, tuple[str, str]] = {}
    for span in doctext.find_all("span", lambda n: n.cls.startswith("q-")):
        tag = span.attrs["title"].split(" ", 1)[0]
        cls, text = out.get(tag, (span.cls, ""))
        assert cls == span.cls, f"{tag} drawn as both {cls} and {span.cls}"
        out[tag] = (cls, text + span.text(skip=("sup",)))
    return out


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Result], dict[str, str]]:
    gold = read_results(REPO / "data" / "annotations")
    if not gold:
        pytest.skip("no gold annotations in data/annotations")
    return gold, load_texts(REPO / "seeds")


def predictions(gold: list[Result], texts: dict[str, str]) -> tuple[list[Result], dict[str, set]]:
    """The gold as predictions, changed in four known ways, and the findings they must give."""
    pred = [Result(r.id, [dataclasses.replace(q, confidence=0.9) for q in r.quotes]) for r in gold]
    d0, d1, d2, d3 = pred[:4]
    del d0.quotes[1]  # gold G2 of the first article is missed
    assert "Lavrov" not in (d1.quotes[0].speaker or "")
    d1.quotes[0] = dataclasses.replace(d1.quotes[0], speaker="Sergey Lavrov")  # right span, wrong speaker
    q = d2.quotes[0]  # found, but 5 characters short: an overlap match, not exact
    d2.quotes[0] = dataclasses.replace(q, start=q.start + 5, text=texts[d2.id][q.start + 5 : q.end])
    text3 = texts[d3.id]
    headline_end = text3.index("\n")  # the headline, which quotes no one
    assert all(g.start >= headline_end for g in gold[3].quotes)
    d3.quotes.append(Quote(0, headline_end, text3[:headline_end], "indirect", speaker="China", confidence=0.6))
    expected = {
        "miss": {(d0.id, "G2")},
        "false alarm": {(d3.id, f"P{len(d3.quotes)}")},
        "wrong speaker": {(d1.id, "G1~P1")},
        "overlap": {(d2.id, "G1"), (d2.id, "P1")},
    }
    return pred, expected


@pytest.fixture(scope="module")
def seeds_page(seeds):
    gold, texts = seeds
    pred, expected = predictions(gold, texts)
    score = score_corpus(gold, pred, texts=texts)
    return score, parse(render_html(score, png=b"\x89PNG fake chart bytes")), expected


def test_every_miss_false_alarm_and_wrong_speaker_is_listed(seeds_page):
    score, root, expected = seeds_page
    tables = section_tables(root)
    for what, title in (
        ("miss", "Misses (gold quotes not found)"),
        ("false alarm", "False alarms (predicted quotes not in the gold)"),
        ("wrong speaker", "Wrong speaker (matched quotes, strict speaker wrong)"),
    ):
        heading = f"{title}: {len(expected[what])}"
        assert heading in tables, sorted(tables)
        assert {(row[0], row[1]) for row in tables[heading]} == expected[what]
    assert not any(h.startswith("Wrong mention") for h in tables)  # the seeds name their speakers
    (wrong,) = tables["Wrong speaker (matched quotes, strict speaker wrong): 1"]
    assert "predicted: 'Sergey Lavrov'" in wrong[3]
    (miss,) = tables["Misses (gold quotes not found): 1"]
    doc0, text0 = score.documents[0], score.documents[0].text
    assert miss[2] in text0 and doc0.gold[1].quote.text in miss[2]  # the snippet is the article's


def test_gold_and_predicted_quotes_are_highlighted_side_by_side(seeds_page):
    score, root, expected = seeds_page
    sections = doc_sections(root)
    assert list(sections) == [d.id for d in score.documents]
    for d in score.documents:
        columns = sections[d.id].find_all("div", lambda n: n.cls == "cols")[0]
        titles = [h4.text() for h4 in columns.find_all("h4")]
        assert titles == ["gold", "predicted"]
        gold_text, pred_text = columns.find_all("div", lambda n: n.cls == "doctext")
        for doctext, items, prefix, unmatched in ((gold_text, d.gold, "G", "q-miss"), (pred_text, d.pred, "P", "q-fa")):
            # the article itself is untouched: only markup was added around it
            assert doctext.text(skip=("sup",)) == d.text
            quotes = highlighted(doctext)
            assert sorted(quotes) == sorted(f"{prefix}{i + 1}" for i in range(len(items)))
            for i, q in enumerate(items):
                ref = f"{prefix}{i + 1}"
                cls, text = quotes[ref]
                assert text == d.text[q.quote.start : q.quote.end]
                if (d.id, ref) in expected["miss"] | expected["false alarm"]:
                    assert cls == unmatched
                elif (d.id, ref) in expected["overlap"]:
                    assert cls == "q-overlap"
                else:
                    assert cls == "q-exact", (d.id, ref)
            cues = doctext.find_all("span", lambda n: n.cls == "cue")
            assert len({c.attrs["title"] for c in cues}) == sum(q.quote.cue is not None for q in items)


def test_summary_tables_and_chart_are_on_the_page(seeds_page):
    score, root, _ = seeds_page
    tables = section_tables(root)
    figures = {row[0]: row[1:] for row in tables["Detection, end to end and span sets"]}
    overlap = score.detection(exact=False)
    assert figures["content overlap"][3:] == [f"{overlap.tp_pred}/{overlap.n_pred}", f"{overlap.tp_gold}/{overlap.n_gold}"]
    assert [row[0] for row in tables["Documents"]] == [d.id for d in score.documents]
    (img,) = root.find_all("img")
    assert img.attrs["src"].startswith("data:image/png;base64,")


# --------------------------------------------------------------------------- escaping

TEXT = (
    'Officials posted <script>alert("R&D")</script> on the site. '
    "“We will not cut R&D <b>now</b>,” said Smith & Sons’ chief, Dr. Ann O’Neil."
)


def test_markup_and_ampersands_in_the_text_stay_text():
    def span(sub: str) -> Span:
        return Span(TEXT.index(sub), TEXT.index(sub) + len(sub), sub)

    content, cue, mention = span("We will not cut R&D <b>now</b>,"), span("said"), span("Dr. Ann O’Neil")
    quote = Quote(content.start, content.end, content.text, "direct", cue, mention, speaker="Ann O'Neil",
                  role="chief of Smith & Sons")
    script = span('<script>alert("R&D")</script>')
    gold = [Result("a&b<c>", [quote], text=TEXT)]
    pred = [Result("a&b<c>", [
        dataclasses.replace(quote, speaker='<img src=x onerror="alert(1)">'),
        Quote(script.start, script.end, script.text, "direct", speaker="Officials & co"),
    ])]
    page = render_html(score_corpus(gold, pred))
    assert "<script>" not in page and "<b>now" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "R&amp;D" in page and "Smith &amp; Sons" in page

    root = parse(page)
    section = doc_sections(root)["a&b<c>"]
    for doctext in section.find_all("div", lambda n: n.cls == "doctext"):
        assert doctext.text(skip=("sup",)) == TEXT
    pred_quotes = highlighted(section.find_all("div", lambda n: n.cls == "doctext")[1])
    assert pred_quotes["P2"] == ("q-fa", script.text)
    title = next(s.attrs["title"] for s in section.iter() if s.attrs.get("title", "").startswith("P1 "))
    assert '<img src=x onerror="alert(1)">' in title and "matched G1" in title
    links = {a.attrs["href"] for a in root.find_all("a")}
    assert links == {"#doc-a&b<c>"}
    tables = section_tables(root)
    (wrong,) = tables["Wrong speaker (matched quotes, strict speaker wrong): 1"]
    assert wrong[3] == "gold speaker: \"Ann O'Neil\"; predicted: '<img src=x onerror=\"alert(1)\">'"
    (alarm,) = tables["False alarms (predicted quotes not in the gold): 1"]
    assert alarm[2].startswith("Officials posted " + script.text)


def test_a_document_without_its_text_lists_its_quotes():
    quote = Quote(3, 12, "R&D <cut>", "indirect", speaker="Smith")
    page = render_html(score_corpus([Result("d", [quote])], [Result("d", [])]))
    section = doc_sections(parse(page))["d"]
    assert "text not available" in section.text()
    (item,) = section.find_all("li")
    assert item.find_all("span")[0].cls == "q-miss"
    assert item.text().startswith("G1: R&D <cut> (indirect; speaker: Smith")


def test_segments_cut_the_text_at_every_boundary_and_nest_overlaps():
    text = "He said “we agree” today."
    outer, inner = Layer(3, 18, "q-exact", "G1", "G1"), Layer(3, 7, "cue", "G1 cue")
    cut = segments(text, [outer, inner, Layer(30, 40, "q-fa", "off the end")])
    assert "".join(s.text for s in cut) == text
    assert [(s.text, [l.cls for l in s.layers], s.tags) for s in cut] == [
        ("He ", [], []),
        ("said", ["q-exact", "cue"], ["G1"]),
        (" “we agree”", ["q-exact"], []),
        (" today.", [], []),
    ]
