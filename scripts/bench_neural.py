#!/usr/bin/env python
"""Words per second of the extractor modes (rules, neural, hybrid) with batch inference.

    python scripts/bench_neural.py                                   # the seeds
    python scripts/bench_neural.py --docs runs/data/polnear-dev.jsonl --limit 30
    python scripts/bench_neural.py --modes neural --threads 2 --batch-size 8

Each mode is loaded once (not timed), warmed up on one document, then timed over all
documents through ``Extractor.pipe`` (the neural modes batch the encoder windows of
``--batch-size`` documents together). Words are whitespace-separated tokens. Prints
one JSON object per mode.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", default=str(ROOT / "seeds"), help="documents: folder of .txt or JSON Lines (default: seeds/)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    ap.add_argument("--modes", default="rules,neural,hybrid")
    ap.add_argument("--models", default=None, help="models folder (default: the bundled models/)")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: all cores)")
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=1, help="time this many passes, report the best")
    ap.add_argument("--scheme", default="speech", choices=("speech", "attribution"), help="rules and ranked modes' scheme")
    args = ap.parse_args()
    if args.threads:
        os.environ["QUOTES_THREADS"] = str(args.threads)

    from quotes.extraction.modes import load_extractor
    from quotes.io.documents import read_documents
    from quotes.records import Document

    docs = [d for d in read_documents(args.docs) if isinstance(d, Document)][: args.limit]
    words = sum(len(d.text.split()) for d in docs)
    for mode in args.modes.split(","):
        t0 = time.perf_counter()
        if mode in ("rules", "ranked"):
            ex = load_extractor(mode, args.models, scheme=args.scheme)
        else:
            from quotes.extraction.neural import load_neural_extractor

            ex = load_neural_extractor(mode, args.models, batch_size=args.batch_size)
        load_s = time.perf_counter() - t0
        list(ex.pipe(docs[:1]))  # warm-up
        best = None
        n_quotes = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            results = list(ex.pipe(docs))
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
            n_quotes = sum(len(r.quotes) for r in results)
        print(json.dumps({
            "mode": mode, "documents": len(docs), "words": words, "seconds": round(best, 2),
            "words_per_s": round(words / best, 1), "quotes": n_quotes, "load_seconds": round(load_s, 1),
            "threads": int(os.environ.get("QUOTES_THREADS", os.cpu_count() or 1)), "batch_size": args.batch_size,
        }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
