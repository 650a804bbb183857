"""What makes a noun phrase a role: its head names a kind of person.

Roles in news are open-class (``talk-show host``, ``child psychologist``, ``Democratic
pollster``, ``spokesman for the hotel chain``), so besides the title lexicon a role's head may
be any person noun of ``quotes/data/person_nouns.txt``: the lemmas of WordNet 3.0's hyponyms of
``person.n.01``, derived by ``scripts/derive_person_nouns.py``. A phrase whose head is neither
(``the production company``, ``the debate``) is no role, whatever title words modify it.

The head of an English noun phrase is its last noun before its post-modifiers (a preposition,
a comma, a conjunction, a relative pronoun): ``senior associate for education organizing at
...`` -> ``associate``; ``RT host and former MSNBC personality`` -> ``host``.

A superlative partitive names its kind by its plural noun (``one of the most famous
interviewers``); a possessive that refers back is read from the noun's earlier mention (``the
campaign's`` after ``the Clinton campaign``); and a role inside quotation marks is the quoted
speaker's wording, not the document's (:func:`inside_quotes`).
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Doc, Token

from quotes.text.titles import _norm, is_title, title_lexicon

#: Words that end a noun phrase's pre-head part: what follows modifies the head.
_POSTMODIFIER_WORDS = {"of", "for", "at", "in", "with", "to", "from", "on", "and", "or", "who", "whose", "which", "that", "--", "—", "–", ",", ";", ":", "("}
_POSSESSIVE = {"'s", "’s", "'", "’"}


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """The bundled person-noun lexicon (lower-cased lemmas, multiword ones with spaces)."""
    text = resources.files("quotes").joinpath("data/person_nouns.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_person_word(word: str) -> bool:
    """``pollster``, ``talk-show host``, ``co-host`` (by the last word or hyphen part),
    case-insensitive."""
    w = _norm(word).strip(".")
    nouns = person_nouns()
    if w in nouns:
        return True
    last = w.replace("-", " ").split()[-1] if w.strip("- ") else ""
    return last != w and last in nouns


def is_person_noun(token: Token) -> bool:
    """A noun token naming a kind of person (by its text or its lemma: ``voters``)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return is_person_word(token.text) or is_person_word(token.lemma_)


def is_role_head(token: Token) -> bool:
    """Whether a phrase headed by ``token`` can be a role: a title or a person noun."""
    if is_title(token) or is_person_noun(token):
        return True
    i = token.i
    if i > 0 and token.pos_ in ("NOUN", "PROPN"):
        # multiword lemmas: "press secretary", "vice president"
        pair = f"{token.doc[i - 1].lower_} {token.lower_}"
        pair_lemma = f"{token.doc[i - 1].lower_} {token.lemma_.lower()}"
        return pair in person_nouns() or pair_lemma in person_nouns()
    return False


def role_head(doc: Doc, a: int, b: int) -> Optional[Token]:
    """The head noun of the phrase ``doc[a:b]``: its last word before a post-modifier.

    Possessive markers and hyphens are skipped (``Clinton campaign's press secretary``);
    ``None`` when the phrase starts with a post-modifier.
    """
    head: Optional[Token] = None
    for i in range(a, b):
        t = doc[i]
        if i > a and (t.lower_ in _POSTMODIFIER_WORDS or t.tag_ in ("IN", "CC", "WP", "WDT")):
            if head is not None:
                break
        if t.text in _POSSESSIVE or t.text == "-" or t.is_space or t.is_punct:
            continue
        head = t
    return head


#: Leading words that are no part of a role: determiners and possessive pronouns.
_DETERMINER_TAGS = {"DT", "PDT", "PRP$", "WDT", "WP$"}


def is_leading_determiner(token: Token) -> bool:
    """``the``, ``a``, ``another``, ``this``, ``his``, ``their`` (a possessive name stays)."""
    return token.tag_ in _DETERMINER_TAGS or token.lower_ in ("a", "an", "the", "another")


