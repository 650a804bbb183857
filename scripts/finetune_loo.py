#!/usr/bin/env python
"""Leave-one-out fine-tuning on the seed articles: does fine-tuning on a user's own gold help?

    python scripts/finetune_loo.py                       # span ranker and neural models, both schemes
    python scripts/finetune_loo.py --no-neural --schemes speech

For each of the five seeds (``seeds/`` with gold in ``data/annotations``), the shipped models are
fine-tuned on the other four with ``quotes train ... --init`` and the held-out seed is extracted
with them, with the shipped models and with the rules; ``quotes evaluate`` scores each against the
held-out seed's gold. Everything goes through the command line (``python -m quotes``), so the
figures are what a user would get with the same commands. Systems:

* ``rules``: ``--mode rules`` (the default; no learned model, the same in every fold);
* ``ranked shipped`` / ``ranked fine-tuned``: ``--mode ranked`` with ``models/`` or with the span
  ranker fine-tuned on the four training seeds (``--init``, ``--rounds`` more rounds per booster);
* ``ranked fine-tuned (3+1)``: the same, trained on three of the four and early-stopped (and its
  cue threshold picked) on the fourth, the next seed in rotation;
* ``neural``/``hybrid`` shipped and fine-tuned: ``--mode neural``/``hybrid`` with ``models/`` or
  with the tagger and speaker ranker fine-tuned on the four (``quotes train --task both --init``).

Why the training seeds are also the ``--dev`` set (the CLI needs one): with four articles, a held-out
dev article of 10-20 quotes makes early stopping and the threshold pick noisy and leaves three to
learn from; so the main fine-tuned rows fix the round count instead (``--rounds``; early stopping
on the training loss never fires) and the dev pass only picks the cue threshold, on the training
seeds. The ``(3+1)`` row measures the other choice.

Prints one markdown table per held-out seed and scheme and the micro-average over the five folds
(the five held-out predictions pooled and scored at once: counts summed, not F1s averaged), and
writes every figure to ``WORK/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent

# (column title, path into `quotes evaluate --json`)
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("content exact", ("detection", "exact", "f1")),
    ("content overlap", ("detection", "overlap", "f1")),
    ("cue", ("span_sets", "cue", "f1")),
    ("end to end (speaker)", ("e2e", "f1")),
    ("speaker strict", ("speaker", "strict", "value")),
    ("role token F1", ("role_f1", "value")),
]


def quotes_cmd(args: list[str], log: bool = True) -> str:
    """Run ``python -m quotes ARGS`` from the repository root; its stdout (fails loudly)."""
    cmd = [sys.executable, "-m", "quotes", *args]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"failed ({proc.returncode}): quotes {' '.join(args)}")
    if log:
        print(f"[{time.time() - t0:5.1f}s] quotes {' '.join(args)}", file=sys.stderr, flush=True)
    return proc.stdout


def link_folder(folder: Path, files: list[Path]) -> Path:
    """A folder of symbolic links to ``files`` (the CLI reads gold and text folders)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for f in files:
        (folder / f.name).symlink_to(f.resolve())
    return folder


def extract(inputs: Path, out: Path, mode: str, scheme: str, models: Optional[Path] = None) -> Path:
    """``quotes extract INPUTS --mode MODE --scheme SCHEME [--models DIR]`` into ``out``."""
    if not out.exists():
        extra = ["--models", str(models)] if models is not None else []
        tmp = out.with_suffix(".part")
        quotes_cmd(["extract", str(inputs), "--mode", mode, "--scheme", scheme, "--workers", "0", "--quiet",
                    "-o", str(tmp), *extra])
        tmp.rename(out)
    return out


def read_records(path: Path) -> dict[str, str]:
    """id -> the JSON line of each record of a result file."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return {json.loads(ln)["id"]: ln for ln in lines}


def evaluate(gold: Path, pred_lines: list[str], pred_file: Path, texts: Path) -> dict[str, Any]:
    """Write ``pred_lines`` to ``pred_file`` and score it with ``quotes evaluate --json``."""
    pred_file.parent.mkdir(parents=True, exist_ok=True)
    pred_file.write_text("".join(ln + "\n" for ln in pred_lines), encoding="utf-8")
    out = quotes_cmd(["evaluate", "--gold", str(gold), "--pred", str(pred_file), "--texts", str(texts), "--json"],
                     log=False)
    return json.loads(out)


def figures(metrics: dict[str, Any]) -> dict[str, float]:
    """The table's columns, plus the quote counts, from one ``quotes evaluate --json`` result."""
    row: dict[str, float] = {}
    for title, path in COLUMNS:
        value: Any = metrics
        for key in path:
            value = value[key]
        row[title] = value
    row["predicted"] = metrics["quotes"]["pred"]
    row["gold"] = metrics["quotes"]["gold"]
    return row


