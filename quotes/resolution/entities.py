"""Named entities of a document, clustered by name, with their roles.

spaCy's small model finds most names but labels surnames erratically (``Wang`` as ORG,
``Blinken`` as GPE) and glues titles or line breaks into spans (``Defence Lloyd Austin``,
``Russian Ministry of Foreign Affairs\\n\\nHua``). So names are first cut at line breaks and
cleaned of titles, honorifics, articles and possessives, then re-labelled by what the
document says about them (a token of a full person name is a person, whatever its NER
label), and only then clustered:

* persons: full names that share first and last tokens merge; a single name token joins
  the full name whose first or last token it equals (``Zhang`` -> ``Zhang Hanhui``,
  ``Wang`` -> ``Wang Yi``), preferring the most recent full name before it, then the most
  frequent;
* organizations: same head words and a compatible country (``Russia's Ministry of Foreign
  Affairs`` = ``Russian Ministry of Foreign Affairs``); then the forms news uses for one
  organization merge (:func:`org_aliases`): a corporate designator dropped (``Apple`` =
  ``Apple Inc.``), a short name (``Goldman`` = ``Goldman Sachs``, ``the Times`` = ``The New
  York Times``), ``Department of Justice`` =
  ``Justice Department``, and an acronym of the full name (``IMF``, ``U.N.``);
* places and nationalities: by surface form, an initialism with the name it spells out
  (``U.S.``, ``United States``).

The canonical name of a cluster is its fullest proper name. Descriptions and pronouns are
linked to these clusters by :mod:`quotes.resolution.coref`, which needs the quotes to do it well.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

from quotes.resolution.kinship import kin_introduced, relative_of
from quotes.resolution.name_forms import merge_initialisms, names_ending_with, unglue_headline_names
from quotes.resolution.org_names import DESIGNATORS, find, org_aliases
from quotes.resolution.phrases import given_name_gender, one_edit_apart
from quotes.resolution.role_phrases import apposed_person_noun
from quotes.resolution.roles import RoleMention, best_role, country_of, role_from_description, roles_for_name
from quotes.text.titles import is_title, title_lexicon

NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_TRAILING = {"'s", "’s", "'", "’"}
#: Abbreviations that end a name with their own dot (``Apple Inc.``, ``Martin Luther King Jr.``).
_DOTTED_ENDINGS = frozenset({"inc", "corp", "co", "ltd", "jr", "sr", "bros"})
#: A dotted initialism at the end of a name (``U.S.``, ``D.C.``, ``U.N.``).
_INITIALISM = re.compile(r"(?:^|[^\w.])(?:[A-Za-z]\.){2,}$")


@dataclass
class Entity:
    """One referent of the document.

    ``label`` is PERSON, ORG, GPE, NORP, GROUP, or DESC for something only described
    (``a senior official``), whose ``name`` is then None. ``mentions`` are token spans
    ``[start, end)`` in document order.
    """

    key: int
    name: Optional[str]
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)  # honorifics, first names
    weak_votes: Counter = field(default_factory=Counter)  # pronouns tied to it; "spokesman"-like titles
    kind: str = "unknown"  # speaker_type of an unnamed entity (DESC/GROUP)
    country: Optional[str] = None

    @property
    def type(self) -> str:
        """The contract's speaker_type."""
        if self.label == "PERSON":
            return "person"
        if self.label in ("ORG", "GPE", "FAC"):
            return "organization"
        if self.label in ("NORP", "GROUP"):
            return "group"
        return self.kind

    @property
    def role(self) -> Optional[str]:
        return best_role(self.roles) if self.label in ("PERSON", "DESC") else None

    @property
    def gender(self) -> Optional[str]:
        """Gender from explicit evidence; weak votes only decide when there is none.

        Gendered titles are weak: "spokesman" is written for women too.
        """
        return _majority(self.gender_votes) or _majority(self.weak_votes)


def _majority(votes: Counter) -> Optional[str]:
    if not votes:
        return None
    (top, n), *rest = votes.most_common()
    return None if rest and rest[0][1] == n else top


