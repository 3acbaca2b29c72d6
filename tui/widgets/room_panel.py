"""Where the room stands: a panel for the presenter slide, and lines for the claim details.

The panel polls the app's room a few times a second and redraws only when the room
changed, so a flood of answers costs the facilitator's screen nothing per answer. On the
presenter it also tells the room which claim is on the projector (`follow`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from arguments.model import Debate
from arguments.polls import POSITIONS, mean, polls_on, signed

if TYPE_CHECKING:
    from ..room.controller import Room

BARS = " ▁▂▃▄▅▆▇█"


def histogram(counts: list[int]) -> Text:
    """COUNTS -3..+3 as a row of bars with the positions under them."""
    top = max(counts) or 1
    out = Text()
    out.append("−3 ", style="dim")
    for n in counts:
        out.append(BARS[0 if not n else max(1, round(n * 8 / top))] * 2, style="bold cyan")
        out.append(" ")
    out.append("+3", style="dim")
    return out


def summary_text(summary: dict[str, Any]) -> Text:
    """The room's numbers for one claim, as the presenter panel shows them."""
    out = Text()
    out.append("Room  ", style="bold underline")
    out.append(f"{summary['joined']} joined · {summary['answered']} answered")
    value = summary["mean"]
    if value is not None:
        out.append(f" · mean {value:+.1f}")
    if summary["change"] is not None:
        out.append(f" · moved {summary['change']:+.1f} since last shown", style="bold")
    flags = [f for f, on in (("answers shown on phones", summary["revealed"]), ("locked", summary["locked"])) if on]
    if flags:
        out.append("  [" + ", ".join(flags) + "]", style="yellow")
    if summary["inbox"]:
        out.append(f"  · inbox {summary['inbox']} (I)", style="magenta")
    out.append("\n")
    out.append_text(histogram(summary["counts"]))
    out.append("  " + " ".join(f"{signed(p)}:{n}" for p, n in zip(POSITIONS, summary["counts"])), style="dim")
    return out


def poll_lines(debate: Debate, claim_id: str) -> Text:
    """The saved polls on CLAIM_ID for the claim details; empty when there are none."""
    found = polls_on(debate, claim_id)
    out = Text()
    if not found:
        return out
    out.append(f"\nRoom polls ({len(found)})\n", style="bold underline")
    previous = None
    for poll in found:
        value = mean(poll.counts)
        out.append_text(histogram(poll.counts))
        out.append(f"  {sum(poll.counts)} answered")
        if value is not None:
            out.append(f", mean {value:+.1f}")
        if previous is not None and value is not None:
            out.append(f", moved {value - previous:+.1f}", style="bold")
        out.append(f"  {poll.opened}" + ("" if poll.closed else " (open)") + "\n", style="dim")
        previous = value if value is not None else previous
    return out


class RoomPanel(Static):
    """The live room on the presenter slide: hidden while no room is open."""

    DEFAULT_CSS = "RoomPanel { height: auto; margin-top: 1; display: none; } RoomPanel.open { display: block; }"

    def __init__(self, follow: bool = False, **kwargs: Any) -> None:
        super().__init__(markup=False, **kwargs)
        self.following = follow
        self.claim: str | None = None
        self._shown: tuple[Any, ...] | None = None

    def on_mount(self) -> None:
        self.set_interval(0.25, self.refresh_room)

    @property
    def room(self) -> Room | None:
        room: Room | None = getattr(self.app, "room", None)
        return room

    def follow(self, claim: str | None) -> None:
        """CLAIM is on the projector now."""
        self.claim = claim
        if self.following and self.room is not None:
            self.room.present(claim)
        self.refresh_room()

    def refresh_room(self) -> None:
        room = self.room
        self.set_class(room is not None, "open")
        if room is None:
            self._shown = None
            return
        if self.following and room.state.presented != self.claim:
            room.present(self.claim)  # the room opened while presenting, or came back here
        key = (id(room), room.state.version, self.claim)
        if key != self._shown:
            self._shown = key
            self.update(summary_text(room.summary(self.claim)))

    def on_unmount(self) -> None:
        room = self.room
        if self.following and room is not None and room.state.presented == self.claim:
            # after this screen is gone: the poll's edit refreshes the screens still there
            self.app.call_later(self._left, room, self.screen)

    def _left(self, room: Room, screen: Any) -> None:
        if screen in self.app.screen_stack:
            return  # the app is closing, not the presenter: quitting closes the poll
        if self.room is room and room.state.presented == self.claim:
            room.present(None)
