"""Argdown documents read into a debate.

Every statement (`[Title]: text`, or untitled text) and every argument (`<Title>: text`)
becomes a claim, with its Argdown title kept in the notes as `Argdown: [Title]` or
`Argdown: <Title>`. Relations (`+ - _ ><` incoming, `+> -> _>` outgoing, by indentation
or by reference) give each claim one parent: the first relation in which it is the
source, preferring those written below their target; every other relation becomes a link.
Support is `supports`; attack, undercut and contradiction are `opposes`.

A premise-conclusion structure (`(1) ... ---- (2) ...`) is kept as its conclusion plus
notes: the argument's claim says the conclusion, and its notes list the premises and
inferences. Untitled premises become claims only when relations hang on them; titled ones
always do, and support the argument. Headings go into each claim's notes as its section;
front matter gives the title; #tags become tags; {data} goes into the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from arguments.model import MAX_TEXT, Relation
from arguments.problems import DebateError, Problem

from . import ImportResult
from .argdown_syntax import (
    ARGUMENT_DEF,
    HEADING,
    INFERENCE,
    PCS_NUMBER,
    RELATION,
    STATEMENT_DEF,
    SYMBOLS,
    Head,
    front_matter,
    head,
    split_text,
    strip_comments,
)
from .builder import DebateBuilder
from .limits import PROGRESS_EVERY, OutputBudget, report_progress, too_big_message

RELATIONS: dict[str, Relation] = {
    "support": "supports",
    "attack": "opposes",
    "undercut": "opposes",
    "contradict": "opposes",
}
INCOMING, CONCLUDES, OUTGOING, PREMISE = 0, 1, 2, 3
"""Edge priorities for choosing a parent: written below the target first."""


@dataclass(slots=True)  # a big document has hundreds of thousands
class Node:
    """A statement or argument as the document declares it, across all its mentions."""

    key: str
    kind: str
    title: str | None
    line: int
    section: str
    texts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    pcs: list[tuple[str, str]] = field(default_factory=list)
    in_pcs_only: bool = True
    seen: set[str] | None = None
    """Texts and tags already held (`text:...`, `tag:...`), so that repeats are found in
    constant time; made only once a node has many, as most nodes have one text."""

    def is_new(self, kind: str, value: str, items: list[str]) -> bool:
        """Whether VALUE (a `text` or `tag`) is not among ITEMS yet; remembers it if so."""
        if self.seen is None:
            if len(items) < 8:
                return value not in items
            self.seen = {"text:" + t for t in self.texts} | {"tag:" + t for t in self.tags}
        if kind + ":" + value in self.seen:
            return False
        self.seen.add(kind + ":" + value)
        return True

    @property
    def marker(self) -> str:
        if self.title is None:
            return ""
        return f"[{self.title}]" if self.kind == "statement" else f"<{self.title}>"


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    kind: str
    priority: int
    line: int


class Reader:
    """One pass over the lines: nodes, edges and premise-conclusion structures."""

    def __init__(self, name: str):
        self.name = name
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.section = ""
        self.first_heading = ""
        self.untitled = 0
        self.stack: list[tuple[int, str]] = []
        self.holder: tuple[str, list[str]] | None = None
        self.block_start = True
        self.last_argument: str | None = None
        self.pcs_owner: str | None = None
        self.inference: list[str] | None = None
        self.inference_line = 0
        self.budget = OutputBudget(name, "statements and arguments")

    def node(self, h: Head, line: int, in_pcs: bool) -> str:
        if h.title is None:
            self.untitled += 1
            key = f"#{self.untitled}"
        else:
            key = ("[" if h.kind == "statement" else "<") + h.title
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = Node(key, h.kind, h.title, line, self.section)
            self._count(h.title, in_pcs, line)
        if not in_pcs:
            node.in_pcs_only = False
        self.holder = (key, [h.text])
        return key

    def _count(self, title: str | None, in_pcs: bool, line: int) -> None:
        """Stop before a debate too big to open: what this node surely puts in the file.

        A titled node, or one outside a premise-conclusion structure, becomes a claim whose
        notes hold its title (`Argdown: [T]`) and section (cut to MAX_TEXT in all)."""
        if title is None and in_pcs:  # may fold into its argument's notes: its text only
            return
        notes = min(len(title or "") + len(self.section), MAX_TEXT)
        self.budget.add(title or "", extra=notes, line=line)

    def flush(self) -> None:
        """Finish the text of the element being read (continuation lines included)."""
        if self.holder is None:
            return
        key, parts = self.holder
        self.holder = None
        text, tags, data = split_text(" ".join(p.strip() for p in parts))
        node = self.nodes[key]
        if text and node.is_new("text", text, node.texts):
            node.texts.append(text)
            self.budget.add(text, record=False, line=node.line)
        for tag in tags:
            if node.is_new("tag", tag, node.tags):
                node.tags.append(tag)
        if data:
            node.data.append(data)

    def end_block(self) -> None:
        self.flush()
        self.stack = []
        self.block_start = True

    def read(self, lines: list[str], original: list[str], offset: int) -> None:
        """Read LINES (comments blanked); a line that held only a comment is skipped."""
        for number, (raw, before) in enumerate(zip(lines, original), offset + 1):
            if number % PROGRESS_EVERY == 0:
                report_progress("lines", number, len(lines) + offset)
            if raw.strip() or not before.strip():
                self.line(raw, number)
        if self.inference is not None:
            raise DebateError(
                [Problem("this inference is never closed with --", path=self.name, line=self.inference_line)]
            )
        self.flush()
        report_progress("lines", len(lines) + offset, len(lines) + offset)

    def line(self, raw: str, number: int) -> None:
        stripped = raw.strip()
        if self.inference is not None:
            if stripped and set(stripped) == {"-"}:
                self.close_inference()
            elif stripped:
                self.inference.append(stripped)
            return
        if not stripped:
            self.end_block()
            return
        indent = len(raw) - len(raw.lstrip())
        heading = HEADING.match(raw)
        if heading:
            self.end_block()
            self.section = " ".join(heading.group(2).split())
            self.first_heading = self.first_heading or self.section
            self.pcs_owner = self.last_argument = None
            return
        inference = INFERENCE.match(raw)
        if inference and self.pcs_owner is not None:
            self.flush()
            self.stack = []
            rest = inference.group(2).strip()
            self.inference, self.inference_line = [], number
            if rest:
                self.inference.append(rest.rstrip("-").strip())
            if len(inference.group(1)) >= 4 or (rest.endswith("--") and len(rest) > 2):
                self.close_inference()
            self.block_start = False
            return
        pcs = PCS_NUMBER.match(raw)
        if pcs:
            self.pcs_statement(pcs.group(1), pcs.group(2), indent, number)
            return
        relation = RELATION.match(raw)
        if relation:
            self.relation(relation.group(2), relation.group(3), indent, number)
            return
        new_top = indent == 0 and (STATEMENT_DEF.match(stripped) or ARGUMENT_DEF.match(stripped))
        if self.holder is not None and not self.block_start and not new_top:
            self.holder[1].append(stripped)
            return
        self.top_level(stripped, number)

    def top_level(self, text: str, number: int) -> None:
        self.flush()
        self.pcs_owner = None
        key = self.node(head(text), number, in_pcs=False)
        self.stack = [(-1, key)]
        self.last_argument = key if self.nodes[key].kind == "argument" else None
        self.block_start = False

    def relation(self, symbol: str, rest: str, indent: int, number: int) -> None:
        self.flush()
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        if not self.stack:
            raise DebateError(
                [Problem(f"the relation '{symbol}' has no statement or argument above it", path=self.name, line=number)]
            )
        above = self.stack[-1][1]
        child = self.node(head(rest), number, in_pcs=False)
        kind, incoming = SYMBOLS[symbol]
        source, target = (child, above) if incoming else (above, child)
        self.edges.append(Edge(source, target, kind, INCOMING if incoming else OUTGOING, number))
        self.stack.append((indent, child))
        self.block_start = False

    def pcs_statement(self, number_text: str, rest: str, indent: int, number: int) -> None:
        self.flush()
        if self.pcs_owner is None:
            owner = self.last_argument
            if owner is None or self.nodes[owner].pcs:
                owner = self.node(Head("argument", None, "", True), number, in_pcs=False)
                self.holder = None
            self.pcs_owner = owner
        key = self.node(head(rest), number, in_pcs=True)
        self.nodes[self.pcs_owner].pcs.append(("statement", key))
        self.stack = [(-1, key)]
        self.block_start = False

    def close_inference(self) -> None:
        assert self.pcs_owner is not None and self.inference is not None
        self.nodes[self.pcs_owner].pcs.append(("inference", " ".join(self.inference)))
        self.inference = None


def parse(text: str, name: str) -> ImportResult:
    """Read an Argdown document; DebateError (file, line, reason) if it cannot be read."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    meta, other_keys, skip = front_matter(lines, name)
    body, comments = strip_comments("\n".join(lines[skip:]) + "\n", name)
    _prescan(body, name, skip)
    reader = Reader(name)
    reader.read(body.split("\n"), lines[skip:], skip)
    if not reader.nodes:
        raise DebateError([Problem("no statements or arguments found", path=name, line=1)])
    builder = DebateBuilder(name)
    for key in other_keys:
        builder.drop("front matter settings left out", key)
    for _ in range(comments):
        builder.drop("comments left out")
    _build(reader, builder)
    title = meta.get("title") or reader.first_heading or PurePath(name).stem
    description = "\n".join(v for k, v in meta.items() if k != "title")
    return builder.finish(title, description=description)


