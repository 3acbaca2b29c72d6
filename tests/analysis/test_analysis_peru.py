"""The bundled Peru debate reads as its source document does: the Executive and Congress on
one side; municipalities, NGOs and AMRESAM on the other; AMPE split between its factions."""

from __future__ import annotations

import pytest

from arguments.analysis.report import analyse
from arguments.storage import read_debate
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "decentralization-peru.toml"
GOVERNMENT = ["executive", "congress"]
LOCAL = ["district-municipalities", "urban-model-municipalities", "ngos", "amresam"]


@pytest.fixture(scope="module")
def peru():
    if not SEED.exists():
        pytest.skip(f"{SEED.name} is not written yet")
    debate = read_debate(SEED)
    return debate, analyse(debate)


def test_the_position_map_puts_government_against_the_local_actors(peru):
    debate, analysis = peru
    assert analysis.focus == debate.motion.id
    position = {sid: p for p in range(-3, 4) for sid in analysis.position_map.column(p)}
    assert all(position[s] < 0 for s in GOVERNMENT), {s: position[s] for s in GOVERNMENT}
    assert all(position[s] > 0 for s in LOCAL), {s: position[s] for s in LOCAL}
    assert position["ampe-pro-government"] < 0 < position["ampe-independent"]  # AMPE split
    power = {s.id: s.power for s in debate.stakeholders}
    assert all(power[s] == 5 for s in GOVERNMENT)  # the top row of the map


def test_the_computed_coalitions_are_the_two_camps_with_ampe_split(peru):
    _, analysis = peru
    groups = analysis.coalitions
    government = groups.group_of("executive")
    local = groups.group_of("amresam")
    assert government is not local
    assert set(GOVERNMENT) <= set(government)
    assert set(LOCAL) <= set(local)
    assert "ampe-pro-government" in government and "ampe-independent" in local
    sharpest = {frozenset((p.a, p.b)) for p in groups.conflicts if p.congruence < -0.9}
    assert frozenset(("congress", "district-municipalities")) in sharpest


def test_the_motion_is_weaker_from_the_executives_view_than_from_the_mayors(peru):
    debate, analysis = peru
    views = analysis.focus_by_stakeholder
    assert views["executive"] < analysis.strength.scores[debate.motion.id] < views["district-municipalities"]
    assert analysis.strength.converged


def test_feasibility_of_the_motion_leans_to_support(peru):
    debate, analysis = peru
    motion = analysis.feasibility[debate.motion.id]
    assert motion.support > motion.opposition > 0
