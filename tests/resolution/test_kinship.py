"""A relative introduced by kinship does not take the bare surname from the principal."""

from __future__ import annotations

from quotes.resolution.entities import cluster_entities
from quotes.resolution.kinship import kin_introduced


def test_appositive_kinship_marks_the_relative(nlp):
    doc = nlp("Chelsea Moreno, the senator's youngest daughter, spoke at the rally on Friday.")
    assert kin_introduced(doc, 0, 2)


def test_a_job_appositive_is_no_kinship(nlp):
    doc = nlp("Chelsea Moreno, the senator's chief of staff, spoke at the rally on Friday.")
    assert not kin_introduced(doc, 0, 2)


def test_bare_surname_goes_to_the_principal_not_the_daughter(nlp):
    text = (
        "Robert Moreno unveiled his tax plan on Monday.\n\n"
        "Chelsea Moreno, the senator's youngest daughter, helped write it. Chelsea Moreno told "
        "reporters the plan was fair, and Chelsea Moreno defended it again on Tuesday.\n\n"
        "Moreno said the plan would pass the Senate by spring."
    )
    doc = nlp(text)
    last = text.rindex("Moreno said")
    holder = next(e for e in cluster_entities(doc) if any(doc[s].idx == last for s, _ in e.mentions))
    assert holder.name == "Robert Moreno"


def test_the_possessor_of_the_kinship_states_the_principal_role(nlp):
    text = (
        "Robert Moreno unveiled his tax plan on Monday.\n\n"
        "Chelsea Moreno, the Democratic Senate candidate's youngest daughter, helped write it.\n\n"
        "Moreno said the plan would pass by spring."
    )
    robert = next(e for e in cluster_entities(nlp(text)) if e.name == "Robert Moreno")
    assert robert.role == "Democratic Senate candidate"


def test_a_named_possessor_states_no_role(nlp):
    text = (
        "Robert Moreno unveiled his tax plan on Monday.\n\n"
        "Chelsea Moreno, Robert Moreno's youngest daughter, helped write it."
    )
    robert = next(e for e in cluster_entities(nlp(text)) if e.name == "Robert Moreno")
    assert robert.role is None


def test_a_description_of_the_candidate_fits_the_nominee(extractor):
    text = (
        "“We will cut taxes,” Robert Moreno, the Republican nominee, said on Monday. His rival, "
        "Ann Sato, the Democratic mayor of the city, disagreed.\n\n"
        "“It will pay for itself,” the GOP candidate said."
    )
    quotes = extractor.extract_text(text)
    assert [q.speaker for q in quotes] == ["Robert Moreno", "Robert Moreno"]
