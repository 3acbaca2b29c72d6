"""In-app timings with Textual's Pilot: first paint, cursor, expand, add, undo, save.

Returns rows of (name, median, p95, note); "n/a" rows while the app is not built.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def _stats(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


async def _measure(path: Path, repeat: int) -> list[tuple[str, float | None, float | None, str]]:
    from tui.app import DebateApp

    rows: list[tuple[str, float | None, float | None, str]] = []
    paint: list[float] = []
    moves: list[float] = []
    expands: list[float] = []
    adds: list[float] = []
    undos: list[float] = []
    saves: list[float] = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        app = DebateApp(str(path))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            paint.append(time.perf_counter() - start)
            for _ in range(20):
                t = time.perf_counter()
                await pilot.press("down")
                await pilot.pause()
                moves.append(time.perf_counter() - t)
            for _ in range(5):
                t = time.perf_counter()
                await pilot.press("right")
                await pilot.pause()
                expands.append(time.perf_counter() - t)
            t = time.perf_counter()
            await pilot.press("plus")
            await pilot.press(*"Benchmark claim")
            await pilot.press("enter")
            await pilot.pause()
            adds.append(time.perf_counter() - t)
            t = time.perf_counter()
            await pilot.press("ctrl+z")
            await pilot.pause()
            undos.append(time.perf_counter() - t)
            await pilot.press("plus", *"x", "enter")
            await pilot.pause()
            t = time.perf_counter()
            await pilot.press("ctrl+s")
            await pilot.pause()
            saves.append(time.perf_counter() - t)
    for name, samples in (
        ("app: open to first paint", paint),
        ("app: cursor move", moves),
        ("app: expand a branch", expands),
        ("app: add a claim", adds),
        ("app: undo", undos),
        ("app: save", saves),
    ):
        med, p95 = _stats(samples)
        rows.append((name, med, p95, ""))
    return rows


def app_results(toml: Path, repeat: int) -> list[tuple[str, float | None, float | None, str]]:
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
