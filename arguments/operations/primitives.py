"""The three primitives that change a debate, each returning its exact inverse, and the
undo/redo history over them.

`Splice` replaces a run of records in one table, `SetTop` sets one top-level field, and
`Batch` applies several, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model import Debate, Record


class OperationError(ValueError):
    """An edit that cannot be made; the message says why, in the user's terms."""


class Operation(Protocol):
    def apply(self, debate: Debate) -> Operation: ...


@dataclass(frozen=True)
class Splice:
    """Replace REMOVE records of TABLE starting at INDEX with INSERT."""

    table: str
    index: int
    remove: int
    insert: tuple[Record, ...] = ()

    def apply(self, debate: Debate) -> Splice:
        items = getattr(debate, self.table)
        if not 0 <= self.index <= len(items) - self.remove:
            raise OperationError(f"{self.table}: no records at {self.index}..{self.index + self.remove}")
        removed = tuple(items[self.index : self.index + self.remove])
        items[self.index : self.index + self.remove] = self.insert
        return Splice(self.table, self.index, len(self.insert), removed)


@dataclass(frozen=True)
class SetTop:
    """Set a top-level field of the debate (title, question, description)."""

    name: str
    value: Any

    def apply(self, debate: Debate) -> SetTop:
        old = getattr(debate, self.name)
        setattr(debate, self.name, self.value)
        return SetTop(self.name, old)


@dataclass(frozen=True)
class Batch:
    """Several operations applied in order; the inverse undoes them in reverse order."""

    ops: tuple[Operation, ...]
    label: str = ""

    def apply(self, debate: Debate) -> Batch:
        done: list[Operation] = []
        try:
            for op in self.ops:
                done.append(op.apply(debate))
        except BaseException:
            for inverse in reversed(done):  # never leave an edit half-applied
                inverse.apply(debate)
            raise
        return Batch(tuple(reversed(done)), self.label)


@dataclass
class Step:
    """One recorded edit: what redoes it, what undoes it, the states before and after."""

    redo: Operation
    undo: Operation
    before: int
    after: int

    @property
    def label(self) -> str:
        return getattr(self.redo, "label", "") or "edit"


@dataclass
class History:
    """Unlimited undo and redo, and whether the debate differs from the last save."""

    undo_stack: list[Step] = field(default_factory=list)
    redo_stack: list[Step] = field(default_factory=list)
    state: int = 0
    saved_state: int | None = 0
    _serial: int = 0

    def apply(self, debate: Debate, op: Operation, keep_redo: bool = False) -> Step:
        """Apply OP and record it for undo. A new edit ends what could be redone, unless
        KEEP_REDO: for an edit that touches nothing the redo stack depends on."""
        inverse = op.apply(debate)
        self._serial += 1
        step = Step(op, inverse, self.state, self._serial)
        self.undo_stack.append(step)
        if not keep_redo:
            self.redo_stack.clear()
        self.state = step.after
        return step

    def drop_redo(self, step: Step) -> None:
        """Forget STEP from the redo stack (it was undone only to reach the step below it)."""
        self.redo_stack = [s for s in self.redo_stack if s.after != step.after]

    def amend(self, debate: Debate, build: Callable[[], Operation | None]) -> tuple[Step | None, Operation, Operation]:
        """Fold a new edit into the last step, so both are one edit for undo.

        The last step is undone, BUILD makes the operation that goes straight from the
        state before it to the new one (None when that changes nothing: the step is
        dropped), and that operation is recorded in its place with its exact inverse.
        Returns the new step (or None) and the undone step's (undo, redo), for refreshing.
        If BUILD raises, the last step is put back as it was.
        """
        last = self.undo_stack.pop()
        redo = last.undo.apply(debate)
        try:
            op = build()
        except BaseException:
            undo = redo.apply(debate)
            self.undo_stack.append(Step(redo, undo, last.before, last.after))
            raise
        self.redo_stack.clear()
        if op is None:
            self.state = last.before
            return None, last.undo, redo
        inverse = op.apply(debate)
        self._serial += 1
        step = Step(op, inverse, last.before, self._serial)
        self.undo_stack.append(step)
        self.state = step.after
        return step, last.undo, redo

    def undo(self, debate: Debate) -> Step | None:
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        redo = step.undo.apply(debate)
        step = Step(redo, step.undo, step.before, step.after)
        self.redo_stack.append(step)
        self.state = step.before
        return step

    def redo(self, debate: Debate) -> Step | None:
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        undo = step.redo.apply(debate)
        step = Step(step.redo, undo, step.before, step.after)
        self.undo_stack.append(step)
        self.state = step.after
        return step

    @property
    def dirty(self) -> bool:
        return self.state != self.saved_state

    def mark_saved(self, state: int | None = None) -> None:
        """The file now holds STATE (by default the current one)."""
        self.saved_state = self.state if state is None else state

    def mark_unsaved(self) -> None:
        """The debate differs from the file whatever the stacks say (e.g. restored edits)."""
        self.saved_state = None
