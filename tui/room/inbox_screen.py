"""The room's inbox: claims participants proposed, questions they asked, and stances they
said on behalf of a stakeholder. Nothing reaches the debate until the facilitator accepts
it here, and accepting is an ordinary undoable edit through the app's apply path.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from arguments import operations as ops
from arguments.polls import signed

from ..screens.base import DebateScreen
from ..screens.form import FormField, FormScreen
from ..widgets.labels import plain
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar
from .state import InboxItem

ROOM_NOTE = "said in the room"


def item_text(item: InboxItem, claims: dict[str, str], stakeholders: dict[str, str]) -> Text:
    """One inbox line: what was sent, by whom, and where it would go."""
    out = Text()
    who = item.participant or "Someone"
    if item.kind == "stance":
        out.append("STANCE  ", style="bold magenta")
        out.append_text(plain(who, 40))
        out.append(" (for ")
        out.append_text(plain(stakeholders.get(item.stakeholder or "", item.stakeholder or "?"), 40))
        out.append(f") says {signed(item.position or 0)}", style="bold")
    elif item.kind == "question":
        out.append("QUESTION  ", style="bold yellow")
        out.append_text(plain(item.text, 280))
    else:
        out.append(
            "PRO  " if item.relation == "supports" else "CON  ",
            style="bold green" if item.relation == "supports" else "bold red",
        )
        out.append_text(plain(item.text, 280))
    out.append("\n    on: ", style="dim")
    out.append_text(Text(plain(claims.get(item.claim, item.claim), 80).plain, style="dim"))
    if item.kind != "stance" and item.participant:
        out.append("  — ", style="dim")
        out.append_text(Text(plain(item.participant, 40).plain, style="dim"))
    return out


class InboxScreen(DebateScreen[None]):
    """What the room sent; `a` accepts, `e` edits then accepts, `d` dismisses."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="leave-inbox"),
        Binding("a,enter", "accept", "Accept", id="inbox-accept"),
        Binding("e", "edit_accept", "Edit, then accept", id="inbox-edit"),
        Binding("d,delete", "dismiss_item", "Dismiss", id="inbox-dismiss"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Inbox: what the room sent (nothing is in the debate until accepted)", id="inbox-heading")
        yield OptionList(id="inbox-list")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.show_title()
        self._version = -1
        self.fill()
        self.set_interval(0.3, self.fill)
        self.query_one(OptionList).focus()

    @property
    def room(self) -> Any:
        return getattr(self.app, "room", None)

    def fill(self) -> None:
        room = self.room
        if room is None or room.state.version == self._version:
            return
        self._version = room.state.version
        debate = self.app.debate
        claims = {c.id: c.text for c in debate.claims}
        stakeholders = {s.id: s.label for s in debate.stakeholders}
        box = self.query_one(OptionList)
        highlighted = box.highlighted
        box.clear_options()
        for item in room.state.inbox:
            box.add_option(Option(item_text(item, claims, stakeholders), id=str(item.id)))
        if not room.state.inbox:
            box.add_option(Option(Text("Nothing waiting.", style="dim"), id="none", disabled=True))
        elif box.option_count:
            box.highlighted = min(highlighted or 0, box.option_count - 1)

    def current(self) -> InboxItem | None:
        room = self.room
        box = self.query_one(OptionList)
        if room is None or box.highlighted is None:
            return None
        option_id = box.get_option_at_index(box.highlighted).id
        return next((i for i in room.state.inbox if str(i.id) == option_id), None)

    def build(self, item: InboxItem, text: str) -> ops.Operation:
        """The operation that puts ITEM (with TEXT) in the debate."""
        debate = self.app.debate
        if item.kind == "stance":
            note = ROOM_NOTE + (f" by {item.participant}" if item.participant else "")
            return ops.set_stance(debate, item.stakeholder or "", item.claim, item.position, note=note)
        if item.kind == "question":
            return ops.add_claim(debate, item.claim, "opposes", text, kind="question")
        return ops.add_claim(debate, item.claim, item.relation or "supports", text)

    def accept(self, item: InboxItem, text: str) -> str | None:
        why = self.app.edit(lambda: self.build(item, text))
        if why is None:
            self.room.state.take(item.id)
            self.fill()
        return why

    def action_accept(self) -> None:
        item = self.current()
        if item is not None:
            self.accept(item, item.text)

    def action_edit_accept(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.kind == "stance":
            self.accept(item, "")
            return
        title = "Accept the question" if item.kind == "question" else "Accept the proposed claim"
        self.app.push_screen(
            FormScreen(title, [FormField("text", "Text", item.text)], lambda v: self.accept(item, v["text"] or ""))
        )

    def action_dismiss_item(self) -> None:
        item = self.current()
        if item is not None and self.room is not None:
            self.room.state.take(item.id)
            self.fill()
