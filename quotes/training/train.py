"""Training loops of the span tagger and the speaker ranker.

Both loops share one recipe: fixed seeds, a deterministic order of batches per epoch (so a
run killed mid-epoch resumes at the same batch from its last checkpoint), evaluation on
the dev file after every epoch with the project's own scorer
(:mod:`quotes.evaluation.scorer`), the best epoch saved as the model, and early stopping
after ``patience`` epochs without improvement.

The tagger trains its top layers on cached outputs of the frozen lower layers: those are
computed once per window (and kept on disk under ``OUT/cache`` so a resumed run does not
pay for them again), which makes an epoch on a CPU about three times cheaper.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

TASKS = ("tagger", "ranker")
DEFAULT_MODEL_DIRS = {"tagger": "models/span-tagger", "ranker": "models/speaker-ranker"}
CHECKPOINT_DIR = "checkpoint"
CHECKPOINT_FILE = "state.pt"


@dataclass
class TrainConfig:
    """Everything a run depends on; written to ``OUT/train_config.json``."""

    task: str
    train: str
    dev: str
    out: str
    init: Optional[str] = None
    texts: Optional[str] = None
    epochs: int = 3
    lr: float = 1e-4
    head_lr: float = 1e-3
    batch_size: int = 16
    max_steps: Optional[int] = None
    seed: int = 13
    resume: bool = False
    device: str = "auto"
    patience: int = 2
    checkpoint_every: int = 200
    max_length: int = 256
    stride: int = 128
    train_stride: Optional[int] = None  # windows for training; default: no overlap
    n_trained_layers: int = 2
    max_docs: Optional[int] = None
    max_dev_docs: Optional[int] = None
    tagger: Optional[str] = None  # ranker: the tagger whose hidden states it reads
    threads: Optional[int] = None
    warmup: float = 0.06
    progress: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class TrainReport:
    """What a run did: per-epoch dev figures, the best one, the time it took."""

    out: str
    best_epoch: Optional[int]
    best_score: Optional[float]
    history: list[dict[str, Any]]
    steps: int
    seconds: float
    stopped_early: bool = False


def seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _progress(total: int, desc: str, enabled: bool, initial: int = 0) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, disable=not enabled, initial=initial, file=sys.stderr, mininterval=5.0)


def file_fingerprint(*parts: Any) -> str:
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, (str, Path)) and Path(p).exists():
            path = Path(p)
            files = sorted(path.rglob("*")) if path.is_dir() else [path]
            for f in files:
                if f.is_file():
                    st = f.stat()
                    h.update(f"{f}:{st.st_size}:{int(st.st_mtime)}".encode())
        else:
            h.update(repr(p).encode())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------- evaluation


def dev_figures(gold: list[Any], pred: list[Any]) -> dict[str, Any]:
    """The figures the model cards and selection use, from the project's scorer."""
    from ..evaluation.scorer import score_corpus

    score = score_corpus(gold, pred, e2e="auto")
    sets = score.span_sets()

    def f(prf: Any) -> float:
        return round(prf.f1 or 0.0, 4)

    figures = {
        "content_exact_f1": f(score.detection(exact=True)),
        "content_overlap_f1": f(score.detection(exact=False)),
        "cue_exact_f1": f(sets["cue"]),
        "source_exact_f1": f(sets["mention"]),
        "e2e_f1": f(score.e2e()),
        "e2e_mode": score.e2e_mode,
        "mention_accuracy": round(score.mention().value or 0.0, 4),
        "n_gold": score.n_gold,
        "n_pred": score.n_pred,
    }
    # model selection: detection and attribution count equally
    figures["select"] = round((figures["content_exact_f1"] + figures["e2e_f1"]) / 2, 4)
    return figures


# ---------------------------------------------------------------------- checkpoints


def save_checkpoint(out: Path, state: dict[str, Any]) -> None:
    """Write atomically so a kill during the write leaves the previous checkpoint intact."""
    import torch

    folder = out / CHECKPOINT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (CHECKPOINT_FILE + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, folder / CHECKPOINT_FILE)


def load_checkpoint(out: Path) -> Optional[dict[str, Any]]:
    import torch

    path = out / CHECKPOINT_DIR / CHECKPOINT_FILE
    if not path.is_file():
        return None
    return torch.load(path, map_location="cpu", weights_only=False)


def _rng_state() -> dict[str, Any]:
    import numpy as np
    import torch

    return {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}


def _set_rng_state(s: dict[str, Any]) -> None:
    import numpy as np
    import torch

    random.setstate(s["python"])
    np.random.set_state(s["numpy"])
    torch.set_rng_state(s["torch"])


def epoch_order(n: int, seed: int, epoch: int) -> list[int]:
    """The batch order of an epoch: a permutation fixed by (seed, epoch), so resumable."""
    import torch

    g = torch.Generator().manual_seed(seed * 1000 + epoch)
    return torch.randperm(n, generator=g).tolist()


