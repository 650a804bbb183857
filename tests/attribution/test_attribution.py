"""The rule-based detector (quotes.attribution.detect.detect) on real news sentences.

Each case asserts the content, kind, cue and mention spans the detector gives, so a
change to a rule shows up as the sentence it breaks.
"""

from __future__ import annotations

import pytest

from quotes.attribution.cues import load_lexicon
from quotes.attribution.detect import Attribution, detect
from quotes.text.layout import Layout


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str, scheme: str = "speech") -> list[Attribution]:
        return detect(nlp(text), load_lexicon(scheme))

    return _run


def only(attrs: list[Attribution]) -> Attribution:
    assert len(attrs) == 1, [(a.quote.text, a.features["pattern"]) for a in attrs]
    return attrs[0]


def spans(a: Attribution) -> tuple:
    q = a.quote
    return (q.text, q.kind, q.cue.text if q.cue else None, q.mention.text if q.mention else None)


# ------------------------------------------------------------------ direct quotes


def test_direct_cue_after_with_addressee(run):
    text = "“We are ready to work with Russia on this,” Zhang told Interfax, a Russian news agency."
    a = only(run(text))
    assert spans(a) == ("We are ready to work with Russia on this", "direct", "told", "Zhang")
    assert text[a.quote.start : a.quote.end] == a.quote.text


def test_direct_inverted_cue_keeps_appositive_in_mention(run):
    a = only(run("“The talks were constructive and useful,” said Lavrov, Russia’s foreign minister."))
    assert spans(a) == ("The talks were constructive and useful", "direct", "said", "Lavrov, Russia’s foreign minister")


def test_direct_pronoun_speaker_short_quote(run):
    assert spans(only(run("“Rigged,” he said."))) == ("Rigged", "direct", "said", "he")


def test_quoted_slogan_with_cue_is_a_quote(run):
    assert spans(only(run("“Make America Great Again,” he said."))) == ("Make America Great Again", "direct", "said", "he")


def test_interrupted_quote_second_part_shares_cue_and_mention(run):
    text = "“It is a good deal for both sides,” he said. “We will sign it next week in Moscow.”"
    first, second = run(text)
    assert spans(first) == ("It is a good deal for both sides", "direct", "said", "he")
    assert spans(second) == ("We will sign it next week in Moscow.", "direct", "said", "he")
    assert second.quote.cue == first.quote.cue and second.inherit_from is None


def test_quote_split_by_inverted_cue(run):
    text = (
        "“We want the architecture to include integration associations,” said Lavrov, "
        "“just as we are doing together with our Chinese friends.”"
    )
    first, second = run(text)
    assert spans(first)[2:] == ("said", "Lavrov") and spans(second)[2:] == ("said", "Lavrov")
    assert second.quote.text == "just as we are doing together with our Chinese friends."


def test_colon_after_cue(run):
    a = only(run("The minister said: “We will not accept these terms.”"))
    assert spans(a) == ("We will not accept these terms.", "direct", "said", "The minister")


def test_told_reporters_that_quote(run):
    a = only(run("Smith told reporters that “the vote will happen next week.”"))
    assert spans(a) == ("the vote will happen next week.", "direct", "told", "Smith")


def test_colon_introduction_in_earlier_paragraph(run):
    text = "In a statement, the ministry said:\n\n“We regret the decision and will respond in due course.”"
    a = only(run(text))
    assert spans(a) == ("We regret the decision and will respond in due course.", "direct", "said", "the ministry")


def test_dash_attribution(run):
    a = only(run("“We will rebuild this town, house by house.” – Commissioner Maria Lopez"))
    assert spans(a) == ("We will rebuild this town, house by house.", "direct", "–", "Commissioner Maria Lopez")


def test_name_and_colon_before_quote(run):
    a = only(run("Trump: “I will build a great wall.”"))
    assert spans(a) == ("I will build a great wall.", "direct", ":", "Trump")


