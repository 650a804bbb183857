"""Training the speaker ranker over a trained tagger's hidden states.

Training examples are the gold quotes of the training documents, each with its candidate
mentions (:func:`quotes.learned.ranker.candidate_mentions`) and the index of the one that
matches the gold mention; the loss is the cross-entropy over a quote's candidates. Model
selection is on dev end-to-end F1 of the tagger's own quotes with the ranked mentions,
which is what the ``neural`` mode produces.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np
import torch

from quotes.extraction.pipeline import DEFAULT_SPACY_MODEL, add_line_breaks
from quotes.learned.encoder import pick_device, set_threads
from quotes.learned.ranker import (
    MentionCandidate,
    RankerConfig,
    SpeakerRanker,
    candidate_mentions,
    gold_index,
    quote_features,
)
from quotes.learned.tagger import TaggedText, Tagger, quote_kind
from quotes.records import Quote, Result, Span
from quotes.training.checkpoints import seed_everything
from quotes.training.config import TrainConfig, TrainReport
from quotes.training.data import load_gold_dataset, results_of
from quotes.training.figures import dev_figures
from quotes.training.loop import Trainee, fit, log_stderr, progress_bar

MAX_CANDIDATES = 24
SHOWN = ("ranker_accuracy_gold_quotes", "e2e_f1", "source_exact_f1", "train_loss")

#: a gold quote's features: (encoder features, simple features, row of the gold choice)
Example = tuple[Any, Any, int]
#: a dev quote the tagger found: (document, linked quote, candidates, encoder features, simple features)
PredGroup = tuple[int, Any, list[MentionCandidate], Any, Any]


def load_spacy() -> Any:
    """The project's spaCy pipeline without the quote components (parse, entities)."""
    return add_line_breaks(importlib.import_module(DEFAULT_SPACY_MODEL).load())


def ranker_examples(rows: list[dict[str, Any]], docs: list[Any], tagged: list[TaggedText], window_chars: int
                    ) -> tuple[list[Example], int]:
    """Feature groups of the gold quotes of ``rows``; also counts quotes whose gold mention
    no candidate matches (left out)."""
    out, unreachable = [], 0
    for row, doc, tt in zip(rows, docs, tagged):
        sources = [(s.start, s.end) for s in tt.spans if s.role == "SOURCE"]
        for q in row["quotes"]:
            content = (q["start"], q["end"])
            cue = (q["cue_start"], q["cue_end"]) if q["cue_start"] >= 0 else None
            mention = (q["mention_start"], q["mention_end"]) if q["mention_start"] >= 0 else None
            cands = candidate_mentions(doc, content, cue, sources, window_chars)[:MAX_CANDIDATES]
            gold = gold_index(cands, mention, row["text"])
            if gold is None:
                unreachable += 1
                continue
            enc, simple = quote_features(doc, tt, content, cue, cands)
            out.append((enc.astype("float16"), simple, gold))
    return out, unreachable


def read_for_ranker(rows: list[dict[str, Any]], tagger: Tagger, nlp: Any, cfg: TrainConfig, what: str,
                    stride: Optional[int] = None) -> tuple[list[Any], list[TaggedText]]:
    """spaCy docs and tagger outputs (with hidden states) of the rows, in chunks."""
    texts = [r["text"] for r in rows]
    t0 = time.time()
    docs = list(nlp.pipe(texts, batch_size=16))
    log_stderr(f"{what}: parsed {len(docs)} documents in {time.time() - t0:.0f}s")
    t0 = time.time()
    tagged: list[TaggedText] = []
    bar = progress_bar(len(texts), f"{what} tagger", cfg.progress)
    for k in range(0, len(texts), 8):
        tagged.extend(tagger.tag(texts[k : k + 8], want_hidden=True, stride=stride))
        bar.update(len(texts[k : k + 8]))
    bar.close()
    log_stderr(f"{what}: tagged {len(texts)} documents in {time.time() - t0:.0f}s")
    return docs, tagged


