"""Operations with inverses: each edit, its undo, the history, and random sequences."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments import operations as ops
from arguments.integrity import check_integrity
from arguments.model import Claim, Debate
from arguments.operations import History, OperationError
from arguments.storage import parse_debate
from arguments.tree import ClaimTree
from tests.conftest import SMALL_DEBATE
from tests.random_edits import CLAIM_EDITS, RECORD_EDITS, random_edit

RICH = (
    SMALL_DEBATE
    + """
[[claims]]
id = "jobs"
text = "Building it creates jobs."
parent = "motion"
relation = "supports"

[[claims]]
id = "temporary"
text = "The jobs are temporary."
parent = "jobs"
relation = "opposes"

[[links]]
from = "grants"
to = "motion"
relation = "supports"

[[evidence]]
id = "ev-grant"
claim = "grants"
text = "The region approved the grant."
source = "report"

[[stances]]
stakeholder = "council"
claim = "cost"
position = -1
evidence = ["ev-grant", "ev-count"]

[[stance_changes]]
at = "2026-01-01"
stakeholder = "shops"
claim = "grants"
from = 0
to = 1

[[coalitions]]
id = "builders"
name = "Builders"
members = ["council", "shops"]

[[scenarios]]
id = "no-grant"
name = "No grant"
dropped = ["grants", "jobs"]

[[scenarios.positions]]
stakeholder = "shops"
claim = "cost"
position = -3

