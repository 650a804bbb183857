"""Page zones of scraped news text: which regions may hold quotes at all.

Scraped pages carry more than the article: navigation and icon soup, cookie
notices, "READ MORE" links and lists of other stories, bylines and datelines,
photo captions and credits, keyword lists, and reader comments under the article.
Quotation marks and reporting verbs are everywhere in those (a reader comment
"says"), so the extractor must never look there. Clean corpora (PolNeAR) have
none of it, so the rules here are tuned to keep real paragraphs as body: when in
doubt a line is body.

The unit is the line. Each line is labelled by its own shape (short, no final
period, known phrases) and by its neighbours (a block of short title lines, the
tail of the page after a comment marker), and consecutive lines with the same
label become one :class:`Zone`. Blank lines and the line ends belong to the zone
of the line before them, so the zones cover the text without gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

__all__ = ["Zone", "LABELS", "BLOCKED_LABELS", "find_zones", "blocked_ranges"]

LABELS = ("headline", "body", "boilerplate", "comments", "caption", "byline")
BLOCKED_LABELS = frozenset({"boilerplate", "comments", "caption", "byline"})


@dataclass(frozen=True)
class Zone:
    """A contiguous region ``[start, end)`` of the text with its page-zone label."""

    start: int
    end: int
    label: str


@dataclass
class _Line:
    start: int  # first character of the line
    end: int  # end of the line's text (before the line end)
    text: str  # the line, stripped
    hard_before: bool  # a blank line (or the text start) precedes it


_NL = "\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
# a non-blank line, without its surrounding whitespace
_LINE_RE = re.compile("[^\\s]+(?:[^\\S" + _NL + "]+[^\\s]+)*")
_LINE_END_RE = re.compile("\r\n|[" + _NL + "]")

# --- whole-line patterns (matched against the stripped line) ---------------

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAYS = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}))?"
_DATELINE_RE = re.compile(
    r"(?:(?:Published|Updated|Posted|Last updated|Modified|Date)\s*(?:on|:)?\s*)?"
    r"(?:" + _WEEKDAYS + r"\s*)?"
    r"(?:\d{1,2}\s+" + _MONTHS + r",?\s+\d{4}|" + _MONTHS + r"\s+\d{1,2},?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:\s*[,|/@-]?\s*(?:at\s+)?" + _TIME + r")?"
    r"(?:\s*[|/-]\s*(?:Updated|Last updated):?.*)?\.?",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"(?:(?:Written|Posted|Reported|Story|Text|Words)\s+)?[Bb][Yy][:\s]\s*"
    r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|da|al|bin|and|&))"
    r"{0,5}(?:\s*(?:[,|/\u2013\u2014-]|\bfor\b|\bin\b).{0,60})?"
)
_AUTHOR_RE = re.compile(
    r"(?:(?:Author|Reporter|Editor)\s*:|(?:Additional )?(?:Edited|Reporting|Reported|Written) by)\s+\S.{0,60}", re.I
)

# Short navigation/teaser lines; they never end like a sentence.
_BOILERPLATE_RE = re.compile(
    r"(?:"
    r"[-\u2013\u2014\s]*advertisement[-\u2013\u2014\s]*|ad|ads|sponsored(?: content)?|"
    r"read more|read more\W.*|read (?:also|next)\W.*|also read\W.*|see also\W.*|related\W*|related:.*|"
    r"related (?:articles|stories|posts|news|topics|content|coverage)\W*|recommended(?: for you)?\W*|"
    r"more (?:from|stories|news|on this story)\b.{0,60}|you (?:may|might) also like\W*|"
    r"top stories|most (?:read|popular|viewed|shared)|trending(?: now)?|latest(?: news)?|"
    r"editor'?s picks?|popular(?: posts)?|podcasts?|all podcasts|videos?|photos?|watch|listen|"
    r"share|share (?:this|on|via)\b.{0,60}|"
    r"(?:follow|like) us(?: on)?\b.{0,60}|follow @\S+.{0,40}|"
    r"subscribe\b.{0,80}|sign (?:up|in)\b.{0,80}|log ?in|log ?out|register|newsletters?\W*|"
    r"source\s*:.{0,60}|sources?|tags?\s*:.*|topics?\s*:.*|filed under\W.*|categor(?:y|ies)\s*:.*|"
    r"home|home\s*[>/|\u203a\u00bb].*|home(?=[A-Z]).{0,60}|menu|search|skip to (?:main )?content|"
    r"click here\b.{0,80}|print|email|comments are closed\W*|"
    r"accept(?: all)? cookies\W*|(?:accept|agree|reject|decline)(?: all)?|cookie (?:policy|settings)\W*|"
    r"privacy policy\W*|terms of (?:use|service)\W*|"
    r".{0,60}\bnews app|download (?:the|our) app.*"
    r")(?<![.!?])",
    re.IGNORECASE,
)
# Legal and cookie lines: boilerplate however they end.
_BOILERPLATE_ANY_RE = re.compile(
    r"(?:"
    r"(?:\u00a9|\(c\)|copyright\b).{0,200}|.{0,120}all rights reserved\W?.{0,80}|"
    r".{0,40}\b(?:this|our) (?:web)?site uses cookies\b.*|.{0,80}\buses? cookies\b.{0,200}|"
    r"(?:read|see) (?:our|the) .{0,40}privacy policy.*|"
    r"please enable javascript.*|your browser (?:does not|doesn't) support.*"
    r")",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"(?:(?<![\w\u0300-\u036f])\u00a9|\bfile photo\b|\bphoto\s*(?:by|credit)?\s*:|\(photo\b|\bphotograph:|"
    r"\bimage(?: credit)?\s*:|\bpicture\s*:|\bcredit\s*:|\bgetty images\b|\bap photo\b|"
    r"(?-i:\bREUTERS/)|[/|]\s*(?:reuters|afp|ap|epa|getty)\b|\bvia reuters\b|\bshutterstock\b|\bistock(?:photo)?\b|"
    r"\bsputnik\s*/|\btass\s*/|\bwikimedia commons\b)",
    re.IGNORECASE,
)
# Reader comments: where the tail of the page starts.
_COMMENT_START_RE = re.compile(
    r"(?:leave a (?:reply|comment)\W*|\d+\s+(?:comments?|responses?|replies|thoughts? on .{0,120})\W*|"
    r"(?:reader )?comments?\W*(?:\(\d+\))?|add (?:a|your) comment\W*|post a comment\W*|"
    r"join the (?:discussion|conversation)\W*|show(?:ing)? \d* ?comments\W*|view comments\W*|"
    r"your email address will not be published.*)",
    re.IGNORECASE,
)
_COMMENTER_RE = re.compile(
    r"(?:\d{1,3}[.)]\s+)?[\w@][\w.'\u2019 @-]{0,40}?\s+(?:says|wrote|writes|commented)\s*:?",
)
_REPLY_LINE_RE = re.compile(r"ReplyDelete|(?:Reply|Delete|Report|Reply\s*\u2193)\s*$", re.I)
_KEYWORD_ITEM_RE = re.compile(r"[\w\u2019'&.-]+(?:\s+[\w\u2019'&.-]+){0,2}")

_SENTENCE_END = ".!?\u2026\"\u201d\u2019'"
_CUE_RE = re.compile(r"\b(?:said|says|told|tells|according to|warned|warns|added|announced|stated)\b", re.I)
_INNER_SENTENCE_RE = re.compile(r"[a-z]{2}\. +[\[(A-Z]")  # a sentence ends inside the line
_FINAL_PUNCT = ".!?\u2026:;,"
_QUOTE_CHARS = "\"\u201c\u201d\u201e\u00ab\u00bb"


def _lines(text: str) -> list[_Line]:
    """The non-blank lines, with whether a blank line (or the text start) precedes each."""
    out: list[_Line] = []
    prev_end = -1
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        gap = text[prev_end:s] if prev_end >= 0 else ""
        hard = prev_end < 0 or len(_LINE_END_RE.findall(gap)) >= 2 or "\u2029" in gap
        out.append(_Line(s, e, m.group(), hard))
        prev_end = e
    return out


def _is_title_like(s: str, limit: int = 120) -> bool:
    """Short, with no sentence-final punctuation and no quotation marks."""
    return (
        len(s) <= limit
        and s[-1] not in _FINAL_PUNCT
        and not any(c in _QUOTE_CHARS for c in s)
    )


def _is_keyword_line(s: str) -> bool:
    """`Russia, Lavrov, China, Wang` / `china, russia, military`: a tag list, not a sentence."""
    if len(s) > 160 or s[-1] in ".!?\u2026\"\u201d" or any(c in _QUOTE_CHARS for c in s):
        return False
    items = [p.strip() for p in s.split(",")]
    if len(items) < 4 or any(not p for p in items):
        return False
    if not all(_KEYWORD_ITEM_RE.fullmatch(p) for p in items):
        return False
    # a sentence with commas has verbs and function words; tags are bare names
    words = s.lower().replace(",", " ").split()
    function = {"the", "a", "an", "and", "or", "of", "to", "is", "are", "was", "said", "says", "in", "on", "for"}
    return sum(w in function for w in words) <= 1


_CREDIT_HINTS = ("\u00a9", "/", "|", "photo", "image", "picture", "credit", "getty", "shutterstock", "istock", "commons")


def _may_be_credit(s: str) -> bool:
    """Cheap pre-check before the credit regex (which is slow to search on every line)."""
    low = s.lower()
    return any(h in low for h in _CREDIT_HINTS)


def _is_icon_soup(s: str) -> bool:
    low = s.lower()
    if low.count("icon") >= 4:
        return True
    words = s.split()
    # long runs of words with no sentence punctuation at all
    return len(words) >= 40 and not any(c in s for c in ".!?,;\u201c\"")


def _line_label(ln: _Line) -> Optional[str]:
    """Label a line can have by its own shape alone, or None (decided later)."""
    s = ln.text
    if _is_icon_soup(s):
        return "boilerplate"
    if len(s) <= 200 and _BOILERPLATE_RE.fullmatch(s):
        return "boilerplate"
    if len(s) <= 400 and _BOILERPLATE_ANY_RE.fullmatch(s):
        return "boilerplate"
    if len(s) <= 80 and s[-1] not in ".!?" and (_BYLINE_RE.fullmatch(s) or _AUTHOR_RE.fullmatch(s)):
        return "byline"
    if len(s) <= 80 and _DATELINE_RE.fullmatch(s):
        return "byline"
    if len(s) <= 250 and _may_be_credit(s) and _CREDIT_RE.search(s) and not any(c in _QUOTE_CHARS for c in s):
        return "caption"
    if _is_keyword_line(s):
        return "caption"
    return None


def _thread_follows(lines: list[_Line], labels: list[Optional[str]], i: int) -> bool:
    """A comment date right under line ``i`` or a "Reply" link further down."""
    if any(labels[k] == "byline" for k in range(i + 1, min(i + 3, len(lines)))):
        return True
    return any(_REPLY_LINE_RE.match(ln.text) for ln in lines[i + 1 :])


def _comment_tail(lines: list[_Line], labels: list[Optional[str]], n_chars: int) -> Optional[int]:
    """Index of the first line of the reader-comment tail, or None.

    A marker ("Leave a Reply", "3 Comments") starts the tail in the later part of the
    page, or anywhere when commenter lines follow right after it; an early one (a
    "12 Comments" link under the headline) is only boilerplate.
    """
    commenters = [i for i, ln in enumerate(lines) if len(ln.text) <= 60 and _COMMENTER_RE.fullmatch(ln.text)]
    is_commenter = set(commenters)
    last_commenter = commenters[-1] if commenters else -1
    for i, ln in enumerate(lines):
        s = ln.text
        late = ln.start >= 0.3 * n_chars
        if len(s) <= 160 and _COMMENT_START_RE.fullmatch(s):
            if late or any(k in is_commenter for k in range(i + 1, i + 4)):
                return i
            labels[i] = "boilerplate"
            continue
        if i in is_commenter and late and (s[:1].isdigit() or (last_commenter > i and _thread_follows(lines, labels, i))):
            # "1. Mychal says": a numbered commenter heading, or one of several with
            # comment dates or "Reply" links
            return i
        if late and _REPLY_LINE_RE.match(s):
            # Blogger threads: the comment text comes before its "Reply/Delete" links
            if i > 1 and labels[i - 1] is None and len(lines[i - 1].text) <= 600:
                return i - 1
            return i
    return None


def _is_link_title(s: str) -> bool:
    """A line that reads like a link to another story: short, no sentence end, no quotes."""
    return (
        len(s) <= 120
        and s[-1] not in _SENTENCE_END.replace("?", "") + ":;,"
        and not any(c in _QUOTE_CHARS for c in s)
        and "''" not in s
        and not _INNER_SENTENCE_RE.search(s)
    )


def _first_prose(lines: list[_Line], labels: list[Optional[str]]) -> int:
    """Index of the first unlabelled line that reads as prose (ends like a sentence, is long,
    or is a piece of a hard-wrapped sentence)."""
    for i, ln in enumerate(lines):
        if labels[i] is None and (ln.text[-1] in _SENTENCE_END or len(ln.text) > 300 or _wrapped(lines, i)):
            return i
    return len(lines)


def _link_lists(lines: list[_Line], labels: list[Optional[str]]) -> None:
    """Runs of 3+ short title lines (other stories, menus) are boilerplate.

    A run right after a boilerplate heading ("Top stories", "RT Explainers") needs only
    2 lines. Nothing before the first prose line is touched: that is the headline block.
    """
    n = len(lines)
    i = _first_prose(lines, labels) + 1
    while i < n:
        if labels[i] is not None or not _is_link_title(lines[i].text):
            i += 1
            continue
        j, titles = i, 1
        while j + 1 < n and (
            labels[j + 1] == "boilerplate" or (labels[j + 1] is None and _is_link_title(lines[j + 1].text))
        ):
            j += 1
            titles += labels[j] is None
        after_heading = labels[i - 1] == "boilerplate"
        if not after_heading and any(_CUE_RE.search(lines[k].text) for k in range(i, j + 1)):
            i = j + 1  # short lines reporting speech, with no "Related" heading: keep as body
            continue
        if titles >= 3 or (titles >= 2 and after_heading):
            for k in range(i, j + 1):
                if labels[k] is None:
                    labels[k] = "boilerplate"
        i = j + 1


def _cut(before: str, after: str) -> bool:
    """True when a newline cuts a sentence: hard-wrapped prose, not separate lines."""
    return before[-1] not in _SENTENCE_END + ":;)" and after[0].islower()


def _wrapped(lines: list[_Line], i: int) -> bool:
    """Line ``i`` is part of a hard-wrapped paragraph (a sentence runs over the newline)."""
    if i > 0 and not lines[i].hard_before and _cut(lines[i - 1].text, lines[i].text):
        return True
    return i + 1 < len(lines) and not lines[i + 1].hard_before and _cut(lines[i].text, lines[i + 1].text)


def _caption_blocks(lines: list[_Line], labels: list[Optional[str]]) -> None:
    """Lines glued (single newline) to a caption line belong to the caption.

    Only in texts whose paragraphs are separated by blank lines: there a block of
    single-newline-joined lines is a figure (tags, caption sentence, credit), not prose.
    """
    if not lines:
        return
    hard = sum(1 for ln in lines[1:] if ln.hard_before)
    if hard < 0.6 * max(1, len(lines) - 1):
        # paragraphs separated by single newlines: only a short credit line right
        # after a caption line joins it
        for i in range(1, len(lines)):
            if labels[i] is None and labels[i - 1] == "caption" and _is_title_like(lines[i].text, 80):
                labels[i] = "caption"
        return
    n = len(lines)
    start = 0
    while start < n:
        end = start
        while end + 1 < n and not lines[end + 1].hard_before:
            end += 1
        wrapped = any(_cut(lines[k].text, lines[k + 1].text) for k in range(start, end))
        if end > start and not wrapped and any(labels[k] == "caption" for k in range(start, end + 1)):
            for k in range(start, end + 1):
                if labels[k] is None:
                    labels[k] = "caption"
        start = end + 1


def _headline(lines: list[_Line], labels: list[Optional[str]]) -> None:
    """Up to 3 unlabelled short lines without a final period before the first prose: headline.

    A short first line ending with a period, alone in its paragraph, still is a title
    (some corpora add the period).
    """
    stop = _first_prose(lines, labels)
    count = 0
    for i in range(min(stop, len(lines))):
        if labels[i] is None and count < 3 and len(lines[i].text) <= 300:
            labels[i] = "headline"
            count += 1
    if count == 0 and stop == 0 and lines:
        s = lines[0].text
        alone = len(lines) == 1 or lines[1].hard_before
        if alone and len(s) <= 120 and len(s.split()) <= 16 and s[-1] == "." and not any(c in _QUOTE_CHARS for c in s):
            labels[0] = "headline"


def _label_lines(text: str) -> tuple[list[_Line], list[str]]:
    lines = _lines(text)
    labels: list[Optional[str]] = [_line_label(ln) for ln in lines]
    for i, lab in enumerate(labels):
        if lab == "caption" and _wrapped(lines, i):
            labels[i] = None  # a tag-like or credit-like piece of a wrapped sentence
    tail = _comment_tail(lines, labels, len(text))
    if tail is not None:
        for k in range(tail, len(lines)):
            if labels[k] != "boilerplate":
                labels[k] = "comments"
    _caption_blocks(lines, labels)
    _link_lists(lines, labels)
    _headline(lines, labels)
    return lines, [lab or "body" for lab in labels]


def find_zones(text: str) -> list[Zone]:
    """Zones of ``text``: contiguous, sorted, covering ``[0, len(text))`` exactly.

    Never raises; an empty text has no zones. The whitespace after a line belongs to
    that line's zone; leading whitespace to the first zone.
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        lines, labels = _label_lines(text)
    except Exception:  # pragma: no cover - last guard: everything is body
        return [Zone(0, len(text), "body")]
    if not lines:
        return [Zone(0, len(text), "body")]
    zones: list[Zone] = []
    cur_start, cur_label = 0, labels[0]
    for k in range(1, len(lines)):
        if labels[k] != cur_label:
            zones.append(Zone(cur_start, lines[k].start, cur_label))
            cur_start, cur_label = lines[k].start, labels[k]
    zones.append(Zone(cur_start, len(text), cur_label))
    return zones


def blocked_ranges(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` ranges that must never yield quotes (boilerplate, comments, captions, bylines)."""
    return [(z.start, z.end) for z in find_zones(text) if z.label in BLOCKED_LABELS]
