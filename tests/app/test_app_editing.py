"""Pilot tests: every editing key of the app, its undo and redo, checked on the model and the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from arguments import operations as ops
from arguments.integrity import check_integrity
from arguments.model import Debate
from arguments.storage import read_debate
from tests.conftest import press
from tui.app import DebateApp
from tui.screens.choice import ChoiceScreen
from tui.screens.evidence import EvidenceScreen
from tui.screens.form import FormScreen
from tui.screens.main import MainScreen
from tui.screens.matrix import MatrixScreen
from tui.screens.stakeholders import StakeholdersScreen
from tui.screens.stances import StancesScreen

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ops, "now", lambda: "2026-11-26T10:15")


@pytest.fixture
def debate_file(small_debate_file: Path) -> Path:
    return small_debate_file


def claim_ids(debate: Debate) -> list[str]:
    return [c.id for c in debate.claims]


def by_id(debate: Debate, cid: str):  # noqa: ANN201
    return next(c for c in debate.claims if c.id == cid)


async def go(pilot, app: DebateApp, claim_id: str) -> None:  # noqa: ANN001
    app.main.select_claim(claim_id)
    await pilot.pause()
    await pilot.pause()
    assert app.main.claim_id == claim_id


async def fill(pilot, app: DebateApp, **values: str) -> None:  # noqa: ANN001
    """Set form fields (by name) and submit with enter on the first field."""
    assert isinstance(app.screen, FormScreen)
    for name, value in values.items():
        widget = app.screen.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        else:
            widget.value = value  # type: ignore[attr-defined]
    await pilot.pause()
    app.screen.action_submit()
    await pilot.pause()


async def palette_pick(pilot, text: str) -> None:  # noqa: ANN001
    """Type TEXT into the open command palette, wait for its hits, take the first."""
    from textual.command import CommandList

    await pilot.press(*text)
    for _ in range(100):  # the palette searches in the background: poll, do not time
        await pilot.pause(0.05)
        if pilot.app.screen.query_one(CommandList).option_count:
            break
    await press(pilot, "enter")


async def undo_redo_roundtrip(pilot, app: DebateApp, before: Debate) -> None:  # noqa: ANN001
    """ctrl+z gives back BEFORE exactly; ctrl+y gives back the edit."""
    after = app.debate.model_copy(deep=True)
    assert check_integrity(after) == []
    await press(pilot, "ctrl+z")
    assert app.debate == before
    await press(pilot, "ctrl+y")
    assert app.debate == after


async def test_plus_adds_a_supporting_claim_and_saves_it(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.debate.model_copy(deep=True)
        await press(pilot, "plus")
        assert isinstance(app.screen, FormScreen)
        await press(pilot, *"Local", "space", *"jobs", "enter")
        new = by_id(app.debate, "local-jobs")
        assert (new.parent, new.relation, new.text) == ("motion", "supports", "Local jobs")
        assert app.main.claim_id == "local-jobs" and app.history.dirty
        await undo_redo_roundtrip(pilot, app, before)
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
        assert not app.history.dirty
        assert read_debate(debate_file) == app.debate


async def test_minus_adds_an_opposing_claim_under_the_selected_one(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "traffic")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "minus", *"Only at rush hour", "enter")
        new = by_id(app.debate, "only-at-rush-hour")
        assert (new.parent, new.relation) == ("traffic", "opposes")
        await undo_redo_roundtrip(pilot, app, before)


async def test_escape_cancels_and_blank_text_is_refused_in_place(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.debate.model_copy(deep=True)
        await press(pilot, "plus", *"half typed", "escape")
        assert isinstance(app.screen, MainScreen) and app.debate == before
        await press(pilot, "plus", "space", "enter")
        assert isinstance(app.screen, FormScreen)
        error = str(app.screen.query_one("#form-error").render())
        assert "cannot be empty" in error
        assert app.debate == before and not app.history.dirty


async def test_sibling_edit_kind_flip(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "traffic")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "n", *"Safer crossing", "enter")
        assert [c for c in claim_ids(app.debate) if by_id(app.debate, c).parent == "motion"] == [
            "traffic",
            "safer-crossing",
            "cost",
        ]
        await undo_redo_roundtrip(pilot, app, before)

        await go(pilot, app, "cost")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "e")
        await fill(pilot, app, text="The bridge costs 4 million.", notes="from the report")
        assert isinstance(app.screen, MainScreen)
        assert (by_id(app.debate, "cost").text, by_id(app.debate, "cost").notes) == (
            "The bridge costs 4 million.",
            "from the report",
        )
        await undo_redo_roundtrip(pilot, app, before)

        before = app.debate.model_copy(deep=True)
        await press(pilot, "t")
        assert by_id(app.debate, "cost").kind == "question"
        await undo_redo_roundtrip(pilot, app, before)

        before = app.debate.model_copy(deep=True)
        await press(pilot, "f")
        assert by_id(app.debate, "cost").relation == "supports"
        await undo_redo_roundtrip(pilot, app, before)


async def test_edit_form_refuses_blank_text_in_place(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "cost")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "e")
        await fill(pilot, app, text="   ")
        assert isinstance(app.screen, FormScreen)
        assert "cannot be empty" in str(app.screen.query_one("#form-error").render())
        assert app.debate == before


async def test_delete_asks_and_undo_brings_everything_back(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "cost")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "n")
        assert app.debate == before
        await press(pilot, "d", "y")
        assert claim_ids(app.debate) == ["motion", "traffic"]
        assert app.main.claim_id == "motion"
        await undo_redo_roundtrip(pilot, app, before)


async def test_moves_indent_outdent_cut_paste(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "cost")
        siblings = lambda d: [c.id for c in d.claims if c.parent == "motion"]  # noqa: E731
        for key, check in [
            ("greater_than_sign", lambda d: by_id(d, "cost").parent == "traffic"),
            ("less_than_sign", lambda d: siblings(d) == ["traffic", "cost"]),
            ("K", lambda d: siblings(d) == ["cost", "traffic"]),
            ("J", lambda d: siblings(d) == ["traffic", "cost"]),
        ]:
            before = app.debate.model_copy(deep=True)
            await press(pilot, key)
            assert check(app.debate), key
            assert app.main.claim_id == "cost"
            await undo_redo_roundtrip(pilot, app, before)

        await go(pilot, app, "grants")
        await pilot.press("x")
        await go(pilot, app, "traffic")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "p")
        assert by_id(app.debate, "grants").parent == "traffic"
        assert app.main.claim_id == "grants"
        await undo_redo_roundtrip(pilot, app, before)


async def test_add_evidence_on_a_claim(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "cost")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "v")
        await fill(pilot, app, text="The tender came in at 4.2 million", locator="p. 9")
        item = app.debate.evidence[-1]
        assert (item.claim, item.text, item.locator) == ("cost", "The tender came in at 4.2 million", "p. 9")
        await undo_redo_roundtrip(pilot, app, before)


async def test_stances_screen_single_keys_and_rationale(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "cost")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "s")
        assert isinstance(app.screen, StancesScreen)
        await pilot.press("down", "3", "n")  # shops: +3 then negated, one change in one visit
        await pilot.pause()
        stance = next(s for s in app.debate.stances if s.claim == "cost")
        assert (stance.stakeholder, stance.position) == ("shops", -3)
        assert [(c.from_, c.to) for c in app.debate.stance_changes] == [(None, -3)]
        await press(pilot, "r")
        await pilot.press(*"Fear", "space", *"taxes")  # r starts in the rationale: typing lands there
        assert app.screen.query_one("#field-rationale").text == "Fear taxes"
        await fill(pilot, app, rationale="Fear higher taxes")
        assert next(s for s in app.debate.stances if s.claim == "cost").rationale == "Fear higher taxes"
        for _ in range(2):
            await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.debate == before
        await press(pilot, "ctrl+y")
        assert app.debate.stance_changes[-1].to == -3


async def test_matrix_changes_the_cell_under_the_cursor(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, app, "motion")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "m")
        assert isinstance(app.screen, MatrixScreen)
        await pilot.press("plus")  # council on the motion: +2 -> +3
        await pilot.press("right", "minus")  # shops: -1 -> -2
        await pilot.press("down", "2")  # shops on traffic: none -> +2
        await pilot.pause()
        positions = {(s.stakeholder, s.claim): s.position for s in app.debate.stances}
        assert positions == {("council", "motion"): 3, ("shops", "motion"): -2, ("shops", "traffic"): 2}
        await press(pilot, "delete")
        assert ("shops", "traffic") not in {(s.stakeholder, s.claim) for s in app.debate.stances}
        for _ in range(4):
            await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.debate == before


async def test_stakeholders_add_edit_delete(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.debate.model_copy(deep=True)
        await press(pilot, "w")
        assert isinstance(app.screen, StakeholdersScreen)
        await press(pilot, "a")
        await fill(pilot, app, name="Regional government", group="regional government")
        added = app.debate.stakeholders[-1]
        assert (added.id, added.name, added.group) == (
            "regional-government",
            "Regional government",
            "regional government",
        )
        await undo_redo_roundtrip(pilot, app, before)

        await press(pilot, "a")
        await fill(pilot, app, id="council", name="Dup")
        assert isinstance(app.screen, FormScreen)
        assert "already used" in str(app.screen.query_one("#form-error").render())
        await press(pilot, "escape")

        before = app.debate.model_copy(deep=True)
        await pilot.press("down", "e")  # shops
        await pilot.pause()
        await fill(pilot, app, interests="Keep customers during the works")
        assert app.debate.stakeholders[1].interests == "Keep customers during the works"
        await undo_redo_roundtrip(pilot, app, before)

        before = app.debate.model_copy(deep=True)
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceScreen)  # shops has a stance: asks
        await press(pilot, "y")
        assert [s.id for s in app.debate.stakeholders] == ["council", "regional-government"]
        assert all(s.stakeholder != "shops" for s in app.debate.stances)
        await undo_redo_roundtrip(pilot, app, before)


async def test_evidence_and_sources_screen(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "V")
        assert isinstance(app.screen, EvidenceScreen)
        before = app.debate.model_copy(deep=True)
        await press(pilot, "e")
        await fill(pilot, app, text="Traffic falls by 30%")
        assert app.debate.evidence[0].text == "Traffic falls by 30%"
        await undo_redo_roundtrip(pilot, app, before)
        await press(pilot, "e")
        await fill(pilot, app, claim="nowhere")
        assert isinstance(app.screen, FormScreen)
        assert 'no claim "nowhere"' in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")

        await press(pilot, "tab")
        before = app.debate.model_copy(deep=True)
        await press(pilot, "a")
        await fill(pilot, app, citation="Smith (2020). Bridges and towns.")
        assert app.debate.sources[-1].id == "smith-2020-bridges-and-towns"
        await undo_redo_roundtrip(pilot, app, before)

        before = app.debate.model_copy(deep=True)
        await pilot.press("up", "d")  # delete the report: evidence keeps its text, loses the source
        await pilot.pause()
        assert [s.id for s in app.debate.sources] == ["smith-2020-bridges-and-towns"]
        assert app.debate.evidence[0].source is None
        await undo_redo_roundtrip(pilot, app, before)

        await press(pilot, "shift+tab", "d")
        assert app.debate.evidence == []


async def test_quit_asks_when_unsaved(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "t")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ChoiceScreen) and app.is_running
        await press(pilot, "c")
        assert app.is_running
        await pilot.press("ctrl+q", "s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
    assert read_debate(debate_file).claims[0].kind == "claim"


async def test_quit_without_saving_leaves_the_file(debate_file: Path) -> None:
    original = debate_file.read_bytes()
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "t", "ctrl+q", "q")
    assert debate_file.read_bytes() == original
    assert app.return_code == 0


async def test_quit_when_saved_does_not_ask(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+q")
        assert not app.is_running


async def test_palette_runs_actions_and_jumps_to_claims(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+p")
        await palette_pick(pilot, "Matrix")
        assert isinstance(app.screen, MatrixScreen)
        await press(pilot, "escape", "ctrl+p")
        await palette_pick(pilot, "regional grants")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.main.claim_id == "grants"
        await press(pilot, "ctrl+p")
        await palette_pick(pilot, "Shop owners")
        await pilot.pause()
        assert isinstance(app.screen, StakeholdersScreen)


async def test_search_jumps_to_claims_evidence_and_stakeholders(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "slash", *"grants", "enter")
        await pilot.pause()
        assert app.main.claim_id == "grants"
        await pilot.press("slash", *"third", "enter")  # evidence text -> its claim
        await pilot.pause()
        await pilot.pause()
        assert app.main.claim_id == "traffic"
        await press(pilot, "slash", *"shop owners", "enter")
        assert isinstance(app.screen, StakeholdersScreen)
        await pilot.press("slash", *"cuts traffic", "enter")  # from the stakeholders screen
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.main.claim_id == "traffic"


async def test_folding_keys(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.main.argument_tree
        await press(pilot, "asterisk")
        assert tree.last_line == 3  # all four claims shown
        await press(pilot, "0")
        assert tree.last_line == 0
        await press(pilot, "2")
        assert tree.last_line == 3
        await press(pilot, "1")
        assert tree.last_line == 2


async def test_export_markdown_asks_for_a_path(debate_file: Path, tmp_path: Path) -> None:
    from export import render

    target = tmp_path / "out.md"
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+e")
        await fill(pilot, app, path=str(target))
        assert isinstance(app.screen, MainScreen)
    assert target.read_text(encoding="utf-8") == render("markdown", read_debate(debate_file))


async def test_export_with_enter_writes_markdown_beside_the_debate(debate_file: Path) -> None:
    from export import render

    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+e")
        await pilot.press("enter")  # as a facilitator would: accept the suggested file
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert debate_file.with_suffix(".md").read_text(encoding="utf-8") == render("markdown", read_debate(debate_file))


async def test_export_offers_every_format(debate_file: Path, tmp_path: Path) -> None:
    from export import EXTENSIONS, render

    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+e")
        await fill(pilot, app, format="opml", path=str(tmp_path / "map.opml"))
        await press(pilot, "ctrl+e")
        await fill(pilot, app, format="dot", path="")  # empty: the debate's name, the format's extension
        await press(pilot, "ctrl+e")
        await fill(pilot, app, format="html", path=str(debate_file))
        assert isinstance(app.screen, FormScreen)  # refused in place: that is the debate itself
        assert "the debate itself" in str(app.screen.query_one("#form-error").render())
    debate = read_debate(debate_file)
    assert (tmp_path / "map.opml").read_text(encoding="utf-8") == render("opml", debate)
    dot = debate_file.with_suffix(EXTENSIONS["dot"])
    assert dot.read_text(encoding="utf-8") == render("dot", debate)


async def test_every_screen_and_help_open_and_close(debate_file: Path) -> None:
    app = DebateApp(debate_file, autosave=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ["question_mark", "w", "m", "V", "s", "P", "Q", "A"]:
            await press(pilot, key)
            assert not isinstance(app.screen, MainScreen), key
            await press(pilot, "escape")
            assert isinstance(app.screen, MainScreen), key


async def test_empty_debate_gets_its_motion_and_title(tmp_path: Path) -> None:
    from arguments.storage import write_debate

    path = tmp_path / "empty.toml"
    write_debate(Debate(title="Empty"), path)
    app = DebateApp(path, autosave=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "plus", *"Build it", "enter")
        assert [(c.id, c.kind) for c in app.debate.claims] == [("build-it", "thesis")]
        await press(pilot, "T")
        await fill(pilot, app, title="Bridge", question="Build the bridge?")
        assert (app.debate.title, app.debate.question) == ("Bridge", "Build the bridge?")
        assert app.main.argument_tree.root.label.plain == "Bridge"
        await press(pilot, "ctrl+z")
        assert app.debate.title == "Empty"
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the file is written in a thread
        await pilot.pause()
    assert read_debate(path) == app.debate


def test_help_lists_every_key_of_every_screen() -> None:
    from tui.screens.help import sections
    from tui.screens.presenter import PresenterScreen
    from tui.screens.questions import QuestionsScreen
    from tui.widgets.key_names import binding_keys

    listed = {title: set(rows) for title, rows in sections()}
    for title, screen in [
        ("Argument tree", MainScreen),
        ("Stance matrix", MatrixScreen),
        ("Stakeholders", StakeholdersScreen),
        ("Evidence and sources", EvidenceScreen),
        ("Presenter mode", PresenterScreen),
        ("Open questions", QuestionsScreen),
        ("Everywhere", DebateApp),
    ]:
        for binding in screen.BINDINGS:
            assert (binding_keys(binding), binding.description) in listed[title], (title, binding.key)
    assert ("+", "Pro") in listed["Argument tree"] and ("ctrl+s", "Save") in listed["Everywhere"]
    assert ("]", "Next branch") in listed["Presenter mode"] and ("/", "Search") in listed["Everywhere"]
    assert not [key for rows in listed.values() for key, _ in rows if "_" in key]  # no `right_square_bracket`
