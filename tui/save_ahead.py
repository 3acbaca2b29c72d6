"""Saving without taking the typist's turns, and with its work done ahead.

Python runs one thread at a time: a save thread dumping 100,000 claims took every other
turn from the UI thread, and keys pressed meanwhile answered in 100-200 ms. Here the
save's slow part (dumping records not dumped before, `SaveCache`) waits while keys are
arriving, and is done ahead once the app is idle after opening, so that a save after a
few edits is left with the file writing, which runs outside Python's lock. Autosave, too,
waits for a gap in the typing (but writes the recovery copy at least every 30 s).
"""

from __future__ import annotations

import contextlib
import gc
import time
from typing import TYPE_CHECKING

from textual import events, work

if TYPE_CHECKING:
    from .saving import SavingMixin

    _Base = SavingMixin  # it wraps the saving part's autosave
else:
    _Base = object

TYPING_GAP = 0.25
"""Seconds after a key during which the user counts as typing."""

LONGEST_WAIT = 1.0
"""A pause gives way to the save after this long even if keys keep coming."""

PREPARE_AFTER = 0.5
"""Seconds after the first frame before the next save's work is done ahead."""

AUTOSAVE_QUIET = 1.0
"""Autosave waits for this long a gap between keys (the next tick writes the copy)..."""

AUTOSAVE_AT_LEAST = 30.0
"""...but writes the recovery copy at least this often while the edits go on."""


class SavesAhead(_Base):
    _last_key = 0.0
    _closing = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    _last_autosave = 0.0

    def autosave_now(self) -> None:
        """Autosave, debounced: not in the middle of typing, unless the copy is getting old."""
        now = time.monotonic()
        if now - self._last_key < AUTOSAVE_QUIET and now - self._last_autosave < AUTOSAVE_AT_LEAST:
            return
        self._last_autosave = now
        super().autosave_now()

    def pause_while_typing(self) -> None:
        """From a worker thread: wait while the user is typing (at most `LONGEST_WAIT`)."""
        give_up = time.monotonic() + LONGEST_WAIT
        while time.monotonic() - self._last_key < TYPING_GAP and time.monotonic() < give_up:
            time.sleep(0.02)

    def on_mount(self) -> None:
        self.workfile.pause = self.pause_while_typing
        if not self.read_only:
            self.call_after_refresh(self.set_timer, PREPARE_AFTER, self._prepare_save_ahead)

    def _prepare_save_ahead(self) -> None:
        copy = self.copy_to_write()
        # The copy's lists (350,000 references at 100,000 claims) live as long as the
        # app, shared by every later copy: frozen now, no collection walks them (the
        # first walked them for 26 ms on the UI thread), as the debate itself after mount.
        gc.freeze()
        self._prepare_save(copy)

    @work(thread=True, exclusive=True, group="prepare-save", description="prepare the next save")
    def _prepare_save(self, debate) -> None:
        def pause() -> None:
            if self._closing:  # the process would wait for this thread before exiting
                raise _Closing
            self.pause_while_typing()

        with contextlib.suppress(_Closing):
            self.workfile.prepare_save(debate, pause, stop=lambda: self._closing)

    async def on_unmount(self) -> None:
        self._closing = True


class _Closing(Exception):
    """The app is closing: the work done ahead is not needed."""
