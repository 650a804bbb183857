"""A speaker index over a corpus of results: who is quoted, how often, in which role.

The same speaker appears under several names across documents (``Wang Yi``, ``wang yi``,
``Foreign Minister Wang Yi``, a bare ``Wang``). :func:`merge_speaker_names` is the one
place that decides which names are one speaker; the ``quotes speakers`` command and the
``speakers`` table of the DuckDB output (:mod:`quotes.io.database`) both use it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from quotes.io.extras import require
from quotes.io.results import iter_results
from quotes.records import Result

# Titles and honorifics that precede a name. Lower case, without the trailing period.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sheikh
    president vice-president president-elect premier chancellor minister secretary
    secretary-general undersecretary governor gov senator sen representative rep
    congressman congresswoman mayor ambassador envoy spokesman spokeswoman spokesperson
    chairman chairwoman chairperson chair ceo cfo director general gen lt col colonel maj
    major capt captain admiral adm sgt sergeant commander commissioner judge justice king
    queen prince princess pope cardinal bishop archbishop rabbi imam deputy leader chief
    officer attorney speaker councilor councillor counselor mp mep lawmaker diplomat
    """.split()
)
# Titles containing a connector; matched as whole phrases before the word rule.
TITLE_PHRASES = tuple(
    p.split()
    for p in (
        "secretary of state",
        "secretary of defense",
        "secretary of the treasury",
        "secretary of homeland security",
        "minister of foreign affairs",
        "minister of defence",
        "minister of defense",
        "minister of finance",
        "chief of staff",
    )
)
_CONNECTORS = frozenset({"of", "the", "for", "and", "to", "at", "in"})
_EDGE_PUNCT = ".,;:!?\"'“”‘’()[]"
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _bare(token: str) -> str:
    return token.strip(_EDGE_PUNCT).casefold()


def strip_titles(name: str) -> str:
    """``Chinese Foreign Minister Wang Yi`` -> ``Wang Yi``; case is kept.

    The name is what follows the last title word, provided that what follows is a
    plain run of words (no connector, no possessive): ``Prime Minister's Office`` and
    ``Ministry of Foreign Affairs`` are names of their own and stay whole. Nothing is
    stripped when nothing would remain (``the President``).
    """
    tokens = name.split()
    bare = [_bare(t) for t in tokens]
    cut = -1
    for i in range(len(tokens)):
        for phrase in TITLE_PHRASES:
            if bare[i : i + len(phrase)] == phrase:
                cut = max(cut, i + len(phrase) - 1)
        if bare[i] in TITLE_WORDS:
            cut = max(cut, i)
    while cut >= 0:
        rest = tokens[cut + 1 :]
        ok = bool(rest) and not any(
            _bare(t) in _CONNECTORS or _bare(t) in TITLE_WORDS or _POSSESSIVE.search(t) for t in rest
        )
        if ok:
            return " ".join(rest).strip(_EDGE_PUNCT.replace(".", ""))
        if tokens[cut].endswith(("'s", "’s")):
            break
        # a title followed by a connector ("Secretary of ..."): try an earlier title
        cut = max((j for j in range(cut) if bare[j] in TITLE_WORDS), default=-1)
    return " ".join(tokens)


def name_key(name: str) -> str:
    """The comparison form of a name: titles stripped, case folded, punctuation dropped."""
    stripped = strip_titles(name)
    stripped = _POSSESSIVE.sub("", stripped.strip())
    tokens = [_bare(t) for t in stripped.split()]
    tokens = [t for t in tokens if t]
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    return " ".join(tokens)


def merge_speaker_names(counts: Mapping[str, int]) -> dict[str, str]:
    """Map each speaker name (with its quote count) to the display name of its group.

    Names are grouped by :func:`name_key`; then a one-word key joins the unique
    multi-word key that has it as first or last word (``Wang`` -> ``Wang Yi``), and
    stays on its own when there are several (``Wang`` with both ``Wang Yi`` and
    ``Wang Wenbin``). The display name of a group is its title-stripped spelling,
    capitalised forms first, then the most frequent, then the longest.
    """
    keys = {name: name_key(name) or name.strip().casefold() for name in counts}
    multi = {k for k in keys.values() if " " in k}
    by_edge: dict[str, set[str]] = {}
    for k in multi:
        words = k.split()
        by_edge.setdefault(words[0], set()).add(k)
        by_edge.setdefault(words[-1], set()).add(k)
    group = {}
    for name, k in keys.items():
        targets = by_edge.get(k, set()) if " " not in k else set()
        group[name] = next(iter(targets)) if len(targets) == 1 else k
    spellings: dict[str, Counter[str]] = {}
    for name, g in group.items():
        form = strip_titles(name).strip()
        if name_key(form) != g and keys[name] != g:
            continue  # a short variant: the group is named by its full forms
        spellings.setdefault(g, Counter())[form] += counts[name]
    display = {}
    for g, forms in spellings.items():
        display[g] = max(forms, key=lambda f: (f != f.lower(), forms[f], len(f), f))
    return {name: display.get(g, strip_titles(name)) for name, g in group.items()}


# --------------------------------------------------------------------------- index


