"""DF-QuAD strength against values computed on paper.

F(v₁..vₙ) = 1 − ∏(1 − vᵢ); C(v₀, va, vs) = v₀ − v₀(va − vs) if va ≥ vs else v₀ + (1 − v₀)(vs − va).
Evidence base score: τ = C(0.5, F(undermining r/6), F(supporting r/6)).
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arguments.analysis.strength import (
    MAX_ITERATIONS,
    StrengthModel,
    aggregate,
    combine,
    evidence_base,
    motion_strength_by_stakeholder,
    strength,
)
from arguments.model import Debate
from tests.analysis.test_analysis_builders import build


def test_combine_and_aggregate_follow_the_formulas():
    assert combine([]) == 0
    assert combine([0.5, 0.5]) == pytest.approx(0.75)
    assert aggregate(0.5, 0.75, 0.25) == pytest.approx(0.25)  # 0.5 − 0.5·0.5
    assert aggregate(0.5, 0.25, 0.75) == pytest.approx(0.75)  # 0.5 + 0.5·0.5
    assert aggregate(0.4, 0.3, 0.3) == pytest.approx(0.4)  # a tie leaves the base


def test_base_scores_from_evidence():
    debate = build(
        claims=[("m",), ("a", "m", "supports"), ("b", "m", "opposes"), ("c", "m", "supports")],
        evidence=[("a", "supports", 3), ("b", "undermines", 3), ("c", "supports", 3), ("c", "supports", 3)],
    )
    base = evidence_base(debate)
    assert base["m"] == 0.5  # no evidence
    assert base["a"] == pytest.approx(0.75)  # w = 3/6 = 0.5: 0.5 + 0.5·0.5
    assert base["b"] == pytest.approx(0.25)  # 0.5 − 0.5·0.5
    assert base["c"] == pytest.approx(0.875)  # F(0.5, 0.5) = 0.75: 0.5 + 0.5·0.75


def tree(rebutted: bool) -> Debate:
    """m ← s1 (supports, τ .5), s2 (supports, undermined r3: τ .25), a (opposes, two r3
    items: τ .875), and when REBUTTED, b attacks a (τ .5)."""
    claims = [("m",), ("s1", "m", "supports"), ("s2", "m", "supports"), ("a", "m", "opposes")]
    if rebutted:
        claims.append(("b", "a", "opposes"))
    return build(
        [("mayor", 3, 3), ("minister", 5, 4)],
        claims,
        [("mayor", "m", 3), ("minister", "m", -3), ("mayor", "b", 1)] if rebutted else [],
        [("s2", "undermines", 3), ("a", "supports", 3), ("a", "supports", 3)],
    )


def test_an_attack_outweighs_the_support():
    # F(sup) = 1 − (1 − .5)(1 − .25) = .625; F(att) = σ(a) = .875 ≥ .625:
    # σ(m) = .5 − .5·(.875 − .625) = .375
    scores = strength(tree(rebutted=False)).scores
    assert scores["s1"] == pytest.approx(0.5)
    assert scores["s2"] == pytest.approx(0.25)
    assert scores["a"] == pytest.approx(0.875)
    assert scores["m"] == pytest.approx(0.375)


def test_a_rebuttal_lets_the_support_win():
    # σ(a) = .875 − .875·.5 = .4375; F(sup) = .625 > .4375: σ(m) = .5 + .5·(.625 − .4375) = .59375
    result = strength(tree(rebutted=True))
    assert result.scores["a"] == pytest.approx(0.4375)
    assert result.scores["m"] == pytest.approx(0.59375)
    assert result.converged and result.cyclic == []


def test_each_stakeholder_sees_the_motion_from_their_stances():
    debate = tree(rebutted=True)
    # mayor: τ(m) = .5 + 3/6 = 1, τ(b) = .5 + 1/6 = 2/3: σ(a) = .875 − .875·(2/3) = .291667;
    #   support .625 > .291667: σ(m) = 1 + 0 = 1
    # minister: τ(m) = 0: σ(m) = 0 + 1·(.625 − .4375) = .1875
    views = motion_strength_by_stakeholder(debate)
    assert views["mayor"] == pytest.approx(1.0)
    assert views["minister"] == pytest.approx(0.1875)
    mayor = strength(debate, "mayor")
    assert mayor.base["b"] == pytest.approx(2 / 3)
    assert mayor.scores["a"] == pytest.approx(0.875 / 3)
    assert strength(debate).scores["m"] == pytest.approx(0.59375)  # the overall view is untouched


def test_a_cycle_through_links_is_iterated_to_its_fixed_point():
    # x and y both attack m and, through links, each other; all τ = .5.
    # σx = .5 − .5σy and σy = .5 − .5σx give σx = σy = 1/3;
    # then F(att of m) = 1 − (2/3)² = 5/9 and σ(m) = .5 − .5·5/9 = 2/9.
    debate = build(
        claims=[("m",), ("x", "m", "opposes"), ("y", "m", "opposes")],
        links=[("x", "y", "opposes"), ("y", "x", "opposes")],
    )
    result = strength(debate)
    assert result.cyclic == ["x", "y"]
    assert result.converged and 1 < result.iterations < MAX_ITERATIONS
    assert result.scores["x"] == pytest.approx(1 / 3)
    assert result.scores["y"] == pytest.approx(1 / 3)
    assert result.scores["m"] == pytest.approx(2 / 9)


def test_a_cycle_that_does_not_settle_is_reported():
    # From the stakeholder's view τx = τy = 1 (+3); updated together, (σx, σy) goes
    # (1, 1) → (0, 0) → (1, 1) …: no fixed point is reached, and the result says so.
    debate = build(
        [("fan", 3, 3)],
        [("m",), ("x", "m", "opposes"), ("y", "m", "opposes")],
        [("fan", "x", 3), ("fan", "y", 3)],
        links=[("x", "y", "opposes"), ("y", "x", "opposes")],
    )
    assert strength(debate).converged
    view = strength(debate, "fan")
    assert not view.converged
    assert view.iterations == MAX_ITERATIONS
    assert {view.scores["x"], view.scores["y"]} <= {0.0, 1.0}


def test_a_chain_of_links_longer_than_the_recursion_limit():
    # Every claim hangs under the motion, and links chain them: c1 → c2 → … → cN, each
    # supporting the next. σ(c1) = .5 and σ(cₖ₊₁) = .5 + .5·σ(cₖ).
    n = sys.getrecursionlimit() + 500
    claims = [("m",)] + [(f"c{i}", "m", "supports") for i in range(1, n + 1)]
    links = [(f"c{i}", f"c{i + 1}", "supports") for i in range(1, n)]
    expected = 0.5
    for _ in range(n - 1):
        expected = 0.5 + 0.5 * expected
    result = strength(build(claims=claims, links=links))
    assert result.scores[f"c{n}"] == pytest.approx(expected)
    assert result.cyclic == []


@st.composite
def graphs(draw):
    n = draw(st.integers(2, 9))
    claims = [("c0",)] + [
        (f"c{i}", f"c{draw(st.integers(0, i - 1))}", draw(st.sampled_from(["supports", "opposes"])))
        for i in range(1, n)
    ]
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=4, unique=True))
    links = [(f"c{a}", f"c{b}", draw(st.sampled_from(["supports", "opposes"]))) for a, b in pairs if a != b]
    stances = draw(
        st.lists(
            st.tuples(st.sampled_from(["p", "q"]), st.integers(0, n - 1), st.integers(-3, 3)),
            max_size=8,
            unique_by=lambda t: t[:2],
        )
    )
    evidence = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.sampled_from(["supports", "undermines"]), st.integers(1, 5)), max_size=5
        )
    )
    return build(
        [("p", 3, 3), ("q", 2, 2)],
        claims,
        [(s, f"c{c}", p) for s, c, p in stances],
        [(f"c{c}", r, w) for c, r, w in evidence],
        links,
    )


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_a_stakeholders_view_recomputed_in_part_equals_a_full_evaluation(debate):
    model = StrengthModel(debate)
    for stakeholder in ("p", "q"):
        view = model.for_stakeholder(stakeholder)
        base = [view.base[cid] for cid in model.graph.ids]
        full, unsettled, _ = model.graph.evaluate(base)
        assert view.converged == (not unsettled)
        if not unsettled:
            assert [view.scores[cid] for cid in model.graph.ids] == pytest.approx(full, abs=1e-6)
        for cid, value in view.scores.items():
            assert 0.0 <= value <= 1.0, cid
