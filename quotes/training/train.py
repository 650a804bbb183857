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
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Optional

TASKS = ("tagger", "ranker")
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
    stride: int = 192
    train_stride: Optional[int] = None  # windows for training; default: no overlap
    n_trained_layers: int = 2
    max_docs: Optional[int] = None
    skip_docs: int = 0  # leave out the first N training documents (e.g. those another model trained on)
    max_dev_docs: Optional[int] = None
    tagger: Optional[str] = None  # ranker: the tagger whose hidden states it reads
    threads: Optional[int] = None
    warmup: float = 0.06
    progress: bool = True


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
    from quotes.evaluation.scorer import score_corpus

    score = score_corpus(gold, pred, e2e="mention")  # what the models produce: spans, no names
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


def lr_lambda(warmup: int, total: int) -> Callable[[int], float]:
    """Linear warm-up then linear decay to zero (the usual fine-tuning schedule)."""

    def f(step: int) -> float:
        if step < warmup:
            return (step + 1) / max(1, warmup)
        return max(0.0, (total - step) / max(1, total - warmup))

    return f


def epoch_order(n: int, seed: int, epoch: int) -> list[int]:
    """The batch order of an epoch: a permutation fixed by (seed, epoch), so resumable."""
    import torch

    g = torch.Generator().manual_seed(seed * 1000 + epoch)
    return torch.randperm(n, generator=g).tolist()



# ---------------------------------------------------------------------- the shared loop


@dataclass
class Trainee:
    """What the shared loop needs from a task: its items, a loss over a batch of them,
    dev evaluation, saving the best model, and the weights a checkpoint holds."""

    n_items: int
    batch_loss: Callable[[list[int]], Any]
    evaluate: Callable[[], dict[str, Any]]
    save_best: Callable[[dict[str, Any]], None]
    get_state: Callable[[], dict[str, Any]]
    set_state: Callable[[dict[str, Any]], None]
    parameters: list[Any]
    param_groups: Optional[list[dict[str, Any]]] = None  # optimizer groups (default: all at cfg.lr)
    shown: tuple[str, ...] = ("select",)


