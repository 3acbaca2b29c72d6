"""A command reads a big canonical file on two cores straight from the file
(`parallel_read.loads_canonical_file`, through `read_debate`): the debate, or the refusal
and its message, must be the ones the single reader gives, whatever the text and whatever
happens to the second process."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arguments import loading, parallel_read, toml_writer
from arguments.loading import read_debate
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate
from tests.model.test_canonical_reader import EDITS, SETTINGS, reference
from tests.model.test_parallel_read import SKIPS_ONE, STALLS, STOPS_SHORT, _worker_program
from tests.strategies import debates

SMALL_PIECES = "toml_writer.CHUNK = 300"
"""The second process cuts the text into pieces of about 300 characters: many pieces, of
every kind (one table, several, nested tables), even in a small text."""


@pytest.fixture
def two_cores(monkeypatch):
    """Every file, however small, read on two cores: cut after 300 characters, the rest
    digested by a second process (in small pieces) that only the load starts."""
    monkeypatch.setattr(loading, "PRESTART_FROM", 0)
    monkeypatch.setattr(parallel_read, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel_read, "HEAD_CHARS", 300)
    monkeypatch.setattr(parallel_read, "_WORKER", _worker_program(SMALL_PIECES))


@pytest.fixture
def taken(monkeypatch) -> list[int]:
    """How many pieces this process took from the second one."""
    counted: list[int] = []
    take = toml_writer.Reader.take_digested

    def counting(self, text, parts, at=0):
        counted.append(len(parts))
        return take(self, text, parts, at)

    monkeypatch.setattr(toml_writer.Reader, "take_digested", counting)
    return counted


@pytest.fixture
def big_text() -> str:
    from arguments.model import Debate
    from benchmarks.generate import generate

    return dumps_debate(Debate.model_validate(generate(60)))


def _file(tmp_path, text: str):
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _loaded(path) -> object:
    """The debate at PATH, or the problems `read_debate` words for it."""
    try:
        return read_debate(path)
    except DebateError as exc:
        return [str(p) for p in exc.problems]


def _read_alone(path, monkeypatch) -> object:
    """What `_loaded` gives with the file read in one process, as before."""
    with monkeypatch.context() as alone:
        alone.setattr(loading, "PRESTART_FROM", 1 << 40)
        return _loaded(path)


def test_a_big_file_is_read_from_the_second_process_pieces(two_cores, taken, tmp_path, big_text):
    path = _file(tmp_path, big_text)
    expected = parse_debate(big_text, "d.toml")
    taken.clear()
    assert read_debate(path) == expected
    assert sum(taken) > 20  # the tail came from the second process, in many pieces


def test_a_prestarted_second_process_is_the_one_used(two_cores, taken, monkeypatch, tmp_path, big_text):
    path = _file(tmp_path, big_text)
    expected = parse_debate(big_text, "d.toml")
    taken.clear()
    parallel_read.prestart(path, 1 << 30, 0)
    started: list[int] = []
    monkeypatch.setattr(parallel_read._Worker, "of_file", lambda *args: started.append(1))  # noqa: SLF001
    assert read_debate(path) == expected
    assert not started and sum(taken) > 20
    assert not parallel_read._prestarted  # noqa: SLF001


@SETTINGS
@given(debates(), st.sampled_from([None, 7, 300]))
def test_any_debate_read_on_two_cores_is_the_debate(two_cores, tmp_path_factory, debate, block):
    """BLOCK: the bytes this process reads at a time (7 cuts characters of several bytes
    in two), and the characters of the pieces it feeds the head in."""
    path = _file(tmp_path_factory.mktemp("d"), dumps_debate(debate))
    saved = toml_writer.CHUNK
    toml_writer.CHUNK = block or saved
    try:
        assert read_debate(path) == debate
    finally:
        toml_writer.CHUNK = saved


@pytest.mark.slow
@SETTINGS
@given(
    debates(max_claims=5),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), EDITS), min_size=1, max_size=3),
)
def test_an_edited_file_read_on_two_cores_reads_as_tomli_reads_it(two_cores, tmp_path_factory, debate, edits):
    text = dumps_debate(debate)
    for where, drop, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + drop :]
    path = _file(tmp_path_factory.mktemp("d"), text)
    try:
        loaded = read_debate(path)
    except DebateError:
        loaded = None
    assert loaded == reference(text)


@pytest.mark.parametrize(
    "broken",
    [
        ('parent = "c1"', 'parent = "nowhere"'),  # a reference to no claim (the integrity check)
        ("power = ", "power = 9 #"),  # not in the canonical form: the general parser
        ("reliability = ", "reliability = 99\nx = "),  # a record the model refuses
    ],
)
def test_a_problem_in_the_second_process_part_is_worded_as_by_one_process(
    two_cores, monkeypatch, tmp_path, big_text, broken
):
    old, new = broken
    at = big_text.rindex(old)  # in the tail: the second process's part
    path = _file(tmp_path, big_text[:at] + new + big_text[at + len(old) :])
    problems = _loaded(path)
    assert isinstance(problems, list) and problems
    assert problems == _read_alone(path, monkeypatch)
    assert any(":" in p.split(str(path), 1)[1][:8] for p in problems)  # at a line


@pytest.mark.parametrize(
    "change",
    [STOPS_SHORT, STALLS, SKIPS_ONE, "read_worker.identity = lambda info: (0,)", "sys.stdin.buffer.read = lambda: b''"],
)
def test_a_second_process_that_fails_leaves_the_file_read_here(two_cores, monkeypatch, tmp_path, big_text, change):
    """It dies after three pieces, stalls, skips a piece, says it read another file, or
    reads nothing: the file is read in this process."""
    path = _file(tmp_path, big_text)
    monkeypatch.setattr(parallel_read, "_WORKER", _worker_program(f"{SMALL_PIECES}; {change}"))
    monkeypatch.setattr(parallel_read, "STALL", 1.0)
    assert read_debate(path) == parse_debate(big_text, "d.toml")


@pytest.mark.parametrize("interpreter", ["", "/bin/false", "/nonexistent/python"])
def test_without_a_second_process_the_file_is_read_here(two_cores, monkeypatch, tmp_path, big_text, interpreter):
    path = _file(tmp_path, big_text)
    monkeypatch.setattr(sys, "executable", interpreter)
    assert read_debate(path) == parse_debate(big_text, "d.toml")


def test_a_file_changed_after_prestart_is_read_as_it_is_now(two_cores, tmp_path, big_text):
    path = _file(tmp_path, big_text)
    parallel_read.prestart(path, 1 << 30, 0)
    at = big_text.rindex(' = "') + len(' = "')
    changed = big_text[:at] + ("Z" if big_text[at] != "Z" else "Y") + big_text[at + 1 :]
    other = tmp_path / "other.toml"
    other.write_text(changed, encoding="utf-8")
    other.replace(path)
    assert read_debate(path) == parse_debate(changed, "d.toml")
    assert not parallel_read._prestarted  # noqa: SLF001


def test_a_file_with_no_cut_near_its_head_is_read_here(two_cores, taken, monkeypatch, tmp_path, big_text):
    """A record at the cut longer than the few blocks of the head: nothing waits for a cut."""
    monkeypatch.setattr(toml_writer, "CHUNK", 100)  # the bytes read at a time
    text = big_text.replace('id = "src1"\ncitation = "', 'id = "src1"\ncitation = "' + "x" * 5000, 1)
    assert toml_writer.next_cut(text, 300) > 4 * 300
    path = _file(tmp_path, text)
    expected = parse_debate(text, "d.toml")
    taken.clear()
    assert read_debate(path) == expected
    assert not taken


def test_the_command_line_starts_the_second_process_before_the_command_is_imported(monkeypatch, tmp_path, big_text):
    from tui import cli

    path = _file(tmp_path, big_text)
    small = tmp_path / "small.toml"
    small.write_text(big_text[:100])
    started: list[str] = []
    monkeypatch.setattr(cli, "PRESTART_FROM", len(big_text) // 2)
    monkeypatch.setattr(parallel_read, "prestart", lambda name, *sizes: started.append(name))
    with pytest.raises(SystemExit):
        cli.main(["check", str(small), str(path), "--quiet"])
    assert started == [str(path)]
    started.clear()
    with pytest.raises(SystemExit):
        cli.main(["fmt", "--check", str(path)])  # fmt reads the text itself
    assert started == []


@pytest.mark.parametrize("where", ["head", "tail"])
def test_bytes_that_are_not_utf8_are_worded_where_they_are(two_cores, monkeypatch, tmp_path, big_text, where):
    """In the head this process reads, or in the tail only the second process reads."""
    data = big_text.encode("utf-8")
    at = data.index(b'citation = "') + 12 if where == "head" else data.rindex(b'rationale = "') + 13
    path = tmp_path / "big.toml"
    path.write_bytes(data[:at] + b"\xe9" + data[at:])
    problems = _loaded(path)
    assert problems == _read_alone(path, monkeypatch)
    line = data.count(b"\n", 0, at) + 1
    assert problems == [f"{path}:{line}: is not UTF-8 (byte 0xe9; Latin-1 or Windows-1252?); save it as UTF-8"]
