"""`History.amend`: successive stance steps folded into one edit with an exact inverse."""

from __future__ import annotations

import pytest

from arguments import operations as ops
from arguments.operations import History, OperationError
from arguments.storage import parse_debate
from tests.conftest import SMALL_DEBATE


def test_amend_folds_steps_into_one_undoable_change() -> None:
    debate = parse_debate(SMALL_DEBATE)
    before = debate.model_copy(deep=True)
    history = History()
    history.apply(debate, ops.set_stance(debate, "shops", "motion", 0))
    step, _, _ = history.amend(debate, lambda: ops.set_stance(debate, "shops", "motion", 1))
    assert step is not None and len(history.undo_stack) == 1
    assert [(c.from_, c.to) for c in debate.stance_changes if c.stakeholder == "shops"] == [(-1, 1)]
    history.undo(debate)
    assert debate == before
    history.redo(debate)
    assert [(c.from_, c.to) for c in debate.stance_changes if c.stakeholder == "shops"] == [(-1, 1)]


def test_amend_to_nothing_drops_the_step_and_a_failed_build_keeps_it() -> None:
    debate = parse_debate(SMALL_DEBATE)
    before = debate.model_copy(deep=True)
    history = History()
    history.apply(debate, ops.set_stance(debate, "shops", "motion", 0))
    after_one = debate.model_copy(deep=True)

    def refused() -> ops.Operation:
        raise OperationError("no")

    with pytest.raises(OperationError):
        history.amend(debate, refused)
    assert debate == after_one and len(history.undo_stack) == 1
    step, _, _ = history.amend(debate, lambda: None)
    assert step is None and debate == before and not history.undo_stack and not history.dirty
