"""Training of the span ranker (:mod:`quotes.learned.span_ranker`) from gold JSON Lines.

1. Every gold document is parsed by the project's pipeline with the ``attribution`` scheme
   and the rules run on it (the parses can be cached in a DocBin: ``cache``).
2. The lemma table (how often a lemma heads a gold cue) is counted on the training documents;
   the ``prior`` feature of a training document is read from the other folds' counts, so the
   trees do not learn to trust a figure that saw the document's own labels.
3. The candidates of every document get their labels: a cue token is a cue when it lies in a
   gold cue; a span is right when it equals, after the scorer's normalization, a gold span of
   that cue's relations.
4. Four LightGBM boosters are trained (fixed seeds, one thread count), each with the dev
   documents' log loss after every boosting round and early stopping on it; ``init`` continues
   boosting a saved model (fine-tuning) on the new data.
5. The cue threshold is picked on dev with the project's scorer (end to end F1, then content
   exact), and the model is saved with ``train_report.json``.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from quotes.learned.candidates import normalize
from quotes.learned.features import Vocab
from quotes.learned.span_ranker import NONE_SOURCE, TABLES, DocTables, SpanRanker, doc_tables

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def log_stderr(msg: str) -> None:
    """A timestamped progress line on stderr (stdout is left to the command's result)."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


@dataclass
class SpanRankerConfig:
    """Everything a span ranker run depends on; written to ``OUT/train_config.json``."""

    train: str
    dev: str
    out: str
    init: Optional[str] = None
    texts: Optional[str] = None
    rounds: int = 400
    objective: str = "rank"  # span tables: "rank" (lambdarank within each cue's spans) or "binary"
    learning_rate: float = 0.05
    num_leaves: int = 31
    min_data_in_leaf: int = 20
    patience: int = 30
    folds: int = 5
    seed: int = 13
    threads: int = 2
    max_docs: Optional[int] = None
    max_dev_docs: Optional[int] = None
    cache: Optional[str] = None
    progress: bool = True


@dataclass
class Corpus:
    """Parsed documents with their rules attributions and gold rows."""

    rows: list[dict[str, Any]]
    docs: list[Any]
    layouts: list[Any]
    rules: list[list[Any]]


def parse_corpus(nlp: Any, rows: list[dict[str, Any]], cache: Optional[Path], log: Callable[[str], None]) -> Corpus:
    """Parse ``rows`` (texts through :func:`quotes.text.parse_view.parse_view`) and run the rules."""
    from spacy.tokens import DocBin

    from quotes.text.layout import Layout
    from quotes.text.parse_view import parse_view

    views = [parse_view(r["text"]) for r in rows]
    docs = None
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) != len(rows) or any(d.text != v for d, v in zip(docs, views)):
            docs = None
    if docs is None:
        t0 = time.time()
        with nlp.select_pipes(disable=["quote_detector", "speaker_resolver"]):
            docs = list(nlp.pipe(views, batch_size=16))
        log(f"parsed {len(docs)} documents in {time.time() - t0:.0f}s")
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=docs).to_disk(cache)
    detector = nlp.get_pipe("quote_detector")
    layouts, rules = [], []
    for d in docs:
        detector(d)
        layouts.append(Layout(d))
        rules.append(list(d._.quote_candidates or []))
    return Corpus(rows, docs, layouts, rules)


def gold_cue_heads(doc: Any, row: dict[str, Any]) -> list[tuple[int, set[int]]]:
    """(token index of each gold cue's head, indices of its quotes in the row)."""
    from quotes.learned.candidates import cue_head

    heads: dict[int, set[int]] = {}
    for k, q in enumerate(row["quotes"]):
        if q["cue_start"] < 0:
            continue
        span = doc.char_span(q["cue_start"], q["cue_end"], alignment_mode="expand")
        if span is not None and len(span):
            heads.setdefault(cue_head(doc, (span.start, span.end)), set()).add(k)
    return sorted(heads.items())


def count_lemmas(corpus: Corpus, indices: Any) -> dict[str, list[float]]:
    """lemma -> [gold cue heads, tokens outside quotation marks] over the documents ``indices``."""
    table: dict[str, list[float]] = {}
    for n in indices:
        doc, lay = corpus.docs[n], corpus.layouts[n]
        heads = {h for h, _ in gold_cue_heads(doc, corpus.rows[n])}
        for t in doc:
            if t.is_punct or t.is_space or (lay.quote[t.i] >= 0 and t.i not in heads):
                continue
            e = table.setdefault(t.lemma_.lower(), [0.0, 0.0])
            e[1] += 1
            if t.i in heads:
                e[0] += 1
    return table


