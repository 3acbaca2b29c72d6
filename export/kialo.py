"""Kialo's plain-text discussion format, as Kialo itself exports it:

    Discussion Title: Should the town build the bridge?

    1. The town should build the bridge.
    1.1. Pro: The bridge cuts traffic in the centre.
    1.1.1. Con: ...

Text is escaped as Kialo does (`\\(`, `\\)`, `\\[`, `\\]`, and `\\\\` for a backslash), so a
`[1]` in a claim is not read as a footnote. A text line that would look like a new
numbered claim gets its first dot escaped (`1\\.2. Pro:`), and a text that reads like a
`-> See` reference gets its dash escaped. A link becomes Kialo's own form of a claim shown
in two places: a `-> See 1.2.` line under the claim it bears on. Kialo has one root: a
debate with several becomes a root holding the question (or title) with each motion as a
`Thesis:`. Evidence, stances and notes have no place in this format and are left out.
"""

from __future__ import annotations

import re

from arguments.model import Claim, Debate

from . import ExportOptions, claims_in_scope, clean, links_in_scope

LABEL = {"supports": "Pro", "opposes": "Con"}
_ESCAPE = re.compile(r"[\\()\[\]]")
_NUMBERED = re.compile(r"^(\s*\d+(?:\.\d+)*)\.")
_LABEL_LIKE = re.compile(r"^\s*(?:Pro|Con|Thesis)\s*:", re.IGNORECASE)
_SEE_LIKE = re.compile(r"^(\s*)->")


def escape_line(line: str) -> str:
    """One line of claim text, escaped so Kialo and our importer read it as text."""
    line = _ESCAPE.sub(lambda m: "\\" + m.group(0), line)
    line = _NUMBERED.sub(lambda m: m.group(1) + "\\.", line)
    return _SEE_LIKE.sub(lambda m: m.group(1) + "\\->", line)


def escape_text(text: str) -> str:
    """Claim text, line by line (Kialo claims may run over several lines)."""
    return "\n".join(escape_line(line) for line in clean(text).strip().split("\n"))


def _line(number: str, label: str | None, claim_text: str) -> str:
    text = escape_text(claim_text)
    if label is None and _LABEL_LIKE.match(text):
        label = "Thesis"  # so a root reading "Pro: ..." keeps those words
    return f"{number}. {label}: {text}" if label else f"{number}. {text}"


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as a Kialo discussion export."""
    scope = claims_in_scope(debate, options)
    roots = [claim for claim, depth in scope if depth == 0]
    title = " ".join(clean(debate.title).split())
    out = [f"Discussion Title: {escape_line(title)}", ""]
    number: dict[str, str] = {}
    children: dict[str, int] = {}
    several = len(roots) > 1
    if several:
        out.append(_line("1", None, debate.question or debate.title))
    order: list[tuple[Claim, str | None]] = []
    for claim, depth in scope:
        if depth == 0:
            parent_key = "1" if several else ""
            label = "Thesis" if several else None
        else:
            parent_key = number[claim.parent or ""]
            label = LABEL[claim.relation or "supports"]
        children[parent_key] = children.get(parent_key, 0) + 1
        number[claim.id] = f"{parent_key}.{children[parent_key]}" if parent_key else "1"
        order.append((claim, label))
    references: dict[str, list[str]] = {}
    for link in links_in_scope(debate, set(number)):
        parent_key = number[link.to]
        children[parent_key] = children.get(parent_key, 0) + 1
        line = f"{parent_key}.{children[parent_key]}. {LABEL[link.relation]}: -> See {number[link.from_]}."
        references.setdefault(link.to, []).append(line)
    _emit(out, order, number, references)
    return "\n".join(out) + "\n"


def _emit(
    out: list[str], order: list[tuple[Claim, str | None]], number: dict[str, str], references: dict[str, list[str]]
) -> None:
    """Claims in tree order, each claim's `-> See` lines after its last descendant."""
    pending: list[tuple[int, str]] = []  # (depth, claim id) whose references are still due
    for claim, label in order:
        depth = number[claim.id].count(".")
        while pending and pending[-1][0] >= depth:
            out.extend(references.get(pending.pop()[1], []))
        out.append(_line(number[claim.id], label, claim.text))
        pending.append((depth, claim.id))
    while pending:
        out.extend(references.get(pending.pop()[1], []))
