"""Wordpiece windows over long documents, with exact character offsets.

The encoder reads at most ``max_length`` wordpieces, so a document is tokenized once and
cut into overlapping windows; every token is then read from the window where it sits
most centrally (farthest from a window edge), which is where it has the most context.

Offsets come from the fast tokenizer's ``offset_mapping``, which indexes the text exactly
as given (Python ``str`` indices: code points), even though the tokenizer lowercases,
strips accents and drops control characters internally. Nothing is normalized before
offsets are taken; tokens that cover no character (none are expected) are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

LABELS = ("O", "B-CONTENT", "I-CONTENT", "B-CUE", "I-CUE", "B-SOURCE", "I-SOURCE")
ROLES = ("CONTENT", "CUE", "SOURCE")
LABEL_ID = {label: i for i, label in enumerate(LABELS)}
IGNORE = -100  # label of special and padding positions (skipped by the loss)


@dataclass
class Encoding:
    """The wordpieces of one text: ids and ``[start, end)`` character offsets of each."""

    ids: list[int]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.ids)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """``[i, j)`` token indices of the tokens overlapping characters ``[start, end)``."""
        import bisect

        i = bisect.bisect_right(self.ends, start)
        j = bisect.bisect_left(self.starts, end)
        return i, max(i, j)


def encode(tokenizer: Any, texts: Sequence[str]) -> list[Encoding]:
    """Tokenize whole texts (no special tokens, no truncation) keeping offsets."""
    if not texts:
        return []
    out = tokenizer(
        list(texts),
        add_special_tokens=False,
        return_offsets_mapping=True,
        return_attention_mask=False,
        return_token_type_ids=False,
        truncation=False,
        verbose=False,
    )
    encodings = []
    for ids, offsets in zip(out["input_ids"], out["offset_mapping"]):
        keep = [(i, s, e) for i, (s, e) in zip(ids, offsets) if e > s]
        encodings.append(Encoding([k[0] for k in keep], [k[1] for k in keep], [k[2] for k in keep]))
    return encodings


def plan_windows(n_tokens: int, size: int, stride: int) -> list[tuple[int, int]]:
    """``[start, end)`` token ranges of at most ``size`` tokens, one every ``stride`` tokens,
    until a window reaches the end of the text (the last one may be shorter)."""
    if size <= 0 or stride <= 0:
        raise ValueError("window size and stride must be positive")
    out: list[tuple[int, int]] = []
    s = 0
    while True:
        out.append((s, min(s + size, n_tokens)))
        if s + size >= n_tokens:
            return out
        s += min(stride, size)


def owners(windows: Sequence[tuple[int, int]], n_tokens: int) -> list[int]:
    """For each token, the index of the window where it is most central.

    Centrality is the distance to the nearer window edge; a document edge is not a
    window edge (the first tokens of a text have no left context to miss).
    """
    own = [0] * n_tokens
    best = [-1] * n_tokens
    for w, (s, e) in enumerate(windows):
        left_open = s > 0
        right_open = e < n_tokens
        for t in range(s, e):
            d_left = t - s if left_open else n_tokens
            d_right = e - 1 - t if right_open else n_tokens
            d = min(d_left, d_right)
            if d > best[t]:
                best[t], own[t] = d, w
    return own


def bio_labels(enc: Encoding, spans: Iterable[tuple[int, int, str]]) -> list[int]:
    """BIO label ids of the tokens of ``enc`` for character spans ``(start, end, role)``.

    A token belongs to a span when its first character lies inside it. Cue and source
    are written over content (a content span's extent can enclose its own interrupting
    ``he said``); a new span always starts with ``B-``, even right after one of the same role.
    """
    order = {"CONTENT": 0, "SOURCE": 1, "CUE": 2}
    role_of: list[tuple[str, int] | None] = [None] * len(enc)
    ordered = sorted(enumerate(spans), key=lambda x: order[x[1][2]])
    for k, (start, end, role) in ordered:
        i, j = enc.token_range(start, end)
        for t in range(i, j):
            if start <= enc.starts[t] < end:
                role_of[t] = (role, k)
    labels = []
    prev = None
    for r in role_of:
        if r is None:
            labels.append(LABEL_ID["O"])
        else:
            labels.append(LABEL_ID[("I-" if r == prev else "B-") + r[0]])
        prev = r
    return labels


@dataclass
class Window:
    """One encoder input: ``[CLS] ids [SEP]``, and where its tokens sit in the document."""

    doc: int
    start: int
    end: int
    input_ids: list[int]
    labels: list[int] | None = None


def make_windows(
    encodings: Sequence[Encoding],
    cls_id: int,
    sep_id: int,
    max_length: int,
    stride: int,
    labels: Sequence[Sequence[int]] | None = None,
) -> list[Window]:
    """All windows of all documents, in document order (specials add 2 positions)."""
    size = max_length - 2
    out = []
    for d, enc in enumerate(encodings):
        for s, e in plan_windows(len(enc), size, stride):
            ids = [cls_id] + enc.ids[s:e] + [sep_id]
            lab = None
            if labels is not None:
                lab = [IGNORE] + list(labels[d][s:e]) + [IGNORE]
            out.append(Window(d, s, e, ids, lab))
    return out


def pad_batch(windows: Sequence[Window], pad_id: int = 0) -> dict[str, Any]:
    """Tensors ``input_ids``, ``attention_mask`` (and ``labels`` when windows have them)."""
    import torch

    width = max(len(w.input_ids) for w in windows)
    ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    has_labels = all(w.labels is not None for w in windows)
    lab = torch.full((len(windows), width), IGNORE, dtype=torch.long) if has_labels else None
    for k, w in enumerate(windows):
        n = len(w.input_ids)
        ids[k, :n] = torch.tensor(w.input_ids)
        mask[k, :n] = 1
        if lab is not None:
            lab[k, :n] = torch.tensor(w.labels)
    batch = {"input_ids": ids, "attention_mask": mask}
    if lab is not None:
        batch["labels"] = lab
    return batch