_DEFINITION_OR_HEADING = re.compile(
    r"^[ \t]*(?:(?:\+>|->|><|_>|<_|<\+|<-|\+|-|_)[ \t]+|\(\d+\)[ \t]*)?(?:\[([^\]\n]+?)\]|<([^>\n]+?)>):[ \t]*(.*)$"
    r"|^#+ (.*)$",
    re.MULTILINE,
)


def _prescan(body: str, name: str, offset: int) -> None:
    """Refuse, before building anything, a document whose titled definitions alone (each
    title once, with its first text, title and section in its notes) make a debate file
    larger than the loader accepts. One regex pass; only the titles are kept."""
    budget = OutputBudget(name, "definitions")
    seen: set[str] = set()
    section = ""
    for match in _DEFINITION_OR_HEADING.finditer(body):
        statement, argument, text, heading = match.groups()
        if heading is not None:
            section = " ".join(heading.split())
            continue
        key = "[" + statement if statement is not None else "<" + argument
        if key in seen:
            continue
        seen.add(key)
        title = key[1:]
        try:
            budget.add(title, text[:MAX_TEXT], extra=min(len(title) + len(section), MAX_TEXT))
        except DebateError:
            line = body.count("\n", 0, match.start()) + 1 + offset
            what = f"the {len(seen):,} statements and arguments defined up to line {line:,}"
            raise DebateError([Problem(too_big_message(what), path=name, line=line)]) from None


