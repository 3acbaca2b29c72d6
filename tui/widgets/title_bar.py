"""The top line: debate title, file name, and a marker while there are unsaved changes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from .labels import plain


class TitleBar(Static):
    """Shows `● unsaved  file — title`; the app calls `show` after every edit and save."""

    DEFAULT_CSS = """
    TitleBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def show(self, title: str, file_name: str, dirty: bool, read_only: bool = False) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        if dirty:  # first, so no title is long enough to hide it
            text.append("● unsaved  ", style="bold yellow")
        if read_only:
            text.append("read-only  ", style="bold reverse")
        text.append_text(plain(file_name, 80))
        text.append("  —  ", style="dim")
        text.append(plain(title, 200).plain, style="bold")
        self.update(text)
