"""A snapshot taken after an edit shares the earlier snapshot's unchanged tables and copies
the edited one: each stays the debate as it was when taken, whatever is edited after."""

from __future__ import annotations

from arguments import operations as ops
from arguments.operations import History
from arguments.snapshot import snapshot
from arguments.storage import dumps_debate, parse_debate
from tests.conftest import SMALL_DEBATE


def test_unchanged_tables_are_shared_and_the_edited_one_copied() -> None:
    debate = parse_debate(SMALL_DEBATE)
    history = History()
    first = snapshot(debate)
    first_text = dumps_debate(first)
    claim = debate.claims[1]
    history.apply(debate, ops.edit_claim(debate, claim.id, text="A new text"))
    second = snapshot(debate, first)
    assert second.stakeholders is first.stakeholders  # unchanged: shared, not copied
    assert second.claims is not first.claims and second.claims is not debate.claims
    second_text = dumps_debate(second)
    assert second_text == dumps_debate(debate) != first_text
    history.apply(debate, ops.edit_claim(debate, claim.id, text="Yet another"))
    history.undo(debate)
    history.undo(debate)  # back to the first version, in place
    assert dumps_debate(first) == first_text and dumps_debate(second) == second_text
    third = snapshot(debate, second)
    assert dumps_debate(third) == dumps_debate(debate) == first_text
