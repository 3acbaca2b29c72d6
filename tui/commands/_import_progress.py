"""Progress of a big import on stderr, fed by `arguments.importers.limits.PROGRESS`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from arguments.importers.limits import PROGRESS

BIG_INPUT_BYTES = 4 * 1024 * 1024
"""From this size on an import shows progress even when stderr is not a terminal."""

STAGES = {
    "definitions": "Checking size",
    "lines": "Reading lines",
    "statements and arguments": "Reading statements",
    "claims": "Building claims",
}


@contextmanager
def import_progress(size: int) -> Iterator[None]:
    """Show the import's progress on stderr when it is a terminal or the input is big."""
    if not (sys.stderr.isatty() or size >= BIG_INPUT_BYTES):
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    tasks: dict[str, TaskID] = {}
    with Progress(*columns, console=console, transient=console.is_terminal) as progress:

        def advance(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(STAGES.get(stage, stage.capitalize()), total=total)
            progress.update(tasks[stage], completed=done, total=total)

        token = PROGRESS.set(advance)
        try:
            yield
        finally:
            PROGRESS.reset(token)
