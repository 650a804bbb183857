"""The cue lexicon (quotes.attribution.cues.CueLexicon): schemes, lookups and serialization."""

from __future__ import annotations

import json

import pytest

from quotes.attribution.cues import CueLexicon, load_lexicon, read_cue_data
from quotes.attribution.detect import detect
from quotes.errors import ModelError


def test_schemes_differ_in_classes():
    speech, attribution = load_lexicon("speech"), load_lexicon("attribution")
    assert {v.cls for v in speech.verbs.values()} == {"speech"}
    assert {"belief", "evidence", "stance", "evidential"} <= {v.cls for v in attribution.verbs.values()}
    assert speech.verb_by_form("Says").lemma == "say"
    assert speech.verb_by_form("believes") is None and attribution.verb_by_form("believes").cls == "belief"
    assert not speech.keep_complementizer and attribution.keep_complementizer


def test_lexicon_is_built_from_the_cue_file():
    data = read_cue_data()
    assert CueLexicon.from_data(data, "speech") == load_lexicon("speech")
    with pytest.raises(ValueError, match="unknown cue scheme"):
        CueLexicon.from_data(data, "gossip")


@pytest.mark.parametrize("scheme", ["speech", "attribution"])
def test_to_disk_and_back(tmp_path, scheme):
    lex = load_lexicon(scheme)
    lex.to_disk(tmp_path / "cues")
    assert sorted(p.name for p in (tmp_path / "cues").iterdir()) == ["cfg.json", "cues.json"]
    back = CueLexicon.from_disk(tmp_path / "cues")
    assert back == lex and back.data == lex.data and back is not lex
    # the saved cue file is in the bundled format
    assert load_lexicon(scheme, tmp_path / "cues" / "cues.json") == lex


def test_to_bytes_and_back():
    lex = load_lexicon("attribution")
    back = CueLexicon.from_bytes(lex.to_bytes())
    assert back == lex and back.scheme == "attribution"
    with pytest.raises(ValueError, match="not a serialized cue lexicon"):
        CueLexicon.from_bytes(b"{}")


def test_a_saved_lexicon_keeps_its_own_cues(nlp, tmp_path):
    # a pipeline saved with an edited lexicon must not fall back on the bundled cues
    data = read_cue_data()
    for group in data["groups"]:
        if group["class"] == "speech":
            group["lemmas"] = [w for w in group["lemmas"] if w != "say"]
    CueLexicon.from_data(data, "speech").to_disk(tmp_path / "cues")
    edited = CueLexicon.from_disk(tmp_path / "cues")
    doc = nlp("Wang said China will strive to get relations back on track.")
    assert [a.quote.cue.text for a in detect(doc, load_lexicon("speech"))] == ["said"]
    assert detect(doc, edited) == []


def test_a_missing_or_broken_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="not a saved cue lexicon"):
        CueLexicon.from_disk(tmp_path / "absent")
    load_lexicon("speech").to_disk(tmp_path / "cues")
    (tmp_path / "cues" / "cfg.json").write_text(json.dumps({"scheme": "gossip"}), encoding="utf-8")
    with pytest.raises(ModelError, match=str(tmp_path / "cues")):
        CueLexicon.from_disk(tmp_path / "cues")


def test_a_lexicon_without_its_data_cannot_be_saved(tmp_path):
    bare = CueLexicon("speech", {}, {}, False, frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
    with pytest.raises(ValueError, match="without its cue file"):
        bare.to_disk(tmp_path / "cues")