def fit(cfg: TrainConfig, trainee: Trainee, log: Callable[[str], None], t_start: float) -> TrainReport:
    """Epochs of shuffled batches with checkpoints, dev evaluation and early stopping."""
    import torch

    out = Path(cfg.out)
    groups = trainee.param_groups or [{"params": trainee.parameters, "lr": cfg.lr}]
    optim = torch.optim.AdamW(groups, weight_decay=0.01)
    batches_per_epoch = math.ceil(trainee.n_items / cfg.batch_size)
    total = cfg.max_steps or batches_per_epoch * cfg.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lr_lambda(int(total * cfg.warmup), total))

    step, epoch, batch_pos = 0, 0, 0
    history: list[dict[str, Any]] = []
    best_score: Optional[float] = None
    best_epoch: Optional[int] = None
    bad_epochs = 0
    losses: list[float] = []
    ckpt = load_checkpoint(out) if cfg.resume else None
    if cfg.resume and ckpt is None:
        log(f"--resume: no checkpoint in {out / CHECKPOINT_DIR}; starting from the beginning")
    if ckpt is not None:
        if ckpt.get("task", cfg.task) != cfg.task:
            raise ValueError(f"{out / CHECKPOINT_DIR}: the checkpoint is of task {ckpt.get('task')!r}, not {cfg.task!r}")
        trainee.set_state(ckpt["model"])
        optim.load_state_dict(ckpt["optimizer"])
        sched.load_state_dict(ckpt["scheduler"])
        step, epoch, batch_pos = ckpt["step"], ckpt["epoch"], ckpt["batch_pos"]
        history, best_score, best_epoch, bad_epochs = ckpt["history"], ckpt["best_score"], ckpt["best_epoch"], ckpt["bad_epochs"]
        losses = list(ckpt.get("losses", []))
        _set_rng_state(ckpt["rng"])
        log(f"resumed from step {step} (epoch {epoch + 1}, batch {batch_pos})")

    def checkpoint() -> None:
        save_checkpoint(out, {
            "task": cfg.task, "model": trainee.get_state(), "losses": losses[-batches_per_epoch:],
            "optimizer": optim.state_dict(), "scheduler": sched.state_dict(),
            "step": step, "epoch": epoch, "batch_pos": batch_pos, "history": history,
            "best_score": best_score, "best_epoch": best_epoch, "bad_epochs": bad_epochs, "rng": _rng_state(),
            "config": asdict(cfg),
        })

    log(f"training: {total} steps ({batches_per_epoch} per epoch), batch {cfg.batch_size}, lr {cfg.lr}, "
        f"{sum(p.numel() for p in trainee.parameters)} trainable parameters")
    stopped_early = False
    while epoch < cfg.epochs:
        order = epoch_order(trainee.n_items, cfg.seed, epoch)
        bar = _progress(batches_per_epoch, f"epoch {epoch + 1}", cfg.progress, initial=batch_pos)
        while batch_pos < batches_per_epoch and step < total:
            idx = order[batch_pos * cfg.batch_size : (batch_pos + 1) * cfg.batch_size]
            loss = trainee.batch_loss(idx)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainee.parameters, 1.0)
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
        t0 = time.time()
        figures = trainee.evaluate()
        recent = losses[-batches_per_epoch:]
        figures.update(epoch=epoch + 1, step=step, partial=batch_pos < batches_per_epoch,
                       train_loss=round(sum(recent) / max(1, len(recent)), 4))
        history.append(figures)
        log(f"dev after epoch {epoch + 1} (step {step}, {time.time() - t0:.0f}s): "
            + json.dumps({k: figures.get(k) for k in trainee.shown}))
        if best_score is None or figures["select"] > best_score:
            best_score, best_epoch, bad_epochs = figures["select"], epoch + 1, 0
            trainee.save_best(figures)
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
        if step >= total:
            break
    report = TrainReport(str(out), best_epoch, best_score, history, step, round(time.time() - t_start, 1), stopped_early)
    (out / "train_report.json").write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    (out / "train_config.json").write_text(json.dumps(asdict(cfg), indent=2) + "\n", encoding="utf-8")
    return report


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
    """The frozen layers' output of every window, read from ``path`` when it was computed
    for the same windows and base (``fingerprint``), else computed and written there."""
    import torch

    from quotes.learned.tagger import lower_states

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

    from quotes.learned.encoder import load_tokenizer, pick_device, set_threads
    from quotes.learned.tagger import SpanTagger, Tagger, TaggerConfig, pad_hidden, quotes_of
    from quotes.learned.windows import IGNORE, bio_labels, encode, make_windows
    from quotes.records import Result
    from quotes.training.data import load_gold_dataset, results_of, tag_spans

    t_start = time.time()
    set_threads(cfg.threads)
    seed_everything(cfg.seed)
    device = pick_device(cfg.device)
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    train_ds = load_gold_dataset(cfg.train, cfg.texts, cfg.max_docs, cfg.skip_docs)
    dev_ds = load_gold_dataset(cfg.dev, cfg.texts, cfg.max_dev_docs)
    log(f"data: {len(train_ds)} train documents, {len(dev_ds)} dev documents")

    if cfg.init:
        model = SpanTagger.load(cfg.init)
        log(f"init: {cfg.init} ({model.config.n_trained_layers} trained layers)")
    else:
        model = SpanTagger.from_base(
            TaggerConfig(n_trained_layers=cfg.n_trained_layers, max_length=cfg.max_length, stride=cfg.stride)
        )
    model.config.training = {k: v for k, v in asdict(cfg).items() if k not in ("resume", "progress")}
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

    # the frozen layers' output depends only on the windows and the base: cached on disk
    lower_key = (model.n_frozen, mcfg.max_length, mcfg.base_fingerprint)
    skip = [cfg.skip_docs] if cfg.skip_docs else []
    train_key = file_fingerprint(cfg.train, cfg.texts, cfg.max_docs, train_stride, *lower_key, *skip)
    dev_key = file_fingerprint(cfg.dev, cfg.texts, cfg.max_dev_docs, mcfg.stride, *lower_key)
    train_cache = _lower_cache(model, windows, out / "cache" / "train-lower.pt", train_key, cfg, device, "train")
    dev_cache = _lower_cache(model, dev_windows, out / "cache" / "dev-lower.pt", dev_key, cfg, device, "dev")
    dev_gold = results_of(dev_ds)

    def evaluate() -> dict[str, Any]:
        tagged = tagger.tag(dev_texts, encodings=dev_encs, windows=dev_windows, lower_cache=dev_cache)
        pred = [Result(r["id"], quotes_of(r["text"], t)) for r, t in zip(dev_rows, tagged)]
        return dev_figures(dev_gold, pred)

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

    trainee = Trainee(
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
        shown=("content_exact_f1", "content_overlap_f1", "cue_exact_f1", "source_exact_f1", "e2e_f1", "select"),
    )
    return fit(cfg, trainee, log, t_start)


