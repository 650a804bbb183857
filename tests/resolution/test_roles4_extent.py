"""Role extent: coordinated appositives, City-State pairs, clauses on the appositive noun,
hyphenated predicates, and a leading ``one``."""

from __future__ import annotations

import pytest

from quotes.resolution.entities import cluster_entities
from quotes.resolution.role_extent import place_pair_end


def role_of(nlp, text: str, name: str):
    doc = nlp(text)
    return next(e.role for e in cluster_entities(doc) if e.name == name)


@pytest.mark.parametrize(
    "text, name, role",
    [
        # a lower-case honorific word is a common noun in the second conjunct
        (
            "“The numbers add up,” said Martha Q. Lindqvist, director of the nonpartisan Fiscal Policy Institute and a professor at the Wharton School of the University of Pennsylvania, on Monday.",
            "Martha Q. Lindqvist",
            "director of the nonpartisan Fiscal Policy Institute and a professor at the Wharton School of the University of Pennsylvania",
        ),
        # a City, State pair is one place: its comma does not end the role
        (
            "The advice comes from Gregory Hallam, a tax accountant in Dayton, Ohio.",
            "Gregory Hallam",
            "tax accountant in Dayton, Ohio",
        ),
        (
            "“Nobody reads the fine print,” said Paula Reyes, an insurance broker in Fresno, Calif., who has seen premiums double.",
            "Paula Reyes",
            "insurance broker in Fresno, Calif.",
        ),
        # a who-clause on the appositive noun states the position; the current one wins
        (
            "“It will not pass,” said Henry Osei, an economist who served as director of the State Budget Office and is now president of the Civic Ledger Foundation.",
            "Henry Osei",
            "president of the Civic Ledger Foundation",
        ),
        # a hyphenated predicate split by the parser, and the complement hung on the copula
        (
            "“They are close,” said Irene Vasquez, a chemist who is co-director of the Arms Control Project at the Hudson Center for Security Studies.",
            "Irene Vasquez",
            "co-director of the Arms Control Project at the Hudson Center for Security Studies",
        ),
        # a restrictive who-clause after a bare role noun says which lawyer the person is
        (
            "“It cannot last,” said Ruth Adler, a Denver lawyer who has been involved in several water-rights cases.",
            "Ruth Adler",
            "Denver lawyer who has been involved in several water-rights cases",
        ),
        # after a complement the role is complete
        (
            "“It cannot last,” said Ruth Adler, a fellow at the Atlantic Policy Council who ran the European Space Agency.",
            "Ruth Adler",
            "fellow at the Atlantic Policy Council",
        ),
        # a served-as role keeps the complements the parser hangs on the verb
        (
            "Paul Brandt, who served as U.S. ambassador to Chile from 2010 until last year, said the talks had stalled.",
            "Paul Brandt",
            "U.S. ambassador to Chile from 2010 until last year",
        ),
        # a plural role before coordinated names is each name's
        (
            "Prosecutors charged two Ohio bankers, Carla Lutz and Dennis Moyer, with fraud; Mr. Moyer said he was innocent.",
            "Dennis Moyer",
            "Ohio bankers",
        ),
    ],
)
def test_role_extent(nlp, text, name, role):
    assert role_of(nlp, text, name) == role


def test_place_pair_needs_a_place_before_the_comma(nlp):
    doc = nlp("He is a lawyer in Dayton, Ohio. She is a lawyer, Ohio said.")
    commas = [t.i for t in doc if t.text == ","]
    assert place_pair_end(doc, commas[0]) == commas[0] + 2
    assert place_pair_end(doc, commas[1]) is None


def test_leading_one_is_dropped_but_one_of_stays(nlp):
    from quotes.resolution.roles import roles_for_name

    text = "“It is over,” said Tom Reed, one of the most respected economists in the state."
    doc = nlp(text)
    i = text.index("Tom Reed")
    span = doc.char_span(i, i + len("Tom Reed"))
    assert [r.text for r in roles_for_name(doc, span.start, span.end)] == ["one of the most respected economists in the state"]
    from quotes.resolution.roles import role_from_description

    doc = nlp("One party official in the room said the vote was close.")
    assert role_from_description(doc, 0, 6).text == "party official in the room"


