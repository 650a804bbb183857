"""Sources that stand for someone: documents and organizations named after a person.

* ``the Trump campaign``, ``Clinton's team``: an organization named after a person; it is
  named ``<name> campaign`` as the text writes it (``Clinton's team`` is the ``Clinton
  campaign`` when the document writes that form);
* a document speaks for its author or issuer: ``the senator's letter`` -> the senator, ``a
  statement from the campaign`` -> the campaign, ``a Times article`` -> the Times; a bare ``the
  report``, ``the clip`` -> the author the text gave the nearest document of its kind before
  it (``A web video by the Republican National Committee ... The clip says``), looking past
  bare definite ones that take up an earlier document (``The ad also mentions``), none when
  the one it reaches has no named author.

The nouns are data (``quotes/data/speaker_nouns.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Token

from quotes.resolution.context import ResolutionContext
from quotes.resolution.entities import Entity
from quotes.resolution.phrases import possessor

#: How many sentences back a bare document looks for the document that names its author.
DOCUMENT_WINDOW = 6


@lru_cache(maxsize=1)
def speaker_nouns() -> dict[str, frozenset[str]]:
    """The noun lists of ``quotes/data/speaker_nouns.json``."""
    raw = json.loads(resources.files("quotes").joinpath("data/speaker_nouns.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_") and k != "document_kinds"}


@lru_cache(maxsize=1)
def _document_kinds() -> dict[str, int]:
    raw = json.loads(resources.files("quotes").joinpath("data/speaker_nouns.json").read_text(encoding="utf-8"))
    return {w: k for k, words in enumerate(raw["document_kinds"]) for w in words}


def _kind(t: Token) -> object:
    word = t.lemma_.lower() if t.lemma_.lower() in speaker_nouns()["documents"] else t.lower_
    return _document_kinds().get(word, word)


def is_document(t: Token) -> bool:
    """Whether a noun names a document, a statement or an ad."""
    return t.pos_ in ("NOUN", "PROPN") and (t.lower_ in speaker_nouns()["documents"] or t.lemma_.lower() in speaker_nouns()["documents"])


def author(ctx: ResolutionContext, t: Token) -> Optional[Entity]:
    """The named author of a document noun: its possessor, its ``by``/``from``/``of`` object, a
    name compounded with it (``a Times article``, ``the Clinton ad``) or the subject of a verb
    that issues it (``the senator released a video``)."""
    for c in t.children:
        if c.dep_ in ("poss", "compound") and c.i in ctx.by_token:
            return ctx.by_token[c.i]
    # "the senator released a video", "Clinton has a new campaign ad"
    head = t.head
    if t.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in speaker_nouns()["issuing_verbs"]:
        for c in head.children:
            if c.dep_ == "nsubj" and c.i in ctx.by_token:
                return ctx.by_token[c.i]
    # "a video by the committee", "a letter released by the senator"
    heads = [t] + [c for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    for c in (c for h in heads for c in h.children):
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
            for g in c.children:
                if g.dep_ == "pobj" and g.i in ctx.by_token:
                    return ctx.by_token[g.i]
    return None


def document_source(ctx: ResolutionContext, root: Token) -> Optional[Entity]:
    """The author of document ``root``, else that of the nearest document before it whose
    author the text names (a bare ``the report`` goes back to it)."""
    found = author(ctx, root)
    if found is not None or possessor(root, root.left_edge.i, root.right_edge.i + 1) is not None:
        return found  # "the statement from the ministry": the description is resolved as such
    if root.doc[root.left_edge.i].lower_ in ("a", "an"):
        return None  # an indefinite document is a new one
    sent = ctx.sent_of[root.i]
    kind = _kind(root)
    for t in reversed(root.doc[: root.left_edge.i]):
        if ctx.sent_of[t.i] < sent - DOCUMENT_WINDOW:
            break
        if is_document(t) and _kind(t) == kind and t.pos_ == "NOUN":
            found = author(ctx, t)
            if found is not None or not _takes_up(t):
                return found  # the nearest document of its kind that names or introduces it
    return None


def _takes_up(t: Token) -> bool:
    """A bare definite document noun (``The ad also mentions``) takes up an earlier one, so a
    later ``the clip`` looks past it (``The 30-second spot`` too); an indefinite one is new."""
    if t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return False
    left = [c for c in t.children if c.i < t.i]
    return bool(left) and left[0].lower_ in ("the", "this", "that") and all(
        c.dep_ in ("amod", "nummod", "compound", "punct", "advmod") for c in left[1:]
    )


def person_organization(ctx: ResolutionContext, root: Token) -> Optional[Entity]:
    """``the Trump campaign``, ``Clinton's team``: the organization of a named person."""
    nouns = speaker_nouns()
    if root.lower_ not in nouns["person_organizations"] or root.tag_ in ("NNS", "NNPS"):
        return None
    owner = [c for c in root.children if c.dep_ in ("poss", "compound") and c.i in ctx.by_token and ctx.by_token[c.i].label == "PERSON"]
    if not owner:
        return None
    o = owner[-1]
    lo = min(i for i in range(o.left_edge.i, o.i + 1) if ctx.by_token.get(i) is ctx.by_token[o.i])
    written = " ".join(t.text for t in root.doc[lo : o.i + 1])
    name = f"{written} {root.lower_}"
    if root.lower_ in nouns["campaign_synonyms"]:
        campaign = f"{written} campaign"
        if campaign in root.doc.text:
            name = campaign
    for e in ctx.entities:
        if e.label == "ORG" and e.name and e.name.casefold() == name.casefold():
            return e
    e = ctx.new_entity("ORG", "organization", name)
    return e
