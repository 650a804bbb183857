"""Page zones of scraped news: what is article text and what must never yield quotes."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.text.zones import BLOCKED_LABELS, LABELS, Zone, blocked_ranges, find_zones

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
POLNEAR = REPO.parent / "shared" / "datasets" / "polnear"


def seed(name: str) -> str:
    (path,) = SEEDS.glob(name + "_*.txt")
    return path.read_text(encoding="utf-8")


def label_at(text: str, needle: str) -> str:
    """Label of the zone holding the first character of ``needle``."""
    i = text.index(needle)
    (zone,) = [z for z in find_zones(text) if z.start <= i < z.end]
    return zone.label


def is_blocked(text: str, needle: str) -> bool:
    i = text.index(needle)
    j = i + len(needle)
    return any(s <= i and j <= e for s, e in blocked_ranges(text))


ARTICLE = (
    "Russian Foreign Minister Sergey Lavrov praised the ties between Moscow and Beijing in an "
    "interview with Chinese media on Monday.\n\n"
    "“We want the architecture of international relations to be fair,” said Lavrov.\n\n"
    "By contrast, officials in Washington said the talks were a distraction from the war.\n\n"
    "Sources said the visit had been planned for months.\n\n"
    "He said:\n\n"
    "“We will never accept this.”\n\n"
)


# --- the seeds: real scraped pages ------------------------------------------


def test_seed_000_headline_body_source_line_and_numbered_comments():
    text = seed("000")
    assert label_at(text, "China Will Work With Russia") == "headline"
    # the standfirst under the headline has no final period either
    assert label_at(text, "Ambassador also defended") == "headline"
    assert label_at(text, "“Fifty years ago") == "body"
    assert label_at(text, "Biden has pledged to stand up") == "body"
    assert label_at(text, "Source: South China Morning Post") == "boilerplate"
    for comment in ("1. Mychal says", "This is so good for the world", "Jerry Hood says", "Olmecs", "Leave A Reply",
                    "Your email address will not be published"):
        assert is_blocked(text, comment), comment
    assert label_at(text, "This is so good for the world") == "comments"


def test_seed_001_blogger_comment_before_its_reply_links():
    text = seed("001")
    assert label_at(text, "President Vladimir Putin said on Wednesday") == "body"
    assert label_at(text, "Interesting Article. What if Putin") == "comments"
    assert label_at(text, "ReplyDelete") == "comments"
    assert not is_blocked(text, "“I want to fully join your appreciation")


def test_seed_002_navigation_dateline_byline_caption_links_and_cookies():
    text = seed("002")
    assert label_at(text, "icon bookmark") == "boilerplate"
    assert label_at(text, "30 Dec, 2021 16:31") == "byline"
    assert label_at(text, "HomeRussia & FSU") == "boilerplate"
    assert label_at(text, "China urges Russia to cooperate") == "headline"
    assert label_at(text, "Beijing’s representative in Moscow believes") == "headline"
    assert label_at(text, "By Jonny Tickle") == "byline"
    assert label_at(text, "FILE PHOTO. © Reuters / Jorge Silva") == "caption"
    assert label_at(text, "The US is putting pressure on China") == "body"
    assert label_at(text, "READ MORE: China responds") == "boilerplate"
    assert label_at(text, "“No matter what changes occur") == "body"
    for junk in ("Top stories", "RT Explainers", "How Omicron might affect Ghislaine Maxwell hearing EXPLAINER",
                 "Did China ban Steam this Christmas?", "All podcasts", "RT News App", "All rights reserved",
                 "This website uses cookies", "Accept cookies"):
        assert is_blocked(text, junk), junk


def test_seed_003_keyword_lines_caption_sentences_and_credits():
    text = seed("003")
    for caption in ("Russia, Lavrov, China, Wang, Guilin, Guangxin",
                    "Russian Foreign Minister Sergey Lavrov clashes with Chinese Foreign Minister",
                    "Russian Ministry of Foreign Affairs\n",
                    "china, russia, military, partnership, training",
                    "Russian Ministry of Defense"):
        assert label_at(text, caption) == "caption", caption
    # the same words in the article itself stay body
    assert label_at(text, "The Russian Ministry of Foreign Affairs issued a statement") == "body"
    assert label_at(text, "“Ministers were informed") == "body"
    last = find_zones(text)[-1]
    assert (text[last.start : last.end].strip(), last.label) == ("Source", "boilerplate")


def test_seed_004_advertisement_reply_and_cookie_tail():
    text = seed("004")
    assert label_at(text, "- Advertisement -") == "boilerplate"
    assert label_at(text, "Beijing is looking to deepen its ties") == "body"
    assert label_at(text, "A statement from the Chinese Foreign Ministry said") == "body"
    assert label_at(text, "Leave a Reply") == "comments"
    assert label_at(text, "This website uses cookies") == "boilerplate"


# --- general rules on built pages ---------------------------------------------


def test_clean_article_is_all_body_even_with_risky_first_words():
    zones = find_zones(ARTICLE)
    assert [z.label for z in zones] == ["body"]
    assert blocked_ranges(ARTICLE) == []


def test_comment_count_under_the_headline_does_not_swallow_the_article():
    text = (
        "Lavrov hails ties with Beijing\n\n12 Comments\n\nBy Maria Petrova, Staff Writer\nMarch 22, 2021\n\n"
        + ARTICLE
        + "3 Comments\n\nJohn Smith says:\nMarch 22, 2021 at 4:15 pm\n\n"
        "This is all propaganda, he said nothing new.\n\nReply\n\n"
        "Anna K says:\nMarch 23, 2021 at 9:02 am\n\n“Fair” is a strange word here.\n\nReply\n"
    )
    assert label_at(text, "Lavrov hails ties") == "headline"
    assert label_at(text, "12 Comments") == "boilerplate"
    assert label_at(text, "By Maria Petrova") == "byline"
    assert label_at(text, "March 22, 2021\n\nRussian") == "byline"
    assert label_at(text, "“We want the architecture") == "body"
    assert label_at(text, "“We will never accept this.”") == "body"
    assert label_at(text, "3 Comments") == "comments"
    assert label_at(text, "“Fair” is a strange word") == "comments"


def test_related_story_lists_share_buttons_and_legal_lines():
    text = (
        ARTICLE
        + "Related\n\nChina and Russia sign gas deal\nPutin to visit Beijing in spring\n"
        "Lavrov meets Wang Yi in Guilin\n\nShare this:\nTwitter\nFacebook\n\n"
        "Follow us on Twitter @newsdesk\nSubscribe to our newsletter\n"
        "© 2021 Global News Network. All rights reserved."
    )
    assert label_at(text, "“We will never accept this.”") == "body"
    start = text.index("Related")
    assert [z.label for z in find_zones(text) if z.start >= start] == ["boilerplate"]


def test_photo_caption_line_before_the_article():
    text = "Photo: Lavrov and Wang Yi in Guilin, March 22, 2021 (AP Photo/Andy Wong)\n\n" + ARTICLE
    assert label_at(text, "Photo: Lavrov") == "caption"
    assert label_at(text, "Russian Foreign Minister Sergey Lavrov praised") == "body"


def test_short_lines_reporting_speech_stay_body():
    text = (
        ARTICLE
        + "Key points of the statement:\n\nPutin says the West is to blame\nXi says ties are at a historic high\n"
        "Lavrov says talks will continue\n\nThe meeting ended on Tuesday."
    )
    assert label_at(text, "Putin says the West") == "body"
    assert blocked_ranges(text) == []


def test_hard_wrapped_paragraph_with_a_tag_like_line_stays_body():
    text = (
        "The talks in Beijing covered a long list of partners, among them\n"
        "Russia, China, Iran, North Korea and\n"
        "several others, the ministry said in a statement on Monday, adding that\n"
        '"we will keep talking to all of them."\n\n'
        "The next round is due in March.\n"
    )
    assert label_at(text, "Russia, China, Iran") == "body"
    assert blocked_ranges(text) == []


def test_speaker_headings_in_a_debate_transcript_are_not_a_comment_thread():
    text = ARTICLE + "Trump says:\n\n“We will win.”\n\nClinton says:\n\n“No, you won't.”\n\nThe debate ended at 11 p.m.\n"
    assert label_at(text, "Trump says:") == "body"
    assert blocked_ranges(text) == []


def test_empty_and_blank_texts():
    assert find_zones("") == []
    assert find_zones("  \n\n ") == [Zone(0, 5, "body")]


# --- properties -------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Leave a Reply", "1. Mychal says", "Reply", "By Jonny Tickle", "30 Dec, 2021 16:31", "READ MORE: x",
    "Russia, Lavrov, China, Wang", "“We are ready,” Zhang said.", "Top stories", "FILE PHOTO. © Reuters",
    "China urges Russia to cooperate", "", " ", "\u00a0", "ReplyDelete", "x" * 130, "Accept cookies",
]), max_size=30), st.sampled_from(["\n", "\n\n", "\r\n", " \n \n"]))
def test_zones_cover_any_page_contiguously(lines, sep):
    text = sep.join(lines)
    _check_cover(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_zones_cover_any_text_contiguously(text):
    _check_cover(text)


def _check_cover(text: str) -> None:
    zones = find_zones(text)
    if not text:
        assert zones == []
        return
    assert zones[0].start == 0 and zones[-1].end == len(text)
    for a, b in zip(zones, zones[1:]):
        assert a.end == b.start and a.label != b.label
    assert all(z.start < z.end and z.label in LABELS for z in zones)
    assert blocked_ranges(text) == [(z.start, z.end) for z in zones if z.label in BLOCKED_LABELS]


def test_zones_cover_a_large_page():
    page = seed("002") + "\n\n" + seed("003")
    big = (page + "\n\n") * (1_000_000 // len(page))
    zones = find_zones(big)
    assert zones[0].start == 0 and zones[-1].end == len(big)


# --- PolNeAR: clean news, nothing may be blocked ------------------------------


def _content_spans(ann: Path):
    lines: list[str] = []
    for raw in ann.read_text(encoding="utf-8").split("\n"):
        if re.match(r"(T|E|#)\d+\t", raw) or not lines:
            lines.append(raw)
        else:
            lines[-1] += "\n" + raw
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T") and parts[1].startswith("Content "):
            for frag in parts[1].split(" ", 1)[1].split(";"):
                yield tuple(map(int, frag.split()))


@pytest.mark.polnear
def test_polnear_dev_gold_contents_are_never_blocked():
    if not (POLNEAR / "index.tsv").exists():
        pytest.skip("PolNeAR not available")
    rows = [r for r in csv.DictReader(open(POLNEAR / "index.tsv"), delimiter="\t") if r["compartment"] == "dev"]
    gold = blocked = 0
    for row in rows:
        text = (POLNEAR / row["text_path"]).read_text(encoding="utf-8")
        ranges = blocked_ranges(text)
        for s, e in _content_spans(POLNEAR / row["canonical_ann"]):
            gold += e - s
            blocked += sum(max(0, min(e, b) - max(s, a)) for a, b in ranges)
    print(f"PolNeAR dev gold content characters in blocked ranges: {blocked}/{gold}")
    assert gold > 100_000
    assert blocked / gold < 0.001
