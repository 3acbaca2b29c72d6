"""A question with a few answers (buttons, or the underlined key of each); escape cancels."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceScreen(ModalScreen[str | None]):
    """MESSAGE and CHOICES as (answer, button label, key); dismisses with the answer."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice-cancel")]

    def __init__(self, message: Text, choices: Sequence[tuple[str, str, str]]) -> None:
        super().__init__(classes="dialog")
        self.message = message
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.message, markup=False)
            with Horizontal(classes="dialog-buttons"):
                for answer, label, key in self.choices:
                    yield Button(f"{label} ({key})", id=f"choice-{answer}")

    def on_key(self, event: events.Key) -> None:
        for answer, _label, key in self.choices:
            if event.character == key:
                event.stop()
                self.dismiss(answer)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)
