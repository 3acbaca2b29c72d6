"""Names for the records a diff reports, so `debatemap diff` speaks in names, not ids:
`Congress on the motion`, `“Municipalities can coordinate …”` rather than `congress/motion`."""

from __future__ import annotations

from typing import Any

from arguments.history import format_position
from arguments.model import Debate


class Names:
    """Looks records up in both debates (a removed record is only in the old one)."""

    def __init__(self, *debates: Debate):
        self.motions = {d.motion.id for d in debates if d.motion is not None}
        self.people: dict[str, str] = {}
        self.claims: dict[str, str] = {}
        for debate in debates:
            self.people.update({s.id: s.label for s in debate.stakeholders})
            self.claims.update({c.id: c.text for c in debate.claims})

    def claim(self, cid: str | None) -> str:
        if cid is None:
            return "the roots"
        if cid in self.motions:
            return "the motion"
        return f"“{self.claims[cid]}”" if cid in self.claims else cid

    def person(self, sid: str) -> str:
        return self.people.get(sid, sid)

    def record(self, change: Any) -> str:
        """What a changed record is called: a name, a claim's text, `WHO on CLAIM`."""
        data = change.new or change.old
        table = change.table
        if table == "stances":
            return f"{self.person(data.get('stakeholder', ''))} on {self.claim(data.get('claim'))}"
        if table == "links":
            return f"{self.claim(data.get('from'))} → {self.claim(data.get('to'))}"
        if table == "claims":
            edited_text = any(f.name == "text" for f in change.fields)
            return "claim" if edited_text else self.claim(data.get("id"))
        if table == "evidence":
            return "evidence" if any(f.name == "text" for f in change.fields) else f"evidence “{data.get('text', '')}”"
        # DATA is a record as loaded from TOML: its names, ids and citations are strings
        name: str
        if table == "stakeholders":
            name = data.get("name") or data.get("id", "")
        elif table == "sources":
            name = data.get("citation") or data.get("id", "")
        else:
            name = data.get("name") or data.get("id") or change.key
        return name

    def value(self, field: str, value: Any) -> Any:
        """A changed field's value in words: signed positions, claims and people by name."""
        if field == "position" and isinstance(value, int) and not isinstance(value, bool):
            return format_position(value)
        if field in ("parent", "claim", "from", "to") and isinstance(value, str):
            return self.claim(value)
        if field == "stakeholder" and isinstance(value, str):
            return self.person(value)
        return value

    def history(self, entry: dict[str, Any]) -> str:
        """One stance-history entry: `AT WHO on CLAIM: +1 → +2, NOTE`."""
        line = f"{entry['at']} {self.person(entry['stakeholder'])} on {self.claim(entry['claim'])}: "
        line += f"{format_position(entry['from'])} → {format_position(entry['to'])}"
        return line + (f", {entry['note']}" if entry.get("note") else "")