def labels(tables: DocTables, doc: Any, row: dict[str, Any]) -> dict[str, list[Optional[int]]]:
    """Labels per row of each table; ``None`` for span rows of a cue that is not a gold cue."""
    text = row["text"]
    heads = dict(gold_cue_heads(doc, row))
    out: dict[str, list[Optional[int]]] = {t: [] for t in TABLES}
    for k, c in enumerate(tables.cands):
        qs = [row["quotes"][x] for x in heads.get(c.head, ())]
        out["cue"].append(int(bool(qs)))
        gold = {
            "content": {normalize(text, q["start"], q["end"]) for q in qs},
            "source": {normalize(text, q["mention_start"], q["mention_end"]) for q in qs if q["mention_start"] >= 0},
            "cue_span": {normalize(text, q["cue_start"], q["cue_end"]) for q in qs},
        }
        no_source = any(q["mention_start"] < 0 for q in qs)
        for t, spans in (("content", c.contents), ("source", c.sources + [NONE_SOURCE]), ("cue_span", c.cues)):
            for s in spans:
                if not qs:
                    out[t].append(None)
                elif s is NONE_SOURCE:
                    out[t].append(int(no_source))
                else:
                    out[t].append(int(s.span in gold[t]))
    return out


def build_tables(corpus: Corpus, priors: list[dict[str, list[float]]], lemmas: Any) -> tuple[list[DocTables], list[dict]]:
    """Candidates, feature rows and labels of every document (``priors[n]``: its lemma table)."""
    from quotes.attribution.cues import load_lexicon

    nouns = load_lexicon("attribution").statement_nouns
    all_tables, all_labels = [], []
    for n, doc in enumerate(corpus.docs):
        t = doc_tables(doc, corpus.layouts[n], corpus.rules[n], priors[n], lemmas, nouns)
        all_tables.append(t)
        all_labels.append(labels(t, doc, corpus.rows[n]))
    return all_tables, all_labels


def stack(tables: list[DocTables], labs: list[dict], table: str) -> tuple[list[dict], list[int], list[int]]:
    """The labelled rows of one table over all documents, and the sizes of their groups (the
    span rows of one cue; one group per row for the cue table)."""
    rows, ys, groups = [], [], []
    for t, lab in zip(tables, labs):
        ranges = t.groups[table] if table != "cue" else [(k, k + 1) for k in range(len(t.rows[table]))]
        for a, b in ranges:
            if b > a and lab[table][a] is not None:
                rows.extend(t.rows[table][a:b])
                ys.extend(lab[table][a:b])
                groups.append(b - a)
    return rows, ys, groups


def lgb_params(cfg: SpanRankerConfig, table: str = "cue") -> dict[str, Any]:
    """LightGBM settings; with ``objective="rank"`` the span tables learn to order each cue's
    candidates (lambdarank, NDCG@1 on dev) since only the best of them is ever used."""
    ranked = table != "cue" and cfg.objective == "rank"
    objective = {"objective": "lambdarank", "metric": "ndcg", "eval_at": [1]} if ranked else {"objective": "binary"}
    return {
        **objective,
        "learning_rate": cfg.learning_rate,
        "num_leaves": cfg.num_leaves,
        "min_data_in_leaf": cfg.min_data_in_leaf,
        "feature_fraction": 0.8,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "lambda_l2": 1.0,
        "max_cat_to_onehot": 8,
        "cat_smooth": 10,
        "seed": cfg.seed,
        "deterministic": True,
        "force_row_wise": True,
        "num_threads": cfg.threads,
        "verbose": -1,
    }


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def config_json(cfg: SpanRankerConfig) -> dict[str, Any]:
    return asdict(cfg)


def fit_vocabs(tables: list[DocTables], labs: list[dict], init: Optional[SpanRanker]) -> dict[str, Vocab]:
    if init is not None:
        return init.vocabs
    return {t: Vocab.fit(stack(tables, labs, t)[0]) for t in TABLES}


def dev_predictions(model: SpanRanker, corpus: Corpus, tables: list[DocTables], threshold: float,
                    scores: Optional[list[dict]] = None) -> list[Any]:
    """The model's results on the dev corpus (tables built once, scored once per model)."""
    from quotes.records import Result

    out = []
    for n, t in enumerate(tables):
        s = scores[n] if scores is not None else model.scores(t)
        atts = model.decide(corpus.docs[n], corpus.layouts[n], corpus.rules[n], t, s, threshold)
        out.append(Result(corpus.rows[n]["id"], [a.quote for a in atts], text=corpus.rows[n]["text"]))
    return out


def choose_threshold(model: SpanRanker, corpus: Corpus, tables: list[DocTables], log: Callable[[str], None]) -> tuple[float, list[dict]]:
    """The cue threshold with the best dev selection figure, and the figures of every one tried."""
    from quotes.training.data import results_of
    from quotes.training.figures import dev_figures

    gold = results_of(corpus.rows)
    scores = [model.scores(t) for t in tables]
    history = []
    for thr in THRESHOLDS:
        fig = dev_figures(gold, dev_predictions(model, corpus, tables, thr, scores))
        fig["threshold"] = thr
        history.append(fig)
        log(f"threshold {thr:.2f}: content exact {fig['content_exact_f1']:.3f}  cue {fig['cue_exact_f1']:.3f}  "
            f"source {fig['source_exact_f1']:.3f}  end to end {fig['e2e_f1']:.3f}")
    best = max(history, key=lambda f: (f["select"], f["e2e_f1"]))
    return best["threshold"], history


