"""Record texts made in a forked child are those a save writes: a cache seeded with them
saves the very bytes of a full save, after any edits; a child that fails or is stopped
leaves the cache to dump the records itself."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments import forked, record_texts
from arguments.model import Debate
from arguments.operations import History, OperationError
from arguments.save_cache import SaveCache
from arguments.snapshot import snapshot
from arguments.storage import dumps_debate, parse_debate
from benchmarks.generate import generate
from tests.conftest import SMALL_DEBATE
from tests.model.test_scale_save_cache import COMMENTED, STEPS
from tests.random_edits import random_edit

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="no fork here")


def test_a_seeded_cache_dumps_nothing_and_writes_a_full_saves_bytes() -> None:
    debate = Debate.model_validate(generate(300))
    cache = SaveCache()
    assert record_texts.seed_from_child(cache, snapshot(debate))
    assert cache.dumps(debate) == dumps_debate(debate)
    assert cache.dumped == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), STEPS)
def test_edits_after_seeding_save_the_bytes_of_a_full_save(commented: bool, steps: list[tuple[str, int, str]]) -> None:
    debate = parse_debate(COMMENTED if commented else SMALL_DEBATE)
    cache = SaveCache()
    assert record_texts.seed_from_child(cache, snapshot(debate))
    history = History()
    for name, pick, text in steps:
        if name in ("undo", "redo"):
            getattr(history, name)(debate)
            continue
        if name == "save":
            assert cache.dumps(snapshot(debate)) == dumps_debate(debate)
            continue
        try:
            history.apply(debate, random_edit(debate, name, pick, text))
        except (OperationError, ZeroDivisionError):
            continue
    assert cache.dumps(snapshot(debate)) == dumps_debate(debate)


def test_a_failing_child_leaves_the_dump_to_the_cache(monkeypatch) -> None:
    def broken(table, record):
        raise RuntimeError("the child's dump failed")

    monkeypatch.setattr(record_texts, "record_text", broken)  # what the forked child runs
    debate = Debate.model_validate(generate(50))
    cache = SaveCache()
    assert not record_texts.seed_from_child(cache, snapshot(debate))
    assert cache.dumps(debate) == dumps_debate(debate)
    assert cache.dumped > 50


def test_a_stopped_child_is_ended_and_nothing_is_seeded() -> None:
    debate = Debate.model_validate(generate(2000))
    cache = SaveCache()
    assert not record_texts.seed_from_child(cache, snapshot(debate), stop=lambda: True)
    cache.dumps(debate)
    assert cache.dumped > 2000


def test_a_stuck_child_is_ended_after_a_silence(monkeypatch) -> None:
    import time

    monkeypatch.setattr(record_texts, "record_text", lambda table, record: time.sleep(3600))  # the child hangs
    monkeypatch.setattr(record_texts, "SILENT_FOR", 0.3)
    debate = Debate.model_validate(generate(50))
    cache = SaveCache()
    assert not record_texts.seed_from_child(cache, snapshot(debate))
    assert cache.dumps(debate) == dumps_debate(debate)
