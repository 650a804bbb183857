"""``quotes train``: train or fine-tune the span tagger or the speaker ranker.

    quotes train --task tagger --train train.jsonl --dev dev.jsonl --out runs/span-tagger
    quotes train --task tagger --train data/annotations --dev data/annotations --texts seeds \\
        --init models/span-tagger --out my-model
    quotes train --task both --train my-gold.jsonl --dev my-dev.jsonl --init --out my-models
    quotes train --task span-ranker --train train.jsonl --dev dev.jsonl --out models/span-ranker

Gold files are the project's JSON Lines (docs/format.md section 3, with a "text" key, or texts
given by ``--texts``). Progress goes to stderr; the best dev epoch is saved in ``--out``
with ``train_report.json``. ``--resume`` continues a run killed mid-way from
``OUT/checkpoint``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from quotes.training.config import TrainConfig


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", required=True, choices=("tagger", "ranker", "both", "span-ranker"),
                        help="tagger: content/cue/source span tagger; ranker: speaker mention ranker; both: the "
                             "tagger, then the ranker on it, into OUT/span-tagger and OUT/speaker-ranker (a "
                             "models folder for quotes extract --models OUT); span-ranker: the LightGBM cue and "
                             "span ranker of --mode ranked (needs lightgbm, not torch)")
    parser.add_argument("--train", required=True, metavar="FILE", help="gold JSON Lines (or .json / folder) to train on")
    parser.add_argument("--dev", required=True, metavar="FILE", help="gold file for evaluation and early stopping")
    parser.add_argument("--texts", metavar="T", help="texts for gold records without a 'text' key (folder of .txt or JSON Lines)")
    parser.add_argument("--out", metavar="DIR",
                        help="where the model, checkpoints and report go (default: runs/<model name>; --task both: runs/models)")
    parser.add_argument("--init", metavar="DIR", nargs="?", const="shipped",
                        help="fine-tune this saved model (--task both: this models folder); --init alone: the "
                             "shipped one(s). Without --init the tagger starts from the base encoder and the "
                             "ranker from scratch")
    parser.add_argument("--tagger", metavar="DIR", default=None,
                        help="ranker only: the span tagger whose hidden states the ranker reads (default: models/span-tagger)")
    parser.add_argument("--epochs", type=int, default=None, help="default: 2 (tagger), 6 (ranker)")
    parser.add_argument("--lr", type=float, default=None, help="learning rate of the trained layers (default: 2e-4 tagger, 1e-3 ranker)")
    parser.add_argument("--head-lr", type=float, default=None, help="tagger: learning rate of the classification head (default: 10 x --lr)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-steps", type=int, default=None, help="stop after this many optimizer steps")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--patience", type=int, default=2, help="epochs without dev improvement before stopping")
    parser.add_argument("--checkpoint-every", type=int, default=50, metavar="N", help="checkpoint every N steps")
    parser.add_argument("--max-length", type=int, default=256,
                        help="tagger: wordpieces per window (a new model; --init keeps the saved model's)")
    parser.add_argument("--stride", type=int, default=192,
                        help="tagger: wordpieces between windows at inference (a new model; --init keeps the saved model's)")
    parser.add_argument("--trained-layers", type=int, default=2,
                        help="tagger: top encoder layers fine-tuned (a new model; --init keeps the saved model's)")
    parser.add_argument("--max-docs", type=int, default=None, help="use only the first N training documents")
    parser.add_argument("--skip-docs", type=int, default=0, metavar="N",
                        help="leave out the first N training documents (e.g. the ranker on documents the tagger did not see)")
    parser.add_argument("--max-dev-docs", type=int, default=None, help="use only the first N dev documents")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (default: QUOTES_THREADS or all cores)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--rounds", type=int, default=400, help="span-ranker: most boosting rounds per booster")
    parser.add_argument("--early-stop", type=int, default=30, metavar="N",
                        help="span-ranker: rounds without a better dev loss before a booster stops")
    parser.add_argument("--objective", choices=("rank", "binary"), default="rank",
                        help="span-ranker: the content, source and cue span boosters rank each cue's candidates "
                             "(lambdarank, default) or score each alone (binary log loss)")
    parser.add_argument("--leaves", type=int, default=31, help="span-ranker: leaves per tree")
    parser.add_argument("--cache", metavar="DIR",
                        help="span-ranker: keep the parsed documents here (DocBin); a rerun or a resumed run "
                             "reuses them instead of parsing again")
    parser.set_defaults(func=run)


def _config(args: argparse.Namespace, task: str, out: str, init: Optional[str], tagger: Optional[str]) -> "TrainConfig":
    """The run of one ``task`` from the command line's flags, with that task's defaults."""
    from quotes.training.config import TrainConfig

    ranker = task == "ranker"
    lr = args.lr if args.lr is not None else (1e-3 if ranker else 2e-4)
    return TrainConfig(
        task=task,
        train=args.train,
        dev=args.dev,
        out=out,
        init=init,
        texts=args.texts,
        epochs=args.epochs if args.epochs is not None else (6 if ranker else 2),
        lr=lr,
        head_lr=args.head_lr if args.head_lr is not None else lr * 10,
        batch_size=args.batch_size,
        max_steps=args.max_steps,
        seed=args.seed,
        resume=args.resume,
        device=args.device,
        patience=args.patience,
        checkpoint_every=args.checkpoint_every,
        max_length=args.max_length,
        stride=args.stride,
        n_trained_layers=args.trained_layers,
        max_docs=args.max_docs,
        skip_docs=args.skip_docs,
        max_dev_docs=args.max_dev_docs,
        tagger=tagger,
        threads=args.threads,
        progress=not args.no_progress,
    )


def _plan(args: argparse.Namespace) -> list["TrainConfig"]:
    """The runs to make, in order. ``--task both`` trains the tagger into ``OUT/span-tagger``,
    then the ranker on that tagger into ``OUT/speaker-ranker``, so that ``OUT`` is a models
    folder for ``quotes extract --models OUT``; its ``--init DIR`` is a models folder too."""
    from quotes.extraction.neural import RANKER_DIR, TAGGER_DIR, default_models_dir

    shipped = default_models_dir()
    dirs = {"tagger": TAGGER_DIR, "ranker": RANKER_DIR}
    if args.task != "both":
        name = dirs[args.task]
        init = str(shipped / name) if args.init == "shipped" else args.init
        tagger = (args.tagger or str(shipped / TAGGER_DIR)) if args.task == "ranker" else None
        return [_config(args, args.task, args.out or f"runs/{name}", init, tagger)]
    root = Path(args.out or "runs/models")
    init_root = shipped if args.init == "shipped" else (Path(args.init) if args.init else None)
    plans = []
    for task in ("tagger", "ranker"):
        init = str(init_root / dirs[task]) if init_root else None
        tagger = str(root / TAGGER_DIR) if task == "ranker" else None
        plans.append(_config(args, task, str(root / dirs[task]), init, tagger))
    return plans


def run(args: argparse.Namespace) -> int:
    from quotes.errors import DataError, ModelError, UsageError
    from quotes.io.extras import require

    if args.task == "span-ranker":
        return _run_span_ranker(args)
    require("torch", "neural", "quotes train")
    from quotes.training.train import train

    for flag, value in (("--epochs", args.epochs), ("--batch-size", args.batch_size)):
        if value is not None and value < 1:
            raise UsageError(f"{flag} must be at least 1")
    for cfg in _plan(args):
        try:
            report = train(cfg)
        except (DataError, ModelError) as exc:
            raise UsageError(str(exc)) from None
        best = report.history[report.best_epoch - 1] if report.best_epoch else {}
        print(json.dumps({"task": cfg.task, "out": report.out, "best_epoch": report.best_epoch, "dev": best,
                          "steps": report.steps, "seconds": report.seconds}, indent=2))
        if report.best_epoch is None:
            print(f"quotes train: warning: no {cfg.task} epoch was evaluated; nothing saved", file=sys.stderr)
            return 1
    return 0


def _run_span_ranker(args: argparse.Namespace) -> int:
    """``--task span-ranker``: the LightGBM span ranker (:mod:`quotes.training.span_ranker`)."""
    from quotes.errors import DataError, ModelError, UsageError
    from quotes.io.extras import require

    require("lightgbm", "ranker", "quotes train --task span-ranker")
    from quotes.training.span_ranker import SpanRankerConfig, log_stderr, train_span_ranker

    if args.rounds < 1:
        raise UsageError("--rounds must be at least 1")
    init = args.init
    if init == "shipped":
        from quotes.extraction.ranked import default_model_dir

        init = str(default_model_dir())
    cfg = SpanRankerConfig(
        train=args.train, dev=args.dev, out=args.out or "runs/span-ranker", init=init, texts=args.texts,
        rounds=args.rounds, objective=args.objective, learning_rate=args.lr if args.lr is not None else 0.05, num_leaves=args.leaves,
        patience=args.early_stop, seed=args.seed, threads=args.threads or 2, max_docs=args.max_docs,
        max_dev_docs=args.max_dev_docs, cache=args.cache or (str(Path(args.out) / "cache") if args.resume and args.out else None),
        progress=not args.no_progress,
    )
    try:
        report = train_span_ranker(cfg, log_stderr)
    except (DataError, ModelError) as exc:
        raise UsageError(str(exc)) from None
    print(json.dumps({"task": "span-ranker", "out": report["out"], "threshold": report["threshold"],
                      "dev": report["dev"], "best_rounds": report["best_rounds"], "seconds": report["seconds"]}, indent=2))
    return 0
