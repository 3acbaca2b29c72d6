"""A footer that rebuilds its keys only when the keys to show have changed."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Textual's `Footer` rebuilds every key whenever its screen's bindings are updated,
    which includes each time the screen comes back from a dialog: about 27 ms of the 37 ms
    it takes to close one (profiled, Textual 8.2). The keys shown are usually the same,
    so this footer compares them first."""

    _shown: tuple[tuple[object, ...], ...] | None = None

    def _keys_to_show(self) -> tuple[tuple[object, ...], ...]:
        return tuple(
            (binding.key, binding.key_display, binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = self._keys_to_show()
            if keys == self._shown:
                return
            self._shown = keys
        super().bindings_changed(screen)