def prediction_groups(docs: list[Any], tagged: list[TaggedText], window_chars: int) -> list[PredGroup]:
    """Dev end to end: the tagger's own quotes, each with its candidates and their features."""
    groups: list[PredGroup] = []
    for d, (doc, tt) in enumerate(zip(docs, tagged)):
        sources = [(s.start, s.end) for s in tt.spans if s.role == "SOURCE"]
        for lq in tt.quotes:
            content = (lq.content.start, lq.content.end)
            cue = (lq.cue.start, lq.cue.end) if lq.cue else None
            cands = candidate_mentions(doc, content, cue, sources, window_chars)[:MAX_CANDIDATES]
            enc, simple = quote_features(doc, tt, content, cue, cands)
            groups.append((d, lq, cands, enc, simple))
    return groups


@dataclass
class RankerData:
    """Training examples, and the dev set both as gold quotes and as the tagger's quotes."""

    examples: list[Example]
    dev_examples: list[Example]
    pred_groups: list[PredGroup]
    dev_rows: list[dict[str, Any]]
    dev_gold: list[Result]


def ranker_data(cfg: TrainConfig, tagger: Tagger, window_chars: int, train_rows: list[dict[str, Any]], dev_ds: Any,
                log: Callable[[str], None]) -> RankerData:
    """Parse and tag the documents, then turn their quotes into candidate groups."""
    dev_rows = list(dev_ds)
    nlp = load_spacy()
    no_overlap = tagger.config.max_length - 2  # training features: one window per token, cheaper
    train_docs, train_tagged = read_for_ranker(train_rows, tagger, nlp, cfg, "train", stride=no_overlap)
    examples, unreachable = ranker_examples(train_rows, train_docs, train_tagged, window_chars)
    del train_tagged
    dev_docs, dev_tagged = read_for_ranker(dev_rows, tagger, nlp, cfg, "dev")
    dev_examples, dev_unreachable = ranker_examples(dev_rows, dev_docs, dev_tagged, window_chars)
    n_gold_quotes = sum(len(r["quotes"]) for r in train_rows)
    log(f"examples: {len(examples)} train quotes ({unreachable} of {n_gold_quotes} with no matching candidate), "
        f"{len(dev_examples)} dev ({dev_unreachable} unreachable)")
    groups = prediction_groups(dev_docs, dev_tagged, window_chars)
    return RankerData(examples, dev_examples, groups, dev_rows, results_of(dev_ds))


def pad_examples(group: list[Example]) -> tuple[Any, Any, Any, Any]:
    """A batch of examples as tensors: encoder and simple features, candidate mask, gold rows."""
    k = max(len(g[1]) for g in group)
    enc = np.zeros((len(group), k, group[0][0].shape[1]), dtype=np.float32)
    simple = np.zeros((len(group), k, group[0][1].shape[1]), dtype=np.float32)
    mask = np.zeros((len(group), k), dtype=bool)
    for i, (e, s, _) in enumerate(group):
        enc[i, : len(e)] = e
        simple[i, : len(s)] = s
        mask[i, : len(s)] = True
    gold = np.array([g[2] for g in group], dtype=np.int64)
    return torch.from_numpy(enc), torch.from_numpy(simple), torch.from_numpy(mask), torch.from_numpy(gold)


def masked_scores(model: SpeakerRanker, device: str, enc: Any, simple: Any, mask: Any) -> Any:
    """Candidate scores of a padded batch, padding rows at minus infinity."""
    s = model(enc.to(device), simple.to(device))
    return s.masked_fill(~mask.to(device), float("-inf"))


def gold_accuracy(model: SpeakerRanker, device: str, examples: list[Example]) -> float:
    """How often the ranker picks the gold choice of a gold quote."""
    correct = 0
    with torch.inference_mode():
        for b in range(0, len(examples), 256):
            enc, simple, mask, gold = pad_examples(examples[b : b + 256])
            correct += int((masked_scores(model, device, enc, simple, mask).argmax(-1).cpu() == gold).sum())
    return round(correct / max(1, len(examples)), 4)


