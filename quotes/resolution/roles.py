"""Roles: the positions and titles a document gives its speakers.

News rarely names a speaker without saying who they are, and it says it in a handful of
fixed shapes, all of which are read here from the spaCy parse plus a title lexicon
(``quotes/data/titles.json``):

* a title before the name: ``Russian Foreign Minister Sergey Lavrov``,
  ``China's Foreign Ministry spokesman Hua Chunying``, ``US Secretary of State Antony Blinken``;
* an appositive after it: ``Andrey Denisov, the Russian ambassador in Beijing,``;
  or the name as the appositive of a title: ``the President of Russia, Vladimir Putin``;
* a relative or copular clause: ``Peskov, who is the Kremlin spokesman,``, ``Zhang is ...``;
* a description that coreference later links to the person: ``the country's ambassador to
  Moscow has said`` (added by :mod:`quotes.resolution.coref` through :func:`role_from_description`).

A role is kept as the document writes it, without the name and without a leading article
(the contract's examples carry none), and an entity's output role is the most specific
one found anywhere in the document (:func:`best_role`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Token

from quotes.resolution.role_extent import (
    breaks_line,
    describing_clause_end,
    phrase_bounds,
    predicate_bounds,
    verbless_phrase_end,
)
from quotes.resolution.role_phrases import (
    apposed_to_name,
    closing_quote,
    inside_quotes,
    is_leading_determiner,
    is_person_noun,
    is_role_head,
    job_clause_end,
    partitive_head,
    possessor_named_before,
    quoted_tokens,
    role_head,
    titled_possessors,
)
from quotes.resolution.role_titles import (
    cut_trailing_abbreviation,
    listed_plural_title,
    plural_title_before,
    title_words,
)
from quotes.text.titles import TitleLexicon, _norm, is_title, is_title_word, title_lexicon  # noqa: F401

#: Where a role was read from; earlier sources are more reliable (used to break ties).
ROLE_SOURCES = ("premodifier", "appositive", "relative", "copula", "description")

_POSSESSIVE = {"'s", "’s", "'", "’"}
_CONNECTORS = {"of", "for", "to", "in", "at", "on", "and", "&", "-", "the"}
_ARTICLES = {"the", "a", "an"}
_NON_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NAME_MODIFIER_DEPS = {"compound", "poss", "nmod", "case", "pobj"}
_STOP = {"the", "a", "an", "of", "for", "to", "in", "at", "on", "and", "&", "-", "'s", "’s", "'", "’"}


@dataclass(frozen=True)
class RoleMention:
    """One statement of a person's role: the text as output, and where it was read.

    ``text`` can differ from ``source_text[start:end]`` when a cataphoric possessive was
    made explicit (``the country's ambassador`` -> ``China's ambassador``).
    """

    text: str
    start: int
    end: int
    source: str = "premodifier"
    current: bool = True  # False when a past-tense clause states it ("served as director")
    quoted: bool = False  # stated inside someone's quoted words, not by the document itself

    @property
    def titles(self) -> frozenset[str]:
        return title_words(self.text)

    @property
    def specificity(self) -> tuple[int, int, int, int, int, int, int]:
        """Sort key: the document's own words (not a quoted speaker's), a current role (not one a
        past-tense clause states), a position (not party membership: ``Senator`` over ``Republican
        of Illinois``, which qualifies it), more content words up to three (past that, a longer
        role is no more specific: the introduction, ``a lawyer at Bailey & Glasser``, is the
        role a later ``the lawyer for the state's environmental agency`` restates), a specific
        (not generic) title, a reliable source, earlier."""
        lex = title_lexicon()
        words = content_words(self.text)
        specific = int(any(t not in lex.generic_titles for t in self.titles))
        member = _norm(self.text).split(" of ")[0].split(" from ")[0].split()[-1:] in (["republican"], ["democrat"])
        return (int(not self.quoted), int(self.current), int(not member), min(len(words), 3), specific, -ROLE_SOURCES.index(self.source), -self.start)


# --------------------------------------------------------------------------- word tests


def content_words(text: str) -> list[str]:
    return [w for w in _norm(text).replace("'s", " ").split() if w not in _STOP and w.strip(",.;:-")]


def country_name(code: str) -> str:
    """Display name of a normalised country (``us`` -> ``United States``)."""
    return title_lexicon().country_names.get(code) or code.title()


def country_of(text: str) -> Optional[str]:
    """Normalised country a word or name points at (``Chinese``, ``Beijing``, ``China's`` -> china)."""
    key = _norm(text).strip().removesuffix("'s").removesuffix("'").strip()
    if key.startswith("the "):
        key = key[4:]
    return title_lexicon().countries.get(key)


# --------------------------------------------------------------------------- extraction


def span_head(doc: Doc, a: int, b: int) -> Token:
    """The syntactic head of ``doc[a:b]``: its first token whose head lies outside."""
    for i in range(a, b):
        t = doc[i]
        if not (a <= t.head.i < b) or t.head.i == i:
            return t
    return doc[b - 1]


def _span_text(doc: Doc, a: int, b: int) -> str:
    return doc[a:b].text  # spaCy keeps the text exactly; Doc.text would rebuild it all


def _clean_bounds(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop leading determiners, possessive pronouns and connectors, and trailing
    punctuation and connectors, from [a, b) (``his longtime aide`` -> ``longtime aide``)."""
    while a < b and (
        doc[a].lower_ in _CONNECTORS
        or is_leading_determiner(doc[a])
        or doc[a].text in _POSSESSIVE
        or doc[a].is_punct
        or doc[a].is_space
        or _leading_non_role(doc[a])
    ):
        a += 1
    while b > a and (
        doc[b - 1].lower_ in _CONNECTORS or doc[b - 1].text in _POSSESSIVE or doc[b - 1].is_punct or doc[b - 1].is_space
    ):
        b -= 1
    return a, b


def _leading_non_role(token: Token) -> bool:
    """A focusing adverb (``even a credible candidate``) or a count (``three economists``)
    in front of a role, or ``one`` picking one of a kind (``one party official``); ``then``,
    ``newly`` and the like stay (role modifiers)."""
    if token.tag_ == "RB" and token.lower_ not in title_lexicon().modifiers and token.dep_ == "advmod":
        return True
    return token.dep_ == "nummod" and (token.head.tag_ in ("NNS", "NNPS") or token.lower_ == "one")


def _make(doc: Doc, a: int, b: int, source: str) -> Optional[RoleMention]:
    a, b = _clean_bounds(doc, a, b)
    if a >= b:
        return None
    lex = title_lexicon()
    if b - a == 1 and source == "premodifier" and lex.honorifics.get(_norm(doc[a].text), "") is None:
        # an honorific of standing is a title ("the Rev. Al Sharpton", "Dr."); a courtesy one
        # (Mr., Ms., Sir: those with a gender) is no role
        return RoleMention(doc[a].text, doc[a].idx, doc[a].idx + len(doc[a]), source, quoted=inside_quotes(doc, a))
    # the phrase's head must name a kind of person: a title or a person noun
    head = partitive_head(doc, role_head(doc, a, b), b)
    if head is None or not is_role_head(head):
        return None
    if source in ("relative", "copula") and not is_title(head) and head.i == b - 1:
        # a predicate noun alone often judges rather than describes ("Trump is a liar", "is
        # merely a small fry"); an open-class predicate is a role with its complement only
        # ("is a law professor at Georgetown")
        return None
    # a role never contains a clause: a verb inside means the bounds ran past the phrase
    quoted = quoted_tokens(doc, a, b)  # a quoted name's verbs are the name's ("Meet the Press")
    if any(_clause_verb(doc[i]) and not (is_title(doc[i]) or doc[i].lower_ in lex.modifiers or i in quoted) for i in range(a, b)):
        return None
    # honorifics belong to names: "Both Mr. King and Mr. Schultz" gives Schultz no role
    # (a lower-case one is a common noun: "a law professor at Georgetown", "director of X and a
    # professor at Y")
    if any(_norm(doc[i].text) in lex.honorifics and not doc[i].is_lower for i in range(a, b)):
        return None
    text = _span_text(doc, a, b) + closing_quote(doc, a, b)
    if "\n" in text:
        return None
    # the role is a label, not a span: odd spaces (no-break, doubled) become one space
    end = doc[b - 1].idx + len(doc[b - 1])
    for s, e, name in reversed(titled_possessors(doc, a, b)):  # "the president's" -> "Obama's"
        text = text[: max(0, s - doc[a].idx)] + name + text[e - doc[a].idx :]
    owner = possessor_named_before(doc, a)
    if owner:
        text = owner + " " + text
    return RoleMention(" ".join(text.split()), doc[a].idx, end, source, quoted=inside_quotes(doc, a))


#: Dependencies of a participle that modifies a noun rather than heading a clause
#: (``Miami-based``, ``education organizing``).
_NOMINAL_VERB_DEPS = {"amod", "compound", "pcomp", "pobj", "nmod"}


def _clause_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.tag_ not in ("VBG", "VBN"):
        return True
    # a participle modifying a noun inside a complement: "for education organizing at ..."
    return not (token.dep_ in _NOMINAL_VERB_DEPS or (token.dep_ == "acl" and token.head.dep_ == "pobj"))


def _premodifier(doc: Doc, start: int, blocked: set[int]) -> Optional[RoleMention]:
    """Title words left of the name, in the same line and noun phrase.

    Scans left over capitalised words, title nouns, known role modifiers, possessive
    markers and the connectors of complements (``Secretary of State``, ``ambassador to
    Moscow``, ``director of the Office of ...``); stops at anything else.
    """
    lex = title_lexicon()
    if start <= 0:
        return None
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    i = start - 1
    while i >= sent_start:
        t = doc[i]
        if breaks_line(t):
            break
        if i in blocked and not _modifying_name(doc, i, start, blocked):
            break
        low = _norm(t.text)
        if t.text in _POSSESSIVE or low in _CONNECTORS or t.is_space:
            pass  # a space token is a non-breaking space between words
        elif is_title(t) or low in lex.modifiers:
            pass
        elif is_person_noun(t) and t.dep_ in ("compound", "nmod", "amod", "appos") and t.head.i > i:
            pass  # an open-class role noun: "longtime Democratic pollster Pat Caddell"
        elif _first_conjunct(doc, i, start):
            pass  # "the actress and activist Kamala Lopez", "president and CEO John Smith"
        elif t.dep_ == "nummod" and t.head.tag_ in ("NN", "NNP") and start - 1 >= t.head.i > i and t.lower_ != "one":
            pass  # a number on a singular noun names, not counts: "9/11 widow", "2016 nominee"
        elif t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") and t.ent_type_ not in _NON_NAME_ENTS:
            pass
        elif (
            t.pos_ in ("NOUN", "ADJ", "PROPN")
            and t.dep_ in ("compound", "amod", "nmod")
            and start - 1 >= t.head.i > i
        ):
            pass  # lower-case modifier of a word already in the phrase ("press secretary")
        else:
            break
        i -= 1
    a = i + 1
    # a place or object in front of the phrase is not part of it ("In Beijing Foreign Minister ...")
    while a < start and doc[a].dep_ in ("pobj", "dobj", "npadvmod") and not (start > doc[a].head.i >= a):
        a += 1
    a, b = _clean_bounds(doc, a, cut_trailing_abbreviation(doc, a, start))
    if a >= b:
        return None
    return _make(doc, a, b, "premodifier")


def _first_conjunct(doc: Doc, i: int, start: int) -> bool:
    """A singular role noun joined by ``and`` to the role noun after it, in front of a name."""
    t = doc[i]
    if t.tag_ not in ("NN", "NNP") or not is_role_head(t) or i + 2 >= start or doc[i + 1].lower_ not in ("and", "&"):
        return False
    after = doc[i + 2]
    return is_role_head(after) or after.lower_ in title_lexicon().modifiers


def _modifying_name(doc: Doc, i: int, start: int, blocked: set[int]) -> bool:
    """Another name inside a premodifier chain, modifying a role noun after it:
    ``longtime Clinton aide Huma Abedin``, ``Clinton's campaign manager Robby Mook``."""
    t = doc[i]
    j = i
    while j + 1 < start and j + 1 in blocked and doc[j].head.i == j + 1:
        j += 1  # to the last word of a multiword name ("Hillary Clinton's")
    t = doc[j]
    if t.dep_ not in ("compound", "poss", "nmod"):
        return False
    head = t.head
    return j < head.i < start and head.i not in blocked and (is_role_head(head) or head.pos_ == "NOUN")


def _appositive(doc: Doc, start: int, end: int, blocked: set[int]) -> list[RoleMention]:
    """``Name, the Russian ambassador in Beijing,`` and ``the President of Russia, Name``."""
    out: list[RoleMention] = []
    name = set(range(start, end))
    # the appositive's head noun ends its phrase, often well past the name:
    # "Kenneth Baer, a former Obama administration official who runs ..."
    appositives = sorted({c.i for i in name for c in doc[i].rights if c.dep_ == "appos" and c.i >= end})
    for i in appositives:
        t = doc[i]
        if t.dep_ == "appos" and t.head.i in name:
            a, b = phrase_bounds(t)
            # another name may modify the title ("an Obama administration official", "Putin's
            # spokesman") but not be the phrase or a conjunct of it
            if not any(j in blocked and doc[j].dep_ not in _NAME_MODIFIER_DEPS for j in range(a, b)):
                r = _make(doc, max(a, end), b, "appositive")
                if r:
                    out.append(_with_job_clause(doc, t, b, r))
    head = span_head(doc, start, end)
    while head.dep_ == "conj" and head.head.i < start and head.head.pos_ == "PROPN":
        head = head.head  # "two Vermont developers, Ann Lee and Tom Reed": Reed's too
    # the parser may make the first name a conjunct of the plural noun, after its comma
    listed = head.dep_ == "conj" and head.head.tag_ == "NNS" and head.left_edge.i > 0 and doc[head.left_edge.i - 1].text == ","
    if (head.dep_ == "appos" or listed) and head.head.i < start and is_role_head(head.head):
        a, b = phrase_bounds(head.head)
        b = min(b, start)
        if not any(j in blocked for j in range(a, b)):
            r = _make(doc, a, b, "appositive")
            if r:
                out.append(r)
    if (
        not out
        and start >= 2
        and doc[start - 1].text == ","
        and (end >= len(doc) or doc[end].text in (",", ".", ";", ")"))
    ):
        # "the President of Russia, Vladimir Putin," when the parser hangs the name elsewhere
        r = _premodifier(doc, start - 1, blocked)
        if r and doc[start - 1].idx - r.end <= 1:
            first = doc.char_span(r.start, r.end, alignment_mode="expand")
            if first is not None and first.start > 0 and doc[first.start - 1].lower_ == "the":
                out.append(RoleMention(r.text, r.start, r.end, "appositive"))
    if not out and end + 1 < len(doc) and doc[end].text == ",":
        # the parser often misses appositives: read a verbless phrase up to the next comma
        j = end + 1
        if doc[j].like_num and j + 1 < len(doc) and doc[j + 1].text == ",":
            j += 2  # "Name, 64, a former diplomat,"
        k = verbless_phrase_end(doc, j, blocked)
        if k is not None and (doc[j].lower_ in _ARTICLES or doc[j].tag_ == "PRP$" or doc[j].ent_type_ in ("GPE", "NORP")):
            r = _make(doc, j, k, "appositive")
            if r:
                out.append(r)
    return out


def _with_job_clause(doc: Doc, noun: Token, b: int, r: RoleMention) -> RoleMention:
    """The role with the restrictive clause that says which job it is (``who runs X``)."""
    k = job_clause_end(doc, noun, b) or describing_clause_end(doc, noun, b)
    if k is None:
        return r
    return replace(r, text=" ".join(f"{r.text} {doc[b:k].text}".split()), end=doc[k - 1].idx + len(doc[k - 1]))


def _clausal(doc: Doc, start: int, end: int) -> list[RoleMention]:
    """``Name, who is the Kremlin spokesman,``; ``who serves as ...``; ``Name is China's envoy``.

    A subject shared by coordinated verbs has each verb's predicate (``Name served as
    director of X and is now president of Y``); a negated verb states no role (``Name is
    not an employee of RT``); a past-tense ``was``/``served as`` states a former one. A
    ``who`` clause on the name's appositive noun is about the person too (``Name, an
    economist who is now president of X``).
    """
    out: list[RoleMention] = []
    head = span_head(doc, start, end)
    verbs: list[tuple[Token, str]] = []
    holders = [(head, ("who", "that"))]
    holders += [(c, ("who",)) for c in head.rights if c.dep_ == "appos" and c.i >= end and is_role_head(c)]
    for holder, pronouns in holders:
        for child in holder.children:
            if child.dep_ == "relcl" and any(c.lower_ in pronouns and c.dep_.startswith("nsubj") for c in child.children):
                verbs.extend((v, "relative") for v in _shared_subject_verbs(child))
    if head.dep_ in ("nsubj", "nsubjpass"):
        verbs.extend((v, "copula") for v in _shared_subject_verbs(head.head))
    for verb, source in verbs:
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
            continue
        for tok in _predicates(verb):
            a, b = predicate_bounds(tok, verb)
            r = _make(doc, a, b, source)
            if r:
                former = verb.tag_ == "VBD" and (verb.lemma_ == "be" or verb.lemma_ in _AS_VERBS)
                out.append(replace(r, current=not former))
    return out


def _shared_subject_verbs(verb: Token) -> list[Token]:
    """A verb and the verbs coordinated with it that have no subject of their own."""
    out = [verb]
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not any(g.dep_.startswith("nsubj") for g in c.children):
            out.extend(_shared_subject_verbs(c))
    return out


#: Verbs whose ``as`` phrase names a position (``serves as spokesman``).
_AS_VERBS = ("serve", "act", "work", "remain")


def _predicates(verb: Token) -> Iterable[Token]:
    """The nominal predicate of ``is X`` / ``serves as X`` / ``was named X``."""
    if verb.lemma_ not in ("be", "become") and verb.lemma_ not in _AS_VERBS and not any(c.dep_ == "oprd" for c in verb.children):
        return
    for c in verb.children:
        if c.dep_ in ("attr", "oprd"):
            yield c
        elif c.dep_ == "prep" and c.lower_ == "as" and verb.lemma_ in _AS_VERBS:
            yield from (g for g in c.children if g.dep_ == "pobj")


def roles_for_name(doc: Doc, start: int, end: int, blocked: Optional[set[int]] = None) -> list[RoleMention]:
    """Every role stated around one name mention ``doc[start:end]`` (title-free name tokens).

    ``blocked`` are tokens of other names, which a role phrase may not run into
    (``Yang Jiechi and Foreign Minister Wang Yi``).
    """
    if not (0 <= start < end <= len(doc)):
        return []
    blocked = set(blocked or ()) - set(range(start, end))
    out: list[RoleMention] = []
    name_head = span_head(doc, start, end)
    # a name modifying a noun after it ("an adviser at the Clinton campaign") has no title of
    # its own in front: the words there are the phrase's
    modifier = doc.has_annotation("DEP") and name_head.dep_ == "compound" and name_head.head.i >= end
    pre = None if modifier else _premodifier(doc, start, blocked)
    if pre:
        out.append(pre)
    listed = None if pre else (plural_title_before(doc, start) or listed_plural_title(doc, start, end))
    if listed:  # "Sens. Ann Lee and Tom Reed": each is a "Sen."
        out.append(RoleMention(listed[0], listed[1], listed[2], "premodifier", quoted=inside_quotes(doc, start)))
    if doc.has_annotation("DEP"):
        out.extend(_appositive(doc, start, end, blocked))
        out.extend(_clausal(doc, start, end))
    return out


def role_from_description(doc: Doc, start: int, end: int) -> Optional[RoleMention]:
    """A description that names a position (``Beijing's ambassador to Moscow``) as a role.

    A cataphoric possessive (``the country's ambassador``) is made explicit with the first
    country named in the sentence (or the one before) when there is one.
    """
    if not (0 <= start < end <= len(doc)):
        return None
    # "Dean, a former party chairman": the parse missed the name; the role is its appositive
    start = apposed_to_name(doc, start, end)
    r = _make(doc, start, end, "description")
    if r is None:
        return None
    low = _norm(r.text)
    for phrase in ("country's ", "nation's "):
        if low.startswith(phrase):
            gpe = _sentence_country(doc, start, end)
            if gpe:
                apostrophe = r.text[len(phrase) - 3]
                r = RoleMention(f"{gpe}{apostrophe}s {r.text[len(phrase):]}", r.start, r.end, r.source)
            break
    return r


def _sentence_country(doc: Doc, start: int, end: int) -> Optional[str]:
    if not doc.has_annotation("SENT_START"):
        return None
    sent = doc[start].sent
    sents = [sent]
    if sent.start > 0:
        sents.append(doc[sent.start - 1].sent)
    for s in sents:
        for ent in s.ents:
            if ent.label_ == "GPE" and not (start <= ent.start < end):
                text = ent.text.removeprefix("the ").removeprefix("The ")
                return text.removesuffix("'s").removesuffix("’s")
    return None


# --------------------------------------------------------------------------- choice and matching


def best_role(roles: Iterable[RoleMention]) -> Optional[str]:
    """The most specific role: most content words, then a specific title, then the earliest."""
    roles = list(roles)
    if not roles:
        return None
    return max(roles, key=lambda r: r.specificity).text


@dataclass(frozen=True)
class RoleSignature:
    """What a role says, for matching descriptions: title nouns, nationality, destination.

    ``Russian ambassador in Beijing`` -> ({ambassador}, {russia}, {china}).
    """

    titles: frozenset[str]
    nationality: frozenset[str]
    destination: frozenset[str]
    party: frozenset[str] = frozenset()  # a US party the role names ("Democratic nominee")

    @classmethod
    def of(cls, text: str) -> "RoleSignature":
        return _signature(title_lexicon(), text)

    @classmethod
    def _read(cls, text: str) -> "RoleSignature":
        words = text.replace("’", "'").split()
        titles = title_words(text)
        nat: set[str] = set()
        dest: set[str] = set()
        seen_title = False
        for i, w in enumerate(words):
            w = w.strip(",.;:()")
            if is_title_word(w.removesuffix("'s")) or (w.endswith("s") and is_title_word(w[:-1])):
                seen_title = True
            pair = f"{w} {words[i + 1]}" if i + 1 < len(words) else ""
            c = country_of(pair) if pair and country_of(pair) else country_of(w)
            if c:
                (dest if seen_title else nat).add(c)
        party = {_PARTIES[w.strip(",.;:()").removesuffix("'s")] for w in _norm(text).split() if w.strip(",.;:()").removesuffix("'s") in _PARTIES}
        return cls(titles, frozenset(nat), frozenset(dest), frozenset(party))

    def accepts(self, other: "RoleSignature") -> bool:
        """Whether a description with this signature can name a holder of ``other``."""
        lex = title_lexicon()
        if self.titles:
            wanted: set[str] = set()
            for t in self.titles:
                wanted |= lex.title_classes.get(t, {t})
            if "*" not in wanted and not (wanted & other.titles):
                return False
        if self.nationality and other.nationality and not (self.nationality & other.nationality):
            return False
        if self.destination and other.destination and not (self.destination & other.destination):
            return False
        if self.party and other.party and not (self.party & other.party):
            return False
        return True

    def conflicts(self, other: "RoleSignature") -> bool:
        """A named role that rules the description out (a president is not 'the ambassador')."""
        return bool(other.titles) and not self.accepts(other)


#: US party words: a role naming one cannot describe a holder of the other's.
_PARTIES = {"democratic": "democratic", "democrat": "democratic", "democrats": "democratic", "dem": "democratic",
            "republican": "republican", "republicans": "republican", "gop": "republican"}


@lru_cache(maxsize=4096)
def _signature(lexicon: TitleLexicon, text: str) -> RoleSignature:
    """Signatures are read once per text and lexicon (``lexicon`` is the one in force; it
    keys the cache, so a pipeline with its own title lexicon gets its own answers)."""
    return RoleSignature._read(text)


def entity_accepts(desc: RoleSignature, roles: Iterable[RoleMention]) -> bool:
    """Whether an entity's roles fit a description (``the diplomat`` ~ ``Foreign Minister``).

    One role must fit the description's title, and the nationality stated by any role
    must agree (``Foreign Minister`` plus ``Chinese Foreign Minister`` is not ``the
    Russian diplomat``).
    """
    lex = title_lexicon()
    wanted: set[str] = set()
    for t in desc.titles:
        wanted |= lex.title_classes.get(t, {t})
    sigs = [(r, RoleSignature.of(r.text)) for r in roles]
    nationality = {c for _, sig in sigs for c in sig.nationality}
    if desc.nationality and nationality and not (desc.nationality & nationality):
        return False
    party = {p for _, sig in sigs for p in sig.party}
    if desc.party and party and not (desc.party & party):
        return False  # "the Democratic nominee" is not the one whose roles say Republican
    for r, sig in sigs:
        if desc.accepts(sig):
            return True
        if wanted and (wanted & set(content_words(r.text))):
            # a class word inside the role text: "Foreign Affairs" director for "the diplomat"
            narrowed = RoleSignature(frozenset(), desc.nationality, desc.destination, desc.party)
            if narrowed.accepts(sig):
                return True
    return False
