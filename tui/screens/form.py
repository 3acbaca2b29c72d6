"""A small modal form: fields in, one submit callback that applies an operation or says why not.

The callback returns None when the edit was made, or a message shown in place; the form
stays open with the user's input, so a refused edit loses nothing and changes nothing.
Values that hold control characters are shown escaped; left untouched, they are kept exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static, TextArea

from arguments.display import safe_text

from .base import ListedInHelp


@dataclass
class FormField:
    """One field: NAME in the result, LABEL shown, initial VALUE, and how it is edited."""

    name: str
    label: str
    value: Any = ""
    kind: Literal["text", "area", "choice"] = "text"
    choices: Sequence[tuple[str | Text, Any]] = ()
    """(label, value) pairs of a choice; a label from user text is a `Text` (never markup)."""


Submit = Callable[[dict[str, Any]], "str | None"]


class FormScreen(ListedInHelp, ModalScreen[bool]):
    """Edit FIELDS; `enter` (or OK) submits through SUBMIT, `escape` cancels."""

    HELP_TITLE = "Forms"
    HELP_RANK = 60
    HELP_KEYS = [("enter", "OK (in a one-line field)"), ("tab", "Next field")]

    AUTO_FOCUS = "Input, TextArea, Select"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("ctrl+enter,ctrl+j", "submit", "OK", id="form-submit"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        submit: Submit,
        focus: str | None = None,
        cancelled: str | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.cancelled = cancelled
        """Said when the form is cancelled, where leaving quietly could pass for done (export)."""
        self.focus_field = focus
        """The field to start in (default: the first), e.g. the rationale when `r` opened it."""
        self.form_title = title
        self.fields = list(fields)
        self.submit_values = submit
        self._shown: dict[str, tuple[str, str]] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form", classes="dialog-box"):
            yield Static(Text(self.form_title, style="bold"), classes="dialog-title")
            for field in self.fields:
                yield Static(Text(field.label), classes="field-label")
                yield self._editor(field)
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="form-ok", variant="primary")
                yield Button("Cancel", id="form-cancel-button")

    def on_mount(self) -> None:
        if self.focus_field:
            self.query_one(f"#field-{self.focus_field}").focus()
        self.call_after_refresh(self._show_focused)

    def _show_focused(self) -> None:
        """A form taller than the screen opens at its title when typing starts in its first
        field, and otherwise scrolled just enough to show the field typing goes to."""
        focused = self.focused
        first = self.fields and f"field-{self.fields[0].name}"
        if focused is None or focused.id == first:
            self.query_one("#form").scroll_home(animate=False)
        else:
            focused.scroll_visible(animate=False)

    def _editor(self, field: FormField) -> Input | Select[Any] | TextArea:
        wid = f"field-{field.name}"
        if field.kind == "choice":
            return Select(list(field.choices), value=field.value, id=wid, allow_blank=field.value is None)
        raw = "" if field.value is None else str(field.value)
        shown = safe_text(raw, None)
        self._shown[field.name] = (shown, raw)
        if field.kind == "area":
            return TextArea(shown, id=wid, soft_wrap=True, classes="field-area")
        return Input(shown, id=wid, select_on_focus=False)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, Select):
                out[field.name] = None if widget.value is Select.BLANK else widget.value
                continue
            value = widget.text if isinstance(widget, TextArea) else widget.value if isinstance(widget, Input) else None
            shown, raw = self._shown[field.name]
            out[field.name] = raw if value == shown else value
        return out

    def action_submit(self) -> None:
        error = self.submit_values(self.values())
        if error:
            self.query_one("#form-error", Static).update(Text(safe_text(error), style="bold red"))
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        if self.cancelled:
            self.app.notify(self.cancelled, markup=False)
        self.dismiss(False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#form-ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#form-cancel-button")
    def _cancel(self) -> None:
        self.action_cancel()
