"""Description mentions: ``the diplomat``, ``the ministry``, ``Beijing's ambassador to Moscow``.

A definite description names the most recent entity whose stated role (or, for organizations,
name) fits it; with no fitting entity before it, the first one after it (a headline or lead that
names the speaker only later); failing that, the quote speaker nearest before or, for a headline,
the first person after who speaks or is a main-clause subject and whose roles do not contradict
it. An indefinite description (``a senior official``) introduces a new, unnamed speaker; ``the
American side`` is its country; a plural (``officials``, ``both sides``) is an unnamed group.
A description resolved to a person adds its wording to that person's roles; a party or rank
its roles contradict rules a person out. ``the network`` names the organization the text
calls a network (``Al Jazeera, the satellite network``).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from quotes.resolution.context import PRONOUN_WINDOW, ResolutionContext
from quotes.resolution.entities import Entity
from quotes.resolution.phrases import np_bounds, possessor
from quotes.resolution.places import place_description
from quotes.resolution.relational import possessor_entity, possessor_token, relational_holder
from quotes.resolution.roles import (
    RoleSignature,
    content_words,
    country_name,
    country_of,
    entity_accepts,
    role_from_description,
    title_words,
)
from quotes.text.titles import is_title

_INDEFINITE = {"a", "an", "one", "another", "some", "several", "many", "two", "three"}
#: Sentences (a headline and the first one or two) that make up a lead.
_LEAD_SENTENCES = 2
#: Ranks under a title: a vice president or deputy minister holds another office.
_RANKS = frozenset({"vice", "deputy", "assistant", "associate", "acting"})
#: Party words of US politics: ``the Democratic nominee`` is not the Republican one.
_PARTIES = {
    "democratic": "democratic", "democrat": "democratic", "democrats": "democratic", "dnc": "democratic",
    "republican": "republican", "republicans": "republican", "gop": "republican", "rnc": "republican",
}  # fmt: skip


def _parties(text: str) -> frozenset[str]:
    """The parties a role or description names (``Democratic presidential nominee``)."""
    return frozenset(_PARTIES[w] for w in text.casefold().replace("’", "'").replace("'s", " ").split() if w in _PARTIES)


def rank_conflicts(text: str, sig: RoleSignature, e: Entity) -> bool:
    """Whether every role of the entity with the description's title has another rank
    (``the presidential nominee`` is not the ``vice presidential nominee``)."""
    ranks = frozenset(text.casefold().split()) & _RANKS
    same_title = [r for r in e.roles if title_words(r.text) & sig.titles]
    return bool(same_title) and all(frozenset(r.text.casefold().split()) & _RANKS != ranks for r in same_title)


def party_conflicts(parties: frozenset[str], e: Entity) -> bool:
    """Whether an entity's stated roles put it in a party other than the description's."""
    stated = frozenset().union(*(_parties(r.text) for r in e.roles)) if e.roles else frozenset()
    return bool(parties and stated and not parties & stated)


def describe(ctx: ResolutionContext, a: int, b: int) -> tuple[Optional[Entity], str]:
    """The entity a description ``doc[a:b]`` refers to (None for an unnamed speaker) and the
    speaker type its head noun says: organization, person, group or unknown."""
    doc = ctx.doc
    root = ctx.root(a, b)
    if root.lower_ in ctx.lex.statement_nouns and not is_title(root):
        inner = possessor(root, a, b)
        if inner is not None:
            a, b = np_bounds(inner, a, b)
            root = inner
    while a < b and doc[a].lower_ in ("'s", "’s"):
        a += 1
    lead = a + (doc[a].lower_ in ("the", "a", "an"))
    if lead + 2 < b and root.i > lead + 1 and doc[lead + 1].lower_ == "of" and is_title(doc[lead]):
        root = doc[lead]  # a headline's "Member of House panel", parsed as a kind of panel
    first = doc[a].lower_
    indefinite = first in _INDEFINITE
    conj = [c for c in root.children if c.dep_ == "conj" and a <= c.i < b]
    if first == "the" and len(conj) == 1 and _one_holder(root, conj[0]):
        root, conj = conj[0], []  # "the former first lady and senator": one person, two roles
    plural = root.tag_ in ("NNS", "NNPS") or bool(conj)
    text_low = " ".join(t.lower_ for t in doc[a:b] if t.lower_ not in ("the", "a", "an"))
    head = root.lemma_.lower()
    if not plural and (head in ctx.lex.org_heads or root.lower_ in ctx.lex.org_heads or text_low in ctx.lex.org_names):
        return _org_description(ctx, a, b, root, indefinite), "organization"
    if root.lower_ == "side" and not plural and not indefinite:
        # "the American side", "the Chinese side": the country's government
        countries = {c for c in (country_of(t.text) for t in doc[a:b] if t.i != root.i) if c}
        if len(countries) == 1:
            return _country(ctx, countries.pop()), "organization"
    if plural or root.lower_ in ctx.lex.group_heads or first in ("both", "all"):
        return None, "group"
    if is_title(root):
        return _person_description(ctx, a, b, root, indefinite), "person"
    if root.lower_ in ctx.lex.person_heads:
        return None, "person"
    if first == "the" and b == a + 2 and root.is_lower:
        place = place_description(ctx, a, root.lower_)  # "the state", "the country"
        if place is not None:
            return place, "organization"
    if first in ("the", "its") and root.tag_ == "NN" and not any(t.ent_type_ for t in doc[a:b]):
        typed = _typed_org(ctx, a, b, root)  # "the network" (not an organization head of the lexicon)
        if typed is not None:
            return typed, "organization"  # "a person familiar with the matter", "the woman": a person, unnamed
    return None, "unknown"


def _past(role: str, description: str) -> bool:
    """A former office rules nothing out: the former secretary of state is now a senator, and
    the former senator may now be a secretary."""
    return "former" in role.casefold().split() or "former" in description.casefold().split()


def _one_holder(root: Token, conj: Token) -> bool:
    """``the president and chief executive``: singular nouns under one article, the second a
    title with no article of its own, name one person who holds both."""
    if root.tag_ != "NN" or conj.tag_ != "NN" or not is_title(conj):
        return False
    return not any(c.dep_ in ("det", "poss") for c in conj.children)


def _country(ctx: ResolutionContext, code: str) -> Entity:
    """The place entity of a country, named by its usual full name."""
    name = country_name(code)
    for e in ctx.entities:
        if e.label == "GPE" and e.name and e.name.casefold() == name.casefold():
            return e
    e = ctx.new_entity("GPE", "organization", name)
    e.country = code
    return e


def _org_description(ctx: ResolutionContext, a: int, b: int, root: Token, indefinite: bool) -> Optional[Entity]:
    """``the ministry``: the nearest organization whose name has the head and modifiers (before,
    else after); a definite one marked by a country or a name is named by its description."""
    doc = ctx.doc
    head = root.lower_.replace("defense", "defence")
    countries = {c for c in (country_of(t.text) for t in doc[a:b]) if c}
    mods = [
        w.replace("defense", "defence")
        for t in doc[a:b]
        if t.i != root.i
        and not country_of(t.text)
        and t.lower_ not in ("the", "a", "an", "'s", "’s", "its", "their", "his", "her")
        and not t.is_punct
        for w in [t.lower_]
    ]

    def fits(e: Entity) -> bool:
        if e.label not in ("ORG",) or not e.name:
            return False
        words = [w.replace("defense", "defence") for w in content_words(e.name)]
        if not any(w.startswith(head[:5]) for w in words):
            return False
        if any(not any(w.startswith(m[:5]) for w in words) for m in mods):
            return False
        return not (countries and e.country and e.country not in countries)

    if not indefinite:
        before = [ev for ev in ctx.events if ev.pos < a and fits(ev.entity)]
        if before:
            return before[-1].entity
        after = [ev for ev in ctx.events if ev.pos >= b and fits(ev.entity)]
        if after:
            return after[0].entity
        if not countries and not any(t.ent_type_ for t in doc[a:b]):
            typed = _typed_org(ctx, a, b, root) or _kind_org(ctx, a, b, root)
            if typed is not None:
                return typed
    text = doc[a:b].text
    named = not any(t.pos_ == "ADP" for t in doc[a:b]) and (
        bool(countries) or any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in doc[a:b])
    )
    if named and not indefinite:
        # a definite organization marked by a country or a name ("the Chinese defence
        # ministry") is named by its description; "the team in Anchorage" is not
        name = text.split(" ", 1)[1] if doc[a].lower_ in ("the", "a", "an") else text
        e = ctx.new_entity("ORG", "organization", name)
        e.country = next(iter(countries)) if len(countries) == 1 else None
        e.mentions.append((a, b))
        return e
    return None


def _typed_org(ctx: ResolutionContext, a: int, b: int, root: Token) -> Optional[Entity]:
    """``the network``: the nearest organization (before, else after) the text calls a network."""
    kind = root.lemma_.lower()
    typed = [ev for ev in ctx.events if ev.entity.label == "ORG" and kind in org_types(ctx, ev.entity)]
    before = [ev for ev in typed if ev.pos < a]
    after = [ev for ev in typed if ev.pos >= b]
    return before[-1].entity if before else (after[0].entity if after else None)


#: Generic heads of a bare ``the union``, ``the bank`` and the name words that say an
#: organization is of that kind (``United Mine Workers``, ``Association of Flight Attendants``).
#: A brand name with no such word (``Wells Fargo``, ``Apple``) may be a bank or company too.
_KIND_WORDS: dict[str, frozenset[str]] = {
    "union": frozenset({"union", "unions", "association", "federation", "workers", "brotherhood", "guild", "teamsters"}),
    "bank": frozenset({"bank", "bancorp", "bankshares", "banco"}),
    "company": frozenset({"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "company", "corporation", "llc"}),
    "firm": frozenset({"inc", "inc.", "corp", "corp.", "llc", "llp", "partners", "associates", "firm"}),
}
_BRANDS = frozenset({"bank", "company", "firm"})
#: Kinds of organization a brand may be called that make it no bank or company of its own.
_MEDIA = frozenset({"network", "channel", "broadcaster", "newspaper", "paper", "website", "site", "station", "magazine"})


def _kind_org(ctx: ResolutionContext, a: int, b: int, root: Token) -> Optional[Entity]:
    """``the union`` after the article named ``United Mine Workers of America``: the one
    organization (before the description, else the first after) whose name says that kind;
    for a bank or company also a bare brand name named before it. With several, the one mentioned most before
    the description, then the latest; none when that does not single one out."""
    kind = root.lemma_.lower()
    words = _KIND_WORDS.get(kind)
    if words is None or b - a != 2:
        return None
    other_heads = ctx.lex.org_heads - {kind}

    def fits(e: Entity, brands: bool = True) -> bool:
        if e.label != "ORG" or not e.name:
            return False
        name = set(e.name.casefold().replace(",", " ").split())
        if name & words:
            return True
        if not brands:
            return False
        if kind not in _BRANDS or name & other_heads or e.name.casefold() in ctx.lex.org_names:
            return False
        # a brand the text calls a network is no bank ("Wells Fargo scandal" calls it nothing)
        return not (org_types(ctx, e) - {kind}) & (other_heads | _MEDIA)

    before = [ev for ev in ctx.events if ev.pos < a and fits(ev.entity)]
    if not before:
        # only a name that says its kind is taken from after the description
        return next((ev.entity for ev in ctx.events if ev.pos >= b and fits(ev.entity, brands=False)), None)
    counts: dict[int, int] = {}
    last: dict[int, int] = {}
    for ev in before:
        counts[id(ev.entity)] = counts.get(id(ev.entity), 0) + 1
        last[id(ev.entity)] = ev.pos
    ranked = sorted({id(ev.entity): ev.entity for ev in before}.values(), key=lambda e: (counts[id(e)], last[id(e)]), reverse=True)
    if len(ranked) > 1 and counts[id(ranked[0])] == counts[id(ranked[1])] and kind in _BRANDS:
        return None  # two brands named as often: no telling which is "the company"
    return ranked[0]


def _cataphor(ctx: ResolutionContext, a: int, b: int, free) -> Optional[Entity]:
    """A lead's ``A former party chairman says ...`` is the person the next sentences introduce:
    the first one named there, first mentioned after the description, who speaks or is a
    main-clause subject, is introduced with a role, an appositive or a relative clause (``Don
    Fowler, who helmed the party``), and whose stated roles do not rule the description out."""
    last = ctx.sent_of[a] + 2
    for ev in ctx.events:
        if ev.pos < b or not ev.salient:
            continue
        if ctx.sent_of[ev.pos] > last:
            break
        e = ev.entity
        if e.label == "PERSON" and e.mentions and e.mentions[0][0] >= b and free(e) and ctx.introduced(e):
            return e
    return None


def org_types(ctx: ResolutionContext, e: Entity) -> frozenset[str]:
    """The common nouns the text calls an organization by: an appositive (``Russia Today, the
    satellite network``), a noun it modifies (``the RT America television network``), a
    predicate (``RT America is a network``)."""
    cached = ctx.org_types.get(e.key)
    if cached is not None:
        return cached
    nouns: set[str] = set()
    for a, b in e.mentions:
        root = ctx.root(a, b)
        near = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ in ("appos", "compound") and not a <= root.head.i < b:
            near.append(root.head)
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
            near.extend(c for c in root.head.children if c.dep_ == "attr")
        nouns.update(t.lemma_.lower() for t in near if t.tag_ in ("NN", "NNS") and not t.ent_type_)
    ctx.org_types[e.key] = frozenset(nouns)
    return ctx.org_types[e.key]


def _person_description(ctx: ResolutionContext, a: int, b: int, root: Token, indefinite: bool) -> Optional[Entity]:
    """``the diplomat``: the nearest person whose roles fit (before, else after), else a nearby
    speaker or later subject whose roles do not contradict it, else a new unnamed person. The
    description's role is added to the person found."""
    role = role_from_description(ctx.doc, a, b)
    sig = RoleSignature.of(role.text if role else ctx.doc[a:b].text)
    text = ctx.doc[a:b].text
    parties = _parties(text)

    poss = possessor_token(root, a, b)
    owner = possessor_entity(ctx, poss) if poss is not None and not indefinite else None
    if owner is not None and owner.label == "PERSON":
        holder = relational_holder(ctx, owner, sig, a, b)  # "his attorney": the one who is his
        if holder is not None:
            holder.mentions.append((a, b))
            if role is not None and role.text not in {r.text for r in holder.roles}:
                holder.roles.append(role)  # "Pagliano's lawyer" states the holder's role
            return holder

    def conflicts(e: Entity) -> bool:
        return e is owner or party_conflicts(parties, e) or rank_conflicts(text, sig, e)

    # entities are asked once each, not once per event: a long document has thousands
    memo: dict[tuple[str, int], bool] = {}

    def fits(e: Entity) -> bool:
        key = ("fits", id(e))
        if key not in memo:
            person = e.label == "PERSON" or (e.label == "DESC" and e.kind == "person")
            memo[key] = person and entity_accepts(sig, e.roles) and not conflicts(e)
        return memo[key]

    def free(e: Entity) -> bool:
        key = ("free", id(e))
        if key not in memo:
            conflict = conflicts(e) or any(sig.conflicts(RoleSignature.of(r.text)) for r in e.roles if not _past(r.text, text))
            memo[key] = e.label == "PERSON" and not conflict
        return memo[key]

    # events are kept in text order: the nearest before is the last, the nearest after the first
    found: Optional[Entity] = None
    if not indefinite:
        sent = ctx.sent_of[a]
        before = next((ev for ev in reversed(ctx.events) if ev.pos < a and fits(ev.entity)), None)
        after = next((ev for ev in ctx.events if ev.pos >= b and fits(ev.entity)), None)
        prev = next(
            (
                ev
                for ev in reversed(ctx.events)
                if ev.pos < a and ev.salient and free(ev.entity) and ctx.is_speaker(ev)
                and ctx.sent_of[ev.pos] >= sent - PRONOUN_WINDOW
            ),
            None,
        )
        if before is not None:
            found = before.entity
        elif after is not None and (prev is None or sent <= _LEAD_SENTENCES):
            found = after.entity  # a lead naming its subject later; in the body, the speaker at hand first
        elif prev is not None:
            found = prev.entity
        else:
            # a headline or lead naming its speaker only later: the next person
            # who speaks or is a main-clause subject, unless their roles rule it out
            later = next((ev for ev in ctx.events if ev.pos >= b and ev.salient and free(ev.entity)), None)
            if later is not None:
                found = later.entity
    elif ctx.sent_of[a] <= _LEAD_SENTENCES:
        found = _cataphor(ctx, a, b, free)
    if found is None:
        found = ctx.new_entity("DESC", "person")
    found.mentions.append((a, b))
    if role is not None:
        found.roles.append(role)
    return found

