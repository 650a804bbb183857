"""Training the span tagger: BIO labels over wordpiece windows, the top layers fine-tuned.

Training windows do not overlap (every token is read once per epoch); dev windows are the
model's inference windows, so the dev figures are those of the saved model. The loss is
the cross-entropy of the labels, on the top layers run over the cached frozen-layer
states (:mod:`quotes.training.lower_cache`).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

import torch
from torch import nn

from quotes.learned.encoder import load_tokenizer, pick_device, set_threads
from quotes.learned.span_model import SpanTagger, TaggerConfig
from quotes.learned.tagger import Tagger, quotes_of
from quotes.learned.window_outputs import pad_hidden
from quotes.learned.windows import IGNORE, Encoding, Window, bio_labels, encode, make_windows
from quotes.records import Result
from quotes.training.checkpoints import seed_everything
from quotes.training.config import TrainConfig, TrainReport
from quotes.training.data import load_gold_dataset, results_of, tag_spans
from quotes.training.figures import dev_figures
from quotes.training.loop import Trainee, fit, log_stderr
from quotes.training.lower_cache import file_fingerprint, lower_cache

SHOWN = ("content_exact_f1", "content_overlap_f1", "cue_exact_f1", "source_exact_f1", "e2e_f1", "select")


@dataclass
class TaggerData:
    """The training windows and the dev set, each with its frozen-layer states."""

    windows: list[Window]
    train_cache: list[Any]
    tagger: Tagger  # the model under training, for dev evaluation
    dev_rows: list[dict[str, Any]]
    dev_texts: list[str]
    dev_encs: list[Encoding]
    dev_windows: list[Window]
    dev_cache: list[Any]
    dev_gold: list[Result]


def tagger_model(cfg: TrainConfig, log: Callable[[str], None]) -> SpanTagger:
    """The model to train: ``cfg.init`` when given, else a fresh head on the base encoder."""
    if cfg.init:
        model = SpanTagger.load(cfg.init)
        log(f"init: {cfg.init} ({model.config.n_trained_layers} trained layers)")
    else:
        model = SpanTagger.from_base(
            TaggerConfig(n_trained_layers=cfg.n_trained_layers, max_length=cfg.max_length, stride=cfg.stride)
        )
    model.config.training = {k: v for k, v in asdict(cfg).items() if k not in ("resume", "progress")}
    return model


def tagger_data(cfg: TrainConfig, model: SpanTagger, train_ds: Any, dev_ds: Any, device: str,
                log: Callable[[str], None]) -> TaggerData:
    """Encode, label and window the documents; read or compute the frozen-layer states."""
    out = Path(cfg.out)
    tok = load_tokenizer()
    mcfg = model.config
    train_rows = list(train_ds)
    encs = encode(tok, [r["text"] for r in train_rows])
    labels = [bio_labels(e, tag_spans(r)) for e, r in zip(encs, train_rows)]
    train_stride = cfg.train_stride or (mcfg.max_length - 2)
    windows = make_windows(encs, tok.cls_token_id, tok.sep_token_id, mcfg.max_length, train_stride, labels)
    dev_rows = list(dev_ds)
    dev_texts = [r["text"] for r in dev_rows]
    dev_encs = encode(tok, dev_texts)
    tagger = Tagger(model, tok, device=device)
    dev_windows = tagger.windows(dev_encs)
    n_tokens = sum(len(e) for e in encs)
    log(f"windows: {len(windows)} train ({n_tokens} wordpieces), {len(dev_windows)} dev; device {device}")

    # the frozen layers' output depends only on the windows and the base: cached on disk
    lower_key = (model.n_frozen, mcfg.max_length, mcfg.base_fingerprint)
    skip = [cfg.skip_docs] if cfg.skip_docs else []
    train_key = file_fingerprint(cfg.train, cfg.texts, cfg.max_docs, train_stride, *lower_key, *skip)
    dev_key = file_fingerprint(cfg.dev, cfg.texts, cfg.max_dev_docs, mcfg.stride, *lower_key)
    train_cache = lower_cache(model, windows, out / "cache" / "train-lower.pt", train_key, cfg, device, "train")
    dev_cache = lower_cache(model, dev_windows, out / "cache" / "dev-lower.pt", dev_key, cfg, device, "dev")
    return TaggerData(windows, train_cache, tagger, dev_rows, dev_texts, dev_encs, dev_windows, dev_cache,
                      results_of(dev_ds))


def tagger_trainee(cfg: TrainConfig, model: SpanTagger, data: TaggerData, device: str) -> Trainee:
    """The tagger as the shared loop sees it; the head learns at ``cfg.head_lr``."""
    out = Path(cfg.out)
    windows, train_cache = data.windows, data.train_cache

    def evaluate() -> dict[str, Any]:
        tagged = data.tagger.tag(data.dev_texts, encodings=data.dev_encs, windows=data.dev_windows,
                                 lower_cache=data.dev_cache)
        pred = [Result(r["id"], quotes_of(r["text"], t)) for r, t in zip(data.dev_rows, tagged)]
        return dev_figures(data.dev_gold, pred)

    trainable = [p for p in model.parameters() if p.requires_grad]
    head_ids = {id(p) for p in model.head.parameters()}
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)

    def batch_loss(idx: list[int]) -> Any:
        model.train()
        width = max(len(windows[i].input_ids) for i in idx)
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        lab = torch.full((len(idx), width), IGNORE, dtype=torch.long)
        for k, i in enumerate(idx):
            n = len(windows[i].input_ids)
            mask[k, :n] = 1
            lab[k, :n] = torch.tensor(windows[i].labels)
        hidden = pad_hidden([train_cache[i] for i in idx], width).to(device)
        _, logits = model.upper(hidden, mask.to(device))
        return loss_fn(logits.reshape(-1, logits.shape[-1]), lab.to(device).reshape(-1))

    def save_best(figures: dict[str, Any]) -> None:
        model.config.training["dev_figures"] = figures
        model.save(out)

    return Trainee(
        n_items=len(windows),
        batch_loss=batch_loss,
        evaluate=evaluate,
        save_best=save_best,
        get_state=lambda: {k: v.detach().cpu().clone() for k, v in model.trained_state().items()},
        set_state=lambda state: model.load_trained_state(state, "checkpoint"),
        parameters=trainable,
        param_groups=[
            {"params": [p for p in trainable if id(p) not in head_ids], "lr": cfg.lr},
            {"params": [p for p in trainable if id(p) in head_ids], "lr": cfg.head_lr},
        ],
        shown=SHOWN,
    )


def train_tagger(cfg: TrainConfig, log: Callable[[str], None] = log_stderr) -> TrainReport:
    """Fine-tune the span tagger on gold JSON Lines; the best dev epoch is saved to ``cfg.out``."""
    t_start = time.time()
    set_threads(cfg.threads)
    seed_everything(cfg.seed)
    device = pick_device(cfg.device)
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    train_ds = load_gold_dataset(cfg.train, cfg.texts, cfg.max_docs, cfg.skip_docs)
    dev_ds = load_gold_dataset(cfg.dev, cfg.texts, cfg.max_dev_docs)
    log(f"data: {len(train_ds)} train documents, {len(dev_ds)} dev documents")
    model = tagger_model(cfg, log)
    model.to(device)
    data = tagger_data(cfg, model, train_ds, dev_ds, device, log)
    return fit(cfg, tagger_trainee(cfg, model, data, device), log, t_start)
