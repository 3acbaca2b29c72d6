"""Help: every key of every screen, read from what each screen declares (its bindings and
its HELP_* attributes, see `base.ListedInHelp`) so it never drifts."""

from __future__ import annotations

import importlib
import pkgutil

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..app_keys import APP_BINDINGS, APP_HELP_KEYS
from ..widgets.steady_footer import SteadyFooter
from .base import ListedInHelp, binding_rows


def listed_screens() -> list[type[ListedInHelp]]:
    """Every screen class that has a help heading, in help order: the screens package is
    listed, as the CLI lists its commands, so a new screen needs no registering here."""
    package = importlib.import_module(__package__ or "tui.screens")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    found: list[type[ListedInHelp]] = []
    pending: list[type[ListedInHelp]] = [ListedInHelp]
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.HELP_TITLE is not None and cls not in found:
            found.append(cls)
    return sorted(found, key=lambda cls: (cls.HELP_RANK, cls.HELP_TITLE or ""))


def sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, what they do)]) for the app's keys and each listed screen's."""
    out = [("Everywhere", binding_rows(APP_BINDINGS) + APP_HELP_KEYS)]
    out += [(cls.HELP_TITLE or "", cls.help_rows()) for cls in listed_screens()]
    return out


class HelpScreen(Screen[None]):
    """All keys by screen; escape or ? closes."""

    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "Close", id="close-help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("debatemap keys", style="bold"), classes="screen-heading")
            for title, keys in sections():
                table = Table(
                    title=Text(title, style="bold"), title_justify="left", show_header=False, box=None, padding=(0, 2)
                )
                table.add_column(style="bold cyan", no_wrap=True)
                table.add_column()
                seen: set[tuple[str, str]] = set()
                for key, description in keys:
                    if (key, description) not in seen:
                        seen.add((key, description))
                        table.add_row(Text(key), Text(description))
                yield Static(table)
        yield SteadyFooter()
