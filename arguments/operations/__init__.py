"""Edits to a debate that each know their inverse, and the undo/redo history over them.

Three primitives change a debate (`primitives`): `Splice` (replace a run of records in one
table), `SetTop` (one top-level field) and `Batch` (several, all or nothing).
`op.apply(debate)` changes the debate in place and returns the operation that undoes it
exactly. The constructors (`claims`: `add_claim`, `move_under`, ...; `records`:
`set_stance`, `delete_stakeholder`, ...) check their preconditions and validate every new
record first, raising `OperationError` with a plain message, so an operation that is built
always applies whole. They touch only the records concerned: no operation re-validates or
rebuilds the whole debate. `change_of` says what an applied operation touched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

now: Callable[[], str] = lambda: datetime.now().strftime("%Y-%m-%dT%H:%M")  # noqa: E731
"""The clock stance changes are stamped with (ISO minute); tests and the app may replace it."""

from .change import BIG_SPLICE, Change, change_of  # noqa: E402
from .claims import (  # noqa: E402
    add_claim,
    add_root,
    add_sibling,
    delete_claim,
    edit_claim,
    flip_relation,
    indent,
    move_claim,
    move_under,
    new_claim,
    outdent,
    set_kind,
)
from .primitives import Batch, History, Operation, OperationError, SetTop, Splice, Step  # noqa: E402
from .records import (  # noqa: E402
    add_evidence,
    add_source,
    add_stakeholder,
    clear_stance,
    delete_evidence,
    delete_source,
    delete_stakeholder,
    edit_debate,
    edit_evidence,
    edit_source,
    edit_stakeholder,
    note_last_change,
    replace_debate,
    set_stance,
    stances_of,
)

__all__ = [
    "BIG_SPLICE",
    "Batch",
    "Change",
    "History",
    "Operation",
    "OperationError",
    "SetTop",
    "Splice",
    "Step",
    "add_claim",
    "add_evidence",
    "add_root",
    "add_sibling",
    "add_source",
    "add_stakeholder",
    "change_of",
    "clear_stance",
    "delete_claim",
    "delete_evidence",
    "delete_source",
    "delete_stakeholder",
    "edit_claim",
    "edit_debate",
    "edit_evidence",
    "edit_source",
    "edit_stakeholder",
    "flip_relation",
    "indent",
    "move_claim",
    "move_under",
    "new_claim",
    "note_last_change",
    "now",
    "outdent",
    "replace_debate",
    "set_kind",
    "set_stance",
    "stances_of",
]
