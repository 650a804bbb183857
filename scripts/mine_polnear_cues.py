#!/usr/bin/env python
"""Count the cues of PolNeAR's attribution relations by lemma, by shape and by frame.

    python scripts/mine_polnear_cues.py /path/to/polnear                 # train, top 150
    python scripts/mine_polnear_cues.py /path/to/polnear --top 400 --min 5 --cache /tmp/pn
    python scripts/mine_polnear_cues.py /path/to/polnear --json /tmp/cue-counts.json
    python scripts/mine_polnear_cues.py /path/to/polnear --from-json /tmp/cue-counts.json --word rule --word express

For every relation of the split (gold from :func:`quotes.convert.polnear.iter_polnear`), the
cue span is parsed in its document (spaCy, the project's model) and described by

- its key: the lemmas of the cue's words without determiners, auxiliaries, negation,
  adverbs, possessives and punctuation (``has repeatedly said`` -> ``say``, ``in a
  statement`` -> ``in statement``, ``called for`` -> ``call for``);
- its shape: ``verb`` (a finite or infinitive verb), ``participle`` (an ``-ing``/``-ed``
  form without a subject of its own: ``..., citing X``, ``..., noting that``), ``noun``
  (a noun heads the cue: ``his comments that ...``, ``criticism``) or ``multiword`` (more
  than one key word: ``according to``, ``in a statement``, ``called for``);
- the frame through which the content hangs on the cue's head: the dependency of the
  content's root when the cue's head governs it (``ccomp``, ``xcomp``, ``dobj``, ``acl``,
  ``appos``...), ``prep:<p>`` through a preposition (``criticized X for Y`` gives ``dobj``
  and ``prep:for`` is counted when the content is the prepositional object), ``aside``
  when the cue hangs inside its content (``X, he said, ...``), ``subj`` when the content
  is the cue's subject (``the deal, which he called ...``), ``other`` otherwise.

Only counts are printed or written, never corpus text (PolNeAR is research-use only). The
counts are what ``quotes/data/cues.json`` was grown from; its ``about`` says how entries
were chosen from them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SKIP_DEPS = frozenset({"det", "aux", "auxpass", "neg", "advmod", "punct", "poss", "predet", "case", "nummod", "npadvmod", "cc"})


def cue_head(doc, i: int, j: int):
    """The token of ``doc[i:j]`` whose head lies outside it (the first such one)."""
    for t in doc[i:j]:
        if not (i <= t.head.i < j) or t.head.i == t.i:
            return t
    return doc[i]


def cue_key(doc, i: int, j: int) -> tuple[str, list]:
    words = [t for t in doc[i:j] if not t.is_punct and not t.is_space and t.dep_ not in SKIP_DEPS and t.pos_ not in ("PRON", "DET", "AUX", "ADV")]
    if not words:
        words = [cue_head(doc, i, j)]
    return " ".join(t.lemma_.lower() for t in words), words


def shape_of(head, words: list) -> str:
    if len(words) > 1:
        return "multiword"
    if head.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if head.tag_ in ("VBG", "VBN") and head.dep_ in ("advcl", "acl", "xcomp", "conj", "pcomp") and not any(
        ch.dep_ in ("nsubj", "nsubjpass") for ch in head.children
    ):
        return "participle"
    if head.pos_ in ("VERB", "AUX"):
        return "verb"
    return head.pos_.lower() or "other"


def frame_of(doc, head, ci: int, cj: int) -> str:
    """How the content ``doc[ci:cj]`` hangs on the cue head."""
    if ci <= head.i < cj:
        return "aside"
    roots = [t for t in doc[ci:cj] if (not (ci <= t.head.i < cj) or t.head.i == t.i) and not (t.is_punct or t.is_space)]
    if not roots:
        return "other"
    for r in roots:
        if r.head.i == head.i and r.i != head.i:
            return r.dep_
        if r.head.dep_ == "prep" and r.head.head.i == head.i:
            return f"prep:{r.head.lower_}"
        if r.head.dep_ == "agent" and r.head.head.i == head.i:
            return "agent"
    if head.head.i != head.i and ci <= head.head.i < cj:
        return "aside" if head.dep_ in ("parataxis", "ccomp", "advcl") else "in:" + head.dep_
    return "other"


def parse(texts: list[str], cache: Optional[Path], tag: str):
    sys.path.insert(0, str(REPO / "scripts"))
    from dev_polnear_rules import parse_all

    docs, _ = parse_all(texts, cache, tag)
    return docs


def mine(root: Path, split: str, cache: Optional[Path], limit: Optional[int]) -> dict:
    from quotes.convert.polnear import iter_polnear

    golds = list(iter_polnear(root, split))
    if limit:
        golds = golds[:limit]
    docs = parse([g.text or "" for g in golds], cache, f"{split}_{limit}")
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for g, doc in zip(golds, docs):
        seen = set()
        for q in g.quotes:
            if q.cue is None:
                continue
            c = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
            s = doc.char_span(q.start, q.end, alignment_mode="expand")
            if c is None or s is None or len(c) == 0:
                continue
            key = (c.start, c.end)
            head = cue_head(doc, c.start, c.end)
            lemma, words = cue_key(doc, c.start, c.end)
            cell = counts[(lemma, shape_of(head, words))]
            if key not in seen:
                cell["n"] += 1
                seen.add(key)
            cell["frame:" + frame_of(doc, head, s.start, s.end)] += 1
    rows = []
    for (lemma, shape), c in counts.items():
        frames = {k[6:]: v for k, v in c.most_common() if k.startswith("frame:")}
        rows.append({"lemma": lemma, "shape": shape, "n": c["n"], "frames": frames})
    rows.sort(key=lambda r: (-r["n"], r["lemma"]))
    return {"split": split, "documents": len(golds), "cues": rows}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("polnear", help="PolNeAR data folder (holding index.tsv)")
    ap.add_argument("--split", default="train")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--cache", default=None, help="folder for cached parses (DocBin)")
    ap.add_argument("--top", type=int, default=150, help="rows to print")
    ap.add_argument("--min", type=int, default=1, help="print cues seen at least this often")
    ap.add_argument("--shape", default=None, help="print only this shape (verb, noun, participle, multiword)")
    ap.add_argument("--json", default=None, help="write all counts as JSON here")
    ap.add_argument("--from-json", default=None, help="read counts written by --json instead of parsing again")
    ap.add_argument("--word", action="append", default=[], help="print only cues whose key starts with this lemma (repeatable)")
    args = ap.parse_args(argv)
    if args.from_json:
        result = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
    else:
        root = Path(args.polnear)
        if not (root / "index.tsv").exists():
            print(f"PolNeAR not found at {root}", file=sys.stderr)
            return 2
        result = mine(root, args.split, Path(args.cache) if args.cache else None, args.limit)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    words = set(args.word)
    shown = [
        r
        for r in result["cues"]
        if r["n"] >= args.min and (args.shape is None or r["shape"] == args.shape) and (not words or r["lemma"].split()[0] in words)
    ]
    for r in shown[: args.top]:
        frames = " ".join(f"{k}={v}" for k, v in list(r["frames"].items())[:6])
        print(f"{r['n']:6d}  {r['shape']:10s} {r['lemma']:28s} {frames}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