@dataclass
class NameMention:
    start: int
    end: int
    label: str
    text: str
    gender: Optional[str] = None  # from an honorific (Mr/Ms)
    headline: bool = False  # cut out of a title-case headline span: the words around it are no title


# --------------------------------------------------------------------------- name mentions


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span at line breaks: NER happily joins a caption to the next paragraph."""
    out, a = [], start
    for i in range(start, end):
        t = doc[i]
        if t.is_space and "\n" in t.text:
            if a < i:
                out.append((a, i))
            a = i + 1
        elif "\n" in t.whitespace_ and i + 1 < end:
            out.append((a, i + 1))
            a = i + 1
        elif t.text in (",", ";") and i + 1 < end and doc[i + 1].lower_.strip(".") not in DESIGNATORS:
            # "Politico, Democratic party": two names NER joined across a comma
            if a < i:
                out.append((a, i))
            a = i + 1
    if a < end:
        out.append((a, end))
    return out


def _strip_tail(doc: Doc, a: int, b: int) -> int:
    while b > a and (doc[b - 1].text in _TRAILING or doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return b


def _text(doc: Doc, a: int, b: int) -> str:
    text = " ".join(doc[a:b].text.split())  # a name is a label: no-break spaces become spaces
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    stripped = text.strip(" \t\n,.;:'’\"“”")
    words = stripped.split()
    if words and text.endswith(words[-1] + "."):
        last = words[-1]
        if last.casefold() in _DOTTED_ENDINGS or _INITIALISM.search(last + "."):
            stripped += "."  # "Apple Inc.", "U.S.", "D.C." keep the dot of their abbreviation
    return stripped


def _person_tokens(doc: Doc, a: int, b: int) -> tuple[int, Optional[str]]:
    """Skip titles, honorifics, articles and country words in front of a person's name."""
    lex = title_lexicon()
    gender = None
    while b - a > 1:
        t = doc[a]
        low = t.lower_
        if low in lex.honorifics:
            gender = lex.honorifics[low] or gender
        elif not (
            low in ("the", "a", "an", "-", "of", "for", "'s", "’s")
            or is_title(t)
            or low in lex.modifiers
            or country_of(t.text)
        ):
            break
        a += 1
    return a, gender


_LEAD_DASHES = frozenset({"—", "–", "-", "--", "―"})