def test_floating_paragraph_inherits_previous_speaker(run):
    text = (
        "“As two major countries, China and Russia share broad common interests,” Zhang wrote.\n\n"
        "“We are ready to maintain communication with the Russian side.”"
    )
    first, floating = run(text)
    assert spans(first)[2:] == ("wrote", "Zhang")
    assert spans(floating) == ("We are ready to maintain communication with the Russian side.", "direct", None, None)
    assert floating.inherit_from == 0 and floating.features["pattern"] == "floating"


def test_statement_as_subject_gives_its_author(run):
    a = only(run("“We will expand trade in all areas,” the Chinese diplomat’s statement said."))
    assert spans(a)[2:] == ("said", "the Chinese diplomat")


def test_long_subject_misparsed_as_a_clause(run):
    text = (
        "\"What's shaping up is a battle for the ages,\" said David Brock, a Clinton confidant "
        "who heads the pro-Clinton super PAC Correct the Record."
    )
    a = only(run(text))
    assert a.quote.text == "What's shaping up is a battle for the ages"
    assert a.quote.mention.text.startswith("David Brock, a Clinton confidant")


# ------------------------------------------------------------------ indirect and mixed


def test_indirect_content_without_complementizer(run):
    a = only(run("Wang said that China will strive to get relations back on track."))
    assert spans(a) == ("China will strive to get relations back on track", "indirect", "said", "Wang")


def test_inverted_indirect(run):
    a = only(run("China will strive to get relations back on track, the ministry said."))
    assert spans(a) == ("China will strive to get relations back on track", "indirect", "said", "the ministry")


def test_inverted_indirect_when_the_parse_glues_paragraphs(run):
    # an unpunctuated sub-headline makes the parser hang the body sentence on it
    text = (
        "Ambassador also defended the military cooperation between the two countries\n\n"
        "China is willing to maintain regular communications with Russia, the country’s ambassador "
        "to Moscow has said ahead of Joe Biden’s virtual summit."
    )
    found = {a.quote.text: a for a in run(text)}
    a = found["China is willing to maintain regular communications with Russia"]
    assert spans(a)[2:] == ("has said", "the country’s ambassador to Moscow")


def test_parenthetical_cue(run):
    a = only(run("The economy, he said, is strong."))
    assert spans(a) == ("The economy, he said, is strong", "indirect", "said", "he")


def test_parenthetical_cue_after_connective(run):
    text = "In addition, the diplomat stressed, Western countries were exercising “extraterritorial jurisdiction” on the two nations."
    a = only(run(text))
    assert a.quote.text.startswith("Western countries were exercising")
    assert spans(a)[1:] == ("mixed", "stressed", "the diplomat")


def test_according_to_before_and_after(run):
    before = only(run("According to the embassy, the talks will resume in May."))
    after = only(run("The talks will resume in May, according to the embassy."))
    assert spans(before) == ("the talks will resume in May", "indirect", "According to", "the embassy")
    assert spans(after) == ("The talks will resume in May", "indirect", "according to", "the embassy")


def test_headline_says_at_the_end(run):
    text = "China Will Work With Russia on Policy Towards US, Says Ambassador to Moscow\n\nThe ambassador spoke on Tuesday."
    a = run(text)[0]
    assert spans(a) == ("China Will Work With Russia on Policy Towards US", "indirect", "Says", "Ambassador to Moscow")
    assert a.features["pattern"] == "headline"


def test_headline_name_says(run):
    a = run("Trump Says Clinton Should Drop Out of the Race\n\nThe candidate spoke in Ohio.")[0]
    assert spans(a) == ("Clinton Should Drop Out of the Race", "indirect", "Says", "Trump")


def test_a_headline_word_that_ends_a_name_is_no_cue(run):
    text = (
        "Washington Post Hit Piece Exploits Trump Supporter Who Was in a Hospital\n\n"
        "The Washington Post ran a story on Sunday about the rally."
    )
    assert run(text) == []


