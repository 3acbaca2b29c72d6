"""Position map, feasibility, power-interest grid, contest, cruxes, perspective and gaps,
each checked against the two-camp debate worked by hand."""

from __future__ import annotations

import math

import pytest

from arguments.analysis.contest import contestedness, cruxes
from arguments.analysis.feasibility import feasibility, feasibility_by_claim
from arguments.analysis.gaps import gaps
from arguments.analysis.grid import power_interest_grid, quadrant
from arguments.analysis.perspective import perspective
from arguments.analysis.positions import position_map
from tests.analysis.test_analysis_builders import build
from tests.analysis.test_analysis_coalitions import two_camps


def test_position_map_places_everyone_by_power_and_position():
    pmap = position_map(two_camps(), "m")
    placed = {(power, pos): ids for power, row in pmap.cells.items() for pos, ids in row.items() if ids}
    assert placed == {
        (5, 3): ["a1"],
        (3, 2): ["a2"],
        (2, 1): ["a3"],
        (3, 0): ["neutral"],  # not mobilised: shown, not hidden
        (4, -3): ["b1"],
        (2, -2): ["b2"],
    }
    assert pmap.no_stance == ["idle"]
    assert pmap.column(0) == ["neutral"]


def test_feasibility_weighs_power_by_position_on_each_side():
    f = feasibility(two_camps(), "m")
    assert f.support == 5 * 3 + 3 * 2 + 2 * 1
    assert f.opposition == 4 * 3 + 2 * 2
    assert (f.supporters, f.opponents, f.non_mobilised, f.no_stance) == (3, 2, 1, 1)
    assert f.balance == pytest.approx(23 / 39)
    every = feasibility_by_claim(two_camps())
    assert list(every) == ["m", "c1", "c2"]
    assert every["c2"].support == 4 * 3 + 2 * 2 and every["c2"].opposition == 5 * 2 + 3 * 3
    assert feasibility(build([("x", 3, 3)], [("m",)]), "m").balance is None


def test_power_interest_grid_quadrants():
    grid = power_interest_grid(two_camps())
    assert grid == {
        "manage closely": ["a1", "b1", "a2", "neutral"],  # by power + interest: 10, 9, 7, 6
        "keep satisfied": ["idle"],
        "keep informed": ["b2"],
        "monitor": ["a3"],
    }
    assert quadrant(3, 3) == "manage closely" and quadrant(2, 3) == "keep informed"
    assert quadrant(3, 2) == "keep satisfied" and quadrant(2, 2) == "monitor"


def test_contestedness_is_the_power_weighted_spread():
    found = contestedness(two_camps())
    # m: weights 5, 3, 2, 4, 2, 3 at 3, 2, 1, −3, −2, 0: W = 19, Σwx = 7, Σwx² = 103
    assert found["m"].mean == pytest.approx(7 / 19)
    assert found["m"].spread == pytest.approx(math.sqrt(103 / 19 - (7 / 19) ** 2))
    assert found["m"].stances == 6
    unanimous = contestedness(build([("x", 3, 3), ("y", 1, 3)], [("m",)], [("x", "m", 2), ("y", "m", 2)]))
    assert unanimous["m"].spread == pytest.approx(0.0)
    split = contestedness(build([("x", 3, 3), ("y", 3, 3)], [("m",)], [("x", "m", 3), ("y", "m", -3)]))
    assert split["m"].spread == pytest.approx(3.0)


def test_cruxes_rank_claims_by_the_gap_between_the_motions_camps():
    found = cruxes(two_camps())
    assert [c.claim for c in found] == ["c2", "c1"]
    c2, c1 = found
    # c2: supporters a1 (5, −2), a2 (3, −3): −19/8; opponents b1 (4, 3), b2 (2, 2): 16/6
    assert c2.supporters_mean == pytest.approx(-19 / 8)
    assert c2.opponents_mean == pytest.approx(16 / 6)
    assert c2.gap == pytest.approx(-19 / 8 - 16 / 6)
    # c1: supporters a1 (5, 2), a2 (3, 1), a3 (2, 3): 19/10; opponents: b1 alone at −2
    assert c1.gap == pytest.approx(1.9 + 2)
    assert (c1.supporters, c1.opponents) == (3, 1)


def test_perspective_against_the_computed_group():
    view = perspective(two_camps(), "a3")
    assert view.supports == [("m", 1), ("c1", 3)]
    assert view.opposes == [] and view.neutral == []
    assert view.coalitions == [] and view.peers == ["a1", "a2"]
    assert view.disagreements == []
    assert view.without_evidence == ["m", "c1"]


def test_perspective_against_a_declared_coalition_finds_the_disagreements():
    view = perspective(two_camps([("mixed", ["a1", "a2", "b1"])]), "b1")
    assert view.coalitions == ["mixed"] and view.peers == ["a1", "a2"]
    # peers' means: m (5·3 + 3·2)/8 = 2.625; c2 (−10 − 9)/8 = −2.375; c1 (10 + 3)/8 = 1.625
    assert [(d.claim, d.position) for d in view.disagreements] == [("m", -3), ("c2", 3), ("c1", -2)]
    assert view.disagreements[0].peers_mean == pytest.approx(2.625)
    with pytest.raises(KeyError):
        perspective(two_camps(), "nobody")


def test_perspective_tells_cited_from_uncited_stances():
    debate = build(
        [("x", 3, 3)],
        [("m",), ("c", "m", "supports")],
        [("x", "m", 2, ["ev0"]), ("x", "c", 1)],
        [("m", "supports", 3)],
    )
    assert perspective(debate, "x").without_evidence == ["c"]


def test_gaps():
    debate = build(
        [("x", 3, 3), ("y", 3, 3), ("z", 3, 3)],
        [
            ("m",),
            ("a", "m", "supports"),
            ("b", "m", "opposes"),
            ("q", "m", "supports", "question"),
            ("bare", "m", "opposes"),
        ],
        [("x", "m", 2, ["ev0"]), ("y", "m", -1, [], ""), ("y", "a", 1)],
        [("m", "supports", 3, "s1"), ("a", "supports", 3, "s1"), ("a", "supports", 4, "s1"), ("b", "undermines", 2)],
    )
    found = gaps(debate)
    assert found.claims_without_evidence == ["bare"]  # questions need none
    assert found.stances_without_reason == [("y", "m")]
    assert found.stances_without_evidence == [("y", "m"), ("y", "a")]
    assert found.single_source == {"m": "s1", "a": "s1"}
    assert found.unsourced_evidence == ["ev3"]
    assert found.silent_on_motion == ["z"]