def train(cfg: TrainConfig, log: Callable[[str], None] = _log) -> TrainReport:
    """Run the training of ``cfg.task``."""
    if cfg.task == "tagger":
        return train_tagger(cfg, log)
    if cfg.task == "ranker":
        return train_ranker(cfg, log)
    raise ValueError(f"unknown task {cfg.task!r}; choose one of {', '.join(TASKS)}")


# ---------------------------------------------------------------------- ranker

MAX_CANDIDATES = 24


def load_spacy() -> Any:
    """The project's spaCy pipeline without the quote components (parse, entities)."""
    import importlib

    from quotes.extraction.pipeline import DEFAULT_SPACY_MODEL, add_line_breaks

    return add_line_breaks(importlib.import_module(DEFAULT_SPACY_MODEL).load())


def _ranker_examples(rows: list[dict[str, Any]], docs: list[Any], tagged: list[Any], window_chars: int
                     ) -> tuple[list[tuple[Any, Any, int]], int]:
    """Feature groups of the gold quotes of ``rows``; also counts quotes whose gold mention
    no candidate matches (left out)."""
    from quotes.learned.ranker import candidate_mentions, gold_index, quote_features

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


def _read_for_ranker(rows: list[dict[str, Any]], tagger: Any, nlp: Any, cfg: TrainConfig, what: str,
                     stride: Optional[int] = None) -> tuple[list[Any], list[Any]]:
    """spaCy docs and tagger outputs (with hidden states) of the rows, in chunks."""
    texts = [r["text"] for r in rows]
    t0 = time.time()
    docs = list(nlp.pipe(texts, batch_size=16))
    _log(f"{what}: parsed {len(docs)} documents in {time.time() - t0:.0f}s")
    t0 = time.time()
    tagged: list[Any] = []
    bar = _progress(len(texts), f"{what} tagger", cfg.progress)
    for k in range(0, len(texts), 8):
        tagged.extend(tagger.tag(texts[k : k + 8], want_hidden=True, stride=stride))
        bar.update(len(texts[k : k + 8]))
    bar.close()
    _log(f"{what}: tagged {len(texts)} documents in {time.time() - t0:.0f}s")
    return docs, tagged