def _fold(reader: Reader) -> tuple[dict[str, str], set[str], dict[str, list[str]]]:
    """Which untitled PCS statements fold into their argument (alias) or its notes (hidden)."""
    alias: dict[str, str] = {}
    hidden: set[str] = set()
    steps_notes: dict[str, list[str]] = {}
    with_edges = {e.source for e in reader.edges} | {e.target for e in reader.edges}
    for arg in [n for n in reader.nodes.values() if n.pcs]:
        statements = [key for what, key in arg.pcs if what == "statement"]
        conclusion = statements[-1] if statements else None
        lines, number = [], 0
        for what, value in arg.pcs:
            if what == "inference":
                lines.append(f"-- {value} --" if value else "----")
                continue
            number += 1
            node = reader.nodes[value]
            lines.append(f"({number}) {node.marker + ': ' if node.marker else ''}{node.texts[0] if node.texts else ''}")
            if node.title is None and node.in_pcs_only:
                if value == conclusion:
                    alias[value] = arg.key
                elif value not in with_edges:
                    hidden.add(value)
            elif value == conclusion:
                reader.edges.append(Edge(arg.key, value, "support", CONCLUDES, node.line))
            else:
                reader.edges.append(Edge(value, arg.key, "support", PREMISE, node.line))
        steps_notes[arg.key] = lines
    return alias, hidden, steps_notes