def name_mentions(doc: Doc) -> list[NameMention]:
    """Clean, re-labelled name mentions of the document (see the module docstring)."""
    lex = title_lexicon()
    # words the document writes as "The X" inside a sentence: a title that is part of the name
    titled_the = {t.nbor().text for t in doc[:-1] if t.text == "The" and not t.is_sent_start and t.nbor().pos_ == "PROPN"}
    lowered = {t.text for t in doc if t.is_lower and t.is_alpha}
    raw: list[NameMention] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for a, b in _pieces(doc, ent.start, ent.end):
            b = _strip_tail(doc, a, b)
            while a < b and (doc[a].is_space or doc[a].text in _LEAD_DASHES):
                a += 1  # "― Jane Roe" signing a quotation: the tagger takes the dash in
            while a < b and doc[a].lower_ in ("the", "a", "an") and not (b - a == 2 and doc[a + 1].text in titled_the):
                a += 1  # "The Hill", "The Economist": a one-word name keeps its "The"
            if b - a == 1 and a > 0 and doc[a - 1].text == "The" and doc[a].text in titled_the and ent.label_ == "ORG":
                a -= 1
            while b - a > 1 and ent.label_ in ("ORG", "FAC") and doc[a].is_lower and doc[a].is_alpha:
                a += 1  # "the federal Securities and Exchange Commission": the name starts at its capital
            if a >= b:
                continue
            label = ent.label_
            gender = None
            if label == "PERSON":
                a, gender = _person_tokens(doc, a, b)
                honored = a > 0 and doc[a - 1].lower_ in lex.honorifics
                if b - a == 1 and (country_of(doc[a].text) or is_title(doc[a])) and not honored:
                    continue  # "Russian" split off a caption line; "Mr. King" stays
            elif b - a == 1 and (is_title(doc[a]) or doc[a].lower_ in lex.modifiers):
                continue  # "State" of "Secretary of State", "Defense"
            elif b - a == 1 and doc[a].is_sent_start and doc[a].lower_ in lowered:
                continue  # "Bank executives aren't": a common noun capitalized by its sentence
            if a > 0 and doc[a - 1].lower_ in lex.honorifics:
                gender = lex.honorifics[doc[a - 1].lower_] or gender
                label = "PERSON"
            text = _text(doc, a, b)
            if text:
                raw.append(NameMention(a, b, label, text, gender))
    full_persons = {m.text.casefold() for m in raw if m.label == "PERSON" and m.end - m.start > 1}
    person_tokens = {w for n in full_persons for w in (n.split()[0], n.split()[-1])}
    out: list[NameMention] = []
    for m in raw:
        if m.label != "PERSON" and m.end - m.start == 1 and m.text[:1].isupper() and m.text.casefold() in person_tokens:
            m.label = "PERSON"  # "Wang" tagged ORG next to "Wang Yi"; "Trump" tagged NOUN and ORG
        elif m.label == "ORG" and apposed_person_noun(doc, m.start, m.end, lex.first_names):
            m.label = "PERSON"  # "Vann R. Newkirk II, a writer for The Atlantic"
        elif m.label != "PERSON" and all(doc[i].pos_ == "PROPN" for i in range(m.start, m.end)):
            if m.end - m.start >= 2:
                a, _ = _person_tokens(doc, m.start, m.end)
                rest = _text(doc, a, m.end)
                first = doc[a].lower_
                if a > m.start and 2 <= m.end - a <= 3 and (rest.casefold() in full_persons or first in lex.first_names):
                    m = NameMention(a, m.end, "PERSON", rest, m.gender)  # "Defence Lloyd Austin" (ORG)
        out.append(m)
    out = unglue_headline_names(doc, out, lambda m, a, b, text: NameMention(a, b, m.label, text, m.gender, headline=True))
    out = _names_in_other_spans(doc, _given_names(doc, _unglue_surnames(doc, out)))
    out.sort(key=lambda m: m.start)
    return out


