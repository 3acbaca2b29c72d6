"""In-app timings with Textual's Pilot: first paint, cursor, expand, add, undo, save.

Returns rows of (name, median, p95, note); "n/a" rows while the app is not built.

Each step is timed twice. The median and p95 are the app's own work: from the key event
reaching the app to every queue drained and the screen painted (`_settle`), with none of
Pilot's sleeps. The note gives Pilot's round trip (`press` + `pause`) for the same step:
`press` and `pause` each wait in 20 ms slices until the process looks idle, so they cost
about 60 ms even on an empty app, which hides the app's work at any size.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

Row = tuple[str, float | None, float | None, str]


def _stats(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def _quiet(app: Any) -> bool:
    screen = app.screen
    pumps = [app, *screen.walk_children(with_self=True)]
    return (
        all(p._message_queue.empty() for p in pumps)  # noqa: SLF001 - Textual 8.2 internals, pinned
        and not screen._callbacks  # noqa: SLF001
        and not screen._dirty_widgets  # noqa: SLF001
        and not screen._layout_required  # noqa: SLF001
        and not screen._repaint_required  # noqa: SLF001
    )


async def _settle(pilot: Any) -> None:
    """Until nothing is pending: let every widget drain its queue, then paint the frame
    (what the 60 fps update timer would do) and run after-refresh callbacks."""
    for _ in range(100):
        await pilot._wait_for_screen()  # noqa: SLF001 - event-driven, no sleeps
        pilot.app.screen._on_timer_update()  # noqa: SLF001
        await pilot._wait_for_screen()  # noqa: SLF001
        if _quiet(pilot.app):
            return


async def _send(pilot: Any, key: str) -> None:
    from textual import events

    char = {"plus": "+", "minus": "-", "enter": "\r"}.get(key, key if len(key) == 1 else None)
    pilot.app.post_message(events.Key(key, char))
    await _settle(pilot)


async def _timed(work: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await work()
    return time.perf_counter() - start


class _Samples:
    """App-work and Pilot-round-trip samples of one step."""

    def __init__(self) -> None:
        self.app: list[float] = []
        self.pilot: list[float] = []

    def row(self, name: str) -> Row:
        med, p95 = _stats(self.app)
        note = ""
        if self.pilot:
            pilot_med, pilot_p95 = _stats(self.pilot)
            note = f"Pilot press+pause {pilot_med * 1000:.0f} ms (p95 {pilot_p95 * 1000:.0f})"
        return (name, med, p95, note)


async def _step(pilot: Any, samples: _Samples, key: str, pilot_too: bool = True) -> None:
    samples.app.append(await _timed(lambda: _send(pilot, key)))
    await pilot.pause()
    if pilot_too:
        samples.pilot.append(await _timed(lambda: _pilot_press(pilot, key)))


async def _pilot_press(pilot: Any, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()


async def _measure(path: Path, repeat: int) -> list[Row]:
    from tui.app import DebateApp

    paint, moves, expands, adds, undos, saves = (_Samples() for _ in range(6))
    ui_during_save: list[float] = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        app = DebateApp(str(path), autosave=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            paint.app.append(time.perf_counter() - start)
            await pilot.pause()
            for _ in range(10):  # each round moves twice: once timed directly, once via Pilot
                await _step(pilot, moves, "down")
            for _ in range(5):
                await _step(pilot, expands, "right")
                await _step(pilot, moves, "down", pilot_too=False)
            for _ in range(2):  # add and undo, directly and then via Pilot
                await pilot.press("plus", *"Benchmark claim")
                await pilot.pause()
                adds.app.append(await _timed(lambda: _send(pilot, "enter")))
                await pilot.pause()
                undos.app.append(await _timed(lambda: _send(pilot, "ctrl+z")))
                await pilot.pause()
                await pilot.press("plus", *"Benchmark claim")
                await pilot.pause()
                adds.pilot.append(await _timed(lambda: _pilot_press(pilot, "enter")))
                undos.pilot.append(await _timed(lambda: _pilot_press(pilot, "ctrl+z")))
            await pilot.press("plus", *"x", "enter")
            await pilot.pause()
            # Saving runs in a thread: time to the file written, and the slowest key meanwhile.
            start = time.perf_counter()
            await _send(pilot, "ctrl+s")
            slowest = time.perf_counter() - start
            while app._saving:  # noqa: SLF001 - the app's own flag, set until the write is done
                # A key every 50 ms, a fast typist's pace: a loop pressing keys without pause
                # keeps the UI thread holding the GIL and starves the saving thread.
                slowest = max(slowest, await _timed(lambda: _send(pilot, "down")))
                await asyncio.sleep(0.05)
            await app.workers.wait_for_complete()
            await _settle(pilot)
            saves.app.append(time.perf_counter() - start)
            ui_during_save.append(slowest)
            await pilot.press("plus", *"y", "enter")
            await pilot.pause()
            start = time.perf_counter()
            await _pilot_press(pilot, "ctrl+s")
            await app.workers.wait_for_complete()
            saves.pilot.append(time.perf_counter() - start)
    rows = [
        paint.row("app: open to first paint"),
        moves.row("app: cursor move"),
        expands.row("app: expand a branch"),
        adds.row("app: add a claim"),
        undos.row("app: undo"),
        saves.row("app: save"),
    ]
    held, _ = _stats(ui_during_save)
    rows[-1] = (*rows[-1][:3], f"slowest key while saving {held * 1000:.0f} ms; {rows[-1][3]}")
    return rows


def app_results(toml: Path, repeat: int) -> list[Row]:
    try:
        import tui.app  # noqa: F401
    except ImportError:
        return [("app (all)", None, None, "n/a (not built)")]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / toml.name
        shutil.copyfile(toml, copy)
        try:
            return asyncio.run(_measure(copy, repeat))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not crash
            return [("app (all)", None, None, f"failed: {type(exc).__name__}: {exc}"[:80])]
