"""The TSV stance matrix, read back with Python's csv module (dialect excel-tab): the same
table as the csv export, one line per row, no tab or line break inside a cell, and no
text cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from arguments.model import Debate
from export import ExportOptions, render
from tests.formats.test_export_samples import SAMPLES
from tests.strategies import debates
from tui.cli import cli


def rows_of(debate: Debate, options: ExportOptions | None = None) -> list[list[str]]:
    text = render("tsv", debate, options)
    assert text.endswith("\n") and "\r" not in text
    return list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))


def csv_rows(debate: Debate) -> list[list[str]]:
    return list(csv.reader(io.StringIO(render("csv", debate), newline="")))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_same_table_as_csv_one_line_per_row(name: str) -> None:
    debate = SAMPLES[name]()
    text = render("tsv", debate)
    rows = rows_of(debate)
    assert len(text.splitlines()) == len(rows) == len(debate.claims) + 1  # no row spans lines
    expected = csv_rows(debate)
    assert [row[0] for row in rows] == [row[0] for row in expected]
    assert [row[2:] for row in rows] == [row[2:] for row in expected]  # positions as in csv
    for line in text.splitlines():
        assert line.count("\t") == len(debate.stakeholders) + 1  # every tab is a column boundary


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("a\tb", "a b"),
        ("first line\nsecond\r\nthird", "first line second third"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("\t=1+1", "' =1+1"),
        ('line\n=HYPERLINK("http://x")', 'line =HYPERLINK("http://x")'),
        ("-2", "'-2"),
        ('he said "no"\tand left', 'he said "no" and left'),
        ("one\u2028two\u2029three\x85four", "one two three\\x85four"),
    ],
)
def test_hostile_text_stays_in_its_cell_and_never_runs(text: str, cell: str) -> None:
    debate = SAMPLES["small"]()
    debate.claims[1].text = text
    header, *rows = rows_of(debate)
    row = next(row for row in rows if row[0] == debate.claims[1].id)
    assert row[1] == cell
    assert len(row) == len(header)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(debates())
def test_generated_debates_keep_one_line_per_claim_and_no_live_formula(debate: Debate) -> None:
    text = render("tsv", debate)
    header, *rows = rows_of(debate)
    assert len(text.splitlines()) == len(rows) + 1 and len(rows) == len(debate.claims)
    assert all(len(row) == len(header) == 2 + len(debate.stakeholders) for row in rows)
    for row in rows:
        assert not any(ch in row[1] for ch in "\t\r\n\u2028\u2029")
        assert not row[1].lstrip().startswith(("=", "+", "-", "@"))


def test_numbers_stay_numbers() -> None:
    _, *rows = rows_of(SAMPLES["hostile"]())
    numbers = [cell for row in rows for cell in row[2:] if cell]
    assert "-2" in numbers and all(int(cell) in range(-3, 4) for cell in numbers)


def test_the_command_writes_tsv(small_debate_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "stances.tsv"
    done = CliRunner().invoke(cli, ["export", str(small_debate_file), "-f", "tsv", "-o", str(out)])
    assert done.exit_code == 0, done.output
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline=""), dialect="excel-tab"))
    assert header[:2] == ["claim", "text"]


async def test_the_app_export_dialog_offers_tsv_and_names_the_file_for_it(small_debate_file: Path) -> None:
    from textual.widgets import Select

    from arguments.storage import read_debate
    from export.formats import writable
    from tests.app.test_app_editing import SIZE, fill
    from tui.app import DebateApp

    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        choice = app.screen.query_one("#field-format", Select)
        assert [value for _, value in choice._options if value != Select.NULL] == writable()
        await fill(pilot, app, format="tsv", path="")  # empty: the debate's name, the format's extension
    written = small_debate_file.with_suffix(".tsv")
    assert written.read_text(encoding="utf-8") == render("tsv", read_debate(small_debate_file))
