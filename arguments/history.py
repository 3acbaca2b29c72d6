"""How stances moved: the debate's `stance_changes`, filtered by date and summarised.

A shift is every recorded change of one stakeholder's stance on one claim, taken together:
"AMRESAM: motion +1 → +3, after the San Martin evidence". Times are compared as written
in the room: a time zone, when given, is ignored, and a bare date means its midnight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .model import Debate, StanceChange


def parse_when(text: str) -> datetime | None:
    """An ISO 8601 date or date-time as a naive datetime; None when it is neither."""
    text = text.strip()
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day)


def sort_key(change: StanceChange) -> str:
    """Orders changes by time: a normalised ISO string, or the raw text if unreadable."""
    when = parse_when(change.at)
    return when.isoformat() if when is not None else change.at


def format_position(position: int | None) -> str:
    """+3, 0, -2; `none` when there was (or is) no stance."""
    if position is None:
        return "none"
    return f"+{position}" if position > 0 else str(position)


@dataclass
class Shift:
    """All changes of one stakeholder's stance on one claim, oldest first."""

    stakeholder: str
    claim: str
    changes: list[StanceChange] = field(default_factory=list)

    @property
    def before(self) -> int | None:
        return self.changes[0].from_

    @property
    def after(self) -> int | None:
        return self.changes[-1].to

    @property
    def path(self) -> list[int | None]:
        """Positions in order: where it started, then after each change."""
        return [self.before] + [c.to for c in self.changes]

    @property
    def notes(self) -> list[str]:
        """The distinct notes of the changes, in order."""
        out: list[str] = []
        for change in self.changes:
            if change.note and change.note not in out:
                out.append(change.note)
        return out

    @property
    def presented(self) -> list[str]:
        """The distinct claims on the presenter slide when it moved, in order."""
        return list(dict.fromkeys(c.presented for c in self.changes if c.presented))

    @property
    def first_at(self) -> str:
        return self.changes[0].at

    @property
    def last_at(self) -> str:
        return self.changes[-1].at


def changes_since(debate: Debate, since: datetime | None = None) -> list[StanceChange]:
    """The stance changes at or after SINCE (all when None), oldest first.

    A change whose time cannot be read is kept: we cannot tell it is older.
    """
    kept = []
    for change in debate.stance_changes:
        when = parse_when(change.at)
        if since is None or when is None or when >= since:
            kept.append(change)
    return sorted(kept, key=sort_key)


def shifts(debate: Debate, since: datetime | None = None) -> list[Shift]:
    """One `Shift` per (stakeholder, claim) that moved, in order of its first change."""
    grouped: dict[tuple[str, str], Shift] = {}
    for change in changes_since(debate, since):
        key = (change.stakeholder, change.claim)
        grouped.setdefault(key, Shift(change.stakeholder, change.claim)).changes.append(change)
    return list(grouped.values())


def stakeholder_label(debate: Debate, stakeholder_id: str) -> str:
    for stakeholder in debate.stakeholders:
        if stakeholder.id == stakeholder_id:
            return stakeholder.label
    return stakeholder_id


def describe(debate: Debate, shift: Shift) -> str:
    """One line, unescaped: `AMRESAM: motion +1 → +3, after the San Martin evidence`."""
    movement = " → ".join(format_position(p) for p in shift.path)
    line = f"{stakeholder_label(debate, shift.stakeholder)}: {shift.claim} {movement}"
    if shift.notes:
        line += ", " + "; ".join(shift.notes)
    if shift.presented:
        line += ", moved after the discussion of " + "; ".join(shift.presented)
    return line
