"""The training loop both models share.

One recipe: fixed seeds, a deterministic order of batches per epoch (so a run killed
mid-epoch resumes at the same batch from its last checkpoint), evaluation on the dev file
after every epoch, the best epoch saved as the model, and early stopping after
``patience`` epochs without improvement. A task hands the loop a :class:`Trainee`: its
items, a loss over a batch of them, dev evaluation and saving.
"""

from __future__ import annotations

import json
import math
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import torch

from quotes.training.checkpoints import CHECKPOINT_DIR, load_checkpoint, rng_state, save_checkpoint, set_rng_state
from quotes.training.config import TrainConfig, TrainReport


def log_stderr(msg: str) -> None:
    """A timestamped progress line on stderr (stdout is left to the command's result)."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def progress_bar(total: int, desc: str, enabled: bool, initial: int = 0) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, disable=not enabled, initial=initial, file=sys.stderr, mininterval=5.0)


def lr_lambda(warmup: int, total: int) -> Callable[[int], float]:
    """Linear warm-up then linear decay to zero (the usual fine-tuning schedule)."""

    def f(step: int) -> float:
        if step < warmup:
            return (step + 1) / max(1, warmup)
        return max(0.0, (total - step) / max(1, total - warmup))

    return f


def epoch_order(n: int, seed: int, epoch: int) -> list[int]:
    """The batch order of an epoch: a permutation fixed by (seed, epoch), so resumable."""
    g = torch.Generator().manual_seed(seed * 1000 + epoch)
    return torch.randperm(n, generator=g).tolist()


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


@dataclass
class LoopState:
    """Where a run stands: what a checkpoint keeps besides weights, optimizer and random state."""

    step: int = 0
    epoch: int = 0
    batch_pos: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)
    best_score: Optional[float] = None
    best_epoch: Optional[int] = None
    bad_epochs: int = 0
    losses: list[float] = field(default_factory=list)


class Loop:
    """One run of :func:`fit`: the optimizer, its schedule and the :class:`LoopState`."""

    def __init__(self, cfg: TrainConfig, trainee: Trainee, log: Callable[[str], None]):
        self.cfg, self.trainee, self.log = cfg, trainee, log
        self.out = Path(cfg.out)
        groups = trainee.param_groups or [{"params": trainee.parameters, "lr": cfg.lr}]
        self.optim = torch.optim.AdamW(groups, weight_decay=0.01)
        self.per_epoch = math.ceil(trainee.n_items / cfg.batch_size)
        self.total = cfg.max_steps or self.per_epoch * cfg.epochs
        self.sched = torch.optim.lr_scheduler.LambdaLR(self.optim, lr_lambda(int(self.total * cfg.warmup), self.total))
        self.state = LoopState()

    def resume(self) -> None:
        """With ``--resume``, continue from the checkpoint in ``OUT`` (when there is one)."""
        cfg, out = self.cfg, self.out
        ckpt = load_checkpoint(out) if cfg.resume else None
        if cfg.resume and ckpt is None:
            self.log(f"--resume: no checkpoint in {out / CHECKPOINT_DIR}; starting from the beginning")
        if ckpt is None:
            return
        if ckpt.get("task", cfg.task) != cfg.task:
            raise ValueError(f"{out / CHECKPOINT_DIR}: the checkpoint is of task {ckpt.get('task')!r}, not {cfg.task!r}")
        self.trainee.set_state(ckpt["model"])
        self.optim.load_state_dict(ckpt["optimizer"])
        self.sched.load_state_dict(ckpt["scheduler"])
        self.state = LoopState(
            ckpt["step"], ckpt["epoch"], ckpt["batch_pos"], ckpt["history"], ckpt["best_score"],
            ckpt["best_epoch"], ckpt["bad_epochs"], list(ckpt.get("losses", [])),
        )
        set_rng_state(ckpt["rng"])
        s = self.state
        self.log(f"resumed from step {s.step} (epoch {s.epoch + 1}, batch {s.batch_pos})")

    def checkpoint(self) -> None:
        s = self.state
        save_checkpoint(self.out, {
            "task": self.cfg.task, "model": self.trainee.get_state(), "losses": s.losses[-self.per_epoch:],
            "optimizer": self.optim.state_dict(), "scheduler": self.sched.state_dict(),
            "step": s.step, "epoch": s.epoch, "batch_pos": s.batch_pos, "history": s.history,
            "best_score": s.best_score, "best_epoch": s.best_epoch, "bad_epochs": s.bad_epochs, "rng": rng_state(),
            "config": asdict(self.cfg),
        })

    def train_epoch(self) -> None:
        """The batches of the current epoch from where the run stands, checkpointing as it goes."""
        cfg, s = self.cfg, self.state
        order = epoch_order(self.trainee.n_items, cfg.seed, s.epoch)
        bar = progress_bar(self.per_epoch, f"epoch {s.epoch + 1}", cfg.progress, initial=s.batch_pos)
        while s.batch_pos < self.per_epoch and s.step < self.total:
            idx = order[s.batch_pos * cfg.batch_size : (s.batch_pos + 1) * cfg.batch_size]
            loss = self.trainee.batch_loss(idx)
            self.optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.trainee.parameters, 1.0)
            self.optim.step()
            self.sched.step()
            s.step += 1
            s.batch_pos += 1
            s.losses.append(float(loss.item()))
            bar.update(1)
            if s.step % 20 == 0:
                bar.set_postfix(loss=f"{sum(s.losses[-20:]) / len(s.losses[-20:]):.4f}")
            if s.step % 100 == 0:
                self.log(f"step {s.step}/{self.total} loss {sum(s.losses[-100:]) / len(s.losses[-100:]):.4f}")
            if cfg.checkpoint_every and s.step % cfg.checkpoint_every == 0:
                self.checkpoint()
        bar.close()

    def end_epoch(self) -> None:
        """Evaluate on dev, keep the model if it is the best so far, and checkpoint."""
        s = self.state
        t0 = time.time()
        figures = self.trainee.evaluate()
        recent = s.losses[-self.per_epoch:]
        figures.update(epoch=s.epoch + 1, step=s.step, partial=s.batch_pos < self.per_epoch,
                       train_loss=round(sum(recent) / max(1, len(recent)), 4))
        s.history.append(figures)
        self.log(f"dev after epoch {s.epoch + 1} (step {s.step}, {time.time() - t0:.0f}s): "
                 + json.dumps({k: figures.get(k) for k in self.trainee.shown}))
        if s.best_score is None or figures["select"] > s.best_score:
            s.best_score, s.best_epoch, s.bad_epochs = figures["select"], s.epoch + 1, 0
            self.trainee.save_best(figures)
            self.log(f"saved the model to {self.out} (best so far)")
        else:
            s.bad_epochs += 1
        s.epoch += 1
        s.batch_pos = 0
        self.checkpoint()

    def run(self) -> bool:
        """Epochs until the last, the step limit or early stopping; True when it stopped early."""
        cfg, s = self.cfg, self.state
        self.log(f"training: {self.total} steps ({self.per_epoch} per epoch), batch {cfg.batch_size}, lr {cfg.lr}, "
                 f"{sum(p.numel() for p in self.trainee.parameters)} trainable parameters")
        while s.epoch < cfg.epochs:
            self.train_epoch()
            self.end_epoch()
            if s.bad_epochs >= cfg.patience:
                self.log(f"early stop: no dev improvement in {s.bad_epochs} epoch(s)")
                return True
            if s.step >= self.total:
                break
        return False


def fit(cfg: TrainConfig, trainee: Trainee, log: Callable[[str], None], t_start: float) -> TrainReport:
    """Epochs of shuffled batches with checkpoints, dev evaluation and early stopping."""
    loop = Loop(cfg, trainee, log)
    loop.resume()
    stopped_early = loop.run()
    s, out = loop.state, loop.out
    report = TrainReport(str(out), s.best_epoch, s.best_score, s.history, s.step, round(time.time() - t_start, 1),
                         stopped_early)
    (out / "train_report.json").write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    (out / "train_config.json").write_text(json.dumps(asdict(cfg), indent=2) + "\n", encoding="utf-8")
    return report