def possessor_named_before(doc: Doc, a: int) -> Optional[str]:
    """A possessive that refers back, resolved: ``the campaign's press secretary`` after ``the
    Clinton campaign`` -> ``Clinton`` (to go before it). ``None`` unless ``doc[a]`` is a common
    noun with ``the`` and ``'s``, and the document named that noun earlier with a proper-noun
    modifier (the most recent such mention)."""
    t = doc[a]
    if a == 0 or doc[a - 1].lower_ != "the" or t.tag_ != "NN" or a + 1 >= len(doc) or doc[a + 1].text not in _POSSESSIVE:
        return None
    for j in range(a - 2, -1, -1):
        prev = doc[j]
        if prev.lemma_.lower() != t.lemma_.lower() or prev.tag_ != "NN":
            continue
        mods = [c for c in prev.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if mods:
            first = min(m.left_edge.i for m in mods)
            return doc[first : prev.i].text
    return None


_OPENING = {"“", "‘‘", "``"}
_CLOSING = {"”", "’’"}
_STRAIGHT = {'"', "''"}


def inside_quotes(doc: Doc, i: int) -> bool:
    """Whether token ``i`` lies inside quotation marks opened earlier in its paragraph."""
    opens = straight = 0
    j = i - 1
    while j >= 0 and not _breaks_line(doc[j]):
        t = doc[j].text
        opens += (t in _OPENING) - (t in _CLOSING)
        straight += t in _STRAIGHT
        j -= 1
    return opens > 0 or straight % 2 == 1


def partitive_head(doc: Doc, head: Optional[Token], b: int) -> Optional[Token]:
    """``one of the most famous interviewers``: the kind named is the partitive's noun (the
    role keeps ``one of``, as the document states it)."""
    if head is None or head.lower_ != "one" or head.i + 2 >= b or doc[head.i + 1].lower_ != "of":
        return head
    noun = next((c for c in doc[head.i + 1].children if c.dep_ == "pobj" and c.i < b), None)
    return noun if noun is not None and noun.tag_ in ("NNS", "NNPS") else None


def _breaks_line(token: Token) -> bool:
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


_CLAUSE_STOPS = {",", ";", "(", ")", "—", "–", "--", ".", ":"}


def job_clause_end(doc: Doc, noun: Token, b: int) -> Optional[int]:
    """End of a restrictive relative clause that describes the role noun's job, or ``None``.

    ``a former official who runs Crosscut Strategies``, ``a professor who teaches law``: the
    clause follows the noun with no comma (restrictive), its subject is ``who``/``that``, and its
    verb is a present-tense verb of holding a position (``position_verbs`` of the title lexicon),
    and it follows the noun itself: it completes a bare role noun (``an adviser to the family
    who oversees ...`` is complete without it),
    so the clause says which official the speaker is. Other clauses (``who said``, ``who was
    there``) describe an event, not the role, and are left out.
    """
    for c in noun.rights:
        if c.dep_ != "relcl" or c.left_edge.i != b or c.tag_ not in ("VBZ", "VBP"):
            continue
        if c.lemma_.lower() not in title_lexicon().position_verbs:
            return None
        # a role with a complement is complete already, and a clause after the complement may
        # be the complement's ("an official with the Board that oversees them")
        if b != noun.i + 1 or not any(g.lower_ in ("who", "that") and g.dep_.startswith("nsubj") for g in c.children):
            return None
        end = c.right_edge.i + 1
        for j in range(b, end):
            if doc[j].text in _CLAUSE_STOPS or _breaks_line(doc[j]) or doc[j].text in _OPENING | _CLOSING | _STRAIGHT:
                return j if j > c.i + 1 else None
        return end
    return None


def closing_quote(doc: Doc, a: int, b: int) -> str:
    """The quotation mark that closes a quoted name left open in ``doc[a:b]``, or ``""``.

    ``host on the TV show "Shark Tank."``: the role's phrase ends before the period, and the
    mark after it closes the show's name, which the role keeps whole.
    """
    opens = sum(doc[i].text in _OPENING for i in range(a, b)) - sum(doc[i].text in _CLOSING for i in range(a, b))
    straight = sum(doc[i].text in _STRAIGHT for i in range(a, b))
    if opens <= 0 and straight % 2 == 0:
        return ""
    for j in range(b, min(b + 2, len(doc))):
        t = doc[j].text
        if (opens > 0 and t in _CLOSING) or (straight % 2 == 1 and t in _STRAIGHT):
            return t
        if t not in (".", ",") or _breaks_line(doc[j]):
            break
    return ""


def quoted_tokens(doc: Doc, a: int, b: int) -> set[int]:
    """Tokens of ``doc[a:b]`` inside quotation marks opened within it: a quoted name (``host of
    "Meet the Press"``), whose verbs head no clause of the role."""
    out: set[int] = set()
    inside = False
    for i in range(a, b):
        t = doc[i].text
        if t in _OPENING or (t in _STRAIGHT and not inside):
            inside = True
        elif t in _CLOSING or t in _STRAIGHT:
            inside = False
        elif inside:
            out.add(i)
    return out


def titled_possessors(doc: Doc, a: int, b: int) -> list[tuple[int, int, str]]:
    """Possessives of a bare title in ``doc[a:b]`` that refer back, with the name they mean.

    ``one of the president's closest aides`` after ``President Obama`` -> (the characters of
    ``the president``, ``Obama``): the role says whose aide as the document named him. The name
    is the one the same title last stood before (``President Barack Obama`` -> ``Barack
    Obama``); a title never written before a name is left as it is. Each item is (start
    character, end character, name).
    """
    out: list[tuple[int, int, str]] = []
    for i in range(a, b - 1):
        t = doc[i]
        if i == 0 or doc[i - 1].lower_ != "the" or doc[i + 1].text not in _POSSESSIVE or not t.is_lower or not is_title(t):
            continue
        name = _titled_name_before(doc, i)
        if name:
            first = doc[i - 1] if i - 1 >= a else t
            out.append((first.idx, t.idx + len(t), name))
    return out


def _titled_name_before(doc: Doc, i: int) -> Optional[str]:
    """The name after the last capitalised ``President``/``Governor`` ... before token ``i``."""
    lemma = doc[i].lemma_.lower()
    for j in range(i - 2, -1, -1):
        p = doc[j]
        if p.lemma_.lower() != lemma or not p.text[:1].isupper() or p.dep_ != "compound" or p.head.i <= j:
            continue
        if p.head.ent_type_ == "PERSON" and all(doc[k].ent_type_ == "PERSON" for k in range(j + 1, p.head.i + 1)):
            return doc[j + 1 : p.head.i + 1].text
    return None


def apposed_to_name(doc: Doc, start: int, end: int) -> int:
    """Where the role starts in a phrase that opens with a capitalised name and its comma
    (``Dean, a former chairman``: the parser missed the name, and what follows is that
    person's appositive); ``start`` for any other phrase."""
    i = start
    while i < end and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
        i += 1
    return i + 1 if start < i < end - 1 and doc[i].text == "," and doc[i + 1].lower_ in ("the", "a", "an") else start


#: Agent nouns that name companies as readily as people (``a maker of chips``).
_CORPORATE_AGENTS = frozenset(
    "maker producer provider manufacturer supplier operator owner developer publisher distributor "
    "retailer lender insurer carrier broadcaster seller buyer builder exporter importer".split()
)
_NAME_SUFFIXES = frozenset({"jr.", "sr.", "ii", "iii", "iv"})


def apposed_person_noun(doc: Doc, a: int, b: int, first_names: Container[str]) -> bool:
    """Whether a name the NER called an organization is a person's, by its appositive:
    ``Vann R. Newkirk II, a writer for The Atlantic``, ``Jean-Marc Ayrault, the foreign
    minister of France``. The appositive must be headed by a title or a person noun that names
    no company too, and the name must look like a person's (a known
    given name first, a middle initial, or a suffix such as ``Jr.`` or ``II``)."""
    if not (2 <= b - a <= 4) or b + 2 >= len(doc) or doc[b].text != "," or doc[b + 1].lower_ not in ("a", "an", "the"):
        return False
    words = [t.text for t in doc[a:b]]
    personal = words[0].lower() in first_names or any(
        (len(w) == 2 and w[0].isupper() and w[1] == ".") or w.lower() in _NAME_SUFFIXES for w in words[1:]
    )
    heads = [c for i in range(a, b) for c in doc[i].rights if c.dep_ == "appos" and c.i > b]
    if not personal:
        # a hyphenated given name ("Jean-Marc Ayrault") with an office for appositive
        hyphenated = b - a == 4 and words[1] == "-" and all(w[:1].isupper() for w in words[::2] + words[3:])
        return hyphenated and any(is_title(h) for h in heads)
    return any(is_role_head(h) and h.lower_ not in _CORPORATE_AGENTS for h in heads)
