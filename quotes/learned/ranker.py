"""The speaker ranker: which mention near a quote is its source.

Candidate ranking in the style of BookNLP and Quobert: for each quote the candidates are
the noun chunks, named entities, pronouns and subject phrases of the parse around the
quote and its cue, plus the source spans the tagger found there, plus a "no speaker"
choice. Each candidate is scored by a small MLP over

* encoder features, read from the span tagger's final hidden states (the same forward
  pass that found the quote): the mean-pooled candidate, the cue, the content's boundary
  tokens and the candidate-cue product;
* simple features: character gaps to the cue and the content, side, same sentence, the
  candidate being the subject (or ``according to`` object) of the cue, a pronoun, its
  entity type, the tagger's source probability, being exactly a tagger source span.

Scores are normalised over the candidates of a quote (softmax), so training is a
cross-entropy over "which candidate is the gold source".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
import torch
from torch import nn

from quotes.errors import ModelError
from quotes.learned.model_files import CONFIG_FILE, read_config
from quotes.learned.tagger import TaggedText
from quotes.learned.windows import LABEL_ID

FORMAT = "quotes-speaker-ranker"
FORMAT_VERSION = 1
WEIGHTS_FILE = "weights.safetensors"

ENT_TYPES = ("PERSON", "ORG", "NORP", "GPE")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
SIMPLE_FEATURES = (
    ["is_null", "has_cue", "gap_anchor", "gap_content", "before_content", "after_anchor", "same_sentence",
     "subject_of_cue", "child_of_cue", "is_pronoun", "has_propn", "log_len", "source_prob", "is_tagger_source",
     "distance_rank", "crosses_quote_mark"]
    + [f"ent_{t}" for t in ENT_TYPES]
    + ["ent_other", "no_ent"]
)
QUOTE_MARKS = "\"“”„«»"


@dataclass(frozen=True)
class MentionCandidate:
    """A candidate source mention of a quote: character span and spaCy token range
    ``[tok_start, tok_end)`` (not the attribution stage's quote ``Candidate``)."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    from_tagger: bool = False


@dataclass
class RankerConfig:
    hidden: int = 256
    dropout: float = 0.2
    window_chars: int = 250  # candidates lie at most this far from the quote or its cue
    null_margin: float = 0.0  # a mention must beat "no speaker" by this much
    encoder_dim: int = 384
    tagger_fingerprint: str = ""
    training: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d.update(format=FORMAT, version=FORMAT_VERSION, simple_features=list(SIMPLE_FEATURES))
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "RankerConfig":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


# ---------------------------------------------------------------------- candidates


def _char_span(doc: Any, start: int, end: int) -> Optional[Any]:
    if end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _trim(doc: Any, i: int, j: int) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a token range."""
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    return i, j


def candidate_mentions(
    doc: Any,
    content: tuple[int, int],
    cue: Optional[tuple[int, int]],
    tagger_sources: Sequence[tuple[int, int]] = (),
    window_chars: int = 250,
) -> list[MentionCandidate]:
    """Mentions that could be the source of a quote, nearest first, none inside the content."""
    anchor = cue or content
    lo = max(0, min(content[0], anchor[0]) - window_chars)
    hi = max(content[1], anchor[1]) + window_chars
    spans: dict[tuple[int, int], bool] = {}

    def add(i: int, j: int, from_tagger: bool = False) -> None:
        i, j = _trim(doc, i, j)
        if j <= i:
            return
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if e <= lo or s >= hi:
            return
        if s < content[1] and content[0] < e:
            return
        if cue is not None and s < cue[1] and cue[0] < e:
            return
        spans[(i, j)] = spans.get((i, j), False) or from_tagger

    region = _char_span(doc, lo, min(hi, len(doc.text)))
    if region is not None:
        for nc in doc.noun_chunks:
            if nc.end > region.start and nc.start < region.end:
                add(nc.start, nc.end)
        for ent in doc.ents:
            if ent.end > region.start and ent.start < region.end:
                add(ent.start, ent.end)
        for tok in region:
            if tok.pos_ == "PRON" and tok.tag_ in ("PRP", "PRP$", "WP"):
                add(tok.i, tok.i + 1)
    cue_span = _char_span(doc, *cue) if cue is not None else None
    if cue_span is not None:
        for tok in cue_span:
            for child in tok.children:
                if child.dep_ in SUBJECT_DEPS or child.dep_ == "pobj" or (child.dep_ == "agent"):
                    sub = list(child.subtree)
                    add(sub[0].i, sub[-1].i + 1)
                    if child.dep_ == "agent":
                        for g in child.children:
                            sub = list(g.subtree)
                            add(sub[0].i, sub[-1].i + 1)
    for s, e in tagger_sources:
        sp = _char_span(doc, s, e)
        if sp is not None:
            add(sp.start, sp.end, from_tagger=True)
    out = []
    for (i, j), from_tagger in spans.items():
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        out.append(MentionCandidate(s, e, i, j, from_tagger))
    out.sort(key=lambda c: (_gap(anchor, (c.start, c.end)), c.start))
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


# ---------------------------------------------------------------------- features


def _pool(tagged: TaggedText, start: int, end: int) -> np.ndarray:
    dim = tagged.hidden.shape[1] if tagged.hidden is not None else 0
    i, j = tagged.encoding.token_range(start, end)
    if tagged.hidden is None or j <= i:
        return np.zeros(dim, dtype=np.float32)
    return tagged.hidden[i:j].mean(axis=0)


def _source_prob(tagged: TaggedText, start: int, end: int) -> float:
    i, j = tagged.encoding.token_range(start, end)
    if j <= i:
        return 0.0
    p = tagged.probs[i:j]
    return float((p[:, LABEL_ID["B-SOURCE"]] + p[:, LABEL_ID["I-SOURCE"]]).mean())


def quote_features(
    doc: Any,
    tagged: TaggedText,
    content: tuple[int, int],
    cue: Optional[tuple[int, int]],
    cands: Sequence[MentionCandidate],
) -> tuple[np.ndarray, np.ndarray]:
    """``(encoder features [1 + k, 4 * dim], simple features [1 + k, F])``; row 0 is "no speaker"."""
    text = doc.text
    anchor = cue or content
    cue_vec = _pool(tagged, *cue) if cue else np.zeros(tagged.hidden.shape[1], dtype=np.float32)
    i, j = tagged.encoding.token_range(*content)
    if tagged.hidden is not None and j > i:
        bound = (tagged.hidden[i] + tagged.hidden[j - 1]) / 2
    else:
        bound = np.zeros_like(cue_vec)
    cue_span = _char_span(doc, *cue) if cue else None
    cue_tokens = {t.i for t in cue_span} if cue_span is not None else set()
    anchor_sent = None
    sp = _char_span(doc, *anchor)
    if sp is not None and len(sp):
        anchor_sent = sp[0].sent.start
    enc_rows = [np.concatenate([np.zeros_like(cue_vec), cue_vec, np.zeros_like(cue_vec), bound])]
    simple_rows = []
    null = dict.fromkeys(SIMPLE_FEATURES, 0.0)
    null.update(is_null=1.0, has_cue=float(cue is not None))
    simple_rows.append([null[f] for f in SIMPLE_FEATURES])
    for rank, c in enumerate(cands):
        vec = _pool(tagged, c.start, c.end)
        enc_rows.append(np.concatenate([vec, cue_vec, vec * cue_vec, bound]))
        span = doc[c.tok_start : c.tok_end]
        root = span.root
        f = dict.fromkeys(SIMPLE_FEATURES, 0.0)
        f["has_cue"] = float(cue is not None)
        f["gap_anchor"] = math.log1p(_gap(anchor, (c.start, c.end))) / 6
        f["gap_content"] = math.log1p(_gap(content, (c.start, c.end))) / 6
        f["before_content"] = float(c.end <= content[0])
        f["after_anchor"] = float(c.start >= anchor[1])
        f["same_sentence"] = float(anchor_sent is not None and root.sent.start == anchor_sent)
        head = root.head
        f["subject_of_cue"] = float(head.i in cue_tokens and root.dep_ in SUBJECT_DEPS | {"pobj", "agent"})
        f["child_of_cue"] = float(head.i in cue_tokens or (head.head.i in cue_tokens and head.dep_ in ("prep", "agent")))
        f["is_pronoun"] = float(len(span) == 1 and span[0].pos_ == "PRON")
        f["has_propn"] = float(any(t.pos_ == "PROPN" for t in span))
        f["log_len"] = math.log1p(len(span)) / 3
        f["source_prob"] = _source_prob(tagged, c.start, c.end)
        f["is_tagger_source"] = float(c.from_tagger)
        f["distance_rank"] = min(rank, 20) / 20
        lo, hi = sorted((c.end, anchor[0]) if c.end <= anchor[0] else (anchor[1], c.start))
        f["crosses_quote_mark"] = float(any(ch in QUOTE_MARKS for ch in text[lo:hi]))
        ents = {t.ent_type_ for t in span if t.ent_type_}
        for t in ENT_TYPES:
            f[f"ent_{t}"] = float(t in ents)
        f["ent_other"] = float(bool(ents - set(ENT_TYPES)))
        f["no_ent"] = float(not ents)
        simple_rows.append([f[k] for k in SIMPLE_FEATURES])
    return np.stack(enc_rows).astype(np.float32), np.asarray(simple_rows, dtype=np.float32)


def gold_index(cands: Sequence[MentionCandidate], mention: Optional[tuple[int, int]], text: str) -> Optional[int]:
    """Row of the gold choice among ``[null] + cands``: 0 for no speaker, else the candidate
    that best matches the gold mention (token-overlap ratio at least 0.5); None when no
    candidate does (the quote is left out of training)."""
    if mention is None:
        return 0
    best, best_r = None, 0.5
    for k, c in enumerate(cands):
        inter = min(c.end, mention[1]) - max(c.start, mention[0])
        if inter <= 0:
            continue
        union = max(c.end, mention[1]) - min(c.start, mention[0])
        r = inter / union
        if r > best_r or (r == best_r and best is None):
            best, best_r = k + 1, r
    return best


# ---------------------------------------------------------------------- model


class SpeakerRanker(nn.Module):
    """MLP scoring each candidate row; the softmax over a quote's rows picks its source."""

    def __init__(self, config: RankerConfig):
        super().__init__()
        self.config = config
        d_in = 4 * config.encoder_dim + len(SIMPLE_FEATURES)
        self.norm = nn.LayerNorm(4 * config.encoder_dim)
        self.mlp = nn.Sequential(
            nn.Linear(d_in, config.hidden),
            nn.ReLU(),
            nn.Dropout(config.dropout),
            nn.Linear(config.hidden, 1),
        )

    def forward(self, enc: torch.Tensor, simple: torch.Tensor) -> torch.Tensor:
        return self.mlp(torch.cat([self.norm(enc), simple], dim=-1)).squeeze(-1)

    def save(self, folder: str | Path) -> None:
        from safetensors.torch import save_file

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        state = {k: v.detach().cpu().contiguous() for k, v in self.state_dict().items()}
        save_file(state, str(folder / WEIGHTS_FILE), metadata={"format": FORMAT})
        (folder / CONFIG_FILE).write_text(json.dumps(self.config.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> "SpeakerRanker":
        folder = Path(folder)
        cfg = read_config(folder, FORMAT)
        if cfg.get("simple_features") != list(SIMPLE_FEATURES):
            raise ModelError(f"{folder / CONFIG_FILE}: the ranker was trained with other features than this version reads")
        weights = folder / WEIGHTS_FILE
        if not weights.is_file():
            raise ModelError(f"{weights}: no such file; {folder} is not a complete speaker ranker model")
        from safetensors.torch import load_file

        try:
            state = load_file(str(weights))
        except Exception as exc:
            raise ModelError(f"{weights}: cannot read the weights ({exc})") from None
        model = cls(RankerConfig.from_dict(cfg))
        try:
            model.load_state_dict(state)
        except RuntimeError as exc:
            raise ModelError(f"{weights}: weights do not fit the ranker ({str(exc).splitlines()[0]})") from None
        model.eval()
        return model


@dataclass
class Choice:
    """The ranker's pick for one quote: a candidate (None for no speaker) and its probability."""

    candidate: Optional[MentionCandidate]
    probability: float


class Ranker:
    """A loaded :class:`SpeakerRanker`: picks the source mention of each quote."""

    def __init__(self, model: SpeakerRanker):
        self.model = model.eval()

    @classmethod
    def load(cls, folder: str | Path) -> "Ranker":
        return cls(SpeakerRanker.load(folder))

    def choose(
        self,
        doc: Any,
        tagged: TaggedText,
        content: tuple[int, int],
        cue: Optional[tuple[int, int]],
        tagger_sources: Sequence[tuple[int, int]] = (),
    ) -> Choice:
        cands = candidate_mentions(doc, content, cue, tagger_sources, self.model.config.window_chars)
        enc, simple = quote_features(doc, tagged, content, cue, cands)
        with torch.inference_mode():
            scores = self.model(torch.from_numpy(enc), torch.from_numpy(simple))
            scores[0] += self.model.config.null_margin
            probs = torch.softmax(scores, dim=0).numpy()
        k = int(probs.argmax())
        return Choice(cands[k - 1] if k > 0 else None, float(probs[k]))
