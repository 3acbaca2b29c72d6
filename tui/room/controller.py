"""The room inside the running app: opens and closes the server, turns what the room
answered into poll operations through the app's one apply path, and follows the presenter.

A poll opens when a claim is presented with the room open and closes when the presenter
moves on; coming back to the claim in the same session reopens that poll with its answers.
Answers are written as a fresh tally at most every `FLUSH_SECONDS`, so a flood of answers
is a handful of undoable edits, not hundreds.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from arguments import polls
from arguments.display import one_line
from arguments.operations import OperationError
from arguments.tree import ClaimTree

from ..net.guard import display_host, new_room_code, url_host
from .server import RoomServer
from .state import RoomState

if TYPE_CHECKING:
    from ..app_core import DebateAppCore

FLUSH_SECONDS = 0.15


def stamp() -> str:
    return datetime.now().strftime("%Y-%m-%dT%H:%M:%S")


class Room:
    """One room session of the app: from opening to closing."""

    def __init__(
        self,
        app: DebateAppCore,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        code: str | None = None,
        limit: int = 200,
        speak_for: list[str] | None = None,
    ) -> None:
        self.app = app
        self.host = host
        self.requested_port = port
        self.code = code or new_room_code()
        self._tally: tuple[str, int] | None = None
        """(claim, history state) of the last tally written: runs of tallies fold into one step."""
        self.state = RoomState(speak_for=list(speak_for or []))
        self.server = RoomServer(self.state, self.code, self.view, self.answered, limit=limit)
        self.opened: dict[str, str] = {}
        """Claim id -> the `opened` stamp of its poll in this session."""
        self.left: dict[str, list[int]] = {}
        """Claim id -> the room's counts when the presenter last moved on from it."""
        self._flush_pending = False
        self._moving = False
        self.quitting = False

    @property
    def url(self) -> str:
        return f"http://{url_host(display_host(self.host))}:{self.server.port}/j/{self.code}"

    async def start(self) -> None:
        await self.server.start(self.host, self.requested_port)

    async def stop(self, quitting: bool = False) -> None:
        """Close the poll on the presented claim and end every session. QUITTING: the
        screens are going away, so the edit is recorded without refreshing them."""
        self.quitting = quitting
        self.present(None)
        await self.server.stop()

    # ------------------------------------------------------------ what phones see

    def view(self) -> dict[str, Any]:
        debate = self.app.debate
        out: dict[str, Any] = {"title": one_line(debate.title, 200), "claim": None, "speak_for": []}
        by_id = {s.id: s for s in debate.stakeholders}
        out["speak_for"] = [
            {"id": sid, "label": one_line(by_id[sid].label, 60)} for sid in self.state.speak_for if sid in by_id
        ]
        claim = next((c for c in debate.claims if c.id == self.state.presented), None)
        if claim is not None:
            parent = next((c for c in debate.claims if c.id == claim.parent), None) if claim.parent else None
            out["claim"] = {
                "id": claim.id,
                "text": one_line(claim.text, 1000),
                "kind": claim.kind,
                "relation": claim.relation,
                "parent": one_line(parent.text, 200) if parent else None,
            }
        return out

    # ------------------------------------------------------------ following the presenter

    def present(self, claim: str | None) -> None:
        """The presenter shows CLAIM now (None: not presenting): close the poll on the claim
        it leaves, open or reopen the one on CLAIM, and tell the phones."""
        state = self.state
        if claim == state.presented or self._moving:
            return
        self._moving = True  # the edits below refresh the presenter, which calls back here
        try:
            self._move(claim)
        finally:
            self._moving = False
        state.changed()
        self.server.broadcast()

    def _move(self, claim: str | None) -> None:
        state = self.state
        if state.presented is not None:
            self.flush()
            self.left[state.presented] = state.counts(state.presented)
            self._set(state.presented, closed=stamp())
        state.presented = claim
        state.revealed = False
        if claim is not None:
            if claim in self.opened and self._exists(claim):
                self._set(claim, closed=None)
                self.flush()
            else:
                self.opened[claim] = self._fresh_stamp(claim)
                self._edit(lambda: polls.open_poll(self.app.debate, claim, self.opened[claim], state.counts(claim)))

    def toggle_reveal(self) -> bool:
        self.state.revealed = not self.state.revealed
        self.state.changed()
        self.server.broadcast()
        return self.state.revealed

    def toggle_lock(self) -> bool:
        self.state.locked = not self.state.locked
        self.state.changed()
        self.server.broadcast()
        return self.state.locked

    def set_speak_for(self, ids: list[str]) -> None:
        self.state.speak_for = ids
        for participant in self.state.participants.values():
            if participant.speaks_for not in ids:
                participant.speaks_for = None
        self.state.changed()
        self.server.broadcast()

    # ------------------------------------------------------------ answers into the debate

    def answered(self) -> None:
        """A participant message was accepted: write the tally soon."""
        if self._flush_pending:
            return
        self._flush_pending = True
        asyncio.get_running_loop().call_later(FLUSH_SECONDS, self.flush)

    def flush(self) -> None:
        """Write the presented claim's tally into its poll, if it changed."""
        self._flush_pending = False
        claim = self.state.presented
        if claim is None or claim not in self.opened:
            return
        counts = self.state.counts(claim)
        poll = self._poll(claim)
        if poll is None:  # undone by the facilitator, or the claim gone
            if any(c.id == claim for c in self.app.debate.claims):
                self._edit(lambda: polls.open_poll(self.app.debate, claim, self.opened[claim], counts))
            return
        if poll.counts != counts:
            self._set(claim, counts=counts)

    def _fresh_stamp(self, claim: str) -> str:
        """Now, moved on a second if a poll on CLAIM already has that stamp (a room closed
        and reopened within the second), so every poll keeps its own key."""
        when = datetime.now().replace(microsecond=0)
        taken = {p.opened for p in self.app.debate.polls if p.claim == claim}
        while when.isoformat() in taken:
            when += timedelta(seconds=1)
        return when.isoformat()

    def _poll(self, claim: str) -> Any:
        opened = self.opened.get(claim)
        return next((p for p in self.app.debate.polls if p.claim == claim and p.opened == opened), None)

    def _exists(self, claim: str) -> bool:
        return self._poll(claim) is not None

    def _set(self, claim: str, **fields: Any) -> None:
        if not self._exists(claim):
            return
        if set(fields) != {"counts"}:
            self._edit(lambda: polls.set_poll(self.app.debate, claim, self.opened[claim], **fields))
            return
        history = self.app.history
        top = history.undo_stack[-1] if history.undo_stack else None
        if top is not None and self._tally == (claim, top.after) and not self.quitting:
            # answers keep coming: one undo step per run of tallies, not one per 150 ms
            self.app.amend(lambda: polls.set_poll(self.app.debate, claim, self.opened[claim], **fields))
        else:
            self._edit(lambda: polls.set_poll(self.app.debate, claim, self.opened[claim], **fields))
        if history.undo_stack:
            self._tally = (claim, history.undo_stack[-1].after)

    def is_tally(self, step: Any) -> bool:
        """True if STEP is the room's latest tally (the facilitator's undo passes over it)."""
        return self._tally is not None and step.after == self._tally[1]

    def rewrite_tally(self) -> None:
        """After the facilitator's undo or redo, put the room's current counts back into the
        presented claim's poll without ending what can be redone: the answers are the room's,
        not an edit of the facilitator's."""
        claim = self.state.presented
        poll = self._poll(claim) if claim is not None and claim in self.opened else None
        if poll is None or claim is None:
            self._tally = None
            return
        counts = self.state.counts(claim)
        if poll.counts == counts:
            self._tally = None
            return
        step = self.app.history.apply(
            self.app.debate, polls.set_poll(self.app.debate, claim, self.opened[claim], counts=counts), keep_redo=True
        )
        self._tally = (claim, step.after)

    def _edit(self, build: Any) -> None:
        try:
            if self.quitting:
                self.app.history.apply(self.app.debate, build())
            else:
                self.app.apply(build())
        except OperationError:
            pass  # the claim went away under the room: nothing to record

    # ------------------------------------------------------------ the facilitator's summary

    def summary(self, claim: str | None) -> dict[str, Any]:
        """Joined, answered, counts, mean and the change of the mean since the claim was
        last shown, for the facilitator's panel."""
        counts = self.state.counts(claim) if claim else [0] * 7
        before = self.left.get(claim or "")
        now_mean, then_mean = polls.mean(counts), polls.mean(before) if before else None
        return {
            "joined": self.state.joined(),
            "answered": sum(counts),
            "counts": counts,
            "mean": now_mean,
            "change": None if now_mean is None or then_mean is None else now_mean - then_mean,
            "revealed": self.state.revealed,
            "locked": self.state.locked,
            "inbox": len(self.state.inbox),
        }

    def claim_tree(self) -> ClaimTree:
        return ClaimTree.of(self.app.debate)
