"""What-if: a scenario applied to a copy; before and after side by side, the original untouched."""

from __future__ import annotations

import pytest

from arguments.analysis.report import analyse
from arguments.analysis.whatif import UnknownId, adhoc_scenario, apply_scenario, outcome, what_if
from tests.analysis.test_analysis_builders import build
from tests.analysis.test_analysis_coalitions import CLAIMS, STAKEHOLDERS, STANCES


def debate_with_subtree():
    """The two-camp debate, with c2x under c2 and a link from c2x supporting c1."""
    return build(
        STAKEHOLDERS,
        [*CLAIMS, ("c2x", "c2", "opposes")],
        [*STANCES, ("a1", "c2x", 1)],
        [("c2x", "supports", 3)],
        links=[("c2x", "c1", "supports")],
    )


SCENARIO = adhoc_scenario(
    positions=[("a3", "m", -3), ("neutral", "m", 3), ("idle", "m", 2), ("a1", "c2", 1)],
    powers=[("b1", 1)],
    dropped=["c2"],
)


def test_applying_a_scenario_changes_a_copy_only():
    debate = debate_with_subtree()
    before = debate.model_dump()
    after = apply_scenario(debate, SCENARIO)
    assert debate.model_dump() == before
    assert [c.id for c in after.claims] == ["m", "c1"]  # c2 dropped with its subtree
    assert after.links == [] and after.evidence == []
    stances = {(s.stakeholder, s.claim): s.position for s in after.stances}
    assert stances[("a3", "m")] == -3 and stances[("neutral", "m")] == 3
    assert stances[("idle", "m")] == 2  # a new stance
    assert not any(claim in ("c2", "c2x") for _, claim in stances)  # the override on c2 went with it
    assert {s.id: s.power for s in after.stakeholders}["b1"] == 1


def test_what_if_compares_feasibility_strength_and_groups():
    result = what_if(debate_with_subtree(), SCENARIO)
    assert (result.before.feasibility["m"].support, result.before.feasibility["m"].opposition) == (23, 16)
    # after: a1 5·3 + a2 3·2 + neutral 3·3 + idle 4·2 = 38 against a3 2·3 + b1 1·3 + b2 2·2 = 13
    assert (result.after.feasibility["m"].support, result.after.feasibility["m"].opposition) == (38, 13)
    assert "c2" not in result.after.feasibility
    # c1 loses the link from c2x (σ .75): .5 + .5·.75 = .875 before, .5 after
    assert result.before.strength["c1"] == pytest.approx(0.875)
    assert result.after.strength["c1"] == pytest.approx(0.5)
    assert result.changed_claims() == ["m", "c1", "c2", "c2x"]
    after_group = next(g for g in result.after.groups if "a3" in g)
    assert "a1" not in after_group and "b2" in after_group
    assert "a1" in next(g for g in result.before.groups if "a3" in g)


@pytest.mark.parametrize(
    "scenario",
    [
        adhoc_scenario(positions=[("ghost", "m", 1)]),
        adhoc_scenario(positions=[("a1", "nowhere", 1)]),
        adhoc_scenario(powers=[("ghost", 2)]),
        adhoc_scenario(dropped=["nowhere"]),
    ],
)
def test_unknown_ids_are_refused_with_their_name(scenario):
    with pytest.raises(UnknownId, match=r"ghost|nowhere"):
        apply_scenario(debate_with_subtree(), scenario)


def test_the_full_analysis_reuses_its_own_results_as_the_before_side():
    debate = debate_with_subtree()
    assert analyse(debate, claim="c1", scenario=SCENARIO).what_if.before == outcome(debate)