def train_span_ranker(train: Path, dev: Path, out: Path, args: argparse.Namespace) -> float:
    """Fine-tune the shipped span ranker into ``out/span-ranker``; seconds taken."""
    t0 = time.time()
    if not (out / "span-ranker" / "span_ranker.json").exists():
        quotes_cmd(["train", "--task", "span-ranker", "--train", str(train), "--dev", str(dev), "--texts", str(args.texts),
                    "--init", "--out", str(out / "span-ranker"), "--rounds", str(args.rounds),
                    "--early-stop", str(args.early_stop), "--leaves", str(args.leaves), "--seed", str(args.seed),
                    "--threads", str(args.threads), "--no-progress"])
    return time.time() - t0


def train_neural(train: Path, out: Path, args: argparse.Namespace) -> float:
    """Fine-tune the shipped tagger, then the speaker ranker on it, into ``out``; seconds taken."""
    t0 = time.time()
    if not (out / "speaker-ranker" / "weights.safetensors").exists():
        quotes_cmd(["train", "--task", "both", "--train", str(train), "--dev", str(train), "--texts", str(args.texts),
                    "--init", "--out", str(out), "--epochs", str(args.epochs), "--patience", str(args.patience),
                    "--seed", str(args.seed), "--threads", str(args.threads), "--device", "cpu", "--no-progress"])
    return time.time() - t0


