"""The span tagger: content, cue and source spans from a fine-tuned encoder.

The model is the base encoder with its lower layers frozen and its top
``n_trained_layers`` layers plus a token-classification head fine-tuned on BIO labels
(:data:`~quotes.learned.windows.LABELS`). Freezing the lower layers keeps training
affordable on a CPU (their output is computed once per window and cached) and keeps the
shipped model small: only the trained layers and the head are saved, in fp16, and the
rest is read from the installed base encoder at load time.

Decoding is Viterbi over the label probabilities with BIO constraints, so every span is
well formed (no ``I-`` without its ``B-``). :func:`link` then pairs each content with the
nearest cue and each cue with the nearest source, as in PARC-style annotation where every
token has at most one role in one attribution.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

import numpy as np
import torch
from torch import nn

from quotes.learned import ModelError
from quotes.learned.encoder import BASE_NAME, BASE_PACKAGE, base_fingerprint, load_base_model, load_tokenizer
from quotes.learned.windows import LABELS, Encoding, Window, encode, make_windows, owners, pad_batch

if TYPE_CHECKING:
    from quotes.records import Quote

FORMAT = "quotes-span-tagger"
FORMAT_VERSION = 1
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.safetensors"


@dataclass
class TaggerConfig:
    """What a saved tagger needs besides its weights: the recipe and the decoding settings."""

    n_trained_layers: int = 2
    max_length: int = 256
    stride: int = 192  # inference: a window every ``stride`` wordpieces (128 and 254 were no better on dev)
    dropout: float = 0.1
    # linking (characters): the largest gap between a content and its cue, a cue and its source
    max_cue_gap: int = 120
    max_source_gap: int = 80
    drop_uncued: bool = False  # drop contents that find no cue
    merge_gap_tokens: int = 0  # join two contents of the same stretch split by at most this many O tokens
    min_content_chars: int = 12  # shorter contents ("that", "it") were mostly errors on PolNeAR dev
    base: str = BASE_NAME
    base_package: str = BASE_PACKAGE
    base_fingerprint: str = ""
    training: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d.update(format=FORMAT, version=FORMAT_VERSION, labels=list(LABELS))
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TaggerConfig":
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def additive_mask(attention_mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """``[batch, 1, 1, seq]`` mask that adds a large negative number at padding positions."""
    m = attention_mask[:, None, None, :].to(dtype)
    return (1.0 - m) * torch.finfo(dtype).min


class SpanTagger(nn.Module):
    """Base encoder (lower layers frozen) + top layers fine-tuned + a BIO head."""

    def __init__(self, base: nn.Module, config: TaggerConfig):
        super().__init__()
        self.config = config
        self.base = base
        n_layers = base.config.num_hidden_layers
        if not 1 <= config.n_trained_layers <= n_layers:
            raise ValueError(f"n_trained_layers must be within 1..{n_layers}")
        self.n_frozen = n_layers - config.n_trained_layers
        self.dropout = nn.Dropout(config.dropout)
        self.head = nn.Linear(base.config.hidden_size, len(LABELS))
        for p in self.base.parameters():
            p.requires_grad_(False)
        for layer in self.top_layers:
            for p in layer.parameters():
                p.requires_grad_(True)

    @property
    def hidden_size(self) -> int:
        return int(self.base.config.hidden_size)

    @property
    def top_layers(self) -> Sequence[nn.Module]:
        return list(self.base.encoder.layer[self.n_frozen :])

    def train(self, mode: bool = True) -> "SpanTagger":
        super().train(mode)
        # the frozen part always runs as at inference (no dropout), so its cached output is exact
        self.base.embeddings.eval()
        for layer in self.base.encoder.layer[: self.n_frozen]:
            layer.eval()
        return self

    @torch.no_grad()
    def lower(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Hidden states after the frozen layers (cacheable: they never change)."""
        h = self.base.embeddings(input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids))
        mask = additive_mask(attention_mask, h.dtype)
        for layer in self.base.encoder.layer[: self.n_frozen]:
            h = _layer_out(layer(h, attention_mask=mask))
        return h

    def upper(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The trained layers and the head: ``(final hidden states, logits)``."""
        mask = additive_mask(attention_mask, hidden.dtype)
        h = hidden
        for layer in self.top_layers:
            h = _layer_out(layer(h, attention_mask=mask))
        return h, self.head(self.dropout(h))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.upper(self.lower(input_ids, attention_mask), attention_mask)

    # ------------------------------------------------------------------ saving

    def trained_state(self) -> dict[str, torch.Tensor]:
        """Only what differs from the base encoder: the trained layers and the head."""
        state = {}
        for k in range(self.n_frozen, self.base.config.num_hidden_layers):
            for name, t in self.base.encoder.layer[k].state_dict().items():
                state[f"encoder.layer.{k}.{name}"] = t
        for name, t in self.head.state_dict().items():
            state[f"head.{name}"] = t
        return state

    def load_trained_state(self, state: dict[str, torch.Tensor], where: str = "") -> None:
        expected = self.trained_state()
        missing = sorted(set(expected) - set(state))
        if missing:
            raise ModelError(f"{where}: weights lack {len(missing)} tensor(s), e.g. {missing[0]}")
        with torch.no_grad():
            for name, target in expected.items():
                src = state[name]
                if tuple(src.shape) != tuple(target.shape):
                    raise ModelError(f"{where}: tensor {name} has shape {tuple(src.shape)}, expected {tuple(target.shape)}")
                target.copy_(src.to(target.dtype))

    def save(self, folder: str | Path, dtype: torch.dtype = torch.float16) -> None:
        """Write ``config.json`` and ``weights.safetensors`` (trained tensors only) into ``folder``."""
        from safetensors.torch import save_file

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        state = {k: v.detach().to("cpu", dtype).contiguous() for k, v in self.trained_state().items()}
        save_file(state, str(folder / WEIGHTS_FILE), metadata={"format": FORMAT})
        cfg = self.config.to_dict()
        cfg["base_fingerprint"] = self.config.base_fingerprint or base_fingerprint()
        (folder / CONFIG_FILE).write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_base(cls, config: Optional[TaggerConfig] = None) -> "SpanTagger":
        """A fresh tagger on the installed base encoder (head randomly initialised)."""
        config = config or TaggerConfig()
        config.base_fingerprint = base_fingerprint()
        return cls(load_base_model(), config)

    @classmethod
    def load(cls, folder: str | Path) -> "SpanTagger":
        """Load a saved tagger; a missing or corrupted folder raises :class:`ModelError` naming it."""
        folder = Path(folder)
        cfg = read_config(folder, FORMAT)
        weights = folder / WEIGHTS_FILE
        if not weights.is_file():
            raise ModelError(f"{weights}: no such file; {folder} is not a complete span tagger model")
        from safetensors.torch import load_file

        try:
            state = load_file(str(weights))
        except Exception as exc:  # safetensors raises its own error types
            raise ModelError(f"{weights}: cannot read the weights ({exc})") from None
        config = TaggerConfig.from_dict(cfg)
        model = cls(load_base_model(), config)
        if config.base_fingerprint and config.base_fingerprint != base_fingerprint():
            raise ModelError(
                f"{folder}: trained on a different base encoder than the installed {BASE_PACKAGE} "
                "(fingerprint mismatch)"
            )
        model.load_trained_state(state, str(weights))
        model.eval()
        return model


def weights_fingerprint(folder: str | Path) -> str:
    """Hash of a tagger's weights file: a ranker reads this tagger's hidden states, so it
    records which tagger it was trained with."""
    import hashlib

    return hashlib.sha256((Path(folder) / WEIGHTS_FILE).read_bytes()).hexdigest()[:16]


def read_config(folder: Path, fmt: str) -> dict[str, Any]:
    """A model folder's ``config.json``, checked for the expected format."""
    if not folder.is_dir():
        raise ModelError(f"{folder}: no such model folder")
    path = folder / CONFIG_FILE
    if not path.is_file():
        raise ModelError(f"{path}: no such file; {folder} is not a model folder")
    try:
        cfg = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(cfg, dict) or cfg.get("format") != fmt:
        raise ModelError(f"{path}: not a {fmt} model (format {cfg.get('format') if isinstance(cfg, dict) else None!r})")
    return cfg


def _layer_out(out: Any) -> torch.Tensor:
    return out[0] if isinstance(out, (tuple, list)) else out


# ---------------------------------------------------------------------- running windows


@dataclass
class WindowOutput:
    """Per-window results without the special positions."""

    logits: np.ndarray  # [n_tokens, n_labels]
    hidden: Optional[np.ndarray] = None  # [n_tokens, hidden]


def run_windows(
    model: SpanTagger,
    windows: Sequence[Window],
    *,
    batch_size: int = 32,
    device: str = "cpu",
    lower_cache: Optional[Sequence[torch.Tensor]] = None,
    want_hidden: bool = False,
) -> list[WindowOutput]:
    """Logits (and final hidden states) of every window, batched by similar length.

    ``lower_cache[i]`` may hold window ``i``'s frozen-layer output (see
    :func:`lower_states`), which saves most of the compute when the same windows are
    read again (dev evaluation in every epoch).
    """
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
    out: list[Optional[WindowOutput]] = [None] * len(windows)
    model.eval()
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            batch = pad_batch([windows[i] for i in idx])
            mask = batch["attention_mask"].to(device)
            if lower_cache is not None:
                hidden = pad_hidden([lower_cache[i] for i in idx], mask.shape[1]).to(device)
            else:
                hidden = model.lower(batch["input_ids"].to(device), mask)
            h, logits = model.upper(hidden, mask)
            logits = logits.float().cpu().numpy()
            hs = h.float().cpu().numpy() if want_hidden else None
            for k, i in enumerate(idx):
                n = len(windows[i].input_ids)
                out[i] = WindowOutput(logits[k, 1 : n - 1], hs[k, 1 : n - 1] if hs is not None else None)
    return out  # type: ignore[return-value]


def lower_states(
    model: SpanTagger, windows: Sequence[Window], *, batch_size: int = 32, device: str = "cpu", progress: Any = None
) -> list[torch.Tensor]:
    """Frozen-layer output of every window, fp16 on the CPU (the training cache)."""
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
    out: list[Optional[torch.Tensor]] = [None] * len(windows)
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            batch = pad_batch([windows[i] for i in idx])
            h = model.lower(batch["input_ids"].to(device), batch["attention_mask"].to(device))
            for k, i in enumerate(idx):
                out[i] = h[k, : len(windows[i].input_ids)].to("cpu", torch.float16).clone()
            if progress is not None:
                progress.update(len(idx))
    return out  # type: ignore[return-value]


def pad_hidden(states: Sequence[torch.Tensor], width: int) -> torch.Tensor:
    """Stack cached states into ``[batch, width, hidden]`` float32, zero-padded."""
    hid = states[0].shape[-1]
    out = torch.zeros((len(states), width, hid), dtype=torch.float32)
    for k, s in enumerate(states):
        out[k, : s.shape[0]] = s.float()
    return out


def merge_windows(
    encodings: Sequence[Encoding], windows: Sequence[Window], outputs: Sequence[WindowOutput]
) -> list[tuple[np.ndarray, Optional[np.ndarray]]]:
    """Per document: (probabilities ``[n_tokens, n_labels]``, hidden states or None), each
    token taken from the window where it is most central."""
    by_doc: dict[int, list[int]] = {}
    for i, w in enumerate(windows):
        by_doc.setdefault(w.doc, []).append(i)
    merged = []
    for d, enc in enumerate(encodings):
        n = len(enc)
        idx = by_doc.get(d, [])
        if n == 0 or not idx:
            merged.append((np.zeros((0, len(LABELS)), dtype=np.float32), None))
            continue
        own = owners([(windows[i].start, windows[i].end) for i in idx], n)
        logits = np.zeros((n, len(LABELS)), dtype=np.float32)
        has_hidden = outputs[idx[0]].hidden is not None
        hidden = np.zeros((n, outputs[idx[0]].hidden.shape[1]), dtype=np.float32) if has_hidden else None
        for t in range(n):
            w = idx[own[t]]
            pos = t - windows[w].start
            logits[t] = outputs[w].logits[pos]
            if hidden is not None:
                hidden[t] = outputs[w].hidden[pos]
        merged.append((softmax(logits), hidden))
    return merged


def softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


# ---------------------------------------------------------------------- decoding


def _allowed() -> np.ndarray:
    """``allowed[i, j]``: label ``j`` may follow label ``i`` in BIO."""
    n = len(LABELS)
    ok = np.ones((n, n), dtype=bool)
    for j, lj in enumerate(LABELS):
        if lj.startswith("I-"):
            for i, li in enumerate(LABELS):
                ok[i, j] = li[2:] == lj[2:] and li != "O"
    return ok


ALLOWED = _allowed()
START_ALLOWED = np.array([not lab.startswith("I-") for lab in LABELS])


def viterbi(probs: np.ndarray) -> list[int]:
    """The most probable label sequence that is well-formed BIO."""
    n = probs.shape[0]
    if n == 0:
        return []
    logp = np.log(np.clip(probs, 1e-9, 1.0))
    trans = np.where(ALLOWED, 0.0, -np.inf)
    score = np.where(START_ALLOWED, logp[0], -np.inf)
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + trans  # [prev, cur]
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


@dataclass(frozen=True)
class TagSpan:
    """A decoded span: role (CONTENT, CUE, SOURCE), token range, character range, mean probability."""

    role: str
    tok_start: int
    tok_end: int
    start: int
    end: int
    score: float


def decode(enc: Encoding, probs: np.ndarray) -> list[TagSpan]:
    """Well-formed spans from per-token probabilities (Viterbi under BIO constraints)."""
    labels = viterbi(probs)
    spans: list[TagSpan] = []
    cur: Optional[list[int]] = None  # [role label index of B, start token]

    def close(end_tok: int) -> None:
        if cur is None:
            return
        b, s = cur
        role = LABELS[b][2:]
        conf = float(np.mean([probs[t, labels[t]] for t in range(s, end_tok)]))
        spans.append(TagSpan(role, s, end_tok, enc.starts[s], enc.ends[end_tok - 1], conf))

    for t, lab in enumerate(labels):
        name = LABELS[lab]
        if name.startswith("B-"):
            close(t)
            cur = [lab, t]
        elif name == "O":
            close(t)
            cur = None
    close(len(labels))
    return spans


# ---------------------------------------------------------------------- linking


@dataclass
class LinkedQuote:
    """A content span with the cue and source linked to it."""

    content: TagSpan
    cue: Optional[TagSpan]
    source: Optional[TagSpan]

    @property
    def confidence(self) -> float:
        parts = [self.content.score] + [s.score for s in (self.cue, self.source) if s is not None]
        return float(np.prod(parts) ** (1.0 / len(parts)))


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def merge_close(spans: Sequence[TagSpan], max_gap: int) -> list[TagSpan]:
    """Join consecutive contents separated by at most ``max_gap`` untagged tokens.

    The tagger sometimes drops a token in the middle of a long content (a dash, a
    parenthesis), which would split one quote into two; a cue or source in the gap
    keeps them apart.
    """
    if max_gap <= 0:
        return list(spans)
    out: list[TagSpan] = []
    for s in sorted(spans, key=lambda x: x.tok_start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.role == s.role == "CONTENT"
            and 0 <= s.tok_start - prev.tok_end <= max_gap
        ):
            n_prev, n_cur = prev.tok_end - prev.tok_start, s.tok_end - s.tok_start
            score = (prev.score * n_prev + s.score * n_cur) / (n_prev + n_cur)
            out[-1] = TagSpan("CONTENT", prev.tok_start, s.tok_end, prev.start, s.end, score)
        else:
            out.append(s)
    return out


def link(spans: Sequence[TagSpan], config: TaggerConfig) -> list[LinkedQuote]:
    """Attach to every content its nearest cue, and to that cue its nearest source.

    Nearness is the character gap; ties go to the cue after the content for quotes that
    end with their attribution, which is how news text mostly writes it. A source inside
    the content is not its speaker. Contents may share a cue (``“A,” he said. “B.”``).
    """
    contents = [s for s in spans if s.role == "CONTENT" and s.end - s.start >= config.min_content_chars]
    cues = [s for s in spans if s.role == "CUE"]
    sources = [s for s in spans if s.role == "SOURCE"]
    out = []
    for c in contents:
        cue = _nearest(cues, (c.start, c.end), config.max_cue_gap)
        anchor = (cue.start, cue.end) if cue else (c.start, c.end)
        cands = [s for s in sources if not (c.start <= s.start and s.end <= c.end)]
        source = _nearest(cands, anchor, config.max_source_gap)
        if cue is None and config.drop_uncued:
            continue
        out.append(LinkedQuote(c, cue, source))
    return out


def _nearest(spans: Iterable[TagSpan], anchor: tuple[int, int], limit: int) -> Optional[TagSpan]:
    best, best_key = None, None
    for s in spans:
        g = gap(anchor, (s.start, s.end))
        if g > limit:
            continue
        key = (g, 0 if s.start >= anchor[1] else 1, s.start)
        if best_key is None or key < best_key:
            best, best_key = s, key
    return best


# ---------------------------------------------------------------------- whole texts


@dataclass
class TaggedText:
    """Everything the tagger read from one text."""

    encoding: Encoding
    probs: np.ndarray
    hidden: Optional[np.ndarray]
    spans: list[TagSpan]
    quotes: list[LinkedQuote]


class Tagger:
    """A loaded :class:`SpanTagger` with its tokenizer: texts in, tagged texts out."""

    def __init__(self, model: SpanTagger, tokenizer: Any = None, device: str = "cpu", batch_size: int = 32):
        self.model = model.to(device).eval()
        self.tokenizer = tokenizer or load_tokenizer()
        self.device = device
        self.batch_size = batch_size

    fingerprint: str = ""  # of the weights file, which a ranker trained on this tagger records

    @classmethod
    def load(cls, folder: str | Path, device: str = "cpu") -> "Tagger":
        tagger = cls(SpanTagger.load(folder), device=device)
        tagger.fingerprint = weights_fingerprint(folder)
        return tagger

    @property
    def config(self) -> TaggerConfig:
        return self.model.config

    def windows(self, encodings: Sequence[Encoding], stride: Optional[int] = None) -> list[Window]:
        """Inference windows; ``stride`` overrides the model's (no overlap: ``max_length - 2``)."""
        tok = self.tokenizer
        return make_windows(
            encodings, tok.cls_token_id, tok.sep_token_id, self.config.max_length, stride or self.config.stride
        )

    def tag(
        self,
        texts: Sequence[str],
        *,
        want_hidden: bool = False,
        encodings: Optional[Sequence[Encoding]] = None,
        windows: Optional[Sequence[Window]] = None,
        lower_cache: Optional[Sequence[torch.Tensor]] = None,
        stride: Optional[int] = None,
    ) -> list[TaggedText]:
        """Tag a batch of texts (windows of all texts are batched together)."""
        encodings = list(encodings) if encodings is not None else encode(self.tokenizer, texts)
        windows = list(windows) if windows is not None else self.windows(encodings, stride)
        outputs = run_windows(
            self.model,
            windows,
            batch_size=self.batch_size,
            device=self.device,
            lower_cache=lower_cache,
            want_hidden=want_hidden,
        )
        results = []
        for enc, (probs, hidden) in zip(encodings, merge_windows(encodings, windows, outputs)):
            spans = merge_close(decode(enc, probs), self.config.merge_gap_tokens)
            results.append(TaggedText(enc, probs, hidden, spans, link(spans, self.config)))
        return results


def quotes_of(text: str, tagged: TaggedText) -> list["Quote"]:
    """Contract quotes from the tagger alone (content, kind, cue, mention; no speaker)."""
    from quotes.records import Quote, Span

    out = []
    for lq in tagged.quotes:
        c = lq.content
        out.append(
            Quote(
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                kind=quote_kind(text, c.start, c.end),
                cue=Span.of(text, lq.cue.start, lq.cue.end) if lq.cue else None,
                mention=Span.of(text, lq.source.start, lq.source.end) if lq.source else None,
                confidence=round(lq.confidence, 4),
            )
        )
    return out


def quote_kind(text: str, start: int, end: int) -> str:
    """``direct``, ``indirect`` or ``mixed`` from the quotation marks in the content.

    The one rule the project's gold conversion uses, so predicted and gold kinds agree.
    """
    from quotes.text.quote_kind import content_kind

    return content_kind(text, ((start, end),))


def n_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


__all__ = [
    "TaggerConfig",
    "SpanTagger",
    "Tagger",
    "TaggedText",
    "TagSpan",
    "LinkedQuote",
    "decode",
    "viterbi",
    "link",
    "merge_close",
    "quote_kind",
    "quotes_of",
    "run_windows",
    "lower_states",
    "merge_windows",
]