def _build(reader: Reader, builder: DebateBuilder) -> None:
    alias, hidden, steps_notes = _fold(reader)
    conclusions: dict[str, str] = {}  # argument -> its folded conclusion, looked up per node
    for conclusion, argument in alias.items():
        conclusions.setdefault(argument, conclusion)
    nodes = [n for n in reader.nodes.values() if n.key not in alias and n.key not in hidden]
    order = {n.key: i for i, n in enumerate(nodes)}
    parent: dict[str, tuple[str, str]] = {}
    roots = Roots()
    extra: list[Edge] = []
    for edge in sorted(reader.edges, key=lambda e: (e.priority, e.line)):
        source, target = alias.get(edge.source, edge.source), alias.get(edge.target, edge.target)
        edge = Edge(source, target, edge.kind, edge.priority, edge.line)
        if source == target:
            builder.drop("relations between an argument and its own conclusion", f"line {edge.line}")
        elif source not in parent and roots.find(target) != source:
            # SOURCE is the root of its own tree, so this closes a cycle only if TARGET is in it
            parent[source] = (target, edge.kind)
            roots.join(source, target)
        else:
            extra.append(edge)
    # a title that is already an id (as our own export writes them) is kept as the id
    ids = {
        n.key: builder.reserve(n.title) if n.title else builder.new_id(n.texts[0] if n.texts else "", n.kind)
        for n in nodes
    }
    children: dict[str | None, list[str]] = {}
    for n in nodes:
        children.setdefault(parent[n.key][0] if n.key in parent else None, []).append(n.key)
    stack = list(reversed(children.get(None, [])))
    while stack:
        key = stack.pop()
        node = reader.nodes[key]
        up = parent.get(key)
        if up and up[1] == "undercut":
            builder.drop("undercuts kept as plain opposition", node.marker or _text(node, key, conclusions))
        builder.add_claim(
            ids[key],
            _text(node, key, conclusions, reader),
            parent=ids[up[0]] if up else None,
            relation=RELATIONS[up[1]] if up else None,
            kind="thesis" if up is None and node.kind == "statement" and node.title else "claim",
            notes=_notes(node, key, conclusions, reader, steps_notes.get(key, [])),
            tags=node.tags,
        )
        # children of a cut claim are visited too, so the builder reports each of them
        stack.extend(reversed(sorted(children.get(key, []), key=order.__getitem__)))
    for edge in extra:
        relation = RELATIONS[edge.kind]
        if parent.get(edge.source) == (edge.target, edge.kind):
            continue
        if edge.source in parent and parent[edge.source][0] == edge.target:
            builder.drop("second relations between the same two claims", f"line {edge.line}")
            continue
        note = {"undercut": "undercuts", "contradict": "contradicts"}.get(edge.kind, "")
        builder.add_link(ids[edge.source], ids[edge.target], relation, notes=note, what=f"line {edge.line}")


class Roots:
    """Union-find over the parent forest: the root of each node's tree, near-linear overall."""

    def __init__(self) -> None:
        self.up: dict[str, str] = {}

    def find(self, node: str) -> str:
        root = node
        while root in self.up:
            root = self.up[root]
        while node != root:  # path compression
            self.up[node], node = root, self.up[node]
        return root

    def join(self, child_root: str, other: str) -> None:
        self.up[child_root] = self.find(other)


def _text(node: Node, key: str, conclusions: dict[str, str], reader: Reader | None = None) -> str:
    if reader is not None and node.kind == "argument":
        conclusion = conclusions.get(key)
        if conclusion and reader.nodes[conclusion].texts:
            return reader.nodes[conclusion].texts[0]
    return node.texts[0] if node.texts else (node.title or "")


def _notes(node: Node, key: str, conclusions: dict[str, str], reader: Reader, steps: list[str]) -> str:
    parts = [f"Argdown: {node.marker}"] if node.marker else []
    used = _text(node, key, conclusions, reader)
    parts += [text for text in node.texts if text != used]
    if steps:
        parts.append("Premises and conclusion:\n" + "\n".join(steps))
    parts += [f"Data: {data}" for data in node.data]
    if node.section:
        parts.append(f"Section: {node.section}")
    return "\n".join(parts)
