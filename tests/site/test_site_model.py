"""The site model and the written files, without a browser: counts, merged names, colours,
escaping, file names, highlighting, bad input and the command line."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import GOLD, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from site_browser import find, layer_texts, parse_dom

from quotes.cli.app import main
from quotes.io.documents import load_texts
from quotes.io.results import read_results
from quotes.io.speaker_index import build_index
from quotes.records import Quote, Result, Span
from quotes.site import build_site
from quotes.site.chart import ChartRow, quotes_chart
from quotes.site.highlight import Close, Layer, Open, Text, covered, tokens
from quotes.site.model import SiteModel
from quotes.site.names import assign_colours, page_name, preferred_hue, slug
from quotes.site.render import keep_text
from quotes.site.source import iter_records

BEIJING = (
    "Chinese Foreign Minister Wang Yi said on Monday that China is ready to deepen trust with Russia. "
    "“The door to dialogue remains open,” Wang told reporters. "
    "Foreign Ministry spokesman Wang Wenbin said Beijing opposed unilateral sanctions."
)


def near(text: str, part: str, anchor: int) -> Span:
    """The occurrence of ``part`` in ``text`` nearest to ``anchor``."""
    found = [m.start() for m in re.finditer(re.escape(part), text)]
    start = min(found, key=lambda i: abs(i - anchor))
    return Span.of(text, start, start + len(part))


def q(text: str, content: str, speaker, mention: str = None, cue: str = None, kind: str = "indirect") -> Quote:
    start = text.index(content)
    m = near(text, mention, start) if mention else None
    c = near(text, cue, start) if cue else None
    return Quote(start, start + len(content), content, kind, c, m, speaker, "person" if speaker else "unknown")


def beijing_results() -> list[Result]:
    t = BEIJING
    return [
        Result("beijing-1", [
            q(t, "China is ready to deepen trust with Russia", "Foreign Minister Wang Yi", "Chinese Foreign Minister Wang Yi", "said"),
            q(t, "The door to dialogue remains open", "Wang", "Wang", "told", "direct"),
            q(t, "Beijing opposed unilateral sanctions", "Wang Wenbin", "Foreign Ministry spokesman Wang Wenbin", "said"),
        ], text=t),
        Result("beijing-2", [q(t, "China is ready to deepen trust with Russia", "wang yi")], text=t),
        Result("failed-3", error="text too long: 3000000 characters (limit 2000000)"),
    ]


def write_jsonl(path: Path, results: list[Result]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r.to_dict(include_text=True), ensure_ascii=False) + "\n")
    return path


def model_of(paths, texts=None) -> SiteModel:
    model = SiteModel(texts)
    for p in paths:
        for record in iter_records(Path(p)):
            model.add(record)
    model.finish()
    return model


# --------------------------------------------------------------------------- counts and names


def test_counts_of_the_seeds_gold_agree_with_the_speaker_index():
    model = model_of([GOLD], load_texts(SEEDS))
    view = model.index_view()
    gold = read_results(GOLD)
    entries = build_index([GOLD]).entries()
    assert [(s.entry.speaker, s.entry.n_quotes, s.entry.n_documents) for s in view.speakers] == [
        (e.speaker, e.n_quotes, e.n_documents) for e in entries
    ]
    assert view.n_quotes == sum(len(r.quotes) for r in gold)
    assert [d.n_quotes for d in view.documents] == [len(r.quotes) for r in gold]
    assert all(d.has_text for d in view.documents) and view.errors == [] and view.unreadable == []
    # per kind, per speaker: the chart's numbers add up to the speaker's quotes
    for s in view.speakers:
        assert sum(s.by_kind.values()) == s.entry.n_quotes


def test_name_variants_become_one_speaker_page(tmp_path):
    site = tmp_path / "site"
    report = build_site([write_jsonl(tmp_path / "r.jsonl", beijing_results())], site)
    assert report.n_documents == 2 and report.n_errors == 1
    model = model_of([tmp_path / "r.jsonl"])
    assert set(model.speakers) == {"Wang Yi", "Wang Wenbin", "Wang"}  # a bare Wang fits both: kept apart
    assert model.speakers["Wang Yi"].entry.n_quotes == 2  # "Foreign Minister Wang Yi" and "wang yi"
    assert model.speakers["Wang Yi"].entry.n_documents == 2
    page = (site / model.speakers["Wang Yi"].page).read_text(encoding="utf-8")
    elements = parse_dom(page)
    assert find(elements, "dd", id="n-quotes")[0].text == "2"
    hrefs = [a.attrs["href"] for a in find(elements, "a") if "#q" in a.attrs.get("href", "")]
    assert hrefs[0] == "../" + model.records[0].page + "#q1"
    assert all((site / h[3:].split("#")[0]).exists() for h in hrefs)
    # the document page's legend names the merged speaker, linked to the page
    doc = parse_dom((site / model.records[0].page).read_text(encoding="utf-8"))
    legend = [a.text for a in find(doc, "a") if a.attrs.get("href", "").startswith("../speakers/")]
    assert "Wang Yi" in legend and "Foreign Minister Wang Yi" not in legend


def test_error_records_and_documents_without_text_are_listed(tmp_path):
    results = beijing_results()
    results[1].text = None  # no text here and none from --texts
    site = tmp_path / "site"
    report = build_site([write_jsonl(tmp_path / "r.jsonl", results)], site)
    assert report.without_text == ["beijing-2"]
    index = parse_dom((site / "index.html").read_text(encoding="utf-8"))
    errors = [li.text for li in find(index, "li") if "failed-3" in li.text]
    assert errors == ["failed-3: text too long: 3000000 characters (limit 2000000)"]
    assert not any("failed-3" in p.name for p in (site / "documents").iterdir())
    page = parse_dom((site / "documents" / page_name("beijing-2")).read_text(encoding="utf-8"))
    assert find(page, "p", id="no-text") and not find(page, "div", id="text")
    (row,) = find(page, "tr", id="q1")  # the quote's anchor is its row when there is no text
    assert "China is ready to deepen trust with Russia" in row.text


# --------------------------------------------------------------------------- colours and names


def test_colours_are_stable_and_differ_within_a_document():
    def gap(colours):
        hues = [c.hue for c in colours.values()]
        return min(min(abs(a - b) % 360, 360 - abs(a - b) % 360) for i, a in enumerate(hues) for b in hues[i + 1 :])

    speakers = [f"Speaker {i}" for i in range(8)]
    colours = assign_colours(speakers, [speakers])
    assert gap(colours) >= 40  # eight in one document: 40 degrees apart
    assert gap(assign_colours(speakers[:5], [speakers[:5]])) >= 60  # five: 60
    crowd = [f"Speaker {i}" for i in range(30)]  # more speakers than hues: every hue is used
    assert len({c.hue for c in assign_colours(crowd, [crowd]).values()}) == 18
    again = assign_colours(list(speakers), [list(reversed(speakers))])
    assert again == colours
    # alone, a speaker gets the hue its name asks for, whatever else is in the corpus
    alone = assign_colours(["Wang Yi", "Sergey Lavrov"], [["Wang Yi"], ["Sergey Lavrov"]])
    assert alone["Wang Yi"].hue == preferred_hue("Wang Yi")
    assert alone["Sergey Lavrov"].hue == preferred_hue("Sergey Lavrov")
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for col in colours.values() for c in (col.light, col.mid, col.dark))


def test_page_names_are_safe_and_unique():
    ids = ["../../etc/passwd", "A/B", "a-b", "a b", "Ünïcödé 新闻", "???", "x" * 500, "CON", "a\x00b", ""]
    names = [page_name(i) for i in ids]
    assert len(set(names)) == len(names)
    for name in names:
        assert re.fullmatch(r"[a-z0-9-]+\.html", name) and len(name) <= 40 + 1 + 8 + 5
    assert slug("Ünïcödé 新闻") == "unicode"
    assert page_name("???") == page_name("???") and page_name("???") != page_name("???", "1")


def test_repeated_and_hostile_ids_get_their_own_pages_inside_the_site(tmp_path):
    text = "“We will win,” the mayor said."
    quote = q(text, "We will win,", "Mayor Ann Lee", "the mayor", "said", "direct")
    results = [Result(i, [quote], text=text) for i in ("../../escape", "dup", "dup", "<img src=x onerror=alert(1)>")]
    site = tmp_path / "site"
    report = build_site([write_jsonl(tmp_path / "r.jsonl", results)], site)
    assert report.n_pages == 4
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len([w for w in written if w.startswith("documents/")]) == 4
    assert not (tmp_path / "escape").exists() and all(".." not in w for w in written)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in index and "&lt;img src=x onerror=alert(1)&gt;" in index


# --------------------------------------------------------------------------- escaping and highlighting


def test_text_is_escaped_and_kept_character_for_character(tmp_path):
    text = "Tom & Jerry <i>said</i>:\r\n“It’s <script>alert(1)</script> fine,” Tom said.\t\n"
    content = "It’s <script>alert(1)</script> fine,"
    results = [Result("esc", [q(text, content, "Tom", "Tom", "said", "direct")], text=text)]
    site = tmp_path / "site"
    build_site([write_jsonl(tmp_path / "r.jsonl", results)], site)
    html = (site / "documents" / page_name("esc")).read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#13;\n" in html and "\r" not in html
    elements = parse_dom(html)
    (doctext,) = find(elements, "div", id="text")
    assert doctext.text == text  # html.parser, like a browser, reads &#13; back as "\r"
    assert layer_texts(elements, "content") == {1: content}
    assert str(keep_text("a\r\nb<")) == "a&#13;\nb&lt;"


def test_crossing_and_nested_spans_nest_as_tags_and_cover_their_characters():
    text = "0123456789abcdefghij"
    layers = [
        Layer(2, 12, "content", 1, "#fff"),
        Layer(5, 15, "content", 2, "#eee"),  # crosses 1
        Layer(6, 8, "cue", 2, "#000"),  # inside both
        Layer(10, 14, "mention", 1, "#ccc"),  # starts inside 1, ends after it
    ]
    toks = tokens(text, layers)
    assert "".join(t.text for t in toks if isinstance(t, Text)) == text
    stack = []
    for t in toks:
        if isinstance(t, Open):
            stack.append(t.layer)
        elif isinstance(t, Close):
            assert stack.pop() == t.layer  # properly nested
    assert stack == []
    for l in layers:
        assert covered(toks, l.role, l.quote) == text[l.start : l.end]
    firsts = [t.layer.quote for t in toks if isinstance(t, Open) and t.first and t.layer.role == "content"]
    assert firsts == [1, 2]


@st.composite
def text_and_spans(draw):
    """A text and up to 8 spans mostly inside it (some run past an end or are empty)."""
    text = draw(st.text(alphabet="ab “”<&\n\r", min_size=1, max_size=40))
    bound = st.integers(-2, len(text) + 2)
    spans = draw(st.lists(st.tuples(bound, bound, st.sampled_from(["content", "cue", "mention"])), max_size=8))
    return text, [(min(a, b), max(a, b), role) for a, b, role in spans]


@settings(max_examples=200, deadline=None)
@given(text_and_spans())
def test_any_spans_nest_and_cover_their_text(case):
    text, spans = case
    layers = [Layer(a, b, role, i + 1, "#fff") for i, (a, b, role) in enumerate(spans)]
    toks = tokens(text, layers)
    assert "".join(t.text for t in toks if isinstance(t, Text)) == text
    depth = 0
    for t in toks:
        depth += 1 if isinstance(t, Open) else -1 if isinstance(t, Close) else 0
        assert depth >= 0
    assert depth == 0
    for l in layers:
        a, b = max(0, min(l.start, len(text))), max(0, min(l.end, len(text)))
        assert covered(toks, l.role, l.quote) == (text[a:b] if a < b else None)


def test_a_quote_whose_text_does_not_match_its_offsets_is_flagged(tmp_path):
    text = "“We are ready,” Zhang said."
    quote = Quote(1, 14, "We are steady", "direct", speaker="Zhang Hanhui", speaker_type="person")
    site = tmp_path / "site"
    build_site([write_jsonl(tmp_path / "r.jsonl", [Result("m", [quote], text=text)])], site)
    page = parse_dom((site / "documents" / page_name("m")).read_text(encoding="utf-8"))
    (problem,) = find(page, "small", class_="problem")
    assert problem.text == "content text differs from the document at [1, 14)"


# --------------------------------------------------------------------------- the chart


def test_the_chart_is_svg_with_a_bar_per_speaker_and_kind():
    rows = [ChartRow("Wang <Yi>", "speakers/w.html", {"direct": 3, "mixed": 1}), ChartRow("Lee & Co", "speakers/l.html", {"indirect": 2})]
    svg = ET.fromstring(quotes_chart(rows))
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r.find(f"{ns}title").text for r in svg.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert bars == ["Wang <Yi>: 3 direct", "Wang <Yi>: 1 mixed", "Lee & Co: 2 indirect"]
    widths = {b: float(r.get("width")) for b, r in zip(bars, [r for r in svg.iter(f"{ns}rect") if r.find(f"{ns}title") is not None])}
    assert widths["Wang <Yi>: 3 direct"] == 3 * widths["Wang <Yi>: 1 mixed"]
    assert quotes_chart([]) == ""


# --------------------------------------------------------------------------- reading and the command line


def test_an_unreadable_line_is_reported_and_loses_nothing_else(tmp_path, capsys):
    good = write_jsonl(tmp_path / "r.jsonl", beijing_results()).read_text(encoding="utf-8").splitlines()
    lines = [good[0], '{"id": "broken", "quotes": [', good[1], '{"id": "nostart", "quotes": [{"end": 3}]}', good[2]]
    path = tmp_path / "mixed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    site = tmp_path / "site"
    assert main(["view", str(path), "-o", str(site), "-q"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"quotes view: {path}: line 2: malformed JSON")
    assert err[1] == f"quotes view: {path}: line 4: a quote or span lacks 'start'"
    assert len(err) == 2  # -q: no progress bar, no summary
    assert (site / "documents" / page_name("beijing-1")).exists() and (site / "documents" / page_name("beijing-2")).exists()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f"{path}: line 4: a quote or span lacks &#39;start&#39;" in index


def test_the_command_line_builds_from_gold_and_texts(tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["view", str(GOLD), "--texts", str(SEEDS), "-o", str(site), "--title", "Seeds & co"]) == 0
    err = capsys.readouterr().err
    assert "writing" in err and "5 documents (0 without text)" in err  # progress bars and summary on stderr
    assert {p.name for p in site.iterdir()} == {"index.html", "site.css", "site.js", "speakers", "documents"}
    assert len(list((site / "documents").iterdir())) == 5
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Seeds &amp; co</title>" in index
    # offline: nothing is fetched from elsewhere; every link stays inside the site
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", html), page
        for link in re.findall(r"(?:src|href)=\"([^\"#]+)", html):
            assert (page.parent / link).resolve().is_file(), f"{page.name}: broken link {link}"


def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys):
    assert main(["view", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "s")]) == 2
    assert capsys.readouterr().err.strip() == f"quotes view: error: {tmp_path / 'missing.jsonl'}: no such file or folder"
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert main(["view", str(GOLD), "-o", str(not_a_folder), "-q"]) == 2
    assert capsys.readouterr().err.strip() == f"quotes view: error: {not_a_folder}: exists and is not a folder"
