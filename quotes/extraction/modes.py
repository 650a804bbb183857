"""The mode registry: the one place that names the extraction modes and loads each.

A mode is a way of putting the stages together. ``auto``, the default, picks the best shipped
mode for the scheme (:data:`AUTO`). ``rules`` is the parse and the rules;
``neural`` and ``hybrid`` add the learned models (:mod:`quotes.extraction.neural`), whose
torch import happens only when such a mode is asked for; ``ranked`` adds the span ranker
(:mod:`quotes.extraction.ranked`, LightGBM).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from quotes.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from quotes.extraction.pipeline import Extractor


#: The extraction modes, each with what it runs; ``--mode`` offers exactly these.
MODES: dict[str, str] = {
    "auto": "the best shipped extractor for the scheme: ranked for --scheme attribution, rules for speech",
    "rules": "the spaCy parse plus the attribution and resolution rules",
    "neural": "the learned span tagger and speaker ranker",
    "hybrid": "the rules' quotes with the learned models' cues and speakers",
    "ranked": "the rules' and the parse's candidate cues and spans, chosen by the span ranker (LightGBM)",
}


#: What ``auto`` runs for each scheme, chosen by measurement (docs/models.md, "Default mode"):
#: the span ranker learned PolNeAR's attribution relations and beats the rules there on every
#: figure, while on the speech scheme's gold (the seeds) the rules stay ahead.
AUTO: dict[str, str] = {"speech": "rules", "attribution": "ranked"}


def resolve_mode(mode: str, scheme: str = "speech") -> str:
    """The mode that runs: ``auto`` becomes the scheme's best mode, any other is itself."""
    return AUTO.get(scheme, "rules") if mode == "auto" else mode


def load_extractor(mode: str = "auto", models_dir: Optional[str] = None, scheme: str = "speech") -> "Extractor":
    """The one place that turns a ``--mode`` into a ready extractor.

    ``auto`` (the default) is ``ranked`` for the attribution scheme and ``rules`` for the speech
    scheme (:data:`AUTO`); ``rules`` is the spaCy parse plus rules; ``neural`` and ``hybrid`` add the trained
    span tagger and speaker ranker from ``models_dir`` (default: the bundled ``models/``).
    ``scheme`` is the rules' definition of a quote: ``speech`` (docs/format.md: what someone said
    or wrote) or ``attribution`` (PolNeAR's wider attribution relations, beliefs included).
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    mode = resolve_mode(mode, scheme)
    if mode == "rules":
        from quotes.extraction.pipeline import Extractor, build_nlp  # spaCy is imported here, not at start-up

        return Extractor(build_nlp(scheme=scheme), mode="rules")
    if mode == "ranked":
        from quotes.extraction.ranked import load_ranked_extractor  # lightgbm is imported only here

        return load_ranked_extractor(models_dir=models_dir, scheme=scheme)
    try:
        from quotes.extraction.neural import load_neural_extractor  # torch is imported only here
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("torch", "transformers", "safetensors", "tokenizers"):
            raise ModelError(
                f"--mode {mode} needs {exc.name}, which is not installed; pip install 'quotes[neural]'"
            ) from None
        raise

    return load_neural_extractor(mode=mode, models_dir=models_dir, scheme=scheme)
