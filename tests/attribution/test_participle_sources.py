"""Speech participles whose parse head is not the speaker (quotes.attribution.mentions).

A participle hung on an event noun (``at a news conference announcing``) or on a relative
clause that already says something (``a contractor who said ..., saying``) takes the
subject of the clause that holds the event or the relative clause.
"""

from __future__ import annotations


def test_a_participle_on_the_event_takes_who_spoke_there(quotes_of):
    text = (
        '"We will keep pushing until the rules change," she said at a press conference '
        "announcing that the city would sue the state over the new law."
    )
    assert quotes_of(text)[1] == ("the city would sue the state over the new law", "announcing", "she")


def test_a_participle_after_a_relative_speech_clause_is_the_main_subjects(quotes_of):
    text = 'The mayor brushed off a reporter who said the budget was late, saying, "We will publish it next week."'
    assert quotes_of(text) == [
        ("the budget was late", "said", "a reporter"),
        ("We will publish it next week.", "saying", "The mayor"),
    ]


def test_a_statement_participle_still_speaks_for_the_statement(quotes_of):
    text = "The ministry issued a statement on Monday saying that the talks would resume in May."
    assert quotes_of(text)[0][2] == "The ministry"


def test_a_pronoun_of_the_quotation_hung_on_the_inverted_cue_is_not_its_subject(quotes_of):
    # the parse makes "it" of the quotation a second subject of "said"
    text = (
        '"If it does not have the capacity to hit its neighbors yet, it will at some point, probably sooner '
        'rather than later," said Maria Lopez, a physicist who is co-director of the Arms Control Program '
        'at the Hudson Institute for Peace.'
    )
    [(content, cue, mention)] = quotes_of(text)
    assert content.startswith("If it does not have") and cue == "said" and mention.startswith("Maria Lopez")


def test_each_turn_of_a_transcript_set_as_one_quotation_takes_its_label(quotes_of):
    text = (
        "Part of the interview follows:\n\n"
        '"HOST: Senator, your plan would raise taxes on small businesses. Why should they back you?\n\n'
        '"MORENO: Because the plan cuts the rate for every firm under fifty workers, and we pay for it.\n\n'
        '"HOST: We have to leave it there, thank you for joining us this morning."'
    )
    assert [(cue, mention) for _, cue, mention in quotes_of(text)] == [(":", "HOST"), (":", "MORENO"), (":", "HOST")]
    assert quotes_of(text)[1][0].startswith("Because the plan cuts")


def test_a_clip_of_someone_saying_is_that_someones_speech(quotes_of):
    text = 'The video ends with a clip of Smith saying at a rally, "We will win this state."'
    assert quotes_of(text) == [("We will win this state.", "saying", "Smith")]


def test_a_participle_hung_inside_the_reported_words_keeps_the_reporter(quotes_of):
    text = (
        '"That is simply wrong," Garcia said, going on to say that the state has spent "decades fighting '
        "against this and all that stuff, to have that fight again, young voters do not want to see that. "
        'They are way beyond that."'
    )
    assert [(cue, mention) for _, cue, mention in quotes_of(text)] == [("said", "Garcia"), ("to say", "Garcia")]


def test_a_subject_inside_an_earlier_quotation_is_not_the_source(quotes_of):
    text = (
        "Mr. Smith hardly settled the matter, treating the senator's jab first as praise -- ''That makes me "
        "careful'' -- and, when pressed after the hearing, asserting, ''Of course, I pay my bills.''"
    )
    found = {content: mention for content, _, mention in quotes_of(text)}
    assert found["Of course, I pay my bills."] == "Mr. Smith"


def test_an_infinitive_after_an_indirect_object_is_what_that_object_says(quotes_of):
    text = "The network offered her the chance to explain that the deal was legal."
    assert quotes_of(text) == [("the deal was legal", "to explain", "her")]