def train_ranker(cfg: TrainConfig, log: Callable[[str], None] = _log) -> TrainReport:
    """Train the speaker ranker on the gold quotes of ``cfg.train`` over ``cfg.tagger``'s
    hidden states; select on dev end-to-end F1 of tagger quotes with ranked mentions."""
    import numpy as np
    import torch

    from quotes.learned.encoder import pick_device, set_threads
    from quotes.learned.ranker import Candidate, RankerConfig, SpeakerRanker, candidate_mentions, quote_features
    from quotes.learned.tagger import Tagger, quote_kind
    from quotes.records import Quote, Result, Span
    from quotes.training.data import load_gold_dataset, results_of

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
    dev_rows = list(dev_ds)
    log(f"data: {len(train_rows)} train documents, {len(dev_rows)} dev documents; tagger {cfg.tagger}")

    if cfg.init:
        model = SpeakerRanker.load(cfg.init)
        log(f"init: {cfg.init}")
    else:
        model = SpeakerRanker(RankerConfig(encoder_dim=tagger.model.hidden_size))
    model.config.tagger_fingerprint = tagger.fingerprint
    model.config.training = {k: v for k, v in asdict(cfg).items() if k not in ("resume", "progress")}
    model.to(device)
    window_chars = model.config.window_chars

    nlp = load_spacy()
    no_overlap = tagger.config.max_length - 2  # training features: one window per token, cheaper
    train_docs, train_tagged = _read_for_ranker(train_rows, tagger, nlp, cfg, "train", stride=no_overlap)
    examples, unreachable = _ranker_examples(train_rows, train_docs, train_tagged, window_chars)
    del train_tagged
    dev_docs, dev_tagged = _read_for_ranker(dev_rows, tagger, nlp, cfg, "dev")
    dev_examples, dev_unreachable = _ranker_examples(dev_rows, dev_docs, dev_tagged, window_chars)
    n_gold_quotes = sum(len(r["quotes"]) for r in train_rows)
    log(f"examples: {len(examples)} train quotes ({unreachable} of {n_gold_quotes} with no matching candidate), "
        f"{len(dev_examples)} dev ({dev_unreachable} unreachable)")

    # dev end to end: the tagger's own quotes, with the mention the ranker picks
    pred_groups: list[tuple[int, Any, list[Candidate], Any, Any]] = []
    for d, (doc, tt) in enumerate(zip(dev_docs, dev_tagged)):
        sources = [(s.start, s.end) for s in tt.spans if s.role == "SOURCE"]
        for lq in tt.quotes:
            content = (lq.content.start, lq.content.end)
            cue = (lq.cue.start, lq.cue.end) if lq.cue else None
            cands = candidate_mentions(doc, content, cue, sources, window_chars)[:MAX_CANDIDATES]
            enc, simple = quote_features(doc, tt, content, cue, cands)
            pred_groups.append((d, lq, cands, enc, simple))
    dev_gold = results_of(dev_ds)

    def padded(group: list[tuple[Any, Any, int]]) -> tuple[Any, Any, Any, Any]:
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

    def scores_of(enc: Any, simple: Any, mask: Any) -> Any:
        s = model(enc.to(device), simple.to(device))
        return s.masked_fill(~mask.to(device), float("-inf"))

    def evaluate() -> dict[str, Any]:
        model.eval()
        correct = 0
        with torch.inference_mode():
            for b in range(0, len(dev_examples), 256):
                enc, simple, mask, gold = padded(dev_examples[b : b + 256])
                correct += int((scores_of(enc, simple, mask).argmax(-1).cpu() == gold).sum())
            quotes: dict[int, list[Quote]] = {}
            for d, lq, cands, enc, simple in pred_groups:
                s = model(torch.from_numpy(enc).float().to(device), torch.from_numpy(simple).to(device))
                s[0] += model.config.null_margin
                k = int(s.argmax())
                text = dev_rows[d]["text"]
                c = lq.content
                mention = Span.of(text, cands[k - 1].start, cands[k - 1].end) if k > 0 else None
                quotes.setdefault(d, []).append(Quote(
                    c.start, c.end, text[c.start : c.end], quote_kind(text, c.start, c.end),
                    Span.of(text, lq.cue.start, lq.cue.end) if lq.cue else None, mention))
        pred = [Result(r["id"], quotes.get(d, [])) for d, r in enumerate(dev_rows)]
        figures = dev_figures(dev_gold, pred)
        figures["ranker_accuracy_gold_quotes"] = round(correct / max(1, len(dev_examples)), 4)
        figures["select"] = figures["e2e_f1"]
        return figures

    def batch_loss(idx: list[int]) -> Any:
        model.train()
        enc, simple, mask, gold = padded([examples[i] for i in idx])
        return torch.nn.functional.cross_entropy(scores_of(enc, simple, mask), gold.to(device))

    def save_best(figures: dict[str, Any]) -> None:
        model.config.training["dev_figures"] = figures
        model.save(out)

    trainee = Trainee(
        n_items=len(examples),
        batch_loss=batch_loss,
        evaluate=evaluate,
        save_best=save_best,
        get_state=lambda: {k: v.detach().cpu().clone() for k, v in model.state_dict().items()},
        set_state=model.load_state_dict,
        parameters=list(model.parameters()),
        shown=("ranker_accuracy_gold_quotes", "e2e_f1", "source_exact_f1", "train_loss"),
    )
    return fit(cfg, trainee, log, t_start)
