"""The keys that work on every screen of the app (`DebateApp.BINDINGS`).

Kept apart from `app.py` so the help screen lists them without importing the app.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

ROOM_BINDINGS: list[BindingType] = [
    Binding("R", "room", "Room", show=False, id="room"),
    Binding("O", "room_reveal", "Show answers on phones", show=False, id="room-reveal"),
    Binding("L", "room_lock", "Lock answers", show=False, id="room-lock"),
    Binding("I", "inbox", "Inbox", show=False, id="room-inbox"),
]


APP_BINDINGS: list[BindingType] = [
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

APP_HELP_KEYS = [("ctrl+p", "Command palette: every action, jump to a claim")]
"""Keys of every screen that are not bindings of ours, listed on the help screen."""
