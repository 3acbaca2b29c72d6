"""The room's polls: tallies of where participants stood on a presented claim.

A poll is anonymous: seven counts, one per position -3..+3. These are the operations that
open, update and close one (each an undoable `Splice` through the one apply path), and the
small summaries every view of a poll shares (answered, mean, the move between showings).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .model import Debate, Poll
from .operations import Batch, OperationError, Splice

POSITIONS = (-3, -2, -1, 0, 1, 2, 3)
"""The positions a participant may take, in the order of a poll's `counts`."""
LABELS = ("strongly oppose", "oppose", "lean oppose", "neutral", "lean support", "support", "strongly support")
"""Words for the positions, in the same order."""


def signed(position: int) -> str:
    """A position as shown on a button: `-3` .. `0` .. `+3`."""
    return f"{position:+d}" if position else "0"


def tally(positions: Iterable[int]) -> list[int]:
    """Counts per position -3..+3 of POSITIONS (one per participant)."""
    counts = [0] * 7
    for position in positions:
        counts[position + 3] += 1
    return counts


def answered(counts: Sequence[int]) -> int:
    return sum(counts)


def mean(counts: Sequence[int]) -> float | None:
    """The mean position, or None when nobody answered."""
    total = sum(counts)
    if not total:
        return None
    return sum(p * n for p, n in zip(POSITIONS, counts)) / total


def polls_on(debate: Debate, claim: str) -> list[Poll]:
    """The polls on CLAIM, oldest first."""
    return [p for p in debate.polls if p.claim == claim]


def _at(debate: Debate, claim: str, opened: str) -> int:
    for i, poll in enumerate(debate.polls):
        if poll.claim == claim and poll.opened == opened:
            return i
    raise OperationError(f'there is no poll on "{claim}" opened {opened}')


def open_poll(debate: Debate, claim: str, opened: str, counts: Sequence[int] | None = None) -> Batch:
    """A new open poll on CLAIM, stamped OPENED."""
    if not any(c.id == claim for c in debate.claims):
        raise OperationError(f'there is no claim "{claim}"')
    poll = Poll(claim=claim, opened=opened, counts=list(counts or [0] * 7))
    return Batch((Splice("polls", len(debate.polls), 0, (poll,)),), f"room poll on {claim}")


def set_poll(debate: Debate, claim: str, opened: str, **fields: object) -> Batch:
    """Change the poll on CLAIM opened OPENED: its `counts`, or `closed` (None reopens it)."""
    i = _at(debate, claim, opened)
    poll = Poll.model_validate({**debate.polls[i].model_dump(), **fields})
    return Batch((Splice("polls", i, 1, (poll,)),), f"room poll on {claim}")


@dataclass(frozen=True)
class Move:
    """How the room moved on a claim between two polls."""

    claim: str
    before: Poll
    after: Poll

    @property
    def shift(self) -> float:
        return (mean(self.after.counts) or 0.0) - (mean(self.before.counts) or 0.0)


def moves(debate: Debate, least: float = 0.0) -> list[Move]:
    """Between consecutive polls on the same claim (both answered), where the room's mean
    moved by more than LEAST, largest move first."""
    out: list[Move] = []
    by_claim: dict[str, list[Poll]] = {}
    for poll in debate.polls:
        if sum(poll.counts):
            by_claim.setdefault(poll.claim, []).append(poll)
    for claim, polls in by_claim.items():
        for before, after in pairwise(polls):
            move = Move(claim, before, after)
            if abs(move.shift) > least:
                out.append(move)
    return sorted(out, key=lambda m: -abs(m.shift))


@dataclass(frozen=True)
class Disagreement:
    """Where the room and a stakeholder stand apart on a claim."""

    claim: str
    stakeholder: str
    room: float
    position: int

    @property
    def gap(self) -> float:
        return self.position - self.room


def disagreements(debate: Debate, least: float = 2.0) -> list[Disagreement]:
    """Stakeholders whose stance is at least LEAST away from the room's mean in its latest
    answered poll on the claim, largest gap first."""
    latest: dict[str, float] = {}
    for poll in debate.polls:
        value = mean(poll.counts)
        if value is not None:
            latest[poll.claim] = value
    out = [
        Disagreement(s.claim, s.stakeholder, latest[s.claim], s.position)
        for s in debate.stances
        if s.claim in latest and abs(s.position - latest[s.claim]) >= least
    ]
    return sorted(out, key=lambda d: -abs(d.gap))
