"""What the room knows, apart from any network: participants, their answers, the inbox.

Answers live here per participant and claim, so a participant who reloads (same id from
their phone's storage) replaces their answer instead of adding one, and the counts written
to the debate's poll are always a fresh tally, never an increment that could drift.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from itertools import count

from arguments.polls import tally

PARTICIPANT_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
"""A participant id as the page makes it (random, kept in the phone's localStorage)."""
MAX_TEXT = 280
"""Longest proposal or question a participant may send (characters)."""
MAX_NAME = 40
"""Longest name a participant may give."""
MAX_PARTICIPANTS = 1000
"""Distinct participant ids a session accepts; beyond it a new id is refused."""
MAX_INBOX = 500
"""Waiting proposals and questions kept; beyond it new ones are refused."""


@dataclass
class Participant:
    id: str
    name: str = ""
    speaks_for: str | None = None
    """The stakeholder the participant says they speak for (one the facilitator allowed)."""
    answers: dict[str, int] = field(default_factory=dict)
    """Claim id -> position -3..+3."""


@dataclass
class InboxItem:
    """Something a participant sent that waits for the facilitator: a proposed claim, a
    question, or a stance said on behalf of a stakeholder."""

    id: int
    kind: str
    """`claim`, `question` or `stance`."""
    claim: str
    """The claim on the projector when it was sent: where it would go."""
    text: str = ""
    relation: str | None = None
    """For a proposed claim: `supports` or `opposes` the claim."""
    participant: str = ""
    """The participant's name, or empty."""
    stakeholder: str | None = None
    position: int | None = None
    at: float = field(default_factory=time.time)


@dataclass
class RoomState:
    """The room's memory for one session (ends when the room closes)."""

    title: str = ""
    presented: str | None = None
    """The claim on the projector, or None (presenter not showing)."""
    revealed: bool = False
    """Participants see the distribution of the presented claim."""
    locked: bool = False
    """Answers are refused."""
    speak_for: list[str] = field(default_factory=list)
    """Stakeholder ids participants may say they speak for; empty: the option is off."""
    participants: dict[str, Participant] = field(default_factory=dict)
    inbox: list[InboxItem] = field(default_factory=list)
    version: int = 0
    """Bumped on every change the facilitator's views show."""
    _ids: count = field(default_factory=lambda: count(1))

    def changed(self) -> None:
        self.version += 1

    def join(self, pid: str) -> Participant | None:
        """The participant with id PID, new or returning; None if the id is malformed or
        the session is full."""
        if not PARTICIPANT_ID.match(pid):
            return None
        known = self.participants.get(pid)
        if known is None:
            if len(self.participants) >= MAX_PARTICIPANTS:
                return None
            known = self.participants[pid] = Participant(pid)
            self.changed()
        return known

    def answer(self, who: Participant, claim: str, position: int) -> str | None:
        """Record WHO's POSITION on CLAIM; return why not, or None."""
        if self.locked:
            return "answers are locked"
        if claim != self.presented:
            return "that claim is no longer presented"
        if position not in range(-3, 4):
            return "a position is -3 to +3"
        who.answers[claim] = position
        if who.speaks_for:
            self._stance_said(who, claim, position)
        self.changed()
        return None

    def counts(self, claim: str | None) -> list[int]:
        """The room's answers on CLAIM, per position -3..+3."""
        return tally(p.answers[claim] for p in self.participants.values() if claim in p.answers)

    def joined(self) -> int:
        return len(self.participants)

    def add_item(self, item_kind: str, who: Participant, text: str = "", relation: str | None = None) -> str | None:
        """Put a proposal or question from WHO in the inbox; return why not, or None."""
        if self.presented is None:
            return "nothing is presented"
        text = text.strip()
        if not text:
            return "the text is empty"
        if len(text) > MAX_TEXT:
            return f"at most {MAX_TEXT} characters"
        if item_kind == "claim" and relation not in ("supports", "opposes"):
            return "a proposal is for or against the claim"
        if len(self.inbox) >= MAX_INBOX:
            return "the inbox is full"
        self.inbox.append(
            InboxItem(
                next(self._ids), item_kind, self.presented, text, relation if item_kind == "claim" else None, who.name
            )
        )
        self.changed()
        return None

    def _stance_said(self, who: Participant, claim: str, position: int) -> None:
        # one waiting statement per stakeholder and claim: the latest replaces the earlier
        self.inbox = [
            i for i in self.inbox if not (i.kind == "stance" and i.stakeholder == who.speaks_for and i.claim == claim)
        ]
        self.inbox.append(
            InboxItem(
                next(self._ids), "stance", claim, participant=who.name, stakeholder=who.speaks_for, position=position
            )
        )

    def take(self, item_id: int) -> InboxItem | None:
        """Remove and return inbox item ITEM_ID."""
        for i, item in enumerate(self.inbox):
            if item.id == item_id:
                self.changed()
                return self.inbox.pop(i)
        return None
