"""The top line: debate title, file name, and a marker while there are unsaved changes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from .labels import plain


class TitleBar(Static):
    """Shows `title — file ● unsaved`; the app calls `show` after every edit and save."""

    DEFAULT_CSS = """
    TitleBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def show(self, title: str, file_name: str, dirty: bool) -> None:
        text = Text()
        text.append_text(plain(title, 120))
        text.stylize("bold")
        text.append("  —  ", style="dim")
        text.append_text(plain(file_name, 80))
        if dirty:
            text.append("  ● unsaved", style="bold yellow")
        self.update(text)
