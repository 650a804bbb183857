"""``made (it) clear that ...`` reports the clause after ``clear`` (quotes.attribution.made_clear);
``make`` alone, or ``clear`` without a clause, reports nothing."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The senator made clear that she would vote against the bill.", ("she would vote against the bill", "made clear", "The senator")),
        ("The mayor has made it clear that the budget will not grow.", ("the budget will not grow", "has made it clear", "The mayor")),
        ("In a radio interview, the general made it clear he had serious doubts about the plan.", ("he had serious doubts about the plan", "made it clear", "the general")),
    ],
)
def test_made_clear_reports_its_clause(quotes_of, text, expected):
    assert expected in quotes_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "The storm made the roads clear of traffic.",
        "The rain cleared, and the two sides made a deal.",
        "The new signs make the rules clear.",
    ],
)
def test_make_without_a_clause_reports_nothing(quotes_of, text):
    assert quotes_of(text) == []
