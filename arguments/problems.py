"""Problems found in a debate file, and the error that carries them to the user."""

from __future__ import annotations

from dataclasses import dataclass

Loc = tuple[str | int, ...]
"""Where in the debate: ("claims", 12, "parent"), or () for the whole file."""


def format_loc(loc: Loc) -> str:
    """("claims", 12, "parent") -> "claims[12].parent"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a debate: where (path, line, field) and what."""

    message: str
    loc: Loc = ()
    path: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.path or "<debate>"
        if self.line is not None:
            where += f":{self.line}"
        field = format_loc(self.loc)
        return f"{where}: {field}: {self.message}" if field else f"{where}: {self.message}"


class DebateError(Exception):
    """A debate could not be loaded or saved; `problems` says every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
