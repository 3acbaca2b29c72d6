"""Importers: text from another tool in, a checked Debate out. Pure functions, no UI.

Each format has a module with `parse(text, name) -> ImportResult` (csv instead has
`parse_into(debate, text, name)`, which merges a stance matrix into an existing debate).
A malformed file raises `arguments.problems.DebateError` naming the file and the line.
What a format holds that a debate cannot is reported in `ImportResult.dropped`.
Which module reads which format, and from which extensions, is registered once with every
other format in `export.formats.FORMATS` (the domain names no exporter).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from arguments.model import Debate


@dataclass
class Dropped:
    """One kind of thing the import could not carry over: why, how many, a few examples."""

    reason: str
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.count} × {self.reason}"


@dataclass
class ImportResult:
    """The imported debate and what could not be carried over."""

    debate: Debate
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def dropped_count(self) -> int:
        return sum(d.count for d in self.dropped)

    def examples(self, limit: int = 5) -> list[str]:
        """Up to LIMIT examples across all kinds, each prefixed with its reason."""
        out: list[str] = []
        for item in self.dropped:
            for example in item.examples:
                if len(out) == limit:
                    return out
                out.append(f"{item.reason}: {example}")
        return out
