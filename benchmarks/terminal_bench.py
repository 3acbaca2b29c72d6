"""The app as its user sees it: the real `debatemap` process in a real terminal (tmux).

Times, from outside the process, by reading the screen (`tmux capture-pane`) every ~5 ms:
- open: the command started to the first character on screen (the progress bar, for a
  big file), and to the tree shown with the first key answered ("usable");
- key: a key sent to the screen changed, idle, while autosave writes the recovery copy,
  and while a save runs; idle twice: keys sent back to back, and (after the save, with
  nothing left to write) keys 40 ms apart like those during autosave and save, the row
  to hold the autosave and save rows against. Each key is sent on a settled screen;
- save: after keys held through a save (one every 40 ms), the last key to "Saved" shown.

The screen is read, and keys sent, through one tmux client in control mode (`tmux -C`),
a command per look: a child process per look (as before) cost 3-10 ms of a core each,
100 times a second, on the machine the app was measured on, and the figures carried
5-15 ms of polling. Where control mode fails (tmux before 3.2), a child process per look
it is. `python -m benchmarks.terminal_bench FILE` runs it alone.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

Row = tuple[str, float | None, float | None, str]

POLL = 0.005
SETTLED = 0.05
"""A screen unchanged this long is one frame drawn whole, not a frame half written."""
LOST_AFTER = 10.0
"""A key with no answer after this many seconds is counted as lost, not timed. (Keys once
went unanswered about one run in three: the key before had been timed from a frame half
written, so its answer's rest was taken for the next key's; keys now wait for a settled
screen, and a lost key would be the app's.)"""
WIDTH, HEIGHT = 120, 40


class Terminal:
    """One tmux server of our own (its own socket), one window running ARGV."""

    def __init__(self, argv: list[str], cwd: Path):
        self.socket = f"debatemap-bench-{os.getpid()}-{time.monotonic_ns()}"
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        command = " ".join(_quote(a) for a in argv)
        self.started = time.perf_counter()
        subprocess.run(
            [
                "tmux",
                "-L",
                self.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                str(WIDTH),
                "-y",
                str(HEIGHT),
                "-c",
                str(cwd),
                "-e",
                "TERM=xterm-256color",
                "-e",
                "LANG=C.UTF-8",
                command,
            ],
            check=True,
            env=env,
        )
        self.control: subprocess.Popen[str] | None = None
        try:
            self.control = subprocess.Popen(
                ["tmux", "-L", self.socket, "-C", "attach-session", "-f", "no-output,ignore-size"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
            self._command("display-message -p ok")
        except (OSError, RuntimeError):
            self._drop_control()

    def _command(self, command: str) -> list[str]:
        """COMMAND's output lines, through the control-mode client (`RuntimeError` if it
        failed or the client is gone)."""
        control = self.control
        if control is None or control.stdin is None or control.stdout is None:
            raise RuntimeError("no control client")
        control.stdin.write(command + "\n")
        control.stdin.flush()
        lines: list[str] | None = None
        for line in control.stdout:
            line = line.rstrip("\n")
            fields = line.split(" ")
            if lines is None:
                # Blocks of our commands carry flags 1; others (the attach's) are skipped.
                if fields[0] == "%begin" and fields[-1] == "1":
                    lines = []
                continue
            if fields[0] in ("%end", "%error") and len(fields) == 4 and fields[-1] == "1":
                if fields[0] == "%error":
                    raise RuntimeError(f"tmux: {command}: {' '.join(lines)}")
                return lines
            lines.append(line)
        raise RuntimeError("the control client is gone")

    def _drop_control(self) -> None:
        if self.control is not None:
            self.control.kill()
            self.control.wait()
        self.control = None

    def screen(self) -> str:
        if self.control is not None:
            return "\n".join(self._command("capture-pane -p")) + "\n"
        done = subprocess.run(["tmux", "-L", self.socket, "capture-pane", "-p"], capture_output=True, text=True)
        return done.stdout

    def send(self, key: str) -> None:
        if self.control is not None:
            self._command(f"send-keys {key}")
            return
        subprocess.run(["tmux", "-L", self.socket, "send-keys", key], check=True)

    def wait(self, ready, timeout: float = 120.0, what: str = "the screen") -> tuple[float, str]:
        """Seconds until READY(screen) holds, and that screen."""
        start = time.perf_counter()
        while True:
            shown = self.screen()
            if ready(shown):
                return time.perf_counter() - start, shown
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{what} not seen in {timeout:.0f} s")
            time.sleep(POLL)

    lost = 0
    """Keys whose answer never came (see `key`)."""

    def key(self, key: str, timeout: float = LOST_AFTER) -> float | None:
        """Seconds from sending KEY, on a settled screen, to the screen changing; None
        (and counted in `lost`) if it has not changed after TIMEOUT seconds."""
        before = self.settled()
        self.send(key)
        try:
            seconds, _ = self.wait(lambda shown: shown != before, timeout, f"an answer to {key!r}")
        except TimeoutError:
            self.lost += 1
            return None
        return seconds

    def settled(self, quiet: float = SETTLED, longest: float = 1.0) -> str:
        """The screen once it has not changed for QUIET seconds (or LONGEST have passed).

        A look may catch a frame half written, or the first of two frames an answer takes;
        comparing the next key's answer with that would take the rest of this one for it."""
        shown = self.screen()
        start = changed = time.perf_counter()
        while time.perf_counter() - changed < quiet and time.perf_counter() - start < longest:
            time.sleep(POLL)
            now = self.screen()
            if now != shown:
                shown, changed = now, time.perf_counter()
        self.last_change = changed
        return shown

    last_change = 0.0
    """When the screen `settled` waited for last changed (perf_counter)."""

    def close(self) -> None:
        self._drop_control()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def _p95(samples: list[float]) -> float:
    samples = sorted(samples)
    return samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def _tree_shown(screen: str) -> bool:
    # The whole first screen: the title, the footer's keys, an open branch, the panes'
    # border and the selected claim's details. Parts of it may come a frame before the
    # rest, and a key timed from there would take that frame for its answer.
    title = screen.split("\n", 1)[0]
    return "—" in title and "Save" in screen and "▼" in screen and "│" in screen and "Evidence (" in screen


def _paced(term: Terminal, seconds: float) -> list[float]:
    """Times of keys (j and k in turn) sent 40 ms after each answer, for SECONDS."""
    keys: list[float | None] = []
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        keys.append(term.key("j" if len(keys) % 2 else "k"))
        time.sleep(0.04)
    return _answered(keys)


def _answered(times: Iterable[float | None]) -> list[float]:
    return [t for t in times if t is not None]


def _measure(path: Path) -> dict[str, list[float] | float]:
    argv = [sys.executable, "-m", "tui.cli", "open", str(path)]
    term = Terminal(argv, path.parent)
    out: dict[str, list[float] | float] = {}
    try:
        term.wait(lambda shown: shown.strip() != "", what="anything")
        out["first"] = time.perf_counter() - term.started
        term.wait(_tree_shown, what="the tree")
        out["tree"] = time.perf_counter() - term.started
        answered = term.key("j")  # sent once the screen settled: a user could have pressed it then
        out["usable"] = term.last_change - term.started + (answered or LOST_AFTER)
        out["idle"] = _answered(term.key(k) for k in "jk" * 5)
        # An edit makes the debate dirty; the next autosave tick (every 3 s) writes the
        # recovery copy in a thread while keys arrive.
        term.key("j")
        term.key("t")  # the kind of a claim under the motion
        out["autosave"] = _paced(term, 7.0)
        term.key("j")
        term.key("t")
        term.send("C-s")
        out["saving"] = _paced(term, 2.0)  # keys held through the save
        last = time.perf_counter()
        term.wait(lambda shown: "Saved" in shown, 300, "Saved")
        out["save_after_last_key"] = time.perf_counter() - last
        time.sleep(1.0)
        out["idle_paced"] = _paced(term, 3.0)  # saved: nothing left to write
        out["lost"] = float(term.lost)
    finally:
        term.close()
    return out


def terminal_results(toml: Path, repeat: int = 1) -> list[Row]:
    """Rows of (name, median, p95, note) for the app in a real terminal on a copy of TOML."""
    if shutil.which("tmux") is None:
        return [("terminal (all)", None, None, "n/a (no tmux)")]
    runs = []
    for _ in range(max(1, repeat)):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / toml.name
            shutil.copyfile(toml, copy)
            try:
                runs.append(_measure(copy))
            except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not crash
                return [("terminal (all)", None, None, f"failed: {exc}")]

    def row(name: str, key: str, note: str = "") -> Row:
        samples = [s for run in runs for s in (run[key] if isinstance(run[key], list) else [run[key]])]
        return (name, statistics.median(samples), _p95(samples), note or f"{len(samples)} samples")

    lost = sum(value for run in runs if isinstance(value := run["lost"], float))
    return [
        row("terminal: first on screen", "first"),
        row("terminal: tree shown", "tree"),
        row("terminal: usable (tree + key)", "usable"),
        row("terminal: key, idle", "idle"),
        row("terminal: key, idle, 40 ms apart", "idle_paced"),
        row("terminal: key during autosave", "autosave"),
        row("terminal: key during save", "saving"),
        row("terminal: save done after last key", "save_after_last_key", "keys held 2 s from ctrl+s"),
        ("terminal: keys never answered", None, None, f"{lost:.0f} (not in the rows above)"),
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for name, median, p95, note in terminal_results(Path(args[0]), int(args[1]) if len(args) > 1 else 1):
        shown = "n/a" if median is None else f"{median * 1000:8.0f} ms  p95 {p95 * 1000:6.0f} ms"  # type: ignore[operator]
        print(f"{name:38} {shown}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