def test_a_title_cased_heading_before_a_colon_is_no_source(run):
    text = (
        "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics.\n\n"
        "Senior administration officials: The deal is not dead yet, and talks will go on.\n\n"
        "Police: The suspect fled on foot toward the river."
    )
    assert [spans(a)[3] for a in run(text)] == ["Senior administration officials", "Police"]


def test_mixed_quote_is_one_quote(run):
    a = only(run("Wang said China will “deepen strategic mutual trust” with Russia."))
    assert spans(a) == ("China will “deepen strategic mutual trust” with Russia", "mixed", "said", "Wang")


def test_participle_cue_takes_main_subject(run):
    attrs = run("Trump criticized the deal, saying it would cost American jobs.")
    assert spans(only(attrs)) == ("it would cost American jobs", "indirect", "saying", "Trump")


def test_the_one_asked_is_not_who_asked(run):
    # the reporter's question has no source in the text; the answer is Biden's
    asked, answer = run("Asked whether he would run again, Biden said: “I intend to.”")
    assert spans(asked) == ("whether he would run again", "indirect", "Asked", None)
    assert spans(answer) == ("I intend to.", "direct", "said", "Biden")


def test_a_request_for_anonymity_is_no_quote(run):
    (a,) = run("“It was terrifying,” said one woman, who asked not to be named.")
    assert spans(a)[:3] == ("It was terrifying", "direct", "said")
    assert run("The official asked not to be identified because he was not authorized to speak.") == []
    (b,) = run("A senior official, who asked to remain anonymous, said the talks had stalled.")
    assert spans(b)[:3] == ("the talks had stalled", "indirect", "said")


def test_cue_spans_auxiliaries_like_polnear(run):
    a = only(run("Putin has said he would not rule it out."))
    assert spans(a) == ("he would not rule it out", "indirect", "has said", "Putin")


def test_relative_clause_content_starts_at_its_verb(run):
    text = "They will build a base on the moon that the Chinese National Space Administration said would be “open to all countries”."
    a = only(run(text))
    assert spans(a) == ("would be “open to all countries”", "mixed", "said", "the Chinese National Space Administration")


def test_described_as_in_relative_clause(run):
    text = "Zhang also defended the military cooperation between the two countries, which he described as an “important pillar” of their relationship."
    a = only(run(text))
    assert spans(a) == ("an “important pillar” of their relationship", "mixed", "described as", "he")


def test_accusation_with_its_charge(run):
    a = only(run("Sanders accused Clinton of being too reliant on Wall Street, which her campaign denies."))
    assert spans(a) == ("Clinton of being too reliant on Wall Street", "indirect", "accused", "Sanders")


def test_while_clause_is_not_part_of_the_report(run):
    text = (
        "The defence ministry said Beijing had no plans to do this while Andrey Denisov, "
        "the Russian ambassador in Beijing, has said an alliance is not necessary."
    )
    first, second = run(text)
    assert spans(first) == ("Beijing had no plans to do this", "indirect", "said", "The defence ministry")
    assert spans(second) == ("an alliance is not necessary", "indirect", "has said", "Andrey Denisov, the Russian ambassador in Beijing")


# ------------------------------------------------------------------ what is not a quote


def test_scare_quotes_and_names_are_not_quotes(run):
    assert run("The so-called “Group of Friends” met in Geneva on Tuesday.") == []
    assert run("She appeared on “Face the Nation” on Sunday to discuss the budget.") == []
    assert run("The minister praised the “historic” agreement on Tuesday.") == []
    assert run("The ad, titled “The Choice,” aired on Tuesday.") == []


def test_topic_only_acts_and_beliefs_are_not_quotes_but_are_attributions(run):
    assert run("The senator defended the bill on Tuesday.") == []
    assert run("The company believes the market will recover next year.") == []
    belief = only(run("The company believes the market will recover next year.", scheme="attribution"))
    assert spans(belief) == ("the market will recover next year", "indirect", "believes", "The company")
    topic = only(run("The senator defended the bill on Tuesday.", scheme="attribution"))
    assert spans(topic)[2:] == ("defended", "The senator")


