"""The cue lexicon: which words report speech or thought, and how they take their content.

The lexicon is data (``quotes/data/cues.json``), not code, so it can be widened or pruned
against a corpus without touching the rules. The same file holds the surface cue lists that
select quotes by their cue text (``surface_cues``, read by :mod:`quotes.attribution.speech_cues`). Matching uses the lower-cased surface form
first (generated inflections plus the irregular ones listed in the file) and spaCy's
lemma second: the small model lemmatizes some reporting verbs wrongly ("hoped" -> "hop"),
and title-cased headline verbs ("Says", "Warns") get odd tags, while their surface forms
are unambiguous.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Union

if TYPE_CHECKING:  # pragma: no cover - spaCy is not imported to read the lexicon
    from spacy.tokens import Token

from quotes.errors import ModelError

CUE_CLASSES = ("speech", "belief", "evidence", "stance", "evidential")


@dataclass(frozen=True)
class CueVerb:
    """A reporting verb and the frames through which it introduces reported content."""

    lemma: str
    cls: str  # one of CUE_CLASSES
    frames: frozenset[str]  # 'quote', 'ccomp', 'xcomp', 'dobj', 'object', 'raising', 'prep:<p>', 'demand:<p>', 'question:<p>'

    def takes(self, frame: str) -> bool:
        return frame in self.frames

    @property
    def preps(self) -> frozenset[str]:
        """Prepositions whose object is the verb's content: a topic (``prep:``, reported
        only where the scheme takes topics) or a stated demand (``demand:``, in any scheme)."""
        return frozenset(f.split(":", 1)[1] for f in self.frames if f.startswith(("prep:", "demand:", "question:")))

    @property
    def question_preps(self) -> frozenset[str]:
        """``asked about why the plan leaves out fathers``, ``pressed on how he would pay``:
        prepositions whose object, when it is a wh-clause, is a reported question."""
        return frozenset(f[9:] for f in self.frames if f.startswith("question:"))

    @property
    def demand_preps(self) -> frozenset[str]:
        """``called for a moratorium``, ``called on Congress to act``: prepositions whose
        object states what the speaker demands (reported content, not a topic). A
        ``demand:on+to`` frame takes the object only with a to-infinitive after it."""
        return frozenset(f[7:] for f in self.frames if f.startswith("demand:"))


def inflections(lemma: str) -> set[str]:
    """Regular English inflections of a verb (3sg, past, gerund); irregulars come from the data.

    Over-generation is harmless: a generated non-word never occurs in text.
    """
    forms = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.add(lemma + "d")
        forms.add(lemma[:-1] + "ing")
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms.add(lemma[:-1] + "ied")
        forms.add(lemma + "ing")
    else:
        forms.add(lemma + "ed")
        forms.add(lemma + "ing")
    return forms


@dataclass
class CueLexicon:
    """The cue words of one annotation scheme.

    ``scheme`` is ``speech`` (docs/format.md: speech and writing with content; beliefs, polls and
    acts that only name a topic are not quotes) or ``attribution`` (PolNeAR's wider
    attribution relations: beliefs, evidence, impressions, stances on a topic too).

    ``data`` is the cue file the lexicon was built from (:func:`read_cue_data`); it is what
    :meth:`to_disk` and :meth:`to_bytes` write, so that a spaCy pipeline saved with
    ``nlp.to_disk`` carries the cues its detector used, not whatever the installed package
    bundles when the pipeline is loaded again.
    """

    scheme: str
    verbs: dict[str, CueVerb]
    forms: dict[str, str]  # lower-cased surface form -> lemma
    topic_objects: bool  # may a bare object ("defended the deal") be reported content?
    describe_as: frozenset[str]
    dash_cues: frozenset[str]
    media_nouns: frozenset[str]
    colon_non_sources: frozenset[str]
    statement_nouns: frozenset[str]
    issue_verbs: frozenset[str] = frozenset()  # "released a statement saying", "made the case that": the subject owns the object
    speech_nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # noun -> content frames
    voice_verbs: frozenset[str] = frozenset()  # "expressed concern that": verbs that voice an attitude noun
    voiced_nouns: frozenset[str] = frozenset()  # attitude nouns reported only when voiced ("concern", "hope")
    phrasal_non_cues: frozenset[str] = frozenset()  # particle verbs that are no cue ("ruled out a run")
    cue_auxiliaries: bool = True
    keep_complementizer: bool = False  # span "said [that] X" with its "that" (PolNeAR) or without (docs/format.md)
    data: dict = field(default_factory=dict, repr=False, compare=False)

    def verb(self, token: Token) -> Optional[CueVerb]:
        """The cue entry for ``token`` if it is a verb of the lexicon, else None."""
        if token.pos_ != "VERB":
            return None  # title-cased headline verbs are matched by form (verb_by_form)
        lemma = self.forms.get(token.lower_)
        if lemma is None:
            lemma = token.lemma_.lower()
        for ch in token.rights:
            if ch.dep_ == "prt":  # a particle verb ("pointed out") is its own entry when listed
                phrasal = self.verbs.get(f"{lemma} {ch.lower_}")
                if phrasal is not None:
                    return phrasal
                if f"{lemma} {ch.lower_}" in self.phrasal_non_cues:
                    return None  # "ruled out a run" is no ruling
        return self.verbs.get(lemma)

    def verb_by_form(self, word: str) -> Optional[CueVerb]:
        """Look up a bare word (no parse), for title-cased headline patterns."""
        lemma = self.forms.get(word.lower())
        return self.verbs.get(lemma) if lemma else None

    def is_describe_verb(self, token: Token) -> bool:
        return token.lemma_.lower() in self.describe_as or self.forms.get(token.lower_) in self.describe_as

    # ------------------------------------------------------------- serialization (spaCy style)

    @classmethod
    def from_data(cls, data: dict, scheme: str = "speech") -> "CueLexicon":
        """Build the lexicon of ``scheme`` from a parsed cue file (the format of
        ``quotes/data/cues.json``); ValueError on a scheme the file does not define."""
        return _build(data, scheme)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The scheme and the cue file as UTF-8 JSON; ``exclude`` is accepted for spaCy's
        calling convention and ignored (the lexicon is one piece)."""
        return json.dumps({"scheme": self.scheme, "cues": self._saved_data()}, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, *, exclude: Iterable[str] = ()) -> "CueLexicon":
        """A new lexicon from :meth:`to_bytes` output; ValueError if ``data`` is not one."""
        try:
            payload = json.loads(data.decode("utf-8"))
            return _build(payload["cues"], payload["scheme"])
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"not a serialized cue lexicon ({type(exc).__name__}: {exc})") from None

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        """Write the lexicon into the folder ``path`` (created if needed): ``cues.json``, the cue
        file in the bundled file's format (``load_lexicon(scheme, path / "cues.json")`` reads it
        too), and ``cfg.json``, which names the scheme."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        cues = json.dumps(self._saved_data(), ensure_ascii=False, indent=1) + "\n"
        (folder / SAVED_CUES).write_text(cues, encoding="utf-8")
        (folder / SAVED_CFG).write_text(json.dumps({"scheme": self.scheme}) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "CueLexicon":
        """A new lexicon from a folder :meth:`to_disk` wrote. It returns the lexicon rather
        than filling ``self``: lexicons from :func:`load_lexicon` are cached and shared. A
        missing or broken folder raises :class:`~quotes.errors.ModelError` naming it."""
        folder = Path(path)
        try:
            cfg = json.loads((folder / SAVED_CFG).read_text(encoding="utf-8"))
            return _build(read_cue_data(folder / SAVED_CUES), cfg["scheme"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{folder}: not a saved cue lexicon ({type(exc).__name__}: {exc})") from None

    def _saved_data(self) -> dict:
        if not self.data:
            raise ValueError("this cue lexicon was built without its cue file (data); build it with load_lexicon or from_data")
        return self.data


def _build(data: dict, scheme: str) -> CueLexicon:
    schemes = data.get("schemes", {})
    if scheme not in schemes:
        raise ValueError(f"unknown cue scheme {scheme!r}; choose one of {', '.join(sorted(schemes))}")
    conf = schemes[scheme]
    classes = frozenset(conf["classes"])
    verbs: dict[str, CueVerb] = {}
    for group in data["groups"]:
        if group["class"] not in classes:
            continue  # a lemma takes only the frames of its scheme's groups
        cls = group["class"]
        frames = frozenset(group["frames"])
        for lemma in group["lemmas"]:
            old = verbs.get(lemma)
            if old is None:
                verbs[lemma] = CueVerb(lemma, cls, frames)
            else:
                verbs[lemma] = CueVerb(lemma, old.cls, old.frames | frames)
    forms: dict[str, str] = {}
    for lemma in verbs:
        if " " in lemma:
            continue  # particle verbs are matched by their verb's forms and the particle
        for f in inflections(lemma):
            forms.setdefault(f, lemma)
    for lemma, preps in data.get("prep_frames", {}).items():
        extra = frozenset(f"prep:{p}" for p in preps)
        old = verbs.get(lemma)
        if old is not None:
            verbs[lemma] = CueVerb(lemma, old.cls, old.frames | extra)
        elif "stance" in classes:
            verbs[lemma] = CueVerb(lemma, "stance", extra)
    for lemma, irregular in data.get("forms", {}).items():
        if lemma in verbs:
            for f in irregular:
                forms[f] = lemma
    ph = data.get("phrases", {})
    span = data.get("cue_span", {})
    return CueLexicon(
        scheme=scheme,
        verbs=verbs,
        forms=forms,
        topic_objects=bool(conf.get("topic_objects", False)),
        describe_as=frozenset(ph.get("describe_as", [])),
        dash_cues=frozenset(ph.get("dash_cues", [])),
        media_nouns=frozenset(ph.get("media_nouns", []) if span.get("medium_phrase", True) else []),
        colon_non_sources=frozenset(ph.get("colon_non_sources", [])),
        statement_nouns=frozenset(ph.get("statement_nouns", [])),
        issue_verbs=frozenset(ph.get("issue_verbs", [])),
        voice_verbs=frozenset(ph.get("voice_verbs", [])),
        voiced_nouns=frozenset(ph.get("voiced_nouns", [])),
        phrasal_non_cues=frozenset(ph.get("phrasal_non_cues", [])),
        speech_nouns=_speech_nouns(data, classes),
        cue_auxiliaries=bool(span.get("auxiliaries", True)),
        keep_complementizer=bool(conf.get("keep_complementizer", False)),
        data=data,
    )


def _speech_nouns(data: dict, classes: frozenset[str]) -> dict[str, frozenset[str]]:
    """Nouns of the scheme's classes that take reported content (``his claim that ...``),
    with their frames: ``that`` (a complement clause) and ``to`` (a to-infinitive)."""
    nouns: dict[str, frozenset[str]] = {}
    for group in data.get("noun_groups", []):
        if group["class"] in classes:
            for noun in group["lemmas"]:
                nouns[noun] = nouns.get(noun, frozenset()) | frozenset(group["frames"])
    return nouns


DEFAULT_SCHEME = "speech"


CUE_DATA = "data/cues.json"  # in the ``quotes`` package
SAVED_CUES = "cues.json"  # the files CueLexicon.to_disk writes in its folder
SAVED_CFG = "cfg.json"


def read_cue_data(path: Union[str, Path, None] = None) -> dict:
    """The parsed cue file: the bundled ``quotes/data/cues.json`` by default.

    One file holds every cue list of the package, so the detector's lexicon and the surface
    lists that filter quotes by their cue (:mod:`quotes.attribution.speech_cues`) cannot drift
    apart."""
    if path is None:
        raw = resources.files("quotes").joinpath(CUE_DATA).read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    return json.loads(raw)


@lru_cache(maxsize=8)
def load_lexicon(scheme: str = DEFAULT_SCHEME, path: Union[str, Path, None] = None) -> CueLexicon:
    """Load the cue lexicon of ``scheme`` (from the bundled file by default); cached, so
    rules may call it freely."""
    return _build(read_cue_data(path), scheme)