def systems(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    """(row name, mode, models: 'shipped' / 'ft' / 'ft3' / '-') of every system compared."""
    out = [("rules", "rules", "-"), ("ranked shipped", "ranked", "shipped"), ("ranked fine-tuned", "ranked", "ft"),
           ("ranked fine-tuned (3+1)", "ranked", "ft3")]
    if args.neural:
        out += [("neural shipped", "neural", "shipped"), ("neural fine-tuned", "neural", "ft"),
                ("hybrid shipped", "hybrid", "shipped"), ("hybrid fine-tuned", "hybrid", "ft")]
    return out


def run_fold(k: int, golds: list[Path], args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Fine-tune on every seed but ``k`` and extract seed ``k`` with the fine-tuned models."""
    held = golds[k]
    rest = [g for n, g in enumerate(golds) if n != k]
    inner_dev = golds[(k + 1) % len(golds)]
    fold = work / f"fold-{k}"
    train4 = link_folder(fold / "train4", rest)
    train3 = link_folder(fold / "train3", [g for g in rest if g != inner_dev])
    dev1 = link_folder(fold / "dev1", [inner_dev])
    heldout = link_folder(fold / "heldout", [args.texts / f"{held.stem}.txt"])
    seconds = {"span-ranker": train_span_ranker(train4, train4, fold / "ft", args),
               "span-ranker (3+1)": train_span_ranker(train3, dev1, fold / "ft3", args)}
    if args.neural:
        seconds["tagger + speaker ranker"] = train_neural(train4, fold / "ft", args)
    preds: dict[tuple[str, str], Path] = {}
    for name, mode, models in systems(args):
        if models not in ("ft", "ft3"):
            continue
        for scheme in args.schemes:
            preds[(name, scheme)] = extract(heldout, fold / f"{mode}-{models}-{scheme}.jsonl", mode, scheme, fold / models)
    return {"held_out": held.stem, "inner_dev": inner_dev.stem, "train_seconds": seconds, "preds": preds}


def shipped_predictions(args: argparse.Namespace, work: Path) -> dict[tuple[str, str], Path]:
    """Every seed extracted once per scheme with the shipped models and the rules (fold-independent)."""
    out = {}
    for name, mode, models in systems(args):
        if models in ("shipped", "-"):
            for scheme in args.schemes:
                out[(name, scheme)] = extract(args.texts, work / "shipped" / f"{mode}-{scheme}.jsonl", mode, scheme)
    return out


def score_all(folds: list[dict[str, Any]], shipped: dict, golds: list[Path], args: argparse.Namespace,
              work: Path) -> dict[str, dict[str, dict[str, dict[str, float]]]]:
    """scheme -> held-out seed (or 'micro-average') -> system -> figures."""
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    for scheme in args.schemes:
        per: dict[str, dict[str, dict[str, float]]] = {}
        for name, _, models in systems(args):
            pooled: list[str] = []
            for k, fold in enumerate(folds):
                src = shipped[(name, scheme)] if models in ("shipped", "-") else fold["preds"][(name, scheme)]
                line = read_records(src)[fold["held_out"]]
                pooled.append(line)
                pred = work / "scores" / scheme / fold["held_out"] / f"{name.replace(' ', '_')}.jsonl"
                per.setdefault(fold["held_out"], {})[name] = figures(evaluate(golds[k], [line], pred, args.texts))
            pred = work / "scores" / scheme / "pooled" / f"{name.replace(' ', '_')}.jsonl"
            per.setdefault("micro-average", {})[name] = figures(evaluate(args.gold, pooled, pred, args.texts))
        results[scheme] = per
    return results


def markdown(title: str, rows: dict[str, dict[str, float]]) -> str:
    """One markdown table: a row per system, the best figure of each column in bold."""
    cols = [t for t, _ in COLUMNS]
    best = {c: max(r[c] for r in rows.values()) for c in cols}
    first = next(iter(rows.values()))
    lines = [f"#### {title} ({first['gold']} gold quotes)", "",
             "| system | " + " | ".join(cols) + " | predicted |", "|---|" + "---|" * (len(cols) + 1)]
    for name, r in rows.items():
        cells = [f"**{r[c]:.3f}**" if r[c] == best[c] else f"{r[c]:.3f}" for c in cols]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {r['predicted']} |")
    return "\n".join(lines) + "\n"


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "data" / "annotations", help="gold folder, one .json per seed")
    ap.add_argument("--texts", type=Path, default=ROOT / "seeds", help="folder of the seeds' .txt")
    ap.add_argument("--work", type=Path, default=Path("/tmp/finetune-loo"),
                    help="models, predictions and scores (finished steps are reused on a rerun)")
    ap.add_argument("--schemes", default="speech,attribution", help="extraction schemes, comma-separated")
    ap.add_argument("--no-neural", dest="neural", action="store_false", help="span ranker only")
    ap.add_argument("--rounds", type=int, default=50, help="span ranker: boosting rounds added per booster")
    ap.add_argument("--early-stop", type=int, default=10, help="span ranker: early stopping patience (rounds)")
    ap.add_argument("--leaves", type=int, default=7, help="span ranker: leaves per new tree")
    ap.add_argument("--epochs", type=int, default=8, help="tagger and speaker ranker: most epochs")
    ap.add_argument("--patience", type=int, default=3, help="tagger and speaker ranker: epochs without improvement")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    args.schemes = [s for s in args.schemes.split(",") if s]
    args.gold, args.texts = args.gold.resolve(), args.texts.resolve()
    return args


def main() -> int:
    args = parse_args()
    os.environ.setdefault("QUOTES_THREADS", str(args.threads))
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    golds = sorted(args.gold.glob("*.json"))
    if len(golds) < 3:
        raise SystemExit(f"need at least 3 gold files in {args.gold}, found {len(golds)}")
    t0 = time.time()
    shipped = shipped_predictions(args, work)
    folds = [run_fold(k, golds, args, work) for k in range(len(golds))]
    results = score_all(folds, shipped, golds, args, work)
    report = {"command": " ".join(sys.argv), "seconds": round(time.time() - t0, 1), "results": results,
              "folds": [{"held_out": f["held_out"], "inner_dev": f["inner_dev"],
                         "train_seconds": {n: round(s, 1) for n, s in f["train_seconds"].items()}} for f in folds]}
    (work / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for scheme, per in results.items():
        print(f"### --scheme {scheme}\n")
        for held, rows in per.items():
            print(markdown(f"{held}, --scheme {scheme}", rows))
    for f in report["folds"]:
        print(f"fold held out {f['held_out']} (3+1 dev: {f['inner_dev']}): training seconds {f['train_seconds']}")
    print(f"total {report['seconds']:.0f}s; figures in {work / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