def test_complementizer_is_left_out_by_spec_and_kept_by_polnear_scheme(run):
    text = "The spokesman said that the talks would resume in March, according to the agency."
    speech = [a for a in run(text) if a.quote.cue.text == "said"]
    attribution = [a for a in run(text, scheme="attribution") if a.quote.cue.text == "said"]
    assert [spans(a) for a in speech] == [("the talks would resume in March", "indirect", "said", "The spokesman")]
    assert [spans(a) for a in attribution] == [
        ("that the talks would resume in March", "indirect", "said", "The spokesman")
    ]
    # a clause without "that" is the same in both
    bare = "The spokesman said the talks would resume in March."
    assert spans(only(run(bare))) == spans(only(run(bare, scheme="attribution")))


def test_reader_comments_are_not_quotes(run):
    text = (
        "Officials met in Geneva on Tuesday to discuss the ceasefire.\n\n"
        "“We made real progress today,” the envoy said after the talks.\n\n"
        "Leave a Reply\n\n"
        "Mark Davis says:\n\n"
        "“This is all theatre and nothing will change,” I told my brother last night.\n"
    )
    a = only(run(text))
    assert spans(a) == ("We made real progress today", "direct", "said", "the envoy")


def test_blocked_ranges_stop_quotes_starting_there(nlp):
    text = "“We made real progress today,” the envoy said. “Nothing will change,” a reader wrote."
    doc = nlp(text)
    cut = text.index("“Nothing")
    attrs = detect(doc, layout=Layout(doc, blocked_spans=[(cut, len(text))]))
    assert [a.quote.text for a in attrs] == ["We made real progress today"]


# ------------------------------------------------------------------ messy marks


def test_straight_and_doubled_apostrophe_marks(run):
    assert spans(only(run('"We are ready," Zhang said.'))) == ("We are ready", "direct", "said", "Zhang")
    assert spans(only(run("''We are ready,'' Zhang said."))) == ("We are ready", "direct", "said", "Zhang")


def test_closing_mark_typed_as_opening(run):
    text = "Lavrov warned that “the objective trend is toward cooperation at deeper levels. “\n\nThe ministry did not comment further."
    a = only(run(text))
    assert spans(a) == ("the objective trend is toward cooperation at deeper levels.", "direct", "warned", "Lavrov")


def test_multi_paragraph_quote_is_one_span(run):
    text = (
        "“During a virtual meeting at the end of last year our leaders came up with a plan.\n\n"
        "“We will expand trade and promote cooperation in all areas,” the diplomat’s statement said."
    )
    a = only(run(text))
    assert a.quote.text.startswith("During a virtual meeting") and a.quote.text.endswith("in all areas")
    assert "\n\n“We will expand" in a.quote.text
    assert spans(a)[1:] == ("direct", "said", "the diplomat")


# ------------------------------------------------------------------ records


def test_offsets_tokens_and_confidence_are_consistent(nlp):
    text = "“It is a good deal,” he said. Wang said China will “deepen strategic mutual trust” with Russia."
    doc = nlp(text)
    for a in detect(doc):
        q = a.quote
        assert text[q.start : q.end] == q.text
        i, j = a.mention_tokens
        assert doc[i].idx == q.mention.start and doc[j - 1].idx + len(doc[j - 1]) == q.mention.end
        i, j = a.cue_tokens
        assert doc[i:j].text == q.cue.text
        assert 0.0 < q.confidence < 1.0


def test_confidence_orders_patterns(run):
    strong = only(run("“We are ready to work with Russia on this,” Zhang told Interfax."))
    floating = run("“We are ready,” Zhang wrote.\n\n“We will keep talking with the Russian side.”")[1]
    assert strong.quote.confidence > floating.quote.confidence


def test_unknown_scheme_is_refused():
    with pytest.raises(ValueError, match="unknown cue scheme"):
        load_lexicon("gossip")
