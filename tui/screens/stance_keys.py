"""Single-key stance capture, shared by the stances screen, the matrix and presenter mode.

A screen subclasses `StanceKeys` and says which (stakeholder, claim) the cursor is on; each
key becomes one `set_stance`/`clear_stance` operation, so every step is undoable and lands
in the stance history. Successive steps on one stance while the cursor stays on it
(`+ + +`) are one change, from the first position to the last, and one undo: a step is
not a stance change. The screen calls `end_stance_run()` when its cursor moves.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable

from arguments import operations as ops
from arguments.history import format_position

from ..widgets.labels import claim_line, stakeholder_name
from .base import DebateScreen
from .form import FormField, FormScreen

STANCE_BINDINGS = [
    Binding("plus,equals_sign", "stance_step(1)", "+1", id="stance-up"),
    Binding("minus", "stance_step(-1)", "−1", id="stance-down"),
    Binding("0", "stance_set(0)", "Neutral", show=False, id="stance-neutral"),
    Binding("1", "stance_set(1)", "Set +1", show=False, id="stance-1"),
    Binding("2", "stance_set(2)", "Set +2", show=False, id="stance-2"),
    Binding("3", "stance_set(3)", "Set +3", show=False, id="stance-3"),
    Binding("n", "stance_negate", "Negate", show=False, id="stance-negate"),
    Binding("b", "stance_basis", "Basis", show=False, id="stance-basis"),
    Binding("r", "stance_rationale", "Rationale", id="stance-rationale"),
    Binding("delete,backspace", "stance_clear", "Clear", show=False, id="stance-clear"),
    Binding("N", "stance_note", "Note what moved it", show=False, id="stance-note"),
]


class StanceKeys(DebateScreen[None]):
    """A screen with the actions for STANCE_BINDINGS; it defines `stance_target()`."""

    _stance_run: tuple[str, str, int] | None = None
    """(stakeholder, claim, history state after the last step) of the run of steps going on."""

    def stance_target(self) -> tuple[str, str] | None:
        raise NotImplementedError

    def end_stance_run(self) -> None:
        """The cursor moved: the next step starts a new stance change."""
        self._stance_run = None

    def end_stance_run_when_moved(self, table: DataTable) -> None:
        """End the run as soon as TABLE's cursor moves. Watched, not taken from the
        highlight messages: those can arrive after a stance key typed right behind."""
        self.watch(table, "cursor_coordinate", lambda: self.end_stance_run(), init=False)

    def is_edit(self, action: str) -> bool:
        return action.startswith("stance_") or super().is_edit(action)

    def presented(self) -> dict:
        """The slide on screen, recorded with each stance change (presenter mode overrides)."""
        return {}

    def _current(self, who: str, claim: str) -> int | None:
        for stance in self.app.debate.stances:
            if stance.stakeholder == who and stance.claim == claim:
                return stance.position
        return None

    def _set(self, position: int) -> None:
        target = self.stance_target()
        if target is None:
            return
        who, claim = target
        if self._current(who, claim) == position:
            return
        position = max(-3, min(3, position))
        app = self.app
        slide = self.presented()
        last = app.history.undo_stack[-1] if app.history.undo_stack else None
        if self._stance_run == (who, claim, last.after if last else None):

            def folded() -> ops.Operation | None:
                if self._current(who, claim) == position:
                    return None  # back where the run started: no change at all
                return ops.set_stance(app.debate, who, claim, position, **slide)

            steps = len(app.history.undo_stack)
            kept = app.amend(folded) is None and len(app.history.undo_stack) == steps
            self._stance_run = (who, claim, app.history.state) if kept else None
            return
        if app.edit(lambda: ops.set_stance(app.debate, who, claim, position, **slide)) is None:
            self._stance_run = (who, claim, app.history.state)

    def action_stance_set(self, position: int) -> None:
        self._set(position)

    def action_stance_step(self, step: int) -> None:
        target = self.stance_target()
        if target is not None:
            current = self._current(*target)
            self._set((current or 0) + step)

    def action_stance_negate(self) -> None:
        target = self.stance_target()
        if target is not None:
            current = self._current(*target)
            if current:
                self._set(-current)

    def action_stance_clear(self) -> None:
        target = self.stance_target()
        if target is not None and self._current(*target) is not None:
            who, claim = target
            self.app.edit(lambda: ops.clear_stance(self.app.debate, who, claim))

    def action_stance_basis(self) -> None:
        target = self.stance_target()
        if target is None or self._current(*target) is None:
            return
        who, claim = target
        stance = next(s for s in self.app.debate.stances if s.stakeholder == who and s.claim == claim)
        basis = "stated" if stance.basis == "inferred" else "inferred"
        self.app.edit(lambda: ops.set_stance(self.app.debate, who, claim, basis=basis))

    def action_stance_note(self) -> None:
        target = self.stance_target()
        if target is None:
            return
        who, claim = target
        debate = self.app.debate
        name, claim_text = stakeholder_name(debate, who), claim_line(debate, claim)
        latest = next((c for c in reversed(debate.stance_changes) if c.stakeholder == who and c.claim == claim), None)
        if latest is None:
            self.app.notify(
                f"{name} has no stance change on this claim to note yet: change it with + or − first.", markup=False
            )
            return

        def submit(values: dict) -> str | None:
            return self.app.edit(lambda: ops.note_last_change(debate, who, claim, values["note"] or ""))

        field = FormField("note", "What moved it (e.g. after the San Martin evidence)", latest.note)
        moved = f"{format_position(latest.from_)} → {format_position(latest.to)}"
        title = f"What moved {name} ({moved}) on: {claim_text}"
        self.app.push_screen(FormScreen(title, [field], submit))

    def action_stance_rationale(self) -> None:
        target = self.stance_target()
        if target is None:
            return
        who, claim = target
        debate = self.app.debate
        stance = next((s for s in debate.stances if s.stakeholder == who and s.claim == claim), None)
        fields = [
            FormField(
                "position",
                "Position",
                stance.position if stance else 0,
                "choice",
                [(f"{p:+d}" if p else "0", p) for p in range(3, -4, -1)],
            ),
            FormField(
                "basis",
                "Basis",
                stance.basis if stance else "inferred",
                "choice",
                [("stated", "stated"), ("inferred", "inferred")],
            ),
            FormField("rationale", "Rationale", stance.rationale if stance else "", "area"),
        ]

        def submit(values: dict) -> str | None:
            return self.app.edit(lambda: ops.set_stance(debate, who, claim, **values))

        title = f"Stance of {stakeholder_name(debate, who)} on: {claim_line(debate, claim)}"
        self.app.push_screen(FormScreen(title, fields, submit, focus="rationale"))
