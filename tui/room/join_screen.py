"""The join screen for the projector: the room's address, large, and a QR code of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..widgets.steady_footer import SteadyFooter
from .qr import qr_lines

if TYPE_CHECKING:
    from ..app import DebateApp


def only_this_machine(url: str) -> bool:
    """True if URL names a loopback address, which no phone can reach."""
    from urllib.parse import urlsplit

    from ..net.guard import ipaddress_is_loopback

    host = urlsplit(url).hostname or ""
    return host == "localhost" or ipaddress_is_loopback(host)


class JoinScreen(Screen[None]):
    """How to join: the address and its QR code; the room stays open when this closes."""

    if TYPE_CHECKING:
        app = getters.app(DebateApp)

    DEFAULT_CSS = """
    JoinScreen #join-body { width: auto; padding: 1 2; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back (room stays open)", id="leave-join"),
        Binding("s", "speak_for", "Speaking for stakeholders on/off", id="room-speak-for"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with VerticalScroll(), Center():
            yield Static(self.body(), id="join-body", markup=False)
        yield SteadyFooter()

    def body(self) -> Text:
        out = Text(justify="center")
        out.append("Join the room: open this address on your phone\n\n", style="bold")
        out.append(self.url + "\n\n", style="bold reverse")
        if only_this_machine(self.url):
            out.append(
                "Only this machine can open this address. For phones on the room's network, start with\n"
                "debatemap present FILE --room --host 0.0.0.0\n\n",
                style="bold",
            )
        out.append("\n".join(qr_lines(self.url)) + "\n\n")
        out.append(
            "R closes the room · O shows the answers on the phones · L locks answers · I opens the inbox\n", style="dim"
        )
        room = getattr(self.app, "room", None) if self.is_attached else None
        allowed = len(room.state.speak_for) if room is not None else 0
        out.append(
            f"Participants may say they speak for {allowed} stakeholder(s) (s turns this on/off)"
            if allowed
            else "Participants speak for themselves (s lets them say which stakeholder they speak for)",
            style="dim",
        )
        return out

    def action_speak_for(self) -> None:
        """Let participants say they speak for any stakeholder, or for none."""
        room = getattr(self.app, "room", None)
        if room is None:
            return
        debate = self.app.debate
        room.set_speak_for([] if room.state.speak_for else [s.id for s in debate.stakeholders])
        self.query_one("#join-body", Static).update(self.body())
