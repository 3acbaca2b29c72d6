"""Import limits and progress: refuse early what the loader would refuse later.

The loader refuses a debate file larger than `storage.MAX_FILE_BYTES`. An import keeps a
running lower bound of the size of the file it is making (`OutputBudget`) and stops with
a clear message as soon as that bound passes the limit, before it builds the rest: a
48 MB Argdown file no longer costs a minute and gigabytes to write a debate that cannot
be opened. The command checks the written text once more before it writes anything.

Progress goes through `PROGRESS`, a context variable the command sets to a callback
(`arguments` does not draw anything itself); importers call `report_progress`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from arguments.file_limits import MAX_FILE_BYTES
from arguments.problems import DebateError, Problem

RECORD_BYTES = 30
"""At least what one record takes in the file beyond its texts: `[[claims]]`, `id = ""`,
`text = ""`, the line breaks (a link takes more)."""

PARENT_BYTES = len('parent = ""\nrelation = "opposes"\n')
"""At least what a claim below the root adds: its parent and relation lines."""

PROGRESS_EVERY = 4096

ProgressCallback = Callable[[str, int, "int | None"], None]
PROGRESS: ContextVar[ProgressCallback | None] = ContextVar("import_progress", default=None)
"""Called with (stage, done, total or None) now and then while importing."""


def report_progress(stage: str, done: int, total: int | None = None) -> None:
    """Tell whoever is watching (if anyone) how far STAGE has got."""
    callback = PROGRESS.get()
    if callback is not None:
        callback(stage, done, total)


def too_big_message(what: str) -> str:
    return (
        f"too big to import: {what} would make a debate file larger than "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MiB, the most a debate file may be; split it into smaller debates"
    )


class OutputBudget:
    """A running lower bound on the size of the debate file an import is making."""

    def __init__(self, name: str, stage: str = "claims"):
        self.name = name
        self.stage = stage
        self.bytes = 0
        self.records = 0

    def add(self, *texts: str, record: bool = True, extra: int = 0, line: int | None = None) -> None:
        """Count TEXTS (characters: at least as many bytes), EXTRA bytes, and a record when
        RECORD; `DebateError` naming LINE once the file would be over the loader's limit."""
        self.bytes += sum(map(len, texts)) + extra + (RECORD_BYTES if record else 0)
        if record:
            self.records += 1
            if self.records % PROGRESS_EVERY == 0:
                report_progress(self.stage, self.records)
        if self.bytes > MAX_FILE_BYTES:
            what = f"the {self.records:,} {self.stage} read so far" + (f" (up to line {line:,})" if line else "")
            raise DebateError([Problem(too_big_message(what), path=self.name, line=line)])
