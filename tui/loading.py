"""The progress bar shown while a big debate file opens, before the app's first frame.

Loading 100,000 claims takes seconds; without this the terminal showed nothing meanwhile.
The bar is drawn by Rich on stderr from its own thread (so it moves while the loader
works), only when stderr is a terminal and the file is big enough to be worth it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from arguments.display import one_line

SHOWN_FROM_BYTES = 1 << 20
"""Files smaller than this (about 1,300 claims) open before a bar would be seen."""


def _worth_a_bar(path: str) -> bool:
    try:
        return os.isatty(2) and Path(path).stat().st_size >= SHOWN_FROM_BYTES
    except (OSError, ValueError):
        return False


_shown: Any = None
"""The bar started by `start` and not yet stopped."""


def start(path: str) -> None:
    """Show the bar now (before Textual's import, which takes a third of a second) when
    PATH is big and stderr a terminal; `opening` then moves it along."""
    global _shown
    if _shown is not None or not _worth_a_bar(path):
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    name = one_line(Path(path).name, 60)  # user text: control characters shown, no markup
    _shown = Progress(
        TextColumn("{task.fields[what]}", markup=False),
        BarColumn(),
        TaskProgressColumn(),
        console=Console(stderr=True),
        refresh_per_second=10,
    )
    _shown.add_task("", total=1.0, what=f"Opening {name}", name=name)
    _shown.start()


def stop() -> None:
    """Take the bar away (it stays as one finished line above the app)."""
    global _shown
    if _shown is not None:
        shown, _shown = _shown, None
        shown.stop()


@contextlib.contextmanager
def opening(path: str) -> Iterator[None]:
    """The bar (started by `start`, or now) follows the load of PATH inside the block
    (reported through `arguments.load_progress`) and is stopped after it."""
    from arguments.load_progress import reporting

    start(path)
    shown = _shown
    if shown is None:
        yield
        return
    task = shown.task_ids[0]
    name = shown.tasks[0].fields["name"]

    def read(fraction: float) -> None:
        shown.update(task, completed=fraction)
        if fraction >= 1.0:
            shown.update(task, what=f"Checking {name}")

    try:
        with reporting(read):
            yield
    finally:
        stop()
