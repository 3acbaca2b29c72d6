"""Stakeholders' views of a claim computed by a forked child (`claim_by_stakeholder_begun`,
from `SPLIT_VIEWS_FROM` claims): the very floats computed here, and computed here when the
child fails."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from arguments import forked
from arguments.analysis import strength
from arguments.analysis.report import analyse, to_json
from arguments.analysis.strength import StrengthModel
from arguments.storage import read_debate
from tests.analysis.test_analysis_strength import graphs
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="no fork here")


@pytest.fixture
def small_debate():
    """The bundled Peru debate: stakeholders with stances on many claims."""
    return read_debate(ROOT / "seeds" / "decentralization-peru.toml")


@pytest.fixture
def in_child(monkeypatch):
    """Every debate, however small, has its views computed by a child."""
    monkeypatch.setattr(strength, "SPLIT_VIEWS_FROM", 0)


def _here(model: StrengthModel, claim: str) -> dict[str, float]:
    return {sid: model._view(sid)[1][model.graph.rank[claim]] for sid in model.index.by_stakeholder}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graphs())
def test_views_made_by_a_child_are_those_made_here(in_child, debate):
    model = StrengthModel(debate)
    for claim in model.graph.ids[:3]:
        expected = _here(model, claim)
        assert model.claim_by_stakeholder(claim) == expected  # half there, half here
        assert model.claim_by_stakeholder_begun(claim)() == expected  # all there


def test_the_analysis_is_the_same_with_its_views_made_by_a_child(monkeypatch, small_debate):
    alone = to_json(analyse(small_debate))
    monkeypatch.setattr(strength, "SPLIT_VIEWS_FROM", 0)
    started = []
    start = forked.start
    monkeypatch.setattr(forked, "start", lambda compute: started.append(1) or start(compute))
    assert to_json(analyse(small_debate)) == alone
    assert started  # a child did make them


@pytest.mark.parametrize("failure", ["no fork", "it fails", "it answers something else"])
def test_when_the_child_fails_the_views_are_made_here(in_child, monkeypatch, small_debate, failure):
    model = StrengthModel(small_debate)
    claim = model.graph.ids[0]
    expected = _here(model, claim)
    if failure == "no fork":
        monkeypatch.setattr(forked, "can_fork", lambda: False)
    elif failure == "it fails":
        monkeypatch.setattr(StrengthModel, "_view", _fails_in_a_child(StrengthModel._view))
    else:
        start = forked.start
        monkeypatch.setattr(forked, "start", lambda compute: start(lambda: [0.5]))
    assert model.claim_by_stakeholder(claim) == expected
    assert model.claim_by_stakeholder_begun(claim)() == expected


def _fails_in_a_child(view):
    import os

    parent = os.getpid()

    def failing(self, stakeholder):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return view(self, stakeholder)

    return failing