def _surnames(mentions: list[NameMention]) -> dict[str, set[str]]:
    """Last word of each full person name (suffixes like ``Jr.`` set aside) -> those names."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        words = name_words(m.text)
        if m.label == "PERSON" and len(words) > 1:
            out.setdefault(words[-1], set()).add(m.text.casefold())
    return out


def _unglue_surnames(doc: Doc, mentions: list[NameMention]) -> list[NameMention]:
    """``Obama Speech`` in a title-case headline is ``Obama`` and a common noun.

    A two-word person name whose first word is the surname of another full name of the
    document, and whose second word the document also writes in lower case, is that surname
    glued to the next word; it keeps the surname only.
    """
    lex = title_lexicon()
    lower = {t.lower_ for t in doc if t.is_lower}
    surnames = _surnames(mentions)
    out = []
    for m in mentions:
        words = m.text.split()
        if m.label == "PERSON" and m.end - m.start == 2 and len(words) == 2:
            first, second = (w.casefold() for w in words)
            others = surnames.get(first, set()) - {m.text.casefold()}
            glued_to = surnames.get(second, set()) - {m.text.casefold()}
            if others and first not in lex.first_names and second in lower and not glued_to:
                m = NameMention(m.start, m.start + 1, "PERSON", words[0], m.gender)
        out.append(m)
    return out


def _given_names(doc: Doc, mentions: list[NameMention]) -> list[NameMention]:
    """``Amelize Joseph``: NER often leaves out a given name it does not know.

    News introduces a person by full name, so the first mention of a one-word person name
    that no full name of the document explains takes in a capitalized proper noun right
    before it, unless that word is a title, an honorific, a country word, part of another
    name, or itself the end of a longer proper-noun run.
    """
    lex = title_lexicon()
    surnames = _surnames(mentions)
    firsts = {name_words(m.text)[0] for m in mentions if m.label == "PERSON" and len(name_words(m.text)) > 1}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    seen: set[str] = set()
    out = []
    for m in sorted(mentions, key=lambda m: m.start):
        key = m.text.casefold()
        if m.label == "PERSON" and m.end - m.start == 1 and m.start > 0 and key not in seen | surnames.keys() | firsts:
            prev = doc[m.start - 1]
            before = doc[prev.i - 1] if prev.i > 0 else None
            if (
                prev.pos_ == "PROPN" and prev.is_title and prev.i not in covered and prev.ent_type_ in ("", "PERSON")
                and "\n" not in prev.whitespace_ and not is_title(prev) and prev.lower_ not in lex.honorifics
                and prev.lower_ not in lex.modifiers and not country_of(prev.text)
                and not (before is not None and before.pos_ == "PROPN" and before.is_title and "\n" not in before.whitespace_)
            ):
                m = NameMention(prev.i, m.end, "PERSON", f"{prev.text} {m.text}", m.gender)
        if m.label == "PERSON":
            seen.add(key)
        out.append(m)
    return out


def _names_in_other_spans(doc: Doc, mentions: list[NameMention]) -> list[NameMention]:
    """A full person name inside a span NER gave another label (``Barack Obama Election
    Day``, an event): a capitalized given name right before a known surname."""
    lex = title_lexicon()
    covered = {i for m in mentions for i in range(m.start, m.end)}
    surnames = _surnames(mentions)
    singles = {m.text.casefold() for m in mentions if m.label == "PERSON" and m.end - m.start == 1}
    found = []
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if t.i in covered or prev.i in covered or t.lower_ not in surnames.keys() | singles:
            continue
        if (
            prev.pos_ != "PROPN" or not prev.is_title or is_title(prev) or prev.lower_ in lex.honorifics
            or country_of(prev.text) or prev.ent_type_ in ("ORG", "GPE", "NORP", "FAC")
        ):
            continue
        found.append(NameMention(prev.i, t.i + 1, "PERSON", f"{prev.text} {t.text}"))
    return mentions + found


# --------------------------------------------------------------------------- clustering


def _org_key(doc: Doc, m: NameMention) -> tuple[str, Optional[str]]:
    """Head words without country words and articles, plus the country they name."""
    country = None
    words = []
    for i in range(m.start, m.end):
        t = doc[i]
        c = country_of(t.text)
        if c and not words:
            country = country or c
            continue
        if t.text in _TRAILING or t.lower_ in ("the",):
            continue
        words.append(t.lower_.replace("defense", "defence"))
    if country is None and m.start > 0:
        # "China's Foreign Ministry": NER leaves the possessor outside the span
        j = m.start - 1
        if doc[j].text in _TRAILING and j > 0:
            j -= 1
        country = country_of(doc[j].text) if doc[j].ent_type_ in ("GPE", "NORP") else None
    return " ".join(words), country


#: Generational suffixes that a short form of a name leaves out (``Joseph R. Biden Jr.``).
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def name_words(text: str) -> list[str]:
    """A person name's casefolded words without a trailing generational suffix."""
    words = text.casefold().replace(",", " ").split()
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    return words


