"""A big file read on two cores is checked here, from the models, as any other: a broken
reference in the part the second process read is refused with the problems the same
text read in one process gives."""

from __future__ import annotations

import pytest

from arguments import parallel_read
from arguments.model import Debate
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate


@pytest.fixture
def big_text() -> str:
    from benchmarks.generate import generate

    return dumps_debate(Debate.model_validate(generate(60)))


@pytest.fixture
def every_text_in_parallel(monkeypatch):
    monkeypatch.setattr(parallel_read, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel_read, "HEAD_CHARS", 300)


@pytest.mark.parametrize(
    "break_it",
    [
        lambda text: _last(text, 'parent = "', 'parent = "nobody'),  # a parent that is not there
        lambda text: _last(text, 'claim = "', 'claim = "nothing'),  # a stance on no claim
        lambda text: _last(text, 'id = "', 'id = "c0'),  # an id used twice
        lambda text: _last(text, 'stakeholder = "', 'stakeholder = "nobody'),  # checked here
    ],
)
def test_an_unsound_file_read_on_two_cores_is_refused_with_its_problem(every_text_in_parallel, big_text, break_it):
    broken = break_it(big_text)
    with pytest.raises(DebateError) as raised:
        parse_debate(broken, "d.toml")
    with pytest.raises(DebateError) as expected:
        parallel_read.PARALLEL_FROM = 1 << 40  # the same text read in one process, checked here
        parse_debate(broken, "d.toml")
    assert [str(p) for p in raised.value.problems] == [str(p) for p in expected.value.problems]


def _last(text: str, old: str, new: str) -> str:
    """TEXT with the last OLD (in the part the second process reads) made NEW (OLD's value
    then begins with NEW's, so the id is one no record has, or one another has)."""
    at = text.rindex(old)
    end = text.index('"', at + len(old))
    return text[:at] + new + text[end:]
