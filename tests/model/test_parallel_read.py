"""A big canonical file is read on two cores (`arguments/parallel_read.py`): the answer must
be the one the single reader, tomli and the model give, whatever the text, and whatever
happens to the second process."""

from __future__ import annotations

import os
import select
import sys
import time

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
    monkeypatch.setattr(parallel_read, "HEAD_CHARS", 300)


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


def _answers(worker) -> list:
    """Everything WORKER sends, up to and with its last word."""
    sent = [worker.next()]
    while sent[-1] not in (None, "done"):
        sent.append(worker.next())
    worker.stop()
    return sent


def test_the_second_process_digests_the_text_after_the_head(monkeypatch, big_text):
    """Not only the fallback: the worker runs here and answers what this process would."""
    monkeypatch.setattr(parallel_read, "HEAD_CHARS", len(big_text) // 2)
    cut = toml_writer.next_cut(big_text, len(big_text) // 2)
    worker = parallel_read._Worker.of_text(big_text)  # noqa: SLF001
    assert worker is not None
    header, *parts, last = _answers(worker)
    assert header[:2] == (len(big_text), cut)
    assert last == "done"
    assert parts == toml_writer.digest_tail(big_text[cut:])  # one piece: CHUNK is the worker's
    with small_pieces(300):
        pieces = toml_writer.digest_tail(big_text[cut:])
    assert pieces is not None and sum(1 for part in pieces if part[2] == "stances") > 1


def test_pieces_taken_from_the_second_process_make_the_debate(every_text_in_parallel, monkeypatch, big_text):
    """The worker's pieces, many of them, are what this process validates: it digests none."""
    from arguments.loading import _validated_json, _validated_records

    whole = toml_writer.loads_canonical(big_text, _validated_records, _validated_json)
    monkeypatch.setattr(parallel_read, "_WORKER", _worker_program("toml_writer.CHUNK = 300"))
    monkeypatch.setattr(toml_writer, "digest_tail", _never)
    assert parallel_read.loads_canonical(big_text, _validated_records, _validated_json) == whole


def _never(*args):
    raise AssertionError("digested in this process")


def _worker_program(change: str) -> str:
    """The second process's program with CHANGE made to `toml_writer` or `read_worker` first."""
    return (
        "import sys, os, time; sys.path.insert(0, sys.argv[1]); "
        f"from arguments import toml_writer, read_worker; {change}; read_worker.main()"
    )


STOPS_SHORT = (
    "pieces = toml_writer.digested_pieces; toml_writer.CHUNK = 300; "
    "toml_writer.digested_pieces = lambda text: (p for i, p in enumerate(pieces(text)) if i < 3 or os._exit(1))"
)
STALLS = (
    "pieces = toml_writer.digested_pieces; toml_writer.CHUNK = 300; "
    "toml_writer.digested_pieces = lambda text: (p for i, p in enumerate(pieces(text)) if i < 3 or time.sleep(60))"
)
SKIPS_ONE = (
    "pieces = toml_writer.digested_pieces; toml_writer.CHUNK = 300; "
    "toml_writer.digested_pieces = lambda text: (p for i, p in enumerate(pieces(text)) if i != 2)"
)


@pytest.mark.parametrize("change", [STOPS_SHORT, STALLS, SKIPS_ONE, "read_worker.identity = lambda info: (0,)"])
def test_a_second_process_that_fails_midway_leaves_the_rest_read_here(
    every_text_in_parallel, monkeypatch, tmp_path, big_text, change
):
    """It dies after three pieces, stalls, or skips a piece: the
    pieces before are kept and the rest is read here. (Its identity check only matters
    for a file it read itself, so that change is tested through `prestart` below.)"""
    from arguments.loading import _validated_json, _validated_records

    whole = toml_writer.loads_canonical(big_text, _validated_records, _validated_json)
    monkeypatch.setattr(parallel_read, "_WORKER", _worker_program(change))
    monkeypatch.setattr(parallel_read, "STALL", 1.0)
    assert parallel_read.loads_canonical(big_text, _validated_records, _validated_json) == whole


def _debate_file(tmp_path, text: str):
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_prestarted_second_process_reads_the_file_for_the_load(
    every_text_in_parallel, monkeypatch, tmp_path, big_text
):
    from arguments.workfile import WorkFile

    path = _debate_file(tmp_path, big_text)
    expected = parse_debate(big_text, "d.toml")
    monkeypatch.setattr(parallel_read, "_WORKER", _worker_program("toml_writer.CHUNK = 300"))
    parallel_read.prestart(path, 1 << 30)
    monkeypatch.setattr(toml_writer, "digest_tail", _never)
    assert WorkFile(path).load() == expected
    assert not parallel_read._prestarted  # noqa: SLF001


@pytest.mark.parametrize("how", ["replaced", "written in place", "identity differs"])
def test_a_file_changed_after_prestart_is_read_as_it_is_now(
    every_text_in_parallel, monkeypatch, tmp_path, big_text, how
):
    """The second process read the old file: its pieces must not make the debate."""
    from arguments.workfile import WorkFile

    path = _debate_file(tmp_path, big_text)
    # small pieces, each of one table: the second process's JSON is what would be used
    change = "toml_writer.CHUNK = 300"
    if how == "identity differs":
        change += "; read_worker.identity = lambda info: (0,)"
    monkeypatch.setattr(parallel_read, "_WORKER", _worker_program(change))
    parallel_read.prestart(path, 1 << 30)
    assert parallel_read._prestarted  # noqa: SLF001
    # a letter near the end (the second process's part), the length kept: only the content tells
    at = big_text.rindex(' = "') + len(' = "')
    changed = big_text[:at] + ("Z" if big_text[at] != "Z" else "Y") + big_text[at + 1 :]
    if how == "replaced":
        other = tmp_path / "other.toml"
        other.write_text(changed, encoding="utf-8")
        other.replace(path)
    elif how == "written in place":
        # after the second process has read the file and said what it read: only this
        # process's look at the file after its own read can tell
        (worker,) = parallel_read._prestarted.values()  # noqa: SLF001
        assert select.select([worker._notified], [], [], 10)[0]  # noqa: SLF001
        time.sleep(0.01)  # a later modification time, even on a coarse clock
        with path.open("r+", encoding="utf-8") as file:
            file.write(changed)
    else:
        changed = big_text
    expected, started = parse_debate(changed, "d.toml"), []
    of_text = parallel_read._Worker.of_text  # noqa: SLF001
    monkeypatch.setattr(parallel_read._Worker, "of_text", lambda text: started.append(1) or of_text(text))  # noqa: SLF001
    assert WorkFile(path).load() == expected
    assert started == [1]  # the prestarted process was not used: one was started for the text read


def test_prestart_starts_nothing_for_what_is_not_a_big_regular_file(tmp_path, big_text):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)  # no writer: opening it to read must not wait
    small = _debate_file(tmp_path, big_text)  # under PARALLEL_FROM
    for path in (fifo, small, tmp_path / "missing.toml", tmp_path, "bad\0name"):
        parallel_read.prestart(path, 1 << 30)
    assert not parallel_read._prestarted  # noqa: SLF001


def test_prestart_starts_nothing_for_a_file_too_big_to_load(every_text_in_parallel, tmp_path, big_text):
    path = _debate_file(tmp_path, big_text)
    parallel_read.prestart(path, path.stat().st_size - 1)
    assert not parallel_read._prestarted  # noqa: SLF001
    parallel_read.prestart(path, path.stat().st_size)
    assert parallel_read._prestarted  # noqa: SLF001
    parallel_read._stop_unused()  # noqa: SLF001


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
    monkeypatch.setattr(parallel_read, "HEAD_CHARS", len(big_text) // 2)
    worker = parallel_read._Worker.of_text(big_text)  # noqa: SLF001
    assert worker is not None
    cut = toml_writer.next_cut(big_text, len(big_text) // 2)
    assert _answers(worker)[1:-1] == toml_writer.digest_tail(big_text[cut:])
    assert not marker.exists()


@pytest.mark.parametrize("share", [0.05, 0.3, 0.6, 0.95])
def test_a_tail_piece_holding_several_tables_is_read_the_general_way(
    every_text_in_parallel, digested_here, monkeypatch, big_text, share
):
    """Not by the general parser after the fast reader gave up: by the fast reader."""
    from arguments.loading import _validated_json, _validated_records

    monkeypatch.setattr(parallel_read, "HEAD_CHARS", int(len(big_text) * share))
    whole = toml_writer.loads_canonical(big_text, _validated_records, _validated_json)
    assert whole is not None
    assert parallel_read.loads_canonical(big_text, _validated_records, _validated_json) == whole