[[scenarios.powers]]
stakeholder = "council"
power = 5
"""
)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ops, "now", lambda: "2026-11-26T10:15")


def rich_debate() -> Debate:
    return parse_debate(RICH)


def roundtrip(debate: Debate, op: ops.Operation) -> Debate:
    """Apply OP, check the result is a sound debate, undo, check it equals the start."""
    before = debate.model_copy(deep=True)
    inverse = op.apply(debate)
    assert check_integrity(debate) == []
    after = debate.model_copy(deep=True)
    redo = inverse.apply(debate)
    assert debate == before
    redo.apply(debate)
    assert debate == after
    return after


def claim(debate: Debate, cid: str) -> Claim:
    return next(c for c in debate.claims if c.id == cid)


def test_add_claim_appends_child_with_slug_id() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.add_claim(debate, "cost", "opposes", "Tolls repay it!", "claim"))
    new = claim(after, "tolls-repay-it")
    assert (new.parent, new.relation, new.text) == ("cost", "opposes", "Tolls repay it!")
    assert ClaimTree.of(after).kids("cost") == ["grants", "tolls-repay-it"]


def test_add_claim_makes_ids_unique() -> None:
    debate = rich_debate()
    ops.add_claim(debate, "motion", "supports", "Cost").apply(debate)
    ops.add_claim(debate, "motion", "supports", "Cost").apply(debate)
    ids = [c.id for c in debate.claims]
    assert "cost-2" in ids and "cost-3" in ids


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope", "supports", "x"), 'no claim "nope"'),
        (("motion", "supports", "   "), "cannot be empty"),
        (("motion", "sideways", "x"), "relation"),
    ],
)
def test_add_claim_refuses_bad_input(args: tuple[str, str, str], message: str) -> None:
    debate = rich_debate()
    before = debate.model_copy(deep=True)
    with pytest.raises(OperationError, match=message):
        ops.add_claim(debate, *args)
    assert debate == before


def test_add_claim_refuses_existing_id() -> None:
    debate = rich_debate()
    with pytest.raises(OperationError, match="already used"):
        ops.add_claim(debate, "motion", "supports", "x", id="report")


def test_add_sibling_goes_right_after() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.add_sibling(debate, "traffic", "Fewer accidents"))
    assert ClaimTree.of(after).kids("motion") == ["traffic", "fewer-accidents", "cost", "jobs"]
    assert claim(after, "fewer-accidents").relation == "supports"
    with pytest.raises(OperationError):
        ops.add_sibling(debate, "motion", "x")


def test_edit_claim_validates_the_merged_record() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.edit_claim(debate, "cost", text="Too dear", notes="said twice"))
    assert (claim(after, "cost").text, claim(after, "cost").notes) == ("Too dear", "said twice")
    for bad in ({"text": ""}, {"kind": "rumour"}, {"id": "other"}, {"parent": "traffic"}, {"closed": "maybe"}):
        with pytest.raises(OperationError):
            ops.edit_claim(debate, "cost", **bad)
    with pytest.raises(OperationError):
        ops.edit_claim(debate, "motion", relation="supports")


def test_kind_and_flip() -> None:
    debate = rich_debate()
    assert claim(roundtrip(debate, ops.set_kind(debate, "cost", "question")), "cost").kind == "question"
    assert claim(roundtrip(debate, ops.flip_relation(debate, "cost")), "cost").relation == "supports"
    with pytest.raises(OperationError):
        ops.flip_relation(debate, "motion")


def test_delete_claim_takes_everything_that_refers_to_it() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.delete_claim(debate, "cost"))
    assert [c.id for c in after.claims] == ["motion", "traffic", "jobs", "temporary"]
    assert [e.id for e in after.evidence] == ["ev-count"]
    assert [(s.stakeholder, s.claim) for s in after.stances] == [("council", "motion"), ("shops", "motion")]
    assert after.links == [] and after.stance_changes == []
    assert after.scenarios[0].dropped == ["jobs"] and after.scenarios[0].positions == []


def test_delete_evidence_strips_stance_mentions() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.delete_evidence(debate, "ev-grant"))
    assert next(s for s in after.stances if s.claim == "cost").evidence == ["ev-count"]


def test_move_among_siblings() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.move_claim(debate, "jobs", -1))
    assert ClaimTree.of(after).kids("motion") == ["traffic", "jobs", "cost"]
    after = roundtrip(debate, ops.move_claim(debate, "traffic", +1))
    assert ClaimTree.of(after).kids("motion") == ["jobs", "traffic", "cost"]
    with pytest.raises(OperationError, match="first"):
        ops.move_claim(debate, "jobs", -1)
    with pytest.raises(OperationError, match="last"):
        ops.move_claim(debate, "cost", +1)


def test_move_under_and_its_refusals() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.move_under(debate, "jobs", "traffic"))
    assert ClaimTree.of(after).kids("traffic") == ["jobs"]
    assert ClaimTree.of(after).subtree("jobs") == ["jobs", "temporary"]
    with pytest.raises(OperationError, match="own subtree"):
        ops.move_under(debate, "jobs", "temporary")
    with pytest.raises(OperationError, match="own subtree"):
        ops.move_under(debate, "jobs", "jobs")


def test_indent_and_outdent() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.indent(debate, "cost"))
    assert claim(after, "cost").parent == "traffic"
    debate = rich_debate()
    after = roundtrip(debate, ops.outdent(debate, "grants"))
    assert ClaimTree.of(after).kids("motion") == ["traffic", "cost", "grants", "jobs"]
    with pytest.raises(OperationError):
        ops.indent(debate, "traffic")
    with pytest.raises(OperationError):
        ops.outdent(debate, "traffic")


def test_evidence_add_edit() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.add_evidence(debate, "jobs", "300 jobs", source="report", kind="statistic"))
    item = after.evidence[-1]
    assert (item.id, item.claim, item.source, item.kind) == ("ev-300-jobs", "jobs", "report", "statistic")
    after = roundtrip(debate, ops.edit_evidence(debate, "ev-count", claim="cost", reliability=2))
    assert (after.evidence[0].claim, after.evidence[0].reliability) == ("cost", 2)
    for bad in ({"claim": "nope"}, {"source": "nope"}, {"reliability": 9}, {"text": " "}):
        with pytest.raises(OperationError):
            ops.edit_evidence(debate, "ev-count", **bad)


def test_set_stance_records_the_change_and_undo_removes_it() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.set_stance(debate, "shops", "cost", 2, rationale="Prices", basis="stated"))
    stance = after.stances[-1]
    assert (stance.stakeholder, stance.claim, stance.position, stance.basis) == ("shops", "cost", 2, "stated")
    change = after.stance_changes[-1]
    assert (change.at, change.from_, change.to) == ("2026-11-26T10:15", None, 2)
    after = roundtrip(debate, ops.set_stance(debate, "council", "motion", 3))
    assert after.stance_changes[-1].from_ == 2 and after.stance_changes[-1].to == 3
    before = len(debate.stance_changes)
    after = roundtrip(debate, ops.set_stance(debate, "council", "motion", rationale="new reason"))
    assert len(after.stance_changes) == before  # only the rationale moved
    with pytest.raises(OperationError):
        ops.set_stance(debate, "council", "motion", 4)
    with pytest.raises(OperationError):
        ops.set_stance(debate, "ghost", "motion", 1)


def test_clear_stance() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.clear_stance(debate, "shops", "motion"))
    assert all(s.stakeholder != "shops" or s.claim != "motion" for s in after.stances)
    assert (after.stance_changes[-1].from_, after.stance_changes[-1].to) == (-1, None)


def test_stakeholders() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.add_stakeholder(debate, "Ministry of Finance", short="MEF", power=5))
    assert after.stakeholders[-1].id == "mef" and after.stakeholders[-1].power == 5
    after = roundtrip(debate, ops.edit_stakeholder(debate, "shops", interest=1))
    assert after.stakeholders[1].interest == 1
    assert ops.stances_of(debate, "shops") == 1
    after = roundtrip(debate, ops.delete_stakeholder(debate, "shops"))
    assert all(s.stakeholder != "shops" for s in after.stances)
    assert after.coalitions[0].members == ["council"] and after.stance_changes == []
    assert after.scenarios[0].positions == []
    with pytest.raises(OperationError, match="already used"):
        ops.add_stakeholder(debate, "X", id="council")
    with pytest.raises(OperationError):
        ops.edit_stakeholder(debate, "shops", power=0)


def test_sources() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.add_source(debate, "Smith (2020). Bridges.", url="https://x.org"))
    assert after.sources[-1].id == "smith-2020-bridges"
    after = roundtrip(debate, ops.edit_source(debate, "report", citation="Council (2025)."))
    assert after.sources[0].citation == "Council (2025)."
    after = roundtrip(debate, ops.delete_source(debate, "report"))
    assert [s.id for s in after.sources] == ["smith-2020-bridges"]
    assert all(e.source is None for e in after.evidence)


def test_edit_debate() -> None:
    debate = rich_debate()
    after = roundtrip(debate, ops.edit_debate(debate, title="New title", question="Why?"))
    assert (after.title, after.question) == ("New title", "Why?")
    with pytest.raises(OperationError):
        ops.edit_debate(debate, title="")


def test_batch_is_all_or_nothing() -> None:
    debate = rich_debate()
    before = debate.model_copy(deep=True)
    bad = ops.Batch((ops.add_claim(debate, "motion", "supports", "fine"), ops.Splice("claims", 99, 1, ())))
    with pytest.raises(OperationError):
        bad.apply(debate)
    assert debate == before


def test_history_undo_redo_and_dirty_marker() -> None:
    debate = rich_debate()
    start = debate.model_copy(deep=True)
    history = History()
    assert not history.dirty
    history.apply(debate, ops.add_claim(debate, "motion", "supports", "One"))
    history.mark_saved()
    history.apply(debate, ops.add_claim(debate, "motion", "supports", "Two"))
    assert history.dirty
    history.undo(debate)
    assert not history.dirty
    history.undo(debate)
    assert history.dirty and debate == start
    assert history.undo(debate) is None
    history.redo(debate)
    assert not history.dirty
    history.redo(debate)
    assert [c.text for c in debate.claims[-2:]] == ["One", "Two"]
    history.undo(debate)
    history.undo(debate)
    history.apply(debate, ops.add_claim(debate, "motion", "supports", "Three"))
    assert history.redo_stack == []
    history.undo(debate)
    assert debate == start and history.dirty  # the saved state was on the dropped branch


def test_adding_a_claim_to_a_big_debate_revalidates_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = [Claim(id="c0", text="root", kind="thesis")]
    claims += [
        Claim(id=f"c{i}", text=f"claim {i}", parent=f"c{i // 10}", relation="supports") for i in range(1, 10_000)
    ]
    debate = Debate(title="big", claims=claims)

    def forbidden(*_a: object, **_k: object) -> None:
        raise AssertionError("a whole-debate rebuild ran during a one-claim edit")

    from arguments.operations import claims as claim_edits

    monkeypatch.setattr(claim_edits, "ClaimTree", forbidden)
    monkeypatch.setattr(Debate, "model_validate", forbidden)
    history = History()
    history.apply(debate, ops.add_claim(debate, "c5000", "opposes", "A new point"))
    assert debate.claims[-1].parent == "c5000" and len(debate.claims) == 10_001
    history.undo(debate)
    assert len(debate.claims) == 10_000


# ---------------------------------------------------------------- random sequences

CLAIM_OPS, OTHER_OPS = CLAIM_EDITS, RECORD_EDITS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(CLAIM_OPS + OTHER_OPS), st.integers(0, 10_000), st.text(min_size=0, max_size=12)),
        max_size=25,
    )
)
def test_random_edits_then_undo_all_give_back_the_start(steps: list[tuple[str, int, str]]) -> None:
    debate = rich_debate()
    start = debate.model_copy(deep=True)
    history = History()
    for name, pick, text in steps:
        try:
            op = random_edit(debate, name, pick, text)
        except (OperationError, ZeroDivisionError):
            continue  # a refused edit must leave the debate untouched
        finally:
            assert check_integrity(debate) == []
        history.apply(debate, op)
        assert check_integrity(debate) == []
    while history.undo(debate):
        pass
    assert debate == start
    while history.redo(debate):
        pass
    assert check_integrity(debate) == []


def test_add_root_to_an_empty_debate() -> None:
    debate = Debate(title="Empty")
    after = roundtrip(debate, ops.add_root(debate, "Should we?"))
    assert [(c.id, c.kind, c.parent) for c in after.claims] == [("should-we", "thesis", None)]


def test_note_last_change() -> None:
    debate = rich_debate()
    ops.set_stance(debate, "shops", "grants", 2).apply(debate)
    after = roundtrip(debate, ops.note_last_change(debate, "shops", "grants", "after the grant news"))
    assert [c.note for c in after.stance_changes] == ["", "after the grant news"]
    with pytest.raises(OperationError, match="no change"):
        ops.note_last_change(debate, "council", "jobs", "x")


@pytest.mark.parametrize(
    ("build", "claims", "parents", "everything"),
    [
        (lambda d: ops.edit_claim(d, "cost", text="x"), {"cost"}, set(), False),
        (lambda d: ops.add_claim(d, "cost", "supports", "New"), {"new"}, {"cost"}, False),
        (lambda d: ops.move_claim(d, "cost", -1), {"cost", "traffic"}, {"motion"}, False),
        (lambda d: ops.move_under(d, "grants", "traffic"), {"grants"}, {"cost", "traffic"}, False),
        (lambda d: ops.set_stance(d, "shops", "jobs", 1), {"jobs"}, set(), False),
        (lambda d: ops.add_evidence(d, "temporary", "Six months"), {"temporary"}, set(), False),
        (lambda d: ops.edit_stakeholder(d, "shops", power=5), set(), set(), True),
    ],
)
def test_change_names_what_an_edit_touched(build, claims, parents, everything) -> None:  # noqa: ANN001
    debate = rich_debate()
    op = build(debate)
    change = ops.change_of(op, op.apply(debate))
    assert (change.claims, change.parents, change.everything) == (claims, parents, everything)
