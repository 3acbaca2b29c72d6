"""Lines of problems in a canonical file are found without scanning it whole
(`locate.CanonicalLines`): the same lines `TomlLines` finds, for every place a problem can
be reported at."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arguments.integrity import check_integrity
from arguments.locate import CanonicalLines, TomlLines
from arguments.model import TABLES
from arguments.storage import dumps_debate
from tests.model.test_canonical_reader import SETTINGS
from tests.model.test_integrity_bulk_check import broken_debates


def every_place(debate) -> list[tuple]:
    """Each record of each table, each of its fields, one past the last record, and the
    problems' own places."""
    places: list[tuple] = [(p.loc) for p in check_integrity(debate)]
    for table in TABLES:
        records = getattr(debate, table)
        for i, record in enumerate([*records, None]):
            places.append((table, i))
            fields = type(record).model_fields if record is not None else {}
            for name, info in fields.items():
                places.append((table, i, info.alias or name))
                places.append((table, i, info.alias or name, 0))
    return places


@SETTINGS
@given(broken_debates(), st.booleans())
def test_the_lines_found_are_those_of_the_whole_scan(debate, schema_line):
    text = dumps_debate(debate)
    if schema_line:
        text = "#:schema ./debate.schema.json\n" + text
    fast, whole = CanonicalLines(text), TomlLines(text)
    for place in [*every_place(debate), ("title",), ("nothing", 0), ("claims", "x")]:
        assert fast.line_of(place) == whole.line_of(place), place


def test_a_problem_in_a_big_file_is_shown_at_its_line(tmp_path):
    from arguments.model import Debate
    from arguments.problems import DebateError
    from arguments.storage import parse_debate
    from benchmarks.generate import generate

    text = dumps_debate(Debate.model_validate(generate(300)))
    at = text.rindex('\nparent = "')
    broken = text[:at] + '\nparent = "nowhere' + text[text.index('"', at + 11) :]
    try:
        parse_debate(broken, "d.toml")
    except DebateError as exc:
        (problem,) = exc.problems
    line = broken[: broken.index('parent = "nowhere')].count("\n") + 1
    assert (problem.line, problem.message) == (line, 'no claim with id "nowhere"')


@SETTINGS
@given(broken_debates())
def test_a_broken_canonical_file_is_refused_as_the_general_read_refuses_it(tmp_path_factory, debate):
    """`check` words the problems of a canonical file from its one read (the lines found
    in its text): the very problems, at the very lines, of reading it again the general way."""
    from arguments.loading import _parse_debate, read_debate, read_text
    from arguments.problems import DebateError

    path = tmp_path_factory.mktemp("d") / "d.toml"
    path.write_text(dumps_debate(debate), encoding="utf-8")
    try:
        _parse_debate(read_text(path), str(path), "toml")
        expected = None
    except DebateError as exc:
        expected = [str(p) for p in exc.problems]
    try:
        read_debate(path)
        got = None
    except DebateError as exc:
        got = [str(p) for p in exc.problems]
    assert got == expected


def test_a_file_changed_before_its_problems_are_located_is_read_again(tmp_path):
    import os

    import pytest

    from arguments.loading import _refuse_located
    from arguments.problems import DebateError, Problem

    path = tmp_path / "d.toml"
    path.write_text('title = "T"\n', encoding="utf-8")
    found = [Problem("no claim with id x", ("claims", 0, "parent"))]
    with pytest.raises(DebateError):
        _refuse_located(path, os.stat(path), found)
    before = os.stat(path)
    path.write_text('title = "T2"\n', encoding="utf-8")
    assert _refuse_located(path, before, found) is None  # the general read words the file as it is now


@pytest.mark.parametrize("read", ["from the file", "from a text"])
def test_thousands_of_broken_references_list_the_first_and_a_count(monkeypatch, tmp_path, read):
    """One stakeholder's id changed: every stance of theirs names no one. The first are
    listed at their lines, then a count, as for validation problems."""
    from arguments import loading
    from arguments.model import Debate
    from arguments.problems import DebateError
    from arguments.storage import parse_debate, read_debate
    from benchmarks.generate import generate

    monkeypatch.setattr(loading, "MAX_LISTED", 5)
    text = dumps_debate(Debate.model_validate(generate(300)))
    opening = '[[stakeholders]]\nid = "'
    at = text.index(opening) + len(opening)
    holder = text[at : text.index('"', at)]
    broken = text[:at] + "renamed-" + text[at:]
    path = tmp_path / "d.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DebateError) as raised:
        read_debate(path) if read == "from the file" else parse_debate(broken, str(path))
    *listed, count = [str(p) for p in raised.value.problems]
    stances = broken.count(f'\nstakeholder = "{holder}"\n')
    assert stances > 5 and count == f"{path}: {stances:,} problems in all; only the first are listed"
    lines = broken.split("\n")
    assert len(listed) == 5
    for problem in listed:
        line = int(problem.split(":")[1])
        assert lines[line - 1] == f'stakeholder = "{holder}"' and f'no stakeholder with id "{holder}"' in problem