@dataclass
class SpeakerEntry:
    """One speaker across a corpus; ``roles`` most frequent first."""

    speaker: str
    speaker_type: str
    n_quotes: int
    n_documents: int
    roles: list[str]
    first_doc: str
    last_doc: str
    sample_quote: str
    variants: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_type": self.speaker_type,
            "n_quotes": self.n_quotes,
            "n_documents": self.n_documents,
            "roles": self.roles,
            "first_doc": self.first_doc,
            "last_doc": self.last_doc,
            "sample_quote": self.sample_quote,
            "variants": self.variants,
        }


@dataclass
class _NameStats:
    n_quotes: int = 0
    types: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    docs: set = field(default_factory=set)  # (source index, position) keys
    first: Optional[tuple[tuple[int, int], str]] = None
    last: Optional[tuple[tuple[int, int], str]] = None
    sample: str = ""


class SpeakerIndex:
    """Aggregate quotes by speaker name as results stream in, merge names at the end."""

    def __init__(self) -> None:
        self._names: dict[str, _NameStats] = {}
        self.n_documents = 0
        self.n_quotes = 0
        self.n_unattributed = 0

    def add(self, result: Result, order: tuple[int, int]) -> None:
        """``order`` sorts documents across inputs: (file index, position in file)."""
        self.n_documents += 1
        for q in result.quotes:
            self.n_quotes += 1
            if not q.speaker:
                self.n_unattributed += 1
                continue
            st = self._names.setdefault(q.speaker, _NameStats())
            st.n_quotes += 1
            st.types[q.speaker_type or "unknown"] += 1
            if q.role:
                st.roles[q.role] += 1
            st.docs.add(order)
            if st.first is None or order < st.first[0]:
                st.first = (order, result.id)
            if st.last is None or order > st.last[0]:
                st.last = (order, result.id)
            if len(q.text) > len(st.sample) and (not st.sample or len(st.sample) < 40):
                st.sample = q.text

    def entries(self) -> list[SpeakerEntry]:
        """Merged speakers, most quoted first."""
        mapping = merge_speaker_names({n: st.n_quotes for n, st in self._names.items()})
        groups: dict[str, list[str]] = {}
        for name, display in mapping.items():
            groups.setdefault(display, []).append(name)
        out = []
        for display, names in groups.items():
            stats = [self._names[n] for n in names]
            types: Counter = sum((s.types for s in stats), Counter())
            roles: Counter = sum((s.roles for s in stats), Counter())
            docs = set().union(*(s.docs for s in stats))
            first = min(s.first for s in stats if s.first)
            last = max(s.last for s in stats if s.last)
            sample = max((s.sample for s in stats), key=len)
            out.append(
                SpeakerEntry(
                    speaker=display,
                    speaker_type=types.most_common(1)[0][0],
                    n_quotes=sum(s.n_quotes for s in stats),
                    n_documents=len(docs),
                    roles=[r for r, _ in roles.most_common()],
                    first_doc=first[1],
                    last_doc=last[1],
                    sample_quote=sample,
                    variants=sorted(names, key=lambda n: (-self._names[n].n_quotes, n)),
                )
            )
        out.sort(key=lambda e: (-e.n_quotes, -e.n_documents, e.speaker))
        return out


def build_index(paths: Iterable[Path]) -> SpeakerIndex:
    """Index the results of each path (a file or folder, see :mod:`quotes.io.results`), streaming."""
    index = SpeakerIndex()
    for i, path in enumerate(paths):
        for pos, result in enumerate(iter_results(path)):
            index.add(result, (i, pos))
    return index


# --------------------------------------------------------------------------- exports

EXPORT_COLUMNS = ("speaker", "speaker_type", "n_quotes", "n_documents", "roles", "first_doc", "last_doc", "sample_quote", "variants")


def write_csv(entries: list[SpeakerEntry], path: Path) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(EXPORT_COLUMNS)
        for e in entries:
            d = e.to_dict()
            d["roles"] = "; ".join(e.roles)
            d["variants"] = "; ".join(e.variants)
            w.writerow([d[c] for c in EXPORT_COLUMNS])


def write_parquet(entries: list[SpeakerEntry], path: Path) -> None:
    require("pyarrow", "parquet", "Parquet output")
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("speaker", pa.string()),
            ("speaker_type", pa.string()),
            ("n_quotes", pa.int64()),
            ("n_documents", pa.int64()),
            ("roles", pa.list_(pa.string())),
            ("first_doc", pa.string()),
            ("last_doc", pa.string()),
            ("sample_quote", pa.string()),
            ("variants", pa.list_(pa.string())),
        ]
    )
    pq.write_table(pa.Table.from_pylist([e.to_dict() for e in entries], schema=schema), path)


def speakers_table(entries: list[SpeakerEntry], total_width: Optional[int] = None) -> str:
    from quotes.io.table import Column, format_table

    columns = (
        Column("speaker", 22),
        Column("type", 12),
        Column("quotes", 6, ">"),
        Column("docs", 5, ">"),
        Column("roles", 28),
        Column("sample quote", 50),
    )
    rows = [
        (e.speaker, e.speaker_type, e.n_quotes, e.n_documents, "; ".join(e.roles[:2]), e.sample_quote)
        for e in entries
    ]
    return format_table(columns, rows, total_width)
