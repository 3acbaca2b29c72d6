"""One random edit by name, for the property tests that drive the operations (undo gives
back the start; an incremental save writes what a full one does)."""

from __future__ import annotations

from arguments import operations as ops
from arguments import polls
from arguments.model import Debate

CLAIM_EDITS = ["add", "sibling", "edit", "kind", "flip", "delete", "up", "down", "under", "indent", "outdent"]
RECORD_EDITS = ["evidence", "del-evidence", "stance", "clear", "stakeholder", "del-stakeholder", "source", "del-source"]
ROOM_EDITS = ["title", "poll", "count"]


def random_edit(debate: Debate, name: str, pick: int, text: str) -> ops.Operation:
    """The edit NAME on the records PICK selects, with TEXT; raises OperationError (or
    ZeroDivisionError when the table it picks from is empty) where it cannot be made."""
    claims = [c.id for c in debate.claims] or ["none"]
    cid = claims[pick % len(claims)]
    other = claims[(pick // 7) % len(claims)]
    people = [s.id for s in debate.stakeholders] or ["none"]
    who = people[pick % len(people)]
    table = {
        "add": lambda: ops.add_claim(debate, cid, "supports" if pick % 2 else "opposes", text),
        "sibling": lambda: ops.add_sibling(debate, cid, text),
        "edit": lambda: ops.edit_claim(debate, cid, text=text),
        "kind": lambda: ops.set_kind(debate, cid, "question"),
        "flip": lambda: ops.flip_relation(debate, cid),
        "delete": lambda: ops.delete_claim(debate, cid),
        "up": lambda: ops.move_claim(debate, cid, -1),
        "down": lambda: ops.move_claim(debate, cid, +1),
        "under": lambda: ops.move_under(debate, cid, other),
        "indent": lambda: ops.indent(debate, cid),
        "outdent": lambda: ops.outdent(debate, cid),
        "evidence": lambda: ops.add_evidence(debate, cid, text),
        "del-evidence": lambda: ops.delete_evidence(debate, debate.evidence[pick % len(debate.evidence)].id),
        "stance": lambda: ops.set_stance(debate, who, cid, pick % 7 - 3),
        "clear": lambda: ops.clear_stance(debate, who, cid),
        "stakeholder": lambda: ops.add_stakeholder(debate, text),
        "del-stakeholder": lambda: ops.delete_stakeholder(debate, who),
        "source": lambda: ops.add_source(debate, text),
        "del-source": lambda: ops.delete_source(debate, debate.sources[pick % len(debate.sources)].id),
        "title": lambda: ops.edit_debate(debate, title=text or "Untitled"),
        "poll": lambda: polls.open_poll(debate, cid, f"2026-11-29T10:{pick % 60:02d}"),
        "count": lambda: polls.set_poll(
            debate,
            debate.polls[pick % len(debate.polls)].claim,
            debate.polls[pick % len(debate.polls)].opened,
            counts=[pick % 5, 1, 0, 0, 0, 0, pick % 3],
        ),
    }
    return table[name]()
