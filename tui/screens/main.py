"""The main view: the argument tree beside the selected claim's details.

Actions here build operations and hand them to `DebateApp.apply`; the screen refreshes
from the `Change` the app reports back, node by node.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Static, Tree

from arguments import operations as ops
from arguments.claim_records import ClaimRecords, group_tables
from arguments.operations import Change

from ..widgets.argument_tree import NAVIGATION_KEYS, ArgumentTree
from ..widgets.claim_details import ClaimDetails
from ..widgets.labels import block, claim_line
from ..widgets.steady_footer import SteadyFooter
from ..widgets.title_bar import TitleBar
from .base import DebateScreen, binding_rows
from .choice import ChoiceScreen
from .form import FormField, FormScreen

KINDS = ["claim", "question", "thesis"]
_UNSHOWN = object()
GROUP_ELSEWHERE_FROM = 20_000
"""Stances and evidence from which they are grouped by claim in a thread after the first
frame (0.15 s of it at 100,000 claims) rather than before it."""


class MainScreen(DebateScreen[None]):
    """Argument tree and details; every claim edit starts here."""

    HELP_TITLE = "Argument tree"
    HELP_RANK = 10
    HELP_KEYS = NAVIGATION_KEYS + binding_rows(ArgumentTree.BINDINGS)

    EDIT_ACTIONS = frozenset(
        {
            "add_supporting_claim",
            "add_opposing_claim",
            "add_sibling",
            "edit_claim",
            "delete_claim",
            "cycle_kind",
            "flip_relation",
            "move_up",
            "move_down",
            "indent",
            "outdent",
            "cut",
            "paste",
            "add_evidence",
            "capture_question",
            "edit_debate",
        }
    )

    BINDINGS = [
        Binding("plus", "add_supporting_claim", "Pro", id="add-supporting-claim"),
        Binding("minus", "add_opposing_claim", "Con", id="add-opposing-claim"),
        Binding("n", "add_sibling", "Sibling", show=False, id="add-sibling"),
        Binding("e", "edit_claim", "Edit", id="edit-claim"),
        Binding("d,delete", "delete_claim", "Delete", id="delete-claim"),
        Binding("s", "stances", "Stances", id="stances"),
        Binding("t", "cycle_kind", "Kind", show=False, id="cycle-kind"),
        Binding("f", "flip_relation", "Flip pro/con", show=False, id="flip-relation"),
        Binding("K,alt+up", "move_up", "Move up", show=False, id="move-up"),
        Binding("J,alt+down", "move_down", "Move down", show=False, id="move-down"),
        Binding("greater_than_sign", "indent", "Indent", show=False, id="indent"),
        Binding("less_than_sign", "outdent", "Outdent", show=False, id="outdent"),
        Binding("x", "cut", "Cut", show=False, id="cut"),
        Binding("p", "paste", "Paste under", show=False, id="paste"),
        Binding("v", "add_evidence", "Evidence", show=False, id="add-evidence"),
        Binding("asterisk", "expand_all", "Expand all", show=False, id="expand-all"),
        Binding("0", "collapse_all", "Collapse all", show=False, id="collapse-all"),
        *[
            Binding(str(n), f"expand_to_level({n})", f"Expand to level {n}", show=False, id=f"expand-level-{n}")
            for n in range(1, 10)
        ],
        Binding("w", "app.stakeholders", "Stakeholders", show=False, id="stakeholders"),
        Binding("m", "app.matrix", "Matrix", show=False, id="matrix"),
        Binding("V", "app.evidence", "Evidence list", show=False, id="evidence-list"),
        Binding("q", "capture_question", "Question", show=False, id="capture-question"),
        Binding("Q", "app.questions", "Open questions", show=False, id="open-questions"),
        Binding("P", "app.present", "Presenter mode", show=False, id="presenter-mode"),
        Binding("A", "app.analysis", "Analysis", show=False, id="analysis"),
        Binding("T", "edit_debate", "Edit title and question", show=False, id="edit-debate"),
        Binding("z", "toggle_wide_tree", "Wide tree, whole claim below", show=False, id="wide-tree"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cut_claim: str | None = None

    def compose(self) -> ComposeResult:
        self.records = ClaimRecords(self.app.debate, lambda: self.argument_tree.index.by_id)
        """Each claim's records and counts, read by the tree and the details panel alike."""
        if len(self.app.debate.stances) + len(self.app.debate.evidence) >= GROUP_ELSEWHERE_FROM:
            self.records.defer_grouping()
        yield TitleBar(id="title-bar")
        with Horizontal(id="main-panes"):
            with Vertical(id="tree-pane"):
                tree = ArgumentTree(self.app.debate, self.records, id="tree")
                tree.cursor_moved = self._cursor_on
                yield tree
                yield Static(id="whole-claim", markup=False)
            yield ClaimDetails(self.records, id="details")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.show_title()
        self.argument_tree.focus()
        records, token = self.records.deferred_work()
        if records:
            self._group_elsewhere(records, token)

    # A description of our own: Textual would repr the arguments, 200,000 stances.
    @work(thread=True, group="grouping", description="group stances and evidence by claim")
    def _group_elsewhere(self, records: dict[str, list[Any]], token: int) -> None:
        groups = group_tables(records)
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self.records.install, groups, token)

    @property
    def argument_tree(self) -> ArgumentTree:
        return self.query_one(ArgumentTree)

    @property
    def claim_id(self) -> str | None:
        return self.argument_tree.claim_id

    _following: object = _UNSHOWN
    """The claim the details last followed the cursor to (`_UNSHOWN`: none since asked)."""

    def _cursor_on(self, claim_id: str | None) -> None:
        """The details follow the cursor in the frame the cursor moves in (see
        `ArgumentTree.cursor_moved`); until they are mounted, NodeHighlighted does it."""
        try:
            details = self.query_one(ClaimDetails)
        except NoMatches:
            return
        self._following = claim_id
        details.show(claim_id)
        self.show_whole_claim(claim_id)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        # Where the cursor is now: the message may be older than a move already shown.
        claim_id = self.argument_tree.claim_id
        if claim_id != self._following:
            self._cursor_on(claim_id)

    def action_toggle_wide_tree(self) -> None:
        """z: the tree takes the whole width and the selected claim is shown whole under it,
        so long claims can be read however narrow the terminal."""
        self.query_one("#main-panes").toggle_class("-wide-tree")
        self.show_whole_claim(self.claim_id)

    def show_whole_claim(self, claim_id: str | None) -> None:
        strip = self.query_one("#whole-claim", Static)
        claim = self.argument_tree.index.by_id.get(claim_id) if claim_id else None
        strip.update(block(claim.text) if claim is not None else Text())

    def debate_changed(self, change: Change, focus: str | None) -> None:
        """Refresh what CHANGE touched, then put the cursor on FOCUS (or keep it)."""
        current = self.claim_id
        self.records.changed(change)  # first: the tree's new labels count from it
        self.argument_tree.apply_change(change)
        index = self.argument_tree.index
        target = focus if focus in index.by_id else current if current in index.by_id else None
        if target is None:
            parents = [p for p in change.parents if p in index.by_id]
            target = parents[0] if parents else (index.roots[0] if index.roots else None)
        self._show(target)

    def select_claim(self, claim_id: str) -> None:
        self._show(claim_id)

    def _show(self, claim_id: str | None) -> None:
        """The cursor on CLAIM_ID and its details drawn afresh, once: by the cursor's move
        when it moves (`_cursor_on`), here when it stays where it was."""
        self._following = _UNSHOWN
        if claim_id is not None:
            self.argument_tree.select_claim(claim_id)
        if self._following is _UNSHOWN:
            self._cursor_on(claim_id)

    # ------------------------------------------------------------ editing

    def _edit(
        self, build: Callable[[], ops.Operation], focus: Callable[[ops.Operation], str | None] | None = None
    ) -> str | None:
        return self.app.edit(build, focus)

    def _claim_text(self, claim_id: str) -> str:
        return claim_line(self.app.debate, claim_id)

    def _add_claim(self, relation: str) -> None:
        parent = self.claim_id
        if parent is None:
            if not self.argument_tree.index.roots:
                self._add_motion()
            return
        word = "Supporting" if relation == "supports" else "Opposing"
        title = f"{word} claim under: {self._claim_text(parent)}"

        def submit(values: dict) -> str | None:
            return self._edit(
                lambda: ops.add_claim(self.app.debate, parent, relation, values["text"] or ""), ops.new_claim
            )

        self.app.push_screen(FormScreen(title, [FormField("text", "Text (enter adds, escape cancels)")], submit))

    def _add_motion(self) -> None:
        def submit(values: dict) -> str | None:
            return self._edit(lambda: ops.add_root(self.app.debate, values["text"] or ""), ops.new_claim)

        self.app.push_screen(
            FormScreen("The motion (this debate has no claims yet)", [FormField("text", "Text")], submit)
        )

    def action_edit_debate(self) -> None:
        debate = self.app.debate
        fields = [
            FormField("title", "Title", debate.title),
            FormField("question", "Question", debate.question),
            FormField("description", "Description", debate.description, "area"),
        ]

        def submit(values: dict) -> str | None:
            return self._edit(lambda: ops.edit_debate(debate, **values))

        self.app.push_screen(FormScreen("The debate", fields, submit))

    def action_add_supporting_claim(self) -> None:
        self._add_claim("supports")

    def action_add_opposing_claim(self) -> None:
        self._add_claim("opposes")

    def action_add_sibling(self) -> None:
        sibling = self.claim_id
        if sibling is None:
            return

        def submit(values: dict) -> str | None:
            return self._edit(lambda: ops.add_sibling(self.app.debate, sibling, values["text"] or ""), ops.new_claim)

        title = f"Sibling after: {self._claim_text(sibling)}"
        self.app.push_screen(FormScreen(title, [FormField("text", "Text")], submit))

    def action_edit_claim(self) -> None:
        claim_id = self.claim_id
        if claim_id is None:
            return
        claim = self.argument_tree.index.by_id[claim_id]
        fields = [
            FormField("text", "Text", claim.text),
            FormField("kind", "Kind", claim.kind, "choice", [(k, k) for k in KINDS]),
            FormField("notes", "Notes", claim.notes, "area"),
        ]
        if claim.kind == "question":
            fields.append(FormField("closed", "Closed", claim.closed, "choice", [("open", False), ("closed", True)]))

        def submit(values: dict) -> str | None:
            return self._edit(lambda: ops.edit_claim(self.app.debate, claim_id, **values))

        self.app.push_screen(FormScreen("Edit the claim", fields, submit))

    def action_delete_claim(self) -> None:
        claim_id = self.claim_id
        if claim_id is None:
            return
        message = self._deletion_message(claim_id)

        def answered(answer: str | None) -> None:
            if answer == "delete":
                self._edit(lambda: ops.delete_claim(self.app.debate, claim_id))

        self.app.push_screen(ChoiceScreen(message, [("delete", "Delete", "y"), ("keep", "Keep", "n")]), answered)

    def _deletion_message(self, claim_id: str) -> Text:
        """What deleting CLAIM_ID takes with it, in words; the motion says it empties the debate."""
        debate = self.app.debate
        gone = set(self.argument_tree.index.subtree(claim_id))
        evidence = sum(1 for e in debate.evidence if e.claim in gone)
        stances = sum(1 for s in debate.stances if s.claim in gone)
        below = len(gone) - 1
        motion = self.argument_tree.index.by_id[claim_id].parent is None
        message = Text()
        if motion:
            message.append("This is the motion", style="bold red")
            message.append(": the statement the whole debate is about.\n")
        message.append("Delete it")
        message.append(f" and the {below} claim{'s' if below != 1 else ''} below it" if below else "")
        message.append(f", with {evidence} evidence item{'s' if evidence != 1 else ''}")
        message.append(f" and {stances} stance{'s' if stances != 1 else ''}?")
        if motion and len(self.argument_tree.index.roots) == 1:
            message.append(" The debate will have no claims left.", style="bold")
        message.append(" (ctrl+z brings it all back)\n\n")
        message.append(self._claim_text(claim_id), style="bold")
        return message

    def _simple(self, build: Callable[[str], ops.Operation]) -> None:
        claim_id = self.claim_id
        if claim_id is not None:
            self._edit(lambda: build(claim_id), lambda _op: claim_id)

    def action_cycle_kind(self) -> None:
        def build(cid: str) -> ops.Operation:
            kind = self.argument_tree.index.by_id[cid].kind
            return ops.set_kind(self.app.debate, cid, KINDS[(KINDS.index(kind) + 1) % len(KINDS)])

        self._simple(build)

    def action_flip_relation(self) -> None:
        self._simple(lambda cid: ops.flip_relation(self.app.debate, cid))

    def action_move_up(self) -> None:
        self._simple(lambda cid: ops.move_claim(self.app.debate, cid, -1))

    def action_move_down(self) -> None:
        self._simple(lambda cid: ops.move_claim(self.app.debate, cid, +1))

    def action_indent(self) -> None:
        self._simple(lambda cid: ops.indent(self.app.debate, cid))

    def action_outdent(self) -> None:
        self._simple(lambda cid: ops.outdent(self.app.debate, cid))

    def action_cut(self) -> None:
        self.cut_claim = self.claim_id
        if self.cut_claim:
            self.app.notify("Cut: move to the new parent and press p to paste it there.", markup=False)

    def action_paste(self) -> None:
        moving, target = self.cut_claim, self.claim_id
        if moving is None or target is None:
            self.app.notify("Nothing cut: press x on a claim first.", markup=False)
            return
        if self._edit(lambda: ops.move_under(self.app.debate, moving, target), lambda _op: moving) is None:
            self.cut_claim = None

    def action_add_evidence(self) -> None:
        claim_id = self.claim_id
        if claim_id is not None:
            from .evidence import evidence_form

            self.app.push_screen(evidence_form(self.app, claim_id=claim_id))

    def action_stances(self) -> None:
        claim_id = self.claim_id
        if claim_id is not None:
            from .stances import StancesScreen

            self.app.push_screen(StancesScreen(claim_id))

    def action_capture_question(self) -> None:
        claim_id = self.claim_id
        if claim_id is not None:
            from .questions import question_form

            self.app.push_screen(question_form(self.app, claim_id))

    # ------------------------------------------------------------ folding

    def action_expand_all(self) -> None:
        self.argument_tree.expand_to_level(None)

    def action_collapse_all(self) -> None:
        self.argument_tree.expand_to_level(0)

    def action_expand_to_level(self, level: int) -> None:
        self.argument_tree.expand_to_level(level)
