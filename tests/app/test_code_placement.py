"""The house rules of the app's code that a reader relies on: screens reach the app typed,
hear about changes one way, list their own keys in help; pure parts live in arguments/."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from textual.binding import Binding

from arguments import operations as ops
from arguments.diff_summary import difference_lines
from arguments.snapshot import snapshot
from arguments.storage import parse_debate
from tests.conftest import SMALL_DEBATE

ROOT = Path(__file__).resolve().parent.parent


def test_no_type_ignore_hides_a_missing_attribute_in_the_app() -> None:
    hidden = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "tui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"type:\s*ignore\[[^\]]*attr-defined", line)
    ]
    assert hidden == []


def test_widgets_never_import_screens_or_the_app() -> None:
    offending = [
        path.name
        for path in sorted((ROOT / "tui" / "widgets").glob("*.py"))
        if re.search(r"^\s*from \.\.(screens|app)\b", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert offending == []


def test_every_screen_hears_a_change_through_the_same_signature() -> None:
    from tui.app import DebateApp  # noqa: F401 - imports every screen the app opens at start
    from tui.screens.base import DebateScreen
    from tui.screens.help import listed_screens

    listed_screens()  # imports the whole screens package
    screens: list[type] = []
    pending: list[type] = [DebateScreen]
    while pending:
        cls = pending.pop()
        screens.append(cls)
        pending += cls.__subclasses__()
    signatures = {cls.__name__: list(inspect.signature(cls.debate_changed).parameters) for cls in screens}
    assert len(signatures) >= 8
    assert all(params == ["self", "change", "focus"] for params in signatures.values()), signatures


def test_help_lists_a_screen_from_what_the_screen_declares() -> None:
    from tui.screens.base import DebateScreen
    from tui.screens.help import sections

    class ToyScreen(DebateScreen[None]):
        HELP_TITLE = "Toy screen"
        HELP_RANK = 85
        HELP_KEYS = [("arrows", "Move the toy")]
        BINDINGS = [Binding("x", "toy", "Do the toy thing"), Binding("y", "quiet", "", show=False)]

    try:
        listed = dict(sections())
        assert listed["Toy screen"] == [("arrows", "Move the toy"), ("x", "Do the toy thing")]
        titles = [title for title, _ in sections()]
        assert titles.index("Presenter mode") < titles.index("Toy screen") < titles.index("Open questions")
    finally:
        ToyScreen.HELP_TITLE = None  # unlisted: the toy class stays alive in Textual's caches
    assert "Toy screen" not in dict(sections())


def test_new_claim_names_the_claim_an_add_inserts() -> None:
    debate = parse_debate(SMALL_DEBATE)
    for build in (
        lambda: ops.add_claim(debate, debate.claims[0].id, "supports", "A new reason."),
        lambda: ops.add_sibling(debate, debate.claims[-1].id, "A sibling."),
        lambda: ops.add_root(debate, "Another motion."),
    ):
        before = {c.id for c in debate.claims}
        add = build()
        ops.History().apply(debate, add)
        assert {ops.new_claim(add)} == {c.id for c in debate.claims} - before


def test_the_recovery_summary_lists_each_change_in_words() -> None:
    saved = parse_debate(SMALL_DEBATE)
    recovered = snapshot(saved)
    ops.History().apply(recovered, ops.edit_debate(recovered, title="A new title"))
    ops.History().apply(recovered, ops.add_claim(recovered, saved.claims[0].id, "opposes", "A worry."))
    lines = difference_lines(saved, recovered)
    assert lines[0] == "title, question or description: title edited"
    assert any(line.startswith("claims ") and "added" in line for line in lines), lines
    assert saved.title != recovered.title and len(saved.claims) + 1 == len(recovered.claims)  # the copy is apart
