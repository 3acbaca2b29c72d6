"""The base of every screen that shows the debate.

It gives the screen `self.app` typed as the `DebateApp`, refuses the screen's edit actions
in a read-only view (the app decides, in `DebateAppCore.allows`), and is how the screen hears
that the debate changed: the app calls `debate_changed` on every `DebateScreen` open.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import getters
from textual.binding import Binding, BindingType
from textual.screen import Screen

from arguments.operations import Change

from ..widgets.key_names import binding_keys

if TYPE_CHECKING:
    from ..app import DebateApp

ResultType = TypeVar("ResultType")


def binding_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys as typed, description) of each described binding, for the help screen."""
    return [(binding_keys(b), b.description) for b in bindings if isinstance(b, Binding) and b.description]


class ListedInHelp:
    """A screen whose keys the help screen lists (it finds every subclass that has a title)."""

    HELP_TITLE: ClassVar[str | None] = None
    """The heading of this screen's keys on the help screen; None: not listed there."""

    HELP_RANK: ClassVar[int] = 100
    """Where the heading comes on the help screen (lower first)."""

    HELP_KEYS: ClassVar[list[tuple[str, str]]] = []
    """Keys that are not this screen's bindings (arrows, a widget's keys), listed first."""

    BINDINGS: ClassVar[list[BindingType]] = []

    @classmethod
    def help_rows(cls) -> list[tuple[str, str]]:
        """The rows the help screen shows for this screen: HELP_KEYS, then its bindings."""
        return cls.HELP_KEYS + binding_rows(cls.BINDINGS)


class DebateScreen(ListedInHelp, Screen[ResultType]):
    """A screen over the debate; subclasses list their editing actions in EDIT_ACTIONS."""

    if TYPE_CHECKING:  # Textual's way to type `self.app`; at run time the import would loop
        app = getters.app(DebateApp)

    EDIT_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    """Actions that change the debate: disabled, and hidden from the footer and the
    palette, while the app is read-only."""

    def is_edit(self, action: str) -> bool:
        """Whether ACTION changes the debate."""
        return action in self.EDIT_ACTIONS

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.app.allows(action, changes_debate=self.is_edit(action))

    def debate_changed(self, change: Change, focus: str | None) -> None:
        """Redraw what CHANGE touched; FOCUS is a claim the edit asks to show, if any."""
