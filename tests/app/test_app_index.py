"""The app's per-edit bookkeeping stays equal to a full rebuild: the claim index the tree
refreshes from a `Change`, and the per-claim records the details panel groups."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments import operations as ops
from arguments.claim_records import ClaimRecords, group_tables
from arguments.model import Debate
from arguments.operations import History, OperationError
from arguments.summary import summarise
from arguments.tree import ClaimTree
from tests.model.test_operations import rich_debate
from tests.random_edits import CLAIM_EDITS, RECORD_EDITS, random_edit
from tui.widgets.argument_tree import refresh_index
from tui.widgets.claim_details import describe_claim


def shape(tree: ClaimTree) -> tuple[dict[str, object], dict[str | None, list[str]]]:
    """What an index says, with empty child lists dropped (a rebuild never makes them)."""
    return dict(tree.by_id), {parent: kids for parent, kids in tree.children.items() if kids}


def follow(index: ClaimTree, records: ClaimRecords, debate: Debate, change: ops.Change) -> None:
    """Do what the app does with a change."""
    if change.everything:
        index.by_id, index.children = (fresh := ClaimTree.of(debate)).by_id, fresh.children
    else:
        refresh_index(index, debate, change.claims, change.parents)
    records.changed(change)


def check(index: ClaimTree, records: ClaimRecords, debate: Debate) -> None:
    assert shape(index) == shape(ClaimTree.of(debate))
    fresh = ClaimRecords(debate)
    for claim in debate.claims:
        assert describe_claim(debate, claim.id, records).plain == describe_claim(debate, claim.id).plain
        assert records.summary(claim.id) == fresh.summary(claim.id) == summarise(debate)[claim.id]


def edit_and_check(
    history: History, debate: Debate, index: ClaimTree, records: ClaimRecords, edit: tuple[str, int, str]
) -> None:
    """Apply EDIT (skipped when it cannot apply here), follow it as the app does, check."""
    try:
        op = random_edit(debate, *edit)
    except (OperationError, ZeroDivisionError):
        return
    step = history.apply(debate, op)
    follow(index, records, debate, ops.change_of(step.redo, step.undo))
    check(index, records, debate)


def edit_steps(most: int) -> st.SearchStrategy[list[tuple[str, int, str]]]:
    """Up to MOST random edits, as `random_edit` takes them."""
    edit = st.tuples(
        st.sampled_from(CLAIM_EDITS + RECORD_EDITS), st.integers(0, 10_000), st.text(min_size=1, max_size=12)
    )
    return st.lists(edit, max_size=most)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(edit_steps(20))
def test_index_and_records_follow_edits_undo_and_redo(steps: list[tuple[str, int, str]]) -> None:
    debate = rich_debate()
    index = ClaimTree.of(debate)
    records = ClaimRecords(debate, lambda: index.by_id)
    check(index, records, debate)
    history = History()
    for name, pick, text in steps:
        edit_and_check(history, debate, index, records, (name, pick, text))
    while (step := history.undo(debate)) is not None:
        follow(index, records, debate, ops.change_of(step.undo, step.redo))
        check(index, records, debate)
    while (step := history.redo(debate)) is not None:
        follow(index, records, debate, ops.change_of(step.redo, step.undo))
        check(index, records, debate)


@SETTINGS
@given(edit_steps(12), st.integers(0, 12), st.integers(0, 12))
def test_records_grouped_in_another_thread_follow_edits_too(
    steps: list[tuple[str, int, str]], taken: int, installed: int
) -> None:
    """The app groups stances and evidence in a thread after the first frame: lookups made
    before the grouping arrives, and a grouping made before an edit, must not show stale records."""
    debate = rich_debate()
    index = ClaimTree.of(debate)
    records = ClaimRecords(debate, lambda: index.by_id)
    records.defer_grouping()
    records.prefetch([c.id for c in debate.claims[:3]])
    history = History()
    work = None
    for at, (name, pick, text) in enumerate(steps):
        if at == taken:
            work = records.deferred_work()
        if at == max(taken, installed) and work is not None:
            records.install(group_tables(work[0]), work[1])
        edit_and_check(history, debate, index, records, (name, pick, text))
    if work is not None:
        records.install(group_tables(work[0]), work[1])
    check(index, records, debate)


def test_a_new_motion_joins_the_roots_and_orphans_stay_roots() -> None:
    debate = rich_debate()
    debate.claims.append(debate.claims[-1].model_copy(update={"id": "orphan", "parent": "gone-long-ago"}))
    index = ClaimTree.of(debate)
    assert "orphan" in index.roots
    step = History().apply(debate, ops.add_root(debate, "A second motion"))
    refresh_index(index, debate, *_claims_and_parents(ops.change_of(step.redo, step.undo)))
    assert shape(index) == shape(ClaimTree.of(debate))
    assert index.roots[-2:] == ["orphan", "a-second-motion"]


def _claims_and_parents(change: ops.Change) -> tuple[set[str], set[str | None]]:
    return change.claims, change.parents
