"""Name mentions: ``Zhang``, ``Chinese Foreign Minister Wang Yi``, ``The Kremlin``.

A name in a mention belongs to one of the document's name clusters
(:func:`quotes.resolution.entities.cluster_entities`); ``a statement from the Chinese Foreign
Ministry`` names its possessor; ``China and Russia`` name their group. A proper noun the NER
missed (or a headline's ``Sanders:`` the tagger took for a noun) is the name the document
writes elsewhere that it is part of (a person's first or last name, an organization's acronym or
first word), else a name of its own, so later pronouns can find it.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from quotes.resolution.context import ResolutionContext
from quotes.resolution.entities import Entity
from quotes.resolution.name_forms import on_headline
from quotes.resolution.org_names import spells_out
from quotes.resolution.phrases import possessor
from quotes.resolution.roles import country_of, roles_for_name
from quotes.text.titles import is_title


def name_entity(ctx: ResolutionContext, a: int, b: int) -> Optional[Entity]:
    """The entity a name inside the mention refers to; None for no name."""
    root = ctx.root(a, b)
    if root.lower_ in ctx.lex.statement_nouns and not is_title(root):
        inner = possessor(root, a, b)
        if inner is not None:
            root = inner
    if root.i in ctx.by_token:
        e = ctx.by_token[root.i]
        return _coordinated(ctx, root, a, b) or e
    first = ctx.by_token.get(a)
    if first is not None and first.label == "PERSON" and root.i not in ctx.by_token and on_headline(ctx.doc, a):
        # "Warren Hammers Bank CEO: ...": a title-case headline glues its verb and object to the
        # subject's name; the name that opens the phrase is the speaker
        if any(s == a and e < b for s, e in first.mentions):
            return first
    if root.pos_ != "PROPN" and b - a == 1 and root.text[:1].isupper() and not root.is_upper and not is_title(root):
        # a headline's "Sanders: ..." tagged as a noun: a name the document writes elsewhere
        known = _known_name(ctx, root, a)
        if known is not None:
            return known
    surname = _surname_not_title(ctx, root, a, b)
    if surname is not None:
        return surname
    if is_title(root) or root.lower_ in ctx.lex.org_heads or root.pos_ not in ("PROPN",):
        # a description ("the Chinese diplomat") may still carry a person's name
        names = [ctx.by_token[i] for i in range(a, b) if i in ctx.by_token]
        people = [e for e in names if e.label == "PERSON"]
        people = [e for e in people if not _in_complement(ctx, root, e)]
        if people and is_title(root) and root.tag_ not in ("NNS", "NNPS") and root.i < max(i for i in range(a, b) if i in ctx.by_token):
            return people[-1]
        return None
    # a proper noun the NER missed: a name the document writes elsewhere, else a name as is
    return _known_name(ctx, root, a) or _unrecognised_name(ctx, root, a, b)


def _surname_not_title(ctx: ResolutionContext, root: Token, a: int, b: int) -> Optional[Entity]:
    """``Dean, a former party chairman``: a capitalized word that is both a title or common
    noun and the surname of a person the document names in full (``Howard Dean``) is that
    person when it opens the mention bare (no article, no name after it), as names do."""
    if root.i != a or not root.text[:1].isupper() or root.is_upper or len(root.text) < 3:
        return None
    if not (is_title(root) or root.lower_ in ctx.lex.org_heads or root.lower_ in ctx.lex.person_heads):
        return None
    if root.i + 1 < len(ctx.doc) and ctx.doc[root.i + 1].pos_ == "PROPN":
        return None  # "Dean Smith", "President Obama": a title before a name
    tok = root.text.casefold()
    persons = [e for e in ctx.entities if e.label == "PERSON" and e.name and len(e.name.split()) > 1 and e.name.casefold().split()[-1] == tok]
    if len(persons) != 1:
        return None
    e = persons[0]
    others = {t for t, o in ctx.by_token.items() if o.label == "PERSON" and o is not e}
    known = {r.text for r in e.roles}
    e.roles.extend(r for r in roles_for_name(ctx.doc, a, a + 1, others) if r.text not in known)  # its appositive
    return e


def _known_name(ctx: ResolutionContext, root: Token, a: int) -> Optional[Entity]:
    """The entity a proper noun the NER missed stands for: a person whose first or last name
    it is (the nearest before, else the first); an organization whose acronym it is
    (``CNS``); the one organization whose name it starts (``Peabody`` of ``Peabody Energy``)."""
    tok = root.text.casefold()
    persons = [
        e for e in ctx.entities if e.label == "PERSON" and e.name and tok in (e.name.casefold().split()[0], e.name.casefold().split()[-1])
    ]
    if persons:
        before = [ev for ev in ctx.events if ev.entity in persons and ev.pos < a]
        return before[-1].entity if before else persons[0]
    orgs = [e for e in ctx.entities if e.label == "ORG" and e.name]
    spelt = [e for e in orgs if spells_out(root.text, e.name or "")]
    if len(spelt) == 1:
        return spelt[0]
    starts = [e for e in orgs if len((e.name or "").split()) > 1 and (e.name or "").casefold().split()[0] == tok]
    return starts[0] if len(starts) == 1 else None


def _unrecognised_name(ctx: ResolutionContext, root: Token, a: int, b: int) -> Optional[Entity]:
    """A speaker the NER missed (``Trump wrote``): its proper-noun run becomes a name.

    It is taken for a person (the common case for a quote's subject) unless the words say
    organization or place; its other occurrences join it, so pronouns can find it.
    """
    lo = root.i
    while lo - 1 >= a and ctx.doc[lo - 1].pos_ == "PROPN" and ctx.doc[lo - 1].i not in ctx.by_token:
        lo -= 1
    while lo < root.i and (is_title(ctx.doc[lo]) or ctx.doc[lo].lower_ in ctx.lex.honorifics):
        lo += 1
    words = [t.text for t in ctx.doc[lo : root.i + 1]]
    if not words or not words[-1][:1].isupper():
        return None
    name = " ".join(words)
    low = name.casefold()
    if country_of(low):
        label = "GPE"
    elif low in ctx.lex.org_names or any(w.casefold() in ctx.lex.org_heads for w in words):
        label = "ORG"
    else:
        label = "PERSON"
    e = ctx.new_entity(label, "unknown", name)
    n = len(words)
    for i in range(len(ctx.doc) - n + 1):
        if all(ctx.doc[i + j].text == words[j] for j in range(n)) and i not in ctx.by_token:
            e.mentions.append((i, i + n))
            for j in range(i, i + n):
                ctx.by_token[j] = e
            ctx.add_event(i, e, salient=ctx.is_main_subject(ctx.doc[i + n - 1]))
            if label == "PERSON":
                others = {t for t, o in ctx.by_token.items() if o.label == "PERSON" and o is not e}
                e.roles.extend(roles_for_name(ctx.doc, i, i + n, others))
    return e


def _coordinated(ctx: ResolutionContext, root: Token, a: int, b: int) -> Optional[Entity]:
    """``China and Russia said``: a group named by its members."""
    # Token.conjuncts follows the chain: "Smith, Brown and Jones" hangs Jones on Brown
    members = [root] + [c for c in root.conjuncts if a <= c.i < b and c.i != root.i]
    if len(members) < 2:
        return None
    names: list[str] = []
    seen: list[Entity] = []
    for m in members:
        e = ctx.by_token.get(m.i)
        if e is None or not e.name:
            return None
        if any(e is s for s in seen):
            continue  # "JPMorgan Chase & Co.", "Procter & Gamble": one name, parsed as two
        seen.append(e)
        names.append(e.name)
    if len(seen) < 2:
        return None
    return ctx.new_entity("GROUP", "group", " and ".join(names))



def _in_complement(ctx: ResolutionContext, root: Token, e: Entity) -> bool:
    """Whether every mention of ``e`` under ``root`` hangs in a prepositional complement
    (``advisers to Mr. Obama``): such a name is not the speaker's own."""
    under = [i for a, b in e.mentions for i in range(a, b) if ctx.doc[i].head.i != ctx.doc[i].i and root.i in {x.i for x in ctx.doc[i].ancestors}]
    if not under:
        return False
    for i in under:
        t = ctx.doc[i]
        path = []
        while t.i != root.i:
            path.append(t.dep_)
            t = t.head
        if "pobj" not in path and "prep" not in path:
            return False
    return True