# ---------------------------------------------------------------------- tagger


def _load_cache(path: Path, fingerprint: str) -> Optional[list[Any]]:
    import torch

    if not path.is_file():
        return None
    try:
        blob = torch.load(path, map_location="cpu", weights_only=False)
    except Exception:  # a cache cut short by a kill is simply recomputed
        return None
    if blob.get("fingerprint") != fingerprint:
        return None
    return blob["states"]


def _lower_cache(model: Any, windows: list[Any], path: Optional[Path], fingerprint: str, cfg: TrainConfig,
                 device: str, what: str) -> list[Any]:
    import torch

    from ..neural.tagger import lower_states

    if path is not None:
        cached = _load_cache(path, fingerprint)
        if cached is not None and len(cached) == len(windows):
            _log(f"{what}: frozen-layer cache read from {path}")
            return cached
    t0 = time.time()
    bar = _progress(len(windows), f"{what} frozen layers", cfg.progress)
    states = lower_states(model, windows, batch_size=32, device=device, progress=bar)
    bar.close()
    _log(f"{what}: frozen layers of {len(windows)} windows in {time.time() - t0:.0f}s")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        torch.save({"fingerprint": fingerprint, "states": states}, tmp)
        os.replace(tmp, path)
    return states


def train_tagger(cfg: TrainConfig, log: Callable[[str], None] = _log) -> TrainReport:
    """Fine-tune the span tagger on gold JSON Lines; the best dev epoch is saved to ``cfg.out``."""
    import torch
    from torch import nn

    from ..neural.encoder import load_tokenizer, pick_device, set_threads
    from ..neural.tagger import SpanTagger, Tagger, TaggerConfig, lr_lambda, pad_hidden, quotes_of
    from ..neural.windows import IGNORE, bio_labels, encode, make_windows
    from ..records import Result
    from .data import load_gold_dataset, results_of, tag_spans

    t_start = time.time()
    set_threads(cfg.threads)
    seed_everything(cfg.seed)
    device = pick_device(cfg.device)
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    ckpt = load_checkpoint(out) if cfg.resume else None
    if cfg.resume and ckpt is None:
        log(f"--resume: no checkpoint in {out / CHECKPOINT_DIR}; starting from the beginning")

    train_ds = load_gold_dataset(cfg.train, cfg.texts, cfg.max_docs)
    dev_ds = load_gold_dataset(cfg.dev, cfg.texts, cfg.max_dev_docs)
    log(f"data: {len(train_ds)} train documents, {len(dev_ds)} dev documents")

    if cfg.init:
        model = SpanTagger.load(cfg.init)
        log(f"init: {cfg.init} ({model.config.n_trained_layers} trained layers)")
    else:
        model = SpanTagger.from_base(
            TaggerConfig(n_trained_layers=cfg.n_trained_layers, max_length=cfg.max_length, stride=cfg.stride)
        )
    model.config.training = {k: v for k, v in asdict(cfg).items() if k not in ("resume", "progress", "extra")}
    model.to(device)
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

    lower_key = (model.n_frozen, mcfg.max_length, mcfg.base_fingerprint)
    cache_dir = out / "cache"
    train_cache = _lower_cache(
        model, windows, cache_dir / "train-lower.pt",
        file_fingerprint(cfg.train, cfg.texts, cfg.max_docs, train_stride, *lower_key), cfg, device, "train")
    dev_cache = _lower_cache(
        model, dev_windows, cache_dir / "dev-lower.pt",
        file_fingerprint(cfg.dev, cfg.texts, cfg.max_dev_docs, mcfg.stride, *lower_key), cfg, device, "dev")
    dev_gold = results_of(dev_ds)

    def evaluate() -> dict[str, Any]:
        tagged = tagger.tag(dev_texts, encodings=dev_encs, windows=dev_windows, lower_cache=dev_cache)
        pred = [Result(r["id"], quotes_of(r["text"], t)) for r, t in zip(dev_rows, tagged)]
        return dev_figures(dev_gold, pred)

    trainable = [p for p in model.parameters() if p.requires_grad]
    head_params = list(model.head.parameters())
    head_ids = {id(p) for p in head_params}
    groups = [
        {"params": [p for p in trainable if id(p) not in head_ids], "lr": cfg.lr},
        {"params": head_params, "lr": cfg.head_lr},
    ]
    optim = torch.optim.AdamW(groups, weight_decay=0.01)
    batches_per_epoch = math.ceil(len(windows) / cfg.batch_size)
    total = cfg.max_steps or batches_per_epoch * cfg.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lr_lambda(int(total * cfg.warmup), total))
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)

    step, epoch, batch_pos = 0, 0, 0
    history: list[dict[str, Any]] = []
    best_score: Optional[float] = None
    best_epoch: Optional[int] = None
    bad_epochs = 0
    if ckpt is not None:
        model.load_trained_state(ckpt["model"], "checkpoint")
        optim.load_state_dict(ckpt["optimizer"])
        sched.load_state_dict(ckpt["scheduler"])
        step, epoch, batch_pos = ckpt["step"], ckpt["epoch"], ckpt["batch_pos"]
        history, best_score, best_epoch, bad_epochs = ckpt["history"], ckpt["best_score"], ckpt["best_epoch"], ckpt["bad_epochs"]
        _set_rng_state(ckpt["rng"])
        log(f"resumed from step {step} (epoch {epoch + 1}, batch {batch_pos})")

    def checkpoint() -> None:
        save_checkpoint(out, {
            "model": {k: v.detach().cpu().clone() for k, v in model.trained_state().items()},
            "optimizer": optim.state_dict(), "scheduler": sched.state_dict(),
            "step": step, "epoch": epoch, "batch_pos": batch_pos, "history": history,
            "best_score": best_score, "best_epoch": best_epoch, "bad_epochs": bad_epochs, "rng": _rng_state(),
            "config": asdict(cfg),
        })

    log(f"training: {total} steps ({batches_per_epoch} per epoch), batch {cfg.batch_size}, "
        f"lr {cfg.lr} (head {cfg.head_lr}), {sum(p.numel() for p in trainable)} trainable parameters")
    stopped_early = False
    losses: list[float] = []
    while epoch < cfg.epochs and step < total:
        order = epoch_order(len(windows), cfg.seed, epoch)
        bar = _progress(batches_per_epoch, f"epoch {epoch + 1}", cfg.progress, initial=batch_pos)
        model.train()
        while batch_pos < batches_per_epoch and step < total:
            idx = order[batch_pos * cfg.batch_size : (batch_pos + 1) * cfg.batch_size]
            width = max(len(windows[i].input_ids) for i in idx)
            mask = torch.zeros((len(idx), width), dtype=torch.long)
            lab = torch.full((len(idx), width), IGNORE, dtype=torch.long)
            for k, i in enumerate(idx):
                n = len(windows[i].input_ids)
                mask[k, :n] = 1
                lab[k, :n] = torch.tensor(windows[i].labels)
            hidden = pad_hidden([train_cache[i] for i in idx], width).to(device)
            _, logits = model.upper(hidden, mask.to(device))
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), lab.to(device).reshape(-1))
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optim.step()
            sched.step()
            step += 1
            batch_pos += 1
            losses.append(float(loss.item()))
            bar.update(1)
            if step % 20 == 0:
                bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.4f}")
            if step % 100 == 0:
                log(f"step {step}/{total} loss {sum(losses[-100:]) / len(losses[-100:]):.4f}")
            if cfg.checkpoint_every and step % cfg.checkpoint_every == 0:
                checkpoint()
        bar.close()
        epoch_done = batch_pos >= batches_per_epoch
        t0 = time.time()
        figures = evaluate()
        figures.update(epoch=epoch + 1, step=step, partial=not epoch_done,
                       train_loss=round(sum(losses[-batches_per_epoch:]) / max(1, len(losses[-batches_per_epoch:])), 4))
        history.append(figures)
        log(f"dev after epoch {epoch + 1} (step {step}, {time.time() - t0:.0f}s): " + json.dumps(
            {k: figures[k] for k in ("content_exact_f1", "content_overlap_f1", "cue_exact_f1", "source_exact_f1",
                                     "e2e_f1", "select")}))
        if best_score is None or figures["select"] > best_score:
            best_score, best_epoch, bad_epochs = figures["select"], epoch + 1, 0
            model.config.training["dev"] = figures
            model.save(out)
            log(f"saved the model to {out} (best so far)")
        else:
            bad_epochs += 1
        epoch += 1
        batch_pos = 0
        checkpoint()
        if bad_epochs >= cfg.patience:
            log(f"early stop: no dev improvement in {bad_epochs} epoch(s)")
            stopped_early = True
            break
    report = TrainReport(str(out), best_epoch, best_score, history, step, round(time.time() - t_start, 1), stopped_early)
    (out / "train_report.json").write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    (out / "train_config.json").write_text(json.dumps(asdict(cfg), indent=2) + "\n", encoding="utf-8")
    return report


def train(cfg: TrainConfig, log: Callable[[str], None] = _log) -> TrainReport:
    """Run the training of ``cfg.task``."""
    if cfg.task == "tagger":
        return train_tagger(cfg, log)
    if cfg.task == "ranker":
        from .ranker_train import train_ranker

        return train_ranker(cfg, log)
    raise ValueError(f"unknown task {cfg.task!r}; choose one of {', '.join(TASKS)}")