def _train_booster(cfg: SpanRankerConfig, table: str, train: tuple, dev: tuple, vocab: Vocab,
                   init: Optional[Any], log: Callable[[str], None]) -> tuple[Any, list[dict]]:
    import lightgbm as lgb

    x, y = vocab.matrix(train[0]), train[1]
    dx, dy = vocab.matrix(dev[0]), dev[1]
    cats = vocab.categorical
    params = lgb_params(cfg, table)
    ranked = params["objective"] == "lambdarank"
    dtrain = lgb.Dataset(x, y, categorical_feature=cats, free_raw_data=False, group=train[2] if ranked else None)
    dvalid = lgb.Dataset(dx, dy, categorical_feature=cats, reference=dtrain, group=dev[2] if ranked else None)
    history: list[dict] = []
    every = 25 if cfg.progress else 10**9
    name = "1 - NDCG@1" if ranked else "log loss"

    def record(env: Any) -> None:
        # one loss for both objectives (lower is better): log loss, or 1 - NDCG@1 of each cue's best span
        train_loss, dev_loss = (r[2] if not ranked else 1.0 - r[2] for r in env.evaluation_result_list[:2])
        history.append({"round": env.iteration + 1, "train_loss": round(train_loss, 5), "dev_loss": round(dev_loss, 5)})
        if (env.iteration + 1) % every == 0:
            log(f"{table}: round {env.iteration + 1}: train {name} {train_loss:.4f}  dev {name} {dev_loss:.4f}")

    booster = lgb.train(
        params, dtrain, num_boost_round=cfg.rounds, valid_sets=[dtrain, dvalid], valid_names=["train", "dev"],
        init_model=init, callbacks=[record, lgb.early_stopping(cfg.patience, first_metric_only=True, verbose=False)],
    )
    log(f"{table}: {len(y)} rows ({sum(y)} positive), best round {booster.best_iteration} of {len(history)}")
    return booster, history


def train_span_ranker(cfg: SpanRankerConfig, log: Callable[[str], None]) -> dict[str, Any]:
    """Train (or, with ``cfg.init``, fine-tune) the span ranker; returns the training report."""
    from quotes.convert.hf import gold_rows
    from quotes.extraction.pipeline import build_nlp

    t0 = time.time()
    init = SpanRanker.load(cfg.init) if cfg.init else None
    nlp = build_nlp(scheme="attribution")
    cache = Path(cfg.cache) if cfg.cache else None
    train_rows = list(gold_rows(cfg.train, cfg.texts, limit=cfg.max_docs))
    dev_rows = list(gold_rows(cfg.dev, cfg.texts, limit=cfg.max_dev_docs))
    log(f"{len(train_rows)} training documents, {len(dev_rows)} dev documents")
    train = parse_corpus(nlp, train_rows, cache / "train.spacy" if cache else None, log)
    dev = parse_corpus(nlp, dev_rows, cache / "dev.spacy" if cache else None, log)
    full = count_lemmas(train, range(len(train.docs)))
    if init is not None:  # fine-tuning: the saved counts plus the new documents'
        for lemma, (c, n) in init.prior.items():
            e = full.setdefault(lemma, [0.0, 0.0])
            e[0] += c
            e[1] += n
    folds = max(1, min(cfg.folds, len(train.docs)))
    fold_tables = [count_lemmas(train, [n for n in range(len(train.docs)) if n % folds != k]) for k in range(folds)]
    if init is not None or folds == 1:
        fold_tables = [full] * folds
    probe = SpanRanker({}, {}, full, init.settings if init else None)
    lemmas = probe.cue_lemmas
    train_tables, train_labels = build_tables(train, [fold_tables[n % folds] for n in range(len(train.docs))], lemmas)
    dev_tables, dev_labels = build_tables(dev, [full] * len(dev.docs), lemmas)
    log(f"candidates built in {time.time() - t0:.0f}s")
    vocabs = fit_vocabs(train_tables, train_labels, init)
    boosters, history = {}, {}
    for table in TABLES:
        boosters[table], history[table] = _train_booster(
            cfg, table, stack(train_tables, train_labels, table), stack(dev_tables, dev_labels, table),
            vocabs[table], init.boosters[table] if init else None, log)
    model = SpanRanker(boosters, vocabs, full, probe.settings)
    model.settings["threshold"], thresholds = choose_threshold(model, dev, dev_tables, log)
    out = Path(cfg.out)
    report = {"out": str(out), "seconds": round(time.time() - t0, 1), "threshold": model.settings["threshold"],
              "dev": next(f for f in thresholds if f["threshold"] == model.settings["threshold"]),
              "thresholds": thresholds, "rounds": {t: len(h) for t, h in history.items()},
              "best_rounds": {t: boosters[t].best_iteration for t in TABLES}, "history": history,
              "train_documents": len(train.docs), "dev_documents": len(dev.docs)}
    model.save(out)
    write_json(out / "train_config.json", config_json(cfg))
    write_json(out / "train_report.json", report)
    log(f"saved {out} ({report['seconds']:.0f}s)")
    return report
