"""Descriptions that name a person the article introduced with that role, extracted end to end."""

from __future__ import annotations

from quotes.resolution.context import ResolutionContext
from quotes.resolution.names import name_entity


def _speakers(extractor, text: str) -> dict[str, str]:
    """Each quote's mention text -> its speaker."""
    return {q.mention.text: q.speaker for q in extractor.extract_text(text) if q.mention is not None}


def test_the_state_congressman_is_the_representative_introduced_before(extractor):
    text = (
        "Rep. Maria Delgado, the senior Republican on the House Budget Committee, criticized the plan on Tuesday, "
        "a proposal the Texas congressman said would \u201cdrive the deficit even higher\u201d within five years.\n\n"
        "\u201cWe cannot keep borrowing like this,\u201d Delgado told reporters."
    )
    speakers = _speakers(extractor, text)
    assert speakers.get("the Texas congressman") == "Maria Delgado", speakers


def test_a_headline_member_of_a_panel_is_the_lawmaker_the_story_introduces(extractor):
    text = (
        "Senator warns of budget gap;\nMember of Senate panel says deficit will keep growing.\n\n"
        "Sen. Paul Whitaker, who sits on the Senate Finance Committee, said on Monday that the deficit would grow. "
        "\u201cThe numbers do not add up,\u201d Whitaker said."
    )
    speakers = _speakers(extractor, text)
    assert speakers.get("Member of Senate panel") == "Paul Whitaker", speakers


def test_the_state_is_the_state_just_named(extractor):
    text = (
        "Critics point to the 2012 primary in Arizona, when the state said that about 9,000 voters had moved away "
        "and removed them from the rolls."
    )
    speakers = _speakers(extractor, text)
    assert speakers.get("the state") == "Arizona", speakers


def test_the_state_stays_unnamed_between_two_states_named_far_before(extractor):
    text = (
        "Officials in Ohio and Michigan have changed their voting rules. Turnout rose in both places. "
        "Advocates welcomed the change. Lawyers were less sure. Some courts may disagree. Appeals are likely. "
        "The state said that the new rules would stand."
    )
    speakers = _speakers(extractor, text)
    assert "The state" in speakers and speakers["The state"] is None, speakers


def _context(nlp, text: str, names: list[tuple[str, str]]) -> ResolutionContext:
    """A resolution context whose NER found exactly ``names`` (text, label): the small model's
    misses vary with the sentence, so the tests fix what it missed."""
    doc = nlp(text)
    spans = []
    for name, label in names:
        i = text.index(name)
        spans.append(doc.char_span(i, i + len(name), label=label))
    doc.ents = spans
    return ResolutionContext(doc, [])


def test_a_headline_name_tagged_as_a_noun_is_the_person_the_body_names(nlp):
    text = (
        "Booker: Democrats have to 'show up' in rural areas.\n\n"
        "Cory Booker told voters in Iowa on Saturday that the party had lost touch."
    )
    ctx = _context(nlp, text, [("Cory Booker", "PERSON")])
    ctx.doc[0].pos_ = "NOUN"  # as the tagger reads a name before a headline's colon
    e = name_entity(ctx, 0, 1)
    assert e is not None and e.name == "Cory Booker"


def test_the_first_word_of_a_company_name_is_the_company(nlp):
    text = "Analysts expect Peabody Energy to recover. Peabody said it would keep its mines open."
    ctx = _context(nlp, text, [("Peabody Energy", "ORG")])
    i = next(t.i for t in ctx.doc if t.text == "Peabody" and t.nbor().text == "said")
    e = name_entity(ctx, i, i + 1)
    assert e is not None and e.name == "Peabody Energy"


def test_a_headline_subject_glued_to_its_verb_and_object_is_the_name_that_opens_it(extractor):
    text = (
        "Nancy Pelosi Grills Equifax CEO: \u2018You Have Failed Your Customers.\u2019\n\n"
        "House Democratic leader Nancy Pelosi questioned Equifax CEO Richard Smith on Tuesday about the breach."
    )
    quotes = extractor.extract_text(text)
    head = [q for q in quotes if q.mention is not None and q.mention.text.startswith("Nancy Pelosi")]
    assert head and head[0].speaker == "Nancy Pelosi", [(q.mention, q.speaker) for q in quotes]