def test_a_description_with_a_name_in_apposition_lends_no_one_its_role(nlp):
    from quotes.attribution.detect import Attribution
    from quotes.records import Quote, Span
    from quotes.resolution.coref import resolve

    text = (
        "“We will win this state,” said candidate Mark Olsen on Monday.\n\n"
        "After the debate, the Democratic candidate Laura Pike sharply suggested that Mr. Olsen had misled voters."
    )
    doc = nlp(text)
    content = "We will win this state"
    s = text.index(content)
    m = text.index("Mark Olsen")
    atts = [Attribution(Quote(s, s + len(content), content, mention=Span.of(text, m, m + len("Mark Olsen"))))]
    (att,) = resolve(doc, atts)
    assert att.quote.speaker == "Mark Olsen"
    assert att.quote.role == "candidate"


def test_an_event_clause_or_a_negated_one_is_no_part_of_the_role(nlp):
    from quotes.resolution.role_extent import describing_clause_end

    doc = nlp("Ruth Adler, a fellow who never ran the agency, spoke.")
    noun = next(t for t in doc if t.text == "fellow")
    assert describing_clause_end(doc, noun, noun.i + 1) is None
    doc = nlp("Ruth Adler, a fellow who is the director of the agency, spoke.")
    noun = next(t for t in doc if t.text == "fellow")
    assert describing_clause_end(doc, noun, noun.i + 1) is None


def test_a_name_modifying_a_noun_takes_no_title_from_before_it(nlp):
    from quotes.resolution.roles import roles_for_name

    text = "“It works,” said Dana Fox, a senior policy adviser at the Walsh campaign."
    doc = nlp(text)
    i = text.index("Walsh")
    span = doc.char_span(i, i + len("Walsh"))
    assert roles_for_name(doc, span.start, span.end) == []
    assert role_of(nlp, text, "Dana Fox") == "senior policy adviser at the Walsh campaign"


def test_names_listed_after_a_plural_role_share_it_under_either_parse(nlp):
    """The parser hangs the first listed name on the plural noun as its appositive or as its
    conjunct; both readings give each name the role."""
    from spacy.tokens import Doc

    from quotes.resolution.roles import roles_for_name

    text = "The mood was captured by two young voters, Maria Ortiz and Kevin Dunn, who attended a rally in Tampa."
    assert role_of(nlp, text, "Kevin Dunn") == "young voters"
    words = ["by", "two", "young", "voters", ",", "Maria", "Ortiz", "and", "Kevin", "Dunn", ",", "who", "left", "."]
    heads = [0, 3, 3, 0, 3, 6, 3, 6, 9, 6, 3, 12, 3, 0]
    deps = ["ROOT", "nummod", "amod", "pobj", "punct", "compound", "conj", "cc", "compound", "conj", "punct", "nsubj", "relcl", "punct"]
    tags = ["IN", "CD", "JJ", "NNS", ",", "NNP", "NNP", "CC", "NNP", "NNP", ",", "WP", "VBD", "."]
    pos = ["ADP", "NUM", "ADJ", "NOUN", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"]
    lemmas = ["by", "two", "young", "voter", ",", "Maria", "Ortiz", "and", "Kevin", "Dunn", ",", "who", "leave", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    for start in (5, 8):
        assert [r.text for r in roles_for_name(doc, start, start + 2, {5, 6, 8, 9})] == ["young voters"]


def test_a_titles_possessive_inside_a_role_names_its_holder(nlp):
    text = "Governor Ellen Marsh vetoed the bill on Monday. “We expected it,” said Tom Reed, one of the governor's closest aides."
    assert role_of(nlp, text, "Tom Reed") == "one of Ellen Marsh's closest aides"
    # no holder named under that title before: the words stay as written
    text = "“We expected it,” said Tom Reed, one of the governor's closest aides."
    assert role_of(nlp, text, "Tom Reed") == "one of the governor's closest aides"
