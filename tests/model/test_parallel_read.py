"""A big canonical file is read on two cores (`arguments/parallel_read.py`): the answer must
be the one the single reader, tomli and the model give, whatever the text, and whatever
happens to the second process."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arguments import parallel_read, toml_writer
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate
from tests.model.test_canonical_reader import EDITS, SETTINGS, reference, small_pieces
from tests.strategies import debates


@pytest.fixture
def every_text_in_parallel(monkeypatch):
    """Cut every text, however small, and hand its tail to the second process."""
    monkeypatch.setattr(parallel_read, "PARALLEL_FROM", 0)


@pytest.fixture
def digested_here(monkeypatch):
    """The tail digested in this process (as when no second process can start), so that
    `small_pieces` cuts it too and every kind of piece reaches `take_digested`."""
    monkeypatch.setattr(sys, "executable", "")


def parsed(text: str):
    try:
        return parse_debate(text, "d.toml")
    except DebateError:
        return None


@SETTINGS
@given(debates(), st.sampled_from([None, 1, 300]))
def test_a_canonical_text_read_on_two_cores_is_the_debate(every_text_in_parallel, digested_here, debate, chunk):
    from arguments.loading import _validated_json, _validated_records

    text = dumps_debate(debate)
    with small_pieces(chunk):
        assert parsed(text) == reference(text) == debate
        fast = parallel_read.loads_canonical(text, _validated_records, _validated_json)
        assert fast is not None  # read by the fast reader, not the general parser after it


@pytest.mark.slow
@SETTINGS
@given(
    debates(max_claims=5),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), EDITS), min_size=1, max_size=3),
    st.sampled_from([None, 1, 300]),
)
def test_an_edited_text_read_on_two_cores_reads_as_tomli_reads_it(
    every_text_in_parallel, digested_here, debate, edits, chunk
):
    text = dumps_debate(debate)
    for where, drop, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + drop :]
    with small_pieces(chunk):
        assert parsed(text) == reference(text)


def test_the_second_process_reads_the_tail(big_text):
    """Not only the fallback: the worker runs here and answers what this process would."""
    cut = toml_writer.next_cut(big_text, len(big_text) // 2)
    tail = big_text[cut:]
    answer = parallel_read._read_in_second_process(tail.encode("utf-8"))  # noqa: SLF001
    assert answer is not parallel_read._FAILED  # noqa: SLF001
    assert answer == toml_writer.digest_tail(tail)  # read in one piece here: CHUNK is the worker's
    with small_pieces(300):
        pieces = toml_writer.digest_tail(tail)
    assert pieces is not None and sum(1 for part in pieces if part[2] == "stances") > 1


@pytest.mark.parametrize("interpreter", ["", "/bin/false", "/nonexistent/python"])
def test_without_a_working_second_process_the_tail_is_read_here(
    every_text_in_parallel, monkeypatch, big_text, interpreter
):
    expected = parse_debate(big_text, "d.toml")
    monkeypatch.setattr(sys, "executable", interpreter)
    assert parse_debate(big_text, "d.toml") == expected


def test_a_table_that_is_a_key_before_the_cut_is_refused_as_tomli_refuses_it(every_text_in_parallel, big_text):
    """`stances = 1` above the cut and `[[stances]]` below it: tomli refuses the file, so
    must the reader whose halves never saw each other."""
    text = big_text.replace("\n\n[[sources]]", '\nstances = "x"\n\n[[sources]]', 1)
    assert reference(text) is None
    with pytest.raises(DebateError):
        parse_debate(text, "d.toml")


@pytest.fixture
def big_text() -> str:
    from arguments.model import Debate
    from benchmarks.generate import generate

    return dumps_debate(Debate.model_validate(generate(60)))


def test_a_planted_arguments_package_in_the_folder_is_never_run(tmp_path, monkeypatch, big_text):
    """The second process imports this copy of `arguments`, not one in the folder the app
    runs in (a debate folder from someone else may hold anything)."""
    planted = tmp_path / "arguments"
    planted.mkdir()
    marker = tmp_path / "ran"
    (planted / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (planted / "read_worker.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tmp_path / "json.py").write_text(f"open({str(marker)!r}, 'w').close()\n")  # the reader imports json
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    cut = toml_writer.next_cut(big_text, len(big_text) // 2)
    answer = parallel_read._read_in_second_process(big_text[cut:].encode("utf-8"))  # noqa: SLF001
    assert answer == toml_writer.digest_tail(big_text[cut:])
    assert not marker.exists()


@pytest.mark.parametrize("share", [0.05, 0.3, 0.6, 0.95])
def test_a_tail_piece_holding_several_tables_is_read_the_general_way(
    every_text_in_parallel, digested_here, monkeypatch, big_text, share
):
    """Not by the general parser after the fast reader gave up: by the fast reader."""
    from arguments.loading import _validated_json, _validated_records

    monkeypatch.setattr(parallel_read, "HEAD_SHARE", share)
    whole = toml_writer.loads_canonical(big_text, _validated_records, _validated_json)
    assert whole is not None
    assert parallel_read.loads_canonical(big_text, _validated_records, _validated_json) == whole