def _cluster_persons(persons: list[NameMention], kin: frozenset[int] = frozenset()) -> list[list[NameMention]]:
    """Full names that share first and last words merge; a single word joins a full name.

    A single word that is the surname of several full names (``Cruz`` of ``Ted Cruz`` and
    ``Heidi Cruz``) goes to one whose gender fits the honorific (``Mrs. Clinton``), then to the
    one the document names most often in full or with an honorific that singles it out, and
    does not call by first name alone (news calls a relative introduced beside the principal
    ``Heidi``) nor introduces by kinship (``kin``: starts of such full names), then to the
    nearest before.
    """
    full = [m for m in persons if len(name_words(m.text)) > 1]
    forms: dict[str, list[NameMention]] = {}
    for m in full:
        forms.setdefault(" ".join(name_words(m.text)), []).append(m)
    keys = list(forms)
    parent = {i: i for i in range(len(keys))}
    for i, a in enumerate(keys):
        ta = a.split()
        for j in range(i):
            tb = keys[j].split()
            short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
            if short[0] == long_[0] and short[-1] == long_[-1]:
                parent[find(parent, i)] = find(parent, j)
    split = [k.split() for k in keys]
    given = title_lexicon().first_names
    for i, words in enumerate(split):  # "Suu Kyi" of "Aung San Suu Kyi", when it ends one name only
        if words[0] in given:  # already given name + surname: a longer form adds an epithet or title
            continue  # ("Crooked Hillary Clinton", "Miss Universe Alicia Machado")
        roots = {find(parent, j) for j in names_ending_with(words, split)}
        if len(roots) == 1:
            parent[find(parent, i)] = roots.pop()
    groups: dict[int, list[NameMention]] = {}
    for i, k in enumerate(keys):
        groups.setdefault(find(parent, i), []).extend(forms[k])
    clusters = list(groups.values())
    # first and last words of full names -> (cluster index, positions of its full names)
    by_first: dict[str, dict[int, list[int]]] = {}
    by_last: dict[str, dict[int, list[int]]] = {}
    for k, c in enumerate(clusters):
        for f in c:
            words = name_words(f.text)
            by_first.setdefault(words[0], {}).setdefault(k, []).append(f.start)
            by_last.setdefault(words[-1], {}).setdefault(k, []).append(f.start)
    genders = [_cluster_gender(c) for c in clusters]
    honored = Counter()  # surname mentions whose honorific singles out one cluster ("Mr. Obama")
    for m in persons:
        words = name_words(m.text)
        fit = [k for k in by_last.get(words[0], {}) if genders[k] == m.gender] if m.gender and len(words) == 1 else []
        if len(fit) == 1:
            honored[fit[0]] += 1
    called_by_first = {
        k for m in persons if len(name_words(m.text)) == 1
        for k in by_first.get(m.text.casefold(), {}) if m.text.casefold() not in by_last
    }
    singles: dict[str, list[NameMention]] = {}
    attach: list[tuple[int, NameMention]] = []
    for m in persons:
        if len(name_words(m.text)) > 1:
            continue
        tok = m.text.casefold()
        as_last = by_last.get(tok, {})
        candidates = {**by_first.get(tok, {}), **as_last}
        if not candidates and len(tok) >= 6:  # a misspelt surname: "McLenney" for McClenney
            near = {k: v for w, ks in by_last.items() if len(w) >= 6 and one_edit_apart(tok, w) for k, v in ks.items()}
            candidates = near if len(near) == 1 else {}
        if not candidates:
            singles.setdefault(tok, []).append(m)
            continue

        def rank(k: int) -> tuple:
            starts = candidates[k]
            before = [p for p in starts if p < m.start]
            fits = m.gender is None or genders[k] in (None, m.gender)
            principal = len(as_last[k]) + honored[k] + (k not in called_by_first) if len(as_last) > 1 and k in as_last else 0
            if principal and any(f.start in kin for f in clusters[k]):
                principal = 0  # a relative of the principal: "Ivanka Trump, the nominee's daughter"
            return (fits, principal, max(before) if before else -1, len(clusters[k]), -min(starts))

        attach.append((max(candidates, key=rank), m))
    for k, m in attach:
        clusters[k].append(m)
    return clusters + list(singles.values())


def _cluster_gender(mentions: list[NameMention]) -> Optional[str]:
    """A full-name cluster's gender from its honorifics, else its first name."""
    votes = Counter(m.gender for m in mentions if m.gender)
    if votes:
        return _majority(votes)
    names = title_lexicon().first_names
    return _majority(Counter(g for m in mentions if (g := given_name_gender(name_words(m.text), names))))


def _canonical(mentions: list[NameMention]) -> str:
    counts = Counter(m.text for m in mentions)
    first = {}
    for m in mentions:
        first.setdefault(m.text, m.start)

    def key(text: str) -> tuple[int, int, int, int]:
        return ("'s " not in text and "’s " not in text, len(text.split()), counts[text], -first[text])

    return max(counts, key=key)