def ranked_results(model: SpeakerRanker, device: str, data: RankerData) -> list[Result]:
    """The dev documents' tagger quotes with the mention the ranker picks, as results."""
    quotes: dict[int, list[Quote]] = {}
    with torch.inference_mode():
        for d, lq, cands, enc, simple in data.pred_groups:
            s = model(torch.from_numpy(enc).float().to(device), torch.from_numpy(simple).to(device))
            s[0] += model.config.null_margin
            k = int(s.argmax())
            text = data.dev_rows[d]["text"]
            c = lq.content
            mention = Span.of(text, cands[k - 1].start, cands[k - 1].end) if k > 0 else None
            quotes.setdefault(d, []).append(Quote(
                c.start, c.end, text[c.start : c.end], quote_kind(text, c.start, c.end),
                Span.of(text, lq.cue.start, lq.cue.end) if lq.cue else None, mention))
    return [Result(r["id"], quotes.get(d, [])) for d, r in enumerate(data.dev_rows)]


def ranker_trainee(cfg: TrainConfig, model: SpeakerRanker, data: RankerData, device: str) -> Trainee:
    """The ranker as the shared loop sees it; selection on dev end-to-end F1."""
    out = Path(cfg.out)
    examples = data.examples

    def evaluate() -> dict[str, Any]:
        model.eval()
        accuracy = gold_accuracy(model, device, data.dev_examples)
        figures = dev_figures(data.dev_gold, ranked_results(model, device, data))
        figures["ranker_accuracy_gold_quotes"] = accuracy
        figures["select"] = figures["e2e_f1"]
        return figures

    def batch_loss(idx: list[int]) -> Any:
        model.train()
        enc, simple, mask, gold = pad_examples([examples[i] for i in idx])
        return torch.nn.functional.cross_entropy(masked_scores(model, device, enc, simple, mask), gold.to(device))

    def save_best(figures: dict[str, Any]) -> None:
        model.config.training["dev_figures"] = figures
        model.save(out)

    return Trainee(
        n_items=len(examples),
        batch_loss=batch_loss,
        evaluate=evaluate,
        save_best=save_best,
        get_state=lambda: {k: v.detach().cpu().clone() for k, v in model.state_dict().items()},
        set_state=model.load_state_dict,
        parameters=list(model.parameters()),
        shown=SHOWN,
    )


def ranker_model(cfg: TrainConfig, tagger: Tagger, log: Callable[[str], None]) -> SpeakerRanker:
    """The model to train: ``cfg.init`` when given, else a fresh ranker sized to the tagger."""
    if cfg.init:
        model = SpeakerRanker.load(cfg.init)
        log(f"init: {cfg.init}")
    else:
        model = SpeakerRanker(RankerConfig(encoder_dim=tagger.model.hidden_size))
    model.config.tagger_fingerprint = tagger.fingerprint
    model.config.training = {k: v for k, v in asdict(cfg).items() if k not in ("resume", "progress")}
    return model


def train_ranker(cfg: TrainConfig, log: Callable[[str], None] = log_stderr) -> TrainReport:
    """Train the speaker ranker on the gold quotes of ``cfg.train`` over ``cfg.tagger``'s
    hidden states; select on dev end-to-end F1 of tagger quotes with ranked mentions."""
    t_start = time.time()
    set_threads(cfg.threads)
    seed_everything(cfg.seed)
    device = pick_device(cfg.device)
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    if not cfg.tagger:
        raise ValueError("the ranker needs a tagger (--tagger DIR)")
    tagger = Tagger.load(cfg.tagger, device=device)
    train_rows = list(load_gold_dataset(cfg.train, cfg.texts, cfg.max_docs, cfg.skip_docs))
    dev_ds = load_gold_dataset(cfg.dev, cfg.texts, cfg.max_dev_docs)
    log(f"data: {len(train_rows)} train documents, {len(dev_ds)} dev documents; tagger {cfg.tagger}")
    model = ranker_model(cfg, tagger, log)
    model.to(device)
    data = ranker_data(cfg, tagger, model.config.window_chars, train_rows, dev_ds, log)
    return fit(cfg, ranker_trainee(cfg, model, data, device), log, t_start)
