"""Coalitions on a debate with two obvious camps, congruence worked by hand."""

from __future__ import annotations

import math

import pytest

from arguments.analysis.coalitions import GROUP_THRESHOLD, Pair, cluster, coalitions
from tests.analysis.test_analysis_builders import build

STAKEHOLDERS = [("a1", 5, 5), ("a2", 3, 4), ("a3", 2, 2), ("b1", 4, 5), ("b2", 2, 4), ("neutral", 3, 3), ("idle", 4, 1)]
CLAIMS = [("m",), ("c1", "m", "supports"), ("c2", "m", "opposes")]
STANCES = [
    ("a1", "m", 3), ("a1", "c1", 2), ("a1", "c2", -2),
    ("a2", "m", 2), ("a2", "c1", 1), ("a2", "c2", -3),
    ("a3", "m", 1), ("a3", "c1", 3),
    ("b1", "m", -3), ("b1", "c1", -2), ("b1", "c2", 3),
    ("b2", "m", -2), ("b2", "c2", 2),
    ("neutral", "m", 0), ("neutral", "c1", 0),
]  # fmt: skip


def two_camps(coalitions_=()):
    return build(STAKEHOLDERS, CLAIMS, STANCES, coalitions=list(coalitions_))


def test_congruence_is_the_cosine_over_shared_claims():
    found = coalitions(two_camps())
    # a1 (3, 2, −2) · a2 (2, 1, −3) = 14; |a1|² = 17, |a2|² = 14
    assert found.congruence("a1", "a2") == pytest.approx(14 / math.sqrt(17 * 14))
    assert found.pairs[("a1", "a2")].shared == 3
    # a1 · b1 (−3, −2, 3) = −19; |b1|² = 22
    assert found.congruence("b1", "a1") == pytest.approx(-19 / math.sqrt(17 * 22))
    # b1 and b2 share m and c2: (−3, 3) · (−2, 2) = 12 over √(18·8) = 12
    assert found.congruence("b1", "b2") == pytest.approx(1.0)
    # a neutral stance carries no agreement either way; no shared claim, no pair
    assert found.congruence("a1", "neutral") == 0.0
    assert found.congruence("a1", "idle") is None


def test_two_camps_are_found_and_the_inactive_stay_alone():
    found = coalitions(two_camps())
    assert found.groups == [["a1", "a2", "a3"], ["b1", "b2"], ["neutral"], ["idle"]]
    assert found.group_of("b2") == ["b1", "b2"]


def test_the_sharpest_conflicts_are_the_cross_camp_pairs_most_opposed_first():
    found = coalitions(two_camps())
    # a3 and b2 share only m: (1)·(−2) over √(1·4) = −1 exactly
    assert (found.conflicts[0].a, found.conflicts[0].b) == ("a3", "b2")
    assert found.conflicts[0].congruence == pytest.approx(-1.0)
    camps = {"a1": "a", "a2": "a", "a3": "a", "b1": "b", "b2": "b"}
    assert {(p.a, p.b) for p in found.conflicts} == {(a, b) for a in ("a1", "a2", "a3") for b in ("b1", "b2")}
    assert all(camps[p.a] != camps[p.b] for p in found.conflicts)
    values = [p.congruence for p in found.conflicts]
    assert values == sorted(values)


def test_declared_coalitions_are_checked_against_the_computed_groups():
    found = coalitions(two_camps([("mixed", ["a1", "a2", "b1"]), ("empty", [])]))
    mixed, empty = found.declared
    assert mixed.group == 0  # the a-camp: Jaccard {a1, a2} / {a1, a2, a3, b1} = 2/4
    assert mixed.overlap == pytest.approx(0.5)
    assert mixed.missing == ["b1"] and mixed.extra == ["a3"]
    a1a2 = 14 / math.sqrt(17 * 14)
    a1b1 = -19 / math.sqrt(17 * 22)
    a2b1 = -17 / math.sqrt(14 * 22)  # (2, 1, −3) · (−3, −2, 3) = −17
    assert mixed.cohesion == pytest.approx((a1a2 + a1b1 + a2b1) / 3)
    assert empty.group is None and empty.cohesion is None


def test_groups_merge_only_at_or_above_the_threshold():
    below = {("x", "y"): Pair("x", "y", GROUP_THRESHOLD - 0.01, 3)}
    at = {("x", "y"): Pair("x", "y", GROUP_THRESHOLD, 3)}
    assert cluster(["x", "y"], below) == [["x"], ["y"]]
    assert cluster(["x", "y"], at) == [["x", "y"]]


def test_average_linkage_keeps_out_a_member_liked_by_only_one():
    # x–y agree fully; z agrees with x (0.5) but opposes y (−0.4): mean 0.05 < threshold
    pairs = {
        ("x", "y"): Pair("x", "y", 1.0, 2),
        ("x", "z"): Pair("x", "z", 0.5, 2),
        ("y", "z"): Pair("y", "z", -0.4, 2),
    }
    assert cluster(["x", "y", "z"], pairs) == [["x", "y"], ["z"]]
