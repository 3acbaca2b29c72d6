"""The second process that reads a big file also checks its records, the stances apart
(`read_worker.Soundness`), so that the app's load need not: it must say sound exactly when
the check here would, and a file found unsound, by it or by the stances' check here, must
be refused with every problem, as any other."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arguments import parallel_read, toml_writer
from arguments.integrity import check_integrity, columns_of
from arguments.loading import _validated_json, _validated_records
from arguments.model import Debate
from arguments.problems import DebateError
from arguments.read_worker import Soundness
from arguments.storage import dumps_debate, parse_debate
from tests.model.test_canonical_reader import EDITS, SETTINGS, small_pieces
from tests.model.test_integrity_bulk_check import BREAKS, _base, _break, broken_debates


def verdict_of(text: str, head: int) -> bool | str | None:
    """What the second process would say of TEXT cut after HEAD characters ("uncut" when
    there is no place to cut: such a text is read in one process)."""
    cut = toml_writer.next_cut(text, head)
    if cut < 0:
        return "uncut"
    checked = Soundness(text, cut)
    for part in toml_writer.digest_tail(text[cut:]) or []:
        checked.take(text[cut:], part)
    return checked.verdict()


def read_here(text: str) -> Debate | None:
    """TEXT read by this process's canonical reader, validated but not checked."""
    try:
        tables = toml_writer.loads_canonical(text, _validated_records, _validated_json)
        return None if tables is None else Debate.model_validate(tables)
    except ValueError:
        return None


@settings(SETTINGS, max_examples=200)
@given(broken_debates(), st.sampled_from([1, 200, 1_000]), st.sampled_from([None, 1, 300]))
def test_the_second_process_finds_sound_what_this_one_finds_sound(debate, head, chunk):
    text = dumps_debate(debate)
    with small_pieces(chunk):
        here = read_here(text)
        said = verdict_of(text, head)
    assert here is not None
    assert said in ("uncut", columns_of(here).sound_apart_from_stances())


@pytest.mark.parametrize("how", ["nothing", *BREAKS, "an id used twice"])
@pytest.mark.parametrize("head", [1, 40])
def test_each_broken_rule_is_found_by_the_second_process(how, head):
    debate = _base()
    if how == "an id used twice":
        debate.evidence[0].id = "s0"
    elif how != "nothing":
        _break(debate, how)
    assert verdict_of(dumps_debate(debate), head) is (how == "nothing" or how in STANCE_BREAKS)
    # and what the second process leaves to this one, this one finds
    found = check_integrity(debate, sound_but_stances=how in STANCE_BREAKS or how == "nothing")
    assert [str(p) for p in found] == [str(p) for p in check_integrity(debate)]
    assert (found == []) is (how in ("nothing", "child before parent"))


STANCE_BREAKS = ["unknown stakeholder", "unknown stance claim", "unknown stance evidence", "two stances on one claim"]


@SETTINGS
@given(
    broken_debates(),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), EDITS), min_size=1, max_size=3),
    st.sampled_from([None, 300]),
)
def test_of_an_edited_text_it_says_what_this_one_would_or_nothing(debate, edits, chunk):
    """Wherever the text is broken, a verdict it gives is the one the check here gives of
    what this process reads; when it cannot tell, it says None (and the check runs here)."""
    text = dumps_debate(debate)
    for where, drop, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + drop :]
    with small_pieces(chunk):
        here = read_here(text)
        said = verdict_of(text, 200)
    if here is not None:
        assert said in ("uncut", None, columns_of(here).sound_apart_from_stances())


@pytest.fixture
def big_text() -> str:
    from benchmarks.generate import generate

    return dumps_debate(Debate.model_validate(generate(60)))


@pytest.fixture
def every_text_in_parallel(monkeypatch):
    monkeypatch.setattr(parallel_read, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel_read, "HEAD_CHARS", 300)


def test_a_sound_file_read_on_two_cores_is_not_checked_again_here(every_text_in_parallel, monkeypatch, big_text):
    expected = parse_debate(big_text, "d.toml")
    monkeypatch.setattr("arguments.integrity.columns_of", _not_here)
    assert parse_debate(big_text, "d.toml") == expected


def _not_here(debate):
    raise AssertionError("checked in this process")


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
