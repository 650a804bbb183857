"""Calibrated confidence (quotes.attribution.confidence): table lookup, smoothing, defaults.

The lookups run on small hand-made tables, so each expected value can be worked out on paper;
one case reads the bundled table, and one labels the mentions of a real parsed sentence.
"""

from __future__ import annotations

import pytest

from quotes.attribution.confidence import (
    DEFAULT_CONFIDENCE,
    PRIOR_STRENGTH,
    confidence,
    load_table,
    mention_kind,
    smoothed,
)

TABLE = {
    "speech": {
        "overall": 0.6,
        "cells": {
            "ccomp": {"tp": 900, "n": 1000},
            "ccomp:speech": {"tp": 8, "n": 10},
            "ccomp:speech|proper": {"tp": 1, "n": 1},
            "ccomp:belief": {"tp": 0, "n": 1},
        },
    },
    "attribution": {"overall": 0.7, "cells": {}},
}


def test_a_well_filled_cell_gives_its_measured_precision():
    # family, pattern and pattern|mention are applied in turn, each smoothed toward the last
    family = (900 + PRIOR_STRENGTH * 0.6) / (1000 + PRIOR_STRENGTH)
    assert confidence("ccomp:evidence", "proper", table=TABLE) == round(family, 4) == 0.8988  # no cell of its own
    pattern = (8 + PRIOR_STRENGTH * family) / (10 + PRIOR_STRENGTH)
    assert confidence("ccomp:speech", "pronoun", table=TABLE) == round(pattern, 4)
    cell = (1 + PRIOR_STRENGTH * pattern) / (1 + PRIOR_STRENGTH)
    assert confidence("ccomp:speech", "proper", table=TABLE) == round(cell, 4)


def test_a_sparse_cell_stays_near_its_parent():
    # one wrong belief report out of one does not make belief reports certain to be wrong
    family = confidence("ccomp:evidence", "none", table=TABLE)
    assert confidence("ccomp:belief", "none", table=TABLE) == round(PRIOR_STRENGTH * family / (1 + PRIOR_STRENGTH), 4)
    assert confidence("ccomp:belief", "none", table=TABLE) == pytest.approx(0.719, abs=1e-3)
    # one right case barely moves the pattern's precision toward 1
    pattern = confidence("ccomp:speech", "pronoun", table=TABLE)
    assert pattern < confidence("ccomp:speech", "proper", table=TABLE) < pattern + 0.05


def test_smoothed_is_the_prior_without_counts_and_the_ratio_with_many():
    assert smoothed(0, 0, 0.7) == pytest.approx(0.7)
    assert smoothed(900_000, 1_000_000, 0.2) == pytest.approx(0.9, abs=1e-5)


def test_unknown_pattern_gets_the_scheme_default():
    assert confidence("no_such_rule", "proper", table=TABLE) == 0.6
    assert confidence("ccomp:speech", "proper", scheme="attribution", table=TABLE) == 0.7
    # a scheme the table does not hold: the package default
    assert confidence("ccomp:speech", "proper", scheme="gossip", table=TABLE) == DEFAULT_CONFIDENCE


def test_confidence_is_kept_off_zero_and_one():
    table = {"speech": {"overall": 1.0, "cells": {"direct_after": {"tp": 10_000, "n": 10_000}}}}
    assert confidence("direct_after", "proper", table=table) == 0.99
    table = {"speech": {"overall": 0.0, "cells": {"direct_after": {"tp": 0, "n": 10_000}}}}
    assert confidence("direct_after", "proper", table=table) == 0.01


def test_bundled_table_is_read_per_scheme():
    table = load_table()
    assert {"speech", "attribution"} <= set(table)
    overall = table["speech"]["overall"]
    assert confidence("no_such_rule", "proper") == overall
    assert confidence("direct_after", "proper") != overall
    assert confidence("direct_after", "proper") != confidence("direct_after", "proper", scheme="attribution")


def test_mention_kinds_of_a_parsed_sentence(nlp):
    doc = nlp("Zhang told the minister that he agreed.")
    zhang, minister, he = doc[0], doc[3], doc[5]
    assert mention_kind(doc, (0, 1), zhang.i) == "proper"
    assert mention_kind(doc, (2, 4), minister.i) == "nominal"
    assert mention_kind(doc, (5, 6), he.i) == "pronoun"
    assert mention_kind(doc, (5, 6), None) == "pronoun"
    assert mention_kind(doc, None, None) == "none"