def cluster_entities(doc: Doc) -> list[Entity]:
    """Named entities of ``doc`` with their mentions, roles and gender evidence.

    Cheap (one pass over the NER spans plus a role read around each person mention) and
    safe on any input: an empty or unparsed document gives an empty or partial list.
    """
    if len(doc) == 0:
        return []
    mentions = name_mentions(doc)
    groups: list[tuple[str, list[NameMention], Optional[str]]] = []  # label, mentions, ORG country
    persons = [m for m in mentions if m.label == "PERSON"]
    kin = frozenset(m.start for m in persons if len(name_words(m.text)) > 1 and kin_introduced(doc, m.start, m.end))
    groups.extend(("PERSON", c, None) for c in _cluster_persons(persons, kin))

    orgs: dict[str, list[tuple[Optional[str], list[NameMention]]]] = {}
    for m in mentions:
        if m.label not in ("ORG", "FAC"):
            continue
        core, country = _org_key(doc, m)
        if not core:
            continue
        slots = orgs.setdefault(core, [])
        slot = next((s for s in slots if s[0] == country), None)
        if slot is None and country is None and slots:
            slot = max(slots, key=lambda s: max((x.start for x in s[1] if x.start < m.start), default=-1))
        if slot is None and country is not None:
            slot = next((s for s in slots if s[0] is None), None)
            if slot is not None:
                slots.remove(slot)
                slot = (country, slot[1])
                slots.append(slot)
        if slot is None:
            slot = (country, [])
            slots.append(slot)
        slot[1].append(m)
    org_groups = [(core, country, ms) for core, slots in orgs.items() for country, ms in slots]
    groups.extend(("ORG", ms, country) for country, ms in org_aliases(org_groups))

    places: dict[tuple[str, str], list[NameMention]] = {}
    for m in mentions:
        if m.label in ("GPE", "NORP"):
            places.setdefault((m.label, m.text.casefold()), []).append(m)
    groups.extend((label, ms, None) for (label, _), ms in merge_initialisms(places).items())

    groups.sort(key=lambda g: min(m.start for m in g[1]))
    person_tokens = {i for m in persons for i in range(m.start, m.end)}
    entities: list[Entity] = []
    lex = title_lexicon()
    for key, (label, ms, org_country) in enumerate(groups):
        ms.sort(key=lambda m: m.start)
        e = Entity(key=key, name=_canonical(ms), label=label, mentions=[(m.start, m.end) for m in ms])
        if label == "ORG":
            e.country = org_country
        elif label in ("GPE", "NORP"):
            e.country = country_of(e.name or "")
        if label == "PERSON":
            for m in ms:
                if not m.headline:
                    e.roles.extend(roles_for_name(doc, m.start, m.end, person_tokens))
                if m.gender:
                    e.gender_votes[m.gender] += 2
            for r in e.roles:
                for t in r.titles:
                    if t in lex.gendered_titles:
                        e.weak_votes[lex.gendered_titles[t]] += 1
            e.gender_votes.update(g for g in [given_name_gender(name_words(e.name or ""), lex.first_names)] if g)
        entities.append(e)
    _lend_to_principals(doc, entities, [m for m in persons if m.start in kin])
    return entities


def _lend_to_principals(doc: Doc, entities: list[Entity], relatives: list[NameMention]) -> None:
    """``Ivanka Trump, the Republican nominee's daughter``: the possessor's description is the
    role of the one other person of the document who bears the relative's surname."""
    for m in relatives:
        span = relative_of(doc, m.start, m.end)
        role = role_from_description(doc, *span) if span else None
        last = name_words(m.text)[-1]
        holders = [e for e in entities if e.label == "PERSON" and not any(s == m.start for s, _ in e.mentions)
                   and name_words(e.name or "")[-1:] == [last]]
        if role is not None and len(holders) == 1:
            holders[0].roles.append(role)


def extract_roles(doc: Doc, entities: Optional[list[Entity]] = None) -> dict[int, list[RoleMention]]:
    """Roles of each named entity, keyed by :attr:`Entity.key`: the name-anchored shapes only
    (titles, appositives, clauses); :func:`quotes.resolution.coref.resolve` adds the rest."""
    if entities is None:
        entities = cluster_entities(doc)
    return {e.key: list(e.roles) for e in entities}
