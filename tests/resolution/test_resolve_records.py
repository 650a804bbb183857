"""Speaker resolution hands records forward: it returns new ones and never changes what it was given.

Also the pieces of the resolver on their own (:mod:`quotes.resolution.phrases`,
:mod:`quotes.resolution.pronouns`, :mod:`quotes.resolution.context`) and the title lexicon in
force while it runs.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest

from quotes.attribution.detect import Attribution, detect
from quotes.records import Quote, Span
from quotes.resolution.context import ResolutionContext
from quotes.resolution.coref import resolve
from quotes.resolution.phrases import char_span, np_bounds, possessor
from quotes.resolution.pronouns import is_pronoun, resolve_pronoun
from quotes.resolution.roles import RoleSignature
from quotes.text.titles import load_title_lexicon, using_titles

DATA = Path(__file__).resolve().parents[2] / "quotes" / "data"

TEXT = (
    "Chinese Foreign Minister Wang Yi met his Russian counterpart in Moscow on Monday. "
    "“We are ready to deepen our cooperation,” Wang said. "
    "“The talks were frank,” he added."
)


def _span(text: str, words: str, anchor: str = "") -> Span:
    """The first ``words`` at or after ``anchor``."""
    start = text.index(words, text.index(anchor))
    return Span.of(text, start, start + len(words))


def _attributions(text: str) -> list[Attribution]:
    first = _span(text, "We are ready to deepen our cooperation")
    second = _span(text, "The talks were frank")
    return [
        Attribution(Quote(first.start, first.end, first.text, mention=_span(text, "Wang", "Wang said")), features={"pattern": "hand"}),
        Attribution(Quote(second.start, second.end, second.text, mention=_span(text, "he", "he added")), features={"pattern": "hand"}),
    ]


def test_resolve_returns_new_records_and_leaves_its_input_as_it_was(nlp):
    atts = _attributions(TEXT)
    before = copy.deepcopy(atts)
    resolved = resolve(nlp(TEXT), atts)
    assert atts == before  # quotes, features and all
    assert all(a.quote.speaker is None and "resolution" not in a.features for a in atts)
    assert [(r.quote.speaker, r.quote.role) for r in resolved] == [("Wang Yi", "Chinese Foreign Minister")] * 2
    assert [r.features["resolution"] for r in resolved] == ["name", "pronoun"]
    for old, new in zip(atts, resolved):
        assert new is not old and new.quote is not old.quote and new.features is not old.features
        assert new.features["pattern"] == "hand"
        # everything but the speaker fields is carried over as it was
        keep = {"speaker", "speaker_type", "role"}
        assert {k: v for k, v in dataclasses.asdict(new.quote).items() if k not in keep} == {
            k: v for k, v in dataclasses.asdict(old.quote).items() if k not in keep
        }


def test_resolve_on_detected_attributions_leaves_the_detector_output_alone(nlp):
    doc = nlp(TEXT)
    detected = detect(doc)
    snapshot = copy.deepcopy(detected)
    resolved = resolve(doc, detected)
    assert detected == snapshot
    assert len(resolved) == len(detected) and all(r.quote.speaker == "Wang Yi" for r in resolved)


def test_records_are_frozen():
    q = Quote(0, 5, "Hello")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.speaker = "Someone"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Attribution(q).inherit_from = 0  # type: ignore[misc]


def test_empty_input_gives_an_empty_list(nlp):
    assert resolve(nlp(TEXT), []) == []


def test_a_custom_title_lexicon_is_used_while_it_is_in_force(nlp, tmp_path):
    raw = json.loads((DATA / "titles.json").read_text(encoding="utf-8"))
    raw["person_titles"].append("voivode")
    path = tmp_path / "titles.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    custom = load_title_lexicon(path)
    text = "Jafar Haddad, the voivode of the province, said that the harvest would be late."
    content = _span(text, "the harvest would be late")
    att = Attribution(Quote(content.start, content.end, content.text, mention=_span(text, "Jafar Haddad")))
    doc = nlp(text)
    # the signature cache keys on the lexicon: asking first under the bundled one changes nothing
    assert RoleSignature.of("voivode of the province").titles == frozenset()
    with using_titles(custom):
        assert RoleSignature.of("voivode of the province").titles == {"voivode"}
        (with_title,) = resolve(doc, [att])
    (without,) = resolve(doc, [att])
    assert (with_title.quote.speaker, with_title.quote.role) == ("Jafar Haddad", "voivode of the province")
    assert (without.quote.speaker, without.quote.role) == ("Jafar Haddad", None)


# --------------------------------------------------------------------------- the pieces


def test_phrase_helpers_read_the_parse(nlp):
    doc = nlp("A statement from the Chinese Foreign Ministry denied the report.")
    statement = next(t for t in doc if t.lower_ == "statement")
    inner = possessor(statement, 0, len(doc))
    assert inner is not None and inner.text == "Ministry"
    a, b = np_bounds(inner)
    assert doc[a:b].text == "the Chinese Foreign Ministry"
    assert char_span(doc, -1, 4, "expand") is None and char_span(doc, 0, 10_000, "expand") is None
    assert char_span(doc, 0, 11, "expand").text == "A statement"


def test_pronouns_are_recognised_and_agree_in_gender(nlp):
    assert all(is_pronoun(w) for w in ("he", "her", "they", "its", "we", "i"))
    assert not any(is_pronoun(w) for w in ("who", "the", "minister", "He"))
    text = "Anna Petrova met John Smith in Berlin. She said the meeting went well."
    doc = nlp(text)
    ctx = ResolutionContext(doc, [])
    she = next(t for t in doc if t.lower_ == "she")
    entity, kind = resolve_pronoun(ctx, she)
    assert kind == "person" and entity is not None and entity.name == "Anna Petrova"


def test_the_context_orders_events_and_adds_speakers(nlp):
    doc = nlp(TEXT)
    atts = _attributions(TEXT)
    ctx = ResolutionContext(doc, atts)
    positions = [ev.pos for ev in ctx.events]
    assert positions == sorted(positions) and positions
    # the tokens of both quotes are marked as quoted; the name outside them is not
    wang = next(t.i for t in doc if t.text == "Wang" and t.i > 15)
    assert wang not in ctx.quoted
    assert any(t.i in ctx.quoted for t in doc if t.text == "frank")
    person = next(e for e in ctx.entities if e.name == "Wang Yi")
    n = len(ctx.events)
    ctx.assign(1, person, "name")
    assert len(ctx.events) == n + 1 and ctx.result[1] is person and ctx.kind[1] == "person"
    added = next(ev for ev in ctx.events if ev.pos == ctx.position(1) and ev.entity is person and ev.salient)
    assert ctx.is_speaker(added)
