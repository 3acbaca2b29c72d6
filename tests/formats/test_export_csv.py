"""The CSV stance matrix, read back with the csv module: one row per claim, one column
per stakeholder, positions as numbers, no text cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io

import pytest

from arguments.model import Debate
from export import ExportOptions, claims_in_scope, clean, render
from tests.formats.test_export_samples import SAMPLES

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def rows_of(debate: Debate, options: ExportOptions | None = None) -> list[list[str]]:
    text = render("csv", debate, options)
    assert text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline="")))


def expected_text(text: str) -> str:
    shown = clean(text)
    return "'" + shown if shown.lstrip().startswith(TRIGGERS) or shown.startswith(TRIGGERS) else shown


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_one_row_per_claim_one_column_per_stakeholder(name: str) -> None:
    debate = SAMPLES[name]()
    header, *rows = rows_of(debate)
    ids = [s.id for s in debate.stakeholders]
    assert header == ["claim", "text", *ids]
    scope = claims_in_scope(debate, ExportOptions())
    assert [row[0] for row in rows] == [claim.id for claim, _ in scope]
    positions = {(s.claim, s.stakeholder): s.position for s in debate.stances}
    for row, (claim, _) in zip(rows, scope):
        assert len(row) == len(header)
        assert row[1] == expected_text(claim.text)
        for sid, cell in zip(ids, row[2:]):
            assert cell == (str(positions[(claim.id, sid)]) if (claim.id, sid) in positions else "")


def test_negative_positions_stay_numbers_and_formulas_are_defused() -> None:
    debate = SAMPLES["hostile"]()
    _header, *rows = rows_of(debate)
    numbers = [cell for row in rows for cell in row[2:] if cell]
    assert "-2" in numbers and all(int(cell) in range(-3, 4) for cell in numbers)
    texts = [row[1] for row in rows]
    assert not any(t.lstrip().startswith(TRIGGERS) for t in texts)
    defused = [t for t in texts if t.startswith("'")]
    assert len(defused) >= 4 and all(t[1:].lstrip().startswith(TRIGGERS) for t in defused)


@pytest.mark.parametrize("text", ["=cmd()", "+1+2", "-2", "@SUM(A1)", "\tx", " =1+1", '=HYPERLINK("http://x")'])
def test_each_formula_start_is_defused(text: str) -> None:
    debate = SAMPLES["small"]()
    debate.claims[1].text = text
    _, *rows = rows_of(debate)
    cell = next(row[1] for row in rows if row[0] == debate.claims[1].id)
    assert cell == "'" + clean(text)


def test_depth_option_keeps_the_top_rows() -> None:
    debate = SAMPLES["deep"]()
    _, *rows = rows_of(debate, ExportOptions(depth=2))
    assert [row[0] for row in rows] == ["c0", "c1", "c2"]
