"""OPML 2.0 outlines (Workflowy, Dynalist, Logseq, OmniOutliner, our own export) read in.

- The `<head><title>` is the debate's title; each `<outline>` in the body is a claim,
  nested as in the outline. Top-level outlines are the roots (theses).
- The relation to the parent comes from a prefix of the text, case-insensitive:
  `Pro:`, `For:`, `Support:` or `Supports:` support; `Con:`, `Against:`, `Objection:`,
  `Oppose:` or `Opposes:` oppose. The prefix is removed. Without one, a claim supports
  its parent.
- `_note` becomes the claim's notes. Leading `Kind: ...` and `Tags: ...` lines (as our
  export writes them) set the kind and tags, and `Also supports: TEXT` / `Also opposes:
  TEXT` lines become links to the claim with that exact text.
- Other attributes are reported as left out.

A DOCTYPE (and with it any entity declaration) is refused, by defusedxml: no entity is
ever expanded, no external file is ever read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import Locator

import defusedxml.sax as defused_sax
from defusedxml import DefusedXmlException

from arguments.model import MAX_TEXT, ClaimKind, Relation
from arguments.problems import DebateError, Problem
from arguments.tree import MAX_DEPTH

from . import ImportResult
from .builder import DebateBuilder
from .limits import PARENT_BYTES, OutputBudget

PREFIX = re.compile(r"^\s*(pro|for|supports?|con|against|objection|opposes?)\s*:\s*", re.IGNORECASE)
SUPPORTING = {"pro", "for", "support", "supports"}
KNOWN_ATTRIBUTES = {"text", "_note"}
KINDS: dict[str, ClaimKind] = {"thesis": "thesis", "claim": "claim", "question": "question"}
ALSO = re.compile(r"^Also (supports|opposes): (.*)$")


class Refused(Exception):
    """A construct we do not read (a DOCTYPE or entity declaration)."""


@dataclass
class Outline:
    text: str
    note: str
    line: int
    parent: int | None
    relation: Relation
    children: list[int] = field(default_factory=list)


def parse(text: str, name: str) -> ImportResult:
    """Read an OPML file; DebateError (file, line, reason) if it is not well-formed OPML."""
    builder = DebateBuilder(name)
    title, outlines = _read(text.removeprefix("\ufeff"), name, builder)
    if not outlines:
        raise DebateError([Problem("no <outline> elements in the <body>", path=name, line=1)])
    ids = [builder.new_id(o.text, "claim") for o in outlines]
    by_text: dict[str, int] = {}
    for i, outline in enumerate(outlines):
        by_text.setdefault(outline.text, i)
    also: list[tuple[int, str, str]] = []
    for i, outline in enumerate(outlines):
        kind, tags, notes, links = _note(outline.note)
        also += [(i, relation, target) for relation, target in links]
        parent = ids[outline.parent] if outline.parent is not None else None
        default_kind: ClaimKind = "thesis" if parent is None else "claim"
        builder.add_claim(
            ids[i],
            outline.text,
            parent=parent,
            relation=outline.relation,
            kind=kind or default_kind,
            notes=notes,
            tags=tags,
        )
    for i, relation, target in also:
        if target in by_text:
            builder.add_link(ids[i], ids[by_text[target]], "supports" if relation == "supports" else "opposes")
        else:
            builder.drop("'Also supports/opposes' notes naming no claim", target)
    return builder.finish(title or PurePath(name).stem)


class _Handler(ContentHandler):
    """Collects the head title and the body's outlines, noting each one's line."""

    def __init__(self, builder: DebateBuilder, name: str):
        super().__init__()
        self.builder = builder
        # stop before a debate too big to open: each outline not cut for depth is a claim
        # with its text, and below the root its parent and relation lines
        self.budget = OutputBudget(name)
        self.depths: list[int] = []
        self.outlines: list[Outline] = []
        self.stack: list[str | int] = []
        self.title: list[str] = []
        self.locator: Locator | None = None

    def line(self) -> int:
        number = self.locator.getLineNumber() if self.locator is not None else None
        return number if number is not None else 1  # expat always knows the line while it parses

    def setDocumentLocator(self, locator: Locator) -> None:  # noqa: N802 - SAX's name
        self.locator = locator

    def startElement(self, tag: str, attrs: Any) -> None:  # noqa: N802 - SAX's name
        stack = self.stack
        if not stack and tag != "opml":
            raise Refused(f"not OPML: the root element is <{tag}>, not <opml>")
        if tag == "outline" and ("body" in stack):
            parent = next((s for s in reversed(stack) if isinstance(s, int)), None)
            raw = attrs.get("text", "")
            match = PREFIX.match(raw)
            relation: Relation = "supports"
            if match:
                relation = "supports" if match.group(1).lower() in SUPPORTING else "opposes"
                raw = raw[match.end() :]
            for key in attrs.getNames():
                if key not in KNOWN_ATTRIBUTES:
                    self.builder.drop("outline attributes left out", key)
            self.outlines.append(Outline(raw, attrs.get("_note", ""), self.line(), parent, relation))
            depths = self.depths
            depths.append(0 if parent is None else depths[parent] + 1)
            if depths[-1] <= MAX_DEPTH:
                below = 0 if parent is None else PARENT_BYTES
                self.budget.add(raw[:MAX_TEXT], extra=below, line=self.line())
            stack.append(len(self.outlines) - 1)
        else:
            stack.append(tag)

    def endElement(self, _tag: str) -> None:  # noqa: N802 - SAX's name
        self.stack.pop()

    def characters(self, data: str) -> None:
        if self.stack and self.stack[-1] == "title" and "head" in self.stack:
            self.title.append(data)


def _read(text: str, name: str, builder: DebateBuilder) -> tuple[str, list[Outline]]:
    """The head title and the body's outlines in document order (parents first).

    defusedxml refuses any DOCTYPE (so entity bombs and external entities never load).
    """
    handler = _Handler(builder, name)
    try:
        defused_sax.parseString(text.encode("utf-8"), handler, forbid_dtd=True)
    except SAXParseException as exc:
        reason = exc.getMessage()
        raise DebateError([Problem(f"not well-formed XML: {reason}", path=name, line=exc.getLineNumber())]) from None
    except DefusedXmlException:
        message = "a DOCTYPE is not allowed in OPML here (entities are never expanded)"
        raise DebateError([Problem(message, path=name, line=handler.line())]) from None
    except Refused as exc:
        raise DebateError([Problem(str(exc), path=name, line=handler.line())]) from None
    return " ".join("".join(handler.title).split()), handler.outlines


def _note(note: str) -> tuple[ClaimKind | None, list[str], str, list[tuple[str, str]]]:
    """Kind, tags and links from leading/`Also` lines of a `_note`; the rest is notes."""
    lines = note.split("\n")
    kind: ClaimKind | None = None
    tags: list[str] = []
    while lines and (lines[0].startswith("Kind: ") or lines[0].startswith("Tags: ")):
        line = lines.pop(0)
        if line.startswith("Kind: "):
            kind = KINDS.get(line[6:].split(" ")[0])
        else:
            tags = [t.strip() for t in line[6:].split(",") if t.strip()]
    links = []
    kept = []
    for line in lines:
        match = ALSO.match(line)
        if match:
            links.append((match.group(1), match.group(2)))
        else:
            kept.append(line)
    return kind, tags, "\n".join(kept).strip("\n"), links
