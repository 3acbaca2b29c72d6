"""The heart of the app: the debate, its file and undo history, and the one apply path.

Every edit goes through `DebateAppCore.apply`: it applies the operation, records it for
undo, and tells each open screen what changed (`DebateScreen.debate_changed`), so only the
touched nodes refresh. `DebateApp` (app.py) adds the keys and the screens; the saving
(saving.py) and room (room/app_room.py) parts build on this class, typed against it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.notifications import SeverityLevel

from arguments import operations as ops
from arguments.display import safe_text
from arguments.model import Debate
from arguments.operations import History, OperationError
from arguments.snapshot import snapshot
from arguments.workfile import WorkFile
from seeds import is_bundled

from .screens.base import DebateScreen
from .screens.form import FormScreen
from .screens.main import MainScreen
from .widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from .room.app_room import RoomOptions

WRITING_ACTIONS = frozenset({"save", "save_as", "undo", "redo", "export"})
"""App actions a read-only view refuses."""

SERVED_REFUSES = frozenset({"save_as", "room", "room_reveal", "room_lock", "inbox"})
"""App actions a served view refuses: a path typed in by someone on the network, or a
listening port (the room) opened by a browser's keys."""


class DebateAppCore(App[None]):
    """One debate file open for editing: its state and the one way it changes."""

    def __init__(
        self,
        path: str | Path,
        *,
        autosave: bool = True,
        present: bool = False,
        read_only: bool = False,
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

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast is plain text with control characters shown: messages may quote user input."""
        super().notify(
            safe_text(str(message)), title=safe_text(title), severity=severity, timeout=timeout, markup=False
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.allows(action, changes_debate=action in WRITING_ACTIONS)

    def allows(self, action: str, changes_debate: bool) -> bool:
        """Whether ACTION may run (every screen's `check_action` asks here): a read-only
        view refuses every action that changes or writes the debate, a served view the
        actions in SERVED_REFUSES."""
        if self.read_only and changes_debate:
            return False
        return not (self.served and action in SERVED_REFUSES)

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
            if isinstance(screen, DebateScreen):
                screen.debate_changed(change, focus)
        self.show_title()

    def show_title(self) -> None:
        for screen in self.screen_stack:
            for bar in screen.query(TitleBar):
                bar.show(self.debate.title, self.workfile.path.name, self.history.dirty, self.read_only)

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))
