"""The debatemap app: wiring only. It owns the debate, the undo history and the file.

Every edit goes through `DebateApp.apply`: it applies the operation, records it for undo,
and tells each open screen what changed (`Change`), so only the touched nodes refresh.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from arguments import operations as ops
from arguments.display import safe_text
from arguments.model import Debate
from arguments.operations import History, OperationError
from arguments.workfile import WorkFile
from seeds import is_bundled

from .room.app_room import ROOM_BINDINGS, RoomMixin, RoomOptions
from .screens.form import FormScreen
from .screens.main import MainScreen
from .save_ahead import SavesAhead
from .screens.save_flow import SavingMixin, snapshot
from .widgets.commands import DebateCommands


WRITING_ACTIONS = frozenset({"save", "save_as", "undo", "redo", "export"})
"""App actions a read-only view refuses."""

SERVED_REFUSES = frozenset({"save_as", "room", "room_reveal", "room_lock", "inbox"})
"""App actions a served view refuses: a path typed in by someone on the network, or a
listening port (the room) opened by a browser's keys."""


class DebateApp(RoomMixin, SavesAhead, SavingMixin, App[None]):
    """Navigate and edit one debate file; see `?` for the keys."""

    CSS_PATH = "app.tcss"
    TITLE = "debatemap"
    COMMANDS = App.COMMANDS | {DebateCommands}
    AUTOSAVE_SECONDS = 3.0
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="redo"),
        Binding("slash", "search", "Search", show=False, id="search"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+e", "export", "Export", show=False, id="export"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit"),
        *ROOM_BINDINGS,
        Binding("j", "cursor('down')", "Down (in any list)", show=False, id="cursor-down"),
        Binding("k", "cursor('up')", "Up (in any list)", show=False, id="cursor-up"),
    ]

    def __init__(
        self, path: str | Path, *, autosave: bool = True, present: bool = False, read_only: bool = False,
        room: RoomOptions | None = None,
        served: bool = False,
    ) -> None:
        super().__init__()
        self.source_path = Path(path)
        self.bundled = is_bundled(path)
        self.workfile = WorkFile(Path.cwd() / self.source_path.name if self.bundled else path)
        self.debate: Debate = WorkFile(path).load() if self.bundled else self.workfile.load()
        self.history = History()
        self.base = snapshot(self.debate)
        """The debate as last loaded or saved: the common ancestor when merging their changes."""
        self.read_only = read_only
        """A view for an audience: every edit, undo, save and export is refused."""
        self.autosave = autosave and not read_only
        self.served = served
        """Run by `debatemap serve` for a browser: exports are downloads, no save-as, no path asked for."""
        self.start_presenting = present
        self.room_options = room

    def on_mount(self) -> None:
        self.push_screen(MainScreen())
        # A loaded debate is ~a million long-lived objects: every full collection walked
        # them all (77 ms at 10,000 claims, landing on random keypresses). Frozen, the
        # collector skips them; they stay alive as long as the app anyway.
        self.call_after_refresh(gc.freeze)
        if self.start_presenting:
            self.call_after_refresh(self.action_present)
        if self.room_options is not None and not self.read_only:
            self.call_after_refresh(self.open_room)
        if self.bundled:
            self.notify(
                f"This is the bundled debate: saving writes a working copy to {self.workfile.path}",
                markup=False,
            )
        if self.autosave:
            self.set_interval(self.AUTOSAVE_SECONDS, self.autosave_now)
        if not self.read_only:
            self.call_after_refresh(self.offer_recovery)

    async def on_unmount(self) -> None:
        gc.unfreeze()  # let what the app held be collected once it is gone (tests open many)
        await self.close_room(quitting=True)  # quitting ends every participant's session

    def notify(  # type: ignore[override]
        self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None, markup: bool = False
    ) -> None:
        """Every toast is plain text with control characters shown: messages may quote user input."""
        super().notify(safe_text(str(message)), title=safe_text(title), severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit, as plain text (Textual's own message is markup)."""
        self.notify("Press ctrl+q to quit the app.", title="Do you want to quit?", markup=False)

    def action_cursor(self, direction: str) -> None:
        """j / k: move the cursor of whichever list or table has focus (a text field types them)."""
        move = getattr(self.focused, f"action_cursor_{direction}", None)
        if move is not None:
            move()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in WRITING_ACTIONS:
            return False
        if self.served and action in SERVED_REFUSES:
            return False
        return True

    # ------------------------------------------------------------ the one edit path

    def apply(self, op: ops.Operation, focus: str | None = None) -> None:
        """Apply OP, record it for undo, and refresh what it touched."""
        if self.read_only:
            raise OperationError("this view is read-only")
        step = self.history.apply(self.debate, op)
        self._changed(ops.change_of(op, step.undo), focus)

    def edit(
        self, build: Callable[[], ops.Operation], focus: Callable[[ops.Operation], str | None] | None = None
    ) -> str | None:
        """Build an operation and apply it; return why not (nothing changed) or None."""
        if self.read_only:
            self.notify("This view is read-only: nothing can be changed.", severity="warning", markup=False)
            return "this view is read-only"
        try:
            op = build()
        except OperationError as exc:
            if not isinstance(self.screen, FormScreen):  # a form shows it in place
                self.notify(str(exc), severity="warning", markup=False)
            return str(exc)
        self.apply(op, focus(op) if focus else None)
        return None

    def amend(self, build: Callable[[], ops.Operation | None]) -> str | None:
        """Fold an edit into the last one (successive stance steps are one change and one
        undo): BUILD makes the edit from before the last; None drops both. Returns why not."""
        if self.read_only:
            return self.edit(build)  # type: ignore[arg-type]
        try:
            step, undone, redo = self.history.amend(self.debate, build)
        except OperationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return str(exc)
        self._changed(ops.change_of(undone, redo))
        if step is not None:
            self._changed(ops.change_of(step.redo, step.undo))
        return None

    def action_undo(self) -> None:
        step = self.history.undo(self.debate)
        if step is None:
            self.notify("Nothing to undo.", markup=False)
            return
        self._changed(ops.change_of(step.undo, step.redo))
        self.notify(f"Undone: {step.label}", markup=False)

    def action_redo(self) -> None:
        step = self.history.redo(self.debate)
        if step is None:
            self.notify("Nothing to redo.", markup=False)
            return
        self._changed(ops.change_of(step.redo, step.undo))

    def _changed(self, change: ops.Change, focus: str | None = None) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "debate_changed", None)
            if refresh is not None:
                if isinstance(screen, MainScreen):
                    refresh(change, focus)
                else:
                    refresh(change)
        self.show_title()

    def show_title(self) -> None:
        for screen in self.screen_stack:
            for bar in screen.query("TitleBar"):
                bar.show(self.debate.title, self.workfile.path.name, self.history.dirty, self.read_only)  # type: ignore[attr-defined]

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    # ------------------------------------------------------------ screens

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        self.push_screen(SearchScreen(), self.jump_to)

    def jump_to(self, target: tuple[str, str] | None) -> None:
        """Show a search or palette result: ("claim", id) or ("stakeholder", id)."""
        if target is None:
            return
        kind, rid = target
        while not isinstance(self.screen, MainScreen):
            self.pop_screen()
        if kind == "claim":
            self.main.select_claim(rid)
        elif kind == "stakeholder":
            self.action_stakeholders(rid)

    def action_stakeholders(self, select: str | None = None) -> None:
        from .screens.stakeholders import StakeholdersScreen

        self.push_screen(StakeholdersScreen(select))

    def action_matrix(self) -> None:
        from .screens.matrix import MatrixScreen

        self.push_screen(MatrixScreen(self.main.claim_id))

    def action_present(self) -> None:
        from .screens.presenter import PresenterScreen

        self.push_screen(PresenterScreen(self.main.claim_id))

    def action_analysis(self, of_selected_claim: bool = False) -> None:
        """The analysis of the motion (of the selected claim when asked, from the palette)."""
        from .screens.analysis import AnalysisScreen

        self.push_screen(AnalysisScreen(self.debate, claim=self.main.claim_id if of_selected_claim else None))

    def action_questions(self) -> None:
        from .screens.questions import QuestionsScreen

        self.push_screen(QuestionsScreen())

    def action_evidence(self) -> None:
        from .screens.evidence import EvidenceScreen

        self.push_screen(EvidenceScreen())


def run_app(
    path: str, present: bool = False, read_only: bool = False, room: RoomOptions | None = None, served: bool = False
) -> None:
    """Open the app on PATH; PRESENT starts in presenter mode; READ_ONLY refuses every
    change; ROOM opens the room at once; SERVED (for a browser) turns exports into
    downloads and offers no save-as. A file that cannot be loaded raises `DebateError`
    before any screen opens. A big file shows a progress bar while it loads."""
    from .loading import opening

    with opening(path):
        app = DebateApp(path, present=present, read_only=read_only, room=room, served=served)
    app.run()
