"""The command palette's provider: every action by name, and a jump to any claim or stakeholder.

Hits show user text as `Content` (never markup); the fixed help strings hold no user text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .screens.main import MainScreen
from .widgets.key_names import binding_keys
from .widgets.labels import clipped

if TYPE_CHECKING:
    from .app import DebateApp

MAX_HITS = 40


def highlighted(candidate: str, offsets: Iterable[int] | None) -> Content:
    content = Content(candidate)
    for offset in offsets or ():
        content = content.stylize("bold reverse", offset, offset + 1)
    return content


class DebateCommands(Provider):
    """Actions of the app and the main screen, claims and stakeholders."""

    def _actions(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = cast("DebateApp", self.app)
        extra = [
            ("Save as…", "save_as"),
            ("Presenter mode", "present"),
            ("Open questions", "questions"),
            ("Analysis of the selected claim", "analysis(True)"),
        ]
        for name, action in extra:
            if app.check_action(action, ()):
                yield name, partial(app.run_action, action), "app"
        for binding in app.BINDINGS:
            if isinstance(binding, Binding) and binding.description and app.check_action(binding.action, ()):
                yield binding.description, partial(app.run_action, binding.action), f"app · {binding_keys(binding)}"
        main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None and self.screen is main:
            for binding in MainScreen.BINDINGS:
                if isinstance(binding, Binding) and main.check_action(binding.action, ()):
                    yield (
                        binding.description,
                        partial(main.run_action, binding.action),
                        f"tree · {binding_keys(binding)}",
                    )

    async def discover(self) -> Hits:
        for name, callback, help_text in self._actions():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._actions():
            score = matcher.match(name)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(query, name)
                yield Hit(score, highlighted(name, offsets), callback, text=name, help=help_text)
        needle = query.casefold().strip()
        if not needle:
            return
        app = cast("DebateApp", self.app)
        found = 0
        for stakeholder in app.debate.stakeholders:
            shown = clipped(f"{stakeholder.name} ({stakeholder.label})", 90).plain
            if needle in shown.casefold():
                found += 1
                target = ("stakeholder", stakeholder.id)
                yield Hit(0.9, Content(shown), partial(app.jump_to, target), text=shown, help="stakeholder")
        for claim in app.debate.claims:
            if found >= MAX_HITS:
                break
            if needle in claim.text.casefold() or needle in claim.id:
                found += 1
                shown = clipped(claim.text, 90).plain
                target = ("claim", claim.id)
                yield Hit(0.8, Content(shown), partial(app.jump_to, target), text=shown, help="claim")
