"""Hostile text in every field of every view: the app keeps running and shows it literally."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest

from arguments.display import is_hidden_control
from arguments.model import Claim, Debate, Evidence, Link, Source, Stakeholder, Stance
from arguments.storage import read_debate, write_debate
from tests.conftest import press
from tui.app import DebateApp
from tui.screens.form import FormScreen
from tui.screens.main import MainScreen

ATTACKS = [
    "[/]",
    "[@click=app.quit]x[/]",
    "[Bold]x",
    "[$accent]y",
    "[ bold]z",
    "[link=https://evil.example]l[/link]",
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\u009b31m",
    "\x1bc",
    "\x7f",
    "\u202eevil\u202c",
    "\u200b\ufeff",
    "👩\u200d👩\u200d👧",
]
HOSTILE = " ".join(ATTACKS)
SIZE = (120, 40)


def hostile_debate() -> Debate:
    h = HOSTILE
    return Debate(
        title="T " + h,
        question="Q " + h,
        description="D " + h,
        sources=[Source(id="src", citation="C " + h, url="https://x.example/" + "%5B", file=None)],
        stakeholders=[
            Stakeholder(id="alpha", name="A " + h, short="S " + h, group="G " + h, interests="I " + h, notes="N " + h),
            Stakeholder(id="beta", name="[/]beta"),
        ],
        claims=[
            Claim(id="motion", text="M " + h, kind="thesis", notes="notes " + h, tags=["t " + h]),
            Claim(id="pro", text="P " + h, parent="motion", relation="supports"),
            Claim(id="con", text="K " + h, parent="motion", relation="opposes", kind="question"),
        ],
        links=[Link.model_validate({"from": "con", "to": "pro", "relation": "opposes", "notes": "L " + h})],
        evidence=[Evidence(id="ev", claim="pro", text="E " + h, quote="Q " + h, source="src", locator="loc " + h)],
        stances=[Stance(stakeholder="alpha", claim="motion", position=2, rationale="R " + h)],
    )


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    write_debate(hostile_debate(), path)
    assert read_debate(path) == hostile_debate()
    return path


def screen_text(app: DebateApp) -> str:
    """What the screen shows, from the SVG screenshot, as plain text."""
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
    return text


def assert_safe(app: DebateApp, where: str) -> str:
    assert app.is_running, where
    shown = screen_text(app)
    hidden = [ch for ch in shown if is_hidden_control(ch)]
    assert hidden == [], f"{where}: control characters reached the screen: {hidden!r}"
    return shown


@pytest.mark.slow
async def test_hostile_text_is_shown_literally_everywhere(hostile_file: Path) -> None:
    app = DebateApp(hostile_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "asterisk")
        shown = assert_safe(app, "main")
        assert "[@click=app.quit]x[/]" in shown and "[Bold]x" in shown and "\\x1b[2J" in shown
        assert "\\u202eevil" in shown
        for claim in ("pro", "con"):
            app.main.select_claim(claim)
            await pilot.pause()
            await pilot.pause()
            shown = assert_safe(app, f"details of {claim}")
        assert "E [/] [@click=app.quit]x[/]" in shown or "[$accent]y" in shown

        screens = [
            ("s", "stances"),
            ("m", "matrix"),
            ("w", "stakeholders"),
            ("V", "evidence"),
            ("question_mark", "help"),
            ("P", "presenter"),
            ("Q", "questions"),
            ("A", "analysis"),
        ]
        for key, name in screens:
            await press(pilot, key)
            assert not isinstance(app.screen, MainScreen), name
            shown = assert_safe(app, name)
            if name != "help":
                assert "[/]" in shown, name
            await press(pilot, "escape")

        await press(pilot, "slash", *"[/]")
        assert "[/]beta" in assert_safe(app, "search")
        await pilot.press("escape", "ctrl+p", *"click")
        await pilot.pause(0.3)
        assert_safe(app, "palette")
        await press(pilot, "escape")


async def test_untouched_forms_keep_hostile_data_exactly(hostile_file: Path) -> None:
    app = DebateApp(hostile_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        original = app.debate.model_copy(deep=True)
        for opener in ("e", "s r", "w e", "V e"):
            for key in opener.split():
                await press(pilot, key)
            assert isinstance(app.screen, FormScreen), opener
            shown = assert_safe(app, f"form {opener}")
            assert "\\x1b" in shown
            app.screen.action_submit()
            await pilot.pause()
            while not isinstance(app.screen, MainScreen):
                await press(pilot, "escape")
        assert app.debate == original  # escapes shown, data untouched


async def test_hostile_text_typed_into_a_form_is_stored_as_typed(hostile_file: Path) -> None:
    app = DebateApp(hostile_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "plus")
        typed = "[@click=app.quit]x[/] [Bold]y"
        app.screen.query_one("#field-text").value = typed  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert app.debate.claims[-1].text == typed
        assert typed in assert_safe(app, "after adding")
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
    assert read_debate(hostile_file).claims[-1].text == typed


def test_attacks_include_every_category() -> None:
    assert any(unicodedata.category(ch) == "Cf" for ch in HOSTILE)
    assert any(unicodedata.category(ch) == "Cc" for ch in HOSTILE)


async def test_messages_quoting_user_input_are_plain(hostile_file: Path) -> None:
    app = DebateApp(hostile_file, autosave=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify("[@click=app.quit]x[/] \x1b]0;t\x07", markup=True)
        await pilot.pause()
        note = list(app._notifications)[-1]
        assert note.message == "[@click=app.quit]x[/] \\x1b]0;t\\x07" and not note.markup
        assert app.is_running


async def test_huge_and_combining_text_is_cut_for_display(tmp_path: Path) -> None:
    from arguments.model import MAX_TEXT

    huge = "word " * (MAX_TEXT // 5)
    marks = "e" + "\u0301" * 500
    debate = Debate(
        title="Big text",
        stakeholders=[Stakeholder(id="s", name=marks)],
        claims=[
            Claim(id="motion", text=huge, kind="thesis", notes=huge),
            Claim(id="marks", text=marks, parent="motion", relation="supports"),
        ],
        stances=[Stance(stakeholder="s", claim="motion", position=1, rationale=huge)],
    )
    path = tmp_path / "big-text.toml"
    write_debate(debate, path)
    app = DebateApp(path, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "…[cut]" in screen_text(app)
        for key in ["s", "escape", "m", "escape", "P", "v", "right", "escape", "e"]:
            await press(pilot, key)
        assert app.is_running
        app.screen.action_submit()  # untouched: the huge text is kept exactly
        await pilot.pause()
    assert app.debate == debate
