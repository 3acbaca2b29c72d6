"""A few deliberate snapshots: the main view, the stance matrix, a form (80×24 and 100×32).

Deterministic: a fixed clock for stance history, no autosave, cursor blink off.
Update after looking at the report: `pytest tests/app/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from arguments import operations as ops
from tests.conftest import press
from tui.app import DebateApp


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ops, "now", lambda: "2026-11-26T10:15")


def steady(*keys: str):  # noqa: ANN201
    """A run_before that presses KEYS, then stops every cursor blinking."""

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        await press(pilot, *keys)
        for widget in pilot.app.screen.query("Input, TextArea"):
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = False
        await pilot.pause()

    return run_before


def test_main_view_80x24(snap_compare, small_debate_file: Path) -> None:  # noqa: ANN001
    app = DebateApp(small_debate_file, autosave=False)
    assert snap_compare(app, run_before=steady("asterisk", "down", "down"), terminal_size=(80, 24))


def test_stance_matrix(snap_compare, small_debate_file: Path) -> None:  # noqa: ANN001
    app = DebateApp(small_debate_file, autosave=False)
    assert snap_compare(app, run_before=steady("m", "down", "right", "3"), terminal_size=(100, 32))


def test_edit_form_with_error(snap_compare, small_debate_file: Path) -> None:  # noqa: ANN001
    app = DebateApp(small_debate_file, autosave=False)
    assert snap_compare(app, run_before=steady("plus", "space", "enter"), terminal_size=(100, 32))


def test_presenter_revealed_80x24(snap_compare, small_debate_file: Path) -> None:  # noqa: ANN001
    app = DebateApp(small_debate_file, autosave=False, present=True)
    assert snap_compare(app, run_before=steady("v", "down"), terminal_size=(80, 24))
