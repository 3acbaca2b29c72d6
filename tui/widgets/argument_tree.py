"""The argument tree: claims as an outline, built lazily and refreshed node by node.

Nodes hold claim ids, never model objects, so nothing goes stale after an undo. Children
are added when a node is first expanded, so a debate of thousands of claims opens at once.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from arguments.claim_records import ClaimRecords
from arguments.model import Debate
from arguments.operations import Change
from arguments.tree import ClaimTree

from .labels import claim_label, link_counts, plain

NAVIGATION_KEYS = [
    ("up/down, j/k", "Move the cursor"),
    ("right/l, left/h", "Expand / collapse (or go to child / parent)"),
    ("shift+up/down", "Previous / next sibling"),
    ("space", "Toggle the node"),
    ("mouse", "Click to select, click the arrow to expand"),
]
"""The tree's keys that are not its bindings (Textual's own), for the help screen."""


class ArgumentTree(Tree[str]):
    """The motion and its claims; `select_claim` reveals any claim, loading what it needs."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("l,right", "open_node", "Expand", show=False, id="expand-node"),
        Binding("h,left", "close_node", "Collapse", show=False, id="collapse-node"),
    ]

    def __init__(self, debate: Debate, records: ClaimRecords, **kwargs: object) -> None:
        super().__init__(plain(debate.title), **kwargs)  # type: ignore[arg-type]
        self.debate = debate
        self.records = records
        """Each claim's stances and evidence, shared with the details panel; the screen
        brings it up to date with each change (`MainScreen.debate_changed`) before the
        tree refreshes its labels from it."""
        self.show_root = False
        self.guide_depth = 3
        self._claim_nodes: dict[str, TreeNode[str]] = {}
        self._populated: set[str | None] = set()
        self.index = ClaimTree.of(debate)
        self.links = link_counts(debate)

    cursor_moved: Callable[[str | None], None] | None = None
    """Called at once when the cursor lands on another node, with its claim id, so that
    what follows the cursor is drawn in the same frame; Textual's NodeHighlighted message
    arrives after the cursor's frame, and the details came 20-40 ms after the cursor."""

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        before = self.cursor_node
        super().watch_cursor_line(previous_line, line)
        node = self.cursor_node
        if node is not before and self.cursor_moved is not None:
            self.cursor_moved(node.data if node is not None else None)

    def on_mount(self) -> None:
        first = self.index.roots[:1]
        self.records.prefetch([*self.index.roots, *first, *(kid for root in first for kid in self.index.kids(root))])
        self._populate(None)
        for root_id in self.index.roots[:1]:
            self._open(self._claim_nodes[root_id])
            self.call_after_refresh(self.move_cursor, self._claim_nodes[root_id])

    # ------------------------------------------------------------ building

    def label_of(self, claim_id: str) -> Text:
        claim = self.index.by_id[claim_id]
        return claim_label(claim, self.records.summary(claim_id), self.links.get(claim_id, 0))

    def _node_of(self, claim_id: str | None) -> TreeNode[str] | None:
        return self.root if claim_id is None else self._claim_nodes.get(claim_id)

    def _kids(self, claim_id: str | None) -> list[str]:
        """The children of CLAIM_ID in order; of None, the roots."""
        return self.index.roots if claim_id is None else self.index.kids(claim_id)

    def _populate(self, claim_id: str | None) -> None:
        node = self._node_of(claim_id)
        if node is None or claim_id in self._populated:
            return
        self._populated.add(claim_id)
        for kid in self._kids(claim_id):
            self._claim_nodes[kid] = node.add(self.label_of(kid), data=kid, allow_expand=bool(self.index.kids(kid)))

    def _open(self, node: TreeNode[str]) -> None:
        self._populate(node.data)
        if node.children:
            node.expand()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        self._populate(event.node.data)

    # ------------------------------------------------------------ navigation

    @property
    def claim_id(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def select_claim(self, claim_id: str) -> None:
        """Expand the claim's ancestors and put the cursor on it (after the next refresh)."""
        if claim_id not in self.index.by_id:
            return
        for ancestor in reversed(self.index.ancestors(claim_id)):
            node = self._claim_nodes.get(ancestor)
            if node is not None:
                self._open(node)
        node = self._claim_nodes.get(claim_id)
        if node is not None:
            # A node just added has no line until the tree lays its lines out, which it
            # would do on the next frame; laying them out now (Textual 8.2, pinned) puts the
            # cursor there in this frame instead of painting the tree twice.
            self._tree_lines  # noqa: B018
            self.move_cursor(node)

    def action_open_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            self._open(node)
        elif node.children:
            self.move_cursor(node.children[0])

    def action_close_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def expand_to_level(self, level: int | None) -> None:
        """Show claims down to LEVEL (the motion is 0), None for all; deeper ones fold."""
        stack = [(child, 0) for child in self.root.children]
        while stack:
            node, depth = stack.pop()
            if level is None or depth < level:
                self._open(node)
                stack.extend((child, depth + 1) for child in node.children)
            elif node.is_expanded:
                node.collapse()

    # ------------------------------------------------------------ refreshing

    def apply_change(self, change: Change) -> None:
        """Refresh the nodes an edit touched; everything only when stakeholders changed."""
        if change.everything:
            self.index = ClaimTree.of(self.debate)
        elif change.claims or change.parents:
            refresh_index(self.index, self.debate, change.claims, change.parents)
        if "links" in change.tables or change.everything:
            self.links = link_counts(self.debate)
        if "debate" in change.tables:
            self.root.set_label(plain(self.debate.title))
        if change.everything:
            if "claims" in change.tables:
                self._rebuild()
            else:  # stakeholders or sources: the same nodes, new counts
                for cid, node in self._claim_nodes.items():
                    node.set_label(self.label_of(cid))
            return
        live = [cid for cid in change.claims if cid in self.index.by_id]
        for parent in change.parents:
            self._reload(parent)
        for cid in live:
            shown = self._claim_nodes.get(cid)
            if shown is not None:
                shown.set_label(self.label_of(cid))
                shown.allow_expand = bool(self.index.kids(cid))

    def _forget(self, node: TreeNode[str]) -> set[str]:
        """Drop NODE and its loaded descendants from the maps; return the expanded ids."""
        expanded: set[str] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            if current.data is not None:
                if current.is_expanded:
                    expanded.add(current.data)
                if self._claim_nodes.get(current.data) is current:  # not a newer node, moved here
                    del self._claim_nodes[current.data]
                    self._populated.discard(current.data)
            stack.extend(current.children)
        return expanded

    def _reload(self, claim_id: str | None) -> None:
        """Bring a node's children in line with the debate, touching only what changed:
        new children are inserted, gone ones removed, and of reordered ones only those
        out of order are rebuilt (the rest keep their nodes and their expansion)."""
        node = self._node_of(claim_id)
        if node is None:
            return
        kids = self._kids(claim_id)
        if claim_id is not None:
            node.allow_expand = bool(kids)
        if claim_id not in self._populated:
            return
        place = {kid: i for i, kid in enumerate(kids)}
        current = [c for c in node.children if c.data in place and self._claim_nodes.get(c.data) is c]
        staying = {id(c) for c in in_order(current, place)}
        expanded: set[str] = set()
        for child in list(node.children):
            if id(child) not in staying:
                expanded |= self._forget(child)
                child.remove()
        shown = {c.data for c in node.children}
        for i, kid in enumerate(kids):
            if kid in shown:
                continue
            before = i if i < len(node.children) else None
            added = node.add(self.label_of(kid), data=kid, before=before, allow_expand=bool(self.index.kids(kid)))
            self._claim_nodes[kid] = added
            if kid in expanded:
                self._open(added)
                self._restore(added, expanded)

    def _restore(self, node: TreeNode[str], expanded: set[str]) -> None:
        stack = list(node.children)
        while stack:
            child = stack.pop()
            if child.data in expanded:
                self._open(child)
                stack.extend(child.children)

    def _rebuild(self) -> None:
        expanded: set[str] = set()
        for child in list(self.root.children):
            expanded |= self._forget(child)
        self.root.set_label(plain(self.debate.title))
        self.root.remove_children()
        self._populated.clear()
        self._populate(None)
        self._restore(self.root, expanded)


def refresh_index(index: ClaimTree, debate: Debate, claims: set[str], parents: set[str | None]) -> None:
    """Bring INDEX in line with DEBATE for the CLAIMS and the children of PARENTS an edit
    touched: one pass over the claims instead of rebuilding the whole index."""
    found: dict[str, object] = {}
    kids: dict[str | None, list[str]] = {p: [] for p in parents if p is not None}
    for claim in debate.claims:
        if claim.id in claims:
            found[claim.id] = claim
        if claim.parent in kids:
            kids[claim.parent].append(claim.id)
    for cid in claims:
        if cid in found:
            index.by_id[cid] = found[cid]  # type: ignore[assignment]
        else:
            index.by_id.pop(cid, None)
            index.children.pop(cid, None)
    for parent, ids in kids.items():
        if parent in index.by_id:
            index.children[parent] = ids
        else:
            index.children.pop(parent, None)
    if None in parents:  # roots: no parent, or one that is missing (as `ClaimTree.of` does)
        index.children[None] = [c.id for c in debate.claims if c.parent is None or c.parent not in index.by_id]


def in_order(nodes: list[TreeNode[str]], place: dict[str, int]) -> list[TreeNode[str]]:
    """The longest run of NODES (not necessarily adjacent) already in their new order:
    these can stay; only the others need moving."""
    tails: list[int] = []  # tails[k]: index in NODES ending the best run of length k+1
    back: list[int | None] = [None] * len(nodes)
    for i, node in enumerate(nodes):
        key = place[node.data]  # type: ignore[index]
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if place[nodes[tails[mid]].data] < key:  # type: ignore[index]
                lo = mid + 1
            else:
                hi = mid
        back[i] = tails[lo - 1] if lo else None
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    run: list[TreeNode[str]] = []
    at = tails[-1] if tails else None
    while at is not None:
        run.append(nodes[at])
        at = back[at]
    return run[::-1]
