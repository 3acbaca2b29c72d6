"""The room's part of the app: the actions that open and close it, reveal, lock, the inbox
(their keys are in `tui/app_keys.py`).

Mixed into `DebateApp`, so the room runs on the app's own event loop and everything it
records goes through `DebateApp.apply`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from arguments import operations as ops

from ..net.guard import log_safe

if TYPE_CHECKING:
    from ..app_core import DebateAppCore
    from .controller import Room

    _Base = DebateAppCore
else:
    _Base = object


@dataclass
class RoomOptions:
    """How `present --room` opens the room."""

    host: str = "127.0.0.1"
    port: int = 0
    code: str | None = None
    limit: int = 200
    speak_for: list[str] = field(default_factory=list)


class RoomMixin(_Base):
    """Open, close and drive the room from the facilitator's keyboard."""

    room: Room | None = None
    room_options: RoomOptions | None = None

    async def open_room(self, options: RoomOptions | None = None) -> None:
        """Start the room server and show how to join."""
        from .controller import Room
        from .join_screen import JoinScreen

        if self.read_only:
            self.notify("This view is read-only: the room cannot record answers.", severity="warning", markup=False)
            return
        options = options or self.room_options or RoomOptions()
        room = Room(
            self,
            host=options.host,
            port=options.port,
            code=options.code,
            limit=options.limit,
            speak_for=options.speak_for,
        )
        try:
            await room.start()
        except OSError as exc:
            self.notify(
                f"The room cannot listen on {log_safe(options.host)}:{options.port}: {exc.strerror or exc}",
                severity="error",
            )
            return
        self.room = room
        self.push_screen(JoinScreen(room.url))

    def action_undo(self) -> None:
        """ctrl+z reaches the facilitator's own last edit, past the room's latest tally."""
        tally = self._step_past_room_tally()
        super().action_undo()
        self._put_back_room_tally(tally)

    def action_redo(self) -> None:
        if not self.history.redo_stack:
            super().action_redo()  # says there is nothing to redo
            return
        tally = self._step_past_room_tally()
        super().action_redo()
        self._put_back_room_tally(tally)

    def _step_past_room_tally(self) -> bool:
        """Undo and forget the room's latest tally if it is on top; True if one was taken off.
        The counts are the room's, not an edit of the facilitator's: `_put_back_room_tally`
        writes them again without ending what can be redone."""
        top = self.history.undo_stack[-1] if self.history.undo_stack else None
        if self.room is None or top is None or not self.room.is_tally(top) or len(self.history.undo_stack) < 2:
            return False
        taken = self.history.undo(self.debate)
        if taken is not None:
            self.history.drop_redo(taken)
            self._changed(ops.change_of(taken.undo, taken.redo))
        return True

    def _put_back_room_tally(self, taken: bool) -> None:
        if taken and self.room is not None:
            self.room.rewrite_tally()
            self._changed(ops.Change(tables={"polls"}))

    async def close_room(self, quitting: bool = False) -> None:
        """End every participant's session and stop listening; the polls stay in the debate."""
        room, self.room = self.room, None
        if room is not None:
            await room.stop(quitting)

    async def action_room(self) -> None:
        from .join_screen import JoinScreen

        if self.room is None:
            await self.open_room()
            return
        if isinstance(self.screen, JoinScreen):
            self.pop_screen()
        await self.close_room()
        self.notify("The room is closed.", markup=False)

    def action_room_reveal(self) -> None:
        if self.room is not None:
            shown = self.room.toggle_reveal()
            self.notify("Answers shown on the phones." if shown else "Answers hidden on the phones.", markup=False)

    def action_room_lock(self) -> None:
        if self.room is not None:
            locked = self.room.toggle_lock()
            self.notify("Answers locked." if locked else "Answers open again.", markup=False)

    def action_inbox(self) -> None:
        from .inbox_screen import InboxScreen

        if self.room is None:
            self.notify("The room is not open (R opens it).", markup=False)
            return
        if not isinstance(self.screen, InboxScreen):
            self.push_screen(InboxScreen())
