"""Derive the person-noun lexicon (``quotes/data/person_nouns.txt``) from WordNet 3.0.

A role's head must name a kind of person (``pollster``, ``talk-show host``, ``widow``); which
nouns do is read from WordNet rather than listed by hand: every lemma of every hyponym of
``person.n.01`` (regular hyponyms, recursively; instance hyponyms such as ``Einstein`` are
names, not roles), lower-cased, multiword lemmas with spaces (``press secretary``).

Many lemmas have a person sense and a commoner other one (``party``, ``board``, ``company``
is no hyponym but ``head``, ``general`` and ``plant`` are). ``--keep`` chooses which lemmas
stay, from WordNet's sense frequencies (the SemCor tag counts of ``cntlist.rev``, whose order
``index.noun`` follows):

* ``any``: every lemma with a person sense;
* ``majority``: person senses hold at least half of the lemma's tag counts, or,
  for a lemma without counts, at least half of its senses;
* ``first``: the lemma's most frequent sense is a person;
* ``either`` (default): ``first`` or ``majority`` (``host``: its first sense is a person, its other
  person sense too, but the crowd and the organism senses together weigh more).

The database is read directly (``data.noun``, ``index.noun``, ``cntlist.rev``); on Debian
``apt-get install wordnet-base`` puts it in ``/usr/share/wordnet``. Usage::

    python scripts/derive_person_nouns.py [--wordnet /usr/share/wordnet] [--keep either] \\
        -o quotes/data/person_nouns.txt

The output starts with ``#`` comment lines: the source, the command and WordNet's licence.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

PERSON_N_01 = "00007846"

LICENCE = """\
WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license. By obtaining, using and/or copying this
software and database, you agree that you have read, understood, and will comply with these
terms and conditions.:
Permission to use, copy, modify and distribute this software and database and its
documentation for any purpose and without fee or royalty is hereby granted, provided that you
agree to comply with the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and documentation, including
modifications that you make for internal use or for distribution.
WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS
FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
RIGHTS.
The name of Princeton University or Princeton may not be used in advertising or publicity
pertaining to distribution of the software and/or database. Title to copyright in this
software, database and any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same."""


def read_synsets(path: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """``data.noun``: the lemmas and the (regular) hyponyms of each synset, by offset."""
    lemmas: dict[str, list[str]] = {}
    hyponyms: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" | ", 1)[0].split()
            offset, n_words = fields[0], int(fields[3], 16)
            words = [fields[4 + 2 * i] for i in range(n_words)]
            lemmas[offset] = [_lemma(w) for w in words]
            k = 4 + 2 * n_words
            n_ptrs = int(fields[k])
            hyponyms[offset] = [
                fields[k + 2 + 4 * i]
                for i in range(n_ptrs)
                if fields[k + 1 + 4 * i] == "~" and fields[k + 3 + 4 * i] == "n"
            ]
    return lemmas, hyponyms


def _lemma(word: str) -> str:
    # adjective markers such as "(p)" only occur in data.adj; lower-case, underscores to spaces
    return word.split("(")[0].replace("_", " ").lower()


def read_index(path: Path) -> dict[str, list[str]]:
    """``index.noun``: each lemma's synsets, most frequent first."""
    senses: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
            offsets = fields[6 + p_cnt : 6 + p_cnt + synset_cnt]
            senses[lemma.replace("_", " ").lower()] = offsets
    return senses


def read_counts(path: Path) -> dict[str, dict[int, int]]:
    """``cntlist.rev``: tag counts of noun senses, by lemma and sense number."""
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    if not path.exists():
        return counts
    with path.open(encoding="utf-8") as f:
        for line in f:
            key, number, count = line.split()
            lemma, _, rest = key.partition("%")
            if rest.startswith("1:"):  # nouns
                counts[lemma.replace("_", " ").lower()][int(number)] = int(count)
    return counts


def person_synsets(hyponyms: dict[str, list[str]], root: str = PERSON_N_01) -> set[str]:
    seen = {root}
    stack = [root]
    while stack:
        for h in hyponyms.get(stack.pop(), ()):
            if h not in seen:
                seen.add(h)
                stack.append(h)
    return seen


def keep_lemma(lemma: str, person: set[str], senses: dict[str, list[str]], counts: dict[str, dict[int, int]], rule: str) -> bool:
    offsets = senses.get(lemma)
    if rule == "any" or not offsets:
        return True
    if rule in ("first", "either") and offsets[0] in person:
        return True
    if rule == "first":
        return False
    tagged = counts.get(lemma, {})
    total = sum(tagged.values())
    if total:
        share = sum(c for n, c in tagged.items() if n <= len(offsets) and offsets[n - 1] in person)
        return 2 * share >= total
    return 2 * sum(o in person for o in offsets) >= len(offsets)


def derive(wordnet: Path, rule: str) -> list[str]:
    lemmas, hyponyms = read_synsets(wordnet / "data.noun")
    senses = read_index(wordnet / "index.noun")
    counts = read_counts(wordnet / "cntlist.rev")
    person = person_synsets(hyponyms)
    words = {w for s in person for w in lemmas.get(s, ())}
    return sorted(w for w in words if keep_lemma(w, person, senses, counts, rule))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0 dict folder")
    ap.add_argument("--keep", choices=("any", "majority", "first", "either"), default="either")
    ap.add_argument("-o", "--output", type=Path, help="default: stdout")
    args = ap.parse_args(argv)
    words = derive(args.wordnet, args.keep)
    header = [
        "Person nouns: lemmas of the hyponyms of person.n.01 in WordNet 3.0 (lower-cased).",
        f"Made by: python scripts/derive_person_nouns.py --keep {args.keep} -o quotes/data/person_nouns.txt",
        "(WordNet from the Debian package wordnet-base, /usr/share/wordnet.)",
        "",
        *LICENCE.splitlines(),
    ]
    text = "".join(f"# {h}".rstrip() + "\n" for h in header) + "".join(w + "\n" for w in words)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"{len(words)} person nouns -> {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
