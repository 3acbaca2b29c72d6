"""The room's part of the app: the actions that open and close it, reveal, lock, the inbox
(their keys are in `tui/app_keys.py`).

Mixed into `DebateApp`, so the room runs on the app's own event loop and everything it
records goes through `DebateApp.apply`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
            self.notify("This view is read-only: the room cannot record answers.", severity="warning")
            return
        options = options or self.room_options or RoomOptions()
        room = Room(self, host=options.host, port=options.port, code=options.code, limit=options.limit, speak_for=options.speak_for)
        try:
            await room.start()
        except OSError as exc:
            self.notify(f"The room cannot listen on {log_safe(options.host)}:{options.port}: {exc.strerror or exc}", severity="error")
            return
        self.room = room
        self.push_screen(JoinScreen(room.url))

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
        self.notify("The room is closed.")

    def action_room_reveal(self) -> None:
        if self.room is not None:
            shown = self.room.toggle_reveal()
            self.notify("Answers shown on the phones." if shown else "Answers hidden on the phones.")

    def action_room_lock(self) -> None:
        if self.room is not None:
            locked = self.room.toggle_lock()
            self.notify("Answers locked." if locked else "Answers open again.")

    def action_inbox(self) -> None:
        from .inbox_screen import InboxScreen

        if self.room is None:
            self.notify("The room is not open (R opens it).")
            return
        if not isinstance(self.screen, InboxScreen):
            self.push_screen(InboxScreen())
