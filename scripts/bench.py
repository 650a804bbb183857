#!/usr/bin/env python
"""Throughput and memory of the extractor: per stage, per document length, per worker
count and per corpus size. Writes a Markdown report.

    python scripts/bench.py --quick --out docs/bench.md        # about a minute
    python scripts/bench.py --polnear ../shared/datasets/polnear --out docs/bench.md

Sections:

1. **Stages** (one process, same documents, best of several interleaved rounds):
   the bare spaCy parse (the base pipeline's own components only), + ``quote_detector``,
   + ``speaker_resolver``, and the ``Extractor.extract`` API on top. The issue target:
   the full pipeline keeps at least 85% of the bare parse's words/s.
2. **Document length**: one document each of 1 KB ... 1 MB (``--quick``: up to 100 KB),
   built by concatenating real paragraphs (the seeds, and PolNeAR dev texts with
   ``--polnear``); time per character must stay about constant (near-linear). Measured
   through ``Extractor.extract`` (long texts parsed in pieces, as users get them), then
   with the whole text as one Doc and each stage timed apart.
3. **Workers**: the batch engine with 1 worker and with all cores; steady-state words/s
   counted from the first result (model loading excluded) and the speed-up. Target on a
   2-core machine: >= 1.4x.
4. **Corpus size**: short documents through the engine at two corpus sizes (1k and 10k;
   ``--quick``: 100 and 1k); the peak memory of the parent process and of parent plus
   workers must stay flat.

Memory is resident set size sampled every 20 ms with psutil (falling back to
``resource.getrusage`` peaks when psutil is missing). Paragraph texts are read from the
paths given and never written into the report.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Iterable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.batch.runner import BatchOptions, default_factory, run_batch  # noqa: E402
from quotes.records import Document  # noqa: E402

try:
    import psutil
except ImportError:  # pragma: no cover
    psutil = None


# --------------------------------------------------------------------------- inputs


def paragraphs(polnear: Optional[Path]) -> list[str]:
    """Real paragraphs: the seeds, plus PolNeAR dev articles when a root is given."""
    files = sorted((ROOT / "seeds").glob("*.txt"))
    if polnear is not None:
        files += sorted((polnear / "dev" / "text").glob("*.txt"))
    out = []
    for f in files:
        for p in f.read_text(encoding="utf-8").split("\n\n"):
            p = p.strip()
            if len(p.split()) >= 8:
                out.append(p)
    if not out:
        raise SystemExit("no paragraphs found (seeds/ missing?)")
    return out


def document_of_size(paras: list[str], size: int, offset: int = 0) -> str:
    """Paragraphs joined until the text reaches ``size`` characters."""
    parts: list[str] = []
    n = 0
    i = offset
    while n < size:
        p = paras[i % len(paras)]
        parts.append(p)
        n += len(p) + 2
        i += 1
    return "\n\n".join(parts)[: max(size, 1)]


def words(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)


# --------------------------------------------------------------------------- memory


class PeakRSS:
    """Peak resident memory of this process and of this process plus its children."""

    def __init__(self, interval: float = 0.02):
        self.interval = interval
        self.self_peak = 0
        self.total_peak = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                own = me.memory_info().rss
                kids = 0
                for c in me.children(recursive=True):
                    try:
                        kids += c.memory_info().rss
                    except psutil.Error:
                        pass
                self.self_peak = max(self.self_peak, own)
                self.total_peak = max(self.total_peak, own + kids)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRSS":
        if psutil is not None:
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if psutil is not None:
            self._stop.set()
            self._thread.join()
        else:  # lifetime peaks only: coarser, but still an upper bound
            self.self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            self.total_peak = self.self_peak + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


# --------------------------------------------------------------------------- sections


def bench_stages(texts: list[str], rounds: int) -> tuple[list[list[str]], float]:
    from quotes.extraction.pipeline import Extractor, build_nlp

    nlp = build_nlp()
    extractor = Extractor(nlp=nlp)
    ours = ["quote_detector", "speaker_resolver"]
    base = [p for p in nlp.pipe_names if p not in ours]
    n_words = words(texts)
    stages = {
        f"spaCy parse alone ({', '.join(base)})": ours,
        "+ quote_detector (detection)": ["speaker_resolver"],
        "+ speaker_resolver (attribution: full pipeline)": [],
    }
    for t in texts[:2]:  # warm up caches and lazy imports
        extractor.extract(Document("warm", t))
    best: dict[str, float] = {}
    peaks: dict[str, int] = {}
    for _ in range(rounds):
        for name, disabled in stages.items():
            with PeakRSS() as mem, nlp.select_pipes(disable=disabled):
                t0 = time.perf_counter()
                for t in texts:
                    nlp(t)
                dt = time.perf_counter() - t0
            best[name] = max(best.get(name, 0.0), n_words / dt)
            peaks[name] = max(peaks.get(name, 0), mem.self_peak)
        name = "Extractor.extract (full pipeline + records)"
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            for i, t in enumerate(texts):
                extractor.extract(Document(str(i), t))
            dt = time.perf_counter() - t0
        best[name] = max(best.get(name, 0.0), n_words / dt)
        peaks[name] = max(peaks.get(name, 0), mem.self_peak)
    bare = best[next(iter(stages))]
    rows = [[name, f"{wps:,.0f}", f"{wps / bare:.0%}", mib(peaks[name])] for name, wps in best.items()]
    full = best["+ speaker_resolver (attribution: full pipeline)"]
    return rows, full / bare


def bench_lengths(paras: list[str], sizes: list[int]) -> list[list[str]]:
    """Full pipeline on one document per size, with the time of each stage apart."""
    from quotes.extraction.pipeline import build_nlp

    nlp = build_nlp()
    nlp.max_length = max(sizes) + 1
    ours = ["quote_detector", "speaker_resolver"]
    nlp(document_of_size(paras, 2000))  # warm-up
    rows = []
    base_rate = None
    for size in sizes:
        text = document_of_size(paras, size)
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            with nlp.select_pipes(disable=ours):
                doc = nlp(text)
            t1 = time.perf_counter()
            nlp.get_pipe("quote_detector")(doc)
            t2 = time.perf_counter()
            nlp.get_pipe("speaker_resolver")(doc)
            t3 = time.perf_counter()
        dt = t3 - t0
        n_quotes = len(doc._.quotes or [])
        del doc
        per_kchar = dt / (len(text) / 1000)
        base_rate = base_rate or per_kchar
        n_words = words([text])
        rows.append(
            [f"{len(text) / 1000:,.0f} KB", f"{n_words:,}", f"{t1 - t0:.2f}", f"{t2 - t1:.2f}", f"{t3 - t2:.2f}",
             f"{n_words / dt:,.0f}", f"{per_kchar * 1000:.1f}", f"{per_kchar / base_rate:.2f}", str(n_quotes),
             mib(mem.self_peak)]
        )
    return rows


def bench_extract_lengths(paras: list[str], sizes: list[int]) -> list[list[str]]:
    """``Extractor.extract`` on one document per size: what a user gets, with texts over
    ``CHUNK_CHARS`` parsed in pieces (:mod:`quotes.text.chunking`). Run before the whole-Doc
    stage timings so that their larger memory does not hide this peak."""
    from quotes.extraction.pipeline import Extractor, build_nlp
    from quotes.text.chunking import chunk_bounds

    extractor = Extractor(build_nlp(), mode="rules")
    extractor.nlp.max_length = max(sizes) + 1
    extractor.extract_text(document_of_size(paras, 2000))  # warm-up
    rows = []
    base_rate = None
    for size in sizes:
        text = document_of_size(paras, size)
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            found = extractor.extract_text(text)
            dt = time.perf_counter() - t0
        per_kchar = dt / (len(text) / 1000)
        base_rate = base_rate or per_kchar
        n_words = words([text])
        pieces = len(chunk_bounds(text))
        rows.append(
            [f"{len(text) / 1000:,.0f} KB", f"{n_words:,}", str(pieces), f"{dt:.2f}", f"{n_words / dt:,.0f}",
             f"{per_kchar * 1000:.1f}", f"{per_kchar / base_rate:.2f}", str(len(found)), mib(mem.self_peak)]
        )
    return rows


def run_engine(docs: Iterable[Document], workers: int, mode: str, batch_size: int = 4) -> dict[str, float]:
    """Run the local engine; words/s from the first result on (model loading excluded)."""
    options = BatchOptions(workers=workers, batch_size=batch_size)
    first_t = None
    first_words = 0
    n_words = 0
    errors = 0
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        for o in run_batch(enumerate(docs), default_factory(mode), options):
            w = len(o.item.text.split())
            n_words += w
            errors += o.result.error is not None
            if first_t is None:
                first_t, first_words = time.perf_counter(), n_words
        t1 = time.perf_counter()
    steady = (n_words - first_words) / max(t1 - first_t, 1e-9)
    return {
        "wall": t1 - t0, "startup": first_t - t0, "steady_wps": steady, "words": n_words, "errors": errors,
        "self_peak": mem.self_peak, "total_peak": mem.total_peak,
    }


def bench_workers(paras: list[str], n_docs: int, all_cores: int, mode: str) -> tuple[list[list[str]], float]:
    docs = [Document(f"w{i}", document_of_size(paras, 3000, offset=i * 3)) for i in range(n_docs)]
    rows = []
    rates = {}
    for w in sorted({1, all_cores}):
        r = run_engine(docs, w, mode)
        rates[w] = r["steady_wps"]
        rows.append(
            [str(w), str(n_docs), f"{r['words']:,}", f"{r['wall']:.1f}", f"{r['startup']:.1f}",
             f"{r['steady_wps']:,.0f}", f"{r['steady_wps'] / rates[1]:.2f}x", mib(r["total_peak"])]
        )
    return rows, rates[all_cores] / rates[1]


def bench_corpus(paras: list[str], sizes: list[int], workers: int, mode: str) -> tuple[list[list[str]], float]:
    rows = []
    peaks = []
    for n in sizes:
        # a generator: the engine must not need the corpus in memory
        docs = (Document(f"c{i}", paras[i % len(paras)]) for i in range(n))
        r = run_engine(docs, workers, mode, batch_size=32)
        peaks.append((r["self_peak"], r["total_peak"]))
        rows.append(
            [f"{n:,}", f"{r['words']:,}", f"{r['wall']:.1f}", f"{r['steady_wps']:,.0f}",
             mib(r["self_peak"]), mib(r["total_peak"]), str(int(r["errors"]))]
        )
    growth = max(peaks[-1][0] / peaks[0][0], peaks[-1][1] / peaks[0][1])
    return rows, growth


# --------------------------------------------------------------------------- report


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller inputs: about a minute")
    ap.add_argument("--polnear", type=Path, metavar="ROOT", help="also use PolNeAR dev texts as paragraphs")
    ap.add_argument("--mode", default="rules", choices=("rules", "neural", "hybrid"))
    ap.add_argument("--workers", type=int, default=None, help="the 'all cores' worker count (default: all cores)")
    ap.add_argument("--out", type=Path, help="write the Markdown report here (default: stdout)")
    ap.add_argument("--skip", default="", help="comma-separated sections to skip: stages,lengths,workers,corpus")
    args = ap.parse_args(argv)

    cores = args.workers or len(os.sched_getaffinity(0))
    skip = set(filter(None, args.skip.split(",")))
    paras = paragraphs(args.polnear)
    quick = args.quick
    import spacy

    report = [
        "# Extractor benchmark",
        "",
        f"- {time.strftime('%Y-%m-%d %H:%M')} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores ({cores} used for 'all cores') · Python {platform.python_version()} · "
        f"spaCy {spacy.__version__} · mode `{args.mode}` · {'quick' if quick else 'full'} run",
        f"- paragraphs: {len(paras)} (seeds{' + PolNeAR dev' if args.polnear else ''}); load average at start "
        f"{os.getloadavg()[0]:.2f}",
        f"- command: `python scripts/bench.py {' '.join(argv if argv is not None else sys.argv[1:])}`",
        "",
    ]
    verdicts = []

    def emit(*lines: str) -> None:
        report.extend(lines)
        print("\n".join(lines), file=sys.stderr, flush=True)

    if "stages" not in skip:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        if args.polnear:
            texts += [document_of_size(paras, 4000, offset=40 * i) for i in range(4 if quick else 12)]
        texts = texts * (1 if quick else 3)
        rows, ratio = bench_stages(texts, rounds=2 if quick else 3)
        verdicts.append(f"full pipeline / bare parse: {ratio:.0%} (target >= 85%)")
        emit("## 1. Stages, one process", "", f"{len(texts)} documents, {words(texts):,} words; best of "
             f"{2 if quick else 3} rounds.", "",
             table(["stage", "words/s", "vs bare parse", "peak RSS"], rows), "")
    if "lengths" not in skip:
        sizes = [1_000, 10_000, 100_000] + ([] if quick else [1_000_000])
        rows = bench_extract_lengths(paras, sizes)
        emit("## 2. Document length, `Extractor.extract` (texts over 100,000 characters in pieces)", "",
             table(["size", "words", "pieces", "wall s", "words/s", "ms per 1k chars", "vs 1 KB", "quotes",
                    "peak RSS"], rows), "")
        rows = bench_lengths(paras, sizes)
        emit("## 2b. Document length, whole text as one Doc, by stage (no pieces)", "",
             table(["size", "words", "parse s", "detector s", "resolver s", "words/s", "ms per 1k chars",
                    "vs 1 KB", "quotes", "peak RSS"], rows),
             "")
    if "workers" not in skip:
        n_docs = 16 if quick else 60
        rows, speedup = bench_workers(paras, n_docs, cores, args.mode)
        verdicts.append(f"{cores} workers / 1 worker: {speedup:.2f}x (target >= 1.4x on 2 cores)")
        emit("## 3. Workers (local engine, ~3 KB documents)", "",
             table(["workers", "docs", "words", "wall s", "to first result s", "steady words/s", "speed-up",
                    "peak RSS (all processes)"], rows), "")
    if "corpus" not in skip:
        sizes = [100, 1_000] if quick else [1_000, 10_000]
        rows, growth = bench_corpus(paras, sizes, cores, args.mode)
        verdicts.append(f"peak memory {sizes[-1]:,} vs {sizes[0]:,} documents: x{growth:.2f} (target: flat)")
        emit(f"## 4. Corpus size ({cores} workers, one-paragraph documents, streamed)", "",
             table(["documents", "words", "wall s", "steady words/s", "peak RSS parent", "peak RSS all", "errors"],
                   rows), "")
    emit("## Verdicts", "", *[f"- {v}" for v in verdicts], "")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(report), encoding="utf-8")
    else:
        print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
