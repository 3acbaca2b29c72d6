"""The save cache writes the very bytes of a full save, after any sequence of edits made
through the operations (undo and redo included), with comments and polls in the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments import operations as ops
from arguments.model import Claim, Debate
from arguments.operations import History, OperationError
from arguments.save_cache import SaveCache
from arguments.storage import dumps_debate, parse_debate
from tests.conftest import SMALL_DEBATE
from tests.random_edits import random_edit

COMMENTED = (
    "#:schema ./debatemap.schema.json\n# The bridge debate, as the council saw it.\n\n"
    + SMALL_DEBATE.replace('title = "Small debate"', 'title = "Small debate"  # working title')
    + """
# The room's answers.
[[polls]]
claim = "motion"
opened = "2026-11-29T10:05:12"
counts = [0, 1, 2, 3, 0, 1, 0]  # first showing

[[stance_changes]]
# Shops changed their minds after the grant.
at = "2026-01-01"
stakeholder = "shops"
claim = "grants"
from = 0
to = 1

# Kept at the end of the file.
"""
)

OPS = [
    "add", "sibling", "edit", "flip", "delete", "up", "down", "under", "indent", "outdent",
    "evidence", "stance", "clear", "stakeholder", "del-stakeholder", "title", "poll", "count",
    "undo", "redo", "save",
]  # fmt: skip


STEPS = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 10_000), st.text(min_size=0, max_size=12)), max_size=30)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), STEPS)
def test_incremental_save_bytes_equal_a_full_save(commented: bool, steps: list[tuple[str, int, str]]) -> None:
    debate = parse_debate(COMMENTED if commented else SMALL_DEBATE)
    cache = SaveCache()
    history = History()
    assert cache.dumps(debate) == dumps_debate(debate)
    for name, pick, text in steps:
        if name == "undo":
            history.undo(debate)
        elif name == "redo":
            history.redo(debate)
        elif name == "save":
            assert cache.dumps(debate) == dumps_debate(debate)
            continue
        else:
            try:
                op = random_edit(debate, name, pick, text)
            except (OperationError, ZeroDivisionError):
                continue
            history.apply(debate, op)
    assert cache.dumps(debate) == dumps_debate(debate)
    assert parse_debate(cache.dumps(debate)) == debate


def test_the_comments_survive_an_incremental_save() -> None:
    debate = parse_debate(COMMENTED)
    cache = SaveCache()
    cache.dumps(debate)
    History().apply(debate, ops.edit_claim(debate, "grants", text="A new text"))
    text = cache.dumps(debate)
    for comment in (
        "# The bridge debate",
        "# working title",
        "# first showing",
        "# Shops changed",
        "# Kept at the end",
    ):
        assert comment in text
    assert text.startswith("#:schema ./debatemap.schema.json\n")


def test_a_save_after_one_edit_writes_only_that_record_anew() -> None:
    claims = [Claim(id="c0", text="root", kind="thesis")]
    claims += [Claim(id=f"c{i}", text=f"claim {i}", parent=f"c{i // 10}", relation="supports") for i in range(1, 2000)]
    debate = Debate(title="big", claims=claims)
    cache = SaveCache()
    cache.dumps(debate)
    assert cache.dumped == 2000
    History().apply(debate, ops.edit_claim(debate, "c1500", text="changed"))
    assert cache.dumps(debate) == dumps_debate(debate)
    assert cache.dumped == 1


def test_a_comment_changed_in_place_is_written_anew() -> None:
    debate = parse_debate(COMMENTED)
    cache = SaveCache()
    cache.dumps(debate)
    notes = debate._comments.records[("polls", "motion@2026-11-29T10:05:12")]
    notes.trailing["counts"] = "  # changed"
    assert "# changed" in cache.dumps(debate) == dumps_debate(debate)


def test_json_files_are_dumped_whole() -> None:
    debate = parse_debate(SMALL_DEBATE)
    assert SaveCache().dumps(debate, "json") == dumps_debate(debate, "json")


def test_a_long_dump_pauses_between_batches_and_still_writes_the_same_bytes() -> None:
    from arguments.save_cache import BATCH

    claims = [Claim(id="c0", text="root", kind="thesis")]
    claims += [Claim(id=f"c{i}", text=f"claim {i}", parent="c0", relation="supports") for i in range(1, 1000)]
    debate = Debate(title="big", claims=claims)
    pauses: list[int] = []
    cache = SaveCache()
    assert cache.dumps(debate, pause=lambda: pauses.append(cache.dumped)) == dumps_debate(debate)
    assert pauses == list(range(BATCH, 1001, BATCH))


def test_keys_held_without_end_hold_a_dump_back_only_so_long(monkeypatch) -> None:
    from arguments import save_cache

    clock = [0.0]
    monkeypatch.setattr(save_cache.time, "monotonic", lambda: clock[0])

    def typing_on() -> None:  # each pause waits a second of the fake clock
        clock[0] += 1.0

    claims = [Claim(id="c0", text="root", kind="thesis")]
    claims += [Claim(id=f"c{i}", text=f"claim {i}", parent="c0", relation="supports") for i in range(1, 2000)]
    debate = Debate(title="big", claims=claims)
    assert SaveCache().dumps(debate, pause=typing_on) == dumps_debate(debate)
    assert clock[0] == save_cache.PAUSE_BUDGET  # 10 batches, paused for the first 3 only
