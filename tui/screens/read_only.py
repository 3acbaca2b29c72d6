"""Read-only viewing (`DebateApp(read_only=True)`, e.g. a served audience view): a screen
lists its editing actions and they are disabled, hidden from the footer and the palette."""

from __future__ import annotations

from typing import ClassVar


class ReadOnlyAware:
    """Mixed into a screen: actions in EDIT_ACTIONS are refused while the app is read-only."""

    EDIT_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.EDIT_ACTIONS and getattr(self.app, "read_only", False):  # type: ignore[attr-defined]
            return False
        return True
