"""Renderers: a debate in, text out. Pure functions, one module per format.

Each module has `render(debate, options) -> str` and one line in `export.formats.FORMATS`,
the registry of formats. Modules are imported on demand so a command pays only for the
format it writes.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from arguments.display import safe_text
from arguments.model import Claim, Debate, Link
from arguments.tree import ClaimTree

from .formats import FORMATS, writer

EXPORTERS: dict[str, str] = {f.name: f.writer for f in FORMATS if f.writer}
"""Format name -> module, read from the registry `export.formats.FORMATS`."""

EXTENSIONS: dict[str, str] = {f.name: f.extension for f in FORMATS if f.writer}
"""The extension each export is saved with, read from `export.formats.FORMATS`."""


@dataclass(frozen=True)
class ExportOptions:
    """What to include; every exporter honours the options that make sense for it."""

    depth: int | None = None
    """Deepest claim level to include (the motion is level 0); None for all."""
    evidence: bool = True
    """Include evidence under its claim."""
    stances: bool = True
    """Include stakeholders' stances."""
    analysis: bool = False
    """Include the analysis section (Markdown)."""
    shifts: bool = False
    """Include the stance-history section (Markdown)."""
    ids: bool = False
    """Write the ids the Markdown importer reads back (Markdown `--with-ids`)."""
    plan: bool = False
    """Include the plan: who to win over, what to defend, homework, options (Markdown)."""
    briefs: bool = False
    """Include a brief per coalition (Markdown)."""


def render(fmt: str, debate: Debate, options: ExportOptions | None = None) -> str:
    """Render DEBATE in format FMT (a name in `export.formats.FORMATS` with a writer)."""
    text: str = writer(fmt).render(debate, options or ExportOptions())  # every writer's render returns str
    return text


_NONCHARACTERS = re.compile("[\ufffe\uffff]")


def clean(text: str) -> str:
    """TEXT fit for an export: control characters made visible, nothing cut, Windows line
    ends made plain newlines.

    U+FFFE and U+FFFF are made visible too: XML forbids them, and Graphviz copies labels
    into SVG unchanged, so one of them would make the drawing unreadable.
    """
    if text.isprintable():  # no control character, no noncharacter: the common case, in C
        return text
    text = safe_text(text.replace("\r\n", "\n"), limit=None)
    return _NONCHARACTERS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def claims_in_scope(debate: Debate, options: ExportOptions) -> list[tuple[Claim, int]]:
    """(claim, depth) depth-first in sibling order, down to `options.depth`."""
    tree = ClaimTree.of(debate)
    limit = options.depth
    return [(tree.by_id[cid], depth) for cid, depth in tree.walk() if limit is None or depth <= limit]


def links_in_scope(debate: Debate, included: set[str]) -> list[Link]:
    """The links whose both ends are among the INCLUDED claim ids."""
    return [link for link in debate.links if link.from_ in included and link.to in included]


def label_lines(text: str, width: int = 36, limit: int = 280) -> list[str]:
    """TEXT for a diagram box: cleaned, cut to LIMIT characters, wrapped to WIDTH columns."""
    flat = " ".join(clean(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return textwrap.wrap(flat, width, break_long_words=True, break_on_hyphens=False) or [""]
