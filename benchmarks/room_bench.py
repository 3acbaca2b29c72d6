"""The room under a flood: N simulated participants (aiohttp WebSocket clients in this
process) answer at once into the app (headless, Pilot) while the facilitator presses keys.

    python -m benchmarks.room_bench                 # 200 participants, 5 waves
    python -m benchmarks.room_bench --participants 50 --waves 2

Measured: every answer counted exactly once (the poll in the debate equals the tally of
each participant's last answer); answer-to-tally (from sending an answer to the server's
acknowledgement, sent once it is counted); the facilitator's keys during the flood (the
app's event loop lag, which is what a key waits for, and Pilot's round trip, which adds its
own ~60-100 ms idle slices); memory per participant (the process's RSS growth over the
connected participants, clients included, so an upper bound for the server alone).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"answer to tally p95 (ms)": 250.0, "facilitator key p95 (ms)": 100.0, "memory per participant (MB)": 1.0}


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def participant(session: aiohttp.ClientSession, url: str, pid: str) -> aiohttp.ClientWebSocketResponse:
    ws = await session.ws_connect(url.replace("http://", "ws://") + "/ws", max_msg_size=1 << 20)
    await ws.send_json({"t": "hello", "pid": pid})
    while json.loads((await ws.receive()).data)["t"] != "state":
        pass
    return ws


async def answer(ws: aiohttp.ClientWebSocketResponse, position: int) -> float:
    start = time.perf_counter()
    await ws.send_json({"t": "vote", "claim": "motion", "position": position})
    while True:
        message = json.loads((await ws.receive()).data)
        if message["t"] == "ack":
            assert message["answer"] == position
            return (time.perf_counter() - start) * 1000
        if message["t"] == "error":
            raise RuntimeError(message["message"])


async def loop_lag(stop: asyncio.Event, out: list[float]) -> None:
    """How long a callback waits for the loop: what a facilitator's key waits for."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        start = time.perf_counter()
        done = loop.create_future()
        loop.call_soon(done.set_result, None)
        await done
        out.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(0.01)


async def run(participants: int, waves: int) -> dict[str, object]:
    from tests.conftest import SMALL_DEBATE
    from tui.app import DebateApp
    from tui.room.app_room import RoomOptions

    work = Path(tempfile.mkdtemp(prefix="room-bench-"))
    try:
        path = work / "bench.toml"
        path.write_text(SMALL_DEBATE, encoding="utf-8")
        app = DebateApp(path, autosave=False, present=True, room=RoomOptions(port=0, limit=participants + 10))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            await pilot.press("escape")  # from the join screen to the presenter
            await pilot.pause(0.3)
            url = app.room.url  # type: ignore[union-attr]
            before = rss_mb()
            rng = random.Random(7)
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
                sockets = await asyncio.gather(
                    *(participant(session, url, f"bench-participant-{i:06d}") for i in range(participants))
                )
                per_participant = (rss_mb() - before) / participants
                latencies: list[float] = []
                lags: list[float] = []
                keys: list[float] = []
                last: dict[int, int] = {}
                stop = asyncio.Event()
                lagger = asyncio.create_task(loop_lag(stop, lags))
                for _ in range(waves):
                    positions = [rng.randint(-3, 3) for _ in sockets]
                    flood = asyncio.gather(*(answer(ws, p) for ws, p in zip(sockets, positions)))
                    for key in ("O", "O", "O", "O"):  # show and hide the answers on every phone, mid-flood
                        start = time.perf_counter()
                        await pilot.press(key)
                        keys.append((time.perf_counter() - start) * 1000)
                    latencies.extend(await flood)
                    last.update(enumerate(positions))
                stop.set()
                await lagger
                await pilot.pause(0.4)
                app.room.flush()  # type: ignore[union-attr]
                expected = [0] * 7
                for position in last.values():
                    expected[position + 3] += 1
                counted = app.debate.polls[-1].counts
                for ws in sockets:
                    await ws.close()
        return {
            "participants": participants,
            "answers": len(latencies),
            "counted exactly once": counted == expected,
            "answer to tally p50 (ms)": statistics.median(latencies),
            "answer to tally p95 (ms)": p95(latencies),
            "facilitator key p95 (ms)": p95(lags),
            "Pilot key round trip p95 (ms)": p95(keys),
            "memory per participant (MB)": per_participant,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


async def serve_memory(connections: int = 5) -> float:
    """MB per browser under `debatemap serve`, beside the room's figure: each connection there
    starts a whole app process. The RSS of the app processes, summed, over CONNECTIONS."""
    import os
    import re
    import subprocess

    from tests.conftest import SMALL_DEBATE
    from tests.e2e.serve_support import children

    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    path = work / "bench.toml"
    path.write_text(SMALL_DEBATE, encoding="utf-8")
    token = "bench-token-0123456789"
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", str(path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "DEBATEMAP_TOKEN": token, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        link = ""
        while not link:
            line = process.stdout.readline().decode()
            if not line:
                raise RuntimeError("serve printed no link")
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            link = found.group(0) if found else ""
        ws_url = link.replace("http", "ws") + f"ws?token={token}&width=100&height=30"
        async with aiohttp.ClientSession() as session:
            sockets = [
                await session.ws_connect(ws_url, headers={"Origin": link.rstrip("/")}) for _ in range(connections)
            ]
            deadline = time.monotonic() + 60
            while len(children(process.pid)) < connections and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            await asyncio.sleep(3)  # let each app load and paint
            total_kb = 0
            for pid in children(process.pid):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total_kb += int(line.split()[1])
            for ws in sockets:
                await ws.close()
        return total_kb / 1024 / connections
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)


def table(result: dict[str, object]) -> str:
    lines = ["| room measure | value | target |", "|---|---|---|"]
    for name, value in result.items():
        shown = (
            f"{value:.3f}"
            if isinstance(value, float) and value < 1
            else f"{value:.0f}"
            if isinstance(value, float)
            else str(value)
        )
        target = TARGETS.get(name)
        lines.append(f"| {name} | {shown} | {f'≤ {target:g}' if target else ''} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.room_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--waves", type=int, default=5)
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.participants, args.waves))
    result["serve: memory per browser, a process each (MB)"] = asyncio.run(serve_memory())
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
